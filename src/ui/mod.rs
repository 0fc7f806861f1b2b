//! Drawing the reader from `&App`: sidebar, reading pane, status bar and
//! overlays. Nothing here changes state.

mod ambiguous;
mod clusters;
mod figures;
mod overlay;
mod query_line;
mod reader;
mod sidebar;
mod status;
mod style;

pub use figures::Pictures;
pub use style::{coloured, set_theme};

pub use style::{ansi, span_style};

use crate::app::App;
use crate::config::Element;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the whole screen (images as markers only).
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    draw_with(frame, app, &Pictures::new());
}

/// Draws the whole screen, the open article's images from `pictures`.
pub fn draw_with(frame: &mut Frame<'_>, app: &App, pictures: &Pictures) {
    let panes = app.panes();
    if let Some(area) = panes.sidebar {
        sidebar::draw(frame, app, area);
    }
    if let Some(area) = panes.reader {
        if let Some(sidebar) = panes.sidebar {
            // The rule between the panes.
            let rule: Vec<Line<'_>> = (0..area.height)
                .map(|_| {
                    Line::from(Span::styled(line_char("│", "|"), style::dim().patch(style::coloured(Element::Border))))
                })
                .collect();
            frame.render_widget(Paragraph::new(rule), Rect::new(sidebar.width, area.y, 1, area.height));
        }
        reader::draw(frame, app, area, pictures);
    }
    status::draw(frame, app, panes.status);
    clusters::settle(frame.buffer_mut());
    if crate::width::ambiguous_wide() {
        // Each pane on its own, so that a wide `“` never pushes text over the rule.
        let areas = [panes.sidebar, panes.reader, Some(panes.status)];
        for area in areas.into_iter().flatten() {
            let rect = Rect::new(area.x, area.y, area.width, area.height);
            ambiguous::widen(frame.buffer_mut(), rect);
        }
    }
    if let Some(overlay) = app.panels.overlay {
        overlay::draw(frame, app, overlay);
        clusters::settle(frame.buffer_mut());
    }
}

/// A line drawing character, or its ASCII stand-in where box drawing is
/// two columns wide (`ambiguous_width = 2`).
pub fn line_char(drawn: &'static str, ascii: &'static str) -> &'static str {
    if crate::width::ambiguous_wide() { ascii } else { drawn }
}
