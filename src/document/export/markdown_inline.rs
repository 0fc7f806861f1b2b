//! Inline Markdown: text escaped so that nothing in it turns into Markdown
//! syntax, emphasis as `*`, `**` and `~~` where CommonMark's delimiter
//! rules will read them back (else as `<em>`, `<strong>`, `<del>`, which
//! CJK text next to punctuation often needs), code spans, links, images.

use super::inline::{Inline, Styling};
use super::urls::markdown_destination;
use crate::document::LinkKind;

/// Where inline text stands, which changes what must be escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A paragraph: a line may not start with block syntax (`#`, `1.`, `>`).
    Paragraph,
    /// A heading's text, on the line of its `#`s.
    Heading,
    /// A table cell: `|` is escaped and a line break is `<br>`.
    Cell,
}

/// `inlines` as Markdown.
pub fn write(inlines: &[Inline], place: Place) -> String {
    let mut writer = Writer { out: String::new(), place, line_start: place == Place::Paragraph, top: true };
    writer.inlines(inlines);
    writer.out
}

struct Writer {
    out: String,
    place: Place,
    /// The text written so far starts a line (escapes for block syntax).
    line_start: bool,
    /// The block's own text, not a link's or an emphasis's inside it:
    /// nothing stands before its start or after its end.
    top: bool,
}

impl Writer {
    fn nested(&self) -> Writer {
        Writer { out: String::new(), place: self.place, line_start: false, top: false }
    }

    fn at_line_start(&self) -> bool {
        (self.out.is_empty() && self.line_start) || (self.place == Place::Paragraph && self.out.ends_with('\n'))
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for (i, inline) in inlines.iter().enumerate() {
            let after = match inlines.get(i + 1) {
                // The end of the block's text, or of a line.
                None if self.top => Next::Space,
                Some(Inline::Break) => Next::Space,
                Some(Inline::Text(text)) => match text.chars().next() {
                    Some(c) if c.is_whitespace() => Next::Space,
                    Some(c) if !c.is_alphanumeric() && !is_delimiter(c) => Next::Punctuation,
                    _ => Next::Other,
                },
                Some(Inline::Styled(..)) => Next::Styled,
                _ => Next::Other,
            };
            self.inline(inline, after);
        }
    }

    fn inline(&mut self, inline: &Inline, after: Next) {
        match inline {
            Inline::Text(text) => self.text(text),
            Inline::Break if self.place == Place::Cell => self.out.push_str("<br>"),
            Inline::Break if self.place == Place::Heading => self.out.push(' '),
            Inline::Break => self.out.push_str("\\\n"),
            Inline::Styled(emphasis, children) => self.styled(*emphasis, children, after),
            Inline::Code(code) => self.code(code),
            Inline::Link { url, content } => {
                let mut inner = self.nested();
                inner.inlines(content);
                let text = if inner.out.trim().is_empty() { escaped(url, self.place) } else { inner.out };
                self.out.push('[');
                self.out.push_str(&text);
                self.out.push_str("](");
                self.out.push_str(&markdown_destination(url));
                self.out.push(')');
            }
            Inline::Image { url, alt } => {
                self.out.push_str("![");
                self.out.push_str(&escaped(alt, self.place));
                self.out.push_str("](");
                self.out.push_str(&markdown_destination(url));
                self.out.push(')');
            }
            Inline::Media { kind, url } => {
                let label = if *kind == LinkKind::Audio { "audio" } else { "video" };
                self.out.push_str(&format!("[{label}]({})", markdown_destination(url)));
            }
            // A task list's box only where Markdown reads one: an item's start.
            Inline::Task { done } if self.out.is_empty() && self.line_start => {
                self.out.push_str(if *done { "[x]" } else { "[ ]" })
            }
            Inline::Task { done } => self.out.push_str(if *done { "\\[x\\]" } else { "\\[ \\]" }),
        }
    }

