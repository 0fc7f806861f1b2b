//! The list's searchable text laid out for speed: the titles of every
//! article in one buffer, a row each in the order articles came, so that a
//! keystroke is one pass of `memmem` per word over contiguous memory rather
//! than a walk through 100,000 scattered strings; authors, categories and
//! groups, which articles share, each kept once and looked for once. Titles also get a second look, by pinyin
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
    starts: Vec<u32>,
}

impl Column {
    /// Appends a row: `prefix`, then `field` and a `\n`.
    fn push(&mut self, prefix: &str, field: &str) {
        self.starts.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        self.text.push_str(prefix);
        self.text.push_str(field);
        self.text.push('\n');
        self.text.push('\0');
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// The text of `row`: its field, followed by `\n`.
    fn row(&self, row: usize) -> &str {
        // Up to the `\0` that ends it.
        let start = self.starts.get(row).map(|&s| s as usize);
        let end = self.starts.get(row + 1).map_or(self.text.len(), |&s| s as usize).saturating_sub(1);
        start.and_then(|start| self.text.get(start..end)).unwrap_or_default()
    }

    /// Marks the rows holding `needle`: a big column in two halves at once.
    fn mark(&self, needle: &str, hits: &mut [bool]) {
        self.mark_split(needle, hits, SPLIT_BYTES);
    }

    /// `mark`, in two halves when the column holds `split_bytes` or more.
    fn mark_split(&self, needle: &str, hits: &mut [bool], split_bytes: usize) {
        let finder = memmem::Finder::new(needle.as_bytes());
        let rows = self.len().min(hits.len());
        if self.text.len() < split_bytes || rows < 2 {
            return self.mark_rows(&finder, 0, &mut hits[..rows]);
        }
        let middle = rows / 2;
        let (first, second) = hits[..rows].split_at_mut(middle);
        std::thread::scope(|scope| {
            scope.spawn(|| self.mark_rows(&finder, middle, second));
            self.mark_rows(&finder, 0, first);
        });
    }

    /// Marks the rows from `first` on (as many as `hits`) holding `finder`'s needle.
    fn mark_rows(&self, finder: &memmem::Finder<'_>, first: usize, hits: &mut [bool]) {
        let Some(&start) = self.starts.get(first) else { return };
        let end = self.starts.get(first + hits.len()).map_or(self.text.len(), |&s| s as usize);
        let text = self.text.as_bytes().get(..end).unwrap_or_default();
        let mut row = first;
        let mut from = start as usize;
        while let Some(found) = text.get(from..).and_then(|rest| finder.find(rest)) {
            let at = from + found;
            // Matches come in order, so the row only moves forward.
            while row + 1 < self.starts.len() && self.starts[row + 1] as usize <= at {
                row += 1;
            }
            if let Some(hit) = hits.get_mut(row - first) {
                *hit = true;
            }
            // One match is enough: go on from the next row.
            match self.starts.get(row + 1) {
                Some(&next) => from = next as usize,
                None => break,
            }
        }
    }
}

/// Titles given a second look on two threads, from this many on.
const SPLIT_ROWS: usize = 100_000;

/// A column of more text than this is searched on two threads.
const SPLIT_BYTES: usize = 8 << 20;

/// A field most rows share with others (an author, a group): each value
/// once, and each row's value by number, so a word is looked for in the
/// values, not in every row.
#[derive(Debug, Default)]
struct Shared {
    values: Column,
    numbers: std::collections::HashMap<Box<str>, u32>,
    of_row: Vec<u32>,
}

impl Shared {
    fn push(&mut self, prefix: &str, value: &str) {
        let number = match self.numbers.get(value) {
            Some(&number) => number,
            None => {
                let number = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
                self.values.push(prefix, value);
                self.numbers.insert(value.into(), number);
                number
            }
        };
        self.of_row.push(number);
    }

