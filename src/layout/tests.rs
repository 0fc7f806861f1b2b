//! Layout tests: exact small cases for each rule.

use super::*;
use crate::document::{Base, BodyKind};
use std::path::Path;

fn lines(html: &str, width: usize) -> Vec<String> {
    let base = Base::for_article(None, Path::new("/lib/a.md"));
    let doc = Document::parse(html, BodyKind::Html, &base, &[]);
    layout(&doc, width, Options { heading_rules: true }).lines.iter().map(Line::text).collect()
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
