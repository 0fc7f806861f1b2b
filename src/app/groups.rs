//! The tree of groups (the library's folders: category / source /
//! sub-feed) with how many articles each holds, for `t`.

use std::collections::BTreeMap;

/// One row of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The whole path (`新媒体/Aljazeera 半岛网`), for `in:`.
    pub path: String,
    /// The last part, shown indented by `depth`.
    pub name: String,
    pub depth: usize,
    pub count: usize,
}

/// Every group and each of its parents, in path order, from the groups of
/// the articles.
pub fn groups<'a>(groups_of_articles: impl Iterator<Item = &'a str>) -> Vec<Group> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for group in groups_of_articles {
        let mut path = String::new();
        for part in group.split('/').filter(|p| !p.is_empty()) {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(part);
            *counts.entry(path.clone()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(path, count)| {
            let depth = path.matches('/').count();
            let name = path.rsplit('/').next().unwrap_or_default().to_owned();
            Group { path, name, depth, count }
        })
        .collect()
}

/// The filter after choosing `group`: any `in:` clause replaced by it
/// (quoted words stay quoted).
pub fn filter_for(filter: &str, group: &str) -> String {
    replace_words(filter, |word| word.starts_with("in:"), Some(&format!("in:{group}")))
}

/// `filter` without the words `drop` picks, and with `add` at its end
/// (each word quoted again as it must be typed).
pub(super) fn replace_words(filter: &str, drop: impl Fn(&str) -> bool, add: Option<&str>) -> String {
    let words = crate::search::query::words(filter).unwrap_or_default();
    let mut kept: Vec<String> = words.iter().filter(|w| !drop(w)).map(|w| quoted(w)).collect();
    kept.extend(add.map(quoted));
    kept.join(" ")
}

/// A word as it must be typed: `in:"a b"`, `"a b"`.
pub(super) fn quoted(word: &str) -> String {
    if !word.contains(char::is_whitespace) {
        return word.to_owned();
    }
    match word.split_once(':').filter(|(field, _)| field.chars().all(|c| c.is_ascii_alphabetic())) {
        Some((field, value)) => format!("{field}:\"{value}\""),
        None => format!("\"{word}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_when_the_path_has_spaces() {
        assert_eq!(filter_for("俄罗斯 in:old", "新媒体/Aljazeera 半岛网"), "俄罗斯 in:\"新媒体/Aljazeera 半岛网\"");
        assert_eq!(filter_for("", "博客"), "in:博客");
        let twice = filter_for(&filter_for("x", "新媒体/Aljazeera 半岛网"), "blogs");
        assert_eq!(twice, "x in:blogs");
        assert_eq!(filter_for("\"a b\" in:\"c d\"", "e"), "\"a b\" in:e");
    }
}
