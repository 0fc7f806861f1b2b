//! The reader as a pure state machine: `App::update(Action)` changes the
//! state and returns effects (read this article, open that URL, quit) for
//! the terminal layer to carry out. No terminal here, so every key sequence
//! can be tested.

mod action;
mod find;
mod groups;
mod marks;
mod open;
mod panes;
mod reader;

pub use action::{Action, Command, Effect};
pub use find::{Find, Match};
pub use groups::Group;
pub use open::openable;
pub use panes::{Area, PANEL_ROW_HEIGHT, Panes, ROW_HEIGHT, Sidebar, panel_area, panel_first_entry, reader_text_width};
pub use reader::Reader;

use crate::document::Document;
use crate::library::compare;
use crate::loader::Loaded;
use crate::model::{Article, Problem, ProblemKind};
use crate::model::{KeyMap, Scope, SortOrder};
use crate::search;
pub use marks::{Marks, READ_AFTER, marks_for};
use std::collections::HashMap;
use std::path::PathBuf;

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sidebar,
    Reader,
}

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
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// Every article, in the order the loader found them (indices stay).
    pub articles: Vec<Article>,
    /// Articles deleted on disk since (kept, so that indices stay).
    gone: Vec<bool>,
    /// Each article's index by its path, once live reload needs it.
    by_path: HashMap<PathBuf, usize>,
    /// Each article's searchable text, folded once.
    entries: Vec<search::Entry>,
    /// Each article's file stamp when it was read, for the body index.
    stamps: Vec<Option<crate::persist::Stamp>>,
    /// The last query that parsed, and the error of the filter as typed.
    query: search::Query,
    pub query_error: Option<String>,
    /// The body search under way or done: its number, and what it found.
    body_search: u64,
    body_hits: Vec<bool>,
    pub searching_bodies: bool,
    pub problems: Vec<Problem>,
    pub loading: bool,
    /// Every article's index, in `list_order` (newest first for relevance).
    order: Vec<usize>,
    pub list_order: SortOrder,
    /// The searchable text of the articles in `order`.
    columns: search::Columns,
    /// `columns` no longer follows `order`: rebuilt when a filter needs it.
    columns_stale: bool,
    /// The list as shown: indices into `articles`, filtered and sorted.
    pub visible: Vec<usize>,
    /// The selection, a position in `visible`.
    pub selected: usize,
    /// The first position of `visible` on screen.
    pub list_top: usize,
    pub focus: Focus,
    pub filter: String,
    /// The filter line has the keys.
    pub editing_filter: bool,
    /// The reader's find line has the keys.
    pub editing_find: bool,
    pub reader: Option<Reader>,
    /// An article asked for and not yet read.
    pub opening: Option<usize>,
    pub overlay: Option<Overlay>,
    /// The first line of the help shown (it scrolls on small screens).
    pub help_top: usize,
    /// The sidebar's share of a wide screen, in percent.
    pub sidebar_percent: u16,
    pub size: (u16, u16),
    pub message: Option<String>,
    /// Keys as config.toml binds them.
    pub keymap: KeyMap,
    /// The sidebar's width in columns, when config.toml fixes it.
    pub sidebar_columns: Option<u16>,
    /// The longest line in the reader, when config.toml sets one.
    pub reading_width: Option<u16>,
    /// Read state: each article's marks and key, the store they are
    /// kept in, and the library roots keys are relative to.
    pub marks: Vec<Marks>,
    keys: Vec<Option<(usize, String)>>,
    roots: marks::Roots,
    pub store: Option<crate::state::Store>,
    /// When the open article was opened (it counts as read after a while).
    opened_at: Option<std::time::Instant>,
    /// The last article and filter were brought back (once, after loading).
    restored: bool,
}

