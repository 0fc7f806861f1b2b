//! The library: every article and problem of a load (with what the loader
//! knew of each beside it), and the list orders.

use crate::loader::{self, LoadEvent, Loaded, LoadedArticle};
use crate::model::{Article, Problem, ProblemKind, SortOrder};
use crate::persist::Stamp;
use crate::search::Entry;
use crate::text::{TitleKey, compare_titles};
use std::cmp::Ordering;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// All articles of the PATHs given, and what went wrong loading them.
#[derive(Debug, Default)]
pub struct Library {
    pub roots: Vec<PathBuf>,
    pub articles: Vec<Article>,
    /// Beside each article: its file's size and time when it was read
    /// (known when loaded with the index cache).
    pub stamps: Vec<Option<Stamp>>,
    /// Beside each article: its searchable text, when the load made it
    /// (empty when it did not).
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

/// Loads every article under `paths` and returns the library, sorted
/// newest first (reading every file: no index cache).
pub fn load(paths: &[PathBuf]) -> Library {
    load_with(paths, None)
}

/// `load`, with the index cache in the folder `cache` (`None`: no cache).
pub fn load_with(paths: &[PathBuf], cache: Option<PathBuf>) -> Library {
    Library::load(paths, cache, false)
}

impl Library {
    pub fn new(roots: Vec<PathBuf>) -> Library {
        Library { roots, ..Library::default() }
    }

    /// Every article under `paths`, newest first, through the index cache
    /// in the folder `cache` (`None`: every file read), with each article's
    /// search entry when `entries`.
    pub fn load(paths: &[PathBuf], cache: Option<PathBuf>, entries: bool) -> Library {
        let mut library = Library::new(paths.to_vec());
        let mut finished = false;
        for event in loader::spawn_with(paths.to_vec(), cache, entries) {
            match event {
                LoadEvent::Batch(batch) => library.extend(batch.into_items()),
                LoadEvent::Done => finished = true,
            }
        }
        if !finished {
            library.problems.push(Problem {
                path: paths.first().cloned().unwrap_or_default(),
                kind: ProblemKind::Internal,
                message: "loading stopped early (an internal error; please report it): the list is incomplete"
                    .to_owned(),
            });
        }
        library.sort(SortOrder::Date, false);
        library
    }

    /// Adds a batch from the loader; articles with warnings are also
    /// recorded as problems.
    pub fn extend(&mut self, batch: Vec<Loaded>) {
        for loaded in batch {
            match loaded {
                Loaded::Article(LoadedArticle { article, stamp, entry }) => {
                    self.problems.extend(article.warning_problem());
                    self.articles.push(article);
                    self.stamps.push(stamp);
                    if let Some(entry) = entry {
                        self.entries.push(entry);
                    }
                }
                Loaded::Problem(problem) => self.problems.push(problem),
            }
        }
    }

    /// Whether some PATH given could not be found or read.
    pub fn has_missing_path(&self) -> bool {
        self.problems.iter().any(|p| p.kind == ProblemKind::MissingPath)
    }

    /// Orders the list by `key` (relevance: by date, to be ranked);
    /// `reverse` flips the key's direction, while articles without the key
    /// (undated, no author) stay last and ties are broken by title, then
    /// path.
    pub fn sort(&mut self, key: SortOrder, reverse: bool) {
        let articles = &self.articles;
        let mut order: Vec<usize> = (0..articles.len()).collect();
        sort_positions(&mut order, |i| &articles[i], key, reverse);
        self.reorder(&order);
        self.problems.sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// Puts the articles (with what is kept beside them) in `order`, a
    /// permutation of their present positions.
    pub fn reorder(&mut self, order: &[usize]) {
        let mut order = order.to_vec();
        if order.len() != self.articles.len() {
            return;
        }
        // Cycle by cycle, in place: no second copy of the library.
        for start in 0..order.len() {
            let mut at = start;
            while order[at] != start {
                let from = order[at];
                self.articles.swap(at, from);
                self.stamps.swap(at, from);
                if !self.entries.is_empty() {
                    self.entries.swap(at, from);
                }
                order[at] = at;
                at = from;
            }
            order[at] = at;
        }
    }

    /// Keeps the articles (with what is kept beside them) that `keep` marks.
    pub fn retain(&mut self, keep: &[bool]) {
        let kept = |i: &mut usize| {
            *i += 1;
            keep.get(*i - 1).copied().unwrap_or(false)
        };
        let mut i = 0;
        self.articles.retain(|_| kept(&mut i));
        i = 0;
        self.stamps.retain(|_| kept(&mut i));
        i = 0;
        self.entries.retain(|_| kept(&mut i));
    }
}

/// What lists are sorted by, of an article: its record, or a list's row.
pub trait Sortable {
    fn date(&self) -> Option<jiff::Timestamp>;
    fn title(&self) -> &str;
    fn author(&self) -> Option<&str>;
    /// Its folder, and a number equal for articles of the same folder
    /// (telling them apart without comparing the paths).
    fn folder(&self) -> (usize, &Path);
    fn file_name(&self) -> &OsStr;
}

impl Sortable for Article {
    fn date(&self) -> Option<jiff::Timestamp> {
        self.date
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    fn folder(&self) -> (usize, &Path) {
        // Articles of one folder share its `Arc`.
        (std::sync::Arc::as_ptr(&self.dir) as *const u8 as usize, &self.dir)
    }

    fn file_name(&self) -> &OsStr {
        &self.file_name
    }
}

impl<T: Sortable + ?Sized> Sortable for &T {
    fn date(&self) -> Option<jiff::Timestamp> {
        (**self).date()
    }

    fn title(&self) -> &str {
        (**self).title()
    }

