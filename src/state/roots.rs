//! Where an article's state is kept: each library root as given (article
//! paths start with it) and as stored (absolute), an article's key, and
//! what the list shows of its kept state.

use super::{ArticleState, Store, relative_key};
use crate::model::Article;
use std::path::{Path, PathBuf};

/// Progress at or past this is "read to the end".
pub const FINISHED: f64 = 0.995;

/// What a list shows of an article's kept state.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReadState {
    pub read: bool,
    pub starred: bool,
    /// How far it was read, when read part-way.
    pub progress: Option<f64>,
}

impl ReadState {
    /// The state of an article kept as `state` (none kept: unread).
    pub fn of(state: Option<&ArticleState>) -> ReadState {
        state.map_or_else(ReadState::default, |state| ReadState {
            read: state.read,
            starred: state.starred,
            progress: state.position.and_then(|p| part_way(p.progress)),
        })
    }
}

/// `progress` when the article was read part-way, not at all or to the end.
pub fn part_way(progress: f64) -> Option<f64> {
    (progress > 0.0 && progress < FINISHED).then_some(progress)
}

/// `progress` (0.0–1.0) as the whole percent shown, the same in the list
/// and in the status bar: rounded as it is stored, then cut (so 99.99%
/// is 99%, and a float just under a whole number is not one less).
pub fn percent(progress: f64) -> u32 {
    let stored = (progress.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0;
    (stored * 100.0 + 1e-6).floor() as u32
}

/// An article's place in the store: its root's number and its key.
pub type StateKey = (usize, String);

/// The roots of a library, as given and as stored.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    roots: Vec<(PathBuf, PathBuf)>,
}

impl Roots {
    /// The roots of a library opened with `paths` (a file's root is its
    /// folder), each also as an absolute path (which reads the disk).
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

    /// The stored root and the relative key of the article at `path`.
    pub fn key(&self, path: &Path) -> Option<StateKey> {
        let (index, (given, _)) = self
            .roots
            .iter()
            .enumerate()
            .filter(|(_, (given, _))| path.starts_with(given))
            .max_by_key(|(_, (given, _))| given.as_os_str().len())?;
        Some((index, relative_key(given, path)?))
    }

    /// The path of the article keyed `(root, rel)`, as the library's paths
    /// are written (the inverse of `key`).
    pub fn path_of(&self, (root, rel): (usize, &str)) -> Option<PathBuf> {
        let (given, _) = self.roots.get(root)?;
        Some(rel.split('/').fold(given.clone(), |path, part| path.join(part)))
    }

    /// How many roots there are.
    pub fn count(&self) -> usize {
        self.roots.len()
    }

    /// Root `index` as stored.
    pub fn stored(&self, index: usize) -> Option<&Path> {
        self.roots.get(index).map(|(_, stored)| stored.as_path())
    }

    /// Every root as stored, in order.
    pub fn all_stored(&self) -> impl Iterator<Item = &Path> {
        self.roots.iter().map(|(_, stored)| stored.as_path())
    }

    /// What `store` keeps of the article keyed `(root, rel)`.
    pub fn state<'s>(&self, store: &'s Store, (root, rel): (usize, &str)) -> Option<&'s ArticleState> {
        store.library(self.stored(root)?)?.get(rel)
    }

    /// The read state of each of `articles` in `store` (for `folio list
    /// --query is:unread`).
    pub fn read_states(&self, store: &Store, articles: &[Article]) -> Vec<ReadState> {
        articles
            .iter()
            .map(|article| {
                let key = self.key(&article.path());
                ReadState::of(key.and_then(|(root, rel)| self.state(store, (root, &rel))))
            })
            .collect()
    }
}

#[cfg(test)]
mod percent_tests {
    #[test]
    fn percents_are_whole_and_never_a_float_short() {
        assert_eq!(super::percent(0.29), 29, "0.29 × 100 is 28.999… in floats");
        assert_eq!(super::percent(0.57), 57);
        assert_eq!(super::percent(0.99999), 100, "as stored: four decimals");
        assert_eq!(super::percent(0.9949), 99);
        assert_eq!(super::percent(1.5), 100);
        assert_eq!(super::percent(f64::NAN), 0);
    }
}
