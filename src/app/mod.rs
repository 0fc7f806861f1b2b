//! The reader as a pure state machine: `App::update(Action)` changes the
//! state and returns effects (read this article, open that URL, quit) for
//! the terminal layer to carry out. The app is made of parts — the list,
//! the reading pane, the boxes over them, the status bar — each with its
//! own state and tests; this file routes actions to them. No terminal, no
//! clock and no disk here, so every key sequence can be tested.

mod action;
mod commands;
mod copy;
mod groups;
mod list;
mod marking;
mod mouse;
mod open;
mod panels;
mod panes;
pub mod problems_view;
pub mod query_line;
mod reading;
mod state;
mod status;

pub use action::{Action, Command, Effect, Moment};
pub use groups::Group;
pub use list::{ArticleRow, Bodies, List, ListStore};
pub use open::openable;
pub use panels::{Overlay, Panels};
pub use panes::{Area, PANEL_ROW_HEIGHT, Panes, ROW_HEIGHT, Sidebar, panel_area, panel_first_entry, reader_text_width};
pub use reading::{Arrival, Find, Geometry, ImageState, Match, Opened, READ_AFTER, Reader, Reading};
pub use status::Status;

use crate::model::{KeyMap, Scope};
use crate::text::Edit;
use query_line::{Histories, LineKey};

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sidebar,
    Reader,
}

/// How the screen is shared out (config.toml, `<`, `>`).
#[derive(Debug, Clone)]
pub struct Screen {
    pub size: (u16, u16),
    /// The sidebar's share of a wide screen, in percent…
    pub sidebar_percent: u16,
    /// …or its width in columns, when config.toml fixes it.
    pub sidebar_columns: Option<u16>,
    /// The longest line in the reader, when config.toml sets one.
    pub reading_width: Option<u16>,
}

/// Whether images are drawn in the reading pane, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageView {
    /// Shown (the toggle key turns them off and on).
    pub shown: bool,
    /// The terminal's font cell in pixels, once its protocol is known
    /// (`None`: images cannot be drawn, or are off).
    pub cell: Option<(u16, u16)>,
    /// Why images cannot be drawn, when `cell` is `None` for good.
    pub off_because: Option<&'static str>,
    /// The protocol they are drawn in.
    pub protocol: Option<&'static str>,
}

impl Default for ImageView {
    fn default() -> ImageView {
        ImageView { shown: true, cell: None, off_because: None, protocol: None }
    }
}

impl ImageView {
    /// How images are drawn in a pane of `height` rows, if at all.
    pub fn geometry(&self, height: usize) -> Option<Geometry> {
        let cell = self.cell.filter(|_| self.shown)?;
        let height = u16::try_from(height).unwrap_or(u16::MAX);
        Some(Geometry { cell, max_rows: crate::images::max_rows(height) })
    }
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// Images in the reading pane.
    pub images: ImageView,
    pub list: List,
    pub reading: Reading,
    pub panels: Panels,
    pub status: Status,
    pub focus: Focus,
    pub screen: Screen,
    /// Keys as config.toml binds them.
    pub keymap: KeyMap,
    /// Read state: the store it is kept in, the library's roots.
    pub state: state::Kept,
    /// Earlier filters and finds, for ↑/↓ in their lines.
    pub histories: Histories,
    /// Marks that can be undone, and a question waiting for its answer.
    pub marking: marking::Marking,
    /// `y` copies with OSC 52 (config.toml's `osc52`).
    pub copy_to_clipboard: bool,
    /// The time of the last `Tick`.
    now: Moment,
}

impl App {
    pub fn new(size: (u16, u16), now: Moment) -> App {
        let screen = Screen { size, sidebar_percent: 33, sidebar_columns: None, reading_width: None };
        let mut app = App {
            images: ImageView::default(),
            list: List::default(),
            reading: Reading::default(),
            panels: Panels::default(),
            status: Status::default(),
            focus: Focus::Sidebar,
            screen,
            keymap: KeyMap::default(),
            state: state::Kept::default(),
            histories: Histories::default(),
            marking: marking::Marking::default(),
            copy_to_clipboard: true,
            now,
        };
        app.relayout();
        app
    }