impl App {
    pub fn new(size: (u16, u16)) -> App {
        App {
            articles: Vec::new(),
            gone: Vec::new(),
            by_path: HashMap::new(),
            entries: Vec::new(),
            stamps: Vec::new(),
            query: search::Query::default(),
            query_error: None,
            body_search: 0,
            body_hits: Vec::new(),
            searching_bodies: false,
            problems: Vec::new(),
            loading: true,
            order: Vec::new(),
            list_order: SortOrder::Date,
            columns: search::Columns::default(),
            columns_stale: false,
            visible: Vec::new(),
            selected: 0,
            list_top: 0,
            focus: Focus::Sidebar,
            filter: String::new(),
            editing_filter: false,
            editing_find: false,
            reader: None,
            opening: None,
            overlay: None,
            help_top: 0,
            sidebar_percent: 33,
            size,
            message: None,
            keymap: KeyMap::default(),
            sidebar_columns: None,
            reading_width: None,
            marks: Vec::new(),
            keys: Vec::new(),
            roots: marks::Roots::default(),
            store: None,
            opened_at: None,
            restored: false,
        }
    }

    /// Applies the settings of config.toml.
    pub fn configure(&mut self, config: &crate::config::Config) {
        self.keymap = KeyMap::new(config.keys.clone());
        self.sidebar_columns = config.sidebar_width;
        self.reading_width = config.reading_width;
        if self.list_order != config.sort {
            self.list_order = config.sort;
            self.sort_order();
            self.refresh_list();
        }
        self.relayout();
    }

    /// How wide the sidebar is.
    pub fn sidebar(&self) -> panes::Sidebar {
        match self.sidebar_columns {
            Some(columns) => panes::Sidebar::Columns(columns),
            None => panes::Sidebar::Percent(self.sidebar_percent),
        }
    }

    /// Columns of text in the reader: the pane's, or the reading width.
    pub fn text_width(&self) -> usize {
        let pane = panes::reader_text_width(self.size, self.sidebar());
        self.reading_width.map_or(pane, |most| pane.min(usize::from(most)))
    }

    /// Where each pane is on the current screen.
    pub fn panes(&self) -> Panes {
        panes::panes(self.size, self.sidebar(), self.focus)
    }

    /// Which key bindings apply now.
    pub fn scope(&self) -> Scope {
        match (self.overlay, self.focus) {
            (Some(_), _) => Scope::Overlay,
            (None, Focus::Sidebar) => Scope::Sidebar,
            (None, Focus::Reader) => Scope::Reader,
        }
    }

