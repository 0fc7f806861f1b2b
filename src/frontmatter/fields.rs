//! From `key: value` entries to the fields folio knows.

use super::{KeyValue, Value};
use crate::date::parse_date;
use crate::text::{clean_field, clean_url, strip_controls};
use jiff::Timestamp;
use std::borrow::Cow;

/// The fields of one article's front matter, cleaned and decoded; text
/// that needed no change still borrows from the block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter<'a> {
    /// `None` when missing or empty.
    pub title: Option<Cow<'a, str>>,
    pub categories: Vec<Cow<'a, str>>,
    pub tags: Vec<Cow<'a, str>>,
    pub author: Option<Cow<'a, str>>,
    pub date: Option<Timestamp>,
    /// The `date` text when it could not be read as a date.
    pub unreadable_date: Option<String>,
    /// `headimg`, `thumbnail`, `cover`, `image`, `images`, `banner`,
    /// `featured_image`: deduplicated, non-empty.
    pub images: Vec<String>,
    /// The original article: the first of `link`, `original`, `source`,
    /// `canonical`, `url`, `permalink` that is a whole URL, else the first
    /// given.
    pub link: Option<String>,
    /// `description`, `summary` or `excerpt`, the first given.
    pub summary: Option<Cow<'a, str>>,
    /// `draft: true`, or Jekyll's `published: false`.
    pub draft: bool,
    /// Every other key, kept as it was (controls removed).
    pub extra: Vec<KeyValue<'a>>,
    pub warnings: Vec<String>,
}

const IMAGE_KEYS: [&str; 8] =
    ["headimg", "thumbnail", "cover", "image", "images", "banner", "featured_image", "feature_image"];
const LINK_KEYS: [&str; 6] = ["link", "original", "source", "canonical", "url", "permalink"];
/// Where generators and clippers keep an article's date, best first:
/// Hugo's `publishDate` is the date it was published, Obsidian Web
/// Clipper's `published` the page's own and `created` the clipping's;
/// Hugo's `lastmod` and Hexo's `updated` only when nothing else says.
const DATE_KEYS: [&str; 8] =
    ["date", "publishdate", "published", "pubdatetime", "pubdate", "created", "lastmod", "updated"];
const TAG_KEYS: [&str; 3] = ["tags", "tag", "keywords"];
const SUMMARY_KEYS: [&str; 3] = ["description", "summary", "excerpt"];

/// `true` or `false` (Jekyll's `published: false` is no date).
fn is_flag(value: &Value<'_>) -> bool {
    let value = match value {
        Value::Typed(value, _) => value,
        value => value,
    };
    matches!(value, Value::Text(text) if matches!(text.trim(), "true" | "false" | "True" | "False" | "yes" | "no"))
}

