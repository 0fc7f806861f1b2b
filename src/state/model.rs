//! The stored state: per library root, a map from article key to its read,
//! starred and position fields, plus the last article and filter. Fields
//! at their default value are left out of the file to keep it small.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The format version this folio reads and writes.
pub(crate) const VERSION: u32 = 1;

/// Where the reader was in an article: an offset into the article's laid-out
/// text (in the caller's unit, so it survives a different terminal width)
/// and how far through the article that is, 0.0 to 1.0, for the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Position {
    pub offset: usize,
    #[serde(default)]
    pub progress: f64,
}

impl Position {
    /// `progress` kept within 0.0–1.0 (NaN becomes 0.0) and rounded to four
    /// decimals, so it prints short and reads back the same.
    pub fn new(offset: usize, progress: f64) -> Position {
        let progress = if progress.is_nan() { 0.0 } else { progress.clamp(0.0, 1.0) };
        Position { offset, progress: (progress * 10_000.0).round() / 10_000.0 }
    }
}

/// One article's state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ArticleState {
    #[serde(default, skip_serializing_if = "is_false")]
    pub read: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub starred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// When a field last changed, Unix milliseconds (merging keeps the newer).
    #[serde(default)]
    pub changed: i64,
}

impl ArticleState {
    /// Nothing worth storing: unread, not starred, no position.
    pub fn is_blank(&self) -> bool {
        !self.read && !self.starred && self.position.is_none()
    }
}

/// The last article open in a library and the filter then in force.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Last {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub filter: String,
    #[serde(default)]
    pub changed: i64,
}

/// The state of one library. Lookups are a hash of the relative key, so
/// asking for each of 100,000 sidebar rows is cheap.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LibraryState {
    #[serde(default)]
    pub(crate) articles: HashMap<String, ArticleState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) last: Option<Last>,
}

impl LibraryState {
    /// The state stored for `rel` (`None`: unread, unstarred, no position).
    pub fn get(&self, rel: &str) -> Option<&ArticleState> {
        self.articles.get(rel)
    }

    pub fn is_read(&self, rel: &str) -> bool {
        self.get(rel).is_some_and(|a| a.read)
    }

    pub fn is_starred(&self, rel: &str) -> bool {
        self.get(rel).is_some_and(|a| a.starred)
    }

    pub fn position(&self, rel: &str) -> Option<Position> {
        self.get(rel).and_then(|a| a.position)
    }

    pub fn last(&self) -> Option<&Last> {
        self.last.as_ref()
    }

    /// Every article with stored state, in no particular order.
    pub fn articles(&self) -> impl Iterator<Item = (&str, &ArticleState)> {
        self.articles.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many articles have stored state.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.last.is_none()
    }
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct StateFile {
    pub(crate) version: u32,
    #[serde(default)]
    pub(crate) libraries: HashMap<String, LibraryState>,
    /// Earlier filters and finds, oldest first (for ↑ in their lines; an
    /// older folio passes over them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) filters: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) finds: Vec<String>,
}

/// How many earlier filters (and finds) the file keeps.
pub(crate) const QUERIES_KEPT: usize = 100;

/// `query` added to `queries` as the newest, an earlier copy dropped, the
/// oldest beyond [`QUERIES_KEPT`] dropped.
pub(crate) fn add_query(queries: &mut Vec<String>, query: &str) {
    queries.retain(|q| q != query);
    queries.push(query.to_owned());
    let over = queries.len().saturating_sub(QUERIES_KEPT);
    queries.drain(..over);
}

impl StateFile {
    pub(crate) fn new() -> StateFile {
        StateFile { version: VERSION, libraries: HashMap::new(), filters: Vec::new(), finds: Vec::new() }
    }

    /// Brings values read from disk within bounds and drops blank entries.
    pub(crate) fn tidy(&mut self) {
        for library in self.libraries.values_mut() {
            library.articles.retain(|_, article| !article.is_blank());
            for article in library.articles.values_mut() {
                if let Some(p) = article.position {
                    article.position = Some(Position::new(p.offset, p.progress));
                }
            }
        }
        self.libraries.retain(|_, library| !library.is_empty());
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}
