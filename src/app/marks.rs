//! Read state in the reader: read/unread, stars, reading positions and the
//! last article and filter, kept in a `state::Store` by each article's path
//! relative to its library root.

use super::{Action, App, Effect, Focus};
use crate::model::Article;
use crate::state::{ArticleState, Position, Store, relative_key};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// An article open this long counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(3);
/// Progress at or past this is "read to the end".
const FINISHED: f64 = 0.995;

/// What the sidebar shows of an article's state.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Marks {
    pub read: bool,
    pub starred: bool,
    /// How far it was read, when read part-way.
    pub progress: Option<f64>,
}

impl Marks {
    /// The marks of an article kept as `state` (none kept: unread).
    fn of(state: Option<&ArticleState>) -> Marks {
        state.map_or_else(Marks::default, |state| Marks {
            read: state.read,
            starred: state.starred,
            progress: state.position.and_then(|p| part_way(p.progress)),
        })
    }
}

/// `progress` when the article was read part-way, not at all or to the end.
fn part_way(progress: f64) -> Option<f64> {
    (progress > 0.0 && progress < FINISHED).then_some(progress)
}

/// Where state is keyed: each library root as given (article paths start
/// with it) and as stored (absolute).
#[derive(Debug, Clone, Default)]
pub struct Roots {
    roots: Vec<(PathBuf, PathBuf)>,
}

impl Roots {
    /// The roots of a library opened with `paths` (a file's root is its folder).
    pub fn new(paths: &[PathBuf]) -> Roots {
        let roots = paths
            .iter()
            .map(|path| {
                let folder =
                    if path.is_file() { path.parent().unwrap_or(Path::new("")).to_owned() } else { path.clone() };
                let stored = std::fs::canonicalize(&folder).unwrap_or_else(|_| folder.clone());
                (folder, stored)
            })
            .collect();
        Roots { roots }
    }

    /// The stored root and the relative key of `article`.
    fn key(&self, article: &Article) -> Option<(usize, String)> {
        let path = article.path();
        let (index, (given, _)) = self
            .roots
            .iter()
            .enumerate()
            .filter(|(_, (given, _))| path.starts_with(given))
            .max_by_key(|(_, (given, _))| given.as_os_str().len())?;
        Some((index, relative_key(given, &path)?))
    }

    fn stored(&self, index: usize) -> Option<&Path> {
        self.roots.get(index).map(|(_, stored)| stored.as_path())
    }

    /// What `store` keeps of the article keyed (`root`, `rel`).
    fn state<'s>(&self, store: &'s Store, root: usize, rel: &str) -> Option<&'s ArticleState> {
        store.library(self.stored(root)?)?.get(rel)
    }
}

/// The marks of `articles` of a library opened with `paths`, from `store`
/// (for `folio list --query is:unread`).
pub fn marks_for(store: &Store, paths: &[PathBuf], articles: &[Article]) -> Vec<Marks> {
    let roots = Roots::new(paths);
    articles
        .iter()
        .map(|article| Marks::of(roots.key(article).and_then(|(root, rel)| roots.state(store, root, &rel))))
        .collect()
}

impl App {
    /// Keeps read state in `store` for a library opened with `paths`.
    pub fn use_state(&mut self, store: Store, paths: &[PathBuf]) {
        self.roots = Roots::new(paths);
        self.store = Some(store);
        self.keys = self.articles.iter().map(|a| self.roots.key(a)).collect();
        self.marks = (0..self.articles.len()).map(|i| self.stored_marks(i)).collect();
    }

    /// Computes the state key and marks of an article just added (last).
    pub(super) fn track_new_article(&mut self) {
        let Some(article) = self.articles.last() else { return };
        self.keys.push(self.roots.key(article));
        self.marks.push(self.stored_marks(self.articles.len() - 1));
    }

    /// An article replaced in place (live reload): same key, same state.
    pub(super) fn track_replaced_article(&mut self, index: usize) {
        if let Some(article) = self.articles.get(index) {
            self.keys[index] = self.roots.key(article);
            self.marks[index] = self.stored_marks(index);
        }
    }

    fn stored_marks(&self, index: usize) -> Marks {
        let (Some(store), Some(Some((root, rel)))) = (&self.store, self.keys.get(index)) else {
            return Marks::default();
        };
        Marks::of(self.roots.state(store, *root, rel))
    }

    /// Runs `change` on the store with the article's root and key.
    fn with_key(&mut self, index: usize, change: impl FnOnce(&mut Store, &Path, &str)) {
        let (Some(store), Some(Some((root, rel)))) = (&mut self.store, self.keys.get(index)) else { return };
        if let Some(root) = self.roots.stored(*root) {
            change(store, root, rel);
        }
    }

    /// The article `m`, `s` act on: the open one in the reader, else the selected.
    fn marked_article(&self) -> Option<usize> {
        match (&self.reader, self.focus) {
            (Some(reader), Focus::Reader) => Some(reader.article),
            _ => self.selected_article(),
        }
    }

    pub(super) fn set_read(&mut self, index: usize, read: bool) {
        if self.marks.get(index).is_none_or(|m| m.read == read) {
            return;
        }
        self.marks[index].read = read;
        self.with_key(index, |store, root, rel| store.set_read(root, rel, read));
        // The open article keeps its row (`J`/`K` go on from it) until the
        // filter changes.
        let open = self.reader.as_ref().is_some_and(|r| r.article == index);
        if self.query.needs_marks() && !open {
            self.refresh_list();
        }
    }

