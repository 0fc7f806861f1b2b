//! The queries the benchmark types, taken from the corpus so that they find
//! something in any library.

use super::TRADITIONAL;
use folio::Article;
use folio::search;
use pinyin::ToPinyin;
use std::collections::HashMap;

/// A query to type, and what it stands for.
pub struct Typed {
    pub text: String,
    pub what: String,
}

impl Typed {
    pub fn keys(&self) -> usize {
        self.text.chars().count()
    }
}

/// Queries taken from the corpus, so they find something in any library.
pub fn pick_queries(articles: &[Article]) -> Result<Vec<Typed>, String> {
    let n = articles.len();
    // Start in the middle: the newest articles are no more typical.
    let from_middle = || articles[n / 2..].iter().chain(&articles[..n / 2]);
    let mut queries = Vec::new();

    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let cjk = from_middle().find_map(|a| {
        let title = &*a.title;
        let start = title.find(is_han)?;
        let run: String = title[start..].chars().take_while(|&c| is_han(c)).take(4).collect();
        (run.chars().count() == 4 && search::fold(&run) == run).then_some(run)
    });
    if let Some(word) = cjk {
        queries.push(Typed { text: word, what: "CJK, from a title".to_owned() });
    }

    let latin = from_middle().skip(n / 3).find_map(|a| {
        a.title.split(' ').find(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_alphabetic())).map(str::to_owned)
    });
    if let Some(word) = latin {
        queries.push(Typed { text: word, what: "Latin, from a title".to_owned() });
    }

    // The most common author whose name starts with CJK, else the most common.
    let mut authors: HashMap<&str, usize> = HashMap::new();
    for author in articles.iter().filter_map(|a| a.author.as_deref()) {
        *authors.entry(author).or_default() += 1;
    }
    let mut authors: Vec<(&str, usize)> = authors.into_iter().collect();
    authors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let author = authors.iter().find(|(a, _)| !a.starts_with(|c: char| c.is_ascii())).or(authors.first());
    if let Some((author, _)) = author {
        let word = author.split_whitespace().next().unwrap_or(author);
        queries.push(Typed { text: format!("author:{word}"), what: "a source, as author:".to_owned() });
    }

    // The most common category/source, up to the first space.
    let mut groups: HashMap<String, usize> = HashMap::new();
    for article in articles {
        let prefix: Vec<&str> = article.group.split('/').take(2).collect();
        *groups.entry(prefix.join("/")).or_default() += 1;
    }
    let group = groups.into_iter().filter(|(g, _)| !g.is_empty()).max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    if let Some((group, _)) = group {
        let prefix = group.split_whitespace().next().unwrap_or(&group).to_owned();
        queries.push(Typed { text: format!("in:{prefix}"), what: "a group prefix, as in:".to_owned() });
    }

    // A traditional spelling of a simplified word in some title, then that
    // word's pinyin.
    let titles: Vec<String> = articles.iter().take(20_000).map(|a| search::fold(&a.title)).collect();
    let traditional = TRADITIONAL.iter().find_map(|&t| {
        let simplified = search::fold(t);
        (simplified != t && titles.iter().any(|title| title.contains(&simplified))).then_some((t, simplified))
    });
    if let Some((traditional, simplified)) = traditional {
        queries
            .push(Typed { text: traditional.to_owned(), what: format!("traditional for the title word {simplified}") });
        let pinyin: String = simplified.as_str().to_pinyin().flatten().map(|p| p.plain()).collect();
        queries.push(Typed { text: pinyin, what: format!("pinyin for {simplified}") });
    }
    if queries.len() < 4 {
        return Err(format!("found only {} queries to type in the corpus's titles", queries.len()));
    }
    Ok(queries)
}

pub fn show_query(text: &str) -> String {
    format!("\"{text}\"")
}
