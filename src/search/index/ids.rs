//! A document list while the index is built: numbers while few, a bitmap
//! once a bitmap is smaller, so that building 100,000 articles holds
//! little more than the finished lists.

/// Ascending document numbers below a bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Ids {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

impl Default for Ids {
    fn default() -> Ids {
        Ids::List(Vec::new())
    }
}

/// A list longer than this (of numbers below `docs`) is kept as a bitmap.
fn dense(len: usize, docs: u32) -> bool {
    len > (docs as usize / 32).max(16)
}

fn bitmap(docs: u32) -> Vec<u64> {
    vec![0; (docs as usize).div_ceil(64)]
}

fn set(bits: &mut [u64], id: u32) {
    if let Some(word) = bits.get_mut(id as usize / 64) {
        *word |= 1 << (id % 64);
    }
}

impl Ids {
    /// Ascending `ids`, below `docs`.
    pub fn from_sorted(ids: Vec<u32>, docs: u32) -> Ids {
        let mut list = Ids::List(ids);
        list.settle(docs);
        list
    }

    /// Adds `id`, greater than every number already in (or kept as a bitmap).
    pub fn push(&mut self, id: u32, docs: u32) {
        match self {
            Ids::List(ids) => {
                ids.push(id);
                self.settle(docs);
            }
            Ids::Bits(bits) => set(bits, id),
        }
    }

    /// Adds `other`, whose numbers are all greater than this one's.
    pub fn append(&mut self, other: Ids, docs: u32) {
        match (&mut *self, other) {
            (Ids::List(ids), Ids::List(more)) => {
                ids.extend(more);
                self.settle(docs);
            }
            (Ids::Bits(bits), other) => other.for_each(|id| set(bits, id)),
            (Ids::List(ids), Ids::Bits(mut bits)) => {
                ids.iter().for_each(|&id| set(&mut bits, id));
                *self = Ids::Bits(bits);
            }
        }
    }

    /// A bitmap once that is smaller.
    fn settle(&mut self, docs: u32) {
        if let Ids::List(ids) = self
            && dense(ids.len(), docs)
        {
            let mut bits = bitmap(docs);
            ids.iter().for_each(|&id| set(&mut bits, id));
            *self = Ids::Bits(bits);
        }
    }

    fn for_each(&self, mut each: impl FnMut(u32)) {
        match self {
            Ids::List(ids) => ids.iter().for_each(|&id| each(id)),
            Ids::Bits(bits) => {
                for (i, &word) in bits.iter().enumerate() {
                    let mut word = word;
                    while word != 0 {
                        each(i as u32 * 64 + word.trailing_zeros());
                        word &= word - 1;
                    }
                }
            }
        }
    }

    /// The numbers, ascending.
    pub fn into_sorted(self) -> Vec<u32> {
        match self {
            Ids::List(ids) => ids,
            bits => {
                let mut ids = Vec::new();
                bits.for_each(|id| ids.push(id));
                ids
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_become_bitmaps_and_keep_their_numbers() {
        let mut a = Ids::default();
        for id in (0..1000).step_by(3) {
            a.push(id, 1000);
        }
        assert!(matches!(a, Ids::Bits(_)));
        let mut b = Ids::from_sorted(vec![1000, 1500], 2000);
        assert!(matches!(b, Ids::List(_)));
        let mut c = Ids::from_sorted((1000..2000).collect(), 2000);
        c.append(Ids::from_sorted(vec![2001, 2002], 2100), 2100);
        b.append(Ids::from_sorted(vec![1700], 2000), 2000);
        assert_eq!(b.clone().into_sorted(), [1000, 1500, 1700]);
        let mut d = Ids::from_sorted(vec![1, 2], 2100);
        d.append(c, 2100);
        let all = d.into_sorted();
        assert_eq!(all.len(), 1004);
        assert_eq!(&all[..3], [1, 2, 1000]);
        assert_eq!(&all[1002..], [2001, 2002]);
        assert_eq!(a.into_sorted(), (0..1000).step_by(3).collect::<Vec<u32>>());
    }
}
