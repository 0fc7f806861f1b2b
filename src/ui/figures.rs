//! Images in the reading pane: each figure in view drawn at its rows
//! (partly, when it is scrolled half out), clipped to the text's columns;
//! a figure whose picture is not ready shows a line saying so; an image
//! that cannot be drawn says why after its marker (`[image 2] — not
//! shown: …`). No picture is drawn under an overlay.

use super::style::dim;
use crate::app::{App, ImageState, Reader};
use crate::images::Picture;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_image::sliced::{SignedPosition, SlicedImage};
use std::collections::HashMap;

/// Encoded pictures of the open article, by image number.
pub type Pictures = HashMap<usize, Picture>;

/// Draws `reader`'s figures that show in `text` (the text's columns and
/// the pane's rows), from line `reader.top`.
pub fn draw(frame: &mut Frame<'_>, app: &App, reader: &Reader, text: Rect, pictures: &Pictures) {
    let top = reader.top;
    let bottom = top + usize::from(text.height);
    let covered = app.panels.overlay.is_some();
    for figure in &reader.layout.figures {
        let end = figure.line + usize::from(figure.rows);
        if end <= top || figure.line >= bottom {
            continue;
        }
        let indent = figure.indent.min(text.width);
        let area = Rect::new(text.x + indent, text.y, text.width - indent, text.height);
        let y = i16::try_from(figure.line as isize - top as isize).unwrap_or(i16::MAX);
        let picture = pictures.get(&figure.image).filter(|p| p.cols == figure.cols && p.rows == figure.rows);
        match picture {
            Some(picture) if !covered => {
                frame.render_widget(SlicedImage::new(&picture.protocol, SignedPosition::from((0, y))), area);
            }
            _ => {
                let note = if covered { String::new() } else { format!("image {} …", figure.image) };
                // On the figure's first row, if that is in view.
                if let Ok(row) = u16::try_from(y)
                    && row < text.height
                    && !note.is_empty()
                {
                    let width = usize::from(area.width);
                    let line =
                        Line::from(Span::styled(crate::width::truncate(&crate::text::printable(&note), width), dim()));
                    frame.render_widget(Paragraph::new(line), Rect::new(area.x, area.y + row, area.width, 1));
                }
            }
        }
    }
    failures(frame, reader, text);
}

/// After the marker of each image in view that cannot be drawn: why.
fn failures(frame: &mut Frame<'_>, reader: &Reader, text: Rect) {
    if !reader.images.iter().any(|state| matches!(state, ImageState::Failed(_))) {
        return;
    }
    let lines = &reader.layout.lines;
    for row in 0..text.height {
        let index = reader.top + usize::from(row);
        let Some(line) = lines.get(index) else { break };
        if !line.text().contains("[image") {
            continue;
        }
        let reasons: Vec<String> = crate::layout::image_markers(line, lines.get(index + 1))
            .into_iter()
            .filter_map(|(image, _)| match reader.images.get(image.wrapping_sub(1)) {
                Some(ImageState::Failed(why)) => Some(why.clone()),
                _ => None,
            })
            .collect();
        let used = u16::try_from(line.width()).unwrap_or(u16::MAX).saturating_add(1);
        let room = text.width.saturating_sub(used);
        if reasons.is_empty() || room < 8 {
            continue;
        }
        let note = crate::width::truncate(
            &crate::text::printable(&format!("— not shown: {}", reasons.join("; "))),
            usize::from(room),
        );
        let area = Rect::new(text.x + used, text.y + row, room, 1);
        frame.render_widget(Paragraph::new(Line::from(Span::styled(note, dim()))), area);
    }
}
