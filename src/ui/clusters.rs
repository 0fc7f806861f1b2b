//! Emoji sequences that terminals draw at different widths — joined by
//! U+200D (👨‍👩‍👧), with a variation selector (❤️), a skin tone (👍🏽), a
//! keycap (1️⃣) or tag characters (🏴 flags) — are drawn as their first
//! character, padded with spaces to the columns ratatui gave them; a flag
//! of regional indicators (🇯🇵) as its two letters (`JP`). One
//! terminal draws 👨‍👩‍👧 in two columns, another in six, tmux's ❤️ in one:
//! ratatui cannot know which, and a row drawn at another width than it
//! counts leaves stale or shifted cells behind. A lone character's width
//! every terminal agrees on, so the screen and ratatui's model stay one.

use ratatui::buffer::Buffer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces each such cluster in `buffer` as described above.
pub fn settle(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let Some((stand_in, columns)) = stand_in(buffer[(x, y)].symbol()) else {
                x += 1;
                continue;
            };
            // The stand-in, then spaces of the cluster's style over the
            // columns it covered, drawn like any other cell.
            let style = buffer[(x, y)].style();
            let mut column = 0;
            for c in stand_in.chars().chain(std::iter::repeat(' ')) {
                let Some(at) = u16::try_from(column).ok().and_then(|c| x.checked_add(c)) else { break };
                if column >= columns || at >= area.right() {
                    break;
                }
                buffer[(at, y)].reset();
                buffer[(at, y)].set_char(c).set_style(style);
                column += c.width().unwrap_or(1).max(1);
            }
            x = x.saturating_add(u16::try_from(columns.max(1)).unwrap_or(u16::MAX));
        }
    }
}

/// What to draw for a cell's symbol that is a cluster of that kind, and
/// the columns ratatui gave it: a flag's letters, else the first character
/// if it fits (a wide one given one column, ⌚︎, is `?`: a stand-in, not a
/// gap), else nothing.
fn stand_in(symbol: &str) -> Option<(String, usize)> {
    if let Some(flag) = flag_letters(symbol) {
        return Some(flag);
    }
    let (base, columns) = unsettled(symbol)?;
    let drawn = match base {
        Some(base) if base.width().is_some_and(|w| w > 0 && w <= columns) => base.to_string(),
        Some(_) => "?".to_owned(),
        None => String::new(),
    };
    Some((drawn, columns))
}

/// A cell's symbol that is a cluster of that kind: its first character
/// (`None` if it has none worth drawing) and the columns it was given.
fn unsettled(symbol: &str) -> Option<(Option<char>, usize)> {
    let mut chars = symbol.chars();
    let first = chars.next()?;
    chars.clone().next()?;
    if !is_unsettling(first) && !chars.any(is_unsettling) {
        return None;
    }
    let base = Some(first).filter(|c| !is_unsettling(*c) && !c.is_control());
    Some((base, symbol.width()))
}

