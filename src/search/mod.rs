//! Finding articles: the query language, text folded so that case, width,
//! kana and traditional/simplified Chinese do not matter, pinyin for
//! Chinese titles, and the search through article bodies.

mod body;
mod columns;
pub mod fold;
pub mod index;
mod pinyin;
pub mod query;

pub use body::{BodySource, body_matches, body_passes, body_text, search_bodies};
pub use columns::Columns;
pub use fold::fold;
pub use query::{Clause, Query, Test, parse};

use crate::article::Article;
use jiff::Timestamp;

/// An article's searchable text, folded once.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    title: String,
    pinyin: String,
    initials: String,
    author: String,
    /// Categories and tags, one a line.
    categories: String,
    group: String,
}

impl Entry {
    pub fn new(article: &Article) -> Entry {
        let title = fold(&article.title);
        let (mut pinyin, mut initials) = pinyin::pinyin_forms(&title);
        // Characters with two readings: the other one too (重庆 chongqing).
        if let Some((other, other_initials)) = pinyin::other_reading(&title) {
            pinyin.push('\n');
            pinyin.push_str(&other);
            initials.push('\n');
            initials.push_str(&other_initials);
        }
        let categories: Vec<&str> = article.categories.iter().chain(article.tags.iter()).map(|c| &**c).collect();
        Entry {
            title: fold(&article.title),
            pinyin,
            initials,
            author: article.author.as_deref().map(fold).unwrap_or_default(),
            categories: fold(&categories.join("\n")),
            group: fold(&article.group),
        }
    }

    /// title, pinyin, initials, author, categories, group.
    fn fields(&self) -> [&str; 6] {
        [&self.title, &self.pinyin, &self.initials, &self.author, &self.categories, &self.group]
    }

    /// `relevance` of this article's title.
    pub fn relevance(&self, query: &Query) -> u8 {
        relevance_folded(query, &self.title)
    }
}

/// How well `title` answers the query's words: 3 when it is one of them,
/// 2 when it starts with one, 1 when it holds one, 0 otherwise.
pub fn relevance(query: &Query, title: &str) -> u8 {
    relevance_folded(query, &fold(title))
}

/// `relevance` of a title already folded (an `Entry`'s).
pub fn relevance_folded(query: &Query, title: &str) -> u8 {
    let terms = query.clauses.iter().filter(|c| !c.negated).filter_map(|c| match &c.test {
        Test::Anywhere(term) | Test::Title(term) => Some(term),
        _ => None,
    });
    terms
        .map(|term| {
            if title == term.as_str() {
                3
            } else if title.starts_with(term.as_str()) {
                2
            } else {
                u8::from(title.contains(term.as_str()))
            }
        })
        .max()
        .unwrap_or(0)
}

/// The character ranges of `title` that the query's words match (for
/// showing them in the list).
pub fn title_marks(query: &Query, title: &str) -> Vec<(usize, usize)> {
    let mut marks: Vec<(usize, usize)> = query
        .clauses
        .iter()
        .filter(|c| !c.negated)
        .filter_map(|c| match &c.test {
            Test::Anywhere(term) | Test::Title(term) => Some(term),
            _ => None,
        })
        .flat_map(|term| fold::find_folded(title, term))
        .collect();
    marks.sort_unstable();
    marks
}

/// Whether `article` passes the clauses that are not about text (dates,
/// `has:`); text is for `Columns::select` or `matches`.
pub fn matches_facts(query: &Query, article: &Article, now: Timestamp) -> bool {
    query.clauses.iter().all(|clause| {
        let holds = match &clause.test {
            Test::Dated { from, to } => article.date.is_some_and(|d| d >= *from && d < *to),
            Test::Newer(seconds) => article.date.is_some_and(|d| now.as_second() - d.as_second() <= *seconds),
            Test::HasImage => !article.images.is_empty(),
            Test::HasLink => article.link.is_some(),
            _ => return true,
        };
        holds != clause.negated
    })
}

/// For each of `articles`, whether it passes every clause that does not
/// need its body (`now` is for `newer:`): the same columns the reader
/// filters with, in the articles' own order.
pub fn select(query: &Query, articles: &[Article], now: Timestamp) -> Vec<bool> {
    let entries: Vec<Entry> = articles.iter().map(Entry::new).collect();
    let order: Vec<usize> = (0..articles.len()).collect();
    let text = Columns::new(&entries, &order).select(query);
    let facts = query.needs_facts();
    text.into_iter()
        .zip(articles)
        .map(|(text, article)| text && (!facts || matches_facts(query, article, now)))
        .collect()
}

#[cfg(test)]
mod tests;
