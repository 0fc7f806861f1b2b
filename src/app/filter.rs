//! The live filter: every space-separated term must occur, ignoring case,
//! in the title, author, categories or group path.

use crate::article::Article;

/// The text an article is found by, lower-cased once.
pub fn haystack(article: &Article) -> String {
    let mut text = String::with_capacity(article.title.len() + 64);
    text.push_str(&article.title);
    for part in article.author.iter().chain(article.categories.iter()).chain(article.tags.iter()) {
        text.push('\n');
        text.push_str(part);
    }
    text.push('\n');
    text.push_str(&article.group);
    text.to_lowercase()
}

/// The filter's terms, lower-cased.
pub fn terms(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether `haystack` holds every term.
pub fn matches(haystack: &str, terms: &[String]) -> bool {
    terms.iter().all(|term| haystack.contains(term.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_must_match_somewhere() {
        let hay = "俄罗斯希望在日内瓦会谈期间得到美国保证\naljazeera 半岛网\n新媒体\n新媒体/aljazeera 半岛网/新闻";
        assert!(matches(hay, &terms("日内瓦 半岛")));
        assert!(matches(hay, &terms("ALJAZEERA")));
        assert!(matches(hay, &terms("")));
        assert!(!matches(hay, &terms("日内瓦 cnbeta")));
    }
}
