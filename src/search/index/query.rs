//! Answering a query from the index: each positive `body:` term narrowed
//! to the documents holding all its pairs and, for each run of ASCII
//! letters and digits in it, a word containing that run.

use super::extract::words_of;
use super::postings::{DocSet, for_each};
use super::{BodyIndex, Doc, EXACT, Stamp};
use crate::search::{Query, Test};

/// What the index says of one article and a query's `body:` terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It cannot pass.
    No,
    /// Its body must be read to know (`search::body_passes`).
    Maybe,
    /// It passes, for certain: Latin words looked up in a body indexed and
    /// current, whose light and full folds agree.
    Yes,
}

/// A query's answers from the index, one document at a time.
pub struct Judge<'a> {
    index: &'a BodyIndex,
    /// The documents that may pass (all, when `None`).
    set: Option<DocSet>,
    /// Whether a document in `set`, indexed exactly, passes for certain.
    certain: bool,
    /// The answer for every document, when the query has no `body:` term.
    all: Option<Verdict>,
}

impl Judge<'_> {
    /// The verdict on the file `key` as of `stamp`, `position` its likely
    /// place in the index (tried first).
    pub fn verdict(&self, position: usize, key: &[u8], stamp: Stamp) -> Verdict {
        if let Some(all) = self.all {
            return all;
        }
        match self.index.current_at(position, key, stamp) {
            None => Verdict::Maybe,
            Some(n) if self.set.as_ref().is_some_and(|s| !s.contains(n)) => Verdict::No,
            Some(n) if self.certain && self.index.flags[n as usize] & EXACT != 0 => Verdict::Yes,
            Some(_) => Verdict::Maybe,
        }
    }
}

/// A run of Latin letters looked for in more words than this narrows
/// nothing worth the time: it is left out.
const MAX_WORDS: usize = 50_000;

impl BodyIndex {
    /// For each of `docs` (in the same order), whether it may pass every
    /// positive `body:` clause of `query` (negated ones prune nothing).
    /// Documents not in the index, or changed since, are `true`.
    pub fn may_match(&self, query: &Query, docs: &[Doc]) -> Vec<bool> {
        self.verdicts(query, docs).into_iter().map(|v| v != Verdict::No).collect()
    }

    /// For each of `docs`, what the index says (see `Verdict`).
    pub fn verdicts(&self, query: &Query, docs: &[Doc]) -> Vec<Verdict> {
        self.verdicts_of(query, docs.iter().map(|doc| (&*doc.key, doc.stamp)))
    }

    /// `verdicts` for documents given as (key, stamp), in the caller's order.
    pub fn verdicts_of<K: AsRef<[u8]>>(
        &self,
        query: &Query,
        docs: impl IntoIterator<Item = (K, Stamp)>,
    ) -> Vec<Verdict> {
        let judge = self.judge(query);
        docs.into_iter().enumerate().map(|(i, (key, stamp))| judge.verdict(i, key.as_ref(), stamp)).collect()
    }

    /// The index's answers to `query`, made ready once (its terms looked
    /// up), then asked one document at a time.
    pub fn judge(&self, query: &Query) -> Judge<'_> {
        let terms: Vec<&str> = query
            .clauses
            .iter()
            .filter(|c| !c.negated)
            .filter_map(|c| match &c.test {
                Test::Body(term) => Some(term.as_str()),
                _ => None,
            })
            .collect();
        let negated = query.clauses.iter().any(|c| c.negated && matches!(c.test, Test::Body(_)));
        if terms.is_empty() {
            let all = if negated { Verdict::Maybe } else { Verdict::Yes };
            return Judge { index: self, set: None, certain: false, all: Some(all) };
        }
        // One Latin word each: the index knows the answer (when exact).
        let mut certain =
            !negated && terms.iter().all(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphanumeric()));
        let mut set: Option<DocSet> = None;
        for term in &terms {
            let (sets, complete) = self.term_sets(term);
            certain &= complete;
            for narrowed in sets {
                match &mut set {
                    Some(set) => set.intersect(&narrowed),
                    None => set = Some(narrowed),
                }
            }
        }
        Judge { index: self, set, certain, all: None }
    }

    /// The sets of documents that may hold `term` (folded): one per pair
    /// and per run of Latin letters; none when the term is one character.
    /// Whether every run narrowed (none was left out for `MAX_WORDS`).
    fn term_sets(&self, term: &str) -> (Vec<DocSet>, bool) {
        let mut sets = Vec::new();
        if term.chars().nth(1).is_none() {
            return (sets, false);
        }
        let mut pairs: Vec<u64> = super::extract::pairs_of(term).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut complete = true;
        for pair in pairs {
            let (set, read) = self.pair_set(pair);
            complete &= read;
            sets.push(set);
        }
        for run in words_of(term).filter(|r| r.len() >= 2) {
            match self.run_set(run.as_bytes()) {
                Some(set) => sets.push(set),
                None => complete = false,
            }
        }
        (sets, complete)
    }

    /// The documents holding `pair`, and whether its list could be read.
    fn pair_set(&self, pair: u64) -> (DocSet, bool) {
        let mut set = DocSet::empty(self.len() as u32);
        let read = match self.pairs.binary_search(&pair) {
            Ok(j) => self.add_list(self.word_starts.len() + j, &mut set),
            Err(_) => true,
        };
        (set, read)
    }

    /// The documents holding a word that contains `run`; `None` when too
    /// many words do, or a list cannot be read.
    fn run_set(&self, run: &[u8]) -> Option<DocSet> {
        let mut words = Vec::new();
        for at in memchr::memmem::find_iter(&self.vocabulary, run) {
            let word = self.word_starts.partition_point(|&s| s as usize <= at).saturating_sub(1);
            if words.last() != Some(&word) {
                words.push(word);
            }
            if words.len() > MAX_WORDS {
                return None;
            }
        }
        let mut set = DocSet::empty(self.len() as u32);
        for word in words {
            if !self.add_list(word, &mut set) {
                return None;
            }
        }
        Some(set)
    }

    /// Adds the documents of list `list` to `set`; all of them when the list
    /// cannot be read (then `false`).
    fn add_list(&self, list: usize, set: &mut DocSet) -> bool {
        let count = self.len() as u32;
        let decoded = self.list(list).and_then(|bytes| for_each(&bytes, count, |n| set.insert(n)));
        if decoded.is_none() {
            for n in 0..count {
                set.insert(n);
            }
        }
        decoded.is_some()
    }
}
