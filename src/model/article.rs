//! The article record: an article's metadata (never its body), what every
//! list shows, sorts and filters by.

use super::problem::{Problem, ProblemKind};
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
    /// Front-matter images, deduplicated (shared: the archives' `thumbnail`
    /// is usually the `headimg` again).
    pub images: Box<[Arc<str>]>,
    /// The body shows an image (`<img`, or Markdown's `![`), for `has:image`.
    pub body_images: bool,
    pub link: Option<Box<str>>,
    /// `description`, `summary` or `excerpt`: what the article is about,
    /// in a line (for the list's preview).
    pub summary: Option<Box<str>>,
    /// `draft: true` (or Jekyll's `published: false`).
    pub draft: bool,
    /// Front-matter keys folio does not use, kept as they were.
    pub extra: Box<[(Arc<str>, ExtraValue)]>,
    pub warnings: Box<[Box<str>]>,
    pub format: Format,
    /// The legacy encoding the file was decoded from (`None`: UTF-8, or not
    /// yet known because only the front matter was read).
    pub encoding: Option<&'static Encoding>,
}

/// The value of a front-matter key folio does not use: text, or the JSON
/// of anything else (a boolean, number, list, map or nothing), so that
/// `folio list --json` gives it with its type. One shared string either
/// way (values repeat across a library), JSON marked by a first character
/// no text keeps (control characters are taken out of front matter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraValue(Arc<str>);

/// Starts the stored form of a JSON value.
const JSON_MARK: char = '\u{1}';

impl ExtraValue {
    /// A text value.
    pub fn text(text: Arc<str>) -> ExtraValue {
        ExtraValue(text)
    }

    /// The stored form of `json`, to be shared and made an `ExtraValue`
    /// with `from_stored`.
    pub fn stored_json(json: &str) -> String {
        format!("{JSON_MARK}{json}")
    }

    /// A value from its stored form (`stored`, `stored_json`).
    pub fn from_stored(stored: Arc<str>) -> ExtraValue {
        ExtraValue(stored)
    }

    /// The stored form: the text, or the marked JSON.
    pub fn stored(&self) -> &str {
        &self.0
    }

    /// The JSON, unless the value is text.
    pub fn json(&self) -> Option<&str> {
        ExtraValue::json_in(&self.0)
    }

    /// The JSON of a stored form, unless it is text.
    pub fn json_in(stored: &str) -> Option<&str> {
        stored.strip_prefix(JSON_MARK)
    }
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
