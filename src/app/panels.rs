//! The boxes over the panes — help, problems, images, links, the tree of
//! groups — and moving in them. What a box's Enter chooses is the app's to
//! carry out.

use crate::model::Command;

/// A box over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Problems {
        top: usize,
    },
    Images {
        selected: usize,
    },
    Links {
        selected: usize,
    },
    /// The tree of groups, in the sidebar.
    Groups {
        selected: usize,
    },
    /// The open article's headings.
    Outline {
        selected: usize,
    },
}

/// How many entries each box has now, and how far a page moves.
#[derive(Debug, Clone, Copy, Default)]
pub struct BoxSizes {
    /// How many lines the help can start at: it scrolls until its last line
    /// is the box's last.
    pub help_tops: usize,
    pub problems: usize,
    /// Headings of the outline.
    pub headings: usize,
    /// Entries of the images or links box.
    pub entries: usize,
    pub groups: usize,
    /// Rows a page moves in the problems box, and in the tree.
    pub page: usize,
    pub tree_page: usize,
}

/// What a command in a box asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    Nothing,
    Quit,
    /// Open entry `n` (from 0) of the images or links box.
    Entry(usize),
    /// Filter by group `n` of the tree.
    Group(usize),
    /// Go to heading `n` of the outline.
    Heading(usize),
}

/// The box shown, if any, and how far the help is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panels {
    pub overlay: Option<Overlay>,
    /// The first line of the help shown (it scrolls on small screens).
    pub help_top: usize,
}

impl Panels {
    pub fn show(&mut self, overlay: Overlay) {
        if overlay == Overlay::Help {
            self.help_top = 0;
        }
        self.overlay = Some(overlay);
    }

    pub fn close(&mut self) {
        self.overlay = None;
    }

    /// Chooses entry `selected` of the images or links box.
    pub fn choose(&mut self, selected: usize) {
        self.overlay = match self.overlay {
            Some(Overlay::Images { .. }) => Some(Overlay::Images { selected }),
            Some(Overlay::Links { .. }) => Some(Overlay::Links { selected }),
            other => other,
        };
    }

    /// `command` in the box shown.
    pub fn command(&mut self, command: Command, sizes: BoxSizes) -> Chosen {
        let Some(overlay) = self.overlay else { return Chosen::Nothing };
        let step = |page: usize| -> isize {
            match command {
                Command::Down => 1,
                Command::Up => -1,
                Command::PageDown => page as isize,
                Command::PageUp => -(page as isize),
                _ => 0,
            }
        };
        let moved =
            |at: usize, count: usize, page: usize| at.saturating_add_signed(step(page)).min(count.saturating_sub(1));
        match (overlay, command) {
            (_, Command::Quit) => return Chosen::Quit,
            (_, Command::Back | Command::Help) => self.close(),
            (Overlay::Help, Command::Down | Command::Up | Command::PageDown | Command::PageUp) => {
                self.help_top = moved(self.help_top, sizes.help_tops, sizes.page);
            }
            (Overlay::Problems { top }, Command::Down | Command::Up | Command::PageDown | Command::PageUp) => {
                self.overlay = Some(Overlay::Problems { top: moved(top, sizes.problems, sizes.page) });
            }
            (Overlay::Images { selected } | Overlay::Links { selected }, Command::Down | Command::Up) => {
                self.choose(moved(selected, sizes.entries, 1));
            }
            (Overlay::Images { selected } | Overlay::Links { selected }, Command::Open) => {
                return Chosen::Entry(selected);
            }
            (Overlay::Groups { .. }, Command::Groups) | (Overlay::Outline { .. }, Command::Outline) => self.close(),
            (Overlay::Outline { selected }, Command::Down | Command::Up | Command::PageDown | Command::PageUp) => {
                self.overlay = Some(Overlay::Outline { selected: moved(selected, sizes.headings, sizes.page) });
            }
            (Overlay::Outline { selected }, Command::Open) if selected < sizes.headings => {
                return Chosen::Heading(selected);
            }
            (Overlay::Groups { selected }, Command::Down | Command::Up | Command::PageDown | Command::PageUp) => {
                self.overlay = Some(Overlay::Groups { selected: moved(selected, sizes.groups, sizes.tree_page) });
            }
            (Overlay::Groups { selected }, Command::Open) if selected < sizes.groups => return Chosen::Group(selected),
            _ => {}
        }
        Chosen::Nothing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> BoxSizes {
        BoxSizes { help_tops: 5, problems: 30, headings: 2, entries: 3, groups: 4, page: 10, tree_page: 2 }
    }

    #[test]
    fn boxes_move_within_their_entries() {
        let mut panels = Panels::default();
        panels.show(Overlay::Images { selected: 0 });
        for _ in 0..5 {
            panels.command(Command::Down, sizes());
        }
        assert_eq!(panels.overlay, Some(Overlay::Images { selected: 2 }), "stops at the last");
        assert_eq!(panels.command(Command::Open, sizes()), Chosen::Entry(2));
        panels.command(Command::Back, sizes());
        assert_eq!(panels.overlay, None);

        panels.show(Overlay::Problems { top: 0 });
        panels.command(Command::PageDown, sizes());
        panels.command(Command::PageDown, sizes());
        panels.command(Command::PageDown, sizes());
        panels.command(Command::PageDown, sizes());
        assert_eq!(panels.overlay, Some(Overlay::Problems { top: 29 }));
        panels.command(Command::Up, sizes());
        assert_eq!(panels.overlay, Some(Overlay::Problems { top: 28 }));
    }

    #[test]
    fn the_tree_chooses_a_group_and_the_help_scrolls() {
        let mut panels = Panels::default();
        panels.show(Overlay::Groups { selected: 0 });
        panels.command(Command::PageDown, sizes());
        assert_eq!(panels.command(Command::Open, sizes()), Chosen::Group(2));
        panels.command(Command::Groups, sizes());
        assert_eq!(panels.overlay, None, "t again closes it");
        panels.show(Overlay::Help);
        for _ in 0..9 {
            panels.command(Command::Down, sizes());
        }
        assert_eq!(panels.help_top, 4, "the help stops at its last line");
        assert_eq!(panels.command(Command::Quit, sizes()), Chosen::Quit);
        panels.command(Command::Help, sizes());
        assert_eq!(panels.overlay, None);
    }
}
