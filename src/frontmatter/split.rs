//! Finding the front-matter block, in every fence the generators accept:
//! YAML from `---` to `---` or `...` (Jekyll, Hexo, Hugo), TOML between
//! `+++` lines (Hugo, Zola), a JSON object at the top (Hugo), JSON members
//! ending at `;;;` (Hexo), and Hexo's block without an opening fence
//! (`key: value` lines up to a `---`); after blank lines and a BOM, with
//! LF or CRLF line ends.

/// What a block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
    /// A whole JSON object, braces included.
    Json,
    /// JSON members without their braces (Hexo's `;;;` block).
    JsonMembers,
}

/// A file's text cut into its front-matter block and its body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The block between the fences (`None`: the file has no block).
    pub block: Option<&'a str>,
    pub syntax: Syntax,
    /// Everything after the block.
    pub body: &'a str,
    /// The block opens but never closes; `block` holds the lines that look
    /// like front matter and `body` starts at the first that does not.
    pub unclosed: bool,
}

/// Cuts `text` into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let no_block = Split { block: None, syntax: Syntax::Yaml, body: text, unclosed: false };
    let mut lines = Lines { text, pos: text.strip_prefix('\u{feff}').map_or(0, |_| 3) };
    let (first, first_start) = loop {
        match lines.next() {
            Some((line, _)) if line.trim().is_empty() => continue,
            Some(found) => break found,
            None => return no_block,
        }
    };
    let fence = first.trim_end();
    let opening = lines.pos;
    match fence {
        "---" => yaml_block(text, lines, opening).unwrap_or(no_block),
        "+++" => fenced(text, lines, opening, "+++", Syntax::Toml).unwrap_or(no_block),
        ";;;" => fenced(text, lines, opening, ";;;", Syntax::JsonMembers).unwrap_or(no_block),
        _ if fence.starts_with('{') => json_object(text, first_start).unwrap_or(no_block),
        _ => unfenced(text, first, first_start, lines).unwrap_or(no_block),
    }
}

/// A YAML block opened by `---` at `opening`.
fn yaml_block<'a>(text: &'a str, mut lines: Lines<'a>, opening: usize) -> Option<Split<'a>> {
    let mut looks_like_yaml_until = opening;
    let mut still_yaml = true;
    while let Some((line, start)) = lines.next() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[opening..start];
            // Two Markdown rules around prose are no front matter.
            let prose = yaml.lines().any(|l| !l.trim().is_empty())
                && !yaml.lines().any(|l| !l.trim_start().starts_with('#') && l.contains(':'));
            if prose {
                return None;
            }
            return Some(Split { block: Some(yaml), syntax: Syntax::Yaml, body: &text[lines.pos..], unclosed: false });
        }
        if still_yaml && looks_like_yaml(line) {
            looks_like_yaml_until = lines.pos;
        } else {
            still_yaml = false;
        }
    }
    let yaml = &text[opening..looks_like_yaml_until];
    // `---` then no `key:` line is a Markdown rule, not a block.
    if !yaml.lines().any(is_key_line) {
        return None;
    }
    Some(Split { block: Some(yaml), syntax: Syntax::Yaml, body: &text[looks_like_yaml_until..], unclosed: true })
}

/// A block from `opening` to the line `fence` (TOML's `+++`, Hexo's `;;;`);
/// one never closed is none (the generators refuse the file).
fn fenced<'a>(text: &'a str, mut lines: Lines<'a>, opening: usize, fence: &str, syntax: Syntax) -> Option<Split<'a>> {
    while let Some((line, start)) = lines.next() {
        if line.trim_end() == fence {
            return Some(Split {
                block: Some(&text[opening..start]),
                syntax,
                body: &text[lines.pos..],
                unclosed: false,
            });
        }
    }
    None
}

