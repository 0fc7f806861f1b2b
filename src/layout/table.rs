//! Tables by display width: columns get their natural width when it fits,
//! share the room as a browser's table layout does (short columns first)
//! when it does not, and when even the narrowest columns do not fit, each
//! row is stacked as `header: value`.

mod columns;

use super::wrap::{Measures, Wrapped, wrap_with};
use super::{Draft, glyph};
use crate::document::{Span, Style, Table, Text};
use crate::width::DisplayWidth;

/// A column is never squeezed below this (unless the table cannot fit).
const MIN_COLUMN: usize = 3;
/// The widest a column's longest word may claim as its minimum.
const MIN_CAP: usize = 16;

/// Lines for `table` in `width` columns, starting at text position `pos`;
/// also returns how many characters of text the table holds.
pub fn layout(table: &Table, width: usize, pos: usize, measures: &mut Measures) -> (Vec<Draft>, usize) {
    let columns = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let positions = cell_positions(table, pos);
    let chars = positions.last().and_then(|row| row.last()).map_or(0, |&(start, len)| start + len - pos);
    if columns == 0 {
        return (Vec::new(), chars);
    }
    let lines = match column_widths(table, columns, width, measures) {
        Some(widths) => grid(table, &widths, &positions, measures),
        None => stacked(table, width, &positions, measures),
    };
    (lines, chars)
}

/// The widths of the `count` columns of `table` drawn as a grid in
/// `width` columns, borders included; `None` when it must be stacked.
fn column_widths(table: &Table, count: usize, width: usize, measures: &mut Measures) -> Option<Vec<usize>> {
    let natural: Vec<usize> = (0..count).map(|c| column_max(table, c, natural_width)).collect();
    let minimum: Vec<usize> = (0..count)
        .map(|c| column_max(table, c, |t| measures.of(t).longest_unit().clamp(MIN_COLUMN, MIN_CAP)))
        .collect();
    // `│ a │ b │`: one bar per column, one more, and a space each side.
    let frame = 3 * count + 1;
    columns::widths(&natural, &minimum, width.checked_sub(frame)?)
}

/// Where each cell's text starts, and its length in characters.
fn cell_positions(table: &Table, pos: usize) -> Vec<Vec<(usize, usize)>> {
    let mut at = pos;
    table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|cell| {
                    let len = cell.to_plain().chars().count() + 1;
                    let start = at;
                    at += len;
                    (start, len)
                })
                .collect()
        })
        .collect()
}

fn column_max(table: &Table, column: usize, measure: impl FnMut(&Text) -> usize) -> usize {
    table.rows.iter().filter_map(|r| r.cells.get(column)).map(measure).max().unwrap_or(0).max(1)
}

fn natural_width(text: &Text) -> usize {
    text.to_plain().split('\n').map(|line| line.width()).max().unwrap_or(0)
}

fn border(widths: &[usize], left: &str, middle: &str, right: &str) -> Draft {
    let inner: Vec<String> = widths.iter().map(|w| glyph("─", "-").repeat(w + 2)).collect();
    let text = format!("{left}{}{right}", inner.join(middle));
    Draft { spans: vec![Span { text, style: Style::DECORATION }], pos: 0 }
}

fn grid(table: &Table, widths: &[usize], positions: &[Vec<(usize, usize)>], measures: &mut Measures) -> Vec<Draft> {
    let first_pos = positions.first().and_then(|r| r.first()).map_or(0, |p| p.0);
    let ruled = table.rows.iter().any(|row| {
        row.cells.iter().zip(widths).any(|(cell, &width)| natural_width(cell) > width || cell.to_plain().contains('\n'))
    });
    let mut lines = vec![border(widths, glyph("┌", "+"), glyph("┬", "+"), glyph("┐", "+"))];
    lines[0].pos = first_pos;
    for (r, row) in table.rows.iter().enumerate() {
        let style = if row.header { Style::STRONG } else { Style::PLAIN };
        let cells: Vec<Vec<Wrapped>> = widths
            .iter()
            .enumerate()
            .map(|(c, &width)| {
                row.cells.get(c).map_or_else(Vec::new, |cell| wrap_with(&restyle(cell, style), width, measures))
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let row_pos = positions[r].first().map_or(first_pos, |p| p.0);
        for line in 0..height {
            let mut spans = vec![bar(glyph("│ ", "| "))];
            for (c, width) in widths.iter().enumerate() {
                let piece = cells[c].get(line);
                let used: usize = piece.map_or(0, |w| w.spans.iter().map(|s| s.text.width()).sum());
                if let Some(piece) = piece {
                    spans.extend(piece.spans.iter().cloned());
                }
                spans.push(Span { text: " ".repeat(width - used.min(*width)), style: Style::PLAIN });
                spans.push(bar(if c + 1 == widths.len() { glyph(" │", " |") } else { glyph(" │ ", " | ") }));
            }
            let pos = cells
                .iter()
                .enumerate()
                .find_map(|(c, lines)| lines.get(line).map(|w| positions[r].get(c).map_or(row_pos, |p| p.0) + w.start))
                .unwrap_or(row_pos);
            lines.push(Draft { spans, pos });
        }
        // Rows of one line each read well without rules between them.
        if r + 1 < table.rows.len() && (row.header || ruled) {
            let mut separator = border(widths, glyph("├", "+"), glyph("┼", "+"), glyph("┤", "+"));
            separator.pos = lines.last().map_or(row_pos, |l| l.pos);
            lines.push(separator);
        }
    }
    let mut bottom = border(widths, glyph("└", "+"), glyph("┴", "+"), glyph("┘", "+"));
    bottom.pos = lines.last().map_or(first_pos, |l| l.pos);
    lines.push(bottom);
    lines
}

/// Each row as `header: value` lines, rows apart by a rule.
fn stacked(table: &Table, width: usize, positions: &[Vec<(usize, usize)>], measures: &mut Measures) -> Vec<Draft> {
    let headers: Option<&Vec<Text>> = table.rows.first().filter(|r| r.header).map(|r| &r.cells);
    let mut lines = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        if headers.is_some() && r == 0 {
            continue;
        }
        if !lines.is_empty() {
            let pos = positions[r].first().map_or(0, |p| p.0);
            lines.push(Draft { spans: vec![bar(&glyph("─", "-").repeat(width.min(20)))], pos });
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let label = headers.and_then(|h| h.get(c)).map(Text::to_plain).filter(|l| !l.is_empty());
            let mut spans = Vec::new();
            let mut label_chars = 0;
            if let Some(label) = label {
                let label = format!("{label}: ");
                label_chars = label.chars().count();
                spans.push(Span { text: label, style: Style::STRONG });
            }
            spans.extend(cell.spans.iter().cloned());
            let start = positions[r][c].0;
            for line in wrap_with(&Text::new(spans), width, measures) {
                // Positions count the cell's text, not the label before it.
                lines.push(Draft { spans: line.spans, pos: start + line.start.saturating_sub(label_chars) });
            }
        }
    }
    lines
}

fn restyle(text: &Text, style: Style) -> Text {
    if style == Style::PLAIN {
        return text.clone();
    }
    Text::new(text.spans.iter().map(|s| Span { text: s.text.clone(), style: s.style.with(style) }).collect())
}

fn bar(text: &str) -> Span {
    Span { text: text.to_owned(), style: Style::DECORATION }
}

#[cfg(test)]
mod tests;
