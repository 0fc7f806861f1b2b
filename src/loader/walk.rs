//! Walking the PATHs given: files and folders, recursively, following
//! symlinks but never into a loop, skipping hidden files and folders.

use crate::file::FileJob;
use crate::model::{Format, Problem, ProblemKind};
use crate::persist::describe_kind;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::SyncSender;
use walkdir::WalkDir;

/// Jobs are handed out in batches of this many.
const JOB_BATCH: usize = 64;

/// Walks every root, sending article files to `jobs` and problems to
/// `report`.
pub fn walk_roots(roots: &[PathBuf], jobs: &SyncSender<Vec<FileJob>>, report: &mut dyn FnMut(Problem)) {
    let mut batch = Vec::with_capacity(JOB_BATCH);
    let mut found: Vec<(&PathBuf, PathBuf)> = Vec::new();
    for root in roots {
        match std::fs::canonicalize(root).and_then(|canonical| readable(&canonical).map(|()| canonical)) {
            Ok(canonical) => found.push((root, canonical)),
            Err(error) => report(missing_path(root, &error)),
        }
    }
    let canonical_roots: Vec<&Path> = found.iter().map(|(_, canonical)| canonical.as_path()).collect();
    for (index, (root, canonical)) in found.iter().enumerate() {
        // A root given twice, or inside another folder given, is walked once.
        let covered = found.iter().enumerate().any(|(other, (_, outer))| {
            if canonical == outer { other < index } else { outer.is_dir() && canonical.starts_with(outer) }
        });
        if !covered {
            walk_root(root, &canonical_roots, &mut batch, jobs, report);
        }
    }
    if !batch.is_empty() {
        let _ = jobs.send(batch);
    }
}

/// A PATH given that exists but cannot be read counts as missing.
fn readable(path: &Path) -> std::io::Result<()> {
    let kind = std::fs::metadata(path)?.file_type();
    if kind.is_dir() {
        std::fs::read_dir(path).map(drop)
    } else if kind.is_file() {
        std::fs::File::open(path).map(drop)
    } else {
        // Opening a FIFO would wait for a writer.
        Err(std::io::Error::other("not a file or folder (a pipe or device)"))
    }
}

/// A symbolic link to something inside a root (and not to a folder it is
/// in, which is a loop for the walker to report): the target is read under
/// its own name, so the link would only list it twice.
fn leads_inside(link: &Path, roots: &[&Path]) -> bool {
    let Ok(target) = std::fs::canonicalize(link) else { return false };
    let parent = link.parent().and_then(|p| std::fs::canonicalize(p).ok());
    let is_loop = parent.is_some_and(|parent| parent.starts_with(&target));
    !is_loop && roots.iter().any(|root| target.starts_with(root))
}

/// A name below a root that is no article, nor holds any: hidden files
/// and folders (`.git`), drafts folders (Jekyll's and Hexo's `_drafts`),
/// and Hugo's section pages (`_index.md`). Named as a root, each is read.
pub(super) fn is_left_out(name: &[u8], is_dir: bool) -> bool {
    let section_page = name
        .strip_prefix(b"_index.")
        .is_some_and(|extension| std::str::from_utf8(extension).ok().and_then(Format::from_extension).is_some());
    name.starts_with(b".") || (is_dir && name == b"_drafts") || (!is_dir && section_page)
}

fn missing_path(root: &Path, error: &std::io::Error) -> Problem {
    let message = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        _ => format!("cannot be read: {error}"),
    };
    Problem { path: root.to_owned(), kind: ProblemKind::MissingPath, message }
}

