//! What a command does where: in a box over the panes, in the list, in
//! the reader, or anywhere.

use super::panels::{BoxSizes, Chosen};
use super::status::plural;
use super::{App, Effect, Focus, Overlay, openable};
use crate::model::Command;

impl App {
    pub(super) fn command(&mut self, command: Command) -> Vec<Effect> {
        if self.panels.overlay.is_some() {
            return self.overlay_command(command);
        }
        let page = self.page_size();
        let half = (page / 2).max(1) as isize;
        let page = page as isize;
        match self.focus {
            Focus::Sidebar => match command {
                Command::Down => self.list.select_by(1),
                Command::Up => self.list.select_by(-1),
                Command::PageDown => self.list.select_by(page),
                Command::PageUp => self.list.select_by(-page),
                Command::HalfPageDown => self.list.select_by(half),
                Command::HalfPageUp => self.list.select_by(-half),
                Command::Top => self.list.select_at(0),
                Command::Bottom => self.list.select_at(self.list.visible.len().saturating_sub(1)),
                Command::Open => return self.open_selected(),
                // Esc while an article opens: no longer wanted.
                Command::Back if self.reading.cancel() => return vec![Effect::CancelRead],
                Command::Back if !self.list.filter.text.is_empty() => return self.list.clear_filter(self.now.time),
                _ => return self.command_anywhere(command),
            },
            Focus::Reader => match command {
                Command::Down => self.scroll_reader(1),
                Command::Up => self.scroll_reader(-1),
                // Space at the end: the next unread article, as in slrn and mutt.
                Command::PageDown if self.reader_at_end() => return self.open_next_unread(),
                Command::PageDown => self.scroll_reader(page),
                Command::PageUp => self.scroll_reader(-page),
                Command::HalfPageDown => self.scroll_reader(half),
                Command::HalfPageUp => self.scroll_reader(-half),
                Command::Top => self.scroll_reader(isize::MIN / 2),
                Command::Bottom => self.scroll_reader(isize::MAX / 2),
                Command::Back if self.reading.cancel() => return vec![Effect::CancelRead],
                Command::Back => {
                    self.focus = Focus::Sidebar;
                    self.relayout();
                }
                Command::Find => self.reading.start_find(),
                Command::NextMatch => self.reading.step_match(1, self.reader_height()),
                Command::NextHeading | Command::PreviousHeading => self.jump_heading(command == Command::NextHeading),
                Command::PreviousMatch => self.reading.step_match(-1, self.reader_height()),
                _ => return self.command_anywhere(command),
            },
        }
        Vec::new()
    }

