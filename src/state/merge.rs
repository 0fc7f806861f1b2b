//! Merging this process's unsaved changes into the state on disk, so two
//! folios on the same library keep each other's changes. Per field of an
//! article (and for the last article as a whole): if the disk still holds
//! the value we started from, our change wins; if another folio changed it
//! too, the newer change wins (theirs timed by the entry's `changed`).

use super::model::{ArticleState, Last, StateFile, add_query};
use std::collections::HashMap;

/// Changes not yet saved, per library root.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    pub(crate) libraries: HashMap<String, PendingLibrary>,
    /// Filters and finds used since the last save, oldest first: added to
    /// the disk's as the newest.
    pub(crate) filters: Vec<String>,
    pub(crate) finds: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct PendingLibrary {
    pub(crate) articles: HashMap<String, PendingArticle>,
    /// `Some(base)`: the last article changed; `base` is what it was.
    pub(crate) last: Option<Option<Last>>,
}

/// The fields changed since the last save, when, and what the article was
/// before (as last read from disk).
#[derive(Debug, Default)]
pub(crate) struct PendingArticle {
    pub(crate) base: ArticleState,
    pub(crate) read: Option<i64>,
    pub(crate) starred: Option<i64>,
    pub(crate) position: Option<i64>,
}

impl PendingArticle {
    fn is_empty(&self) -> bool {
        self.read.is_none() && self.starred.is_none() && self.position.is_none()
    }
}

impl Pending {
    pub(crate) fn is_empty(&self) -> bool {
        self.libraries.is_empty() && self.filters.is_empty() && self.finds.is_empty()
    }
}

/// `disk` with the pending changes of `ours` applied; `pending` keeps only
/// the changes that won, with their base moved to what the disk holds.
pub(crate) fn merge(mut disk: StateFile, ours: &StateFile, pending: &mut Pending) -> StateFile {
    for query in pending.filters.drain(..) {
        add_query(&mut disk.filters, &query);
    }
    for query in pending.finds.drain(..) {
        add_query(&mut disk.finds, &query);
    }
    for (root, changes) in &mut pending.libraries {
        let mine = ours.libraries.get(root);
        let theirs = disk.libraries.entry(root.clone()).or_default();
        for (rel, change) in &mut changes.articles {
            let our = mine.and_then(|l| l.articles.get(rel)).cloned().unwrap_or_default();
            let their = theirs.articles.get(rel).cloned().unwrap_or_default();
            let mut merged = their.clone();
            if let Some(at) = wins(change.read, their.read == change.base.read, their.changed) {
                merged.read = our.read;
                merged.changed = merged.changed.max(at);
            } else {
                change.read = None;
            }
            if let Some(at) = wins(change.starred, their.starred == change.base.starred, their.changed) {
                merged.starred = our.starred;
                merged.changed = merged.changed.max(at);
            } else {
                change.starred = None;
            }
            if let Some(at) = wins(change.position, their.position == change.base.position, their.changed) {
                merged.position = our.position;
                merged.changed = merged.changed.max(at);
            } else {
                change.position = None;
            }
            change.base = their;
            if merged.is_blank() {
                theirs.articles.remove(rel);
            } else {
                theirs.articles.insert(rel.clone(), merged);
            }
        }
        changes.articles.retain(|_, change| !change.is_empty());
        if let Some(base) = &mut changes.last {
            let our = mine.and_then(|l| l.last.clone());
            let their_time = theirs.last.as_ref().map_or(i64::MIN, |l| l.changed);
            let our_time = our.as_ref().map_or(i64::MIN, |l| l.changed);
            if theirs.last == *base || our_time >= their_time {
                *base = theirs.last.clone();
                theirs.last = our;
            } else {
                changes.last = None;
            }
        }
        if theirs.is_empty() {
            disk.libraries.remove(root);
        }
    }
    pending.libraries.retain(|_, l| !l.articles.is_empty() || l.last.is_some());
    disk
}

/// When our change to a field (made at `ours`, if any) beats the disk's:
/// the disk still has our base value, or our change is at least as new.
fn wins(ours: Option<i64>, untouched: bool, theirs: i64) -> Option<i64> {
    ours.filter(|&at| untouched || at >= theirs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::model::LibraryState;

    fn with(rel: &str, article: ArticleState) -> StateFile {
        let mut state = StateFile::new();
        let mut library = LibraryState::default();
        library.articles.insert(rel.to_owned(), article);
        state.libraries.insert("/r".to_owned(), library);
        state
    }

    fn pending(rel: &str, change: PendingArticle) -> Pending {
        let mut library = PendingLibrary::default();
        library.articles.insert(rel.to_owned(), change);
        Pending { libraries: [("/r".to_owned(), library)].into(), ..Default::default() }
    }

    #[test]
    fn a_field_changed_by_both_goes_to_the_newer_and_ours_is_dropped_if_older() {
        let theirs = with("a", ArticleState { read: true, changed: 20, ..Default::default() });
        let ours = with("a", ArticleState { starred: true, changed: 10, ..Default::default() });
        let mut changes = pending("a", PendingArticle { starred: Some(10), read: Some(10), ..Default::default() });
        let merged = merge(theirs, &ours, &mut changes);
        let article = merged.libraries["/r"].articles["a"].clone();
        // read: both changed it (disk differs from base), theirs is newer.
        // starred: the disk still has the base value, so ours stands.
        assert_eq!(article, ArticleState { read: true, starred: true, position: None, changed: 20 });
        let left = &changes.libraries["/r"].articles["a"];
        assert_eq!((left.read, left.starred), (None, Some(10)));
        assert!(left.base.read, "the base moves to what the disk holds");
    }

    #[test]
    fn a_blank_result_removes_the_article_and_the_library() {
        let theirs = with("a", ArticleState { read: true, changed: 5, ..Default::default() });
        let base = ArticleState { read: true, changed: 5, ..Default::default() };
        let mut changes = pending("a", PendingArticle { base, read: Some(9), ..Default::default() });
        let merged = merge(theirs, &StateFile::new(), &mut changes);
        assert!(merged.libraries.is_empty());
    }
}
