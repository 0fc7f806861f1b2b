//! The status bar: the count, the filter, messages, a key hint; the filter
//! line while one is typed.

use super::style::{bold, coloured, dim};
use crate::app::{App, Area};
use crate::config::Element;
use crate::width::{truncate, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Area) {
    let columns = usize::from(area.width);
    let rect = Rect::new(area.x, area.y, area.width, area.height);
    if super::query_line::draw(frame, app, area) {
        return;
    }
    let mut left = format!("{}/{} articles", app.list.visible.len(), app.list.article_count());
    if app.status.loading {
        left.push_str(&format!(" · loading {}…", app.list.store.len() + app.status.problems.len()));
    }
    if !app.list.filter.text.is_empty() {
        left.push_str(&format!(" · /{}", app.list.filter.text));
    }
    if let Some(find) = app.reading.open.as_ref().and_then(|r| r.find.as_ref()).filter(|f| !f.line.text.is_empty()) {
        left.push_str(&format!(" · “{}” {}", find.line.text, super::query_line::count(find)));
    }
    if app.state.store.is_some() {
        // A filtered list counts its own unread, then the library's, as the
        // articles are counted.
        let all = app.list.unread_count();
        if app.list.visible.len() == app.list.article_count() {
            left.push_str(&format!(" · {all} unread"));
        } else {
            left.push_str(&format!(" · {}/{all} unread", app.list.unread_here()));
        }
    }
    if app.list.searching_bodies {
        left.push_str(" · searching bodies…");
    }
    if app.reading.opening.is_some() && app.reading.open.is_some() {
        // The pane says so itself when nothing is open yet.
        left.push_str(" · opening…");
    }
    if let Some(reader) = app.reading.open.as_ref().filter(|_| app.panes().reader.is_some()) {
        left.push_str(&format!(" · {}%", reader.percent(app.reader_height())));
        if reader.deleted {
            left.push_str(" · deleted on disk");
        }
    }
    let key = |command| app.keymap.first_key(command, app.scope());
    let hint = match (key(crate::app::Command::Help), key(crate::app::Command::Quit)) {
        (Some(help), Some(quit)) => format!("{help} help  {quit} quit"),
        (None, Some(quit)) => format!("{quit} quit"),
        (Some(help), None) => format!("{help} help  Ctrl-c quit"),
        (None, None) => "Ctrl-c quit".to_owned(),
    };
    let hint = hint.as_str();
    // The section being read, when there is room for it beside the rest.
    if let Some(reader) = app.reading.open.as_ref().filter(|_| app.focus == crate::app::Focus::Reader)
        && let Some(heading) = reader.current_heading(app.reader_height()).and_then(|at| reader.layout.headings.get(at))
    {
        let room = columns.saturating_sub(width(&left) + width(hint) + 8);
        let text = crate::text::printable(&heading.text);
        if room >= 12.min(width(&text)) && room > 0 {
            left.push_str(&format!(" · § {}", truncate(&text, room)));
        }
    }
    let message = app.status.message.as_deref().unwrap_or_default();
    let mut spans = vec![Span::styled(left.clone(), bold())];
    let mut used = width(&left);
    if !message.is_empty() && used + 3 < columns {
        let room = columns - used - 3;
        let shown = truncate(message, room);
        used += 3 + width(&shown);
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(shown, coloured(Element::Message)));
    }
    if used + width(hint) + 2 <= columns {
        spans.push(Span::raw(" ".repeat(columns - used - width(hint))));
        spans.push(Span::styled(hint, dim()));
    }
    let line = Line::from(spans);
    let line = if used > columns { Line::from(truncate(&left, columns)) } else { line };
    frame.render_widget(
        Paragraph::new(line).style(Style::default().bg(Color::Reset).patch(coloured(Element::Status))),
        rect,
    );
}
