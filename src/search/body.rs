//! Searching article bodies: the text a reader sees (tags, attributes,
//! comments, scripts and styles left out, entities decoded), folded, read
//! from disk on several threads and stopped as soon as it is not wanted.

use super::fold::fold;
use super::query::{Query, Test};
use crate::article::{Article, Format};
use crate::document::BodyKind;
use encoding_rs::Encoding;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The visible text of a body, folded.
pub fn body_text(body: &str, kind: BodyKind) -> String {
    match kind {
        BodyKind::Html => fold(&strip_html(body)),
        BodyKind::Markdown | BodyKind::Plain => fold(body),
    }
}

/// Whether the folded `text` passes every `body:` clause of `query`.
pub fn body_matches(query: &Query, text: &str) -> bool {
    query.clauses.iter().all(|clause| match &clause.test {
        Test::Body(term) => text.contains(term.as_str()) != clause.negated,
        _ => true,
    })
}

/// Where an article's body is, for a search that runs apart from the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySource {
    /// The article's index in its list.
    pub index: usize,
    pub path: PathBuf,
    pub format: Format,
    pub encoding: Option<&'static Encoding>,
}

impl BodySource {
    pub fn of(index: usize, article: &Article) -> BodySource {
        BodySource { index, path: article.path(), format: article.format, encoding: article.encoding }
    }
}

/// Reads the bodies of `sources` on up to `threads` threads and tells
/// `found` the index of each that matches, as it is found. Stops early
/// (with what it has) when `cancel` is set.
pub fn search_bodies(
    sources: &[BodySource],
    query: &Query,
    threads: usize,
    cancel: &AtomicBool,
    found: &(dyn Fn(usize) + Sync),
) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let Some(source) = sources.get(next.fetch_add(1, Ordering::Relaxed)) else { return };
                    let Ok(body) = crate::loader::read_body_at(&source.path, source.encoding) else { continue };
                    if body_matches(query, &body_text(&body, BodyKind::of(source.format, &body))) {
                        found(source.index);
                    }
                }
            });
        }
    });
}

/// HTML without its markup: tags and their attributes, comments, and the
/// contents of `script`, `style` and `svg` dropped; entities decoded.
fn strip_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        text.push_str(&html[at..open]);
        text.push(' ');
        let rest = &lower[open..];
        let skip_to = |end: &str| rest.find(end).map_or(html.len(), |i| open + i + end.len());
        at = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<script") {
            skip_to("</script>")
        } else if rest.starts_with("<style") {
            skip_to("</style>")
        } else if rest.starts_with("<svg") {
            skip_to("</svg>")
        } else {
            skip_to(">")
        };
    }
    text.push_str(&html[at.min(html.len())..]);
    crate::text::decode_entities(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_never_text() {
        let html = "<div class=\"ukraine\"><a href=\"https://ukraine.test\" title='Ukraine'>Kyiv</a><!-- Ukraine -->\
                    <script>var ukraine = 1;</script><style>.ukraine{}</style><svg><text>ukraine</text></svg>\
                    <p>&#20044;克兰 &amp; more</p></div>";
        let text = body_text(html, BodyKind::Html);
        assert!(!text.contains("ukraine"), "{text}");
        assert!(text.contains("kyiv"));
        assert!(text.contains("乌克兰 & more"), "{text}");
    }

    #[test]
    fn body_clauses_and_negation() {
        let query = super::super::parse("body:乌克兰 -body:russia title:x").expect("parses");
        assert!(body_matches(&query, &body_text("<p>烏克蘭</p>", BodyKind::Html)));
        assert!(!body_matches(&query, &body_text("<p>烏克蘭 and Russia</p>", BodyKind::Html)));
    }
}
