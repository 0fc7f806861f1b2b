//! The index cache: every article's front matter from the last run, keyed
//! by path, size and modification time, so a restart reads only the files
//! that changed. The file carries a checksum of its contents; a missing,
//! stale, corrupt or foreign cache is rebuilt without a word, and text read
//! from it is cleaned of controls like text from an article: the library
//! is the truth, the cache only a shortcut.

mod codec;
mod save;
mod stream;

pub use save::save;

use crate::file::Interner;
use crate::model::Article;
use crate::persist::{Input, Stamp, hash64, put_bytes, read_at};
use crate::search::Entry;
use std::fs::File;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"FOLIOIX\x01";
const END: &[u8; 8] = b"FOLIOEND";
/// Changes whenever the format or what the loader makes of a file does.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/index-6");
/// Files changed this recently may change again within the clock's
/// resolution without a new time: they are read afresh next time.
const SETTLE_SECONDS: i64 = 2;

/// Whether the file changed so recently that its stamp cannot be trusted.
fn unsettled(stamp: Stamp, now: i64) -> bool {
    stamp.seconds > now - SETTLE_SECONDS
}

/// Where one record of the last run's cache is.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The hash of its key (the file's path).
    key: u64,
    stamp: Stamp,
    start: u64,
    len: u32,
}

/// The last run's cache: checked whole once, then read a record at a time
/// where it lies in the file.
#[derive(Debug)]
pub struct Index {
    file: File,
    /// Sorted by key.
    slots: Vec<Slot>,
}

impl Index {
    /// The cache at `path`; `None` when it is missing or cannot be trusted.
    pub fn open(path: &Path) -> Option<Index> {
        let file = crate::persist::open_regular(path).ok()?;
        let len = file.metadata().ok()?.len();
        let slots = stream::read_slots(&file, len)?;
        Some(Index { file, slots })
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Where record `number` is: its start and length.
    fn place(&self, number: u32) -> Option<(u64, u32)> {
        self.slots.get(number as usize).map(|slot| (slot.start, slot.len))
    }

    /// The record for the file `key` if the cache holds this version of it,
    /// read into `buffer`: its number, and where its payload is in `buffer`.
    fn find(&self, key: &[u8], stamp: Stamp, buffer: &mut Vec<u8>) -> Option<(u32, std::ops::Range<usize>)> {
        let wanted = hash64(key);
        let first = self.slots.partition_point(|slot| slot.key < wanted);
        for (at, slot) in self.slots.get(first..)?.iter().enumerate().take_while(|(_, slot)| slot.key == wanted) {
            buffer.resize(slot.len as usize, 0);
            read_at(&self.file, slot.start, buffer).ok()?;
            let mut input = Input::new(buffer);
            if input.bytes()? != key {
                continue;
            }
            // The first record of this key decides.
            if slot.stamp != stamp {
                return None;
            }
            let _stamp: [u8; 20] = input.array()?;
            let payload = input.bytes()?;
            let end = buffer.len() - input.bytes.len();
            return Some((u32::try_from(first + at).ok()?, end - payload.len()..end));
        }
        None
    }
}

/// What one reader thread did with the cache.
#[derive(Debug, Default)]
pub struct Use {
    /// Entries of the old cache still true.
    pub kept: Vec<u32>,
    /// New records, back to back, and how many.
    pub fresh: Vec<u8>,
    pub fresh_count: u64,
}

/// A cached answer for one file: an article, or "no article" (a note
/// without front matter). Problems are never cached: they are read again.
pub enum Cached {
    /// With its search entry, if one was wanted.
    Article(Option<Entry>),
    /// An article whose search entry was wanted and is not in the cache:
    /// the caller makes it, and `remember`s the article again.
    ArticleWithoutEntry,
    Skipped,
}

/// The cached facts of `key` at `stamp`, written into `article` (whose
/// place is set), with its search entry if `with_entry`; `None` when the
/// cache does not know this version.
pub fn look_up(
    index: &Index,
    (key, stamp): (&[u8], Stamp),
    (article, with_entry): (&mut Article, bool),
    interner: &mut Interner,
    buffer: &mut Vec<u8>,
    used: &mut Use,
) -> Option<Cached> {
    let (number, payload) = index.find(key, stamp, buffer)?;
    let payload = buffer.get(payload)?;
    let cached = match payload.split_first()? {
        (0, []) => Cached::Skipped,
        (1, facts) => match codec::decode(facts, article, interner, with_entry)? {
            (entry, false) => Cached::Article(entry),
            (_, true) => return Some(Cached::ArticleWithoutEntry),
        },
        _ => return None,
    };
    used.kept.push(number);
    Some(cached)
}

/// Records what was read from `key` at `stamp` (an article and its search
/// entry if it has one, or `None` for a file that is no article), unless
/// the file changed too recently.
pub fn remember(key: &[u8], stamp: Stamp, article: Option<(&Article, Option<&Entry>)>, now: i64, used: &mut Use) {
    if unsettled(stamp, now) {
        return;
    }
    let mut payload = Vec::with_capacity(256);
    match article {
        Some((article, entry)) => {
            payload.push(1);
            codec::encode(article, entry, &mut payload);
        }
        None => payload.push(0),
    }
    let out = &mut used.fresh;
    put_bytes(out, key);
    out.extend_from_slice(&stamp.size.to_le_bytes());
    out.extend_from_slice(&stamp.seconds.to_le_bytes());
    out.extend_from_slice(&stamp.nanos.to_le_bytes());
    put_bytes(out, &payload);
    used.fresh_count += 1;
}

/// The cache file, in `folder`, of a library opened with these `roots`.
pub fn file_for(folder: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut named = Vec::new();
    for root in roots {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        named.extend_from_slice(root.as_os_str().as_encoded_bytes());
        named.push(0);
    }
    folder.join(format!("index-{:016x}.bin", hash64(&named)))
}

#[cfg(test)]
mod tests;
