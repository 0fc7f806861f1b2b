//! Finding the front-matter block: after blank lines and a BOM, from `---`
//! to `---` or `...`, with LF or CRLF line ends.

/// A file's text cut into its front-matter block and its body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiters (`None`: the file has no block).
    pub yaml: Option<&'a str>,
    /// Everything after the block.
    pub body: &'a str,
    /// The block opens but never closes; `yaml` holds the lines that look
    /// like front matter and `body` starts at the first that does not.
    pub unclosed: bool,
}

/// Cuts `text` into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let no_block = Split { yaml: None, body: text, unclosed: false };
    let mut lines = Lines { text, pos: text.strip_prefix('\u{feff}').map_or(0, |_| 3) };
    let opening = loop {
        match lines.next() {
            Some((line, _)) if line.trim().is_empty() => continue,
            Some((line, _)) if line.trim_end() == "---" => break lines.pos,
            _ => return no_block,
        }
    };
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
                return no_block;
            }
            return Split { yaml: Some(yaml), body: &text[lines.pos..], unclosed: false };
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
        return no_block;
    }
    Split { yaml: Some(yaml), body: &text[looks_like_yaml_until..], unclosed: true }
}

/// Where a closed front-matter block ends in raw bytes (just after its
/// closing line), found without decoding, so that only the block need be
/// read as text. `None` when there is no closed block.
pub fn closed_block_end(bytes: &[u8]) -> Option<usize> {
    let mut pos = if bytes.starts_with(&[0xef, 0xbb, 0xbf]) { 3 } else { 0 };
    let mut opened = false;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let line_len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = rest[..line_len].trim_ascii_end();
        pos += (line_len + 1).min(rest.len());
        if !opened {
            if line.trim_ascii_start().is_empty() {
                continue;
            }
            if line != b"---" {
                return None;
            }
            opened = true;
        } else if line == b"---" || line == b"..." {
            return Some(pos);
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
    }

    #[test]
    fn block_after_blank_lines() {
        let s = split("\n\n---\ntitle: 'x'\n---\n\n<div>body</div>");
        assert_eq!(s.yaml, Some("title: 'x'\n"));
        assert_eq!(s.body, "\n<div>body</div>");
        assert!(!s.unclosed);
    }

    #[test]
    fn bom_crlf_and_dots() {
        let s = split("\u{feff}\r\n---\r\ntitle: x\r\n...\r\nbody");
        assert_eq!(s.yaml, Some("title: x\r\n"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn no_block() {
        for text in ["", "<html><title>x</title></html>", "# Heading\n\n---\ntitle: x\n---", "text\n---\n"] {
            let s = split(text);
            assert_eq!(s.yaml, None, "{text:?}");
            assert_eq!(s.body, text);
        }
    }

    #[test]
    fn empty_block() {
        let s = split("---\n---\nbody");
        assert_eq!(s.yaml, Some(""));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn delimiter_with_trailing_spaces() {
        let s = split("---  \ntitle: x\n---   \nbody");
        assert_eq!(s.yaml, Some("title: x\n"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn a_markdown_rule_is_no_block() {
        let text = "---\n\n# Heading\n\ntext";
        assert_eq!(split(text), Split { yaml: None, body: text, unclosed: false });
        let two_rules = "---\n\n# Real Heading\n\ntext\n\n---\nmore\n";
        assert_eq!(split(two_rules).yaml, None);
        assert_eq!(
            split("---\n# only a comment: here\ntitle: x\n---\n").yaml,
            Some("# only a comment: here\ntitle: x\n")
        );
    }

    #[test]
    fn unclosed_block_keeps_the_yaml_looking_lines() {
        let s = split("\n---\ntitle: 'x'\ncategories:\n - a\n\n<div>\n<p>body: here</p>\n</div>");
        assert_eq!(s.yaml, Some("title: 'x'\ncategories:\n - a\n\n"));
        assert_eq!(s.body, "<div>\n<p>body: here</p>\n</div>");
        assert!(s.unclosed);
    }
}
