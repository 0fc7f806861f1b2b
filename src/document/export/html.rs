//! The HTML writer: a small HTML5 document rebuilt from the document's
//! blocks, so nothing of the source page comes along but its text and
//! structure (no scripts, styles, attributes, hidden elements or tracking
//! pixels); text and attributes escaped, URLs as folio resolved them.

use super::inline::{Inline, Styling, tree};
use super::lists::ordered;
use super::{Metadata, urls::is_safe};
use crate::document::{Block, Document, LinkKind, ListItem, Table, Text};
use std::fmt::Write as _;

/// The article as a complete HTML document, ending with one newline.
pub fn write(metadata: &Metadata, document: &Document) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&metadata.title));
    if let Some(author) = &metadata.author {
        let _ = writeln!(out, "<meta name=\"author\" content=\"{}\">", escape(author));
    }
    if let Some(link) = metadata.link.as_deref().filter(|link| is_safe(link)) {
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape(link));
    }
    out.push_str("</head>\n<body>\n<article>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&metadata.title));
    if let Some(line) = metadata_line(metadata) {
        let _ = writeln!(out, "<p class=\"meta\">{line}</p>");
    }
    blocks(&document.blocks, document, &mut out);
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

/// `author · <time>date</time> · categories · <a>original</a>`.
fn metadata_line(metadata: &Metadata) -> Option<String> {
    let mut fields = Vec::new();
    if let Some(author) = &metadata.author {
        fields.push(format!("<span class=\"author\">{}</span>", escape(author)));
    }
    if let Some(date) = &metadata.date {
        fields.push(match &date.machine {
            Some(machine) => format!("<time datetime=\"{}\">{}</time>", escape(machine), escape(&date.shown)),
            None => format!("<span class=\"date\">{}</span>", escape(&date.shown)),
        });
    }
    if !metadata.categories.is_empty() {
        fields.push(format!("<span class=\"categories\">{}</span>", escape(&metadata.categories.join(" / "))));
    }
    if let Some(link) = metadata.link.as_deref().filter(|link| is_safe(link)) {
        fields.push(format!("<a href=\"{}\">original</a>", escape(link)));
    }
    (!fields.is_empty()).then(|| fields.join(" · "))
}

fn blocks(blocks: &[Block], document: &Document, out: &mut String) {
    let mut i = 0;
    while i < blocks.len() {
        // An image alone in its paragraph, then its caption: a figure.
        if let (Block::Paragraph(text), Some(Block::Caption(caption))) = (&blocks[i], blocks.get(i + 1))
            && let [image @ Inline::Image { .. }] = tree(text, document).as_slice()
        {
            out.push_str("<figure>");
            inline(std::slice::from_ref(image), out);
            out.push_str("<figcaption>");
            inline(&tree(caption, document), out);
            out.push_str("</figcaption></figure>\n");
            i += 2;
            continue;
        }
        block(&blocks[i], document, out);
        i += 1;
    }
}

fn block(block: &Block, document: &Document, out: &mut String) {
    match block {
        Block::Heading { level, text } => {
            let level = (*level).clamp(1, 6);
            let _ = write!(out, "<h{level}>");
            inline(&tree(text, document), out);
            let _ = writeln!(out, "</h{level}>");
        }
        Block::Paragraph(text) => wrapped("<p>", text, "</p>\n", document, out),
        Block::Caption(text) => wrapped("<p class=\"caption\">", text, "</p>\n", document, out),
        Block::List(items) => list(items, document, out),
        Block::Quote(inner) => {
            out.push_str("<blockquote>\n");
            blocks(inner, document, out);
            out.push_str("</blockquote>\n");
        }
        Block::Code { text, language } => {
            match language {
                Some(language) => {
                    let _ = write!(out, "<pre><code class=\"language-{}\">", escape(language));
                }
                None => out.push_str("<pre><code>"),
            }
            out.push_str(&escape(text));
            out.push_str("</code></pre>\n");
        }
        Block::Table(table) => self::table(table, document, out),
        Block::Rule => out.push_str("<hr>\n"),
    }
}

fn wrapped(open: &str, text: &Text, close: &str, document: &Document, out: &mut String) {
    out.push_str(open);
    inline(&tree(text, document), out);
    out.push_str(close);
}

/// `<ul>`, `<ol start type>` as the markers count, or a `<dl>` of terms
/// (no marker) and definitions (an indent for a marker).
fn list(items: &[ListItem], document: &Document, out: &mut String) {
    let markers: Vec<&str> = items.iter().map(|item| item.marker.as_str()).collect();
    let definitions = markers.iter().all(|marker| marker.trim().is_empty());
    let close = if definitions {
        out.push_str("<dl>\n");
        "</dl>\n"
    } else if let Some((start, counting)) = ordered(&markers) {
        out.push_str("<ol");
        if start != 1 {
            let _ = write!(out, " start=\"{start}\"");
        }
        if let Some(kind) = counting.html_type() {
            let _ = write!(out, " type=\"{kind}\"");
        }
        out.push_str(">\n");
        "</ol>\n"
    } else {
        out.push_str("<ul>\n");
        "</ul>\n"
    };
    for item in items {
        let tag = match item.marker.as_str() {
            "" if definitions => "dt",
            _ if definitions => "dd",
            _ => "li",
        };
        let _ = write!(out, "<{tag}>");
        match item.blocks.as_slice() {
            // A lone paragraph is the item's text.
            [Block::Paragraph(text)] => inline(&tree(text, document), out),
            inner => {
                out.push('\n');
                blocks(inner, document, out);
            }
        }
        let _ = writeln!(out, "</{tag}>");
    }
    out.push_str(close);
}

/// Header rows at the top go in `<thead>`; a header row is of `<th>`s.
fn table(table: &Table, document: &Document, out: &mut String) {
    out.push_str("<table>\n");
    let head = table.rows.iter().take_while(|row| row.header).count();
    for (i, row) in table.rows.iter().enumerate() {
        if i == 0 && head > 0 {
            out.push_str("<thead>\n");
        }
        if i == head {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        let cell = if row.header { "th" } else { "td" };
        for text in &row.cells {
            let _ = write!(out, "<{cell}>");
            inline(&tree(text, document), out);
            let _ = write!(out, "</{cell}>");
        }
        out.push_str("</tr>\n");
        if i + 1 == head {
            out.push_str("</thead>\n");
        }
    }
    if head < table.rows.len() {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

fn inline(inlines: &[Inline], out: &mut String) {
    for piece in inlines {
        match piece {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Break => out.push_str("<br>\n"),
            Inline::Styled(emphasis, children) => {
                let tag = match emphasis {
                    Styling::Strong => "strong",
                    Styling::Emphasis => "em",
                    Styling::Strike => "del",
                };
                let _ = write!(out, "<{tag}>");
                inline(children, out);
                let _ = write!(out, "</{tag}>");
            }
            Inline::Code(code) => {
                let _ = write!(out, "<code>{}</code>", escape(code));
            }
            Inline::Link { url, content } => {
                let _ = write!(out, "<a href=\"{}\">", escape(url));
                if content.is_empty() {
                    out.push_str(&escape(url));
                }
                inline(content, out);
                out.push_str("</a>");
            }
            Inline::Image { url, alt } => {
                let _ = write!(out, "<img src=\"{}\" alt=\"{}\">", escape(url), escape(alt));
            }
            Inline::Media { kind, url } => {
                let label = if *kind == LinkKind::Audio { "audio" } else { "video" };
                let _ = write!(out, "<a href=\"{}\">{label}</a>", escape(url));
            }
            Inline::Task { done } => {
                let checked = if *done { " checked" } else { "" };
                let _ = write!(out, "<input type=\"checkbox\" disabled{checked}>");
            }
        }
    }
}

/// Text or an attribute's value, escaped for HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Base, BodyKind};
    use std::path::Path;

    fn html(source: &str) -> String {
        let base = Base::for_article(Some("https://example.org/posts/a.html"), Path::new("/nowhere/a.md"));
        let document = Document::parse(source, BodyKind::Html, &base, &[]);
        let mut out = String::new();
        blocks(&document.blocks, &document, &mut out);
        out
    }

    #[test]
    fn only_text_and_structure_come_along() {
        assert_eq!(
            html("<p onclick=\"x()\" style=\"color:red\">a &lt;b&gt; &amp; \"c\"<script>alert(1)</script></p>"),
            "<p>a &lt;b&gt; &amp; &quot;c&quot;</p>\n"
        );
        assert_eq!(
            html("<p><a href=\"javascript:x()\">t</a><img src=\"t.gif\" width=\"1\" height=\"1\"></p>"),
            "<p>t</p>\n"
        );
        assert_eq!(
            html("<p><a href=\"/x?a=1&amp;b=2\">t</a></p>"),
            "<p><a href=\"https://example.org/x?a=1&amp;b=2\">t</a></p>\n"
        );
    }

    #[test]
    fn lists_tables_and_figures() {
        assert_eq!(
            html("<ol type=\"i\" start=\"2\"><li>two</li></ol>"),
            "<ol start=\"2\" type=\"i\">\n<li>two</li>\n</ol>\n"
        );
        assert_eq!(html("<dl><dt>T</dt><dd>D</dd></dl>"), "<dl>\n<dt><strong>T</strong></dt>\n<dd>D</dd>\n</dl>\n");
        assert_eq!(
            html("<table><tr><th>h</th><th>i</th></tr><tr><td>a</td><td>b</td></tr></table>"),
            "<table>\n<thead>\n<tr><th>h</th><th>i</th></tr>\n</thead>\n<tbody>\n<tr><td>a</td><td>b</td></tr>\n</tbody>\n</table>\n"
        );
        assert_eq!(
            html("<figure><img src=\"p.png\" alt=\"P\"><figcaption>Cap</figcaption></figure>"),
            "<figure><img src=\"https://example.org/posts/p.png\" alt=\"P\"><figcaption>Cap</figcaption></figure>\n"
        );
    }
}