    /// The commands that do the same in either pane.
    fn command_anywhere(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Quit => return vec![Effect::Quit],
            Command::Suspend => return vec![Effect::Suspend],
            Command::SwitchFocus => self.switch_focus(),
            Command::NextArticle => return self.open_neighbour(1),
            Command::PreviousArticle => return self.open_neighbour(-1),
            Command::Filter => {
                self.list.start_filter();
                self.focus = Focus::Sidebar;
                self.relayout();
            }
            Command::Images => self.show_panel(Overlay::Images { selected: 0 }),
            Command::ToggleImages => self.toggle_images(),
            Command::Links => self.show_panel(Overlay::Links { selected: 0 }),
            Command::OpenOriginal => return self.open_original(),
            Command::CycleSort => {
                self.list.order_by(self.list.order_by.next_in_reader(), self.now.time);
                self.status.say(format!("Ordered by {}", self.list.order_by.name()));
            }
            Command::Groups => {
                self.panels.show(Overlay::Groups { selected: 0 });
                self.focus = Focus::Sidebar;
                self.relayout();
            }
            Command::Help => self.panels.show(Overlay::Help),
            Command::Problems => self.panels.show(Overlay::Problems { top: 0 }),
            Command::ToggleRead => self.toggle_read(),
            Command::ToggleStar => self.toggle_star(),
            Command::MarkAllRead => self.ask_mark_all_read(),
            Command::UndoMarks => self.undo_marks(),
            Command::Copy => return self.copy(),
            Command::Outline => self.show_outline(),
            Command::NextUnread => return self.open_next_unread(),
            Command::UnreadOnly => return self.toggle_unread_only(),
            Command::WiderSidebar => self.resize_sidebar(5),
            Command::NarrowerSidebar => self.resize_sidebar(-5),
            _ => {}
        }
        Vec::new()
    }

    fn overlay_command(&mut self, command: Command) -> Vec<Effect> {
        if command == Command::Copy {
            return self.copy();
        }
        let sizes = BoxSizes {
            // The help's box shows all but its border, above the status bar.
            help_tops: self.keymap.help_lines().len().saturating_sub(usize::from(self.screen.size.1).saturating_sub(3))
                + 1,
            problems: self.problem_tops(),
            headings: self.reading.open.as_ref().map_or(0, |r| r.layout.headings.len()),
            entries: self.panel_entries().len(),
            groups: match self.panels.overlay {
                Some(Overlay::Groups { .. }) => self.groups().len(),
                _ => 0,
            },
            page: self.page_size(),
            tree_page: self.list_rows() * 2,
        };
        match self.panels.command(command, sizes) {
            Chosen::Nothing => Vec::new(),
            Chosen::Quit => vec![Effect::Quit],
            Chosen::Entry(entry) => self.open_number(entry + 1),
            Chosen::Heading(heading) => {
                self.panels.close();
                let height = self.reader_height();
                if let Some(reader) = &mut self.reading.open {
                    reader.show_heading(heading, height);
                }
                self.focus = Focus::Reader;
                self.relayout();
                self.note_position();
                Vec::new()
            }
            Chosen::Group(group) => match self.groups().get(group) {
                Some(group) => {
                    let filter = super::groups::filter_for(&self.list.filter.text, &group.path);
                    self.panels.close();
                    self.list.set_filter(filter, self.now.time)
                }
                None => Vec::new(),
            },
        }
    }

    /// How many rows the problems box can start at: it scrolls until its
    /// last row is the box's last (the box as `ui::overlay` sizes it).
    fn problem_tops(&self) -> usize {
        let (columns, rows) = self.screen.size;
        let inner_width = usize::from(columns.saturating_sub(4).max(10).min(columns)).saturating_sub(2);
        let inner_height = usize::from(rows.saturating_sub(2).min(rows.saturating_sub(1)).max(3)).saturating_sub(2);
        let count = super::problems_view::rows(&self.status.problems, inner_width).len();
        count.saturating_sub(inner_height) + 1
    }

    /// Lines or rows a page moves.
    fn page_size(&self) -> usize {
        let panes = self.panes();
        let area = match self.focus {
            Focus::Sidebar => panes.sidebar.map(|a| usize::from(a.height) / super::ROW_HEIGHT),
            Focus::Reader => panes.reader.map(|a| usize::from(a.height)),
        };
        area.unwrap_or(1).max(1)
    }

    pub(super) fn scroll_reader(&mut self, lines: isize) {
        self.reading.scroll(lines, self.reader_height());
        self.note_position();
    }

    fn switch_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Sidebar if self.reading.open.is_some() => Focus::Reader,
            _ => Focus::Sidebar,
        };
        self.relayout();
    }

    /// `I`: images drawn in the text, or only their markers.
    fn toggle_images(&mut self) {
        if self.images.cell.is_none() {
            let why = self.images.off_because.unwrap_or("images are not ready yet");
            self.status.say(format!("Images cannot be drawn: {why}"));
            return;
        }
        self.images.shown = !self.images.shown;
        let message = match (self.images.shown, self.images.protocol) {
            (true, Some(protocol)) => format!("Images shown ({protocol})"),
            (true, None) => "Images shown".to_owned(),
            (false, _) => "Images hidden (I shows them)".to_owned(),
        };
        self.status.say(message);
        self.relayout();
    }

    fn resize_sidebar(&mut self, step: i16) {
        let screen = &mut self.screen;
        match &mut screen.sidebar_columns {
            Some(columns) => *columns = columns.saturating_add_signed(step).clamp(10, 200),
            None => screen.sidebar_percent = screen.sidebar_percent.saturating_add_signed(step).clamp(15, 70),
        }
        self.relayout();
    }

    // ----- opening -----

    fn open_selected(&mut self) -> Vec<Effect> {
        match self.list.selected_article() {
            // The open article: back to it, where it was (no second read).
            Some(article) if self.reading.article() == Some(article) && self.reading.opening.is_none() => {
                self.focus = Focus::Reader;
                self.relayout();
                Vec::new()
            }
            Some(article) => {
                self.reading.ask(article);
                vec![Effect::ReadArticle(article)]
            }
            None => Vec::new(),
        }
    }

    /// `J`/`K`: the next or previous article in the list, if there is one.
    fn open_neighbour(&mut self, step: isize) -> Vec<Effect> {
        let before = self.list.selected;
        self.list.select_by(step);
        if self.list.selected == before && self.reading.open.is_some() {
            self.status.say(if step > 0 { "This is the last article" } else { "This is the first article" });
            return Vec::new();
        }
        self.open_selected()
    }

    /// `[` / `]`: the previous or next heading at the top of the pane.
    fn jump_heading(&mut self, forward: bool) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reading.open else { return };
        if reader.layout.headings.is_empty() {
            self.status.say("This article has no headings");
        } else if reader.jump_heading(forward, height) {
            self.note_position();
        } else {
            self.status.say(if forward { "No heading below" } else { "No heading above" });
        }
    }

    /// `O`: the open article's headings, the current one chosen.
    fn show_outline(&mut self) {
        let Some(reader) = &self.reading.open else {
            self.status.say("Open an article first (Enter)");
            return;
        };
        if reader.layout.headings.is_empty() {
            self.status.say("This article has no headings");
            return;
        }
        let selected = reader.current_heading(self.reader_height()).unwrap_or(0);
        self.panels.show(Overlay::Outline { selected });
    }

    fn show_panel(&mut self, panel: Overlay) {
        if self.reading.open.is_none() {
            self.status.say("Open an article first (Enter)");
            return;
        }
        self.panels.show(panel);
        if self.panel_entries().is_empty() {
            self.panels.close();
            let what = if matches!(panel, Overlay::Images { .. }) { "images" } else { "links" };
            self.status.say(format!("This article has no {what}"));
        }
    }

    pub(super) fn open_number(&mut self, number: usize) -> Vec<Effect> {
        let entries = self.panel_entries();
        match entries.get(number.wrapping_sub(1)) {
            Some((url, _)) => {
                self.panels.choose(number - 1);
                self.open(url)
            }
            None => {
                self.status.say(format!("There is no number {number} here"));
                Vec::new()
            }
        }
    }

    fn open_original(&mut self) -> Vec<Effect> {
        let article = self.reading.article().or_else(|| self.list.selected_article());
        match article.and_then(|a| self.list.store.get(a)).and_then(|a| a.link().map(str::to_owned)) {
            Some(link) => self.open(&link),
            None => {
                self.status.say("This article has no original link");
                Vec::new()
            }
        }
    }

    fn open(&mut self, url: &str) -> Vec<Effect> {
        match openable(url) {
            Ok(target) => {
                self.status.say(format!("Opening {target}"));
                vec![Effect::Open(target)]
            }
            Err(message) => {
                self.status.say(message);
                Vec::new()
            }
        }
    }

    /// `M`'s message.
    pub(super) fn marked_message(count: usize) -> String {
        format!("Marked {count} article{} read", plural(count))
    }
}