impl<'a> FrontMatter<'a> {
    pub(crate) fn from_entries(entries: Vec<KeyValue<'a>>, warnings: Vec<String>) -> Self {
        let mut fm = FrontMatter { warnings, ..FrontMatter::default() };
        let mut links: [Option<String>; LINK_KEYS.len()] = Default::default();
        let mut images: [Vec<String>; IMAGE_KEYS.len()] = Default::default();
        let mut dates: [Option<Cow<'a, str>>; DATE_KEYS.len()] = Default::default();
        for (key, value) in entries {
            let is = |name: &str| key.eq_ignore_ascii_case(name);
            if is("title") {
                fm.title = value.into_first().map(clean).filter(|t| !t.is_empty());
            } else if is("categories") || is("category") {
                fm.categories.extend(value.into_all().map(clean).filter(|c| !c.is_empty()));
            } else if TAG_KEYS.iter().any(|k| is(k)) {
                fm.tags.extend(value.into_all().flat_map(split_keywords).map(clean).filter(|t| !t.is_empty()));
            } else if is("author") || is("authors") {
                let mut names: Vec<Cow<'a, str>> =
                    value.into_all().map(wiki_link_text).map(clean).filter(|a| !a.is_empty()).collect();
                fm.author = match names.len() {
                    0 => None,
                    1 => names.pop(),
                    _ => Some(Cow::Owned(names.join(", "))),
                };
            } else if is("draft") || (is("published") && is_flag(&value)) {
                let yes = value.into_first().is_some_and(|v| matches!(v.trim(), "true" | "yes" | "True" | "TRUE"));
                fm.draft |= if is("draft") { yes } else { !yes };
            } else if SUMMARY_KEYS.iter().any(|k| is(k)) {
                if fm.summary.is_none() {
                    fm.summary = value.into_first().map(clean).filter(|s| !s.is_empty());
                }
            } else if let Some(slot) = DATE_KEYS.iter().position(|k| is(k)) {
                dates[slot] = value.into_first().filter(|date| !date.trim().is_empty());
            } else if let Some(slot) = IMAGE_KEYS.iter().position(|k| is(k)) {
                images[slot].extend(value.into_all().map(|url| clean_url(&url)));
            } else if let Some(slot) = LINK_KEYS.iter().position(|k| is(k)) {
                links[slot] = value.into_first().map(|url| clean_url(&url)).filter(|l| !l.is_empty());
            } else {
                fm.extra.push((strip(key), value.map(strip)));
            }
        }
        for url in images.into_iter().flatten() {
            if !url.is_empty() && !fm.images.contains(&url) {
                fm.images.push(url);
            }
        }
        // `tags` and `keywords` (or a category given twice) name one once.
        for list in [&mut fm.tags, &mut fm.categories] {
            let mut seen = std::collections::HashSet::new();
            list.retain(|item| seen.insert(item.clone()));
        }
        let whole = links.iter().flatten().find(|link| link.contains("://")).cloned();
        fm.link = whole.or_else(|| links.into_iter().flatten().next());
        if let Some(date) = dates.into_iter().flatten().next() {
            fm.read_date(Some(&date));
        }
        fm
    }

    fn read_date(&mut self, raw: Option<&str>) {
        let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
            return;
        };
        match parse_date(raw) {
            Some(date) => self.date = Some(date),
            None => {
                let text = clean_field(raw).into_owned();
                self.warnings.push(format!("unreadable date `{text}`; sorted as undated"));
                self.unreadable_date = Some(text);
            }
        }
    }
}

impl<'a> Value<'a> {
    fn into_first(self) -> Option<Cow<'a, str>> {
        match self {
            Value::Null => None,
            Value::Text(text) => Some(text),
            Value::List(items) => items.into_iter().next(),
            Value::Typed(value, _) => value.into_first(),
        }
    }

    fn into_all(self) -> impl Iterator<Item = Cow<'a, str>> {
        let items = match self.into_plain() {
            Value::Text(text) => vec![text],
            Value::List(items) => items,
            Value::Null | Value::Typed(..) => Vec::new(),
        };
        items.into_iter()
    }

    fn map(self, f: impl Fn(Cow<'a, str>) -> Cow<'a, str>) -> Value<'a> {
        match self {
            Value::Null => Value::Null,
            Value::Text(text) => Value::Text(f(text)),
            Value::List(items) => Value::List(items.into_iter().map(f).collect()),
            Value::Typed(value, json) => Value::Typed(Box::new(value.map(f)), json),
        }
    }
}

/// `keywords: rust, tui` (one string, as HTML's meta keywords) is a list.
fn split_keywords(text: Cow<'_, str>) -> Vec<Cow<'_, str>> {
    if !text.contains(',') {
        return vec![text];
    }
    text.split(',').map(|word| Cow::Owned(word.trim().to_owned())).collect()
}

/// An Obsidian link (`[[Jane Doe]]`, `[[people/Jane|Jane Doe]]`) as the
/// text it shows.
fn wiki_link_text(text: Cow<'_, str>) -> Cow<'_, str> {
    let trimmed = text.trim();
    match trimmed.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
        Some(inner) => Cow::Owned(inner.rsplit('|').next().unwrap_or(inner).trim().to_owned()),
        None => text,
    }
}

/// `clean_field` that keeps borrowing when nothing changes.
fn clean(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => clean_field(text),
        Cow::Owned(text) => Cow::Owned(clean_field(&text).into_owned()),
    }
}

