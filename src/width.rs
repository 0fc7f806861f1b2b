//! Display-width arithmetic: cutting text to a number of terminal columns.

use std::sync::atomic::{AtomicBool, Ordering};

/// East Asian ambiguous characters (`“`, `…`, `①`, box drawing) take two
/// columns (config.toml's `ambiguous_width = 2`, for CJK terminals).
static AMBIGUOUS_WIDE: AtomicBool = AtomicBool::new(false);

/// Sets how wide East Asian ambiguous characters are, for the whole run.
pub fn set_ambiguous_wide(wide: bool) {
    AMBIGUOUS_WIDE.store(wide, Ordering::Relaxed);
}

/// Whether ambiguous characters take two columns.
pub fn ambiguous_wide() -> bool {
    AMBIGUOUS_WIDE.load(Ordering::Relaxed)
}

/// Display width, ambiguous characters counted as set.
pub trait DisplayWidth {
    fn width(&self) -> usize;
}

impl DisplayWidth for str {
    fn width(&self) -> usize {
        if ambiguous_wide() {
            unicode_width::UnicodeWidthStr::width_cjk(self)
        } else {
            unicode_width::UnicodeWidthStr::width(self)
        }
    }
}

/// Columns `c` takes (0 for controls and marks).
pub fn char_width(c: char) -> usize {
    let width = if ambiguous_wide() {
        unicode_width::UnicodeWidthChar::width_cjk(c)
    } else {
        unicode_width::UnicodeWidthChar::width(c)
    };
    width.unwrap_or(0)
}

/// Whether `c` is wider with `ambiguous_width = 2` than without.
pub fn is_ambiguous(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width_cjk(c) != unicode_width::UnicodeWidthChar::width(c)
}

/// Columns `text` takes in a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `max` columns, ending in `…` when it was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut cut = prefix_within(text, max - 1).to_owned();
    cut.push('…');
    cut
}

/// `text` cut (with `…`) and padded with spaces to exactly `columns`.
pub fn fit(text: &str, columns: usize) -> String {
    let full = text.width();
    let (mut out, used) = if full <= columns {
        (text.to_owned(), full)
    } else {
        let cut = truncate(text, columns);
        let used = cut.width();
        (cut, used)
    };
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// The longest prefix of `text` at most `max` columns wide, cut between
/// characters and never leaving a combining mark or variation selector
/// without its base.
fn prefix_within(text: &str, max: usize) -> &str {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).chain([text.len()]).collect();
    // Prefix widths only grow, so the last fitting boundary is found by bisection.
    let fitting = bounds.partition_point(|&end| text[..end].width() <= max);
    let mut end = if fitting == 0 { 0 } else { bounds[fitting - 1] };
    while end > 0 && end < text.len() && text[end..].chars().next().is_some_and(is_mark) {
        end = text[..end].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    &text[..end]
}

/// A zero-width character that belongs to the character before it.
fn is_mark(c: char) -> bool {
    c != '\u{200d}' && unicode_width::UnicodeWidthChar::width(c) == Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_cut_by_columns() {
        assert_eq!(truncate("俄罗斯希望", 10), "俄罗斯希望");
        assert_eq!(truncate("俄罗斯希望", 9), "俄罗斯希…");
        assert_eq!(truncate("俄罗斯希望", 8), "俄罗斯…");
        assert_eq!(fit("俄罗斯希望", 8), "俄罗斯… ");
        assert_eq!(fit("ab", 4), "ab  ");
    }

    #[test]
    fn emoji_with_variation_selector_counts_two() {
        assert_eq!(width("❤\u{fe0f}"), 2);
        assert_eq!(truncate("a❤\u{fe0f}b", 3), "a…");
        assert!(width(&fit("a❤\u{fe0f}bcd", 4)) == 4);
    }

    #[test]
    fn never_wider_than_asked() {
        let text = "Hot Chips 34：摆脱x86束缚 英伟达详解Grace服务器CPU设计 e\u{301}❤\u{fe0f}🇯🇵";
        for max in 0..60 {
            assert!(width(&truncate(text, max)) <= max, "{max}");
            assert_eq!(width(&fit(text, max)), max, "{max}");
        }
    }
}