fn walk_root(
    root: &Path,
    roots: &[&Path],
    batch: &mut Vec<FileJob>,
    jobs: &SyncSender<Vec<FileJob>>,
    report: &mut dyn FnMut(Problem),
) {
    let walker = WalkDir::new(root).follow_links(true).into_iter().filter_entry(|entry| {
        let left_out = is_left_out(entry.file_name().as_encoded_bytes(), entry.file_type().is_dir());
        let duplicate = entry.path_is_symlink() && leads_inside(entry.path(), roots);
        entry.depth() == 0 || !(left_out || duplicate)
    });
    // Files of one folder come together: share the folder and group.
    let mut current: Option<(Arc<Path>, Arc<str>)> = None;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                report(walk_problem(root, &error));
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let extension = entry.path().extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
        let format = match (extension, entry.depth()) {
            (Some(format), _) => format,
            // A file named on the command line is read whatever its name.
            (None, 0) => Format::Markdown,
            (None, _) => continue,
        };
        // A FIFO, socket or device named like an article: never opened
        // (a FIFO would wait for a writer), and said.
        if !kind.is_file() {
            let message = format!("not a file: it is {}; not read", describe_kind(kind));
            report(Problem { path: entry.path().to_owned(), kind: ProblemKind::Unreadable, message });
            continue;
        }
        let path = entry.path();
        let parent = path.parent().unwrap_or(Path::new(""));
        let (dir, group) = match &current {
            Some((dir, group)) if dir.as_os_str() == parent.as_os_str() => (Arc::clone(dir), Arc::clone(group)),
            _ => {
                let dir: Arc<Path> = Arc::from(parent);
                let group: Arc<str> = Arc::from(group_of(root, parent));
                current = Some((Arc::clone(&dir), Arc::clone(&group)));
                (dir, group)
            }
        };
        let file_name = path.file_name().unwrap_or_default().into();
        batch.push(FileJob { dir, file_name, format, group });
        if batch.len() >= JOB_BATCH && jobs.send(std::mem::replace(batch, Vec::with_capacity(JOB_BATCH))).is_err() {
            return;
        }
    }
}

fn walk_problem(root: &Path, error: &walkdir::Error) -> Problem {
    let path = error.path().unwrap_or(root).to_owned();
    match error.loop_ancestor() {
        Some(ancestor) => Problem {
            path,
            kind: ProblemKind::SymlinkLoop,
            message: format!("symbolic link loops back to {}; not followed", ancestor.display()),
        },
        None => {
            let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            let (kind, message) = match error.io_error() {
                Some(io) if is_link && io.kind() == std::io::ErrorKind::NotFound => {
                    (ProblemKind::Unreadable, "broken symbolic link".to_owned())
                }
                // A link to itself, or a chain too long to follow.
                Some(io) if is_link => (ProblemKind::SymlinkLoop, format!("symbolic link cannot be followed: {io}")),
                Some(io) => (ProblemKind::Unreadable, format!("cannot be read: {io}")),
                None => (ProblemKind::Unreadable, error.to_string()),
            };
            Problem { path, kind, message }
        }
    }
}

/// A folder's group: its path below the root, `/`-separated, without the
/// `source/_posts` of a Hexo site.
pub fn group_of(root: &Path, folder: &Path) -> String {
    let Ok(relative) = folder.strip_prefix(root) else {
        return String::new();
    };
    let parts: Vec<String> = relative
        .components()
        .map(|c| crate::text::strip_controls(&c.as_os_str().to_string_lossy()).into_owned())
        .collect();
    let skip = match parts.as_slice() {
        [source, posts, ..] if source == "source" && posts == "_posts" => 2,
        [posts, ..] if posts == "_posts" => 1,
        _ => 0,
    };
    parts[skip..].join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_drop_the_hexo_prefix() {
        let root = Path::new("/lib");
        assert_eq!(group_of(root, Path::new("/lib/source/_posts/新媒体/36kr/资讯")), "新媒体/36kr/资讯");
        assert_eq!(group_of(root, Path::new("/lib/_posts/博客")), "博客");
        assert_eq!(group_of(root, Path::new("/lib/notes/2021")), "notes/2021");
        assert_eq!(group_of(root, Path::new("/lib")), "");
        assert_eq!(group_of(Path::new("/lib/a.md"), Path::new("/lib")), "");
    }
}
