//! Screen geometry as plain arithmetic: where the sidebar, the reading
//! pane, the status bar and a panel go at a given terminal size.

use super::Focus;

/// Each article takes this many rows in the sidebar (title; source and date).
pub const ROW_HEIGHT: usize = 2;
/// Each entry of an images or links panel takes this many rows.
pub const PANEL_ROW_HEIGHT: usize = 2;
/// Narrower than this, one pane shows at a time.
pub const TWO_PANES_FROM: u16 = 70;

/// A rectangle of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, column: u16, row: u16) -> bool {
        column >= self.x && column < self.x + self.width && row >= self.y && row < self.y + self.height
    }
}

/// Where things go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub sidebar: Option<Area>,
    pub reader: Option<Area>,
    pub status: Area,
}

/// How wide the sidebar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sidebar {
    /// A share of the screen.
    Percent(u16),
    /// A fixed width (config.toml's `sidebar_width`).
    Columns(u16),
}

impl From<u16> for Sidebar {
    fn from(percent: u16) -> Sidebar {
        Sidebar::Percent(percent)
    }
}

/// The layout of a `size` screen with the sidebar as wide as `sidebar`.
pub fn panes((width, height): (u16, u16), sidebar: impl Into<Sidebar>, focus: Focus) -> Panes {
    let body = height.saturating_sub(1);
    let status = Area { x: 0, y: body, width, height: height.min(1) };
    let full = Area { x: 0, y: 0, width, height: body };
    if width < TWO_PANES_FROM {
        return match focus {
            Focus::Sidebar => Panes { sidebar: Some(full), reader: None, status },
            Focus::Reader => Panes { sidebar: None, reader: Some(full), status },
        };
    }
    let wanted = match sidebar.into() {
        Sidebar::Percent(percent) => u32::from(width) * u32::from(percent) / 100,
        Sidebar::Columns(columns) => u32::from(columns),
    };
    let sidebar_width = wanted.clamp(20, u32::from(width) - 30) as u16;
    let sidebar = Area { x: 0, y: 0, width: sidebar_width, height: body };
    // One column between the panes for the rule.
    let reader = Area { x: sidebar_width + 1, y: 0, width: width - sidebar_width - 1, height: body };
    Panes { sidebar: Some(sidebar), reader: Some(reader), status }
}

/// Columns of text in the reading pane: a margin on the left, the scroll
/// bar on the right.
pub fn reader_text_width(size: (u16, u16), sidebar: impl Into<Sidebar>) -> usize {
    panes(size, sidebar, Focus::Reader).reader.map_or(1, |area| usize::from(area.width).saturating_sub(3).max(1))
}

/// The box of an images or links panel with `entries` entries.
pub fn panel_area((width, height): (u16, u16), entries: usize) -> Area {
    let box_width = width.saturating_sub(4).clamp(width.min(10), 100);
    let wanted = entries.saturating_mul(PANEL_ROW_HEIGHT).saturating_add(2);
    let box_height = (wanted.min(usize::from(height.saturating_sub(2)))) as u16;
    Area {
        x: (width - box_width) / 2,
        y: (height.saturating_sub(1) - box_height.min(height)) / 2,
        width: box_width,
        height: box_height,
    }
}

/// The first entry a panel whose inside is `rows` high shows, so that
/// entry `selected` is in view.
pub fn panel_first_entry(rows: u16, selected: usize) -> usize {
    let shown = (usize::from(rows) / PANEL_ROW_HEIGHT).max(1);
    selected.saturating_sub(shown - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_both_panes() {
        let p = panes((100, 30), 33, Focus::Sidebar);
        assert_eq!(p.sidebar, Some(Area { x: 0, y: 0, width: 33, height: 29 }));
        assert_eq!(p.reader, Some(Area { x: 34, y: 0, width: 66, height: 29 }));
        assert_eq!(p.status, Area { x: 0, y: 29, width: 100, height: 1 });
        assert_eq!(reader_text_width((100, 30), 33), 63);
    }

    #[test]
    fn a_fixed_sidebar_width_is_kept_within_reason() {
        assert_eq!(panes((100, 30), Sidebar::Columns(40), Focus::Sidebar).sidebar.map(|a| a.width), Some(40));
        assert_eq!(panes((100, 30), Sidebar::Columns(90), Focus::Sidebar).sidebar.map(|a| a.width), Some(70));
        assert_eq!(panes((100, 30), Sidebar::Columns(10), Focus::Sidebar).sidebar.map(|a| a.width), Some(20));
    }

    #[test]
    fn narrow_screens_show_one() {
        assert_eq!(panes((40, 12), 33, Focus::Sidebar).reader, None);
        assert_eq!(panes((40, 12), 33, Focus::Reader).sidebar, None);
        assert_eq!(reader_text_width((40, 12), 33), 37);
    }

    #[test]
    fn tiny_screens_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (69, 1), (70, 0)] {
            let _ = panes((w, h), 33, Focus::Reader);
            let _ = panel_area((w, h), 9);
            assert!(reader_text_width((w, h), 33) >= 1);
        }
    }
}
