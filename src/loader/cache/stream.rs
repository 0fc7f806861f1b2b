//! Reading the index cache once from front to back: every byte through the
//! checksum, only keys and places kept (a million articles' cache is
//! hundreds of megabytes; its table of places, tens).

use super::{END, MAGIC, Slot, VERSION};
use crate::persist::{Hash64, Stamp, hash64, read_varint};
use std::io::{BufReader, Read};

/// Bytes of the cache's body read in order, each one hashed.
struct Stream<R> {
    reader: R,
    hash: Hash64,
    /// Where in the file the next byte is.
    at: u64,
    /// Bytes of the body not read yet.
    left: u64,
}

impl<R: Read> Stream<R> {
    fn fill(&mut self, out: &mut [u8]) -> Option<()> {
        let n = out.len() as u64;
        if n > self.left {
            return None;
        }
        self.reader.read_exact(out).ok()?;
        self.hash.update(out);
        self.at += n;
        self.left -= n;
        Some(())
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut bytes = [0; N];
        self.fill(&mut bytes)?;
        Some(bytes)
    }

    fn varint(&mut self) -> Option<u64> {
        read_varint(|| self.array::<1>().map(|[byte]| byte))
    }

    /// Length-prefixed bytes, into `out`.
    fn bytes(&mut self, out: &mut Vec<u8>) -> Option<()> {
        let n = self.varint()?;
        if n > self.left {
            return None;
        }
        out.resize(usize::try_from(n).ok()?, 0);
        self.fill(out)
    }

    /// Length-prefixed bytes, hashed and passed over.
    fn skip_bytes(&mut self, scratch: &mut [u8]) -> Option<()> {
        let mut n = self.varint()?;
        if n > self.left {
            return None;
        }
        while n > 0 {
            let piece = n.min(scratch.len() as u64) as usize;
            self.fill(&mut scratch[..piece])?;
            n -= piece as u64;
        }
        Some(())
    }
}

/// The places of the records in the cache read from `file` (`len` bytes
/// long), sorted by key; `None` unless every byte is as written.
pub fn read_slots(file: &std::fs::File, len: u64) -> Option<Vec<Slot>> {
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut magic = [0; MAGIC.len()];
    reader.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let body = len.checked_sub((MAGIC.len() + 8 + END.len()) as u64)?;
    let mut stream = Stream { reader, hash: Hash64::new(body), at: MAGIC.len() as u64, left: body };
    let mut key = Vec::new();
    stream.bytes(&mut key)?;
    if key != VERSION.as_bytes() {
        return None;
    }
    let count = u64::from_le_bytes(stream.array()?);
    // Each record takes more than 16 bytes: a bigger count is damage.
    let mut slots = Vec::with_capacity(usize::try_from(count.min(body / 16)).ok()?);
    let mut scratch = vec![0; 64 * 1024];
    for _ in 0..count {
        let start = stream.at;
        stream.bytes(&mut key)?;
        let stamp = Stamp {
            size: u64::from_le_bytes(stream.array()?),
            seconds: i64::from_le_bytes(stream.array()?),
            nanos: u32::from_le_bytes(stream.array()?),
        };
        stream.skip_bytes(&mut scratch)?;
        let len = u32::try_from(stream.at - start).ok()?;
        slots.push(Slot { key: hash64(&key), stamp, start, len });
    }
    if stream.left != 0 {
        return None;
    }
    let sum = stream.hash.finish();
    let mut trailer = [0; 8 + END.len()];
    stream.reader.read_exact(&mut trailer).ok()?;
    if trailer[..8] != sum.to_le_bytes() || &trailer[8..] != END {
        return None;
    }
    // By key, and for a key given twice (only in a damaged file) the first.
    slots.sort_by_key(|slot| (slot.key, slot.start));
    Some(slots)
}
