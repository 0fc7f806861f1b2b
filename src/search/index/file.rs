//! The index on disk: one file per library in the cache folder, written
//! to a temporary file and renamed over the old one. Opening reads the
//! tables only (a megabyte or two for 100,000 articles), checked by a
//! checksum; posting lists are read when a query needs them, each checked
//! by its own checksum. A file of another version or library, cut short,
//! or whose tables are corrupt, opens as `None`; a corrupt list prunes
//! nothing.
//!
//! Layout (little-endian): `MAGIC`, version u32, id length u32 and id;
//! counts (documents, words, pairs, vocabulary bytes, posting bytes) u64;
//! key hashes u64 × documents; stamps (size u64, seconds i64, nanos u32) ×
//! documents; flags u8 × documents; word starts u32 × words; vocabulary;
//! pairs u64 × pairs; list ends u64 and list checksums u32 × (words +
//! pairs); the postings; the checksum u64 of everything before the
//! postings; `END`.

use super::{BodyIndex, Postings, Stamp};
use crate::persist::{Durability, Input, forget_unused, hash64, write_atomic_with};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"FOLIOIX\0";
const END: &[u8; 8] = b"\0XIOILOF";
/// Version 2: the visible text of a body changed (its hidden elements are
/// the reader's, `document::HIDDEN_ELEMENTS`): older indexes are rebuilt.
/// Version 4: elements with the `hidden` attribute are hidden too.
const VERSION: u32 = 4;
/// Checksum and `END`.
const TRAILER: u64 = 16;

/// `body-index-<hash of the id>.bin` in `folder`.
pub(super) fn path(folder: &Path, library_id: &str) -> PathBuf {
    folder.join(format!("body-index-{:016x}.bin", hash64(library_id.as_bytes())))
}

/// Everything before the postings.
fn tables(index: &BodyIndex, library_id: &str, posting_bytes: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(index.len() * 29 + index.list_ends.len() * 12 + 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(library_id.len() as u32).to_le_bytes());
    out.extend_from_slice(library_id.as_bytes());
    for count in [index.len(), index.word_starts.len(), index.pairs.len(), index.vocabulary.len()] {
        out.extend_from_slice(&(count as u64).to_le_bytes());
    }
    out.extend_from_slice(&posting_bytes.to_le_bytes());
    index.keys.iter().for_each(|k| out.extend_from_slice(&k.to_le_bytes()));
    for stamp in &index.stamps {
        out.extend_from_slice(&stamp.size.to_le_bytes());
        out.extend_from_slice(&stamp.seconds.to_le_bytes());
        out.extend_from_slice(&stamp.nanos.to_le_bytes());
    }
    out.extend_from_slice(&index.flags);
    index.word_starts.iter().for_each(|s| out.extend_from_slice(&s.to_le_bytes()));
    out.extend_from_slice(&index.vocabulary);
    index.pairs.iter().for_each(|p| out.extend_from_slice(&p.to_le_bytes()));
    index.list_ends.iter().for_each(|e| out.extend_from_slice(&e.to_le_bytes()));
    index.sums.iter().for_each(|s| out.extend_from_slice(&s.to_le_bytes()));
    out
}

pub(super) fn save(index: &BodyIndex, folder: &Path, library_id: &str) -> io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let posting_bytes = index.list_ends.last().copied().unwrap_or(0);
    let head = tables(index, library_id, posting_bytes);
    let target = path(folder, library_id);
    // Unsynced: a file cut short by a crash fails its checks and is rebuilt.
    write_atomic_with(&target, Durability::Unsynced, |out| {
        out.write_all(&head)?;
        match &index.postings {
            Postings::Memory(bytes) => out.write_all(bytes)?,
            Postings::File(..) => {
                for list in 0..index.list_ends.len() {
                    let bytes = index.list(list).ok_or_else(|| io::Error::other("a posting list is unreadable"))?;
                    out.write_all(&bytes)?;
                }
            }
        }
        out.write_all(&hash64(&head).to_le_bytes())?;
        out.write_all(END)
    })?;
    forget_unused(&target, "body-index-");
    Ok(())
}

pub(super) fn open(folder: &Path, library_id: &str) -> Option<BodyIndex> {
    let mut file = crate::persist::open_regular(&path(folder, library_id)).ok()?;
    let length = file.metadata().ok()?.len();
    // The fixed part: magic, version, id, counts.
    let mut fixed = vec![0; 16 + library_id.len() + 40];
    file.read_exact(&mut fixed).ok()?;
    let mut r = Input::new(&fixed);
    if r.take(8)? != MAGIC || r.u32()? != VERSION || r.u32()? as usize != library_id.len() {
        return None;
    }
    if r.take(library_id.len())? != library_id.as_bytes() {
        return None;
    }
    let (docs, words, pairs, vocabulary, posting_bytes) = (r.u64()?, r.u64()?, r.u64()?, r.u64()?, r.u64()?);
    let fixed_len = fixed.len() - r.bytes.len();
    let lists = words.checked_add(pairs)?;
    let table_bytes =
        [docs.checked_mul(29)?, words.checked_mul(4)?, vocabulary, pairs.checked_mul(8)?, lists.checked_mul(12)?]
            .into_iter()
            .try_fold(fixed.len() as u64, u64::checked_add)?;
    if table_bytes.checked_add(posting_bytes)?.checked_add(TRAILER)? != length {
        return None;
    }
    let mut head = fixed;
    head.resize(usize::try_from(table_bytes).ok()?, 0);
    file.read_exact(&mut head[fixed_len..]).ok()?;
    let mut trailer = [0; TRAILER as usize];
    file.seek(SeekFrom::Start(length - TRAILER)).ok()?;
    file.read_exact(&mut trailer).ok()?;
    if trailer[8..] != END[..] || trailer[..8] != hash64(&head).to_le_bytes() {
        return None;
    }
    let mut r = Input::new(head.get(fixed_len..)?);
    let count = |n: u64| usize::try_from(n).ok();
    let (docs, words, pairs, lists) = (count(docs)?, count(words)?, count(pairs)?, count(lists)?);
    let keys = r.many(docs, Input::u64)?;
    let stamps =
        r.many(docs, |r| Some(Stamp { size: r.u64()?, seconds: i64::from_le_bytes(r.array()?), nanos: r.u32()? }))?;
    let flags = r.take(docs)?.to_vec();
    let word_starts = r.many(words, Input::u32)?;
    let vocabulary = r.take(count(vocabulary)?)?.to_vec();
    let pair_keys = r.many(pairs, Input::u64)?;
    let list_ends = r.many(lists, Input::u64)?;
    let sums = r.many(lists, Input::u32)?;
    let consistent = word_starts.first().is_none_or(|&s| s == 0)
        && word_starts.windows(2).all(|w| w[0] < w[1])
        && word_starts.last().is_none_or(|&s| (s as usize) < vocabulary.len())
        && vocabulary.last().is_none_or(|&b| b == b'\n')
        && (words > 0 || vocabulary.is_empty())
        && pair_keys.windows(2).all(|w| w[0] < w[1])
        && list_ends.windows(2).all(|w| w[0] <= w[1])
        && list_ends.last().copied().unwrap_or(0) == posting_bytes;
    if !consistent || !r.is_empty() {
        return None;
    }
    Some(BodyIndex {
        keys,
        stamps,
        flags,
        vocabulary,
        word_starts,
        pairs: pair_keys,
        list_ends,
        sums,
        postings: Postings::File(std::sync::Mutex::new(file), table_bytes),
        by_key: std::sync::OnceLock::new(),
    })
}
