//! Searching article bodies: the text a reader sees (tags, attributes,
//! comments, scripts and styles left out, entities decoded), folded, read
//! from disk on several threads and stopped as soon as it is not wanted.

use super::fold::fold;
use super::html_text::strip_html;
use super::index::{BodyIndex, Verdict};
use super::query::{Query, Test};
use super::sources::{BodySources, Subset};
use crate::document::BodyKind;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use unicode_normalization::UnicodeNormalization;

/// The visible text of a body, folded.
pub fn body_text(body: &str, kind: BodyKind) -> String {
    fold(&visible_text(body, kind))
}

/// The visible text of a body, not yet folded.
fn visible_text(body: &str, kind: BodyKind) -> String {
    match kind {
        BodyKind::Html => one_space(&strip_html(body)),
        // Markdown may hold HTML too: searched as the HTML it becomes.
        BodyKind::Markdown => one_space(&strip_html(&crate::document::markdown_to_html(body))),
        BodyKind::Plain => one_space(body),
    }
}

/// Whether a body passes every `body:` clause. Words of ASCII letters and
/// digits are looked for in a lighter fold: only characters that can fold
/// into ASCII (`Ｋ`, `ﬁ`, `Ⅻ`…) are normalised; CJK text is left alone.
pub fn body_passes(query: &Query, body: &str, kind: BodyKind) -> bool {
    if cannot_hold(query, body) {
        return false;
    }
    let text = visible_text(body, kind);
    let latin_words = query.clauses.iter().all(|c| match &c.test {
        Test::Body(term) => term.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' '),
        _ => true,
    });
    if latin_words {
        return body_matches(query, &fold_for_latin(&text));
    }
    if found_as_written(query, &text) {
        return true;
    }
    body_matches(query, &fold(&text))
}

/// Whether every `body:` word of `query` (none negated) occurs in `text`
/// just as it is written folded, in text where folding cannot join a
/// character to its neighbour: then the folded text holds it too, and
/// folding the whole text (most of a search's time) is not needed. Words
/// found only in another form (traditional, full-width) are left to `fold`.
fn found_as_written(query: &Query, text: &str) -> bool {
    let mut terms = query.clauses.iter().filter_map(|c| match &c.test {
        Test::Body(term) => Some((c.negated, term)),
        _ => None,
    });
    terms.all(|(negated, term)| !negated && text.contains(term.as_str())) && !text.chars().any(joins_when_folded)
}

/// A character folding may join to the one before it: a combining mark, a
/// half-width voicing mark (`ﾞ`), a Hangul jamo.
fn joins_when_folded(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
        || matches!(
            c,
            '\u{ff9e}' | '\u{ff9f}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{a960}'..='\u{a97f}' | '\u{d7b0}'..='\u{d7ff}'
        )
}

/// `body_passes` without the shortcut of `found_as_written` (for tests).
#[cfg(test)]
fn body_passes_folding(query: &Query, body: &str, kind: BodyKind) -> bool {
    body_matches(query, &fold(&visible_text(body, kind)))
}

/// Whether a quick look at the raw body proves a `body:` word beginning
/// with an ideograph absent: no character that folds into that ideograph
/// (its traditional forms, compatibility forms) occurs. Bodies with numeric
/// entities (`&#22530;`) are never ruled out this way.
fn cannot_hold(query: &Query, body: &str) -> bool {
    if encodes_ideographs(body) {
        return false;
    }
    query.clauses.iter().any(|clause| match &clause.test {
        Test::Body(term) if !clause.negated => match term.chars().next() {
            Some(first) if is_ideograph(first) => !ideograph_forms(first).iter().any(|&form| body.contains(form)),
            _ => false,
        },
        _ => false,
    })
}

/// Whether a numeric entity in `body` could stand for an ideograph (the
/// archive's own `&#123;` braces cannot).
fn encodes_ideographs(body: &str) -> bool {
    body.match_indices("&#").any(|(at, _)| {
        let rest = &body[at + 2..];
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let end = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
        u32::from_str_radix(&digits[..end], radix).map_or(true, |code| code >= 0x2e80)
    })
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// Every character whose folded form begins with the ideograph `folded`
/// (its traditional forms, compatibility ideographs and radicals, and
/// squared or enclosed words like `㍻` → `平成`), built once.
fn ideograph_forms(folded: char) -> &'static [char] {
    static FORMS: std::sync::OnceLock<std::collections::HashMap<char, Vec<char>>> = std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let mut forms: std::collections::HashMap<char, Vec<char>> = std::collections::HashMap::new();
        let ranges = [
            0x2e80..=0x2fdf_u32,
            0x3000..=0x33ff,
            0x3400..=0x9fff,
            0xf900..=0xfaff,
            0xff00..=0xffef,
            0x1f200..=0x1f2ff,
            0x20000..=0x2fa1f,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let folded = fold(c.encode_utf8(&mut [0; 4]));
            if let Some(first) = folded.chars().next().filter(|&first| is_ideograph(first)) {
                forms.entry(first).or_default().push(c);
            }
        }
        forms
    });
    forms.get(&folded).map_or(&[], Vec::as_slice)
}

