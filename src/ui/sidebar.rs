//! The sidebar: one article in two rows (its title; its source and date),
//! the selection highlighted.

use super::style::{bold, coloured, dim, selected};
use crate::app::ArticleRow;
use crate::app::{App, Area, Focus, ROW_HEIGHT};
use crate::config::Element;
use crate::state::ReadState;
use crate::width::{fit, truncate, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Area) {
    let columns = usize::from(area.width);
    let rows = usize::from(area.height) / ROW_HEIGHT;
    let mut lines: Vec<Line<'_>> = Vec::with_capacity(usize::from(area.height));
    let list = &app.list;
    for position in list.top..(list.top + rows).min(list.visible.len()) {
        let index = list.visible[position];
        let Some(article) = list.store.get(index) else { continue };
        let is_selected = position == list.selected;
        let is_open = app.reading.article() == Some(index);
        // The selection while the list has the keys; while the reader has
        // them, the open article (so after `J`/`K` one sees where one is);
        // an open article the selection left is underlined.
        let highlight = match (app.focus, is_selected, is_open) {
            (Focus::Sidebar, true, _) | (Focus::Reader, _, true) => selected(),
            (_, _, true) => Style::default().add_modifier(Modifier::UNDERLINED),
            (_, true, _) => bold(),
            _ => Style::default(),
        };
        let state = app.read_state(index);
        // Unread titles stand out: bold, in the theme's colour.
        let highlight = if state.read {
            highlight
        } else {
            highlight.patch(coloured(Element::Unread)).add_modifier(Modifier::BOLD)
        };
        let highlights = list.title_highlights(index);
        lines.push(highlighted(fit(article.title(), columns), &highlights, highlight));
        lines.push(details(article, state, columns));
    }
    if list.visible.is_empty() {
        let note = if app.status.loading {
            "Loading…"
        } else if list.filter.text.is_empty() {
            "No articles here"
        } else {
            "No article matches the filter"
        };
        lines.push(Line::from(Span::styled(truncate(note, columns), dim())));
    }
    frame.render_widget(Paragraph::new(lines), Rect::new(area.x, area.y, area.width, area.height));
}

/// `source  draft 42% ★ 2021-12-30`, cut to fit: a draft's mark, the star
/// of a starred article and how far one read part-way was read.
fn details(article: ArticleRow<'_>, state: ReadState, columns: usize) -> Line<'static> {
    let date = article.date().map(|d| d.strftime("%Y-%m-%d").to_string()).unwrap_or_default();
    let source = article.author().unwrap_or_else(|| article.group()).to_owned();
    let mut flags: Vec<Span<'static>> = Vec::new();
    if article.is_draft() {
        flags.push(Span::styled("draft ", coloured(Element::Starred)));
    }
    if let Some(progress) = state.progress {
        flags.push(Span::styled(format!("{}% ", crate::state::percent(progress)), dim()));
    }
    if state.starred {
        flags.push(Span::styled("★ ", coloured(Element::Starred)));
    }
    let flags_width: usize = flags.iter().map(|f| width(&f.content)).sum();
    let date_width = width(&date);
    if columns <= date_width + flags_width + 2 {
        return Line::from(Span::styled(truncate(&date, columns), dim()));
    }
    let source = fit(&source, columns - date_width - flags_width - 1);
    let mut spans = vec![Span::styled(format!("{source} "), dim())];
    spans.extend(flags);
    spans.push(Span::styled(date, dim()));
    Line::from(spans)
}

/// `title` with the characters of `highlights` picked out.
fn highlighted(title: String, highlights: &[(usize, usize)], base: Style) -> Line<'static> {
    if highlights.is_empty() {
        return Line::from(Span::styled(title, base));
    }
    let hit = base.patch(super::style::matched());
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut piece = String::new();
    let mut piece_hit = false;
    for (index, c) in title.chars().enumerate() {
        let is_hit = highlights.iter().any(|(start, end)| index >= *start && index < *end);
        if is_hit != piece_hit && !piece.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut piece), if piece_hit { hit } else { base }));
        }
        piece_hit = is_hit;
        piece.push(c);
    }
    spans.push(Span::styled(piece, if piece_hit { hit } else { base }));
    Line::from(spans)
}
