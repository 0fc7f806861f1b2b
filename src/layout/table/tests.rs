//! Table tests: how the room is shared between columns, on bare numbers
//! and on measured tables.

use super::columns::widths;
use super::*;
use crate::document::{Base, Block, BodyKind, Document};
use crate::width::DisplayWidth;
use std::path::Path;

/// The first table of `html`.
fn table(html: &str) -> Table {
    let base = Base::for_article(None, Path::new("/lib/a.md"));
    let document = Document::parse(html, BodyKind::Html, &base, &[]);
    document
        .blocks
        .into_iter()
        .find_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .expect("the html has a table")
}

fn html_table(header: &[&str], rows: &[&[&str]]) -> String {
    let row = |tag: &str, cells: &[&str]| {
        let cells: String = cells.iter().map(|cell| format!("<{tag}>{cell}</{tag}>")).collect();
        format!("<tr>{cells}</tr>")
    };
    let body: String = rows.iter().map(|cells| row("td", cells)).collect();
    format!("<table>{}{body}</table>", row("th", header))
}

/// Characters, their bytes and widths, with a long explanation column.
fn characters() -> Table {
    table(&html_table(
        &["字", "编码", "UTF-8 字节数", "显示宽度", "说明"],
        &[
            &["a", "U+0061", "1", "1", "拉丁小写字母，最常见的单宽字符"],
            &["国", "U+56FD", "3", "2", "汉字，东亚宽度属性为 W，在终端里占两格"],
            &["ｶ", "U+FF76", "3", "1", "半角片假名，虽然是日文却只占一格"],
            &["ñ", "U+006E U+0303", "3", "1", "字母加上组合用的波浪号，后一个码位不占位置"],
            &["‘", "U+2018", "3", "1 或 2", "模糊宽度的左单引号，宽窄取决于终端的设置"],
        ],
    ))
}

/// Lines of `table` drawn in `width` columns.
fn drawn(table: &Table, width: usize) -> Vec<String> {
    let (lines, _) = layout(table, width, 0, &mut Measures::default());
    lines.iter().map(|line| line.spans.iter().map(|span| span.text.as_str()).collect()).collect()
}

fn shared(table: &Table, width: usize) -> Option<Vec<usize>> {
    let count = table.rows.iter().map(|row| row.cells.len()).max().unwrap_or(0);
    column_widths(table, count, width, &mut Measures::default())
}

fn longest_unit(text: &Text) -> usize {
    Measures::default().of(text).longest_unit().clamp(MIN_COLUMN, MIN_CAP)
}

#[test]
fn short_headers_do_not_wrap_while_the_explanation_column_has_room_to_give() {
    let table = characters();
    let headers = &table.rows[0].cells;
    let explanation_minimum = table.rows.iter().map(|row| longest_unit(&row.cells[4])).max().unwrap_or(0);
    for width in [60, 70, 80] {
        let widths = shared(&table, width).expect("a grid");
        assert_eq!(widths.iter().sum::<usize>() + 3 * widths.len() + 1, width, "{widths:?}");
        assert!(widths[4] > explanation_minimum, "at {width} the explanation is squeezed: {widths:?}");
        for (column, header) in headers.iter().enumerate() {
            assert!(header.to_plain().width() <= widths[column], "at {width}: {header:?} wraps in {widths:?}");
        }
        let lines = drawn(&table, width);
        // Top border, the header row on one line, then the rule under it.
        assert!(lines[1].contains("UTF-8 字节数") && lines[1].contains("显示宽度"), "{lines:#?}");
        assert!(lines[2].starts_with('├'), "at {width} the header row wraps: {lines:#?}");
    }
}

#[test]
fn a_numbers_column_does_not_wrap_while_a_prose_column_has_slack() {
    let table = table(&html_table(
        &["Town", "Population", "Notes"],
        &[
            &["Ashford", "1 250 000", "A market town on the river, known for its bridges and its long summer fair."],
            &["Brill", "84 000", "A hill village with a windmill that still turns on most days of the year."],
        ],
    ));
    for width in 36..=90 {
        let Some(widths) = shared(&table, width) else { continue };
        let notes_minimum = table.rows.iter().map(|row| longest_unit(&row.cells[2])).max().unwrap_or(0);
        if widths[2] > notes_minimum {
            assert!(widths[1] >= "Population".len(), "at {width}: {widths:?}");
            assert!(drawn(&table, width).iter().any(|line| line.contains("1 250 000")), "at {width}");
        }
    }
}

#[test]
fn two_prose_columns_share_in_proportion() {
    // Neither is narrow next to the other: each gets its minimum and a share
    // of the rest in proportion to what it would like more.
    assert_eq!(widths(&[40, 50], &[10, 10], 60), Some(vec![27, 33]));
}

#[test]
fn a_narrow_column_is_served_before_a_wide_one() {
    assert_eq!(widths(&[12, 36], &[5, 7], 30), Some(vec![12, 18]));
    // Not when the wide one would drop below its minimum: both share.
    assert_eq!(widths(&[12, 36], &[5, 20], 30), Some(vec![7, 23]));
}

#[test]
fn natural_widths_are_kept_when_they_fit() {
    assert_eq!(widths(&[4, 1, 20], &[3, 3, 5], 40), Some(vec![4, 1, 20]));
}

#[test]
fn widths_add_up_to_the_room_whenever_the_natural_ones_do_not_fit() {
    let columns = [
        (vec![4, 13, 12, 8, 36], vec![4, 7, 5, 3, 8]),
        (vec![30, 30, 30], vec![16, 3, 3]),
        (vec![1, 1, 50], vec![3, 3, 16]),
        (vec![100, 2, 9, 17], vec![16, 3, 9, 3]),
        (vec![5, 5, 5, 5, 5, 5], vec![3, 3, 3, 3, 3, 5]),
    ];
    for (natural, minimum) in &columns {
        for room in minimum.iter().sum::<usize>()..natural.iter().sum::<usize>() {
            let got = widths(natural, minimum, room).expect("the minima fit");
            assert_eq!(got.iter().sum::<usize>(), room, "{natural:?} {minimum:?} in {room}: {got:?}");
            for (c, &width) in got.iter().enumerate() {
                assert!(width >= minimum[c] && width <= natural[c].max(minimum[c]), "{got:?} in {room}");
            }
        }
    }
}

#[test]
fn tables_are_stacked_when_the_minima_do_not_fit() {
    assert_eq!(widths(&[20, 20], &[10, 10], 19), None);
    let table = characters();
    let minima: usize = (0..5).map(|c| column_max(&table, c, longest_unit)).sum();
    assert!(shared(&table, minima + 16).is_some());
    assert_eq!(shared(&table, minima + 15), None);
    let lines = drawn(&table, minima + 15);
    assert!(lines.iter().any(|line| line == "UTF-8 字节数: 3"), "{lines:#?}");
    assert!(lines.iter().all(|line| !line.contains('│')), "{lines:#?}");
}