/// `strip_controls` that keeps borrowing when nothing changes.
fn strip(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => strip_controls(text),
        Cow::Owned(text) => Cow::Owned(strip_controls(&text).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_block;

    #[test]
    fn fields_of_the_template() {
        let fm = parse_block(
            "title: '_AC_&nbsp;SQUARE ENIX'\ncategories: \n - 游戏\n - 巴哈姆特\n - GNN 新聞\nheadimg: 'https://x.test/a.JPG?v=1'\nauthor: 巴哈姆特\ncomments: false\ndate: 2021-05-01 08:02:48\nthumbnail: 'https://x.test/a.JPG?v=1'\n",
        );
        assert_eq!(fm.title.as_deref(), Some("_AC_ SQUARE ENIX"));
        assert_eq!(fm.categories, ["游戏", "巴哈姆特", "GNN 新聞"]);
        assert_eq!(fm.author.as_deref(), Some("巴哈姆特"));
        assert_eq!(fm.date.map(|d| d.to_string()).as_deref(), Some("2021-05-01T08:02:48Z"));
        assert_eq!(fm.images, ["https://x.test/a.JPG?v=1"]);
        let typed = super::Value::Typed(Box::new(super::Value::Text("false".into())), "false".into());
        assert_eq!(fm.extra, [("comments".into(), typed)]);
        assert!(fm.warnings.is_empty());
    }

    #[test]
    fn one_string_category_tags_and_links() {
        let fm = parse_block(
            "title: x\ncategories: 随笔\ntags: [rust, tui]\nurl: 'https://a.test/p?a=1&amp;b=2'\npermalink: https://b.test\n",
        );
        assert_eq!(fm.categories, ["随笔"]);
        assert_eq!(fm.tags, ["rust", "tui"]);
        assert_eq!(fm.link.as_deref(), Some("https://a.test/p?a=1&b=2"));
        // A clipper's `source` is the original; a site's own `url` or
        // `permalink` (often a path) is taken only when there is nothing else.
        let fm = parse_block("url: /blog/x/\nsource: https://b.test/x\n");
        assert_eq!(fm.link.as_deref(), Some("https://b.test/x"));
        let fm = parse_block("permalink: /blog/x/\n");
        assert_eq!(fm.link.as_deref(), Some("/blog/x/"));
    }

    #[test]
    fn the_best_date_key_wins_whatever_the_order() {
        let date = |block: &str| parse_block(block).date.map(|d| d.to_string());
        assert_eq!(date("lastmod: 2024-01-01\ndate: 2020-05-05\n").as_deref(), Some("2020-05-05T00:00:00Z"));
        assert_eq!(date("created: 2024-05-02\npublished: 2007-07-01\n").as_deref(), Some("2007-07-01T00:00:00Z"));
        assert_eq!(date("updated: 2024-01-01\n").as_deref(), Some("2024-01-01T00:00:00Z"));
        // Jekyll's `published: false` is no date.
        let fm = parse_block("published: false\ncreated: 2024-05-02\n");
        assert!(fm.draft);
        assert_eq!(fm.date.map(|d| d.to_string()).as_deref(), Some("2024-05-02T00:00:00Z"));
    }

    #[test]
    fn tags_from_two_keys_are_named_once() {
        let fm = parse_block("tags: [rust, tui]\nkeywords: \"rust, async\"\n");
        assert_eq!(fm.tags, ["rust", "tui", "async"]);
    }

    #[test]
    fn images_are_deduplicated_in_key_order() {
        let fm = parse_block("thumbnail: 'b.png'\nheadimg: a.png\ncover: ''\nimage: a.png\n");
        assert_eq!(fm.images, ["a.png", "b.png"]);
    }

    #[test]
    fn empty_title_is_none_and_bad_date_is_kept() {
        let fm = parse_block("title: ''\ndate: last tuesday\n");
        assert_eq!(fm.title, None);
        assert_eq!(fm.date, None);
        assert_eq!(fm.unreadable_date.as_deref(), Some("last tuesday"));
        assert_eq!(fm.warnings, ["unreadable date `last tuesday`; sorted as undated"]);
    }

    #[test]
    fn entities_and_controls_in_fields() {
        let fm = parse_block("title: 'JSON &#123;\"a\":1&#125; \u{1b}]52;c;eA==\u{7}'\nauthor: 'A &amp; B'\n");
        assert_eq!(fm.title.as_deref(), Some("JSON {\"a\":1}"));
        assert_eq!(fm.author.as_deref(), Some("A & B"));
    }
}
