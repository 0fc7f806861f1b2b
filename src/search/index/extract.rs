//! What the index keeps of one body: its words (runs of ASCII letters and
//! digits) and its character pairs that are not all ASCII, both taken from
//! the folded visible text, and whether the words answer exactly for the
//! lighter fold `body_passes` uses for Latin words.

use crate::document::BodyKind;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// One body, reduced to what the index keeps.
#[derive(Debug, Default)]
pub(super) struct Extract {
    /// Distinct words, sorted.
    pub words: Vec<Box<[u8]>>,
    /// Distinct character pairs (`pair_key`), sorted.
    pub pairs: Vec<u64>,
    /// Whether `words` are exactly the words of the light fold too, so a
    /// Latin word's answer needs no reading of the body.
    pub exact: bool,
}

/// A pair of characters as one number.
pub(super) fn pair_key(first: char, second: char) -> u64 {
    (u64::from(u32::from(first)) << 32) | u64::from(u32::from(second))
}

/// The pairs of `text` (folded) the index keeps: those with a character
/// that is not ASCII (Latin text is found by its words instead).
pub(super) fn pairs_of(text: &str) -> impl Iterator<Item = u64> + '_ {
    let mut chars = text.chars();
    let mut previous = chars.next();
    chars.filter_map(move |c| {
        let first = previous.replace(c)?;
        (!(first.is_ascii() && c.is_ascii())).then(|| pair_key(first, c))
    })
}

/// The runs of ASCII letters and digits of `text`.
pub(super) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty())
}

pub(super) fn extract(body: &str, kind: BodyKind) -> Extract {
    let folded = crate::search::body_text(body, kind);
    let mut seen: std::collections::HashSet<&str, crate::persist::Quick> = Default::default();
    seen.extend(words_of(&folded));
    // A letter and a combining mark after it compose in the full fold
    // (`e` + U+0301 → `é`), not in the light one: index the letters too.
    let composed = folded.chars().any(decomposes_to_ascii);
    let decomposed = if composed { decompose_to_ascii(&folded) } else { String::new() };
    seen.extend(words_of(&decomposed));
    let mut words: Vec<Box<[u8]>> = seen.into_iter().map(|w| w.as_bytes().into()).collect();
    words.sort_unstable();
    let mut pairs: Vec<u64> = pairs_of(&folded).collect();
    pairs.sort_unstable();
    pairs.dedup();
    Extract { words, pairs, exact: !composed && !folds_into_ascii_apart(body) }
}

/// Whether `c` has a canonical decomposition that begins with ASCII (`é`,
/// `≠`): a letter and a mark may have composed into it.
fn decomposes_to_ascii(c: char) -> bool {
    if c.is_ascii() || u32::from(c) >= 0x3000 {
        return false;
    }
    let mut first = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        first.get_or_insert(d);
    });
    first.is_some_and(|d| d != c && d.is_ascii())
}

/// `text` with every character `decomposes_to_ascii` decomposed.
pub(super) fn decompose_to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if decomposes_to_ascii(c) {
            out.extend(std::iter::once(c).nfd());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the body may hold a character the light fold keeps as it is but
/// the full fold turns into ASCII (`㎏` → `kg`), or a combining mark, or an
/// entity split by a tag: then the full fold's words are not the light
/// fold's, and Latin answers are only "maybe".
fn folds_into_ascii_apart(body: &str) -> bool {
    let bytes = body.as_bytes();
    // `&#7<b></b>69;`: the entity only appears once the tag is gone.
    let split_entity = memchr::memchr_iter(b'&', bytes).any(|at| {
        bytes[at + 1..].iter().take(40).find(|&&b| b == b';' || b == b'<' || b.is_ascii_whitespace()) == Some(&b'<')
    });
    split_entity || crate::text::decode_entities(body).chars().any(|c| !c.is_ascii() && tricky(c))
}

fn tricky(c: char) -> bool {
    if unicode_normalization::char::is_combining_mark(c) {
        return true;
    }
    let code = u32::from(c);
    let kept = (0x3040..=0x9fff).contains(&code) || (0xac00..=0xd7af).contains(&code);
    kept && kept_but_ascii().binary_search(&c).is_ok()
}

/// Characters the light fold keeps but whose NFKC holds ASCII, sorted.
fn kept_but_ascii() -> &'static [char] {
    static SET: OnceLock<Vec<char>> = OnceLock::new();
    SET.get_or_init(|| {
        (0x3040..=0x9fff_u32)
            .chain(0xac00..=0xd7af)
            .filter_map(char::from_u32)
            .filter(|&c| std::iter::once(c).nfkc().any(|d| d.is_ascii()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_pairs() {
        let e = extract("<p>Kubernetes 集群, k8s-Cluster</p>", BodyKind::Html);
        let words: Vec<&[u8]> = e.words.iter().map(|w| &**w).collect();
        assert_eq!(words, [&b"cluster"[..], b"k8s", b"kubernetes"]);
        assert!(e.pairs.contains(&pair_key('集', '群')));
        assert!(e.pairs.contains(&pair_key(' ', '集')));
        assert!(!e.pairs.contains(&pair_key('k', 'u')));
        assert!(e.exact);
    }

    #[test]
    fn composed_letters_keep_their_words() {
        let e = extract("<p>cafe\u{301} ok</p>", BodyKind::Html);
        assert!(e.words.iter().any(|w| &**w == b"cafe"), "{:?}", e.words);
        assert!(e.words.iter().any(|w| &**w == b"caf"));
        assert!(!e.exact);
        assert!(!extract("<p>㎏ x</p>", BodyKind::Html).exact);
        assert!(!extract("<p>&#13199; x</p>", BodyKind::Html).exact);
        assert!(!extract("<p>&#7<b></b>69; x</p>", BodyKind::Html).exact);
        assert!(extract("<p>乌克兰 &amp; x</p>", BodyKind::Html).exact);
    }
}
