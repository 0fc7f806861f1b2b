//! Collecting inline text: HTML whitespace collapsing (with no space left
//! where a line break stood between two CJK characters), styles merged into
//! spans, forced breaks kept as `\n`.

use super::{Span, Style, Text};
use crate::text::strip_controls;
use unicode_width::UnicodeWidthChar;

/// The text of the block being built.
#[derive(Debug, Default)]
pub struct Inline {
    spans: Vec<Span>,
    /// Whitespace was seen since the last character; `true` if it held a
    /// line break (which vanishes between two wide characters).
    pending: Option<bool>,
    /// The pending space is only `soft_space`'s (none was in the text).
    soft: bool,
    last: Option<char>,
}

impl Inline {
    pub fn is_empty(&self) -> bool {
        self.last.is_none()
    }

    /// Appends HTML text, collapsing whitespace.
    pub fn push_text(&mut self, raw: &str, style: Style) {
        let text = strip_controls(raw);
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                let line_break = c == '\n' || c == '\r';
                self.pending = Some(self.pending.unwrap_or(false) || line_break);
                self.soft = false;
                continue;
            }
            self.push_char(c, style);
        }
    }

    /// Appends text exactly as it is (preformatted).
    pub fn push_raw(&mut self, raw: &str, style: Style) {
        for c in strip_controls(raw).chars() {
            if c != '\r' {
                self.put(c, style);
            }
        }
    }

    /// Appends a generated piece (`[image 3]`, `[4]`) as one word.
    pub fn push_marker(&mut self, marker: &str, style: Style) {
        for c in marker.chars() {
            self.push_char(c, style);
        }
    }

    fn push_char(&mut self, c: char, style: Style) {
        let soft = std::mem::take(&mut self.soft);
        if let (Some(line_break), Some(last)) = (self.pending.take(), self.last) {
            let between_wide = line_break && is_wide(last) && is_wide(c);
            // `[image 1].`, not `[image 1] .`: a space no text had does not
            // go before closing punctuation.
            let before_closing = soft && is_closing_punctuation(c);
            if last != '\n' && !between_wide && !before_closing {
                // The space belongs with the text before it.
                let before = self.spans.last().map_or(style, |span| span.style);
                self.put(' ', before);
            }
        }
        self.put(c, style);
    }

    fn put(&mut self, c: char, style: Style) {
        match self.spans.last_mut() {
            Some(span) if span.style == style => span.text.push(c),
            _ => self.spans.push(Span { text: c.to_string(), style }),
        }
        self.last = Some(c);
    }

    /// A forced line break (`<br>`).
    pub fn hard_break(&mut self) {
        self.pending = None;
        self.trim_trailing_spaces();
        self.put('\n', Style::PLAIN);
    }

    /// A break between block-like pieces inside a cell or caption.
    pub fn break_if_not_empty(&mut self) {
        if self.last.is_some_and(|c| c != '\n') {
            self.hard_break();
        }
    }

    /// A space between two pieces that must not run together.
    pub fn soft_space(&mut self) {
        if self.last.is_some() {
            self.soft = self.pending.is_none();
            self.pending = Some(self.pending.unwrap_or(false));
        }
    }

    fn trim_trailing_spaces(&mut self) {
        while let Some(span) = self.spans.last_mut() {
            let kept = span.text.trim_end_matches(' ').len();
            span.text.truncate(kept);
            if !span.text.is_empty() {
                break;
            }
            self.spans.pop();
        }
    }

    /// The text so far, trimmed of breaks and spaces at both ends; the
    /// buffer is left empty.
    pub fn take(&mut self) -> Text {
        let mut spans = std::mem::take(&mut self.spans);
        self.pending = None;
        self.soft = false;
        self.last = None;
        while let Some(last) = spans.last_mut() {
            let kept = last.text.trim_end_matches([' ', '\n']).len();
            last.text.truncate(kept);
            if !last.text.is_empty() {
                break;
            }
            spans.pop();
        }
        while let Some(first) = spans.first_mut() {
            let start = first.text.len() - first.text.trim_start_matches([' ', '\n']).len();
            first.text.drain(..start);
            if !first.text.is_empty() {
                break;
            }
            spans.remove(0);
        }
        collapse_blank_lines(&mut spans);
        // Grown a character at a time: what was reserved beyond the text
        // is given back (a large article holds a few hundred thousand).
        for span in &mut spans {
            span.text.shrink_to_fit();
        }
        spans.shrink_to_fit();
        Text::new(spans)
    }

    /// Preformatted text as it is: the first line break after `<pre>` and
    /// trailing blank lines dropped.
    pub fn take_raw(&mut self) -> String {
        let text: String = std::mem::take(&mut self.spans).into_iter().map(|s| s.text).collect();
        self.pending = None;
        self.last = None;
        let text = text.strip_prefix('\n').unwrap_or(&text);
        text.trim_end_matches(['\n', ' ']).to_owned()
    }

    /// The plain text since span `from` (for a link's text).
    pub fn span_count(&self) -> usize {
        self.spans.len()
    }

    pub fn text_since(&self, from: usize, from_len: usize) -> String {
        let mut out = String::new();
        for (i, span) in self.spans.iter().enumerate().skip(from) {
            let start = if i == from { from_len.min(span.text.len()) } else { 0 };
            out.push_str(span.text.get(start..).unwrap_or_default());
        }
        out
    }

    /// Length of the last span's text (where a link starts inside it).
    pub fn last_span_len(&self) -> usize {
        self.spans.last().map_or(0, |s| s.text.len())
    }
}

