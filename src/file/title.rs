//! Titles for files without front matter: the HTML `<title>`, the first
//! heading (HTML or Markdown), else nothing (the caller uses the file name).

use crate::model::Format;
use crate::text::clean_field;

/// The best title the body itself offers.
pub fn title_from_body(body: &str, format: Format) -> Option<String> {
    let found = match format {
        Format::Markdown => {
            first_markdown_heading(body).or_else(|| html_element(body, "title")).or_else(|| html_heading(body))
        }
        Format::Html | Format::Text => html_element(body, "title").or_else(|| html_heading(body)),
    };
    found.map(|raw| clean_field(&strip_tags(&raw)).into_owned()).filter(|t| !t.is_empty())
}

/// The text of the first `<name …>…</name>` element.
fn html_element(body: &str, name: &str) -> Option<String> {
    let start = find_tag(body, name)?;
    let open_end = start + body[start..].find('>')? + 1;
    let close = find_ascii_ci(&body[open_end..], &format!("</{name}"))?;
    Some(body[open_end..open_end + close].to_owned())
}

/// The first `<h1>`…`<h6>`.
fn html_heading(body: &str) -> Option<String> {
    (1..=6)
        .filter_map(|level| {
            let name = format!("h{level}");
            find_tag(body, &name).map(|at| (at, name))
        })
        .min_by_key(|(at, _)| *at)
        .and_then(|(at, name)| html_element(&body[at..], &name))
}

/// Where `<name` starts as a whole tag name (not `<header` for `<h`).
fn find_tag(body: &str, name: &str) -> Option<usize> {
    let needle = format!("<{name}");
    let mut from = 0;
    while let Some(found) = find_ascii_ci(&body[from..], &needle) {
        let at = from + found;
        let after = body.as_bytes().get(at + needle.len()).copied();
        if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

/// An ATX heading (`# Title`) outside code fences.
fn first_markdown_heading(body: &str) -> Option<String> {
    let mut in_fence = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.len() - trimmed.len() > 3 {
            continue;
        }
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        let rest = &trimmed[hashes..];
        if (1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
            let text = markdown_inline_text(rest.trim().trim_end_matches('#').trim_end());
            if !text.trim().is_empty() {
                return Some(text);
            }
        }
    }
    None
}

/// A line of inline Markdown as the text it shows: `**介绍** Hirundo` is
/// `介绍 Hirundo`, `` `cargo install` `` is `cargo install`, a link its text.
fn markdown_inline_text(line: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::with_capacity(line.len());
    for event in Parser::new(line) {
        match event {
            Event::Text(part) | Event::Code(part) | Event::InlineHtml(part) | Event::Html(part) => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    // Tags written inline are left for `strip_tags`.
    text
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_title_then_heading() {
        let html = "<html><head><TITLE>Tom &amp; Jerry</TITLE></head><body><h1>Other</h1></body></html>";
        assert_eq!(title_from_body(html, Format::Html).as_deref(), Some("Tom & Jerry"));
        let html = "<body><header>nav</header><h2 class=x>第一 <em>标题</em></h2><h1>later</h1>";
        assert_eq!(title_from_body(html, Format::Html).as_deref(), Some("第一 标题"));
        assert_eq!(title_from_body("<p>no title</p>", Format::Html), None);
        assert_eq!(title_from_body("<title>  </title>", Format::Html), None);
    }

    #[test]
    fn markdown_heading() {
        let md = "```\n# not this\n```\n\n## 日本語の見出し ##\n\ntext";
        assert_eq!(title_from_body(md, Format::Markdown).as_deref(), Some("日本語の見出し"));
        assert_eq!(title_from_body("#hashtag\ntext", Format::Markdown), None);
        assert_eq!(title_from_body("text\n<h3>html heading</h3>", Format::Markdown).as_deref(), Some("html heading"));
        let plain = |md: &str| title_from_body(md, Format::Markdown);
        assert_eq!(plain("# **介绍** Hirundo\n").as_deref(), Some("介绍 Hirundo"));
        assert_eq!(plain("# Try `cargo install`\n").as_deref(), Some("Try cargo install"));
        assert_eq!(plain("## [Vim](https://vim.org) 8.0 <em>now</em>\n").as_deref(), Some("Vim 8.0 now"));
        assert_eq!(plain("# snake_case_name and 2 * 3 * 4\n").as_deref(), Some("snake_case_name and 2 * 3 * 4"));
    }
}
