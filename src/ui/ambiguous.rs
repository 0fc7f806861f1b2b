//! `ambiguous_width = 2`: terminals that draw East Asian ambiguous
//! characters (`“”`, `…`, `①`) two columns wide. folio lays text out with
//! them counted as two, but ratatui places every character by its own
//! (narrow) count; this moves the rest of each row one column right after
//! each such character and hides the column it covers, so the screen
//! matches what the terminal draws.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;

/// Shifts the cells of `area` in `buffer` as described above.
pub fn widen(buffer: &mut Buffer, area: Rect) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        let has_ambiguous = (area.left()..area.right()).any(|x| is_narrow_ambiguous(&buffer[(x, y)]));
        if !has_ambiguous {
            continue;
        }
        let mut row: Vec<Cell> = Vec::with_capacity(usize::from(area.width) + 4);
        for x in area.left()..area.right() {
            let cell = buffer[(x, y)].clone();
            let widen = is_narrow_ambiguous(&cell);
            row.push(cell);
            if widen {
                // The column the character's right half covers: not drawn.
                let mut covered = Cell::default();
                covered.set_diff_option(CellDiffOption::Skip);
                row.push(covered);
            }
        }
        for (x, cell) in (area.left()..area.right()).zip(row) {
            buffer[(x, y)] = cell;
        }
    }
}

/// One ambiguous character that ratatui counted as one column.
fn is_narrow_ambiguous(cell: &Cell) -> bool {
    let mut chars = cell.symbol().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => crate::width::is_ambiguous(c) && unicode_width::UnicodeWidthChar::width(c) == Some(1),
        _ => false,
    }
}
