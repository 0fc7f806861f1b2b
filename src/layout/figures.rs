//! Figures: room for drawn images in a layout. An image stands before the
//! line where its marker (`[image N…]`) starts, on blank lines of its own
//! (as many as it needs at the layout's width), so the marker stays under
//! it as its caption and everything that counts lines — scrolling, find,
//! the reading place — counts the image's rows too.

use super::{Layout, Line};
use crate::document::Style;
use crate::width::DisplayWidth;

/// An image's place in a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The image's number (`Document::images[image - 1]`).
    pub image: usize,
    /// Its first row: a line index of the layout.
    pub line: usize,
    pub rows: u16,
    pub cols: u16,
    /// Columns before it (a list's or a quote's indent).
    pub indent: u16,
}

impl Figure {
    /// Whether line `line` is one of the figure's rows.
    pub fn holds(&self, line: usize) -> bool {
        line >= self.line && line < self.line + usize::from(self.rows)
    }
}

/// Where image markers start in `layout`'s lines (figure rows left out):
/// `(line, image number, indent)`, in order.
fn markers(layout: &Layout) -> Vec<(usize, usize, u16)> {
    let mut found = Vec::new();
    let mut figures = layout.figures.iter().peekable();
    for index in 0..layout.lines.len() {
        while figures.peek().is_some_and(|f| f.line + usize::from(f.rows) <= index) {
            figures.next();
        }
        if figures.peek().is_some_and(|f| f.holds(index)) {
            continue;
        }
        let line = layout.lines.line(index);
        if !line.text().contains("[image") {
            continue;
        }
        let next = layout.lines.get(index + 1);
        for (number, indent) in image_markers(line, next) {
            found.push((index, number, indent));
        }
    }
    found
}

/// The images whose markers start on `line` (`next` is the line after it,
/// for a marker broken after `[image`), each with the columns before the
/// line's text. A marker inside a table row (a border after it) has no
/// room for a figure.
pub fn image_markers(line: Line<'_>, next: Option<Line<'_>>) -> Vec<(usize, u16)> {
    let pieces: Vec<_> = line.spans().collect();
    let indent: usize = pieces
        .iter()
        .take_while(|p| p.style.has(Style::DECORATION) || p.text.trim().is_empty())
        .map(|p| p.text.width())
        .sum();
    let indent = u16::try_from(indent).unwrap_or(u16::MAX);
    let mut found = Vec::new();
    for (at, piece) in pieces.iter().enumerate() {
        if !piece.style.has(Style::MARKER) {
            continue;
        }
        let bordered = pieces[at + 1..].iter().any(|p| p.style.has(Style::DECORATION) && !p.text.trim().is_empty());
        if bordered {
            continue;
        }
        let mut rest = piece.text;
        while let Some(start) = rest.find("[image") {
            let after = &rest[start + "[image".len()..];
            let digits_from = if after.trim().is_empty() && at + 1 == pieces.len() {
                // Broken after `[image`: the number opens the next line.
                next.and_then(|n| n.spans().find(|p| !p.text.trim().is_empty())).map_or("", |p| p.text)
            } else {
                after
            };
            let digits: String = digits_from.trim_start().chars().take_while(char::is_ascii_digit).collect();
            if let Ok(number) = digits.parse::<usize>()
                && (after.is_empty() || after.starts_with(' '))
            {
                found.push((number, indent));
            }
            rest = after;
        }
    }
    found
}

