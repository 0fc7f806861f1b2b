//! The list model's items: an article's metadata (never its body) and the
//! problems met while loading.

use encoding_rs::Encoding;
use jiff::Timestamp;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How an article's body is written, from its file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.md`, `.markdown`: Markdown, or HTML as the archive writes it.
    Markdown,
    /// `.html`, `.htm`.
    Html,
    /// `.txt`: plain text, or HTML as the archive writes it.
    Text,
}

impl Format {
    /// The format of a file with this extension, if folio reads such files.
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }
}

/// One article: what the sidebar, the sorter and `folio list` need. The
/// body stays on disk and is read when the article is opened. Strings that
/// repeat across a library (folders, groups, authors, categories) are
/// shared, so 100,000 articles fit in a few tens of megabytes.
#[derive(Debug, Clone)]
pub struct Article {
    /// The folder holding the file, shared by its neighbours.
    pub dir: Arc<Path>,
    pub file_name: Box<OsStr>,
    /// The folder relative to the library root, `/`-separated
    /// (`新媒体/Aljazeera 半岛网/新闻` in the archive layout); empty at the root.
    pub group: Arc<str>,
    pub title: Box<str>,
    pub author: Option<Arc<str>>,
    pub categories: Box<[Arc<str>]>,
    pub tags: Box<[Arc<str>]>,
    pub date: Option<Timestamp>,
    /// The `date` text when it could not be read as a date.
    pub unreadable_date: Option<Box<str>>,
    /// Front-matter images, deduplicated.
    pub images: Box<[Box<str>]>,
    /// The body shows an image (`<img`, or Markdown's `![`), for `has:image`.
    pub body_images: bool,
    pub link: Option<Box<str>>,
    /// Front-matter keys folio does not use, kept as they were (a list
    /// joined with `, `).
    pub extra: Box<[(Arc<str>, Arc<str>)]>,
    pub warnings: Box<[Box<str>]>,
    pub format: Format,
    /// The legacy encoding the file was decoded from (`None`: UTF-8, or not
    /// yet known because only the front matter was read).
    pub encoding: Option<&'static Encoding>,
    /// The file's size and modification time when it was loaded (with the
    /// index cache), which tell the body index whether it still knows it.
    pub stamp: Option<crate::search::index::Stamp>,
    /// Its searchable text, when the loader made it (on its threads, or from
    /// the index cache); the reader takes it, or folds it itself.
    pub search: Option<Box<crate::search::Entry>>,
}

impl Article {
    /// The article's file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(&*self.file_name)
    }

    /// The problem this article's warnings make (bad YAML, a bad date), if any.
    pub fn warning_problem(&self) -> Option<Problem> {
        (!self.warnings.is_empty()).then(|| Problem {
            path: self.path(),
            kind: ProblemKind::Warning,
            message: self.warnings.join("; "),
        })
    }
}

/// What kind of trouble a file gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A PATH given on the command line does not exist or cannot be read.
    MissingPath,
    /// The file or folder could not be read (permissions, I/O).
    Unreadable,
    /// NUL bytes: not a text file.
    Binary,
    /// Over the size limit; not read.
    TooLarge,
    /// Nothing but whitespace.
    Empty,
    /// A symbolic link that leads back into a folder being walked.
    SymlinkLoop,
    /// The article loaded, with something worth knowing (bad YAML, bad date).
    Warning,
    /// folio itself failed on the file (a bug).
    Internal,
}

/// A file that could not be loaded, or loaded with a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub kind: ProblemKind,
    pub message: String,
}
