//! Posting lists: the sorted document numbers of one word or pair, stored
//! as varint deltas, or as a bitmap when that is smaller; and `DocSet`,
//! the bitset queries combine them in.

use crate::persist::{Input, put_varint};

/// Stored as deltas.
const DELTAS: u8 = 0;
/// Stored as a bitmap of every document.
const BITMAP: u8 = 1;

/// Appends `ids` (ascending, each below `docs`) in whichever form is smaller.
pub(super) fn encode(ids: &[u32], docs: u32, out: &mut Vec<u8>) {
    let bitmap_len = bitmap_bytes(docs);
    let mut deltas = Vec::with_capacity(ids.len() + 4);
    let mut previous = 0;
    for (i, &id) in ids.iter().enumerate() {
        let delta = if i == 0 { id } else { id - previous };
        put_varint(&mut deltas, u64::from(delta));
        previous = id;
        if deltas.len() > bitmap_len {
            break;
        }
    }
    if deltas.len() > bitmap_len {
        out.push(BITMAP);
        let start = out.len();
        out.resize(start + bitmap_len, 0);
        for &id in ids {
            out[start + (id / 8) as usize] |= 1 << (id % 8);
        }
    } else {
        out.push(DELTAS);
        out.extend_from_slice(&deltas);
    }
}

fn bitmap_bytes(docs: u32) -> usize {
    docs.div_ceil(8) as usize
}

/// Calls `each` with every document number of a stored list, ascending;
/// `None` when the bytes are not a list of numbers below `docs`.
pub(super) fn for_each(bytes: &[u8], docs: u32, mut each: impl FnMut(u32)) -> Option<()> {
    let (&form, rest) = bytes.split_first()?;
    match form {
        DELTAS => {
            let mut input = Input::new(rest);
            let mut id: u32 = 0;
            let mut first = true;
            while !input.is_empty() {
                let value = u32::try_from(input.varint()?).ok()?;
                id = if first { value } else { id.checked_add(value).filter(|_| value > 0)? };
                first = false;
                if id >= docs {
                    return None;
                }
                each(id);
            }
            Some(())
        }
        BITMAP if rest.len() == bitmap_bytes(docs) => {
            for (i, &byte) in rest.iter().enumerate() {
                let mut bits = byte;
                while bits != 0 {
                    let bit = bits.trailing_zeros();
                    let id = i as u32 * 8 + bit;
                    if id >= docs {
                        return None;
                    }
                    each(id);
                    bits &= bits - 1;
                }
            }
            Some(())
        }
        _ => None,
    }
}

/// A set of document numbers below a bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DocSet {
    words: Vec<u64>,
}

impl DocSet {
    pub fn empty(docs: u32) -> DocSet {
        DocSet { words: vec![0; (docs as usize).div_ceil(64)] }
    }

    pub fn insert(&mut self, id: u32) {
        if let Some(word) = self.words.get_mut(id as usize / 64) {
            *word |= 1 << (id % 64);
        }
    }

    pub fn contains(&self, id: u32) -> bool {
        self.words.get(id as usize / 64).is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    pub fn intersect(&mut self, other: &DocSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(ids: &[u32], docs: u32) -> Vec<u32> {
        let mut bytes = Vec::new();
        encode(ids, docs, &mut bytes);
        let mut back = Vec::new();
        for_each(&bytes, docs, |id| back.push(id)).expect("decodes");
        back
    }

    #[test]
    fn both_forms_round_trip() {
        let sparse = [0, 5, 300, 70_000, 99_999];
        assert_eq!(round_trip(&sparse, 100_000), sparse);
        let dense: Vec<u32> = (0..1000).step_by(2).collect();
        let mut bytes = Vec::new();
        encode(&dense, 1000, &mut bytes);
        assert_eq!(bytes[0], BITMAP);
        assert_eq!(round_trip(&dense, 1000), dense);
        assert_eq!(round_trip(&[], 10), Vec::<u32>::new());
    }

    #[test]
    fn bad_lists_are_refused() {
        assert!(for_each(&[], 10, |_| {}).is_none());
        assert!(for_each(&[DELTAS, 20], 10, |_| {}).is_none());
        assert!(for_each(&[DELTAS, 1, 0], 10, |_| {}).is_none());
        assert!(for_each(&[DELTAS, 0x80], 10, |_| {}).is_none());
        assert!(for_each(&[BITMAP, 0xff], 4, |_| {}).is_none());
        assert!(for_each(&[7], 4, |_| {}).is_none());
    }

    #[test]
    fn sets() {
        let mut a = DocSet::empty(200);
        let mut b = DocSet::empty(200);
        for id in [1, 64, 130, 199] {
            a.insert(id);
        }
        for id in [64, 199, 5] {
            b.insert(id);
        }
        a.intersect(&b);
        assert_eq!(a.len(), 2);
        assert!(a.contains(64) && a.contains(199) && !a.contains(1) && !a.contains(5));
    }
}