/// `\n\n\n` inside a paragraph (from `<br><br><br>`) becomes `\n\n`.
fn collapse_blank_lines(spans: &mut [Span]) {
    let mut newlines = 0;
    for span in spans.iter_mut() {
        if !span.text.contains('\n') {
            newlines = 0;
            continue;
        }
        let mut kept = String::with_capacity(span.text.len());
        for c in span.text.chars() {
            if c == '\n' {
                newlines += 1;
                if newlines > 2 {
                    continue;
                }
            } else {
                newlines = 0;
            }
            kept.push(c);
        }
        span.text = kept;
    }
}

/// Two columns wide: CJK ideographs, kana, full-width forms.
fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// Punctuation that closes what comes before it, and never starts a word.
fn is_closing_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…')
        || matches!(c, '，' | '。' | '、' | '！' | '？' | '；' | '：' | '）' | '」' | '』' | '】' | '》' | '〉' | '〕')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_soft_space_does_not_go_before_closing_punctuation() {
        let joined = |after: &str| {
            let mut inline = Inline::default();
            inline.push_text("See", Style::PLAIN);
            inline.soft_space();
            inline.push_marker("[image 1]", Style::MARKER);
            inline.soft_space();
            inline.push_text(after, Style::PLAIN);
            inline.take().spans.iter().map(|s| s.text.as_str()).collect::<String>()
        };
        assert_eq!(joined(". Next"), "See [image 1]. Next");
        assert_eq!(joined("，然后"), "See [image 1]，然后");
        assert_eq!(joined("next"), "See [image 1] next");
        // A space the text had stays.
        assert_eq!(joined(" ."), "See [image 1] .");
    }

    fn text(parts: &[&str]) -> String {
        let mut inline = Inline::default();
        for part in parts {
            inline.push_text(part, Style::PLAIN);
        }
        inline.take().to_plain()
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(text(&["  a \n\t b  ", " c "]), "a b c");
        assert_eq!(text(&["中文\n中文"]), "中文中文");
        assert_eq!(text(&["中文 中文"]), "中文 中文");
        assert_eq!(text(&["English\n中文"]), "English 中文");
        assert_eq!(text(&["\u{3000}\u{3000}段落"]), "\u{3000}\u{3000}段落");
    }

    #[test]
    fn breaks_and_blank_lines() {
        let mut inline = Inline::default();
        inline.push_text("a ", Style::PLAIN);
        for _ in 0..4 {
            inline.hard_break();
        }
        inline.push_text(" b", Style::PLAIN);
        inline.hard_break();
        assert_eq!(inline.take().to_plain(), "a\n\nb");
    }

    #[test]
    fn styles_make_spans() {
        let mut inline = Inline::default();
        inline.push_text("plain ", Style::PLAIN);
        inline.push_text("bold", Style::STRONG);
        inline.push_text(" more", Style::STRONG);
        let text = inline.take();
        assert_eq!(text.spans.len(), 2);
        assert_eq!(text.spans[1].text, "bold more");
    }
}