    /// Applies the settings of config.toml.
    pub fn configure(&mut self, config: &crate::config::Config) {
        self.keymap = KeyMap::new(config.keys.clone());
        self.screen.sidebar_columns = config.sidebar_width;
        self.screen.reading_width = config.reading_width;
        self.copy_to_clipboard = config.osc52;
        self.list.order_by(config.sort, self.now.time);
        self.relayout();
    }

    /// How wide the sidebar is.
    pub fn sidebar(&self) -> Sidebar {
        match self.screen.sidebar_columns {
            Some(columns) => Sidebar::Columns(columns),
            None => Sidebar::Percent(self.screen.sidebar_percent),
        }
    }

    /// Columns of text in the reader: the pane's, or the reading width.
    pub fn text_width(&self) -> usize {
        let pane = panes::reader_text_width(self.screen.size, self.sidebar());
        self.screen.reading_width.map_or(pane, |most| pane.min(usize::from(most)))
    }

    /// Where each pane is on the current screen.
    pub fn panes(&self) -> Panes {
        panes::panes(self.screen.size, self.sidebar(), self.focus)
    }

    /// Rows of the reading pane.
    pub fn reader_height(&self) -> usize {
        panes::panes(self.screen.size, self.sidebar(), Focus::Reader).reader.map_or(1, |a| usize::from(a.height))
    }

    /// Articles the sidebar has room for.
    pub fn list_rows(&self) -> usize {
        self.panes().sidebar.map_or(1, |area| (usize::from(area.height) / ROW_HEIGHT).max(1))
    }

    /// Which key bindings apply now.
    pub fn scope(&self) -> Scope {
        match (self.panels.overlay, self.focus) {
            (Some(_), _) => Scope::Overlay,
            (None, Focus::Sidebar) => Scope::Sidebar,
            (None, Focus::Reader) => Scope::Reader,
        }
    }

    /// The selected article, if the list is not empty.
    pub fn selected_article(&self) -> Option<usize> {
        self.list.selected_article()
    }

