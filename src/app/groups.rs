//! The tree of groups (the library's folders: category / source /
//! sub-feed) with how many articles each holds, for `t`.

use crate::article::Article;
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

/// Every group and each of its parents, in path order.
pub fn groups(articles: &[Article]) -> Vec<Group> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for article in articles {
        let mut path = String::new();
        for part in article.group.split('/').filter(|p| !p.is_empty()) {
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

/// The filter after choosing `group`: any `in:` clause replaced by it.
pub fn filter_for(filter: &str, group: &str) -> String {
    let mut kept: Vec<&str> = filter.split_whitespace().filter(|w| !w.starts_with("in:")).collect();
    let clause = if group.contains(' ') { format!("in:\"{group}\"") } else { format!("in:{group}") };
    kept.push(&clause);
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_when_the_path_has_spaces() {
        assert_eq!(filter_for("俄罗斯 in:old", "新媒体/Aljazeera 半岛网"), "俄罗斯 in:\"新媒体/Aljazeera 半岛网\"");
        assert_eq!(filter_for("", "博客"), "in:博客");
    }
}
