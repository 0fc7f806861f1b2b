//! The reading pane: the laid-out article from its scroll position, a
//! margin, and a scroll bar.

use super::style::{dim, span_style};
use crate::app::{App, Area};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Area) {
    let height = usize::from(area.height);
    let Some(reader) = &app.reader else {
        let hint = if app.opening.is_some() { "Opening…" } else { "Select an article and press Enter" };
        let line = Line::from(Span::styled(crate::width::truncate(hint, usize::from(area.width)), dim()));
        frame.render_widget(
            Paragraph::new(line),
            Rect::new(area.x.saturating_add(1), area.y, area.width.saturating_sub(1), 1),
        );
        return;
    };
    let lines: Vec<Line<'_>> = reader.layout.lines[reader.top.min(reader.layout.lines.len())..]
        .iter()
        .take(height)
        .map(|line| {
            Line::from(
                line.spans.iter().map(|s| Span::styled(s.text.as_str(), span_style(s.style))).collect::<Vec<_>>(),
            )
        })
        .collect();
    let text_width = area.width.saturating_sub(3);
    frame.render_widget(Paragraph::new(lines), Rect::new(area.x + 1, area.y, text_width, area.height));
    draw_scrollbar(frame, area, reader.top, height, reader.layout.lines.len());
}

/// A thin bar on the pane's right edge: where the view is in the article.
fn draw_scrollbar(frame: &mut Frame<'_>, area: Area, top: usize, height: usize, total: usize) {
    if area.width < 3 || total <= height || height == 0 {
        return;
    }
    let thumb = (height * height / total).max(1);
    let start = (top * height / total).min(height - thumb);
    let lines: Vec<Line<'_>> = (0..height)
        .map(|row| {
            let on_thumb = row >= start && row < start + thumb;
            Line::from(Span::styled(
                if on_thumb { "┃" } else { "│" },
                if on_thumb { Default::default() } else { dim() },
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), Rect::new(area.x + area.width - 1, area.y, 1, area.height));
}
