//! Writing the next index cache as a stream: the header, the old records
//! still true (copied from the old file in its order), the fresh ones, the
//! checksum — never the whole file in memory.

use super::{END, Index, MAGIC, Use, VERSION};
use crate::persist::{Durability, Hash64, forget_unused, put_bytes, read_at, write_atomic_with};
use std::io::{self, Write};
use std::path::Path;

/// Old records are copied in reads of about this many bytes.
const COPY: usize = 1 << 20;

#[cfg(test)]
pub const COPY_FOR_TESTS: usize = COPY;

/// Writes the new cache when anything changed: the old entries still true
/// and the fresh ones.
pub fn save(path: &Path, old: Option<&Index>, uses: &[Use]) -> io::Result<()> {
    let kept_count: usize = uses.iter().map(|u| u.kept.len()).sum();
    let fresh_count: u64 = uses.iter().map(|u| u.fresh_count).sum();
    if fresh_count == 0 && old.is_some_and(|old| kept_count == old.len()) {
        return Ok(());
    }
    // The old records kept, in the old file's order (long runs to copy).
    let mut kept: Vec<(u64, u32)> = match old {
        Some(old) => uses.iter().flat_map(|u| &u.kept).filter_map(|&n| old.place(n)).collect(),
        None => Vec::new(),
    };
    kept.sort_unstable();
    let mut header = Vec::new();
    put_bytes(&mut header, VERSION.as_bytes());
    header.extend_from_slice(&(kept.len() as u64 + fresh_count).to_le_bytes());
    let body = header.len() as u64
        + kept.iter().map(|&(_, len)| u64::from(len)).sum::<u64>()
        + uses.iter().map(|u| u.fresh.len() as u64).sum::<u64>();
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    // Unsynced: a file cut short by a crash is no cache (no `END`) and is rebuilt.
    write_atomic_with(path, Durability::Unsynced, |out| {
        out.write_all(MAGIC)?;
        let mut out = Hashing { out, hash: Hash64::new(body) };
        out.put(&header)?;
        if let Some(old) = old {
            copy_runs(old, &kept, &mut out)?;
        }
        for used in uses {
            out.put(&used.fresh)?;
        }
        let sum = out.hash.finish();
        out.out.write_all(&sum.to_le_bytes())?;
        out.out.write_all(END)
    })?;
    // Caches of libraries not opened for a month (folders since moved,
    // temporary ones) go, so the cache folder does not grow forever.
    forget_unused(path, "index-");
    Ok(())
}

/// A writer that hashes what passes through it.
struct Hashing<'a> {
    out: &'a mut dyn Write,
    hash: Hash64,
}

impl Hashing<'_> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.out.write_all(bytes)
    }
}

/// Copies the records at `places` (sorted) from the old file, adjacent
/// ones in one read.
fn copy_runs(old: &Index, places: &[(u64, u32)], out: &mut Hashing<'_>) -> io::Result<()> {
    let mut buffer = Vec::with_capacity(COPY);
    let mut run: Option<(u64, u64)> = None;
    let flush = |run: (u64, u64), buffer: &mut Vec<u8>, out: &mut Hashing<'_>| -> io::Result<()> {
        let len = usize::try_from(run.1 - run.0).map_err(|_| io::ErrorKind::InvalidData)?;
        buffer.resize(len, 0);
        // The old cache's file, kept open since it was read (a newer cache
        // renamed over it meanwhile changes nothing).
        read_at(&old.file, run.0, buffer)?;
        out.put(buffer)
    };
    for &(start, len) in places {
        let end = start + u64::from(len);
        run = match run {
            Some((from, to)) if to == start && end - from <= COPY as u64 => Some((from, end)),
            Some(done) => {
                flush(done, &mut buffer, out)?;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    match run {
        Some(done) => flush(done, &mut buffer, out),
        None => Ok(()),
    }
}
