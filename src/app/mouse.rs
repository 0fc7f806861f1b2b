//! The mouse: the wheel scrolls what it is over, a click selects an
//! article, chooses a box's entry or closes a box clicked outside.

use super::panes::{self, PANEL_ROW_HEIGHT, ROW_HEIGHT};
use super::{App, Focus, Overlay};

impl App {
    pub(super) fn scroll_at(&mut self, column: u16, row: u16, lines: i32) {
        let panes = self.panes();
        if panes.sidebar.is_some_and(|a| a.contains(column, row)) {
            self.list.select_by(lines as isize);
        } else if panes.reader.is_some_and(|a| a.contains(column, row)) {
            self.scroll_reader(lines as isize * 3);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if let Some(Overlay::Images { selected } | Overlay::Links { selected }) = self.panels.overlay {
            let count = self.panel_entries().len();
            let area = panes::panel_area(self.screen.size, count);
            if area.contains(column, row) {
                // Inside the border, scrolled as the panel draws it.
                let first = panes::panel_first_entry(area.height.saturating_sub(2), selected);
                let entry = first + usize::from(row - area.y).saturating_sub(1) / PANEL_ROW_HEIGHT;
                if entry < count {
                    self.panels.choose(entry);
                }
            } else {
                self.panels.close();
            }
            return;
        }
        let panes = self.panes();
        if let Some(area) = panes.sidebar.filter(|a| a.contains(column, row)) {
            let position = self.list.top + usize::from(row - area.y) / ROW_HEIGHT;
            if position < self.list.visible.len() {
                self.focus = Focus::Sidebar;
                self.list.select_at(position);
            }
        } else if panes.reader.is_some_and(|a| a.contains(column, row)) && self.reading.open.is_some() {
            self.focus = Focus::Reader;
            self.relayout();
        }
    }
}
