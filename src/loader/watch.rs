//! Live reload: watches the library's folders (the `notify` crate) and
//! turns what changed into loaded articles and removed paths, in batches,
//! so that a burst of thousands of new files never floods the reader.

use super::Loaded;
use super::walk::group_of;
use crate::file::{FileJob, ReaderScratch, load_file};
use crate::model::Format;
use notify::event::{AccessKind, AccessMode};
use notify::{Config, EventKind, EventKindMask, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

/// Changes are gathered until the library is quiet this long…
const QUIET: Duration = Duration::from_millis(120);
/// …or this long after the first, whichever comes first.
const AT_MOST: Duration = Duration::from_millis(600);
/// Files loaded per batch handed on.
const BATCH: usize = 2000;

/// What changed in the library.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files read again (new or changed): articles, and problems.
    pub loaded: Vec<Loaded>,
    /// Paths that are gone or no longer articles: files, or whole folders
    /// (every article under one is gone).
    pub removed: Vec<PathBuf>,
    /// Folders read whole: an article under one that is not in `loaded` is gone.
    pub scanned: Vec<PathBuf>,
}

/// A running watch; dropping it stops it.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// Watches `roots` (as given to the loader, so that paths match the
/// articles'), calling `deliver` from a background thread with each batch.
pub fn watch(roots: &[PathBuf], deliver: impl FnMut(Changes) -> bool + Send + 'static) -> notify::Result<Watch> {
    let (events, received) = channel();
    // Not the opening or reading of files (every body search and `rg`
    // would bring two events per file, overflow the kernel's queue and
    // make every folder be read again): changes, and writes completed.
    let kinds = EventKindMask::CORE | EventKindMask::ACCESS_CLOSE;
    let mut watcher = RecommendedWatcher::new(events, Config::default().with_event_kinds(kinds))?;
    for root in roots {
        let mode = if root.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        watcher.watch(root, mode)?;
    }
    let roots = roots.to_vec();
    thread::spawn(move || gather(&roots, &received, deliver));
    Ok(Watch { _watcher: watcher })
}

/// Gathers events into sets of paths and hands each set on, read.
fn gather(
    roots: &[PathBuf],
    events: &Receiver<notify::Result<notify::Event>>,
    mut deliver: impl FnMut(Changes) -> bool,
) {
    let mut scratch = ReaderScratch::default();
    while let Ok(first) = events.recv() {
        let mut paths = BTreeSet::new();
        note(first, roots, &mut paths);
        let start = Instant::now();
        while start.elapsed() < AT_MOST {
            match events.recv_timeout(QUIET) {
                Ok(event) => note(event, roots, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        for changes in read_changes(roots, paths, &mut scratch) {
            if !deliver(changes) {
                return;
            }
        }
    }
}

/// Adds the paths `event` touches; a lost event (the queue overflowed)
/// means every root must be read again.
fn note(event: notify::Result<notify::Event>, roots: &[PathBuf], paths: &mut BTreeSet<PathBuf>) {
    match event {
        Ok(event) if event.need_rescan() => paths.extend(roots.iter().cloned()),
        Ok(event) if is_read(event.kind) => {}
        Ok(event) => paths.extend(event.paths),
        Err(_) => paths.extend(roots.iter().cloned()),
    }
}

/// Whether `kind` is a file opened or read, not changed (a file written
/// and closed is a change).
fn is_read(kind: EventKind) -> bool {
    matches!(kind, EventKind::Access(access) if access != AccessKind::Close(AccessMode::Write))
}

/// Reads what is now at each path, in batches.
pub fn read_changes(roots: &[PathBuf], paths: BTreeSet<PathBuf>, scratch: &mut ReaderScratch) -> Vec<Changes> {
    let mut batches = vec![Changes::default()];
    let mut files: Vec<(PathBuf, FileJob)> = Vec::new();
    for path in paths {
        let Some(root) = roots.iter().filter(|root| path.starts_with(root)).max_by_key(|root| root.as_os_str().len())
        else {
            continue;
        };
        if hidden_below(root, &path) {
            continue;
        }
        let current = batches.last_mut().expect("never empty");
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                current.scanned.push(path.clone());
                walk_folder(root, &path, &mut files);
            }
            Ok(meta) if meta.is_file() => {
                if let Some(job) = job_for(root, &path) {
                    files.push((path, job));
                }
            }
            // A FIFO, a device, a socket: no article any more (never opened).
            Ok(_) | Err(_) => current.removed.push(path),
        }
    }
    for (count, (path, job)) in files.into_iter().enumerate() {
        if count > 0 && count % BATCH == 0 {
            batches.push(Changes::default());
        }
        let current = batches.last_mut().expect("never empty");
        match Loaded::of(load_file(&job, scratch), None) {
            Some(loaded) => current.loaded.push(loaded),
            None => current.removed.push(path),
        }
    }
    batches
}

/// Whether a name below `root` on the way to `path` is left out
/// (`walk::is_left_out`: hidden, a drafts folder, a section page).
fn hidden_below(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root)
        .map(|rest| {
            let count = rest.components().count();
            rest.components()
                .enumerate()
                .any(|(i, c)| super::walk::is_left_out(c.as_os_str().as_encoded_bytes(), i + 1 < count))
        })
        .unwrap_or(false)
}