    pub(super) fn toggle_read(&mut self) {
        if let Some(index) = self.marked_article() {
            let read = !self.marks.get(index).is_some_and(|m| m.read);
            if self.reader.as_ref().is_some_and(|r| r.article == index) {
                // Marked by hand: no longer read by time or by scrolling.
                self.opened_at = None;
            }
            self.set_read(index, read);
            self.message = Some(if read { "Marked read" } else { "Marked unread" }.to_owned());
        }
    }

    pub(super) fn toggle_star(&mut self) {
        let Some(index) = self.marked_article() else { return };
        let Some(marks) = self.marks.get_mut(index) else { return };
        marks.starred = !marks.starred;
        let starred = marks.starred;
        self.with_key(index, |store, root, rel| store.set_starred(root, rel, starred));
        self.message = Some(if starred { "Starred" } else { "Star removed" }.to_owned());
        if self.query.needs_marks() {
            self.refresh_list();
        }
    }

    /// `M`: every article of the list as shown is read.
    pub(super) fn mark_all_read(&mut self) {
        let unread: Vec<usize> = self.visible.iter().copied().filter(|&i| !self.marks[i].read).collect();
        for &index in &unread {
            self.marks[index].read = true;
            self.with_key(index, |store, root, rel| store.set_read(root, rel, true));
        }
        self.message =
            Some(format!("Marked {} article{} read", unread.len(), if unread.len() == 1 { "" } else { "s" }));
        if self.query.needs_marks() {
            self.refresh_list();
        }
    }

    /// Articles in the list that are unread.
    pub fn unread_count(&self) -> usize {
        self.order.iter().filter(|&&i| !self.marks[i].read).count()
    }

    /// Remembers how far the open article is read, and marks it read at its end.
    pub(super) fn note_position(&mut self) {
        let height = self.reader_height();
        let Some(reader) = &self.reader else { return };
        let (index, offset) = (reader.article, reader.anchor());
        let progress = if reader.layout.lines.len() <= height {
            0.0
        } else {
            (reader.top + height).min(reader.layout.lines.len()) as f64 / reader.layout.lines.len() as f64
        };
        let position = Position::new(offset, progress);
        self.with_key(index, |store, root, rel| store.set_position(root, rel, Some(position)));
        if let Some(marks) = self.marks.get_mut(index) {
            marks.progress = part_way(progress);
        }
        if progress >= FINISHED && self.opened_at.is_some() {
            self.set_read(index, true);
        }
    }

    /// Where article `index` was left, as a text position.
    pub(super) fn stored_position(&self, index: usize) -> Option<usize> {
        let (store, Some((root, rel))) = (self.store.as_ref()?, self.keys.get(index)?) else { return None };
        Some(self.roots.state(store, *root, rel)?.position?.offset)
    }

    /// Remembers the open article and the filter, for the next start.
    pub fn remember_last(&mut self) {
        let article = self.reader.as_ref().map(|r| r.article);
        let key = article.and_then(|i| self.keys.get(i).cloned().flatten());
        let filter = self.filter.clone();
        let (Some(store), Some(root)) = (&mut self.store, self.roots.stored(key.as_ref().map_or(0, |(r, _)| *r)))
        else {
            return;
        };
        store.set_last(root, key.as_ref().map(|(_, rel)| rel.as_str()), &filter);
    }

    /// After loading: the last filter again, and the last article open at
    /// its place.
    pub(super) fn restore_last(&mut self) -> Vec<Effect> {
        if self.restored {
            return Vec::new();
        }
        self.restored = true;
        let Some(store) = &self.store else { return Vec::new() };
        let last = self.roots.roots.iter().find_map(|(_, stored)| store.last(stored).cloned());
        let Some(last) = last else { return Vec::new() };
        let mut effects = Vec::new();
        if !last.filter.is_empty() && self.filter.is_empty() {
            effects.extend(self.update(Action::FilterText(last.filter.clone())));
            effects.extend(self.update(Action::FilterAccept));
        }
        let wanted = last.article.as_deref();
        let found = wanted.and_then(|rel| self.keys.iter().position(|k| k.as_ref().is_some_and(|(_, r)| r == rel)));
        if let Some(index) = found.filter(|i| !self.gone[*i]) {
            if let Some(position) = self.visible.iter().position(|&i| i == index) {
                self.selected = position;
                self.keep_selection_in_view();
            }
            self.opening = Some(index);
            effects.push(Effect::ReadArticle(index));
        }
        effects
    }

    /// When the app wants a `Tick`: an open article about to count as read.
    pub fn next_deadline(&self) -> Option<Instant> {
        let reader = self.reader.as_ref()?;
        let unread = self.marks.get(reader.article).is_some_and(|m| !m.read);
        (unread && self.store.is_some()).then_some(self.opened_at? + READ_AFTER)
    }

    /// Time passed: an article open long enough is read.
    pub(super) fn tick(&mut self, now: Instant) {
        let Some(reader) = &self.reader else { return };
        if self.opened_at.is_some_and(|at| now >= at + READ_AFTER) {
            let index = reader.article;
            self.set_read(index, true);
        }
    }
}