    fn text(&mut self, text: &str) {
        let mut line_start = self.at_line_start();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let before = if at == 0 { self.out.chars().next_back() } else { text[..at].chars().next_back() };
            let after = chars.peek().map(|(_, c)| *c);
            if line_start {
                line_start = false;
                if let Some(digits) = ordered_marker_digits(&text[at..]) {
                    // `1.` or `1)` would start a list: the digits, then `\.`.
                    self.out.push_str(&text[at..at + digits]);
                    self.out.push('\\');
                    for _ in 1..digits {
                        chars.next();
                    }
                    continue;
                }
                if matches!(c, '#' | '>' | '-' | '+' | '=' | '|') {
                    self.out.push('\\');
                    self.out.push(c);
                    continue;
                }
            }
            if needs_escape(c, before, after, &text.as_bytes()[at..], self.place) {
                self.out.push('\\');
            }
            self.out.push(c);
        }
    }

    fn styled(&mut self, emphasis: Styling, children: &[Inline], after: Next) {
        let mut inner = self.nested();
        inner.inlines(children);
        let content = inner.out.trim_matches(' ');
        if content.is_empty() {
            self.out.push_str(&inner.out);
            return;
        }
        let leading = &inner.out[..inner.out.len() - inner.out.trim_start_matches(' ').len()];
        let trailing = &inner.out[inner.out.trim_end_matches(' ').len()..];
        // CommonMark's flanking rules: `*` opens before a letter or digit,
        // or before punctuation when a space or punctuation is before it
        // (and closes likewise, mirrored); next to another delimiter it
        // would join that run.
        let before = if !leading.is_empty() {
            Next::Space
        } else {
            match self.out.chars().next_back() {
                None if self.top => Next::Space,
                Some(c) if c.is_whitespace() => Next::Space,
                Some(c) if !c.is_alphanumeric() && !is_delimiter(c) => Next::Punctuation,
                _ => Next::Other,
            }
        };
        let after = if trailing.is_empty() { after } else { Next::Space };
        let edge = |c: Option<char>, outside: Next| {
            c.is_some_and(char::is_alphanumeric)
                || (c.is_some_and(|c| !is_delimiter(c)) && matches!(outside, Next::Space | Next::Punctuation))
        };
        let opens = edge(content.chars().next(), before) && !self.out.ends_with(['*', '~', '_']);
        let closes = edge(content.chars().next_back(), after) && after != Next::Styled;
        let (open, close) = match emphasis {
            _ if !(opens && closes) => match emphasis {
                Styling::Strong => ("<strong>", "</strong>"),
                Styling::Emphasis => ("<em>", "</em>"),
                Styling::Strike => ("<del>", "</del>"),
            },
            Styling::Strong => ("**", "**"),
            Styling::Emphasis => ("*", "*"),
            Styling::Strike => ("~~", "~~"),
        };
        self.out.push_str(leading);
        self.out.push_str(open);
        self.out.push_str(content);
        self.out.push_str(close);
        self.out.push_str(trailing);
    }

    fn code(&mut self, code: &str) {
        if code.is_empty() {
            return;
        }
        let code = if self.place == Place::Cell { code.replace('|', "\\|") } else { code.to_owned() };
        let longest = longest_run(&code, '`');
        let fence = "`".repeat(longest + 1);
        let all_spaces = code.chars().all(|c| c == ' ');
        let pad = code.starts_with('`')
            || code.ends_with('`')
            || (code.starts_with(' ') && code.ends_with(' ') && !all_spaces);
        let pad = if pad { " " } else { "" };
        self.out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
    }
}

/// What stands next to an emphasis's delimiter, outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A space, a line's start or end.
    Space,
    Punctuation,
    /// More emphasis: its delimiters would join.
    Styled,
    /// A letter or digit, or what cannot be told.
    Other,
}

/// Characters that make delimiter runs (and `\`, which escapes).
fn is_delimiter(c: char) -> bool {
    matches!(c, '*' | '_' | '~' | '\\')
}

/// `text` escaped as inline text (never at a line's start).
fn escaped(text: &str, place: Place) -> String {
    let mut writer = Writer { out: String::new(), place, line_start: false, top: false };
    writer.text(text);
    writer.out
}

/// Whether `c` must be escaped wherever it stands: the characters that
/// open inline syntax, `_` at a word's edge (inside `snake_case` it is
/// text), `&` that would begin an entity, `|` in a table cell, `#` in a
/// heading (a closing sequence would be dropped).
fn needs_escape(c: char, before: Option<char>, after: Option<char>, rest: &[u8], place: Place) -> bool {
    match c {
        '\\' | '`' | '*' | '[' | ']' | '<' | '~' => true,
        '_' => !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)),
        '&' => looks_like_entity(rest),
        '|' => place == Place::Cell,
        '#' => place == Place::Heading,
        _ => false,
    }
}

