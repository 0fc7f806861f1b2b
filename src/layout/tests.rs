//! Layout tests: exact small cases for each rule.

use super::*;
use crate::document::{Base, BodyKind};
use std::path::Path;

fn lines(html: &str, width: usize) -> Vec<String> {
    let base = Base::for_article(None, Path::new("/lib/a.md"));
    let doc = Document::parse(html, BodyKind::Html, &base, &[]);
    layout(&doc, width, Options { heading_rules: true }).lines.iter().map(|line| line.text().to_owned()).collect()
}

#[test]
fn japanese_at_six_columns() {
    assert_eq!(lines("<p>日本語のテキスト</p>", 6), ["日本語", "のテキ", "スト"]);
}

#[test]
fn lists_quotes_and_rules() {
    assert_eq!(
        lines("<ul><li>one two three</li><li>four</li></ul><blockquote><p>quoted words here</p></blockquote><hr>", 12),
        ["• one two", "  three", "• four", "", "│ quoted", "│ words here", "", "────────────"]
    );
}

#[test]
fn headings_get_a_rule_in_plain_text() {
    assert_eq!(lines("<h1>Title</h1><p>x</p>", 20), ["Title", "═════", "", "x"]);
}

#[test]
fn code_keeps_lines_and_marks_continuations() {
    assert_eq!(lines("<pre>short\nabcdefghijklmnop</pre>", 12), ["  short", "  abcdefghij", "  ↪klmnop"]);
}

fn seed_document() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample/source/_posts/新媒体/Aljazeera 半岛网/新闻/俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰.md");
    let text = std::fs::read_to_string(path).expect("the seed");
    let body = crate::frontmatter::split(&text).body.to_owned();
    let extra = "<ul><li>一</li><li>two words</li></ul><table><tr><th>名</th><th>值</th></tr><tr><td>中文</td><td>1</td></tr></table><pre>code\nline</pre>";
    Document::parse(&format!("{body}{extra}"), BodyKind::Html, &Base::for_article(None, Path::new("/x/a.md")), &[])
}

/// The first character of a line that is text, not decoration.
fn first_text_char(line: Line) -> Option<char> {
    line.spans().filter(|s| !s.style.has(Style::DECORATION)).flat_map(|s| s.text.chars()).find(|c| !c.is_whitespace())
}

#[test]
fn positions_survive_a_change_of_width() {
    let doc = seed_document();
    for (from, to) in [(80, 37), (37, 80), (100, 20), (20, 61)] {
        let before = layout(&doc, from, Options::default());
        let after = layout(&doc, to, Options::default());
        assert!(after.lines.iter().zip(after.lines.iter().skip(1)).all(|(a, b)| a.pos <= b.pos), "positions only grow");
        for (index, line) in before.lines.iter().enumerate() {
            let Some(first) = first_text_char(line) else { continue };
            if line.spans().any(|s| s.style.has(Style::DECORATION) && s.text.contains('│')) {
                continue; // table rows start at a cell
            }
            let pos = before.pos_at(index);
            let found = after.lines.line(after.line_at(pos));
            assert!(found.text().contains(first), "{from}→{to}: line {index} {:?} → {:?}", line.text(), found.text());
        }
    }
}

#[test]
fn every_width_fits() {
    let doc = seed_document();
    for width in 1..=120 {
        for line in &layout(&doc, width, Options { heading_rules: true }).lines {
            assert!(line.width() <= width, "{width}: {:?}", line.text());
        }
    }
}
