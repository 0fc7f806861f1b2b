//! Property tests of whole documents laid out: random HTML (paragraphs,
//! headings, code, links, figures, tables, nested quotes and lists, over
//! the alphabet of `layout_properties`) fits any width, positions map to
//! lines, and the layout keeps the text: every character it shows, in
//! order. Also with ambiguous characters wide, in a process of its own.

use crate::common::{child, persisted};
use crate::layout_properties::{ALL, ONE_SEGMENT, Width, text, width};
use folio::document::{Base, BodyKind, Document, Style};
use folio::layout::{Layout, Line, Options, layout};
use proptest::prelude::*;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/tests/core/layout_documents.txt");

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn table(rows: &[Vec<String>]) -> String {
    let rows: String = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let tag = if i == 0 { "th" } else { "td" };
            let cells: String = cells.iter().map(|c| format!("<{tag}>{}</{tag}>", escape(c))).collect();
            format!("<tr>{cells}</tr>")
        })
        .collect();
    format!("<table>{rows}</table>")
}

/// Random HTML: blocks of random text, nested a few levels; with the text
/// it shows, in order (markers and decoration aside). Tables only when
/// `tables`: cells side by side interleave their text line by line.
fn html(tables: bool) -> impl Strategy<Value = (String, String)> {
    let with_tables = u32::from(tables);
    let leaf = prop_oneof![
        1 => text(ONE_SEGMENT).prop_map(|t| (format!("<p>{}</p>", escape(&t)), t)),
        1 => (1..=4u8, text(ONE_SEGMENT)).prop_map(|(l, t)| (format!("<h{l}>{}</h{l}>", escape(&t)), t)),
        1 => text(ALL).prop_map(|t| (format!("<pre><code>{}</code></pre>", escape(&t)), t)),
        1 => (text(ONE_SEGMENT), text(ONE_SEGMENT)).prop_map(|(a, b)| {
            let html = format!(
                "<p><b>{}</b> <a href=\"https://example.org/{}\">{}</a><br>{}</p>",
                escape(&a),
                b.len(),
                escape(&b),
                escape(&a)
            );
            (html, format!("{a} {b} {a}"))
        }),
        1 => Just(("<hr>".to_owned(), String::new())),
        1 => Just((
            "<figure><img src=\"a.png\" alt=\"图\"><figcaption>说明文字</figcaption></figure>".to_owned(),
            "说明文字".to_owned()
        )),
        with_tables => prop::collection::vec(prop::collection::vec(text(ONE_SEGMENT), 1..4), 1..4)
            .prop_map(|rows| (table(&rows), rows.concat().concat())),
    ];
    leaf.prop_recursive(4, 24, 4, move |inner| {
        let cells = (inner.clone(), inner.clone());
        let blocks = move || prop::collection::vec(inner.clone(), 1..4);
        let items = |tag: &'static str| {
            move |b: Vec<(String, String)>| {
                let items: String = b.iter().map(|(html, _)| format!("<li>{html}</li>")).collect();
                (format!("<{tag}>{items}</{tag}>"), b.into_iter().map(|(_, text)| text).collect())
            }
        };
        let inside = |tag: &'static str| {
            move |b: Vec<(String, String)>| {
                let (html, text): (Vec<String>, Vec<String>) = b.into_iter().unzip();
                (format!("<{tag}>{}</{tag}>", html.concat()), text.concat())
            }
        };
        prop_oneof![
            1 => blocks().prop_map(inside("blockquote")),
            1 => blocks().prop_map(items("ul")),
            1 => blocks().prop_map(items("ol")),
            1 => blocks().prop_map(inside("div")),
            with_tables => cells.prop_map(|(a, b)| {
                (format!("<table><tr><td>{}</td><td>{}</td></tr></table>", a.0, b.0), a.1 + &b.1)
            }),
        ]
    })
}

fn parse(body: &str) -> Document {
    Document::parse(body, BodyKind::Html, &Base::for_article(None, Path::new("/library/article.md")), &[])
}

/// Columns `line` takes, measured apart from folio (see `Width`), except
/// that with ambiguous characters wide, decoration counts narrow: folio
/// draws rules and table borders by their number of characters then (a
/// known bug: `layout_pathological::ambiguous_rules_and_borders_fit_the_width`).
fn columns(line: Line) -> usize {
    let wide = folio::width::ambiguous_wide();
    let narrow = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    line.spans().map(|s| if wide && s.style.has(Style::DECORATION) { narrow(s.text) } else { s.text.width() }).sum()
}

fn documents_fit(body: &str, width: usize, rules: bool) -> Result<(), TestCaseError> {
    let laid_out = layout(&parse(body), width, Options { heading_rules: rules });
    for line in &laid_out.lines {
        // With ambiguous characters wide, folio's own count is off for decoration (see `columns`).
        let own = if folio::width::ambiguous_wide() { 0 } else { line.width() };
        prop_assert!(own <= width && columns(line) <= width, "{:?} wider than {width}", line.text());
    }
    if !body.contains("<table") {
        positions_map_to_lines(&laid_out)?;
    }
    Ok(())
}

