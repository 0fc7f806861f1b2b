//! Finding articles: the query language, text folded so that case, width,
//! kana and traditional/simplified Chinese do not matter, pinyin for
//! Chinese titles, fuzzy matching of Latin titles, and the search through
//! article bodies.

mod body;
mod columns;
pub mod fold;
mod fuzzy;
mod html_text;
pub mod index;
mod pinyin;
mod pinyin_key;
pub mod query;
mod sources;

pub use body::{Pace, body_matches, body_passes, body_text, run_body_search, search_bodies, search_bodies_indexed};
pub use columns::Columns;
pub use fold::fold;
pub use query::{Clause, Query, Test, parse};
pub use sources::{BodySource, BodySources, Subset};

use crate::model::Article;
use fuzzy::FuzzyKey;
use jiff::Timestamp;
use pinyin_key::PinyinKey;

/// An article's searchable text, folded once, with what its title's
/// pinyin and words can match.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    title: String,
    pinyin: PinyinKey,
    fuzzy: FuzzyKey,
    author: String,
    /// Categories and tags, one a line.
    categories: String,
    group: String,
}

impl Entry {
    pub fn new(article: &Article) -> Entry {
        let title = fold(&article.title);
        let categories: Vec<&str> = article.categories.iter().chain(article.tags.iter()).map(|c| &**c).collect();
        Entry {
            pinyin: PinyinKey::of(&title),
            fuzzy: FuzzyKey::of(&title),
            title,
            author: article.author.as_deref().map(fold).unwrap_or_default(),
            categories: fold(&categories.join("\n")),
            group: fold(&article.group),
        }
    }

    /// What the index cache keeps of it: title, author, categories and
    /// group (folded), the pinyin key's codes and the fuzzy key.
    pub(crate) fn parts(&self) -> ([&str; 4], &[u16], [u64; 2]) {
        (self.fields(), self.pinyin.codes(), self.fuzzy.to_bits())
    }

    /// An entry from its `parts`.
    pub(crate) fn from_parts(fields: [String; 4], pinyin: Box<[u16]>, fuzzy: [u64; 2]) -> Entry {
        let [title, author, categories, group] = fields;
        Entry {
            title,
            pinyin: PinyinKey::from_codes(pinyin),
            fuzzy: fuzzy::FuzzyKey::from_bits(fuzzy),
            author,
            categories,
            group,
        }
    }

    /// title, author, categories, group.
    fn fields(&self) -> [&str; 4] {
        [&self.title, &self.author, &self.categories, &self.group]
    }

    /// `relevance` of this article's title.
    pub fn relevance(&self, query: &Query) -> u32 {
        title_terms(query)
            .map(|term| {
                let bytes = term.as_bytes();
                let reads = || {
                    pinyin::is_typable(term)
                        && self.pinyin.admits(bytes)
                        && (PinyinKey::decides(bytes) || pinyin::reads(&self.title, bytes))
                };
                let fuzzy = fuzzy::is_fuzzy(term) && self.fuzzy.admits(bytes);
                term_relevance(&self.title, term, reads, fuzzy)
            })
            .max()
            .unwrap_or(0)
    }
}

/// The words of `query` that look for titles: bare and `title:` ones, not
/// negated.
fn title_terms(query: &Query) -> impl Iterator<Item = &str> {
    query.clauses.iter().filter(|c| !c.negated).filter_map(|c| match &c.test {
        Test::Anywhere(term) | Test::Title(term) => Some(term.as_str()),
        _ => None,
    })
}

/// Relevance of a title that holds a word by its pinyin ...
const HOLDS: u32 = 1 << 16;
/// ... holds it as written ...
const CONTAINS: u32 = 2 << 16;
/// ... starts with it ...
const STARTS: u32 = 3 << 16;
/// ... or is it.
const IS: u32 = 4 << 16;

/// How well `title` answers the query's words, the best of them: `IS` a
/// word, `STARTS` with one, `HOLDS` one (or reads as it in pinyin), or
/// matches one fuzzily, by nucleo's score (below `HOLDS`); 0 for none.
pub fn relevance(query: &Query, title: &str) -> u32 {
    let title = fold(title);
    title_terms(query)
        .map(|term| {
            let reads = || pinyin::is_typable(term) && pinyin::reads(&title, term.as_bytes());
            term_relevance(&title, term, reads, true)
        })
        .max()
        .unwrap_or(0)
}

