//! Hashing: keys and checksums in folio's own files, and a quick hasher
//! for maps keyed by text from the user's own files.

/// A 64-bit hash of `bytes`, eight at a time, well mixed at the end.
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    let mut last = [0; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    hash = (hash ^ u64::from_le_bytes(last)).wrapping_mul(0x0100_0000_01b3);
    mix(hash)
}

/// `hash64` of bytes given a piece at a time (their total length known
/// at the start): a file's checksum made or checked as it streams by.
#[derive(Debug, Clone, Copy)]
pub struct Hash64 {
    hash: u64,
    pending: [u8; 8],
    filled: usize,
}

impl Hash64 {
    pub fn new(total_len: u64) -> Hash64 {
        Hash64 {
            hash: 0xcbf2_9ce4_8422_2325 ^ total_len.wrapping_mul(0x9e37_79b9_7f4a_7c15),
            pending: [0; 8],
            filled: 0,
        }
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.word(word);
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn word(&mut self, word: [u8; 8]) {
        self.hash = (self.hash ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }

    pub fn finish(self) -> u64 {
        let mut last = [0; 8];
        last[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        mix((self.hash ^ u64::from_le_bytes(last)).wrapping_mul(0x0100_0000_01b3))
    }
}

/// A 32-bit checksum of `bytes`.
pub fn sum32(bytes: &[u8]) -> u32 {
    (hash64(bytes) >> 32) as u32
}

/// MurmurHash3's finaliser.
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    let x = (x ^ (x >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A quick hasher for maps whose keys come from the user's own files (no
/// attacker to defend against).
#[derive(Default, Clone, Copy)]
pub struct QuickHasher(u64);

impl std::hash::Hasher for QuickHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

pub type Quick = std::hash::BuildHasherDefault<QuickHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_differ() {
        assert_ne!(hash64(b"a/b.md"), hash64(b"a/c.md"));
        assert_ne!(hash64(b""), hash64(b"\0"));
        assert_ne!(hash64(b"12345678"), hash64(b"12345678\0"));
        assert_eq!(hash64(b"same"), hash64(b"same"));
    }

    #[test]
    fn hashing_in_pieces_is_hashing_at_once() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for len in [0, 1, 7, 8, 9, 16, 63, 200] {
            let whole = &bytes[..len];
            for pieces in [1, 2, 3, 5, 8, 13] {
                let mut streamed = Hash64::new(len as u64);
                for piece in whole.chunks(pieces) {
                    streamed.update(piece);
                }
                assert_eq!(streamed.finish(), hash64(whole), "{len} bytes in pieces of {pieces}");
            }
        }
    }
}
