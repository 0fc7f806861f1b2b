//! The index cache: every article's front matter from the last run, keyed
//! by path, size and modification time, so a restart reads only the files
//! that changed. The file carries a checksum of its contents; a missing,
//! stale, corrupt or foreign cache is rebuilt without a word, and text read
//! from it is cleaned of controls like text from an article: the library
//! is the truth, the cache only a shortcut.

mod codec;

use crate::file::Interner;
use crate::model::Article;
use crate::persist::{Durability, Input, Stamp, forget_unused, hash64, put_bytes, write_atomic};
use crate::search::Entry;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"FOLIOIX\x01";
const END: &[u8; 8] = b"FOLIOEND";
/// Changes whenever the format or what the loader makes of a file does.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/index-4");
/// Files changed this recently may change again within the clock's
/// resolution without a new time: they are read afresh next time.
const SETTLE_SECONDS: i64 = 2;

/// Whether the file changed so recently that its stamp cannot be trusted.
fn unsettled(stamp: Stamp, now: i64) -> bool {
    stamp.seconds > now - SETTLE_SECONDS
}

/// One entry of the last run's cache.
#[derive(Debug, Clone, Copy)]
struct Slot {
    stamp: Stamp,
    /// The whole record (for copying) and its payload (for reading).
    record: (usize, usize),
    payload: (usize, usize),
}

/// The last run's cache, read whole.
#[derive(Debug, Default)]
pub struct Index {
    bytes: Vec<u8>,
    slots: Vec<Slot>,
    by_key: HashMap<u64, u32>,
}

impl Index {
    /// The cache at `path`; `None` when it is missing or cannot be trusted.
    pub fn open(path: &Path) -> Option<Index> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut crate::persist::open_regular(path).ok()?, &mut bytes).ok()?;
        Index::parse(bytes)
    }

    fn parse(bytes: Vec<u8>) -> Option<Index> {
        let body = bytes.strip_prefix(MAGIC)?.strip_suffix(END)?;
        // A checksum of everything before it: a changed byte anywhere is a
        // cache not to trust (rebuilt, without a word).
        let (body, sum) = body.split_at(body.len().checked_sub(8)?);
        if hash64(body).to_le_bytes() != sum {
            return None;
        }
        let mut input = Input::new(body);
        if input.bytes()? != VERSION.as_bytes() {
            return None;
        }
        let count = usize::try_from(u64::from_le_bytes(input.array()?)).ok()?;
        let mut index = Index {
            slots: Vec::with_capacity(count.min(body.len() / 16)),
            by_key: HashMap::with_capacity(count.min(body.len() / 16)),
            ..Index::default()
        };
        let offset_of = |rest: &[u8]| bytes.len() - END.len() - sum.len() - rest.len();
        for _ in 0..count {
            let start = offset_of(input.bytes);
            let key = input.bytes()?;
            let stamp = Stamp {
                size: u64::from_le_bytes(input.array()?),
                seconds: i64::from_le_bytes(input.array()?),
                nanos: u32::from_le_bytes(input.array()?),
            };
            let payload = input.bytes()?;
            let end = offset_of(input.bytes);
            let slot = Slot { stamp, record: (start, end), payload: (end - payload.len(), end) };
            // A repeated key (only in a damaged file) keeps its first entry.
            let number = u32::try_from(index.slots.len()).ok()?;
            index.by_key.entry(hash64(key)).or_insert(number);
            index.slots.push(slot);
        }
        if !input.bytes.is_empty() {
            return None;
        }
        index.bytes = bytes;
        Some(index)
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// The entry for the file `key` if the cache holds this version of it.
    fn find(&self, key: &[u8], stamp: Stamp) -> Option<(u32, &[u8])> {
        let number = *self.by_key.get(&hash64(key))?;
        let slot = self.slots.get(number as usize)?;
        let (start, _) = slot.record;
        let stored_key = Input::new(self.bytes.get(start..)?).bytes()?;
        (stored_key == key && slot.stamp == stamp).then(|| (number, &self.bytes[slot.payload.0..slot.payload.1]))
    }

    fn record(&self, number: u32) -> Option<&[u8]> {
        let slot = self.slots.get(number as usize)?;
        self.bytes.get(slot.record.0..slot.record.1)
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
    key: &[u8],
    stamp: Stamp,
    (article, with_entry): (&mut Article, bool),
    interner: &mut Interner,
    used: &mut Use,
) -> Option<Cached> {
    let (number, payload) = index.find(key, stamp)?;
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

/// Writes the new cache when anything changed: the old entries still true
/// and the fresh ones.
pub fn save(path: &Path, old: Option<&Index>, uses: &[Use]) -> io::Result<()> {
    let kept: usize = uses.iter().map(|u| u.kept.len()).sum();
    let fresh: u64 = uses.iter().map(|u| u.fresh_count).sum();
    if fresh == 0 && kept == old.map_or(0, Index::len) && old.is_some() {
        return Ok(());
    }
    let mut out =
        Vec::with_capacity(old.map_or(0, |o| o.bytes.len()) + uses.iter().map(|u| u.fresh.len()).sum::<usize>());
    out.extend_from_slice(MAGIC);
    put_bytes(&mut out, VERSION.as_bytes());
    out.extend_from_slice(&(kept as u64 + fresh).to_le_bytes());
    for used in uses {
        if let Some(old) = old {
            for &number in &used.kept {
                out.extend_from_slice(old.record(number).unwrap_or_default());
            }
        }
        out.extend_from_slice(&used.fresh);
    }
    let sum = hash64(&out[MAGIC.len()..]);
    out.extend_from_slice(&sum.to_le_bytes());
    out.extend_from_slice(END);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    // Unsynced: a file cut short by a crash is no cache (no `END`) and is rebuilt.
    write_atomic(path, &out, Durability::Unsynced)?;
    // Caches of libraries not opened for a month (folders since moved,
    // temporary ones) go, so the cache folder does not grow forever.
    forget_unused(path, "index-");
    Ok(())
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
