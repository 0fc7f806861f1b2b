//! Cleaning text from articles: control characters out, HTML entities decoded;
//! and the order titles sort in.

mod line_edit;
mod suggest;
mod title_order;

pub use line_edit::{Edit, Line};

pub use suggest::{closest, suggestion};
pub use title_order::TitleKey;
pub use title_order::compare as compare_titles;

use std::borrow::Cow;

/// Removes everything that could drive a terminal: C0 controls except tab and
/// newline, DEL, C1 controls, bidi embeddings, overrides and isolates, and
/// whole escape sequences (CSI, OSC, DCS, …,
/// in their 7-bit and 8-bit forms).
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if !has_unsafe_bytes(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(next) if ('\u{20}'..='\u{7e}').contains(&next) => {
                    // Two-character sequence such as `ESC c` or `ESC (`+final.
                    chars.next();
                    if ('\u{20}'..='\u{2f}').contains(&next) {
                        chars.next();
                    }
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `text` holds a control to remove, judged from its UTF-8 bytes:
/// C0 (but tab and newline), DEL, or a C1 control (`C2 80`–`C2 9F`).
fn has_unsafe_bytes(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\t' && b != b'\n')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|next| (0x80..=0x9f).contains(next)))
            // Bidi embeddings, overrides and isolates (U+202A–E, U+2066–9).
            || (b == 0xe2
                && matches!((bytes.get(i + 1), bytes.get(i + 2)), (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))))
    })
}

/// A control character that must never reach the terminal: C0 and C1
/// controls, and the bidi controls that would reorder the rest of a line
/// (a terminal that honours them could show text other than it is).
fn is_unsafe(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c) || is_bidi(c)
}

/// A bidi embedding, override or isolate (U+202A–E, U+2066–9): it would
/// reorder the rest of a line.
pub fn is_bidi(c: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Skips a CSI sequence's parameters and intermediates up to its final byte.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            break;
        }
    }
}

/// Skips an OSC/DCS/PM/APC string up to BEL, ST (`ESC \` or U+009C).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// A one-line field (title, author, category): entities decoded, controls
/// removed, every run of whitespace (newlines, tabs, no-break spaces) made
/// one space, and the ends trimmed.
pub fn clean_field(raw: &str) -> Cow<'_, str> {
    match decode_entities(raw) {
        Cow::Borrowed(decoded) => match strip_controls(decoded) {
            Cow::Borrowed(stripped) => collapse_whitespace(stripped),
            Cow::Owned(stripped) => Cow::Owned(collapse_whitespace(&stripped).into_owned()),
        },
        Cow::Owned(decoded) => Cow::Owned(collapse_whitespace(&strip_controls(&decoded)).into_owned()),
    }
}

/// A URL field: entities decoded by the rules for attribute values (so
/// `?a=1&reg=2` stays as it is), controls and whitespace at the ends removed.
pub fn clean_url(raw: &str) -> String {
    let decoded = if raw.contains('&') { htmlize::unescape_attribute(raw) } else { Cow::Borrowed(raw) };
    let stripped = strip_controls(&decoded);
    let url = stripped.trim();
    if url.contains(['\n', '\t']) {
        url.chars().filter(|c| !matches!(c, '\n' | '\t')).collect()
    } else {
        url.to_owned()
    }
}

/// Decodes HTML entities as in text content (`&nbsp;`, `&#123;`, `&amp;`).
pub fn decode_entities(raw: &str) -> Cow<'_, str> {
    if raw.contains('&') { htmlize::unescape(raw) } else { Cow::Borrowed(raw) }
}

/// Makes every run of whitespace one ASCII space and trims the ends.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    let collapsed = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.chars().any(|c| c.is_whitespace() && c != ' ');
    if collapsed {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// A path or other outside text made safe to print on one terminal line:
/// a control character becomes `?`, and the bidi controls that would
/// reorder the line (U+202A–E, U+2066–9) are dropped, as the reader drops
/// them.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_bidi(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_bidi(c)).map(|c| if c.is_control() { '?' } else { c }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_drops_bidi_controls_and_marks_controls() {
        assert_eq!(printable("evil\u{202e}gpj.exe"), "evilgpj.exe");
        assert_eq!(printable("a\u{2066}b\u{2069}\u{1b}[2J"), "ab?[2J");
        assert!(matches!(printable("plain 文字"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(strip_controls("abc\u{202e}fed\u{202c} \u{2067}x\u{2069}"), "abcfed x");
        assert_eq!(strip_controls("עברית \u{200f}mark"), "עברית \u{200f}mark", "marks stay");
    }

    #[test]
    fn plain_text_is_untouched() {
        assert_eq!(strip_controls("俄罗斯 Ukraine\tx\ny"), "俄罗斯 Ukraine\tx\ny");
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(strip_controls("a\u{1b}[2Jb"), "ab");
        assert_eq!(strip_controls("a\u{1b}[1;31mred\u{1b}[0m"), "ared");
        assert_eq!(strip_controls("x\u{1b}]52;c;aGVsbG8=\u{7}y"), "xy");
        assert_eq!(strip_controls("x\u{1b}]0;title\u{1b}\\y"), "xy");
        assert_eq!(strip_controls("x\u{1b}Py"), "x");
        assert_eq!(strip_controls("x\u{1b}cy"), "xy");
        assert_eq!(strip_controls("x\u{1b}(By"), "xy");
        assert_eq!(strip_controls("x\u{9b}31my"), "xy");
        assert_eq!(strip_controls("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn lone_controls_are_removed() {
        assert_eq!(strip_controls("a\u{0}b\u{7}c\u{7f}d\u{85}e\r"), "abcde");
    }

    #[test]
    fn whitespace_collapses() {
        for (raw, want) in [
            ("a b", "a b"),
            ("  a   b ", "a b"),
            ("a\tb\nc", "a b c"),
            ("俄罗斯 乌克兰", "俄罗斯 乌克兰"),
            ("俄罗斯\u{3000}乌克兰", "俄罗斯 乌克兰"),
            ("俄罗斯  乌克兰 ", "俄罗斯 乌克兰"),
            ("\u{a0}x\u{a0}", "x"),
            ("", ""),
        ] {
            assert_eq!(collapse_whitespace(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn fields_are_decoded_and_collapsed() {
        assert_eq!(clean_field("_AC_&nbsp;SQUARE  ENIX"), "_AC_ SQUARE ENIX");
        assert_eq!(clean_field("JSON &#123;\"a\":1&#125;"), "JSON {\"a\":1}");
        assert_eq!(clean_field(" Tom &amp; Jerry\n"), "Tom & Jerry");
        assert_eq!(clean_field("evil\u{1b}[2Jtitle"), "eviltitle");
    }

    #[test]
    fn urls_keep_query_ampersands() {
        assert_eq!(
            clean_url("https://x.test/a.jpg?w=770&resize=770%2C433&reg=1"),
            "https://x.test/a.jpg?w=770&resize=770%2C433&reg=1"
        );
        assert_eq!(clean_url("https://x.test/&#123;id&#125;.png?a=1&amp;b=2"), "https://x.test/{id}.png?a=1&b=2");
    }
}