/// `&amp;`, `&#123;`, `&#x1F;`: `&`, letters, digits or `#`, then `;`.
fn looks_like_entity(rest: &[u8]) -> bool {
    let name = rest.iter().skip(1).take_while(|b| b.is_ascii_alphanumeric() || **b == b'#').count();
    name > 0 && rest.get(1 + name) == Some(&b';')
}

/// The number of digits at the start of `text` when they are followed by
/// `.` or `)` (an ordered list's marker).
fn ordered_marker_digits(text: &str) -> Option<usize> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && text[digits..].starts_with(['.', ')'])).then_some(digits)
}

fn longest_run(text: &str, of: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == of { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> String {
        write(&[Inline::Text(text.to_owned())], Place::Paragraph)
    }

    #[test]
    fn text_that_would_be_syntax_is_escaped() {
        assert_eq!(text("1. not a list"), "1\\. not a list");
        assert_eq!(text("2021) a year"), "2021\\) a year");
        assert_eq!(text("# not a heading"), "\\# not a heading");
        assert_eq!(text("> not a quote"), "\\> not a quote");
        assert_eq!(text("- not an item"), "\\- not an item");
        assert_eq!(text("a *b* [c](d) `e` <f> ~g~ \\"), "a \\*b\\* \\[c\\](d) \\`e\\` \\<f> \\~g\\~ \\\\");
        assert_eq!(text("snake_case and _word_"), "snake_case and \\_word\\_");
        assert_eq!(text("&amp; & x"), "\\&amp; & x");
        assert_eq!(text("中文：1. 不是列表"), "中文：1. 不是列表");
        let broken = [Inline::Text("a".into()), Inline::Break, Inline::Text("# b".into())];
        assert_eq!(write(&broken, Place::Paragraph), "a\\\n\\# b");
        assert_eq!(write(&[Inline::Text("a | b".into())], Place::Cell), "a \\| b");
        assert_eq!(write(&[Inline::Text("C #".into())], Place::Heading), "C \\#");
    }

    #[test]
    fn emphasis_where_commonmark_reads_it() {
        let strong = |text: &str| Inline::Styled(Styling::Strong, vec![Inline::Text(text.to_owned())]);
        let written = write(&[Inline::Text("中".into()), strong("文字"), Inline::Text("中".into())], Place::Paragraph);
        assert_eq!(written, "中**文字**中");
        // Punctuation inside the edge: CommonMark would not close `**`.
        let written =
            write(&[Inline::Text("中".into()), strong("「引用」"), Inline::Text("中".into())], Place::Paragraph);
        assert_eq!(written, "中<strong>「引用」</strong>中");
        // A space inside the edge goes outside.
        assert_eq!(write(&[strong("bold "), Inline::Text("next".into())], Place::Paragraph), "**bold** next");
        let two = [strong("a"), Inline::Styled(Styling::Emphasis, vec![Inline::Text("b".into())])];
        assert_eq!(write(&two, Place::Paragraph), "<strong>a</strong>*b*");
    }

    #[test]
    fn code_spans_links_and_images() {
        assert_eq!(write(&[Inline::Code("a`b".into())], Place::Paragraph), "``a`b``");
        assert_eq!(write(&[Inline::Code("`x`".into())], Place::Paragraph), "`` `x` ``");
        assert_eq!(write(&[Inline::Code("a|b".into())], Place::Cell), "`a\\|b`");
        let link = Inline::Link { url: "https://x.test/a b".into(), content: vec![Inline::Text("[1]".into())] };
        assert_eq!(write(&[link], Place::Paragraph), "[\\[1\\]](<https://x.test/a b>)");
        let image = Inline::Image { url: "/lib/p.png".into(), alt: "a*b".into() };
        assert_eq!(write(&[image], Place::Paragraph), "![a\\*b](/lib/p.png)");
        let task = [Inline::Task { done: true }, Inline::Text(" done".into())];
        assert_eq!(write(&task, Place::Paragraph), "[x] done");
    }
}