    /// Marks the rows whose value holds `needle`.
    fn mark(&self, needle: &str, hits: &mut [bool]) {
        let mut values = vec![false; self.values.len()];
        self.values.mark(needle, &mut values);
        if !values.contains(&true) {
            return;
        }
        for (hit, &number) in hits.iter_mut().zip(&self.of_row) {
            *hit |= values.get(number as usize).copied().unwrap_or(false);
        }
    }
}

/// The searchable fields of every article of a list, a row each, added
/// as articles come (rows never move: a list in any order filters by its
/// articles' rows).
#[derive(Debug, Default)]
pub struct Columns {
    title: Column,
    author: Shared,
    /// Categories and tags, one a line.
    categories: Shared,
    /// Each value opens with `\u{1}`, so `in:` is a search for `\u{1}prefix`.
    group: Shared,
    /// Each title's keys, side by side to read fast: a glance at its pinyin
    /// key, and its fuzzy key.
    glances: Vec<(Glance, FuzzyKey)>,
    /// The codes of each title's pinyin key, one after another.
    pinyin: Vec<u16>,
    /// Where each row's codes start in `pinyin` (one more at the end).
    pinyin_starts: Vec<u32>,
    /// What the last words looked at again found (see `Looked`).
    looked: Mutex<Vec<Looked>>,
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
    /// Columns with a row for each of `entries`, in order.
    pub fn new(entries: &[&Entry]) -> Columns {
        let mut columns = Columns::default();
        for entry in entries {
            columns.push(entry);
        }
        columns
    }

    /// Adds a row for `entry`; its number.
    pub fn push(&mut self, entry: &Entry) -> u32 {
        let [title, author, categories, group] = entry.fields();
        let row = u32::try_from(self.title.len()).unwrap_or(u32::MAX);
        self.title.push("", title);
        self.author.push("", author);
        self.categories.push("", categories);
        self.group.push(GROUP_START, group);
        self.glances.push((entry.pinyin.glance(), entry.fuzzy));
        if self.pinyin_starts.is_empty() {
            self.pinyin_starts.push(0);
        }
        self.pinyin.extend_from_slice(entry.pinyin.codes());
        self.pinyin_starts.push(u32::try_from(self.pinyin.len()).unwrap_or(u32::MAX));
        // What words found was over the rows there were.
        self.looked.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        row
    }

    /// Rows so far.
    pub fn len(&self) -> usize {
        self.title.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The distinct categories and tags that start with `prefix`, folded
    /// as the filter folds (for completing `cat:`), sorted; at most `limit`.
    pub fn categories(&self, prefix: &str, limit: usize) -> Vec<String> {
        let prefix = super::fold(prefix);
        let values = &self.categories.values;
        let mut found = std::collections::BTreeSet::new();
        for value in (0..values.len()).map(|row| values.row(row)) {
            found.extend(value.split('\n').filter(|part| !part.is_empty() && part.starts_with(&prefix)));
        }
        found.into_iter().take(limit).map(str::to_owned).collect()
    }

    /// The folded title of `row`.
    pub fn title(&self, row: u32) -> &str {
        self.title.row(row as usize).strip_suffix('\n').unwrap_or_default()
    }

    /// The codes of `row`'s pinyin key.
    fn codes(&self, row: usize) -> &[u16] {
        let codes = self.pinyin_starts.get(row).zip(self.pinyin_starts.get(row + 1));
        codes.and_then(|(&start, &end)| self.pinyin.get(start as usize..end as usize)).unwrap_or_default()
    }

    /// How well `row`'s title answers the query's words (see `relevance`).
    pub fn relevance(&self, row: u32, query: &Query) -> u32 {
        let Some((glance, fuzzy_key)) = self.glances.get(row as usize) else { return 0 };
        let title = self.title(row);
        let codes = self.codes(row as usize);
        super::title_terms(query)
            .map(|term| {
                let bytes = term.as_bytes();
                let reads = || {
                    pinyin::is_typable(term)
                        && glance.admits(bytes)
                        && pinyin_key::opening_code(bytes).is_some_and(|code| codes.binary_search(&code).is_ok())
                        && (PinyinKey::decides(bytes) || pinyin::reads(title, bytes))
                };
                let fuzzy = fuzzy::is_fuzzy(term) && fuzzy_key.admits(bytes);
                super::term_relevance(title, term, reads, fuzzy)
            })
            .max()
            .unwrap_or(0)
    }

    /// For each row, whether it passes the query's text clauses (the others
    /// — dates, `has:`, bodies — are left to the caller).
    pub fn select(&self, query: &Query) -> Vec<bool> {
        let rows = self.len();
        let mut keep = vec![true; rows];
        // Clauses whose titles get a second look.
        let mut again = Vec::new();
        for clause in &query.clauses {
            let mut hits = vec![false; rows];
            match &clause.test {
                Test::Anywhere(term) => {
                    self.title.mark(term, &mut hits);
                    self.author.mark(term, &mut hits);
                    self.categories.mark(term, &mut hits);
                    self.group.mark(term, &mut hits);
                }
                Test::Title(term) => self.title.mark(term, &mut hits),
                Test::Author(term) => self.author.mark(term, &mut hits),
                Test::Category(term) => self.categories.mark(term, &mut hits),
                Test::In(prefix) => self.group.mark(&format!("{GROUP_START}{prefix}"), &mut hits),
                _ => continue,
            }
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
                    Some(shorter) => self.matching(&shorter.rows, second),
                    None => self.matching(&(0..self.len() as u32).collect::<Vec<u32>>(), second),
                };
                looked.push(Looked { second: second.clone(), rows });
                looked.len() - 1
            }
        };
        &looked[index].rows
    }

