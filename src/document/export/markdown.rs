//! The Markdown writer: the title as `# Title`, an italic metadata line,
//! then the blocks (headings, paragraphs, lists nested and numbered, quotes,
//! fenced code with its language, GFM pipe tables, rules), lines unwrapped.

use super::Metadata;
use super::inline::{Inline, Styling, tree};
use super::lists::ordered;
use super::markdown_inline::{Place, write as inline};
use crate::document::{Block, Document, ListItem, Table, Text};

/// The article as a Markdown document, ending with one newline.
pub fn write(metadata: &Metadata, document: &Document) -> String {
    let mut parts = vec![format!("# {}", inline(&[Inline::Text(metadata.title.clone())], Place::Heading))];
    if let Some(line) = metadata_line(metadata) {
        parts.push(line);
    }
    let body = blocks(&document.blocks, document);
    if !body.is_empty() {
        parts.push(body);
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// `*author · date · categories · [original](link)*`.
fn metadata_line(metadata: &Metadata) -> Option<String> {
    let mut fields: Vec<Inline> = Vec::new();
    let texts = metadata.author.iter().chain(metadata.date.iter().map(|d| &d.shown));
    let categories = (!metadata.categories.is_empty()).then(|| metadata.categories.join(" / "));
    for text in texts.chain(categories.iter()) {
        fields.push(Inline::Text(text.clone()));
    }
    if let Some(link) = &metadata.link {
        fields.push(Inline::Link { url: link.clone(), content: vec![Inline::Text("original".to_owned())] });
    }
    if fields.is_empty() {
        return None;
    }
    let mut line = Vec::new();
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            line.push(Inline::Text(" · ".to_owned()));
        }
        line.push(field);
    }
    Some(inline(&[Inline::Styled(Styling::Emphasis, line)], Place::Paragraph))
}

/// Blocks one after another, a blank line between them.
fn blocks(blocks: &[Block], document: &Document) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
    // Two lists in a row would be one: every second one uses other markers.
    let mut lists_in_a_row = 0;
    for block in blocks {
        lists_in_a_row = if matches!(block, Block::List(_)) { lists_in_a_row + 1 } else { 0 };
        let written = self::block(block, document, lists_in_a_row % 2 == 0);
        if !written.is_empty() {
            parts.push(written);
        }
    }
    parts.join("\n\n")
}

fn block(block: &Block, document: &Document, other_markers: bool) -> String {
    match block {
        Block::Heading { level, text } => {
            format!(
                "{} {}",
                "#".repeat(usize::from((*level).clamp(1, 6))),
                inline(&tree(text, document), Place::Heading)
            )
        }
        Block::Paragraph(text) => paragraph(text, document),
        Block::Caption(text) => inline(&[Inline::Styled(Styling::Emphasis, tree(text, document))], Place::Paragraph),
        Block::List(items) => list(items, document, other_markers),
        Block::Quote(inner) => prefixed(&blocks(inner, document), "> ", "> "),
        Block::Code { text, language } => {
            let fence = "`".repeat(longest_backticks(text).max(2) + 1);
            format!("{fence}{}\n{text}\n{fence}", language.as_deref().unwrap_or_default())
        }
        Block::Table(table) => self::table(table, document),
        Block::Rule => "---".to_owned(),
    }
}

fn paragraph(text: &Text, document: &Document) -> String {
    inline(&tree(text, document), Place::Paragraph)
}

/// A list: `-` items (`*` for a second list in a row), or numbered ones
/// (`1.`, or `1)`); a definition list's terms and definitions as
/// paragraphs. Items are apart only when one holds a blank line.
fn list(items: &[ListItem], document: &Document, other_markers: bool) -> String {
    let markers: Vec<&str> = items.iter().map(|item| item.marker.as_str()).collect();
    if markers.iter().all(|marker| marker.trim().is_empty()) {
        let blocks: Vec<Block> = items.iter().flat_map(|item| item.blocks.iter().cloned()).collect();
        return self::blocks(&blocks, document);
    }
    let numbers = ordered(&markers).map(|(start, _)| start);
    let written: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let marker = match numbers {
                Some(start) => {
                    // CommonMark reads at most nine digits.
                    let number = start.saturating_add(i as u64).min(999_999_999);
                    format!("{number}{} ", if other_markers { ')' } else { '.' })
                }
                None => (if other_markers { "* " } else { "- " }).to_owned(),
            };
            let indent = " ".repeat(marker.len());
            let content = item_blocks(&item.blocks, document);
            prefixed(&content, &marker, &indent).trim_end().to_owned()
        })
        .collect();
    let loose = written.iter().any(|item| item.contains("\n\n"));
    written.join(if loose { "\n\n" } else { "\n" })
}