/// Puts `layout`'s figures where its image markers are, each as large as
/// `size_of(image, room)` says (`(cols, rows)`, `None`: no figure) for the
/// columns `room` it has; the figures there before are taken out first.
/// Returns where line `watched` of the layout as it was is now (a row of a
/// figure: the top of the figures over the same text line), so a reader
/// keeps its place.
pub fn place(layout: &mut Layout, watched: usize, size_of: impl Fn(usize, u16) -> Option<(u16, u16)>) -> usize {
    let old = std::mem::take(&mut layout.figures);
    let plain =
        Layout { width: layout.width, lines: std::mem::take(&mut layout.lines), figures: old, headings: Vec::new() };
    let markers = markers(&plain);
    let width = u16::try_from(layout.width).unwrap_or(u16::MAX);
    let mut wanted: Vec<(usize, Figure)> = Vec::new();
    for (line, image, indent) in markers {
        let room = width.saturating_sub(indent);
        if let Some((cols, rows)) = size_of(image, room).filter(|&(cols, rows)| cols > 0 && rows > 0) {
            wanted.push((line, Figure { image, line: 0, rows, cols: cols.min(room), indent }));
        }
    }
    let Layout { mut lines, figures: old, .. } = plain;
    let count = lines.len();
    let is_figure_row: Vec<bool> = (0..count).map(|i| old.iter().any(|f| f.holds(i))).collect();
    let mut figures = Vec::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    let mut blanks = vec![0; count];
    let mut out_line = 0;
    // Where the watched line lands: the first text line at or after it,
    // or the top of the figures before that line if it was a figure row.
    let mut landing = None;
    for index in 0..count {
        let block_top = out_line;
        while let Some((_, figure)) = next.next_if(|(line, _)| *line == index) {
            figures.push(Figure { line: out_line, ..*figure });
            out_line += usize::from(figure.rows);
        }
        blanks[index] = out_line - block_top;
        if is_figure_row[index] {
            continue;
        }
        if landing.is_none() && index >= watched {
            landing = Some(if (index > watched) || is_figure_row.get(watched).copied().unwrap_or(false) {
                block_top
            } else {
                out_line
            });
        }
        out_line += 1;
    }
    lines.respace(|i| !is_figure_row[i], |i| blanks[i]);
    layout.lines = lines;
    layout.figures = figures;
    landing.unwrap_or(out_line.saturating_sub(1)).min(layout.lines.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BodyKind, Document};
    use crate::layout::{Options, layout};

    fn laid_out(html: &str, width: usize) -> Layout {
        let document = Document::parse(
            html,
            BodyKind::Html,
            &crate::document::Base::Folder(std::path::PathBuf::from("/tmp")),
            &[],
        );
        layout(&document, width, Options::default())
    }

    fn texts(layout: &Layout) -> Vec<String> {
        layout.lines.iter().map(|l| l.text().to_owned()).collect()
    }

    #[test]
    fn a_figure_stands_on_blank_rows_before_its_marker() {
        let mut layout = laid_out(
            "<p>Before.</p><figure><img src='a.png' alt='A cat'><figcaption>Cat</figcaption></figure><p>After.</p>",
            30,
        );
        let before = texts(&layout);
        let marker = before.iter().position(|l| l.starts_with("[image 1")).expect("marker");
        place(&mut layout, 0, |image, room| (image == 1).then_some((room.min(12), 4)));
        let after = texts(&layout);
        assert_eq!(after.len(), before.len() + 4);
        assert_eq!(layout.figures, vec![Figure { image: 1, line: marker, rows: 4, cols: 12, indent: 0 }]);
        assert!(after[marker..marker + 4].iter().all(String::is_empty));
        // A reader on a figure row stays on the figure's top.
        assert_eq!(place(&mut layout, marker + 2, |_, _| Some((12, 6))), marker);
        assert_eq!(after[marker + 4], before[marker]);
        // The rows have the marker line's text position: the reading place stays right.
        assert_eq!(layout.lines.line(marker).pos, layout.lines.line(marker + 4).pos);
    }

    #[test]
    fn placing_again_replaces_the_figures_and_reports_rows_above_a_line() {
        let html = "<p>One.</p><p><img src='a.png'></p><p>Two.</p><p><img src='b.png'></p><p>Three.</p>";
        let mut layout = laid_out(html, 40);
        let plain = texts(&layout);
        let three = plain.iter().position(|l| l == "Three.").expect("three");
        assert_eq!(place(&mut layout, three, |_, _| Some((10, 3))), three + 6);
        assert_eq!(layout.figures.len(), 2);
        let three_now = three + 6;
        assert_eq!(layout.lines.line(three_now).text(), "Three.");
        // Image 2 grows, image 1 goes: rows above "Three." change by -3 + 2.
        let moved = place(&mut layout, three_now, |image, _| (image == 2).then_some((10, 5)));
        assert_eq!(moved, three_now - 1);
        assert_eq!(layout.lines.line(three_now - 1).text(), "Three.");
        // No figures: exactly the text layout again.
        place(&mut layout, 0, |_, _| None);
        assert_eq!(texts(&layout), plain);
        assert!(layout.figures.is_empty());
    }

    #[test]
    fn figures_follow_the_width_and_indent() {
        for width in [12, 20, 33, 80] {
            let mut layout = laid_out(
                "<ul><li>Item <img src='a.png' alt='x'> more</li></ul><blockquote><img src='b.png'></blockquote>",
                width,
            );
            place(&mut layout, 0, |_, room| Some((room, 2)));
            assert_eq!(layout.figures.len(), 2, "width {width}");
            for figure in &layout.figures {
                assert!(figure.indent > 0, "width {width}: {figure:?}");
                assert_eq!(usize::from(figure.indent + figure.cols), width);
                let caption = layout.lines.line(figure.line + usize::from(figure.rows));
                assert!(
                    caption.text().contains("[image") || caption.text().contains("image"),
                    "{width}: {:?}",
                    caption.text()
                );
            }
        }
    }

    #[test]
    fn a_marker_in_a_table_cell_gets_no_figure() {
        let mut layout = laid_out("<table><tr><td><img src='a.png'></td><td>text</td></tr></table>", 40);
        place(&mut layout, 0, |_, _| Some((5, 2)));
        assert!(layout.figures.is_empty());
    }

    #[test]
    fn words_like_the_marker_in_text_are_no_figure() {
        let mut layout = laid_out("<p>[image 1] written by hand</p>", 40);
        place(&mut layout, 0, |_, _| Some((5, 2)));
        assert!(layout.figures.is_empty());
    }
}