/// The clusters a text shows: each grapheme cluster without whitespace
/// and zero-width characters (soft hyphens, U+200B, joiners, combining
/// marks, selectors), empty ones left out; with the columns it takes.
fn shown(text: &str) -> Vec<(String, usize)> {
    let shows = |c: &char| !c.is_whitespace() && c.width().is_some_and(|w| w > 0);
    let shown = |g: &str| (g.chars().filter(shows).collect::<String>(), g.width());
    text.graphemes(true).map(shown).filter(|(s, _)| !s.is_empty()).collect()
}

/// Where the clusters `text` shows stop being found, in order, among those
/// `laid_out` shows outside its decoration (bars, bullets, numbers, rules,
/// `↪`). A cluster too wide for a line is shown as `?`: indentation gives
/// way at half the width, and a code line continued gives a column of that
/// to `↪`, so one as wide as half of it may be.
fn lost(text: &str, laid_out: &Layout, width: usize) -> Option<String> {
    let lines: Vec<String> = laid_out
        .lines
        .iter()
        .map(|l| l.spans().filter(|s| !s.style.has(Style::DECORATION)).map(|s| s.text).collect())
        .collect();
    let (wanted, seen) = (shown(text), shown(&lines.join("\n")));
    let mut j = 0;
    for (i, (cluster, columns)) in wanted.iter().enumerate() {
        let replaceable = *columns >= width.div_ceil(2);
        match seen[j..].iter().map(|(s, _)| s).position(|s| s == cluster || (replaceable && s == "?")) {
            Some(k) => j += k + 1,
            None => {
                let near = |v: &[(String, usize)], at: usize| {
                    v[at.saturating_sub(8)..(at + 8).min(v.len())].iter().map(|(s, _)| s.as_str()).collect::<String>()
                };
                return Some(format!(
                    "cluster {i} {cluster:?} not shown after shown cluster {j}: text …{}… shown …{}…; lines {lines:?}",
                    near(&wanted, i),
                    near(&seen, j)
                ));
            }
        }
    }
    None
}

fn documents_keep_their_text(body: &str, text: &str, width: usize, rules: bool) -> Result<(), TestCaseError> {
    let laid_out = layout(&parse(body), width, Options { heading_rules: rules });
    if let Some(lost) = lost(text, &laid_out, width) {
        prop_assert!(false, "at {width}: {lost}\n{body:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(persisted(256, REGRESSIONS))]

    #[test]
    fn random_documents_fit_any_width((body, _) in html(true), width in width(), rules in any::<bool>()) {
        documents_fit(&body, width, rules)?;
    }

    #[test]
    fn positions_in_tables_map_to_lines((body, _) in html(true), width in width()) {
        positions_map_to_lines(&layout(&parse(&body), width, Options::default()))?;
    }

    #[test]
    fn the_layout_shows_all_the_text_in_order((body, text) in html(false), width in width(), rules in any::<bool>()) {
        documents_keep_their_text(&body, &text, width, rules)?;
    }
}

/// The check of kept text finds what it looks for.
#[test]
fn a_lost_or_moved_character_is_found() {
    let laid_out = layout(&parse("<ul><li>中文 ab</li></ul><blockquote>c\u{ad}d</blockquote>"), 10, Options::default());
    assert_eq!(lost("中文 ab cd", &laid_out, 10), None);
    assert!(lost("中文 abx", &laid_out, 10).is_some(), "a character not shown");
    assert!(lost("文中", &laid_out, 10).is_some(), "characters out of order");
    assert!(lost("•", &laid_out, 10).is_some(), "decoration is not text");
    let narrow = layout(&parse("<p>中</p>"), 1, Options::default());
    assert_eq!(narrow.lines.iter().map(|line| line.text()).collect::<Vec<_>>(), ["?"]);
    assert_eq!(lost("中", &narrow, 1), None, "too wide for the line: `?`");
    assert!(lost("中", &layout(&parse("<p>?</p>"), 5, Options::default()), 5).is_some(), "room enough: no `?`");
}

/// The document properties with East Asian ambiguous characters two
/// columns wide (`ambiguous_width = 2`), in a process of its own.
#[test]
fn documents_with_ambiguous_characters_wide() {
    if child::handed().is_none() {
        child::rerun("layout_documents::documents_with_ambiguous_characters_wide", "1".as_ref(), child::User::Same);
        return;
    }
    folio::width::set_ambiguous_wide(true);
    assert_eq!("“…①─·”".width(), 12, "ambiguous characters take two columns");
    let config = || persisted(256, REGRESSIONS);
    proptest!(config(), |((body, _) in html(true), width in width(), rules in any::<bool>())| {
        documents_fit(&body, width, rules)?;
    });
    proptest!(config(), |((body, text) in html(false), width in width(), rules in any::<bool>())| {
        documents_keep_their_text(&body, &text, width, rules)?;
    });
}

/// Positions never go back, so `line_at` finds the line of every position.
fn positions_map_to_lines(laid_out: &Layout) -> Result<(), TestCaseError> {
    let shown = || laid_out.lines.iter().map(|l| (l.pos, l.text())).collect::<Vec<_>>();
    for (i, (line, next)) in laid_out.lines.iter().zip(laid_out.lines.iter().skip(1)).enumerate() {
        prop_assert!(line.pos <= next.pos, "positions go back at line {}: {:?}", i + 1, shown());
    }
    for i in 0..laid_out.lines.len() {
        let pos = laid_out.pos_at(i);
        prop_assert_eq!(laid_out.lines.line(laid_out.line_at(pos)).pos, pos);
    }
    Ok(())
}
