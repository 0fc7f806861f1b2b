//! Boxes over the panes: the help (from the key map), the load problems,
//! and the images and links panels.

use super::style::{bold, dim, selected};
use crate::app::{App, Overlay, panel_area, panel_first_entry};
use crate::text::printable;
use crate::width::{fit, truncate, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(frame: &mut Frame<'_>, app: &App, overlay: Overlay) {
    match overlay {
        Overlay::Help => help(frame, app),
        Overlay::Problems { top } => problems(frame, app, top),
        Overlay::Images { selected } => panel(frame, app, "Images", selected),
        Overlay::Links { selected } => panel(frame, app, "Links", selected),
        Overlay::Groups { selected } => groups(frame, app, selected),
        Overlay::Outline { selected } => outline(frame, app, selected),
    }
}

/// A bordered box of `width` × `height` cells in the middle of the screen.
fn centred(frame: &mut Frame<'_>, app: &App, width: u16, height: u16, title: &str) -> Rect {
    let (columns, rows) = app.screen.size;
    let width = width.min(columns);
    // Above the status bar, at least a bordered line when there is room.
    let height = height.min(rows.saturating_sub(1)).max(3).min(rows);
    let area = Rect::new((columns - width) / 2, rows.saturating_sub(1).saturating_sub(height) / 2, width, height);
    frame.render_widget(Clear, area);
    // A wide character whose right half the box covers would leave half a
    // glyph (or garbage) at the box's edge: blank it.
    if area.x > 0 {
        let buffer = frame.buffer_mut();
        for y in area.y..area.y + area.height {
            let cell = &mut buffer[(area.x - 1, y)];
            if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    let title = truncate(title, usize::from(width.saturating_sub(4)));
    let mut block = Block::bordered()
        .title(Span::styled(format!(" {title} "), bold()))
        .border_style(super::style::coloured(crate::config::Element::Border));
    if crate::width::ambiguous_wide() {
        // Box drawing is two columns wide there: an ASCII frame.
        block = block.border_set(ratatui::symbols::border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        });
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn help(frame: &mut Frame<'_>, app: &App) {
    let entries = app.keymap.help_lines();
    // A line with no help is a heading (or a gap): it spans the box.
    let key_width = entries.iter().filter(|(_, what)| !what.is_empty()).map(|(keys, _)| width(keys)).max().unwrap_or(0);
    let inner = centred(frame, app, 72, entries.len() as u16 + 2, "Keys — j/k scroll, Esc closes");
    let columns = usize::from(inner.width);
    let lines: Vec<Line<'_>> = entries
        .iter()
        .skip(app.panels.help_top)
        .map(|(keys, what)| {
            if what.is_empty() {
                return Line::from(Span::styled(truncate(keys, columns), bold()));
            }
            let keys = fit(keys, key_width.min(columns / 2));
            let room = columns.saturating_sub(width(&keys) + 2);
            Line::from(vec![Span::styled(keys, bold()), Span::raw("  "), Span::raw(truncate(what, room))])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The open article's headings, indented by level; `▸` marks the section
/// the pane is in, the chosen one is reversed.
fn outline(frame: &mut Frame<'_>, app: &App, chosen: usize) {
    let Some(reader) = &app.reading.open else { return };
    let headings = &reader.layout.headings;
    let (_, rows) = app.screen.size;
    let height = (headings.len() as u16).saturating_add(2).min(rows.saturating_sub(1));
    let inner = centred(frame, app, 72, height, "Outline — Enter goes there, Esc closes");
    let room = usize::from(inner.width);
    let shown = usize::from(inner.height).max(1);
    let first = chosen.saturating_sub(shown - 1);
    let current = reader.current_heading(app.reader_height());
    let top_level = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let lines: Vec<Line<'_>> = headings
        .iter()
        .enumerate()
        .skip(first)
        .take(shown)
        .map(|(index, heading)| {
            let mark = if Some(index) == current { super::line_char("▸ ", "> ") } else { "  " };
            let indent = "  ".repeat(usize::from(heading.level.saturating_sub(top_level)).min(5));
            let text = printable(&heading.text);
            let style = if index == chosen { selected() } else { Default::default() };
            Line::from(Span::styled(fit(&format!("{mark}{indent}{text}"), room), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn problems(frame: &mut Frame<'_>, app: &App, top: usize) {
    use crate::app::problems_view::{self, RowKind};
    let (columns, rows) = app.screen.size;
    let files = problems_view::file_count(&app.status.problems);
    let title = format!("{files} file{} with problems — j/k scroll, Esc closes", if files == 1 { "" } else { "s" });
    let inner = centred(frame, app, columns.saturating_sub(4).max(10), rows.saturating_sub(2), &title);
    let shown = usize::from(inner.height);
    let mut lines: Vec<Line<'_>> = problems_view::rows(&app.status.problems, usize::from(inner.width))
        .into_iter()
        .skip(top)
        .take(shown)
        .map(|(kind, text)| match kind {
            RowKind::Heading | RowKind::Path => Line::from(Span::styled(text, bold())),
            RowKind::Message => Line::from(Span::styled(text, dim())),
        })
        .collect();
    if app.status.problems.is_empty() {
        lines.push(Line::from("Every file loaded."));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn panel(frame: &mut Frame<'_>, app: &App, title: &str, chosen: usize) {
    let entries = app.panel_entries();
    let area = panel_area(app.screen.size, entries.len());
    let title = format!("{title} — Enter or 1-9 opens, Esc closes");
    let inner = centred(frame, app, area.width, area.height, &title);
    let room = usize::from(inner.width);
    let first = panel_first_entry(inner.height, chosen);
    let mut lines: Vec<Line<'_>> = Vec::new();
    let shown = (usize::from(inner.height) / 2).max(1);
    for (index, (url, label)) in entries.iter().enumerate().skip(first).take(shown) {
        let number = format!("[{}] ", index + 1);
        let label = if label.is_empty() { url.as_str() } else { label.as_str() };
        let style = if index == chosen { selected() } else { Default::default() };
        lines.push(Line::from(Span::styled(fit(&format!("{number}{label}"), room), style)));
        let indent = " ".repeat(width(&number));
        lines.push(Line::from(Span::styled(truncate(&format!("{indent}{url}"), room), dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The tree of groups in the sidebar's place: name indented by depth, the
/// count on the right.
fn groups(frame: &mut Frame<'_>, app: &App, chosen: usize) {
    let Some(area) = app.panes().sidebar else { return };
    let area = Rect::new(area.x, area.y, area.width, area.height);
    frame.render_widget(Clear, area);
    let columns = usize::from(area.width);
    let rows = usize::from(area.height).saturating_sub(1);
    let groups = app.groups();
    let first = chosen.saturating_sub(rows.saturating_sub(1));
    let mut lines = vec![Line::from(Span::styled(truncate("Groups — Enter filters, Esc closes", columns), bold()))];
    for (index, group) in groups.iter().enumerate().skip(first).take(rows) {
        let count = group.count.to_string();
        let name = format!("{}{}", "  ".repeat(group.depth.min(columns / 4)), group.name);
        let room = columns.saturating_sub(width(&count) + 1);
        let text = format!("{} {count}", fit(&name, room));
        let style = if index == chosen { selected() } else { Default::default() };
        lines.push(Line::from(Span::styled(truncate(&text, columns), style)));
    }
    if groups.is_empty() {
        lines.push(Line::from(Span::styled(truncate("No folders: every article is at the top", columns), dim())));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