/// A flag written in regional indicators (🇯🇵) as its letters (`JP`),
/// and the columns it was given: one terminal draws the pair as one
/// flag, tmux each letter in a column of its own.
fn flag_letters(symbol: &str) -> Option<(String, usize)> {
    let first = symbol.chars().next()?;
    if !is_regional_indicator(first) {
        return None;
    }
    let letters = symbol
        .chars()
        .filter(|&c| is_regional_indicator(c))
        .filter_map(|c| char::from_u32(u32::from('A') + (u32::from(c) - 0x1f1e6)))
        .collect();
    Some((letters, symbol.width()))
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// A character whose part in a cluster's width terminals disagree on.
fn is_unsettling(c: char) -> bool {
    matches!(c,
        '\u{200d}'                      // zero-width joiner
        | '\u{fe0e}' | '\u{fe0f}'       // text / emoji presentation
        | '\u{20e3}'                    // combining keycap
        | '\u{1f3fb}'..='\u{1f3ff}'     // skin tones
        | '\u{e0020}'..='\u{e007f}'     // tags (subdivision flags)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Modifier, Style};

    fn settled(text: &str, width: u16) -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
        buffer.set_string(0, 0, text, Style::default().add_modifier(Modifier::REVERSED));
        settle(&mut buffer);
        buffer
    }

    fn symbols(buffer: &Buffer) -> Vec<String> {
        buffer.content.iter().map(|cell| cell.symbol().to_owned()).collect()
    }

    #[test]
    fn a_joined_emoji_is_its_first_in_the_same_columns() {
        let family = "a\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}b";
        let before = {
            let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
            buffer.set_string(0, 0, family, Style::default());
            symbols(&buffer)
        };
        // ratatui gives the family two columns.
        assert_eq!(before[3], "b");
        let buffer = settled(family, 6);
        assert_eq!(symbols(&buffer), ["a", "\u{1f468}", " ", "b", " ", " "]);
    }

    #[test]
    fn a_narrow_base_is_padded_with_a_space_of_the_clusters_style() {
        // ❤️ (U+2764 U+FE0F): two columns to ratatui, one to tmux.
        let buffer = settled("\u{2764}\u{fe0f}x", 4);
        assert_eq!(symbols(&buffer), ["\u{2764}", " ", "x", " "]);
        assert!(buffer.content[1].modifier.contains(Modifier::REVERSED), "the pad keeps the highlight");
        let keycap = "1\u{fe0f}\u{20e3}";
        let buffer = settled(&format!("{keycap}!"), 4);
        let columns = keycap.width();
        assert_eq!(symbols(&buffer)[0], "1");
        assert!(symbols(&buffer)[1..columns].iter().all(|s| s == " "), "{:?}", symbols(&buffer));
        assert_eq!(symbols(&buffer)[columns], "!");
    }

    #[test]
    fn skin_tones_flags_of_tags_and_presentation_selectors_settle() {
        let buffer = settled("\u{1f44d}\u{1f3fd}.", 3);
        assert_eq!(symbols(&buffer), ["\u{1f44d}", " ", "."]);
        let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        let buffer = settled(scotland, 3);
        assert_eq!(symbols(&buffer)[0], "\u{1f3f4}");
        let buffer = settled("\u{263a}\u{fe0e}", 2);
        assert_eq!(symbols(&buffer)[0], "\u{263a}");
    }

    #[test]
    fn other_clusters_and_lone_characters_are_left_alone() {
        for text in ["e\u{301}", "\u{1100}\u{1161}\u{11a8}", "中文", "\u{1f468}"] {
            let mut expected = Buffer::empty(Rect::new(0, 0, 4, 1));
            expected.set_string(0, 0, text, Style::default().add_modifier(Modifier::REVERSED));
            assert_eq!(settled(text, 4), expected, "{text}");
        }
    }

    #[test]
    fn flags_of_regional_indicators_are_their_letters() {
        let buffer = settled("\u{1f1ef}\u{1f1f5}\u{1f1fa}\u{1f1f8}!", 6);
        assert_eq!(symbols(&buffer), ["J", "P", "U", "S", "!", " "]);
        assert!(buffer.content[1].modifier.contains(Modifier::REVERSED), "the letters keep the style");
        let lone = "\u{1f1ef}";
        let buffer = settled(&format!("{lone}x"), 3);
        assert_eq!(symbols(&buffer)[0], "J");
        assert_eq!(symbols(&buffer)[lone.width()], "x");
    }

    #[test]
    fn a_wide_character_given_one_column_is_a_stand_in() {
        let watch = "\u{231a}\u{fe0e}";
        let buffer = settled(&format!("{watch}x"), 3);
        assert_eq!(symbols(&buffer)[0], if watch.width() == 1 { "?" } else { "\u{231a}" });
        assert_eq!(symbols(&buffer)[watch.width()], "x");
    }

    #[test]
    fn a_cluster_at_the_right_edge_pads_no_further() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 1));
        buffer.set_string(0, 0, "ab", Style::default());
        buffer[(2, 0)].set_symbol("\u{2764}\u{fe0f}");
        settle(&mut buffer);
        assert_eq!(symbols(&buffer), ["a", "b", "\u{2764}"]);
    }
}