/// An item's blocks: a list right after the item's text stays tight.
fn item_blocks(item: &[Block], document: &Document) -> String {
    let mut out = String::new();
    for (i, block) in item.iter().enumerate() {
        let written = self::block(block, document, false);
        if written.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let tight = matches!(block, Block::List(_)) && matches!(item[i - 1], Block::Paragraph(_));
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&written);
    }
    out
}

/// `text` with `first` before its first line and `rest` before the others
/// (blank lines get the prefix without its trailing spaces).
fn prefixed(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let prefix = if i == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out
}

/// A GFM pipe table. Markdown's tables always have a header: the first
/// row is it, whether or not the page marked it so.
fn table(table: &Table, document: &Document) -> String {
    let columns = table.rows.iter().map(|row| row.cells.len()).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let mut lines = Vec::with_capacity(table.rows.len() + 1);
    for (i, table_row) in table.rows.iter().enumerate() {
        let mut cells: Vec<String> =
            table_row.cells.iter().map(|cell| inline(&tree(cell, document), Place::Cell)).collect();
        cells.resize(columns, String::new());
        lines.push(row(cells));
        if i == 0 {
            lines.push(row(vec!["---".to_owned(); columns]));
        }
    }
    lines.join("\n")
}

fn longest_backticks(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::export::urls::markdown_destination;
    use crate::document::{Base, BodyKind};
    use std::path::Path;

    fn markdown(html: &str) -> String {
        let base = Base::for_article(Some("https://example.org/posts/a.html"), Path::new("/nowhere/a.md"));
        let document = Document::parse(html, BodyKind::Html, &base, &[]);
        blocks(&document.blocks, &document)
    }

    #[test]
    fn lists_nest_and_keep_their_numbers() {
        assert_eq!(markdown("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"), "- a\n  - b\n- c");
        assert_eq!(
            markdown("<ol start=\"9\"><li>nine</li><li>ten<ol><li>x</li></ol></li></ol>"),
            "9. nine\n10. ten\n    1. x"
        );
        assert_eq!(markdown("<ol type=\"a\" start=\"3\"><li>c</li></ol>"), "3. c");
        assert_eq!(markdown("<ul><li>a</li></ul><ul><li>b</li></ul>"), "- a\n\n* b");
        assert_eq!(markdown("<ul><li><p>one</p><p>two</p></li><li>three</li></ul>"), "- one\n\n  two\n\n- three");
    }

    #[test]
    fn quotes_code_tables_rules() {
        assert_eq!(markdown("<blockquote><p>a</p><p>b</p></blockquote>"), "> a\n>\n> b");
        assert_eq!(markdown("<pre><code class=\"language-rust\">let a = 1;</code></pre>"), "```rust\nlet a = 1;\n```");
        assert_eq!(markdown("<pre>a\n```\nb</pre>"), "````\na\n```\nb\n````");
        assert_eq!(
            markdown("<table><tr><td>a|b</td><td>c</td></tr><tr><td>d</td></tr></table>"),
            "| a\\|b | c |\n| --- | --- |\n| d |  |"
        );
        assert_eq!(markdown("<p>a</p><hr><p>b</p>"), "a\n\n---\n\nb");
    }

    #[test]
    fn links_and_images_with_their_urls() {
        assert_eq!(
            markdown("<p>See <a href=\"/x\">the <b>page</b></a>.</p>"),
            "See [the **page**](https://example.org/x)."
        );
        assert_eq!(markdown("<p><b>Bold <a href=\"/x\">link</a></b></p>"), "**Bold [link](https://example.org/x)**");
        assert_eq!(
            markdown("<p><a href=\"big.png\"><img src=\"small.png\" alt=\"A\"></a> after</p>"),
            "[![A](https://example.org/posts/small.png)](https://example.org/posts/big.png) after"
        );
        assert_eq!(
            markdown("<p><img src=\"a.png\"> <a href=\"/b\">b</a></p>"),
            "![](https://example.org/posts/a.png) [b](https://example.org/b)"
        );
        assert_eq!(markdown("<p><a href=\"vbscript:x\">text</a></p>"), "text");
        assert_eq!(markdown("<p>a<br>b</p>"), "a\\\nb");
    }

    #[test]
    fn destinations_are_written_as_markdown_reads_them() {
        assert_eq!(markdown_destination("/a b"), "</a b>");
    }
}
