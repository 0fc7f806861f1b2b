//! The library: every article and problem of a load, and the list orders.

use crate::article::{Article, Problem, ProblemKind};
use crate::loader::Loaded;
use std::cmp::Ordering;
use std::path::PathBuf;

/// What the list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Newest first; undated articles last.
    #[default]
    Date,
    Title,
    Author,
    Path,
}

/// All articles of the PATHs given, and what went wrong loading them.
#[derive(Debug, Default)]
pub struct Library {
    pub roots: Vec<PathBuf>,
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

impl Library {
    pub fn new(roots: Vec<PathBuf>) -> Library {
        Library { roots, ..Library::default() }
    }

    /// Adds a batch from the loader; articles with warnings are also
    /// recorded as problems.
    pub fn extend(&mut self, batch: Vec<Loaded>) {
        for loaded in batch {
            match loaded {
                Loaded::Article(article) => {
                    self.problems.extend(article.warning_problem());
                    self.articles.push(article);
                }
                Loaded::Problem(problem) => self.problems.push(problem),
                Loaded::Skipped => {}
            }
        }
    }

    /// Whether some PATH given could not be found or read.
    pub fn has_missing_path(&self) -> bool {
        self.problems.iter().any(|p| p.kind == ProblemKind::MissingPath)
    }

    /// Orders the list by `key`; `reverse` flips the key's direction, while
    /// articles without the key (undated, no author) stay last and ties
    /// are broken by title, then path.
    pub fn sort(&mut self, key: SortKey, reverse: bool) {
        // Paths are unique, so the order is total and need not be stable.
        self.articles.sort_unstable_by(|a, b| compare(a, b, key, reverse));
        self.problems.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// The list order of two articles.
pub fn compare(a: &Article, b: &Article, key: SortKey, reverse: bool) -> Ordering {
    let directed = |ordering: Ordering| {
        if reverse { ordering.reverse() } else { ordering }
    };
    let primary = match key {
        // Newest first is the natural direction of a date list.
        SortKey::Date => missing_last(&a.date, &b.date, |x, y| directed(y.cmp(x))),
        SortKey::Title => directed(caseless(&a.title, &b.title)),
        SortKey::Author => missing_last(&a.author, &b.author, |x, y| directed(caseless(x, y))),
        SortKey::Path => directed(path_order(a, b)),
    };
    primary
        .then_with(|| caseless(&a.title, &b.title))
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| path_order(a, b))
}

fn path_order(a: &Article, b: &Article) -> Ordering {
    let same_dir = std::sync::Arc::ptr_eq(&a.dir, &b.dir);
    (if same_dir { Ordering::Equal } else { a.dir.cmp(&b.dir) }).then_with(|| a.file_name.cmp(&b.file_name))
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