    /// The selected article, if the list is not empty.
    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Applies `action`; returns what the terminal layer must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Command(command) => {
                self.message = None;
                self.command(command)
            }
            Action::FilterText(text) => {
                self.editing_filter = true;
                self.focus = Focus::Sidebar;
                let text: String = text.chars().filter(|c| !c.is_control()).collect();
                self.filter.push_str(&text);
                self.refilter()
            }
            Action::FilterBackspace => {
                self.filter.pop();
                self.refilter()
            }
            // A query that does not parse is not kept: the line stays open.
            Action::FilterAccept if self.query_error.is_some() => Vec::new(),
            Action::FilterAccept => {
                self.editing_filter = false;
                self.focus = Focus::Sidebar;
                Vec::new()
            }
            Action::FilterCancel => {
                self.editing_filter = false;
                self.filter.clear();
                self.refilter()
            }
            Action::FindText(text) => {
                let text: String = text.chars().filter(|c| !c.is_control()).collect();
                self.find_edit(|find| find.push_str(&text));
                Vec::new()
            }
            Action::FindBackspace => {
                self.find_edit(|find| {
                    find.pop();
                });
                Vec::new()
            }
            Action::FindAccept => {
                self.editing_find = false;
                Vec::new()
            }
            Action::FindCancel => {
                self.editing_find = false;
                if let Some(reader) = &mut self.reader {
                    reader.find = None;
                }
                Vec::new()
            }
            Action::OpenNumber(number) => self.open_number(number),
            Action::Resize(columns, rows) => {
                self.size = (columns, rows);
                self.relayout();
                self.keep_selection_in_view();
                Vec::new()
            }
            Action::Scroll { column, row, lines } => {
                self.scroll_at(column, row, lines);
                Vec::new()
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Loaded(batch) => {
                self.add(batch);
                Vec::new()
            }
            Action::LibraryChanged(changes) => self.apply_changes(changes),
            Action::Tick(now) => {
                self.tick(now);
                Vec::new()
            }
            Action::LoadFinished => {
                self.loading = false;
                // Built once now, so that the first keystroke only filters.
                self.build_columns();
                // A message from the start (a bad config, a state file set
                // aside) says more than the count, and also points to P.
                if self.message.is_none() {
                    self.message = self.problem_summary();
                }
                // A body search begun while loading missed the late articles.
                let mut effects = if self.query.needs_bodies() { self.search_bodies() } else { Vec::new() };
                self.refresh_list();
                effects.extend(self.restore_last());
                effects
            }
            Action::BodyHits { generation, articles } => {
                if generation == self.body_search {
                    for article in articles {
                        if let Some(hit) = self.body_hits.get_mut(article) {
                            *hit = true;
                        }
                    }
                    self.refresh_list();
                }
                Vec::new()
            }
            Action::BodySearchDone { generation } => {
                if generation == self.body_search {
                    self.searching_bodies = false;
                }
                Vec::new()
            }
            Action::ArticleRead { article, document } => {
                self.article_read(article, document);
                Vec::new()
            }
            Action::Message(message) => {
                self.message = Some(message);
                Vec::new()
            }
        }
    }

    fn command(&mut self, command: Command) -> Vec<Effect> {
        if let Some(overlay) = self.overlay {
            return self.overlay_command(overlay, command);
        }
        let page = self.page_size();
        match (command, self.focus) {
            (Command::Quit, _) => return vec![Effect::Quit],
            (Command::Suspend, _) => return vec![Effect::Suspend],
            (Command::Down, Focus::Sidebar) => self.select_by(1),
            (Command::Up, Focus::Sidebar) => self.select_by(-1),
            (Command::PageDown, Focus::Sidebar) => self.select_by(page as isize),
            (Command::PageUp, Focus::Sidebar) => self.select_by(-(page as isize)),
            (Command::HalfPageDown, Focus::Sidebar) => self.select_by((page / 2).max(1) as isize),
            (Command::HalfPageUp, Focus::Sidebar) => self.select_by(-((page / 2).max(1) as isize)),
            (Command::Top, Focus::Sidebar) => self.select_at(0),
            (Command::Bottom, Focus::Sidebar) => self.select_at(self.visible.len().saturating_sub(1)),
            (Command::Open, Focus::Sidebar) => return self.open_selected(),
            (Command::Down, Focus::Reader) => self.scroll_reader(1),
            (Command::Up, Focus::Reader) => self.scroll_reader(-1),
            (Command::PageDown, Focus::Reader) => self.scroll_reader(page as isize),
            (Command::PageUp, Focus::Reader) => self.scroll_reader(-(page as isize)),
            (Command::HalfPageDown, Focus::Reader) => self.scroll_reader((page / 2).max(1) as isize),
            (Command::HalfPageUp, Focus::Reader) => self.scroll_reader(-((page / 2).max(1) as isize)),
            (Command::Top, Focus::Reader) => self.scroll_reader(isize::MIN / 2),
            (Command::Bottom, Focus::Reader) => self.scroll_reader(isize::MAX / 2),
            (Command::Back, Focus::Sidebar) if !self.filter.is_empty() => {
                self.filter.clear();
                return self.refilter();
            }
            (Command::Back, Focus::Reader) => {
                self.focus = Focus::Sidebar;
                self.keep_selection_in_view();
            }
            (Command::SwitchFocus, _) => self.switch_focus(),
            (Command::NextArticle, _) => return self.open_neighbour(1),
            (Command::PreviousArticle, _) => return self.open_neighbour(-1),
            (Command::Find, Focus::Reader) if self.reader.is_some() => {
                self.editing_find = true;
                if let Some(reader) = &mut self.reader {
                    reader.find.get_or_insert_with(Find::default);
                }
            }
            (Command::NextMatch | Command::PreviousMatch, Focus::Reader) => {
                let step = if command == Command::NextMatch { 1 } else { -1 };
                let height = self.reader_height();
                if let Some(reader) = &mut self.reader
                    && let Some(find) = &mut reader.find
                {
                    find.step(step);
                    reader.show_match(height);
                }
            }
            (Command::Filter, _) => {
                self.editing_filter = true;
                self.focus = Focus::Sidebar;
            }
            (Command::Images, _) => self.show_panel(Overlay::Images { selected: 0 }),
            (Command::Links, _) => self.show_panel(Overlay::Links { selected: 0 }),
            (Command::OpenOriginal, _) => return self.open_original(),
            (Command::CycleSort, _) => {
                self.list_order = self.list_order.next_in_reader();
                self.sort_order();
                self.refresh_list();
                self.message = Some(format!("Ordered by {}", self.list_order.name()));
            }
            (Command::Groups, _) => {
                self.overlay = Some(Overlay::Groups { selected: 0 });
                self.focus = Focus::Sidebar;
            }
            (Command::Help, _) => {
                self.overlay = Some(Overlay::Help);
                self.help_top = 0;
            }
            (Command::Problems, _) => self.overlay = Some(Overlay::Problems { top: 0 }),
            (Command::ToggleRead, _) => self.toggle_read(),
            (Command::ToggleStar, _) => self.toggle_star(),
            (Command::MarkAllRead, _) => self.mark_all_read(),
            (Command::WiderSidebar, _) => self.resize_sidebar(5),
            (Command::NarrowerSidebar, _) => self.resize_sidebar(-5),
            _ => {}
        }
        Vec::new()
    }

    fn overlay_command(&mut self, overlay: Overlay, command: Command) -> Vec<Effect> {
        let count = self.panel_entries().len();
        match (overlay, command) {
            (_, Command::Quit) => return vec![Effect::Quit],
            (_, Command::Back | Command::Help) => self.overlay = None,
            (Overlay::Help, Command::Down | Command::Up) => {
                let last = self.keymap.help_lines().len().saturating_sub(1);
                let step = if command == Command::Down { 1 } else { -1 };
                self.help_top = self.help_top.saturating_add_signed(step).min(last);
            }
            (Overlay::Problems { top }, Command::Down | Command::Up | Command::PageDown | Command::PageUp) => {
                let step: isize = match command {
                    Command::Down => 1,
                    Command::Up => -1,
                    Command::PageDown => self.page_size() as isize,
                    _ => -(self.page_size() as isize),
                };
                let last = self.problems.len().saturating_sub(1);
                self.overlay = Some(Overlay::Problems { top: top.saturating_add_signed(step).min(last) });
            }
            (Overlay::Images { selected } | Overlay::Links { selected }, Command::Down | Command::Up) => {
                let step = if command == Command::Down { 1 } else { -1 };
                let selected = selected.saturating_add_signed(step).min(count.saturating_sub(1));
                self.set_panel_selection(selected);
            }
            (Overlay::Images { selected } | Overlay::Links { selected }, Command::Open) => {
                return self.open_number(selected + 1);
            }
            (Overlay::Groups { .. }, Command::Groups) => self.overlay = None,
            (Overlay::Groups { selected }, Command::Down | Command::Up | Command::PageDown | Command::PageUp) => {
                let page = self.list_rows() as isize * 2;
                let step = match command {
                    Command::Down => 1,
                    Command::Up => -1,
                    Command::PageDown => page,
                    _ => -page,
                };
                let last = self.groups().len().saturating_sub(1);
                self.overlay = Some(Overlay::Groups { selected: selected.saturating_add_signed(step).min(last) });
            }
            (Overlay::Groups { selected }, Command::Open) => {
                if let Some(group) = self.groups().get(selected) {
                    self.filter = groups::filter_for(&self.filter, &group.path);
                    self.overlay = None;
                    return self.refilter();
                }
            }
            _ => {}
        }
        Vec::new()
    }

    // ----- the list -----

    fn add(&mut self, batch: Vec<Loaded>) {
        let first_new = self.articles.len();
        for loaded in batch {
            match loaded {
                Loaded::Article(article) => self.push_article(article),
                Loaded::Problem(problem) => self.problems.push(problem),
            }
        }
        self.merge_into_order(first_new);
        self.refresh_list();
    }

    /// The key the list is sorted by.
    fn sort_key(&self) -> SortOrder {
        self.list_order.sort_key()
    }

    /// Articles from `first_new` on join the sorted order: sorted among
    /// themselves, then merged (a batch costs its own sort and one pass,
    /// not a sort of the whole library).
    fn merge_into_order(&mut self, first_new: usize) {
        let key = self.sort_key();
        let articles = &self.articles;
        let mut new: Vec<usize> = (first_new..articles.len()).filter(|&i| !self.gone[i]).collect();
        new.sort_unstable_by(|&a, &b| compare(&articles[a], &articles[b], key, false));
        let old = std::mem::take(&mut self.order);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let take_old = match (a.peek(), b.peek()) {
                (Some(&x), Some(&y)) => compare(&articles[x], &articles[y], key, false).is_le(),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            merged.extend(if take_old { a.next() } else { b.next() });
        }
        self.order = merged;
        self.columns_stale = true;
    }

    /// For each article of `order`, whether it passes the query's text
    /// clauses; the search columns are (re)built only when one needs them.
    fn text_matches(&mut self) -> Vec<bool> {
        if !self.query.needs_text() {
            return vec![true; self.order.len()];
        }
        self.build_columns();
        self.columns.select(&self.query)
    }

    /// The search columns, rebuilt if the order changed since.
    fn build_columns(&mut self) {
        if self.columns_stale {
            let rows: Vec<&search::Entry> = self.order.iter().map(|&i| &self.entries[i]).collect();
            self.columns = search::Columns::new(&rows);
            self.columns_stale = false;
        }
    }

    fn push_article(&mut self, loaded: crate::loader::LoadedArticle) {
        let crate::loader::LoadedArticle { article, stamp, entry } = loaded;
        self.problems.extend(article.warning_problem());
        // Made on the loader's threads (or read from its cache) if it could.
        self.entries.push(entry.unwrap_or_else(|| search::Entry::new(&article)));
        self.stamps.push(stamp);
        self.body_hits.push(false);
        self.gone.push(false);
        if !self.by_path.is_empty() {
            self.by_path.insert(article.path(), self.articles.len());
        }
        self.articles.push(article);
        self.track_new_article();
    }

    /// The articles the body index can know (those read with a stamp).
    pub fn index_docs(&self) -> Vec<search::index::Doc> {
        search::index::docs_of(&self.articles, &self.stamps)
    }

    /// Articles in the library now (not counting those deleted on disk).
    pub fn article_count(&self) -> usize {
        self.order.len()
    }

    /// Live reload: new and changed files replace or join the list, and
    /// deleted ones leave it; the selection, the open article and its
    /// place stay.
    fn apply_changes(&mut self, changes: crate::loader::Changes) -> Vec<Effect> {
        if self.by_path.is_empty() {
            self.by_path = self.articles.iter().enumerate().map(|(i, a)| (a.path(), i)).collect();
        }
        let mut effects = Vec::new();
        let mut seen: std::collections::HashSet<usize> = std::collections::HashSet::new();
        let mut removed = changes.removed;
        for loaded in changes.loaded {
            match loaded {
                Loaded::Article(crate::loader::LoadedArticle { article, stamp, .. }) => {
                    let path = article.path();
                    self.problems.retain(|p| p.path != path);
                    match self.by_path.get(&path).copied() {
                        Some(i) => {
                            self.problems.extend(article.warning_problem());
                            self.entries[i] = search::Entry::new(&article);
                            self.stamps[i] = stamp;
                            self.articles[i] = article;
                            self.track_replaced_article(i);
                            self.gone[i] = false;
                            if let Some(reader) = self.reader.as_mut().filter(|r| r.article == i) {
                                reader.deleted = false;
                            }
                            seen.insert(i);
                            if self.reader.as_ref().is_some_and(|r| r.article == i) {
                                self.opening = Some(i);
                                effects.push(Effect::ReadArticle(i));
                            }
                        }
                        None => {
                            seen.insert(self.articles.len());
                            self.push_article(crate::loader::LoadedArticle { article, stamp, entry: None });
                        }
                    }
                }
                Loaded::Problem(problem) => {
                    // A file that now fails to load leaves the list, and says why.
                    self.problems.retain(|p| p.path != problem.path);
                    removed.push(problem.path.clone());
                    self.problems.push(problem);
                }
            }
        }
        for path in &removed {
            self.problems.retain(|p| !(p.path.starts_with(path) && p.kind != ProblemKind::MissingPath));
        }
        // Files by their path; anything else may be a folder that went.
        let mut deleted: Vec<usize> = Vec::new();
        let mut folders: Vec<&PathBuf> = Vec::new();
        for path in &removed {
            match self.by_path.get(path) {
                Some(&i) => deleted.push(i),
                None => folders.push(path),
            }
        }
        let scanned = &changes.scanned;
        if !folders.is_empty() || !scanned.is_empty() {
            for (i, article) in self.articles.iter().enumerate() {
                let dir = &article.dir;
                if folders.iter().any(|folder| dir.starts_with(folder))
                    || (!seen.contains(&i) && scanned.iter().any(|folder| dir.starts_with(folder)))
                {
                    deleted.push(i);
                }
            }
        }
        for i in deleted {
            self.gone[i] = true;
            if let Some(reader) = self.reader.as_mut().filter(|r| r.article == i) {
                reader.deleted = true;
            }
        }
        self.sort_order();
        self.build_columns();
        self.refresh_list();
        effects
    }

    /// Sorts every article by the list's key, once per batch or change of
    /// key, so that a keystroke in the filter only filters.
    fn sort_order(&mut self) {
        let key = self.sort_key();
        let articles = &self.articles;
        let gone = &self.gone;
        self.order = (0..articles.len()).filter(|&i| !gone[i]).collect();
        self.order.sort_unstable_by(|&a, &b| compare(&articles[a], &articles[b], key, false));
        self.columns_stale = true;
    }

    /// The filter line changed: parse it (keeping the last good query when
    /// it does not parse) and start a body search if it needs one.
    fn refilter(&mut self) -> Vec<Effect> {
        match search::parse(&self.filter) {
            Ok(query) if query == self.query => {
                // Nothing changed (a space typed): keep what was found.
                self.query_error = None;
                Vec::new()
            }
            Ok(query) => {
                self.query = query;
                self.query_error = None;
                let effects = self.search_bodies();
                self.refresh_list();
                effects
            }
            // The last good query and its results stay.
            Err(error) => {
                self.query_error = Some(error);
                Vec::new()
            }
        }
    }

    /// A new body search over the articles the rest of the query keeps.
    fn search_bodies(&mut self) -> Vec<Effect> {
        self.body_search += 1;
        self.body_hits.iter_mut().for_each(|hit| *hit = false);
        self.searching_bodies = self.query.needs_bodies();
        if !self.searching_bodies {
            return vec![Effect::StopBodySearch];
        }
        let now = jiff::Timestamp::now();
        let text = self.text_matches();
        let sources = self
            .order
            .iter()
            .zip(text)
            .filter(|&(&i, text)| text && search::matches_facts(&self.query, &self.articles[i], now))
            .map(|(&i, _)| search::BodySource::of(i, &self.articles[i], self.stamps[i]))
            .collect();
        vec![Effect::SearchBodies { generation: self.body_search, query: self.query.clone(), sources }]
    }

    /// Filters and sorts the list again, keeping the selected article
    /// selected while it is still in the list.
    fn refresh_list(&mut self) {
        let keep = self.selected_article();
        let now = jiff::Timestamp::now();
        let text = self.text_matches();
        let bodies = self.query.needs_bodies();
        let (query, articles, hits) = (&self.query, &self.articles, &self.body_hits);
        let facts = query.needs_facts();
        let (marks, by_marks) = (&self.marks, query.needs_marks());
        self.visible = self
            .order
            .iter()
            .zip(text)
            .filter(|&(&i, text)| {
                text && (!bodies || hits[i])
                    && (!facts || search::matches_facts(query, &articles[i], now))
                    && (!by_marks || marks.get(i).is_some_and(|m| query.passes_marks(m.read, m.starred)))
            })
            .map(|(&i, _)| i)
            .collect();
        if self.list_order == SortOrder::Relevance && !self.query.is_empty() {
            // Stable: equally relevant articles stay newest first.
            let (query, entries, articles) = (&self.query, &self.entries, &self.articles);
            search::rank_by_relevance(&mut self.visible, query, |i| entries.get(i), |i| &articles[i].title);
        }
        self.selected = keep
            .and_then(|article| self.visible.iter().position(|&i| i == article))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
        self.keep_selection_in_view();
    }

    fn select_at(&mut self, position: usize) {
        self.selected = position.min(self.visible.len().saturating_sub(1));
        self.keep_selection_in_view();
    }

    fn select_by(&mut self, step: isize) {
        self.select_at(self.selected.saturating_add_signed(step));
    }

    /// Articles the sidebar has room for.
    pub fn list_rows(&self) -> usize {
        self.panes().sidebar.map_or(1, |area| (usize::from(area.height) / panes::ROW_HEIGHT).max(1))
    }

    fn keep_selection_in_view(&mut self) {
        let rows = self.list_rows();
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + rows {
            self.list_top = self.selected + 1 - rows;
        }
        self.list_top = self.list_top.min(self.visible.len().saturating_sub(rows));
    }

    fn problem_summary(&self) -> Option<String> {
        let failed = self.problems.iter().filter(|p| p.kind != ProblemKind::Warning).count();
        let warned = self.problems.len() - failed;
        match (failed, warned) {
            (0, 0) => None,
            (0, n) => Some(format!("{n} file{} loaded with warnings — press P", plural(n))),
            (n, _) => Some(format!("{n} file{} could not be read — press P", plural(n))),
        }
    }

    // ----- the reader -----

    fn open_selected(&mut self) -> Vec<Effect> {
        match self.selected_article() {
            Some(article) => {
                self.opening = Some(article);
                vec![Effect::ReadArticle(article)]
            }
            None => Vec::new(),
        }
    }

    /// Edits the find text and finds it again from the top of the pane.
    fn find_edit(&mut self, edit: impl FnOnce(&mut String)) {
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else { return };
        let top = reader.top;
        let find = reader.find.get_or_insert_with(Find::default);
        edit(&mut find.text);
        find.search(&reader.layout, top);
        reader.show_match(height);
    }

    /// `J`/`K`: the next or previous article in the list, if there is one.
    fn open_neighbour(&mut self, step: isize) -> Vec<Effect> {
        let before = self.selected;
        self.select_by(step);
        if self.selected == before && self.reader.is_some() {
            self.message =
                Some(if step > 0 { "This is the last article" } else { "This is the first article" }.to_owned());
            return Vec::new();
        }
        self.open_selected()
    }

    fn article_read(&mut self, article: usize, document: Result<Document, String>) {
        if self.opening != Some(article) {
            return;
        }
        self.opening = None;
        let height = self.reader_height();
        match document {
            // Changed on disk while open: the same place in the new text.
            Ok(document) if self.reader.as_ref().is_some_and(|r| r.article == article) => {
                if let Some(reader) = &mut self.reader {
                    reader.reload(document, height);
                }
            }
            Ok(document) => {
                let width = self.text_width();
                let mut reader = Reader::new(article, document, width);
                if let Some(offset) = self.stored_position(article) {
                    reader.go_to(offset, height);
                }
                self.reader = Some(reader);
                self.opened_at = Some(std::time::Instant::now());
                self.focus = Focus::Reader;
                self.keep_selection_in_view();
            }
            Err(message) => self.message = Some(message),
        }
    }

    fn relayout(&mut self) {
        let width = self.text_width();
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            reader.relayout(width, height);
        }
    }

    /// Lines or rows a page moves.
    fn page_size(&self) -> usize {
        let panes = self.panes();
        let area = match self.focus {
            Focus::Sidebar => panes.sidebar.map(|a| usize::from(a.height) / panes::ROW_HEIGHT),
            Focus::Reader => panes.reader.map(|a| usize::from(a.height)),
        };
        area.unwrap_or(1).max(1)
    }

    /// Rows of the reading pane.
    pub fn reader_height(&self) -> usize {
        panes::panes(self.size, self.sidebar(), Focus::Reader).reader.map_or(1, |a| usize::from(a.height))
    }

    fn scroll_reader(&mut self, lines: isize) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            reader.scroll(lines, height);
        }
        self.note_position();
    }

    fn switch_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Sidebar if self.reader.is_some() => Focus::Reader,
            _ => Focus::Sidebar,
        };
        self.relayout();
        self.keep_selection_in_view();
    }

    fn resize_sidebar(&mut self, step: i16) {
        match &mut self.sidebar_columns {
            Some(columns) => *columns = columns.saturating_add_signed(step).clamp(10, 200),
            None => self.sidebar_percent = self.sidebar_percent.saturating_add_signed(step).clamp(15, 70),
        }
        self.relayout();
    }

    // ----- images and links -----

    fn show_panel(&mut self, panel: Overlay) {
        match &self.reader {
            None => self.message = Some("Open an article first (Enter)".to_owned()),
            Some(_) => {
                self.overlay = Some(panel);
                if self.panel_entries().is_empty() {
                    self.overlay = None;
                    let what = if matches!(panel, Overlay::Images { .. }) { "images" } else { "links" };
                    self.message = Some(format!("This article has no {what}"));
                }
            }
        }
    }

    /// Where the filter's words are in an article's title.
    pub fn title_marks(&self, article: usize) -> Vec<(usize, usize)> {
        if self.query.is_empty() { Vec::new() } else { search::title_marks(&self.query, &self.articles[article].title) }
    }

    /// The tree of groups of the whole library.
    pub fn groups(&self) -> Vec<Group> {
        groups::groups(self.order.iter().map(|&i| &self.articles[i]))
    }

    /// The open panel's entries: (URL, what it is).
    pub fn panel_entries(&self) -> Vec<(String, String)> {
        let Some(reader) = &self.reader else { return Vec::new() };
        let document = &reader.document;
        match self.overlay {
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

    fn set_panel_selection(&mut self, selected: usize) {
        self.overlay = match self.overlay {
            Some(Overlay::Images { .. }) => Some(Overlay::Images { selected }),
            Some(Overlay::Links { .. }) => Some(Overlay::Links { selected }),
            other => other,
        };
    }

    fn open_number(&mut self, number: usize) -> Vec<Effect> {
        let entries = self.panel_entries();
        match entries.get(number.wrapping_sub(1)) {
            Some((url, _)) => {
                self.set_panel_selection(number - 1);
                self.open(url)
            }
            None => {
                self.message = Some(format!("There is no number {number} here"));
                Vec::new()
            }
        }
    }

    fn open_original(&mut self) -> Vec<Effect> {
        let article = self.reader.as_ref().map(|r| r.article).or_else(|| self.selected_article());
        match article.and_then(|a| self.articles[a].link.clone()) {
            Some(link) => self.open(&link),
            None => {
                self.message = Some("This article has no original link".to_owned());
                Vec::new()
            }
        }
    }

    fn open(&mut self, url: &str) -> Vec<Effect> {
        match openable(url) {
            Ok(target) => {
                self.message = Some(format!("Opening {target}"));
                vec![Effect::Open(target)]
            }
            Err(message) => {
                self.message = Some(message);
                Vec::new()
            }
        }
    }

    // ----- the mouse -----

    fn scroll_at(&mut self, column: u16, row: u16, lines: i32) {
        let panes = self.panes();
        if panes.sidebar.is_some_and(|a| a.contains(column, row)) {
            self.select_by(lines as isize);
        } else if panes.reader.is_some_and(|a| a.contains(column, row)) {
            self.scroll_reader(lines as isize * 3);
        }
    }

    fn click(&mut self, column: u16, row: u16) -> Vec<Effect> {
        if let Some(overlay @ (Overlay::Images { .. } | Overlay::Links { .. })) = self.overlay {
            let area = panes::panel_area(self.size, self.panel_entries().len());
            if area.contains(column, row) {
                let selected = match overlay {
                    Overlay::Images { selected } | Overlay::Links { selected } => selected,
                    _ => 0,
                };
                // Inside the border, scrolled as the panel draws it.
                let first = panes::panel_first_entry(area.height.saturating_sub(2), selected);
                let entry = first + usize::from(row - area.y).saturating_sub(1) / panes::PANEL_ROW_HEIGHT;
                if entry < self.panel_entries().len() {
                    self.set_panel_selection(entry);
                }
            } else {
                self.overlay = None;
            }
            return Vec::new();
        }
        let panes = self.panes();
        if let Some(area) = panes.sidebar.filter(|a| a.contains(column, row)) {
            let position = self.list_top + usize::from(row - area.y) / panes::ROW_HEIGHT;
            if position < self.visible.len() {
                self.focus = Focus::Sidebar;
                self.select_at(position);
            }
        } else if panes.reader.is_some_and(|a| a.contains(column, row)) && self.reader.is_some() {
            self.focus = Focus::Reader;
        }
        Vec::new()
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests;
