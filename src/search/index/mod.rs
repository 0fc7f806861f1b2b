//! A persistent full-text index of article bodies, so that `body:` terms
//! need not read every body: a prefilter that tells, for each article,
//! that it cannot match (`Verdict::No`), that it must be read to know
//! (`Verdict::Maybe`: the caller verifies with `search::body_passes` on the
//! real body, as `search_bodies` does), or, for Latin words only, that it
//! matches (`Verdict::Yes`).
//!
//! What is kept of each body (`extract`), from the folded visible text
//! `search::body_text` gives: its words (maximal runs of ASCII letters and
//! digits: a Latin term is looked for as a substring of the vocabulary,
//! which is exact) and its pairs of consecutive characters of which one is
//! not ASCII (CJK, kana, accented text). A term's candidates are the
//! documents holding all its pairs and, for each run of two or more Latin
//! letters in it, a word containing that run; one-character terms and
//! negated terms prune nothing. `body_passes` looks for an all-Latin
//! query in a lighter fold; where that fold's words could differ from the
//! full fold's (a letter and a combining mark, `㎏`), the index keeps both
//! and says `Maybe` rather than `Yes`.
//!
//! Articles carry the caller's key (the path as bytes; the index keeps a
//! 64-bit hash of it) and a `Stamp` (size, modification time); one not in
//! the index, changed since, unreadable when indexed, or changed in the two
//! seconds before it was indexed is always `Maybe`. `update` reads only new
//! and changed articles and renumbers the lists it keeps (decoding and
//! encoding them all: about a second for 100,000 articles, against many
//! for a build); with nothing changed it returns the index as it is.
//!
//! One file per library in the cache folder (`file`): opening reads the
//! tables only; a posting list is read, checked and decoded when a query
//! needs it.
//!
//! ```text
//! let index = BodyIndex::open(cache, id).map_or_else(|| BodyIndex::build(&docs, threads), |i| i.update(&docs, threads));
//! index.save(cache, id)?;               // when `stale` was not 0
//! for (doc, verdict) in docs.iter().zip(index.verdicts(&query, &docs)) { /* Yes: a hit; Maybe: body_passes */ }
//! ```

mod build;
mod extract;
mod file;
mod ids;
mod postings;
mod query;
#[cfg(test)]
mod tests;

pub use query::Verdict;

use crate::model::{Article, Format};
pub use crate::persist::Stamp;
use crate::persist::{hash64, sum32};
use encoding_rs::Encoding;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

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

/// The body index's name for a library opened with `paths`: their
/// absolute forms, one a line.
pub fn library_id(paths: &[PathBuf]) -> String {
    let roots: Vec<String> = paths
        .iter()
        .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()).to_string_lossy().into_owned())
        .collect();
    roots.join("\n")
}

/// The documents the index can know of `articles`, each with its file's
/// stamp if it was loaded with one (through the index cache).
pub fn docs_of<'a>(articles: impl IntoIterator<Item = (&'a Article, Option<Stamp>)>) -> Vec<Doc> {
    articles
        .into_iter()
        .filter_map(|(article, stamp)| {
            let stamp = stamp?;
            let path = article.path();
            Some(Doc {
                key: path.as_os_str().as_encoded_bytes().into(),
                stamp,
                path,
                format: article.format,
                encoding: article.encoding,
            })
        })
        .collect()
}

/// Held while a library's body index is built or brought up to date (a
/// lock file beside it): one folio at a time does the work, and the next,
/// having waited, finds it done.
pub fn builder_lock(folder: &Path, library_id: &str) -> io::Result<crate::persist::Lock> {
    std::fs::create_dir_all(folder)?;
    let mut lock = file::path(folder, library_id).into_os_string();
    lock.push(".lock");
    crate::persist::Lock::wait_for(Path::new(&lock))
}

/// Opens the index of a library and brings it up to date with `docs`
/// (building it when there is none, or none to trust), saving it when it
/// changed. `None` if there is nothing to index.
pub fn refresh(folder: &Path, library_id: &str, docs: &[Doc], threads: usize) -> Option<BodyIndex> {
    if docs.is_empty() {
        return None;
    }
    let (index, changed) = match BodyIndex::open(folder, library_id) {
        Some(index) if index.stale(docs) == 0 => (index, false),
        Some(index) => (index.update(docs, threads), true),
        None => (BodyIndex::build(docs, threads), true),
    };
    if changed {
        // Only a shortcut: a failure to save costs the next search time.
        let _ = index.save(folder, library_id);
    }
    Some(index)
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

/// How big an index is (`BodyIndex::sizes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub docs: usize,
    pub words: usize,
    pub pairs: usize,
    pub vocabulary_bytes: usize,
    pub posting_bytes: usize,
}

