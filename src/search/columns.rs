//! The list's searchable text laid out for speed: each field of every
//! article in one buffer, in list order, so that a keystroke is one pass of
//! `memmem` per word over contiguous memory rather than a walk through
//! 100,000 scattered strings. Titles also get a second look, by pinyin
//! and fuzzily: small keys side by side turn most titles away unread, and
//! what a word found is kept, so the next keystroke reads only those titles
//! and a backspace none.

use super::pinyin_key::{self, Glance};
use super::query::{Query, Test};
use super::{Entry, FuzzyKey, PinyinKey, fuzzy, pinyin};
use memchr::memmem;
use std::sync::Mutex;

/// One field of every row, rows apart by `\0` (which no folded word holds).
#[derive(Debug, Default)]
struct Column {
    text: String,
    /// Where each row starts.
    starts: Vec<usize>,
}

impl Column {
    fn build<'a>(rows: impl Iterator<Item = [&'a str; 4]>, fields: &[usize], prefix: &str) -> Column {
        let mut column = Column::default();
        for row in rows {
            column.starts.push(column.text.len());
            column.text.push_str(prefix);
            for &field in fields {
                column.text.push_str(row[field]);
                column.text.push('\n');
            }
            column.text.push('\0');
        }
        column
    }

    /// The text of `row`: its fields, each followed by `\n`.
    fn row(&self, row: usize) -> &str {
        // Up to the `\0` that ends it.
        let end = self.starts.get(row + 1).copied().unwrap_or(self.text.len()).saturating_sub(1);
        self.starts.get(row).and_then(|&start| self.text.get(start..end)).unwrap_or_default()
    }

    /// Marks the rows holding `needle`.
    fn mark(&self, needle: &str, hits: &mut [bool]) {
        let finder = memmem::Finder::new(needle.as_bytes());
        let text = self.text.as_bytes();
        let mut row = 0;
        let mut from = 0;
        while let Some(found) = finder.find(&text[from..]) {
            let at = from + found;
            // Matches come in order, so the row only moves forward.
            while row + 1 < self.starts.len() && self.starts[row + 1] <= at {
                row += 1;
            }
            if let Some(hit) = hits.get_mut(row) {
                *hit = true;
            }
            // One match is enough: go on from the next row.
            match self.starts.get(row + 1) {
                Some(&next) => from = next,
                None => break,
            }
        }
    }
}

/// The searchable fields of a list, in its order.
#[derive(Debug, Default)]
pub struct Columns {
    anywhere: Column,
    title: Column,
    author: Column,
    categories: Column,
    /// Each row opens with `\u{1}`, so `in:` is a search for `\u{1}prefix`.
    group: Column,
    /// Each title's keys, side by side to read fast: a glance at its pinyin
    /// key, and its fuzzy key.
    glances: Vec<(Glance, FuzzyKey)>,
    /// The codes of each title's pinyin key, one after another.
    pinyin: Vec<u16>,
    /// Where each row's codes start in `pinyin`.
    pinyin_starts: Vec<usize>,
    /// What the last words looked at again found (see `Looked`).
    looked: Mutex<Vec<Looked>>,
    rows: usize,
}

const GROUP_START: &str = "\u{1}";

/// A word that may find more titles than hold it: by pinyin, or fuzzily.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Second {
    term: Vec<u8>,
    fuzzy: bool,
}

impl Second {
    /// Whether every title this finds, `shorter` finds too: it looks the
    /// same way for a longer word.
    fn narrows(&self, shorter: &Second) -> bool {
        self.fuzzy == shorter.fuzzy && self.term.starts_with(&shorter.term)
    }
}

/// The rows whose titles a word found by pinyin or fuzzily, over the whole
/// list. A title that a word finds, a word it starts also finds, so while
/// a word is typed the last find is all that the next keystroke reads;
/// and a backspace finds the shorter word's rows here.
#[derive(Debug)]
struct Looked {
    second: Second,
    rows: Vec<u32>,
}

/// How many finds `Looked` keeps: words typed a letter at a time.
const LOOKED: usize = 64;

impl Columns {
    /// The columns of the list whose rows are `entries`, in order.
    pub fn new(entries: &[&Entry]) -> Columns {
        let rows = || entries.iter().map(|entry| entry.fields());
        let mut pinyin = Vec::new();
        let mut pinyin_starts = Vec::with_capacity(entries.len() + 1);
        for entry in entries {
            pinyin_starts.push(pinyin.len());
            pinyin.extend_from_slice(entry.pinyin.codes());
        }
        pinyin_starts.push(pinyin.len());
        Columns {
            // title, author, categories, group
            anywhere: Column::build(rows(), &[0, 1, 2, 3], ""),
            title: Column::build(rows(), &[0], ""),
            author: Column::build(rows(), &[1], ""),
            categories: Column::build(rows(), &[2], ""),
            group: Column::build(rows(), &[3], GROUP_START),
            glances: entries.iter().map(|entry| (entry.pinyin.glance(), entry.fuzzy)).collect(),
            pinyin,
            pinyin_starts,
            looked: Mutex::default(),
            rows: entries.len(),
        }
    }