    /// Applies `action`; returns what the terminal layer must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let now = self.now.time;
        match action {
            Action::Command(command) => {
                self.status.message = None;
                return self.command(command);
            }
            Action::FilterText(text) => return self.update(Action::FilterKey(LineKey::Edit(Edit::Insert(text)))),
            Action::FilterKey(key) => {
                if self.focus != Focus::Sidebar {
                    self.focus = Focus::Sidebar;
                    self.relayout();
                }
                return self.list.filter_key(key, &self.histories.filter, now);
            }
            Action::FilterAccept => {
                self.list.accept_filter();
                if !self.list.editing_filter {
                    self.focus = Focus::Sidebar;
                    let filter = self.list.filter.text.clone();
                    self.remember_query(&filter, false);
                }
            }
            Action::FilterCancel => return self.list.clear_filter(now),
            Action::FindText(text) => return self.update(Action::FindKey(LineKey::Edit(Edit::Insert(text)))),
            Action::FindKey(key) => self.reading.find_key(key, &self.histories.find, self.reader_height()),
            Action::FindAccept => {
                self.reading.accept_find();
                let find = self.reading.open.as_ref().and_then(|r| r.find.as_ref()).map(|f| f.line.text.clone());
                self.remember_query(&find.unwrap_or_default(), true);
            }
            Action::FindCancel => self.reading.cancel_find(),
            Action::Answer(yes) => self.answer(yes),
            Action::OpenNumber(number) => return self.open_number(number),
            Action::Resize(columns, rows) => {
                self.screen.size = (columns, rows);
                self.relayout();
            }
            Action::Scroll { column, row, lines } => self.scroll_at(column, row, lines),
            Action::Click { column, row } => self.click(column, row),
            Action::Loaded(batch) => {
                let (problems, added) = self.list.add(batch, now);
                self.status.problems.extend(problems);
                self.state.track(&mut self.list.store, &added);
            }
            Action::LibraryChanged(changes) => return self.apply_changes(changes),
            Action::Tick(moment) => {
                self.now = moment;
                self.read_by_time();
            }
            Action::LoadFinished => {
                self.status.loaded();
                let mut effects = self.list.finish_loading(now);
                effects.extend(self.restore_last());
                return effects;
            }
            Action::BodyHits { generation, articles } => self.list.body_hits(generation, &articles),
            Action::BodySearchDone { generation } => self.list.body_search_done(generation),
            Action::ArticleRead { article, document } => self.article_read(article, document),
            Action::ImagesReady { cell, off_because, protocol } => {
                self.images.cell = cell;
                self.images.off_because = off_because;
                self.images.protocol = protocol;
                self.relayout();
            }
            Action::ImageKnown { generation, image, size } => {
                let height = self.reader_height();
                if let Some(reader) = self.reading.open.as_mut().filter(|r| r.generation == generation) {
                    reader.image_known(image, size, height);
                }
            }
            Action::Message(message) => self.status.say(message),
            Action::Report { message, problems } => {
                self.status.say(message);
                self.status.problems.extend(problems);
            }
        }
        Vec::new()
    }

    /// The screen, the focus or the sidebar changed: the list's rows and
    /// the reader's layout follow.
    fn relayout(&mut self) {
        let (width, height) = (self.text_width(), self.reader_height());
        let geometry = self.images.geometry(height);
        self.reading.relayout(width, height, geometry);
        self.list.set_rows(self.list_rows());
    }

    fn article_read(&mut self, article: usize, document: Result<Opened, String>) {
        match document {
            Ok(document) => {
                let place = self.state.position(&self.list.store, article);
                let size = (self.text_width(), self.reader_height());
                if self.reading.arrived(article, document, size, place, self.now.instant) == Arrival::Opened {
                    self.focus = Focus::Reader;
                    self.relayout();
                }
            }
            Err(message) => {
                if self.reading.failed(article) {
                    self.status.say(message);
                }
            }
        }
    }

    /// Live reload: new and changed files replace or join the list, and
    /// deleted ones leave it; the selection, the open article and its
    /// place stay.
    fn apply_changes(&mut self, changes: crate::loader::Changes) -> Vec<Effect> {
        let applied = self.list.apply(changes, self.now.time);
        self.status.replace_problems(&applied.reread, &applied.gone, applied.problems);
        self.state.track(&mut self.list.store, &applied.replaced);
        self.state.track(&mut self.list.store, &applied.added);
        let mut effects = Vec::new();
        let open = self.reading.article();
        for &number in &applied.replaced {
            self.reading.set_deleted(number, false);
            if open == Some(number) {
                self.reading.ask(number);
                effects.push(Effect::ReadArticle(number));
            }
        }
        for &number in &applied.deleted {
            self.reading.set_deleted(number, true);
        }
        effects
    }

    /// The tree of groups of the whole library.
    pub fn groups(&self) -> Vec<Group> {
        let store = &self.list.store;
        groups::groups(self.list.in_order().iter().filter_map(|&i| store.get(i)).map(|row| row.group()))
    }

    /// The open panel's entries: (URL, what it is).
    pub fn panel_entries(&self) -> Vec<(String, String)> {
        let Some(reader) = &self.reading.open else { return Vec::new() };
        let document = &reader.document;
        match self.panels.overlay {
            Some(Overlay::Images { .. }) => document
                .images
                .iter()
                .map(|i| {
                    (i.url.clone(), i.caption.clone().or_else(|| i.alt.clone()).unwrap_or_else(|| "image".to_owned()))
                })
                .collect(),
            Some(Overlay::Links { .. }) => document.links.iter().map(|l| (l.url.clone(), link_label(l))).collect(),
            _ => Vec::new(),
        }
    }
}

fn link_label(link: &crate::document::Link) -> String {
    match link.kind {
        crate::document::LinkKind::Video => format!("video {}", link.text).trim().to_owned(),
        crate::document::LinkKind::Audio => format!("audio {}", link.text).trim().to_owned(),
        crate::document::LinkKind::Link if link.text.is_empty() => "link".to_owned(),
        crate::document::LinkKind::Link => link.text.clone(),
    }
}

#[cfg(test)]
mod marking_tests;
#[cfg(test)]
mod tests;
