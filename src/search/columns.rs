//! The list's searchable text laid out for speed: each field of every
//! article in one buffer, in list order, so that a keystroke is one pass of
//! `memmem` per word over contiguous memory rather than a walk through
//! 100,000 scattered strings. Titles a word is not in get a second look,
//! by pinyin and fuzzily, only where the rest of the query holds and the
//! title's keys admit the word.

use super::query::{Query, Test};
use super::{Entry, FuzzyKey, PinyinKey, fuzzy, pinyin};
use memchr::memmem;

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
    /// Each title's keys, in order.
    keys: Vec<(PinyinKey, FuzzyKey)>,
    rows: usize,
}

const GROUP_START: &str = "\u{1}";

/// A word that may find more titles than hold it: by pinyin, fuzzily.
struct Second<'a> {
    term: &'a [u8],
    pinyin: bool,
    fuzzy: bool,
}

impl Columns {
    /// The columns of `entries` taken in `order`.
    pub fn new(entries: &[Entry], order: &[usize]) -> Columns {
        let rows = || order.iter().map(|&i| entries[i].fields());
        Columns {
            // title, author, categories, group
            anywhere: Column::build(rows(), &[0, 1, 2, 3], ""),
            title: Column::build(rows(), &[0], ""),
            author: Column::build(rows(), &[1], ""),
            categories: Column::build(rows(), &[2], ""),
            group: Column::build(rows(), &[3], GROUP_START),
            keys: order.iter().map(|&i| (entries[i].pinyin, entries[i].fuzzy)).collect(),
            rows: order.len(),
        }
    }

    /// For each row, whether it passes the query's text clauses (the others
    /// — dates, `has:`, bodies — are left to the caller).
    pub fn select(&self, query: &Query) -> Vec<bool> {
        let mut keep = vec![true; self.rows];
        // Clauses to look at again once the others have narrowed the list.
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
            let second = match &clause.test {
                // Fuzzy matches widen a word, never what `-word` removes.
                Test::Anywhere(term) | Test::Title(term) => Some(Second {
                    term: term.as_bytes(),
                    pinyin: pinyin::is_typable(term),
                    fuzzy: !clause.negated && fuzzy::is_fuzzy(term),
                }),
                _ => None,
            };
            match second {
                Some(second) if second.pinyin || second.fuzzy => again.push((second, clause.negated, hits)),
                _ => apply(&mut keep, &hits, clause.negated),
            }
        }
        for (second, negated, mut hits) in again {
            for (row, hit) in hits.iter_mut().enumerate() {
                if keep[row] && !*hit {
                    *hit = self.title_matches(row, &second);
                }
            }
            apply(&mut keep, &hits, negated);
        }
        keep
    }

    /// Whether the title of `row` reads as `second` in pinyin or matches
    /// it fuzzily.
    fn title_matches(&self, row: usize, second: &Second<'_>) -> bool {
        let Some((pinyin_key, fuzzy_key)) = self.keys.get(row) else { return false };
        let pinyin = second.pinyin && pinyin_key.admits(second.term);
        let fuzzy = second.fuzzy && fuzzy_key.admits(second.term);
        if !pinyin && !fuzzy {
            return false;
        }
        let title = self.title.row(row).strip_suffix('\n').unwrap_or_default();
        (pinyin && pinyin::reads(title, second.term)) || (fuzzy && fuzzy::matches(title, second.term))
    }
}

/// Keeps the rows `hits` marks, or with `negated` those it does not.
fn apply(keep: &mut [bool], hits: &[bool], negated: bool) {
    for (keep, hit) in keep.iter_mut().zip(hits) {
        *keep &= *hit != negated;
    }
}
