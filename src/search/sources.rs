//! The bodies a search reads: where each is, given one at a time on
//! demand, so that a search of a million articles never holds a million
//! paths at once.

use crate::model::{Article, Format};
use crate::persist::Stamp;
use encoding_rs::Encoding;
use std::path::PathBuf;

/// Where an article's body is, for a search that runs apart from the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySource {
    /// The article's index in its list.
    pub index: usize,
    pub path: PathBuf,
    pub format: Format,
    pub encoding: Option<&'static Encoding>,
    /// Size and time when loaded, for the body index.
    pub stamp: Option<Stamp>,
}

impl BodySource {
    /// Article `index` of a list, with its file's `stamp` if known.
    pub fn of(index: usize, article: &Article, stamp: Option<Stamp>) -> BodySource {
        BodySource { index, path: article.path(), format: article.format, encoding: article.encoding, stamp }
    }
}

/// Bodies to search, by position (`0..count()`).
pub trait BodySources: Sync {
    fn count(&self) -> usize;
    /// The body at `position`, if there is one.
    fn source(&self, position: usize) -> Option<BodySource>;
    /// Its stamp alone (no path built), if it has one.
    fn stamp(&self, position: usize) -> Option<Stamp> {
        self.source(position)?.stamp
    }
}

impl BodySources for [BodySource] {
    fn count(&self) -> usize {
        self.len()
    }

    fn source(&self, position: usize) -> Option<BodySource> {
        self.get(position).cloned()
    }

    fn stamp(&self, position: usize) -> Option<Stamp> {
        self.get(position)?.stamp
    }
}

/// Some of the bodies of `all`, by their positions there.
pub struct Subset<'a, S: ?Sized> {
    pub all: &'a S,
    pub positions: Vec<u32>,
}

impl<S: BodySources + ?Sized> BodySources for Subset<'_, S> {
    fn count(&self) -> usize {
        self.positions.len()
    }

    fn source(&self, position: usize) -> Option<BodySource> {
        self.all.source(*self.positions.get(position)? as usize)
    }

    fn stamp(&self, position: usize) -> Option<Stamp> {
        self.all.stamp(*self.positions.get(position)? as usize)
    }
}
