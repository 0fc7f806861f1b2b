//! Exact reproductions of layout bugs the property tests found, all fixed:
//! each input keeps the fix from coming undone.

use folio::document::{Base, BodyKind, Document, Text};
use folio::layout::{Options, layout, wrap};
use std::path::Path;

fn wrapped(text: &str, width: usize) -> Vec<String> {
    wrap(&Text::plain(text), width)
        .into_iter()
        .map(|line| line.spans.iter().map(|s| s.text.as_str()).collect())
        .collect()
}

fn positions(html: &str, width: usize) -> Vec<(usize, String)> {
    let base = Base::for_article(None, Path::new("/library/article.md"));
    let document = Document::parse(html, BodyKind::Html, &base, &[]);
    layout(&document, width, Options::default()).lines.iter().map(|l| (l.pos, l.text().to_owned())).collect()
}

#[test]
fn hard_split_does_not_end_a_line_with_an_opening_bracket() {
    assert_eq!(wrapped("abcdefgh(ij", 9), ["abcdefgh", "(ij"]);
    assert_eq!(wrapped("Rust_(programming_language)", 6), ["Rust_", "(progr", "amming", "_langu", "age)"]);
}

#[test]
fn no_break_after_an_opening_bracket_and_an_invisible_character() {
    assert_eq!(wrapped("中中中（\u{200b}中", 8), ["中中中", "（\u{200b}中"]);
    assert_eq!(wrapped("中中中「\u{3000}中", 10), ["中中中", "「\u{3000}中"]);
}

#[test]
fn hard_split_carries_a_visible_character() {
    assert_eq!(wrapped("abcdef )", 7), ["abcde", "f )"]);
    assert_eq!(wrapped("abcdefg\u{200b}、中", 8), ["abcdef", "g\u{200b}、中"]);
}

#[test]
fn grid_table_positions_never_go_back() {
    let lines = positions("<table><tr><td>aaa bbb</td></tr><tr><td>c</td></tr></table>", 7);
    // ┌─────┐ 0, │ aaa │ 0, │ bbb │ 4, ├─────┤ 0 (goes back), │ c   │ 8.
    assert!(lines.windows(2).all(|p| p[0].0 <= p[1].0), "{lines:?}");
}

#[test]
fn stacked_table_positions_do_not_count_the_label() {
    let html = "<table><tr><th>Name</th><th>Age</th></tr><tr><td>aa bb</td><td>c</td></tr></table>";
    let lines = positions(html, 8);
    assert_eq!(lines, [(9, "Name: aa".to_owned()), (12, "bb".to_owned()), (15, "Age: c".to_owned())]);
}

#[test]
fn a_cluster_wider_than_the_line_never_overflows() {
    use unicode_width::UnicodeWidthStr;
    for (text, width) in [("豈\u{f7f}", 2), ("中\u{903}", 2), ("中\u{f7f}\u{f7f}", 3), ("ab 中\u{f7f}\u{f7f} cd", 3)]
    {
        let lines = wrapped(text, width);
        assert!(lines.iter().all(|l| l.width() <= width), "{text:?} at {width}: {lines:?}");
    }
    let lines = positions("<p>中\u{f7f}\u{f7f}</p>", 3);
    assert!(lines.iter().all(|(_, l)| l.width() <= 3), "{lines:?}");
    // A cluster whose mark is in another span (here bold) is never narrowed.
    for width in [1, 2] {
        let lines = positions("<p>中<b>\u{903}</b></p>", width);
        assert!(lines.iter().all(|(_, l)| l.width() <= width), "at {width}: {lines:?}");
    }
}

#[test]
fn the_chinese_interpunct_does_not_start_a_line() {
    let lines = wrapped("美国总统乔·拜登计划", 10);
    assert!(lines.iter().all(|l| !l.starts_with('·')), "{lines:?}");
    assert!(folio::layout::no_start('·'));
}