/// `fold` as far as ASCII letters and digits are concerned.
fn fold_for_latin(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_ascii() => folded.push(c.to_ascii_lowercase()),
            // Kana, ideographs and Hangul never fold into ASCII.
            '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' => folded.push(c),
            c => {
                for normal in std::iter::once(c).nfkc() {
                    folded.extend(normal.to_lowercase());
                }
            }
        }
    }
    folded
}

/// Whether the folded `text` passes every `body:` clause of `query`.
pub fn body_matches(query: &Query, text: &str) -> bool {
    query.clauses.iter().all(|clause| match &clause.test {
        Test::Body(term) => text.contains(term.as_str()) != clause.negated,
        _ => true,
    })
}

/// Who waits for a body search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// A person typing: one core is left for the keys.
    BesideTyping,
    /// A command that waits for the answer: every core, twice over (a cold
    /// page cache makes reading wait on the disk).
    Flat,
}

impl Pace {
    /// Threads a body search reads with.
    pub fn threads(self) -> usize {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        match self {
            Pace::BesideTyping => cores.saturating_sub(1).max(1),
            Pace::Flat => cores * 2,
        }
    }
}

/// The body search of the reader and of `folio list --query`: the body
/// index first where there is one, then the bodies it cannot rule out,
/// on `pace`'s threads, telling `found` each match as it is found. A panic
/// inside is caught and returned as its message (the caller reports it;
/// the search is over either way).
pub fn run_body_search<S: BodySources + ?Sized>(
    sources: &S,
    query: &Query,
    index: Option<&BodyIndex>,
    pace: Pace,
    cancel: &AtomicBool,
    found: &(dyn Fn(usize) + Sync),
) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        search_bodies_indexed(sources, query, index, pace.threads(), cancel, found)
    }))
    .map_err(|panic| {
        let message =
            panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()));
        format!("the body search failed (an internal error; please report it): {}", message.unwrap_or_default())
    })
}

/// `search_bodies`, asking the body index first where there is one: what
/// it rules out is not read, what it knows matches is found at once, and
/// only the rest (and whatever it does not know as it is now) is read.
pub fn search_bodies_indexed<S: BodySources + ?Sized>(
    sources: &S,
    query: &Query,
    index: Option<&BodyIndex>,
    threads: usize,
    cancel: &AtomicBool,
    found: &(dyn Fn(usize) + Sync),
) {
    let Some(index) = index else {
        return search_bodies(sources, query, threads, cancel, found);
    };
    // One pass in the list's order: what the index knows passes is found
    // as the pass reaches it (the first hits show at once, not after a
    // million verdicts), the rest is read after.
    let judge = index.judge(query);
    let mut to_read = Vec::new();
    for position in 0..sources.count() {
        if position % 1024 == 0 && cancel.load(Ordering::Relaxed) {
            return;
        }
        let Some(source) = sources.source(position) else { continue };
        let verdict = match source.stamp {
            Some(stamp) => judge.verdict(position, source.path.as_os_str().as_encoded_bytes(), stamp),
            None => Verdict::Maybe,
        };
        match verdict {
            Verdict::Yes => found(source.index),
            Verdict::Maybe => to_read.push(u32::try_from(position).unwrap_or(u32::MAX)),
            Verdict::No => {}
        }
    }
    search_bodies(&Subset { all: sources, positions: to_read }, query, threads, cancel, found);
}