/// The loader's job for the file at `path` under `root`, if it is an
/// article file (by its extension, or because it is the root itself).
fn job_for(root: &Path, path: &Path) -> Option<FileJob> {
    let extension = path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
    let format = match extension {
        Some(format) => format,
        None if path == root => Format::Markdown,
        None => return None,
    };
    let parent = path.parent().unwrap_or(Path::new(""));
    Some(FileJob {
        dir: Arc::from(parent),
        file_name: path.file_name()?.into(),
        format,
        group: Arc::from(group_of(root, parent)),
    })
}

/// Every article file under `folder` (a new or moved folder: its files
/// bring no events of their own).
fn walk_folder(root: &Path, folder: &Path, files: &mut Vec<(PathBuf, FileJob)>) {
    let walker = walkdir::WalkDir::new(folder).follow_links(true).into_iter().filter_entry(|entry| {
        entry.depth() == 0
            || !super::walk::is_left_out(entry.file_name().as_encoded_bytes(), entry.file_type().is_dir())
    });
    for entry in walker.flatten() {
        if entry.file_type().is_file()
            && let Some(job) = job_for(root, entry.path())
        {
            files.push((entry.into_path(), job));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_paths_below_the_root_are_ignored() {
        let root = Path::new("/lib/.config/news");
        assert!(!hidden_below(root, Path::new("/lib/.config/news/a.md")));
        assert!(hidden_below(root, Path::new("/lib/.config/news/.git/a.md")));
        assert!(hidden_below(root, Path::new("/lib/.config/news/x/.a.md.swp")));
        assert!(hidden_below(root, Path::new("/lib/.config/news/_drafts/a.md")));
        assert!(hidden_below(root, Path::new("/lib/.config/news/posts/_index.md")));
        assert!(!hidden_below(root, Path::new("/lib/.config/news/posts/_index/a.md")));
        assert!(!hidden_below(root, Path::new("/lib/.config/news/posts/index.md")));
    }

    #[test]
    fn opening_or_reading_a_file_is_no_change() {
        assert!(is_read(EventKind::Access(AccessKind::Open(AccessMode::Read))));
        assert!(is_read(EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_read(EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(!is_read(EventKind::Modify(notify::event::ModifyKind::Any)));
    }

    #[test]
    fn only_article_files_are_read() {
        let root = Path::new("/lib");
        assert!(job_for(root, Path::new("/lib/x/a.md")).is_some_and(|job| &*job.group == "x"));
        assert!(job_for(root, Path::new("/lib/x/a.jpg")).is_none());
        assert!(job_for(Path::new("/lib/one"), Path::new("/lib/one")).is_some());
    }
}
