//! The pieces of folio's binary files: LEB128 varints, length-prefixed
//! bytes, and [`Input`], which reads them (and fixed-width numbers) from the
//! front of a buffer, checking at every step what is left.

/// Appends `n` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A LEB128 varint of at most 64 bits, its bytes given by `next_byte`
/// (from a buffer or a stream).
pub fn read_varint(mut next_byte: impl FnMut() -> Option<u8>) -> Option<u64> {
    let mut n: u64 = 0;
    for shift in (0..64).step_by(7) {
        let byte = next_byte()?;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// Appends `bytes` after their length.
pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Bytes being read from the front; every read checks what is left, so
/// damaged input gives `None`, never a panic or a huge allocation.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub bytes: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(bytes: &'a [u8]) -> Input<'a> {
        Input { bytes }
    }

    /// Whether everything was read.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.bytes.split_first_chunk::<N>()?;
        self.bytes = rest;
        Some(*head)
    }

    /// A little-endian `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    /// A little-endian `u64`.
    pub fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    /// A LEB128 varint of at most 64 bits.
    pub fn varint(&mut self) -> Option<u64> {
        read_varint(|| self.byte())
    }

    /// A count of items, each at least a byte long: never more than the
    /// bytes left, so a corrupt count cannot ask for a huge allocation.
    pub fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.bytes.len()).then_some(n)
    }

    /// Bytes after their length (as [`put_bytes`] writes them).
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.varint()?).ok()?;
        self.take(len)
    }

    /// Text after its length.
    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    /// `n` items read by `one`.
    pub fn many<T>(&mut self, n: usize, mut one: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        (0..n).map(|_| one(self)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_read_back() {
        let numbers = [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX];
        let mut out = Vec::new();
        for n in numbers {
            put_varint(&mut out, n);
        }
        put_bytes(&mut out, "文字".as_bytes());
        out.extend_from_slice(&7u32.to_le_bytes());
        let mut input = Input::new(&out);
        for n in numbers {
            assert_eq!(input.varint(), Some(n));
        }
        assert_eq!(input.str(), Some("文字"));
        assert_eq!(input.u32(), Some(7));
        assert!(input.is_empty());
    }

    #[test]
    fn damaged_input_is_none() {
        assert_eq!(Input::new(&[0x80]).varint(), None);
        assert_eq!(Input::new(&[0xff; 11]).varint(), None);
        assert_eq!(Input::new(&[5, b'a']).bytes(), None);
        assert_eq!(Input::new(&[200, 1, 0]).count(), None, "a count larger than what is left");
        assert_eq!(Input::new(&[1, 2, 3]).u32(), None);
        assert_eq!(Input::new(&[1, 0xff]).str(), None, "not UTF-8");
    }
}
