//! The pieces of the list store: a row's fixed-size fields, a slice of the
//! string arena, and a table of strings articles share.

use crate::state::ReadState;
use jiff::Timestamp;
use std::collections::HashMap;
use std::hash::Hash;

/// A string in the store's arena: where it starts and how long it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slice {
    start: u32,
    len: u32,
}

impl Slice {
    /// Appends `bytes` to `arena`: their slice.
    pub fn push(arena: &mut Vec<u8>, bytes: &[u8]) -> Slice {
        let start = u32::try_from(arena.len()).unwrap_or(u32::MAX);
        arena.extend_from_slice(bytes);
        Slice { start, len: u32::try_from(bytes.len()).unwrap_or(0) }
    }

    /// The bytes of this slice in `arena`.
    pub fn of(self, arena: &[u8]) -> &[u8] {
        let start = self.start as usize;
        arena.get(start..start + self.len as usize).unwrap_or_default()
    }
}

/// Values many rows share, each kept once, by number.
#[derive(Debug, Clone)]
pub struct Table<T> {
    pub(super) values: Vec<T>,
    numbers: HashMap<T, u32>,
}

impl<T> Default for Table<T> {
    fn default() -> Table<T> {
        Table { values: Vec::new(), numbers: HashMap::new() }
    }
}

impl<T: Clone + Eq + Hash> Table<T> {
    /// The number of `value`, added if new.
    pub fn number(&mut self, value: &T) -> u32 {
        if let Some(&number) = self.numbers.get(value) {
            return number;
        }
        let number = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.values.push(value.clone());
        self.numbers.insert(value.clone(), number);
        number
    }

    pub fn get(&self, number: u32) -> Option<&T> {
        self.values.get(number as usize)
    }
}

/// One article: its strings by slice or number, the facts lists filter by,
/// and what the reader keeps beside it. (Where its file is, is in the
/// store's `PathTable`.)
#[derive(Debug)]
pub struct Row {
    pub title: Slice,
    /// Empty: no link.
    pub link: Slice,
    /// The front matter's summary, cut to `SUMMARY_BYTES` (empty: none).
    pub summary: Slice,
    pub group: u32,
    /// `u32::MAX`: no author.
    pub author: u32,
    pub date: Option<Timestamp>,
    pub has_image: bool,
    pub has_link: bool,
    /// A draft (`draft: true`), marked in the list and found by `is:draft`.
    pub draft: bool,
    pub state: ReadState,
    /// Deleted on disk since (kept, so that numbers stay).
    pub gone: bool,
}
