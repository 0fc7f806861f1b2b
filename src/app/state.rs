//! Read state in the reader: read/unread, stars, reading positions and the
//! last article and filter, kept in a `state::Store` by each article's path
//! relative to its library root. The roots come from the shell (finding a
//! root's absolute path reads the disk).

use super::query_line::History;
use super::{Action, App, Effect, Focus};
use crate::app::list::ListStore as Rows;
use crate::state::{FINISHED, Marks, Position, ReadState, Roots, StateKey, Store, part_way};
use std::path::Path;
use std::time::Instant;

/// Where read state is kept, if anywhere.
#[derive(Debug, Default)]
pub struct Kept {
    pub store: Option<Store>,
    roots: Roots,
    /// The last article and filter were brought back (once, after loading).
    restored: bool,
}

impl Kept {
    /// Computes the state key and kept state of articles `numbers` (just
    /// added, or read again: the same key, the same state).
    pub fn track(&self, rows: &mut Rows, numbers: &[usize]) {
        let Some(store) = &self.store else { return };
        for &number in numbers {
            let Some(key) = self.key(rows, number) else { continue };
            let kept = ReadState::of(self.roots.state(store, (key.0, &key.1)));
            if let Some(state) = rows.state_mut(number) {
                *state = kept;
            }
        }
    }

    /// Article `number`'s key in the store: its root and its path from there.
    fn key(&self, rows: &Rows, number: usize) -> Option<StateKey> {
        self.roots.key(&rows.get(number)?.path())
    }

    /// Where article `number` was left, as a text position.
    pub fn position(&self, rows: &Rows, number: usize) -> Option<usize> {
        let (store, (root, rel)) = (self.store.as_ref()?, self.key(rows, number)?);
        Some(self.roots.state(store, (root, &rel))?.position?.offset)
    }

    /// Runs `change` on the store with article `number`'s root and key.
    fn change(&mut self, rows: &Rows, number: usize, change: impl FnOnce(&mut Store, &Path, &str)) {
        let Some((root, rel)) = self.key(rows, number) else { return };
        let (Some(store), Some(root)) = (&mut self.store, self.roots.stored(root)) else { return };
        change(store, root, &rel);
    }
}

impl App {
    /// Keeps read state in `store`, for a library with these `roots`.
    pub fn use_state(&mut self, store: Store, roots: Roots) {
        self.histories.filter = History::new(store.queries(false).to_vec());
        self.histories.find = History::new(store.queries(true).to_vec());
        self.state = Kept { store: Some(store), roots, restored: false };
        let all: Vec<usize> = (0..self.list.store.len()).collect();
        self.state.track(&mut self.list.store, &all);
    }

    /// The read state the list shows of article `number` (everything read
    /// when there is no store, as in tests: nothing stands out).
    pub fn read_state(&self, number: usize) -> ReadState {
        match self.state.store {
            Some(_) => self.list.store.state(number),
            None => ReadState { read: true, ..ReadState::default() },
        }
    }

    /// The article `m`, `s` act on: the open one in the reader, else the selected.
    fn marked_article(&self) -> Option<usize> {
        match (self.reading.article(), self.focus) {
            (Some(open), Focus::Reader) => Some(open),
            _ => self.list.selected_article(),
        }
    }

    pub(super) fn set_read(&mut self, number: usize, read: bool) {
        let Some(state) = self.list.store.state_mut(number).filter(|s| s.read != read) else { return };
        state.read = read;
        self.state.change(&self.list.store, number, |store, root, rel| store.set_read(root, rel, read));
        self.list.state_changed(number, self.reading.article(), self.now.time);
    }

    /// Sets the (read, starred) marks of many articles — the list's rows,
    /// then the store a library at a time — and refreshes the list once
    /// (a list of `is:unread` filters by them).
    pub(super) fn set_marks(&mut self, marks: &[(usize, bool, bool)]) {
        let mut changed: Vec<(StateKey, Marks)> = Vec::new();
        let mut first = None;
        for &(number, read, starred) in marks {
            let Some(state) = self.list.store.state_mut(number) else { continue };
            let wanted = Marks {
                read: (state.read != read).then_some(read),
                starred: (state.starred != starred).then_some(starred),
            };
            if wanted == Marks::default() {
                continue;
            }
            state.read = read;
            state.starred = starred;
            first.get_or_insert(number);
            if let Some(key) = self.state.key(&self.list.store, number) {
                changed.push((key, wanted));
            }
        }
        changed.sort_by_key(|((root, _), _)| *root);
        if let Kept { store: Some(store), roots, .. } = &mut self.state {
            for run in changed.chunk_by(|((a, _), _), ((b, _), _)| a == b) {
                let Some(root) = run.first().and_then(|((root, _), _)| roots.stored(*root)) else { continue };
                store.set_marks_many(root, run.iter().map(|((_, rel), marks)| (rel.as_str(), *marks)));
            }
        }
        if let Some(first) = first {
            self.list.state_changed(first, None, self.now.time);
        }
    }