/// Reads the bodies of `sources` on up to `threads` threads and tells
/// `found` the index of each that matches, as it is found. Stops early
/// (with what it has) when `cancel` is set.
pub fn search_bodies<S: BodySources + ?Sized>(
    sources: &S,
    query: &Query,
    threads: usize,
    cancel: &AtomicBool,
    found: &(dyn Fn(usize) + Sync),
) {
    let next = AtomicUsize::new(0);
    // A panic on one thread stops the others and is raised again, with its
    // own message, once all have stopped.
    let failed = std::sync::Mutex::new(None::<String>);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                let searched = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    loop {
                        if cancel.load(Ordering::Relaxed) || stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let position = next.fetch_add(1, Ordering::Relaxed);
                        if position >= sources.count() {
                            return;
                        }
                        let Some(source) = sources.source(position) else { continue };
                        let Ok(body) = crate::file::read_body_at(&source.path, source.encoding) else { continue };
                        if body_passes(query, &body, BodyKind::of(source.format, &body)) {
                            found(source.index);
                        }
                    }
                }));
                if let Err(panic) = searched {
                    stop.store(true, Ordering::Relaxed);
                    if let Ok(mut failed) = failed.lock() {
                        failed.get_or_insert_with(|| panic_message(panic.as_ref()));
                    }
                }
            });
        }
    });
    if let Some(message) = failed.into_inner().ok().flatten() {
        std::panic::resume_unwind(Box::new(message));
    }
}

/// What a panic said.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// Runs of whitespace (line breaks in the source) made one space, so a
/// phrase matches however the source wrapped it.
fn one_space(text: &str) -> String {
    crate::text::collapse_whitespace(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_agrees_with_folding() {
        for (body, query) in [
            ("<p>Kubernetes 集群</p>", "body:kubernetes"),
            ("<p>ＫＵＢＥＲＮＥＴＥＳ</p>", "body:kubernetes"),
            ("<p>&#75;ubernetes</p>", "body:kubernetes"),
            ("<p>Kuber<b>netes</b></p>", "body:kubernetes -body:docker"),
            ("<p>烏克蘭</p>", "body:乌克兰"),
            ("<p>乌克兰</p>", "body:烏克蘭"),
            ("<p>&#20044;克兰</p>", "body:乌克兰"),
            ("<p>&#x4e4c;克兰 &#123;</p>", "body:乌克兰"),
            ("<p>美国 &#123;&#125;</p>", "body:乌克兰"),
            ("<p>美国</p>", "body:乌克兰"),
            ("<p>美国</p>", "-body:乌克兰"),
            ("<p>nothing</p>", "body:kubernetes"),
            ("<p>ﬁsh Ⅻ ①</p>", "body:\"fish xii 1\""),
            ("<p>ｶﾞｲﾄﾞ，Ｋube</p>", "body:kube"),
        ] {
            let query = super::super::parse(query).expect("parses");
            let folded = body_matches(&query, &body_text(body, BodyKind::Html));
            assert!(folded || !body.contains("乌克兰") || query.clauses[0].negated, "{body}");
            assert_eq!(body_passes(&query, body, BodyKind::Html), folded, "{body}");
        }
    }

    #[test]
    fn words_found_as_written_agree_with_folding() {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "乌克兰",
            "烏克蘭",
            "堂本光一",
            "光",
            "一",
            "カ",
            "ｶ",
            "ﾞ",
            "ガ",
            "か",
            "\u{3099}",
            "e",
            "\u{301}",
            "é",
            "ＡＢ",
            "ab",
            " ",
            "　",
            "<b>",
            "</b>",
            "<p>",
            "&amp;",
            "ᄀ",
            "ᅡ",
            "가",
            "①",
            "㍻",
            "平成",
            "ﬁ",
            "fi",
        ];
        let text = prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat());
        let term = prop::collection::vec(prop::sample::select(PIECES), 1..4).prop_map(|p| p.concat());
        proptest!(ProptestConfig::with_cases(2000), |(body in text, word in term)| {
            let folded = fold(&word);
            prop_assume!(!folded.trim().is_empty() && !folded.is_ascii() && !folded.contains('"'));
            let Ok(query) = super::super::parse(&format!("body:\"{folded}\"")) else { return Ok(()) };
            let html = format!("<p>{body}</p>");
            prop_assert_eq!(
                body_passes(&query, &html, BodyKind::Html),
                body_passes_folding(&query, &html, BodyKind::Html),
                "{:?} in {:?}", folded, html
            );
        });
    }

    #[test]
    fn body_clauses_and_negation() {
        let query = super::super::parse("body:乌克兰 -body:russia title:x").expect("parses");
        assert!(body_matches(&query, &body_text("<p>烏克蘭</p>", BodyKind::Html)));
        assert!(!body_matches(&query, &body_text("<p>烏克蘭 and Russia</p>", BodyKind::Html)));
    }
}
