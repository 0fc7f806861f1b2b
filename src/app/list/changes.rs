//! Live reload in the list: files read again replace their article or
//! join the list, files and folders gone take their articles out (their
//! rows stay, marked gone), and the rest of the app learns what happened.

use super::List;
use crate::loader::{Changes, Loaded, LoadedArticle};
use crate::model::Problem;
use jiff::Timestamp;
use std::collections::HashSet;
use std::path::PathBuf;

/// What a batch of changes did, for the parts of the app beside the list.
#[derive(Debug, Default)]
pub struct Applied {
    /// Articles read again in place (same number).
    pub replaced: Vec<usize>,
    /// Articles new to the list.
    pub added: Vec<usize>,
    /// Articles whose files are gone.
    pub deleted: Vec<usize>,
    /// Files read again: their old problems are over.
    pub reread: Vec<PathBuf>,
    /// Paths gone from disk: no problem under them stands any more.
    pub gone: Vec<PathBuf>,
    /// New problems: files that now fail to load, articles' warnings.
    pub problems: Vec<Problem>,
}

impl List {
    /// Applies files changed on disk; the selection stays on its article.
    pub fn apply(&mut self, changes: Changes, now: Timestamp) -> Applied {
        self.merge_waiting();
        let mut applied = Applied::default();
        let mut seen: HashSet<usize> = HashSet::new();
        let mut removed = changes.removed;
        for loaded in changes.loaded {
            match loaded {
                Loaded::Article(LoadedArticle { article, stamp, entry }) => {
                    let path = article.path();
                    applied.problems.extend(article.warning_problem());
                    applied.reread.push(path.clone());
                    let number = match self.store.find(&path) {
                        Some(number) => {
                            self.store.replace(number, article, stamp);
                            applied.replaced.push(number);
                            number
                        }
                        None => {
                            let number = self.store.push(LoadedArticle { article, stamp, entry });
                            applied.added.push(number);
                            number
                        }
                    };
                    seen.insert(number);
                }
                // A file that now fails to load leaves the list, and says why.
                Loaded::Problem(problem) => {
                    applied.reread.push(problem.path.clone());
                    removed.push(problem.path.clone());
                    applied.problems.push(problem);
                }
            }
        }
        // Files by their path; anything else may be a folder that went.
        let mut folders: Vec<&PathBuf> = Vec::new();
        for path in &removed {
            match self.store.find(path) {
                Some(number) => applied.deleted.push(number),
                None => folders.push(path),
            }
        }
        let scanned = &changes.scanned;
        if !folders.is_empty() || !scanned.is_empty() {
            for (number, row) in self.store.rows().enumerate() {
                let dir = row.dir();
                if folders.iter().any(|folder| dir.starts_with(folder))
                    || (!seen.contains(&number) && scanned.iter().any(|folder| dir.starts_with(folder)))
                {
                    applied.deleted.push(number);
                }
            }
        }
        applied.deleted.retain(|number| !self.store.is_gone(*number));
        for &number in &applied.deleted {
            self.store.set_gone(number);
        }
        let failed: HashSet<&PathBuf> = applied.problems.iter().map(|p| &p.path).collect();
        applied.gone = removed.iter().filter(|path| !failed.contains(path)).cloned().collect();
        let moved: Vec<usize> =
            applied.replaced.iter().chain(&applied.added).chain(&applied.deleted).copied().collect();
        self.reorder(&moved);
        self.merged = self.store.len();
        self.refresh(now);
        applied
    }
}
