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
}