/// Hugo's JSON front matter: an object at `start`, the body after it.
fn json_object(text: &str, start: usize) -> Option<Split<'_>> {
    let rest = &text[start..];
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<serde::de::IgnoredAny>();
    values.next()?.ok()?;
    let end = start + values.byte_offset();
    // The body starts on the line after the object.
    let after = &text[end..];
    let body_start = end + after.find('\n').map_or(after.len(), |at| at + 1);
    Some(Split { block: Some(&text[start..end]), syntax: Syntax::Json, body: &text[body_start..], unclosed: false })
}

/// Hexo's block without an opening fence: from the first line, every line
/// front matter (`key: value`, list items, continuations; or JSON members
/// for `;;;`), up to a `---` or `;;;` line.
fn unfenced<'a>(text: &'a str, first: &str, first_start: usize, mut lines: Lines<'a>) -> Option<Split<'a>> {
    let json = first.trim_start().starts_with('"');
    if !json && !is_key_line(first) {
        return None;
    }
    while let Some((line, start)) = lines.next() {
        let trimmed = line.trim_end();
        let (closes, syntax) = match trimmed {
            "---" if !json => (true, Syntax::Yaml),
            ";;;" => (true, Syntax::JsonMembers),
            _ => (false, Syntax::Yaml),
        };
        if closes {
            let block = &text[first_start..start];
            return Some(Split { block: Some(block), syntax, body: &text[lines.pos..], unclosed: false });
        }
        if !json && !looks_like_yaml(line) {
            return None;
        }
    }
    None
}

/// Where a closed front-matter block ends in raw bytes (just after its
/// closing line), found without decoding, so that only the block need be
/// read as text. `None` when there is no closed block.
pub fn closed_block_end(bytes: &[u8]) -> Option<usize> {
    let mut pos = if bytes.starts_with(&[0xef, 0xbb, 0xbf]) { 3 } else { 0 };
    let mut fence: Option<&[u8]> = None;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let line_len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = rest[..line_len].trim_ascii_end();
        pos += (line_len + 1).min(rest.len());
        match fence {
            None if line.trim_ascii_start().is_empty() => continue,
            None if line == b"---" || line == b"+++" => fence = Some(line),
            None => return None,
            Some(b"---") if line == b"---" || line == b"..." => return Some(pos),
            Some(opened) if line == opened => return Some(pos),
            Some(_) => {}
        }
    }
    None
}

/// `key: value` with a key such as front matter uses (`title`, `date`,
/// `cover_image`): no spaces, so prose with a colon is not taken for one.
fn is_key_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        let key = key.trim_end();
        !key.is_empty()
            && !key.starts_with(['-', '#'])
            && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    })
}

/// A line that could belong to a front-matter block: blank, a comment, a
/// list item, an indented continuation, or `key: value`.
fn looks_like_yaml(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("- ") || trimmed == "-" {
        return true;
    }
    if line.starts_with([' ', '\t']) {
        return !trimmed.starts_with('<');
    }
    is_key_line(line)
}

