//! From `key: value` entries to the fields folio knows.

use super::{Entry, Value};
use crate::date::parse_date;
use crate::text::{clean_field, clean_url, strip_controls};
use jiff::Timestamp;

/// The fields of one article's front matter, cleaned and decoded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `None` when missing or empty.
    pub title: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub date: Option<Timestamp>,
    /// The `date` text when it could not be read as a date.
    pub unreadable_date: Option<String>,
    /// `headimg`, `thumbnail`, `cover`, `image`: deduplicated, non-empty.
    pub images: Vec<String>,
    /// The original article: `link`, `url`, `permalink` or `source`.
    pub link: Option<String>,
    /// Every other key, kept as it was (controls removed).
    pub extra: Vec<Entry>,
    pub warnings: Vec<String>,
}

const IMAGE_KEYS: [&str; 4] = ["headimg", "thumbnail", "cover", "image"];
const LINK_KEYS: [&str; 4] = ["link", "url", "permalink", "source"];

impl FrontMatter {
    pub(super) fn from_entries(entries: Vec<Entry>, warnings: Vec<String>) -> Self {
        let mut fm = FrontMatter {
            warnings,
            ..FrontMatter::default()
        };
        let mut links: [Option<String>; 4] = Default::default();
        let mut images: [Vec<String>; 4] = Default::default();
        for (key, value) in entries {
            let lower = key.to_ascii_lowercase();
            match lower.as_str() {
                "title" => fm.title = first(&value).map(clean_field).filter(|t| !t.is_empty()),
                "categories" | "category" => fm.categories.extend(all(&value).map(clean_field)),
                "tags" | "tag" => fm.tags.extend(all(&value).map(clean_field)),
                "author" | "authors" => {
                    let names: Vec<String> = all(&value)
                        .map(clean_field)
                        .filter(|a| !a.is_empty())
                        .collect();
                    fm.author = (!names.is_empty()).then(|| names.join(", "));
                }
                "date" => fm.read_date(first(&value)),
                _ => {
                    if let Some(slot) = IMAGE_KEYS.iter().position(|k| *k == lower) {
                        images[slot].extend(all(&value).map(clean_url));
                    } else if let Some(slot) = LINK_KEYS.iter().position(|k| *k == lower) {
                        links[slot] = first(&value).map(clean_url).filter(|l| !l.is_empty());
                    } else {
                        fm.extra.push((strip_controls(&key), clean_value(value)));
                    }
                }
            }
        }
        fm.categories.retain(|c| !c.is_empty());
        fm.tags.retain(|t| !t.is_empty());
        for url in images.into_iter().flatten() {
            if !url.is_empty() && !fm.images.contains(&url) {
                fm.images.push(url);
            }
        }
        fm.link = links.into_iter().flatten().next();
        fm
    }

    fn read_date(&mut self, raw: Option<&str>) {
        let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
            return;
        };
        match parse_date(raw) {
            Some(date) => self.date = Some(date),
            None => {
                let text = clean_field(raw);
                self.warnings
                    .push(format!("unreadable date `{text}`; sorted as undated"));
                self.unreadable_date = Some(text);
            }
        }
    }
}

fn first(value: &Value) -> Option<&str> {
    match value {
        Value::Null => None,
        Value::Text(text) => Some(text),
        Value::List(items) => items.first().map(String::as_str),
    }
}

fn all(value: &Value) -> impl Iterator<Item = &str> {
    let items: &[String] = match value {
        Value::Null => &[],
        Value::Text(text) => std::slice::from_ref(text),
        Value::List(items) => items,
    };
    items.iter().map(String::as_str)
}

fn clean_value(value: Value) -> Value {
    match value {
        Value::Null => Value::Null,
        Value::Text(text) => Value::Text(strip_controls(&text)),
        Value::List(items) => Value::List(items.iter().map(|i| strip_controls(i)).collect()),
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
        assert_eq!(
            fm.date.map(|d| d.to_string()).as_deref(),
            Some("2021-05-01T08:02:48Z")
        );
        assert_eq!(fm.images, ["https://x.test/a.JPG?v=1"]);
        assert_eq!(
            fm.extra,
            [("comments".to_owned(), super::Value::Text("false".into()))]
        );
        assert!(fm.warnings.is_empty());
    }

    #[test]
    fn one_string_category_tags_and_links() {
        let fm = parse_block(
            "title: x\ncategories: 随笔\ntags: [rust, tui]\nurl: 'https://a.test/p?a=1&amp;b=2'\nsource: https://b.test\n",
        );
        assert_eq!(fm.categories, ["随笔"]);
        assert_eq!(fm.tags, ["rust", "tui"]);
        assert_eq!(fm.link.as_deref(), Some("https://a.test/p?a=1&b=2"));
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
        assert_eq!(
            fm.warnings,
            ["unreadable date `last tuesday`; sorted as undated"]
        );
    }

    #[test]
    fn entities_and_controls_in_fields() {
        let fm = parse_block(
            "title: 'JSON &#123;\"a\":1&#125; \u{1b}]52;c;eA==\u{7}'\nauthor: 'A &amp; B'\n",
        );
        assert_eq!(fm.title.as_deref(), Some("JSON {\"a\":1}"));
        assert_eq!(fm.author.as_deref(), Some("A & B"));
    }
}