    pub(super) fn set_starred(&mut self, number: usize, starred: bool) {
        let Some(state) = self.list.store.state_mut(number).filter(|s| s.starred != starred) else { return };
        state.starred = starred;
        self.state.change(&self.list.store, number, |store, root, rel| store.set_starred(root, rel, starred));
        self.list.state_changed(number, None, self.now.time);
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(number) = self.marked_article() else { return };
        let read = !self.list.store.state(number).read;
        self.before_marking(&[number], if read { "marked read" } else { "marked unread" });
        if self.reading.article() == Some(number) {
            self.reading.marked_by_hand();
        }
        self.set_read(number, read);
        self.status.say(if read { "Marked read" } else { "Marked unread" });
    }

    pub(super) fn toggle_star(&mut self) {
        let Some(number) = self.marked_article() else { return };
        let starred = !self.list.store.state(number).starred;
        self.before_marking(&[number], if starred { "starred" } else { "star removed" });
        self.set_starred(number, starred);
        self.status.say(if starred { "Starred" } else { "Star removed" });
    }

    /// `M`: every article of the list as shown is read.
    pub(super) fn mark_all_read(&mut self) {
        let unread: Vec<usize> =
            self.list.visible.iter().copied().filter(|&i| !self.list.store.state(i).read).collect();
        self.before_marking(&unread, "marked every article of the list read");
        let marks: Vec<(usize, bool, bool)> =
            unread.iter().map(|&number| (number, true, self.list.store.state(number).starred)).collect();
        self.set_marks(&marks);
        self.status.say(Self::marked_message(unread.len()));
    }

    /// Remembers how far the open article is read, and marks it read at its end.
    pub(super) fn note_position(&mut self) {
        let Some((number, offset, progress)) = self.reading.place(self.reader_height()) else { return };
        let position = Position::new(offset, progress);
        self.state.change(&self.list.store, number, |store, root, rel| store.set_position(root, rel, Some(position)));
        if let Some(state) = self.list.store.state_mut(number) {
            state.progress = part_way(progress);
        }
        if progress >= FINISHED && self.reading.reads_by_itself() {
            self.set_read(number, true);
        }
    }

    /// When the app wants a `Tick`: an open, unread article about to count as read.
    pub fn next_deadline(&self) -> Option<Instant> {
        let open = self.reading.article()?;
        let unread = !self.list.store.state(open).read;
        self.reading.read_deadline().filter(|_| unread && self.state.store.is_some())
    }

    /// Time passed: an article open long enough is read.
    pub(super) fn read_by_time(&mut self) {
        if let (Some(open), Some(deadline)) = (self.reading.article(), self.reading.read_deadline())
            && self.now.instant >= deadline
        {
            self.set_read(open, true);
        }
    }

    /// `query` was accepted in the filter line (`finds`: the find line):
    /// the newest of its history, kept with the reading state.
    pub(super) fn remember_query(&mut self, query: &str, finds: bool) {
        let history = if finds { &mut self.histories.find } else { &mut self.histories.filter };
        if history.push(query)
            && let Some(store) = &mut self.state.store
        {
            store.remember_query(query, finds);
        }
    }

    /// Remembers the open article and the filter, for the next start.
    pub fn remember_last(&mut self) {
        let key = self.reading.article().and_then(|i| self.state.key(&self.list.store, i));
        let filter = self.list.filter.text.clone();
        let Kept { store: Some(store), roots, .. } = &mut self.state else { return };
        // Nothing open, no filter and no last kept: the next start is the
        // same without one (and a session that changed nothing saves nothing).
        if key.is_none() && filter.is_empty() && roots.all_stored().all(|root| store.last(root).is_none()) {
            return;
        }
        let Some(root) = roots.stored(key.as_ref().map_or(0, |(root, _)| *root)) else { return };
        store.set_last(root, key.as_ref().map(|(_, rel)| rel.as_str()), &filter);
    }

    /// After loading: the last filter again, and the last article open at
    /// its place.
    pub(super) fn restore_last(&mut self) -> Vec<Effect> {
        if std::mem::replace(&mut self.state.restored, true) {
            return Vec::new();
        }
        let Some(store) = &self.state.store else { return Vec::new() };
        let Some(last) = self.state.roots.all_stored().find_map(|root| store.last(root).cloned()) else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        if !last.filter.is_empty() && self.list.filter.text.is_empty() {
            effects.extend(self.update(Action::FilterText(last.filter.clone())));
            effects.extend(self.update(Action::FilterAccept));
        }
        // The last article, by its path under each root in turn.
        let roots = &self.state.roots;
        let wanted = last.article.as_deref();
        let paths: Vec<_> = (0..roots.count()).filter_map(|root| roots.path_of((root, wanted?))).collect();
        let found = paths.iter().find_map(|path| self.list.store.find(path));
        if let Some(number) = found.filter(|&i| !self.list.store.is_gone(i)) {
            self.list.select_article(number);
            self.reading.ask(number);
            effects.push(Effect::ReadArticle(number));
        }
        effects
    }
}
