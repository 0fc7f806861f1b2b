//! The list's searchable text laid out for speed: each field of every
//! article in one buffer, in list order, so that a keystroke is one pass of
//! `memmem` per word over contiguous memory rather than a walk through
//! 100,000 scattered strings.

use super::Entry;
use super::query::{Query, Test};
use memchr::memmem;

/// One field of every row, rows apart by `\0` (which no folded word holds).
#[derive(Debug, Default)]
struct Column {
    text: String,
    /// Where each row starts.
    starts: Vec<usize>,
}

impl Column {
    fn build<'a>(rows: impl Iterator<Item = [&'a str; 6]>, fields: &[usize], prefix: &str) -> Column {
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
    rows: usize,
}

const GROUP_START: &str = "\u{1}";

impl Columns {
    /// The columns of `entries` taken in `order`.
    pub fn new(entries: &[Entry], order: &[usize]) -> Columns {
        let rows = || order.iter().map(|&i| entries[i].fields());
        Columns {
            // title, pinyin, initials, author, categories, group
            anywhere: Column::build(rows(), &[0, 1, 2, 3, 4, 5], ""),
            title: Column::build(rows(), &[0, 1, 2], ""),
            author: Column::build(rows(), &[3], ""),
            categories: Column::build(rows(), &[4], ""),
            group: Column::build(rows(), &[5], GROUP_START),
            rows: order.len(),
        }
    }

    /// For each row, whether it passes the query's text clauses (the others
    /// — dates, `has:`, bodies — are left to the caller).
    pub fn select(&self, query: &Query) -> Vec<bool> {
        let mut keep = vec![true; self.rows];
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
            for (keep, hit) in keep.iter_mut().zip(hits) {
                *keep &= hit != clause.negated;
            }
        }
        keep
    }
}