/// Lines with their start offsets; the line excludes its `\n` (and `\r`).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => (&rest[..at], at + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((line.strip_suffix('\r').unwrap_or(line), start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_end_in_bytes() {
        let text = "\u{feff}\n---\r\ntitle: x\r\n...\r\nbody";
        let end = closed_block_end(text.as_bytes()).expect("closed");
        assert_eq!(&text[end..], "body");
        assert_eq!(closed_block_end(b"---\ntitle: x\n---"), Some(16));
        assert_eq!(closed_block_end(b"---\ntitle: x\n"), None);
        assert_eq!(closed_block_end(b"<p>---</p>\n---\n"), None);
        assert_eq!(closed_block_end(b""), None);
        assert_eq!(closed_block_end(b"+++\ntitle = 'x'\n+++\nbody"), Some(20));
        assert_eq!(closed_block_end(b"+++\ntitle = 'x'\n---\nbody"), None);
    }

    #[test]
    fn block_after_blank_lines() {
        let s = split("\n\n---\ntitle: 'x'\n---\n\n<div>body</div>");
        assert_eq!(s.block, Some("title: 'x'\n"));
        assert_eq!(s.body, "\n<div>body</div>");
        assert!(!s.unclosed);
    }

    #[test]
    fn bom_crlf_and_dots() {
        let s = split("\u{feff}\r\n---\r\ntitle: x\r\n...\r\nbody");
        assert_eq!(s.block, Some("title: x\r\n"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn no_block() {
        for text in ["", "<html><title>x</title></html>", "# Heading\n\n---\ntitle: x\n---", "text\n---\n"] {
            let s = split(text);
            assert_eq!(s.block, None, "{text:?}");
            assert_eq!(s.body, text);
        }
    }

    #[test]
    fn empty_block() {
        let s = split("---\n---\nbody");
        assert_eq!(s.block, Some(""));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn delimiter_with_trailing_spaces() {
        let s = split("---  \ntitle: x\n---   \nbody");
        assert_eq!(s.block, Some("title: x\n"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn a_markdown_rule_is_no_block() {
        let text = "---\n\n# Heading\n\ntext";
        assert_eq!(split(text), Split { block: None, syntax: Syntax::Yaml, body: text, unclosed: false });
        let two_rules = "---\n\n# Real Heading\n\ntext\n\n---\nmore\n";
        assert_eq!(split(two_rules).block, None);
        assert_eq!(
            split("---\n# only a comment: here\ntitle: x\n---\n").block,
            Some("# only a comment: here\ntitle: x\n")
        );
    }

    #[test]
    fn unclosed_block_keeps_the_yaml_looking_lines() {
        let s = split("\n---\ntitle: 'x'\ncategories:\n - a\n\n<div>\n<p>body: here</p>\n</div>");
        assert_eq!(s.block, Some("title: 'x'\ncategories:\n - a\n\n"));
        assert_eq!(s.body, "<div>\n<p>body: here</p>\n</div>");
        assert!(s.unclosed);
    }

    #[test]
    fn toml_between_plus_lines() {
        let s = split("+++\r\ntitle = \"x\"\r\n+++\r\nbody");
        assert_eq!((s.block, s.syntax, s.body), (Some("title = \"x\"\r\n"), Syntax::Toml, "body"));
        // Never closed: the generators refuse it; folio shows it as text.
        assert_eq!(split("+++\ntitle = 1\n").block, None);
    }

    #[test]
    fn a_json_object_at_the_top() {
        let text = "{\n  \"title\": \"a } b\",\n  \"tags\": [\"x\"]\n}\n\nbody {not json}";
        let s = split(text);
        assert_eq!(s.syntax, Syntax::Json);
        assert_eq!(s.block, Some("{\n  \"title\": \"a } b\",\n  \"tags\": [\"x\"]\n}"));
        assert_eq!(s.body, "\nbody {not json}");
        assert_eq!(split("{not json}\ntext").block, None);
    }

    #[test]
    fn hexo_json_members_with_or_without_an_opening_fence() {
        for text in [
            ";;;\n\"title\": \"Hello\",\n\"date\": \"2013/7/13\"\n;;;\nbody",
            "\"title\": \"Hello\",\n\"date\": \"2013/7/13\"\n;;;\nbody",
        ] {
            let s = split(text);
            assert_eq!(
                (s.block, s.syntax, s.body),
                (Some("\"title\": \"Hello\",\n\"date\": \"2013/7/13\"\n"), Syntax::JsonMembers, "body"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn hexo_yaml_without_an_opening_fence() {
        let s = split("title: Hello World\ndate: 2013/7/13 20:46:25\ntags:\n- a\n---\nbody\n");
        assert_eq!(
            (s.block, s.syntax, s.body),
            (Some("title: Hello World\ndate: 2013/7/13 20:46:25\ntags:\n- a\n"), Syntax::Yaml, "body\n")
        );
        // Prose before a rule, or a first line that is no key, is no block.
        for text in ["Title: a thought\nthat goes on\n---\nmore", "Hello there\n---\n", "# Head\ntitle: x\n---\n"] {
            assert_eq!(split(text).block, None, "{text:?}");
        }
    }
}
