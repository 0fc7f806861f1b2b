//! Finding text inside the open article: every match on the laid-out
//! lines (folded like the list's filter), the current one, and moving
//! between them.

use crate::layout::Layout;
use crate::search::fold;
use crate::search::fold::find_folded;
use crate::text::Line;

/// One match: a line and the characters of it that match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// A search in the open article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    /// The find line: the text to find and its cursor.
    pub line: Line,
    pub matches: Vec<Match>,
    /// The match shown, an index into `matches`.
    pub current: usize,
}

impl Find {
    /// Finds `text` again in `layout`; the current match becomes the first
    /// at or after line `from`.
    pub fn search(&mut self, layout: &Layout, from: usize) {
        let needle = fold(self.line.text.trim());
        self.matches = if needle.is_empty() { Vec::new() } else { find_all(layout, &needle) };
        self.current = self.matches.iter().position(|m| m.line >= from).unwrap_or(0);
    }

    /// Moves `step` matches on, round the end.
    pub fn step(&mut self, step: isize) {
        if self.matches.is_empty() {
            return;
        }
        let count = self.matches.len() as isize;
        self.current = (self.current as isize + step).rem_euclid(count) as usize;
    }

    pub fn current_match(&self) -> Option<Match> {
        self.matches.get(self.current).copied()
    }
}

fn find_all(layout: &Layout, needle: &str) -> Vec<Match> {
    let mut matches = Vec::new();
    for (index, line) in layout.lines.iter().enumerate() {
        for (start, end) in find_folded(line.text(), needle) {
            matches.push(Match { line: index, start, end });
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Base, BodyKind, Document};
    use crate::layout::{Options, layout};
    use std::path::Path;

    fn laid_out(html: &str, width: usize) -> Layout {
        let doc = Document::parse(html, BodyKind::Html, &Base::for_article(None, Path::new("/a.md")), &[]);
        layout(&doc, width, Options::default())
    }

    #[test]
    fn finds_every_match_folded() {
        let layout = laid_out("<p>烏克蘭 and Ukraine</p><p>乌克兰 again, UKRAINE.</p>", 80);
        let mut find = Find { line: Line::new("乌克兰"), ..Find::default() };
        find.search(&layout, 0);
        assert_eq!(find.matches, [Match { line: 0, start: 0, end: 3 }, Match { line: 2, start: 0, end: 3 }]);
        find.line.set("ukraine");
        find.search(&layout, 1);
        assert_eq!(find.matches.len(), 2);
        assert_eq!(find.current, 1, "the first match at or after line 1");
        find.step(1);
        assert_eq!(find.current, 0, "round the end");
        find.step(-1);
        assert_eq!(find.current, 1);
    }

    #[test]
    fn nothing_to_find() {
        let layout = laid_out("<p>text</p>", 80);
        let mut find = Find { line: Line::new("  "), ..Find::default() };
        find.search(&layout, 0);
        assert!(find.matches.is_empty());
        find.step(1);
        assert_eq!(find.current_match(), None);
    }
}
