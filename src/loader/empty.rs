//! Why a PATH given holds no article: said on stderr instead of an empty
//! list or reader.

use super::walk::is_left_out;
use crate::file::{MAX_FILE_SIZE, Outcome, article_from_bytes, folder_document_name};
use crate::model::{Article, Format};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a PATH that gave no article holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoArticle {
    /// A folder with no file in it yet (live reload may bring some).
    EmptyFolder,
    /// A file that is no article, or a folder of files none of which is
    /// one: why, in a few words.
    Reason(String),
}

impl NoArticle {
    /// The reason, as said after the PATH on stderr.
    pub fn message(&self) -> String {
        match self {
            NoArticle::EmptyFolder => "no articles in this folder (it is empty)".to_owned(),
            NoArticle::Reason(reason) => reason.clone(),
        }
    }
}

/// Why `path` (a PATH given, that exists) holds no article; `None` when
/// it holds one. A folder is read until its first article.
pub fn why_no_article(path: &Path) -> Option<NoArticle> {
    if path.is_dir() { folder_reason(path) } else { file_reason(path).map(NoArticle::Reason) }
}

/// The PATHs among `roots` that no article of `articles` came from.
pub fn roots_without_articles<'a>(roots: &'a [PathBuf], articles: &[Article]) -> Vec<&'a PathBuf> {
    let mut holds = vec![false; roots.len()];
    for article in articles {
        for (root, holds) in roots.iter().zip(holds.iter_mut()) {
            *holds = *holds || article.dir.starts_with(root) || article.path() == *root;
        }
        if holds.iter().all(|&h| h) {
            break;
        }
    }
    roots.iter().zip(holds).filter(|(_, holds)| !holds).map(|(root, _)| root).collect()
}

/// Why the file at `path` is no article, if it is none.
fn file_reason(path: &Path) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > MAX_FILE_SIZE {
        // The loader says why (too large): nothing to add.
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    match article_from_bytes(path, &bytes) {
        Outcome::Article(_) => None,
        Outcome::Problem(problem) => Some(problem.message),
        Outcome::Skipped => Some(match folder_document_name(path) {
            Some(name) => format!("skipped as a {name}, not an article (front matter would make it one)"),
            None => "a text file without front matter, not an article".to_owned(),
        }),
    }
}

/// Why the folder at `path` holds no article, if it holds none.
fn folder_reason(path: &Path) -> Option<NoArticle> {
    let walker = WalkDir::new(path).follow_links(true).into_iter().filter_entry(|entry| {
        entry.depth() == 0 || !is_left_out(entry.file_name().as_encoded_bytes(), entry.file_type().is_dir())
    });
    let mut files = 0;
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        files += 1;
        let extension = entry.path().extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
        if extension.is_some() && file_reason(entry.path()).is_none() {
            return None;
        }
    }
    Some(match files {
        0 => NoArticle::EmptyFolder,
        1 => {
            NoArticle::Reason(format!("no articles in this folder (1 file, not an article; folio reads {EXTENSIONS})"))
        }
        n => NoArticle::Reason(format!(
            "no articles in this folder ({n} files, none an article; folio reads {EXTENSIONS})"
        )),
    })
}

/// The files folio reads in a folder, as said to the user.
const EXTENSIONS: &str = ".md, .markdown, .html, .htm and .txt with front matter";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_path_says_why() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            path
        };
        let readme = write("README.md", "# About this folder\n");
        let reason = |path: &Path| why_no_article(path).map(|why| why.message());
        assert_eq!(
            reason(&readme).as_deref(),
            Some("skipped as a README, not an article (front matter would make it one)")
        );
        let notes = write("notes.txt", "just notes\n");
        assert_eq!(reason(&notes).as_deref(), Some("a text file without front matter, not an article"));
        let empty = write("empty.md", "");
        assert_eq!(reason(&empty).as_deref(), Some("empty file"));
        let article = write("a.md", "---\ntitle: A\n---\nbody\n");
        assert_eq!(reason(&article), None);
        // A README with front matter is an article.
        let with_front_matter = write("LICENSE.md", "---\ntitle: The licence\n---\nMIT\n");
        assert_eq!(reason(&with_front_matter), None);
        assert_eq!(reason(dir.path()), None, "the folder holds articles");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        assert_eq!(why_no_article(&sub), Some(NoArticle::EmptyFolder));
        std::fs::write(sub.join("README.md"), "# x\n").expect("write");
        std::fs::write(sub.join("data.json"), "{}").expect("write");
        std::fs::write(sub.join(".hidden.md"), "---\ntitle: H\n---\n").expect("write");
        let folder = reason(&sub).unwrap_or_default();
        assert!(folder.starts_with("no articles in this folder (2 files, none an article;"), "{folder}");
    }
}
