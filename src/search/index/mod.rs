//! A persistent full-text index of article bodies, to answer `body:` terms
//! without reading every body: a prefilter that tells, for each article,
//! that it cannot match (`Verdict::No`), that it matches (`Verdict::Yes`,
//! only for Latin words in bodies whose light and full folds agree), or
//! that it must be read to know (`Verdict::Maybe`).
//!
//! What it keeps of each body (`extract`), from the folded visible text
//! `search::body_text` gives: its words (maximal runs of ASCII letters and
//! digits, exact, so a Latin term is looked for as a substring of the
//! vocabulary) and its pairs of consecutive characters of which one is not
//! ASCII (for CJK, kana and accented text). A term's candidates are the
//! intersection, over its pairs and its Latin runs, of the documents
//! holding that pair or a word containing that run. Articles are numbered
//! in the order of the caller's list; each carries the caller's key (the
//! path as bytes) and a `Stamp` (size, modification time): an article not
//! in the index, or whose stamp differs, is always `Maybe`.
//!
//! Stored in one file per library (`file`), read whole when opened; the
//! posting lists are decoded only when a query needs them.

mod build;
mod extract;
mod file;
mod postings;
mod query;
#[cfg(test)]
mod tests;

pub use query::Verdict;

use crate::article::{Article, Format};
use encoding_rs::Encoding;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What tells that a file changed: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Stamp {
    pub size: u64,
    /// Seconds since the Unix epoch (negative before it).
    pub seconds: i64,
    pub nanos: u32,
}

impl Stamp {
    pub fn of(path: &Path) -> io::Result<Stamp> {
        Ok(Stamp::from_metadata(&std::fs::metadata(path)?))
    }

    pub fn from_metadata(metadata: &std::fs::Metadata) -> Stamp {
        let (seconds, nanos) = match metadata.modified() {
            Ok(time) => match time.duration_since(std::time::UNIX_EPOCH) {
                Ok(after) => (i64::try_from(after.as_secs()).unwrap_or(i64::MAX), after.subsec_nanos()),
                Err(before) => {
                    let before = before.duration();
                    let seconds = -i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                    match before.subsec_nanos() {
                        0 => (seconds, 0),
                        nanos => (seconds - 1, 1_000_000_000 - nanos),
                    }
                }
            },
            Err(_) => (0, 0),
        };
        Stamp { size: metadata.len(), seconds, nanos }
    }
}

/// An article as the index sees it: the caller's key for it, its stamp,
/// and how to read its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub key: Box<[u8]>,
    pub stamp: Stamp,
    pub path: PathBuf,
    pub format: Format,
    pub encoding: Option<&'static Encoding>,
}

impl Doc {
    /// `article` keyed by its path, stamped now.
    pub fn of(article: &Article) -> io::Result<Doc> {
        let path = article.path();
        Ok(Doc {
            key: path.as_os_str().as_encoded_bytes().into(),
            stamp: Stamp::of(&path)?,
            path,
            format: article.format,
            encoding: article.encoding,
        })
    }
}

/// The body was read and indexed.
const INDEXED: u8 = 1;
/// Its words are those of the light fold too (see `extract`).
const EXACT: u8 = 2;

/// The index: documents, vocabulary, pairs and their posting lists.
#[derive(Debug, Default)]
pub struct BodyIndex {
    /// The documents' keys, one after another; `key_ends[i]` ends key `i`.
    keys: Vec<u8>,
    key_ends: Vec<u32>,
    stamps: Vec<Stamp>,
    flags: Vec<u8>,
    /// The words, sorted, each followed by `\n`; `word_starts[i]` starts word `i`.
    vocabulary: Vec<u8>,
    word_starts: Vec<u32>,
    /// The pairs (`extract::pair_key`), sorted.
    pairs: Vec<u64>,
    /// Where the posting list of word `i` (then of pair `j`, at
    /// `word_starts.len() + j`) ends in `postings`; each starts where the
    /// one before ends.
    list_ends: Vec<u64>,
    postings: Vec<u8>,
    /// Key → document number, made when first needed.
    by_key: OnceLock<HashMap<Box<[u8]>, u32>>,
}

impl BodyIndex {
    /// The index of `docs`, read on `threads` threads. A body that cannot
    /// be read is kept as not indexed (always `Maybe`).
    pub fn build(docs: &[Doc], threads: usize) -> BodyIndex {
        build::build(docs, threads)
    }

    /// The index of `docs`, reading only those that are new or whose stamp
    /// changed; what is kept of the others is taken from `self`.
    pub fn update(self, docs: &[Doc], threads: usize) -> BodyIndex {
        build::update(self, docs, threads)
    }

    /// How many of `docs` `update` would read again.
    pub fn stale(&self, docs: &[Doc]) -> usize {
        docs.iter().filter(|doc| self.current(doc).is_none()).count()
    }

    /// The index saved for `library_id` in `folder`; `None` when there is
    /// none, or it is truncated, corrupt or of another version.
    pub fn open(folder: &Path, library_id: &str) -> Option<BodyIndex> {
        file::open(folder, library_id)
    }

    /// Saves the index for `library_id` in `folder` (created if missing),
    /// replacing the file at once (a temporary file, then a rename).
    pub fn save(&self, folder: &Path, library_id: &str) -> io::Result<()> {
        file::save(self, folder, library_id)
    }

    /// The file `save` writes for `library_id` in `folder`.
    pub fn file_path(folder: &Path, library_id: &str) -> PathBuf {
        file::path(folder, library_id)
    }

    /// How many documents are in the index.
    pub fn len(&self) -> usize {
        self.stamps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stamps.is_empty()
    }

    fn key(&self, doc: usize) -> &[u8] {
        let start = if doc == 0 { 0 } else { self.key_ends[doc - 1] as usize };
        &self.keys[start..self.key_ends[doc] as usize]
    }

    /// The number of `doc` in the index, when it is there, indexed, and
    /// its stamp is the same.
    fn current(&self, doc: &Doc) -> Option<u32> {
        self.number(&doc.key)
            .filter(|&n| self.stamps[n as usize] == doc.stamp && self.flags[n as usize] & INDEXED != 0)
    }

    fn number(&self, key: &[u8]) -> Option<u32> {
        let map = self.by_key.get_or_init(|| {
            (0..self.len()).map(|doc| (Box::<[u8]>::from(self.key(doc)), doc as u32)).collect()
        });
        map.get(key).copied()
    }

    /// The number of `docs[position]` in the index, trying its position first.
    fn current_at(&self, position: usize, doc: &Doc) -> Option<u32> {
        if position < self.len() && self.key(position) == &*doc.key {
            let n = position as u32;
            let fresh = self.stamps[position] == doc.stamp && self.flags[position] & INDEXED != 0;
            return fresh.then_some(n);
        }
        self.current(doc)
    }

    /// The bytes of posting list `list`.
    fn list(&self, list: usize) -> Option<&[u8]> {
        let start = if list == 0 { 0 } else { *self.list_ends.get(list - 1)? };
        let end = *self.list_ends.get(list)?;
        self.postings.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = self.word_starts[i] as usize;
        let end = self.word_starts.get(i + 1).map_or(self.vocabulary.len(), |&s| s as usize);
        &self.vocabulary[start..end - 1]
    }
}
