//! The reading pane: the laid-out article from its scroll position, a
//! margin, and a scroll bar.

use super::style::{dim, span_style};
use crate::app::{App, Area};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Area, pictures: &super::Pictures) {
    let height = usize::from(area.height);
    let Some(reader) = &app.reading.open else {
        if app.reading.opening.is_none() && draw_preview(frame, app, area) {
            return;
        }
        let hint = if app.reading.opening.is_some() { "Opening…" } else { "Select an article and press Enter" };
        let line = Line::from(Span::styled(crate::width::truncate(hint, usize::from(area.width)), dim()));
        frame.render_widget(
            Paragraph::new(line),
            Rect::new(area.x.saturating_add(1), area.y, area.width.saturating_sub(1), 1),
        );
        return;
    };
    let first = reader.top.min(reader.layout.lines.len());
    let find = reader.find.as_ref();
    let lines: Vec<Line<'_>> = (first..reader.layout.lines.len())
        .filter_map(|index| reader.layout.lines.get(index))
        .enumerate()
        .take(height)
        .map(|(offset, line)| {
            let index = first + offset;
            let highlights: Vec<(usize, usize, bool)> = find
                .map(|f| {
                    f.matches
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m.line == index)
                        .map(|(i, m)| (m.start, m.end, i == f.current))
                        .collect()
                })
                .unwrap_or_default();
            if highlights.is_empty() {
                Line::from(line.spans().map(|s| Span::styled(s.text, span_style(s.style))).collect::<Vec<_>>())
            } else {
                highlighted(line, &highlights)
            }
        })
        .collect();
    let pane_width = area.width.saturating_sub(3);
    // A reading width narrower than the pane: the text centred in it.
    let text_width = u16::try_from(reader.layout.width).unwrap_or(pane_width).min(pane_width);
    let left = area.x + 1 + (pane_width - text_width) / 2;
    let text = Rect::new(left, area.y, text_width, area.height);
    frame.render_widget(Paragraph::new(lines), text);
    super::figures::draw(frame, app, reader, text, pictures);
    draw_scrollbar(frame, area, reader.top, height, reader.layout.lines.len());
}

/// The selected article's preview, when its front matter gives a summary:
/// its title, source and date, the summary, and how to read on. Whether
/// one was drawn.
fn draw_preview(frame: &mut Frame<'_>, app: &App, area: Area) -> bool {
    let Some(article) = app.list.selected_article().map(|number| app.list.store.row(number)) else { return false };
    let Some(summary) = article.summary() else { return false };
    let width = usize::from(area.width.saturating_sub(3)).max(1);
    let wrap = |text: &str| -> Vec<String> {
        crate::layout::wrap(&crate::document::Text::plain(text), width)
            .into_iter()
            .map(|line| line.spans.iter().map(|span| span.text.as_str()).collect())
            .collect()
    };
    let mut lines: Vec<Line<'_>> = wrap(article.title())
        .into_iter()
        .map(|line| {
            Line::from(Span::styled(
                line,
                span_style(crate::document::Style::HEADING.with(crate::document::Style::STRONG)),
            ))
        })
        .collect();
    let source = article.author().unwrap_or_else(|| article.group());
    let date = article.date().map(|d| d.strftime("%Y-%m-%d").to_string()).unwrap_or_default();
    let meta = [source, date.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    lines.push(Line::from(Span::styled(crate::width::truncate(&meta, width), dim())));
    lines.push(Line::default());
    lines.extend(wrap(summary).into_iter().map(Line::from));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(crate::width::truncate("Enter to read", width), dim())));
    let left = area.x.saturating_add(1);
    frame.render_widget(Paragraph::new(lines), Rect::new(left, area.y, area.width.saturating_sub(3), area.height));
    true
}

/// A thin bar on the pane's right edge: where the view is in the article.
fn draw_scrollbar(frame: &mut Frame<'_>, area: Area, top: usize, height: usize, total: usize) {
    if area.width < 3 || total <= height || height == 0 {
        return;
    }
    let (start, thumb) = thumb(top, height, total);
    let lines: Vec<Line<'_>> = (0..height)
        .map(|row| {
            let on_thumb = row >= start && row < start + thumb;
            Line::from(Span::styled(
                if on_thumb { super::line_char("┃", "#") } else { super::line_char("│", "|") },
                if on_thumb { Default::default() } else { dim() },
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), Rect::new(area.x + area.width - 1, area.y, 1, area.height));
}

/// The scroll bar's thumb (first row, rows) for a view of `height` lines
/// from `top` of `total`: the rows the view covers scaled to the pane,
/// starting where the view does (rounded down) and ending where it ends
/// (rounded up) — at the end of the article it reaches the bottom row.
fn thumb(top: usize, height: usize, total: usize) -> (usize, usize) {
    let start = (top * height / total).min(height - 1);
    let end = ((top + height).min(total) * height).div_ceil(total).clamp(start + 1, height);
    (start, end - start)
}

/// A line with the characters of `highlights` (start, end, current) highlighted.
fn highlighted<'a>(line: crate::layout::Line<'a>, highlights: &[(usize, usize, bool)]) -> Line<'a> {
    let mut spans = Vec::new();
    let mut index = 0;
    for span in line.spans() {
        let base = span_style(span.style);
        let mut piece = String::new();
        let mut piece_style = None;
        for c in span.text.chars() {
            let highlight = highlights.iter().find(|(start, end, _)| index >= *start && index < *end);
            let style = match highlight {
                Some((_, _, true)) => base.patch(super::style::current_match()),
                Some(_) => base.add_modifier(Modifier::REVERSED),
                None => base,
            };
            if piece_style.is_some_and(|s| s != style) {
                spans.push(Span::styled(std::mem::take(&mut piece), piece_style.unwrap_or(base)));
            }
            piece_style = Some(style);
            piece.push(c);
            index += 1;
        }
        if !piece.is_empty() {
            spans.push(Span::styled(piece, piece_style.unwrap_or(base)));
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_thumb_reaches_the_bottom_at_the_end_and_the_top_at_the_start() {
        for total in [31, 57, 100, 997, 12_345] {
            for height in [1, 7, 28, 30] {
                if total <= height {
                    continue;
                }
                assert_eq!(super::thumb(0, height, total).0, 0);
                let (start, rows) = super::thumb(total - height, height, total);
                assert_eq!(start + rows, height, "{total} lines in {height} rows");
                for top in (0..=total - height).step_by(7) {
                    let (start, rows) = super::thumb(top, height, total);
                    assert!(rows >= 1 && start + rows <= height);
                }
            }
        }
    }
}
