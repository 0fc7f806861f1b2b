//! Every article the reader knows, one row each, with what the list keeps
//! beside it: its searchable text, its file's stamp, its read state and
//! state key, whether its body matches the body search, and whether it was
//! deleted on disk. Rows are never removed, so an article's number stays.

use crate::loader::LoadedArticle;
use crate::model::Article;
use crate::persist::Stamp;
use crate::search::Entry;
use crate::state::{ReadState, StateKey};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One article and what is kept beside it.
#[derive(Debug)]
struct Row {
    article: Article,
    entry: Entry,
    stamp: Option<Stamp>,
    state: ReadState,
    key: Option<StateKey>,
    /// Its body matches the body search under way.
    hit: bool,
    /// Deleted on disk since (kept, so that numbers stay).
    gone: bool,
}

/// The rows, by article number.
#[derive(Debug, Default)]
pub struct ListStore {
    rows: Vec<Row>,
    /// Each article's number by its path, once live reload needs it.
    by_path: HashMap<PathBuf, usize>,
}

impl ListStore {
    /// Articles ever added (deleted ones included).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds an article (its search entry made now unless the loader made
    /// it) and returns its number.
    pub fn push(&mut self, loaded: LoadedArticle) -> usize {
        let LoadedArticle { article, stamp, entry } = loaded;
        let number = self.rows.len();
        if !self.by_path.is_empty() {
            self.by_path.insert(article.path(), number);
        }
        let entry = entry.unwrap_or_else(|| Entry::new(&article));
        let row = Row { article, entry, stamp, state: ReadState::default(), key: None, hit: false, gone: false };
        self.rows.push(row);
        number
    }

    /// Article `number` read again from its file (live reload).
    pub fn replace(&mut self, number: usize, article: Article, stamp: Option<Stamp>) {
        if let Some(row) = self.rows.get_mut(number) {
            row.entry = Entry::new(&article);
            row.article = article;
            row.stamp = stamp;
            row.gone = false;
        }
    }

    /// The number of the article at `path`, if there is one.
    pub fn find(&mut self, path: &Path) -> Option<usize> {
        if self.by_path.is_empty() && !self.rows.is_empty() {
            self.by_path = self.rows.iter().enumerate().map(|(i, row)| (row.article.path(), i)).collect();
        }
        self.by_path.get(path).copied()
    }

    /// Article `number`. Panics on a number the store never gave.
    pub fn article(&self, number: usize) -> &Article {
        &self.rows[number].article
    }

    pub fn get(&self, number: usize) -> Option<&Article> {
        self.rows.get(number).map(|row| &row.article)
    }

    pub fn entry(&self, number: usize) -> Option<&Entry> {
        self.rows.get(number).map(|row| &row.entry)
    }

    pub fn stamp(&self, number: usize) -> Option<Stamp> {
        self.rows.get(number).and_then(|row| row.stamp)
    }

    /// Every article, by number (deleted ones included).
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.rows.iter().map(|row| &row.article)
    }

    /// The numbers of the articles not deleted on disk.
    pub fn live(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.rows.len()).filter(|&i| !self.rows[i].gone)
    }

    pub fn is_gone(&self, number: usize) -> bool {
        self.rows.get(number).is_none_or(|row| row.gone)
    }

    pub fn set_gone(&mut self, number: usize) {
        if let Some(row) = self.rows.get_mut(number) {
            row.gone = true;
        }
    }

    pub fn state(&self, number: usize) -> ReadState {
        self.rows.get(number).map(|row| row.state).unwrap_or_default()
    }

    pub fn state_mut(&mut self, number: usize) -> Option<&mut ReadState> {
        self.rows.get_mut(number).map(|row| &mut row.state)
    }

    pub fn key(&self, number: usize) -> Option<&StateKey> {
        self.rows.get(number).and_then(|row| row.key.as_ref())
    }

    /// Sets article `number`'s state key and the state kept under it.
    pub fn set_state(&mut self, number: usize, key: Option<StateKey>, state: ReadState) {
        if let Some(row) = self.rows.get_mut(number) {
            row.key = key;
            row.state = state;
        }
    }

    pub fn is_hit(&self, number: usize) -> bool {
        self.rows.get(number).is_some_and(|row| row.hit)
    }

    pub fn set_hit(&mut self, number: usize) {
        if let Some(row) = self.rows.get_mut(number) {
            row.hit = true;
        }
    }

    /// A new body search: no body matches yet.
    pub fn clear_hits(&mut self) {
        self.rows.iter_mut().for_each(|row| row.hit = false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::{Outcome, article_from_bytes};

    fn loaded(path: &str, title: &str) -> LoadedArticle {
        let text = format!("---\ntitle: {title}\n---\nbody");
        match article_from_bytes(Path::new(path), text.as_bytes()) {
            Outcome::Article(article) => LoadedArticle { article, stamp: None, entry: None },
            other => panic!("not an article: {other:?}"),
        }
    }

    #[test]
    fn numbers_stay_through_replacing_and_deleting() {
        let mut store = ListStore::default();
        assert_eq!(store.push(loaded("/l/a.md", "A")), 0);
        assert_eq!(store.push(loaded("/l/b.md", "B")), 1);
        assert_eq!(store.find(Path::new("/l/b.md")), Some(1));
        store.set_gone(0);
        assert_eq!(store.live().collect::<Vec<_>>(), [1]);
        let again = loaded("/l/a.md", "A again");
        store.replace(0, again.article, None);
        assert_eq!(store.live().collect::<Vec<_>>(), [0, 1]);
        assert_eq!(&*store.article(0).title, "A again");
        // Added after the path index was built: found too.
        assert_eq!(store.push(loaded("/l/c.md", "C")), 2);
        assert_eq!(store.find(Path::new("/l/c.md")), Some(2));
        assert_eq!(store.find(Path::new("/l/none.md")), None);
    }

    #[test]
    fn hits_and_states_belong_to_their_article() {
        let mut store = ListStore::default();
        store.push(loaded("/l/a.md", "A"));
        store.push(loaded("/l/b.md", "B"));
        store.set_hit(1);
        assert!(!store.is_hit(0) && store.is_hit(1));
        store.clear_hits();
        assert!(!store.is_hit(1));
        store.set_state(0, Some((0, "a.md".to_owned())), ReadState { read: true, ..ReadState::default() });
        assert!(store.state(0).read && !store.state(1).read);
        assert_eq!(store.key(0).map(|(_, rel)| rel.as_str()), Some("a.md"));
        assert!(store.entry(0).is_some() && store.get(5).is_none() && store.is_gone(5));
    }
}