    fn author(&self) -> Option<&str> {
        (**self).author()
    }

    fn folder(&self) -> (usize, &Path) {
        (**self).folder()
    }

    fn file_name(&self) -> &OsStr {
        (**self).file_name()
    }
}

/// Sorts `positions` (of the items `item` gives) into the list order, as
/// `compare` does. By title, each title's key is computed once, before
/// the sort, into a list dropped after it; titles whose keys are equal
/// then get the rest of theirs, a run of equals at a time.
pub fn sort_positions<T: Sortable>(
    positions: &mut Vec<usize>,
    item: impl Fn(usize) -> T,
    key: SortOrder,
    reverse: bool,
) {
    // Paths are unique, so the order is total and need not be stable.
    if key.sort_key() != SortOrder::Title {
        positions.sort_unstable_by(|&a, &b| compare(&item(a), &item(b), key, reverse));
        return;
    }
    let mut keyed: Vec<(TitleKey, usize)> = positions.iter().map(|&i| (TitleKey::of(item(i).title()), i)).collect();
    keyed.sort_unstable_by(|(a, _), (b, _)| directed(a.cmp(b), reverse));
    positions.clear();
    for run in keyed.chunk_by(|(a, _), (b, _)| a == b) {
        if let [(_, only)] = run {
            positions.push(*only);
            continue;
        }
        let mut rests: Vec<(Box<[u64]>, usize)> =
            run.iter().map(|&(_, i)| (TitleKey::rest(item(i).title()), i)).collect();
        rests.sort_unstable_by(|(rest_a, a), (rest_b, b)| {
            directed(rest_a.cmp(rest_b), reverse).then_with(|| ties(&item(*a), &item(*b)))
        });
        positions.extend(rests.into_iter().map(|(_, i)| i));
    }
}

/// `old` and `new`, each in the list order, merged into it in one pass.
/// By title, each title's key is computed once, as the merge reaches it.
pub fn merge_positions<T: Sortable>(
    old: Vec<usize>,
    new: Vec<usize>,
    item: impl Fn(usize) -> T,
    key: SortOrder,
) -> Vec<usize> {
    let title_key = |i: usize| (key.sort_key() == SortOrder::Title).then(|| TitleKey::of(item(i).title()));
    let mut merged = Vec::with_capacity(old.len() + new.len());
    let (mut old, mut new) = (old.into_iter(), new.into_iter());
    let (mut a, mut b) = (old.next().map(|i| (i, title_key(i))), new.next().map(|i| (i, title_key(i))));
    loop {
        let take_old = match (&a, &b) {
            (Some((x, x_key)), Some((y, y_key))) => match x_key.cmp(y_key) {
                Ordering::Equal => compare(&item(*x), &item(*y), key, false).is_le(),
                unequal => unequal.is_lt(),
            },
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_old {
            merged.extend(a.map(|(i, _)| i));
            a = old.next().map(|i| (i, title_key(i)));
        } else {
            merged.extend(b.map(|(i, _)| i));
            b = new.next().map(|i| (i, title_key(i)));
        }
    }
    merged
}

/// The list order of two articles.
pub fn compare<T: Sortable + ?Sized>(a: &T, b: &T, key: SortOrder, reverse: bool) -> Ordering {
    let primary = match key.sort_key() {
        // Newest first is the natural direction of a date list (and of
        // the list relevance ranks).
        SortOrder::Date | SortOrder::Relevance => {
            missing_last(&a.date(), &b.date(), |x, y| directed(y.cmp(x), reverse))
        }
        SortOrder::Title => directed(compare_titles(a.title(), b.title()), reverse),
        SortOrder::Author => missing_last(&a.author(), &b.author(), |x, y| directed(caseless(x, y), reverse)),
        SortOrder::Path => directed(path_order(a, b), reverse),
    };
    primary.then_with(|| ties(a, b))
}

fn directed(ordering: Ordering, reverse: bool) -> Ordering {
    if reverse { ordering.reverse() } else { ordering }
}

/// The order of articles equal by the list's key, whatever its direction:
/// by title, told apart by case and accents, then by path.
fn ties<T: Sortable + ?Sized>(a: &T, b: &T) -> Ordering {
    caseless(a.title(), b.title()).then_with(|| a.title().cmp(b.title())).then_with(|| path_order(a, b))
}

fn path_order<T: Sortable + ?Sized>(a: &T, b: &T) -> Ordering {
    let ((a_id, a_dir), (b_id, b_dir)) = (a.folder(), b.folder());
    (if a_id == b_id { Ordering::Equal } else { a_dir.cmp(b_dir) }).then_with(|| a.file_name().cmp(b.file_name()))
}

fn missing_last<T>(a: &Option<T>, b: &Option<T>, present: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => present(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Case-insensitive comparison without allocating: characters are
/// compared by their lower-case forms, looked up only where they differ.
fn caseless(a: &str, b: &str) -> Ordering {
    let mut left = a.chars();
    let mut right = b.chars();
    loop {
        match (left.next(), right.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => match x.to_lowercase().cmp(y.to_lowercase()) {
                Ordering::Equal => continue,
                unequal => return unequal,
            },
            (x, y) => return x.is_some().cmp(&y.is_some()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_order() {
        assert_eq!(caseless("apple", "Banana"), Ordering::Less);
        assert_eq!(caseless("Apple", "apple"), Ordering::Equal);
        assert_eq!(caseless("app", "Apple"), Ordering::Less);
        assert_eq!(caseless("Zoo", "ant"), Ordering::Greater);
        assert_eq!(caseless("俄罗斯", "俄罗斯"), Ordering::Equal);
        assert_eq!(caseless("", ""), Ordering::Equal);
    }
}
