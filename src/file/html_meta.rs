//! What a saved HTML page says of itself, for a page without front matter:
//! its head's `<title>`, `<meta name="author">`, `article:published_time`
//! (and the other published-date metas), `og:image`, `keywords`, and
//! `<link rel="canonical">` (or `og:url`); and SingleFile's header comment
//! (`url:` and `saved date:`), which says where and when it was saved.
//! Given as front-matter entries, so one set of rules reads every field.

use crate::frontmatter::{KeyValue, Value};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::borrow::Cow;
use std::cell::RefCell;

/// The most of a page looked at for its head.
const HEAD_BYTES: usize = 256 * 1024;

/// The entries a page's head and SingleFile comment give; none for a body
/// that is no page.
pub fn entries(body: &str) -> Vec<KeyValue<'static>> {
    let head = head_of(body);
    let found = RefCell::new(Found::default());
    let tokenizer = Tokenizer::new(HeadSink { found: &found }, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(head));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let found = found.into_inner();
    let mut entries = Vec::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
            entries.push((Cow::Owned(key.to_owned()), Value::Text(Cow::Owned(value))));
        }
    };
    put("title", found.title.or(found.og_title));
    put("author", found.author);
    put("keywords", found.keywords);
    put("description", found.description);
    put("image", found.image);
    // The page's own date first; the day it was saved only without one.
    put("created", found.saved_date);
    put("date", found.published);
    put("source", found.saved_url);
    put("url", found.og_url);
    put("canonical", found.canonical);
    entries
}

/// The page up to where its body starts (or `HEAD_BYTES`).
fn head_of(body: &str) -> &str {
    let mut end = body.len().min(HEAD_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let window = &body[..end];
    let bytes = window.as_bytes();
    let found = memchr::memmem::find_iter(bytes, b"<").find(|&at| {
        let rest = &bytes[at + 1..];
        [b"/head".as_slice(), b"body"]
            .iter()
            .any(|tag| rest.get(..tag.len()).is_some_and(|r| r.eq_ignore_ascii_case(tag)))
    });
    &window[..found.unwrap_or(window.len())]
}

#[derive(Debug, Default)]
struct Found {
    title: Option<String>,
    og_title: Option<String>,
    description: Option<String>,
    author: Option<String>,
    keywords: Option<String>,
    image: Option<String>,
    published: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    saved_url: Option<String>,
    saved_date: Option<String>,
    in_title: bool,
}

struct HeadSink<'a> {
    found: &'a RefCell<Found>,
}

impl TokenSink for HeadSink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut found = self.found.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let attr = |name: &str| tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string());
                match &*tag.name {
                    "title" => {
                        found.in_title = true;
                        return TokenSinkResult::RawData(html5ever::tokenizer::states::RawKind::Rcdata);
                    }
                    "meta" => {
                        let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop"));
                        let key = key.unwrap_or_default().to_ascii_lowercase();
                        let content = attr("content");
                        let slot = match key.as_str() {
                            "author" | "article:author" | "dc.creator" => &mut found.author,
                            "keywords" | "news_keywords" => &mut found.keywords,
                            "og:image" | "twitter:image" => &mut found.image,
                            "og:title" => &mut found.og_title,
                            "description" | "og:description" => &mut found.description,
                            "og:url" => &mut found.og_url,
                            "article:published_time" | "datepublished" | "date" | "pubdate" | "dc.date" => {
                                &mut found.published
                            }
                            _ => return TokenSinkResult::Continue,
                        };
                        if slot.is_none() {
                            *slot = content;
                        }
                    }
                    "link"
                        if attr("rel")
                            .is_some_and(|rel| rel.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical"))) =>
                    {
                        found.canonical = found.canonical.take().or_else(|| attr("href"));
                    }
                    _ => {}
                }
            }
            Token::TagToken(tag) if &*tag.name == "title" => found.in_title = false,
            Token::CharacterTokens(text) if found.in_title => {
                found.title.get_or_insert_with(String::new).push_str(&text);
            }
            Token::CommentToken(comment) if comment.contains("SingleFile") => {
                for line in comment.lines() {
                    let line = line.trim();
                    if let Some(url) = line.strip_prefix("url:") {
                        found.saved_url = Some(url.trim().to_owned());
                    } else if let Some(date) = line.strip_prefix("saved date:") {
                        found.saved_date = Some(date.trim().to_owned());
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(entries: &[KeyValue<'_>], key: &str) -> Option<String> {
        entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.to_text())
    }

    #[test]
    fn a_page_head() {
        let page = "<!DOCTYPE html><html><head><meta charset=utf-8><title>Tom &amp; Jerry</title>\
                    <meta name=\"author\" content=\"Ann Lee\"><meta property=\"article:published_time\" content=\"2024-02-03T04:05:06Z\">\
                    <meta property=\"og:image\" content=\"https://x.test/cover.jpg\"><link rel=\"canonical\" href=\"https://x.test/a\">\
                    <meta name=\"description\" content=\"What it is about.\">\
                    </head><body><meta name=author content=later><p>text</p></body></html>";
        let found = entries(page);
        assert_eq!(text(&found, "title").as_deref(), Some("Tom & Jerry"));
        assert_eq!(text(&found, "author").as_deref(), Some("Ann Lee"));
        assert_eq!(text(&found, "date").as_deref(), Some("2024-02-03T04:05:06Z"));
        assert_eq!(text(&found, "image").as_deref(), Some("https://x.test/cover.jpg"));
        assert_eq!(text(&found, "canonical").as_deref(), Some("https://x.test/a"));
        assert_eq!(text(&found, "description").as_deref(), Some("What it is about."));
    }

    #[test]
    fn singlefile_says_where_and_when() {
        let page = "<!DOCTYPE html> <html lang=\"en\"><!--\n Page saved with SingleFile \n url: https://blog.test/post \n saved date: Thu Mar 14 2024 10:00:00 GMT+0100 (Central European Standard Time)\n--><head><title>Post</title></head><body></body></html>";
        let found = entries(page);
        assert_eq!(text(&found, "source").as_deref(), Some("https://blog.test/post"));
        assert_eq!(
            text(&found, "created").as_deref(),
            Some("Thu Mar 14 2024 10:00:00 GMT+0100 (Central European Standard Time)")
        );
        assert_eq!(text(&found, "title").as_deref(), Some("Post"));
    }

    #[test]
    fn no_page_no_entries() {
        assert!(entries("<p>just a paragraph</p>").is_empty());
    }
}