/// The body was read and indexed.
const INDEXED: u8 = 1;
/// Its words are those of the light fold too (see `extract`).
const EXACT: u8 = 2;

/// Where the posting lists are: built in memory, or in the opened file
/// (read a list at a time).
#[derive(Debug)]
enum Postings {
    Memory(Vec<u8>),
    /// The file, and where its lists begin.
    File(Mutex<File>, u64),
}

impl Default for Postings {
    fn default() -> Postings {
        Postings::Memory(Vec::new())
    }
}

/// The index: documents, vocabulary, pairs and their posting lists.
#[derive(Debug, Default)]
pub struct BodyIndex {
    /// The hash (`persist::hash64`) of each document's key.
    keys: Vec<u64>,
    stamps: Vec<Stamp>,
    flags: Vec<u8>,
    /// The words, sorted, each followed by `\n`; `word_starts[i]` starts word `i`.
    vocabulary: Vec<u8>,
    word_starts: Vec<u32>,
    /// The pairs (`extract::pair_key`), sorted.
    pairs: Vec<u64>,
    /// Where the posting list of word `i` (then of pair `j`, at
    /// `word_starts.len() + j`) ends among the postings; each starts where
    /// the one before ends.
    list_ends: Vec<u64>,
    /// Each list's checksum (`persist::sum32`), checked when it is read.
    sums: Vec<u32>,
    postings: Postings,
    /// Key hash → document number, made when first needed.
    by_key: OnceLock<HashMap<u64, u32>>,
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
        self.stale_of(docs.iter().map(|doc| (&*doc.key, doc.stamp)))
    }

    /// `stale` for documents given as (key, stamp).
    pub fn stale_of<'a>(&self, docs: impl IntoIterator<Item = (&'a [u8], Stamp)>) -> usize {
        docs.into_iter().enumerate().filter(|(i, (key, stamp))| self.current_at(*i, key, *stamp).is_none()).count()
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

    /// How big the parts of the index are.
    pub fn sizes(&self) -> Sizes {
        Sizes {
            docs: self.len(),
            words: self.word_starts.len(),
            pairs: self.pairs.len(),
            vocabulary_bytes: self.vocabulary.len(),
            posting_bytes: self.list_ends.last().map_or(0, |&e| e as usize),
        }
    }

    /// How many documents are in the index.
    pub fn len(&self) -> usize {
        self.stamps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stamps.is_empty()
    }

    /// The number of the document keyed `key` in the index, when it is
    /// there, indexed, and its stamp is `stamp`.
    fn current(&self, key: &[u8], stamp: Stamp) -> Option<u32> {
        let map = self.by_key.get_or_init(|| (0..self.len()).map(|n| (self.keys[n], n as u32)).collect());
        map.get(&hash64(key)).copied().filter(|&n| self.fresh(n as usize, stamp))
    }

    fn fresh(&self, n: usize, stamp: Stamp) -> bool {
        self.stamps[n] == stamp && self.flags[n] & INDEXED != 0
    }

    /// `current`, trying the document at `position` first (the caller's
    /// list is usually in the order the index was built in).
    fn current_at(&self, position: usize, key: &[u8], stamp: Stamp) -> Option<u32> {
        if position < self.len() && self.keys[position] == hash64(key) {
            return self.fresh(position, stamp).then_some(position as u32);
        }
        self.current(key, stamp)
    }

    /// The bytes of posting list `list`; `None` when they cannot be read or
    /// their checksum is wrong.
    fn list(&self, list: usize) -> Option<Cow<'_, [u8]>> {
        let start = if list == 0 { 0 } else { *self.list_ends.get(list - 1)? };
        let end = *self.list_ends.get(list)?;
        let range = usize::try_from(start).ok()?..usize::try_from(end).ok()?;
        let bytes = match &self.postings {
            Postings::Memory(bytes) => Cow::Borrowed(bytes.get(range)?),
            Postings::File(file, at) => {
                let mut bytes = vec![0; range.len()];
                let mut file = file.lock().ok()?;
                file.seek(SeekFrom::Start(at.checked_add(start)?)).ok()?;
                file.read_exact(&mut bytes).ok()?;
                Cow::Owned(bytes)
            }
        };
        (sum32(&bytes) == *self.sums.get(list)?).then_some(bytes)
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = self.word_starts[i] as usize;
        let end = self.word_starts.get(i + 1).map_or(self.vocabulary.len(), |&s| s as usize);
        &self.vocabulary[start..end - 1]
    }
}