/// Ranks the list `order` (of article numbers) by how well each title
/// answers the query's words (`score`: `relevance`, or a search entry's or
/// row's), most relevant first; stable, so equally relevant articles keep
/// their order (newest first, as lists are sorted before ranking). The
/// reader and `folio list --sort relevance` both rank with this.
pub fn rank_by_relevance(order: &mut [usize], score: impl Fn(usize) -> u32) {
    order.sort_by_cached_key(|&i| std::cmp::Reverse(score(i)));
}

/// `relevance` of a folded `title` for one word; `reads` says whether the
/// title reads as it in pinyin, `fuzzy` whether to try matching it fuzzily.
fn term_relevance(title: &str, term: &str, reads: impl FnOnce() -> bool, fuzzy: bool) -> u32 {
    if title == term {
        IS
    } else if title.starts_with(term) {
        STARTS
    } else if title.contains(term) {
        CONTAINS
    } else if reads() {
        HOLDS
    } else if fuzzy && fuzzy::is_fuzzy(term) {
        // At least 1, and below HOLDS: a u16.
        fuzzy::find(title, term.as_bytes()).map_or(0, |(score, _)| u32::from(score).max(1))
    } else {
        0
    }
}

/// The character ranges of `title` that the query's words match, by text,
/// by pinyin or fuzzily (for showing them in the list).
pub fn title_highlights(query: &Query, title: &str) -> Vec<(usize, usize)> {
    if title_terms(query).next().is_none() {
        return Vec::new();
    }
    let (folded, positions) = fold::fold_with_positions(title);
    // The folded title's characters: where each starts, and its sources.
    let chars: Vec<(usize, usize)> = folded.char_indices().map(|(at, _)| positions[at]).collect();
    let span = |first: usize, end: usize| (chars[first].0, chars[end - 1].1);
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for term in title_terms(query) {
        let before = marks.len();
        marks
            .extend(folded.match_indices(term).map(|(at, found)| (positions[at].0, positions[at + found.len() - 1].1)));
        if marks.len() > before || term.is_empty() {
            continue;
        }
        let bytes = term.as_bytes();
        if let Some((first, end)) = pinyin::is_typable(term).then(|| pinyin::find(&folded, bytes)).flatten() {
            marks.push(span(first, end));
        } else if let Some((_, at)) = fuzzy::is_fuzzy(term).then(|| fuzzy::find(&folded, bytes)).flatten() {
            marks.extend(at.into_iter().map(|i| span(i, i + 1)));
        }
    }
    marks.sort_unstable();
    marks
}

/// Whether `article` passes the clauses that are not about text (dates,
/// `has:`); text is for `Columns::select` or `matches`.
pub fn matches_facts(query: &Query, facts: Facts, now: Timestamp) -> bool {
    query.clauses.iter().all(|clause| {
        let holds = match &clause.test {
            Test::Dated { from, to } => facts.date.is_some_and(|d| d >= *from && d < *to),
            Test::Newer(seconds) => facts.date.is_some_and(|d| now.as_second() - d.as_second() <= *seconds),
            Test::HasImage => facts.has_image,
            Test::HasLink => facts.has_link,
            Test::Draft => facts.draft,
            _ => return true,
        };
        holds != clause.negated
    })
}

/// What the clauses that are not about text ask of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub date: Option<Timestamp>,
    /// An image in the front matter or the body.
    pub has_image: bool,
    /// An original link.
    pub has_link: bool,
    /// `draft: true`.
    pub draft: bool,
}

impl Facts {
    pub fn of(article: &Article) -> Facts {
        Facts {
            date: article.date,
            has_image: !article.images.is_empty() || article.body_images,
            has_link: article.link.is_some(),
            draft: article.draft,
        }
    }
}

/// For each of `articles`, whether it passes every clause that does not
/// need its body (`now` is for `newer:`): the same columns the reader
/// filters with, in the articles' own order.
/// The articles' search entries are used where the loader made them
/// (`entries[i]` beside `articles[i]`, when there are any), else made here.
pub fn select(query: &Query, articles: &[Article], entries: &[Entry], now: Timestamp) -> Vec<bool> {
    let text = if query.needs_text() {
        let given = |i: usize| entries.get(i);
        let made: Vec<Option<Entry>> =
            articles.iter().enumerate().map(|(i, article)| given(i).is_none().then(|| Entry::new(article))).collect();
        let rows: Vec<&Entry> = made.iter().enumerate().filter_map(|(i, made)| given(i).or(made.as_ref())).collect();
        Columns::new(&rows).select(query)
    } else {
        vec![true; articles.len()]
    };
    let facts = query.needs_facts();
    text.into_iter()
        .zip(articles)
        .map(|(text, article)| text && (!facts || matches_facts(query, Facts::of(article), now)))
        .collect()
}

#[cfg(test)]
mod tests;