    /// The rows of `rows` whose titles `second` finds; many of them are
    /// read in two halves at once.
    fn matching(&self, rows: &[u32], second: &Second) -> Vec<u32> {
        self.matching_split(rows, second, SPLIT_ROWS)
    }

    /// `matching`, in two halves from `split_rows` rows on.
    fn matching_split(&self, rows: &[u32], second: &Second, split_rows: usize) -> Vec<u32> {
        let matching = |rows: &[u32]| -> Vec<u32> {
            rows.iter().copied().filter(|&row| self.title_matches(row, second)).collect()
        };
        if rows.len() < split_rows.max(2) {
            return matching(rows);
        }
        let (first, rest) = rows.split_at(rows.len() / 2);
        let (mut found, more) = std::thread::scope(|scope| {
            let more = scope.spawn(|| matching(rest));
            (matching(first), more.join())
        });
        match more {
            Ok(more) => found.extend(more),
            // The half's thread panicked: read it here (and panic here, if it must).
            Err(_) => found.extend(matching(rest)),
        }
        found
    }

    /// Whether the title of `row` reads as `second` in pinyin or matches
    /// it fuzzily.
    fn title_matches(&self, row: u32, second: &Second) -> bool {
        let row = row as usize;
        let Some((glance, fuzzy_key)) = self.glances.get(row) else { return false };
        let term = &second.term;
        let title = || self.title(row as u32);
        if second.fuzzy {
            return fuzzy_key.admits(term) && fuzzy::matches(title(), term);
        }
        if !glance.admits(term) {
            return false;
        }
        let codes = self.codes(row);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_looked_at_again_in_halves_are_those_one_pass_finds() {
        let titles = ["北京新闻", "Beijing news", "bei", "上海", "notebook", "波士顿", "bo", ""];
        let entries: Vec<Entry> = (0..60)
            .map(|n| {
                let text = format!("---\ntitle: '{}'\n---\n<p>x</p>", titles[n % titles.len()]);
                match crate::file::article_from_bytes(std::path::Path::new("/l/a.md"), text.as_bytes()) {
                    crate::file::Outcome::Article(article) => Entry::new(&article),
                    other => panic!("not an article: {other:?}"),
                }
            })
            .collect();
        let columns = Columns::new(&entries.iter().collect::<Vec<_>>());
        let every: Vec<u32> = (0..columns.len() as u32).collect();
        for (term, fuzzy) in [("b", false), ("bj", false), ("bei", false), ("nbk", true), ("bo", false)] {
            let second = Second { term: term.as_bytes().to_vec(), fuzzy };
            let whole = columns.matching_split(&every, &second, usize::MAX);
            assert!(!whole.is_empty() || fuzzy || term == "bj", "{term}: found nothing");
            for split in [0, 1, 7, 59] {
                assert_eq!(columns.matching_split(&every, &second, split), whole, "{term} split at {split}");
            }
        }
    }

    #[test]
    fn a_column_searched_in_halves_marks_what_one_pass_marks() {
        let mut column = Column::default();
        let titles = ["ab", "b", "", "abab", "xa", "bx", "ba", "a"];
        for n in 0..50 {
            column.push("", titles[n % titles.len()]);
        }
        for needle in ["a", "b", "ab", "ba", "x", "a\n", "zz"] {
            let mut whole = vec![false; column.len()];
            column.mark_split(needle, &mut whole, usize::MAX);
            let expected: Vec<bool> = (0..column.len()).map(|row| column.row(row).contains(needle)).collect();
            assert_eq!(whole, expected, "{needle:?} in one pass");
            for split_bytes in [0, 1, 100] {
                let mut halves = vec![false; column.len()];
                column.mark_split(needle, &mut halves, split_bytes);
                assert_eq!(halves, expected, "{needle:?} in halves");
            }
        }
    }
}