    /// For each row, whether it passes the query's text clauses (the others
    /// — dates, `has:`, bodies — are left to the caller).
    pub fn select(&self, query: &Query) -> Vec<bool> {
        let mut keep = vec![true; self.rows];
        // Clauses whose titles get a second look.
        let mut again = Vec::new();
        for clause in &query.clauses {
            let (column, needle) = match &clause.test {
                Test::Anywhere(term) => (&self.anywhere, term.clone()),
                Test::Title(term) => (&self.title, term.clone()),
                Test::Author(term) => (&self.author, term.clone()),
                Test::Category(term) => (&self.categories, term.clone()),
                Test::In(prefix) => (&self.group, format!("{GROUP_START}{prefix}")),
                _ => continue,
            };
            let mut hits = vec![false; self.rows];
            column.mark(&needle, &mut hits);
            let seconds: Vec<Second> = match &clause.test {
                // Fuzzy matches widen a word, never what `-word` removes.
                Test::Anywhere(term) | Test::Title(term) => [
                    pinyin::is_typable(term).then(|| Second { term: term.as_bytes().to_vec(), fuzzy: false }),
                    (!clause.negated && fuzzy::is_fuzzy(term))
                        .then(|| Second { term: term.as_bytes().to_vec(), fuzzy: true }),
                ]
                .into_iter()
                .flatten()
                .collect(),
                _ => Vec::new(),
            };
            if seconds.is_empty() {
                apply(&mut keep, &hits, clause.negated);
            } else {
                again.push((seconds, clause.negated, hits));
            }
        }
        let mut looked = self.looked.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (seconds, negated, hits) in &mut again {
            for second in seconds.iter() {
                for &row in self.look_again(&mut looked, second) {
                    if let Some(hit) = hits.get_mut(row as usize) {
                        *hit = true;
                    }
                }
            }
            apply(&mut keep, hits, *negated);
        }
        // Keep the finds of the words the query's words start with, for the
        // next keystroke and for backspace; a query without such words
        // (`author:x`, typed on from `author`) keeps them all.
        if !again.is_empty() {
            looked.retain(|l| again.iter().flat_map(|(seconds, ..)| seconds).any(|s| s.narrows(&l.second)));
        }
        let over = looked.len().saturating_sub(LOOKED);
        looked.drain(..over);
        keep
    }

    /// The rows whose titles `second` finds by pinyin or fuzzily, from
    /// `looked` when it was looked for before, else reading only the rows
    /// the find of a word it starts with holds, when there is one.
    fn look_again<'a>(&self, looked: &'a mut Vec<Looked>, second: &Second) -> &'a [u32] {
        let index = match looked.iter().position(|l| l.second == *second) {
            Some(index) => index,
            None => {
                let shorter = looked.iter().filter(|l| second.narrows(&l.second)).max_by_key(|l| l.second.term.len());
                let rows: Vec<u32> = match shorter {
                    Some(shorter) => {
                        shorter.rows.iter().copied().filter(|&row| self.title_matches(row, second)).collect()
                    }
                    None => (0..self.rows as u32).filter(|&row| self.title_matches(row, second)).collect(),
                };
                looked.push(Looked { second: second.clone(), rows });
                looked.len() - 1
            }
        };
        &looked[index].rows
    }

    /// Whether the title of `row` reads as `second` in pinyin or matches
    /// it fuzzily.
    fn title_matches(&self, row: u32, second: &Second) -> bool {
        let row = row as usize;
        let Some((glance, fuzzy_key)) = self.glances.get(row) else { return false };
        let term = &second.term;
        let title = || self.title.row(row).strip_suffix('\n').unwrap_or_default();
        if second.fuzzy {
            return fuzzy_key.admits(term) && fuzzy::matches(title(), term);
        }
        if !glance.admits(term) {
            return false;
        }
        let codes = self.pinyin_starts.get(row).zip(self.pinyin_starts.get(row + 1));
        let codes = codes.and_then(|(&start, &end)| self.pinyin.get(start..end)).unwrap_or_default();
        pinyin_key::opening_code(term).is_some_and(|code| codes.contains(&code))
            && (PinyinKey::decides(term) || pinyin::reads(title(), term))
    }
}

/// Keeps the rows `hits` marks, or with `negated` those it does not.
fn apply(keep: &mut [bool], hits: &[bool], negated: bool) {
    for (keep, hit) in keep.iter_mut().zip(hits) {
        *keep &= *hit != negated;
    }
}
