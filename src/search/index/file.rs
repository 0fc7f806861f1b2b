//! The index on disk: one file per library in the cache folder, written
//! to a temporary file and renamed over the old one. A magic header and
//! version, the library's id, the tables, the posting lists, a checksum of
//! all that, and an end marker: anything else reads as `None`.
//!
//! Layout (little-endian): `MAGIC`, version u32, id length u32 and id,
//! counts (documents, words, pairs, posting bytes, key bytes, vocabulary
//! bytes) as u64; key ends u32 × documents; keys; stamps (size u64,
//! seconds i64, nanos u32) × documents; flags u8 × documents; word starts
//! u32 × words; vocabulary; pairs u64 × pairs; list ends u64 × (words +
//! pairs); postings; checksum u64 of everything before it; `END`.

use super::BodyIndex;
use super::Stamp;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"FOLIOIX\0";
const END: &[u8; 8] = b"\0XIOILOF";
const VERSION: u32 = 1;

/// `body-index-<hash of the id>.bin` in `folder`.
pub(super) fn path(folder: &Path, library_id: &str) -> PathBuf {
    folder.join(format!("body-index-{:016x}.bin", checksum(library_id.as_bytes())))
}

/// A 64-bit FNV-style hash, eight bytes at a time.
fn checksum(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    for &b in chunks.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

pub(super) fn save(index: &BodyIndex, folder: &Path, library_id: &str) -> io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let mut out = Vec::with_capacity(index.postings.len() + index.keys.len() + 64 * index.len() + 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(library_id.len() as u32).to_le_bytes());
    out.extend_from_slice(library_id.as_bytes());
    for count in [
        index.len(),
        index.word_starts.len(),
        index.pairs.len(),
        index.postings.len(),
        index.keys.len(),
        index.vocabulary.len(),
    ] {
        out.extend_from_slice(&(count as u64).to_le_bytes());
    }
    index.key_ends.iter().for_each(|e| out.extend_from_slice(&e.to_le_bytes()));
    out.extend_from_slice(&index.keys);
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
    out.extend_from_slice(&index.postings);
    out.extend_from_slice(&checksum(&out).to_le_bytes());
    out.extend_from_slice(END);

    let target = path(folder, library_id);
    let temporary = folder.join(format!(".body-index-{}-{:x}.tmp", std::process::id(), checksum(&out)));
    let written = std::fs::File::create(&temporary).and_then(|mut file| file.write_all(&out));
    // No fsync: a file cut short by a crash reads as `None` and is rebuilt.
    match written.and_then(|()| std::fs::rename(&temporary, &target)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = std::fs::remove_file(&temporary);
            Err(error)
        }
    }
}

pub(super) fn open(folder: &Path, library_id: &str) -> Option<BodyIndex> {
    let bytes = std::fs::read(path(folder, library_id)).ok()?;
    parse(&bytes, library_id)
}

/// Reads the fields of the file in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn many<T>(&mut self, n: usize, mut one: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        // No allocation larger than the file could fill.
        if n > self.bytes.len() {
            return None;
        }
        (0..n).map(|_| one(self)).collect()
    }
}

fn parse(bytes: &[u8], library_id: &str) -> Option<BodyIndex> {
    let body_len = bytes.len().checked_sub(16)?;
    let (body, tail) = bytes.split_at(body_len);
    let (sum, end) = tail.split_at(8);
    if !bytes.starts_with(MAGIC) || end != END || u64::from_le_bytes(sum.try_into().ok()?) != checksum(body) {
        return None;
    }
    let mut r = Reader { bytes: body, at: MAGIC.len() };
    if r.u32()? != VERSION {
        return None;
    }
    let id_len = r.u32()? as usize;
    if r.take(id_len)? != library_id.as_bytes() {
        return None;
    }
    let (docs, words, pairs, postings, keys, vocabulary) =
        (r.count()?, r.count()?, r.count()?, r.count()?, r.count()?, r.count()?);
    let key_ends = r.many(docs, Reader::u32)?;
    let keys = r.take(keys)?.to_vec();
    let stamps = r.many(docs, |r| {
        Some(Stamp { size: r.u64()?, seconds: i64::from_le_bytes(r.array()?), nanos: r.u32()? })
    })?;
    let flags = r.take(docs)?.to_vec();
    let word_starts = r.many(words, Reader::u32)?;
    let vocabulary = r.take(vocabulary)?.to_vec();
    let pair_keys = r.many(pairs, Reader::u64)?;
    let list_ends = r.many(words + pairs, Reader::u64)?;
    let postings = r.take(postings)?.to_vec();
    if r.at != body.len() {
        return None;
    }
    let ascending32 = |v: &[u32], last: usize| {
        v.windows(2).all(|w| w[0] <= w[1]) && v.last().is_none_or(|&e| e as usize <= last)
    };
    let consistent = ascending32(&key_ends, keys.len())
        && key_ends.last().is_none_or(|&e| e as usize == keys.len())
        && word_starts.first().is_none_or(|&s| s == 0)
        && word_starts.windows(2).all(|w| w[0] < w[1])
        && word_starts.last().is_none_or(|&s| (s as usize) < vocabulary.len())
        && vocabulary.last().is_none_or(|&b| b == b'\n')
        && (words > 0 || vocabulary.is_empty())
        && pair_keys.windows(2).all(|w| w[0] < w[1])
        && list_ends.windows(2).all(|w| w[0] <= w[1])
        && list_ends.last().is_none_or(|&e| e == postings.len() as u64);
    if !consistent {
        return None;
    }
    Some(BodyIndex {
        keys,
        key_ends,
        stamps,
        flags,
        vocabulary,
        word_starts,
        pairs: pair_keys,
        list_ends,
        postings,
        by_key: std::sync::OnceLock::new(),
    })
}
