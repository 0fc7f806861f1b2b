//! Fuzzy title matching, for words typed short or with letters missing. A
//! bare or `title:` word of at least three ASCII letters and digits that a
//! title does not hold as it is still finds the title when one of its words
//! begins with the word's first letter and holds the rest in that order,
//! skipping at most two letters at a time (`kbrnts` finds "Kubernetes in
//! production", `lghths` "Lighthouse"; `é` counts as `e`). Anchoring at a
//! word start and keeping the letters close is what stops a short word
//! from finding much of a large library; and a title a word matches this
//! way matches every word it starts, which lets a search while typing look
//! only at what the last keystroke found. nucleo-matcher scores such a
//! match (for relevance) and picks the characters to highlight.

use nucleo_matcher::chars::normalize;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cell::RefCell;

/// The fewest characters a fuzzy word has.
pub const SHORTEST: usize = 3;
/// The most: longer words are pasted, not typed.
const LONGEST: usize = 64;
/// The most letters skipped between two matched ones.
const GAP: usize = 2;
/// Letters of a word looked at: words are shorter.
const WORD: usize = 128;

/// Whether `term` (folded) may match fuzzily: 3 to 64 ASCII letters and
/// digits.
pub fn is_fuzzy(term: &str) -> bool {
    (SHORTEST..=LONGEST).contains(&term.len()) && term.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Which letters and digits a folded title holds, and which begin its
/// words, to pass over most titles without reading them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FuzzyKey {
    letters: u64,
    starts: u64,
}

impl FuzzyKey {
    /// The key as two numbers, and back (the index cache keeps them).
    pub fn to_bits(self) -> [u64; 2] {
        [self.letters, self.starts]
    }

    pub fn from_bits([letters, starts]: [u64; 2]) -> FuzzyKey {
        FuzzyKey { letters, starts }
    }

    pub fn of(title: &str) -> FuzzyKey {
        let mut key = FuzzyKey::default();
        let mut in_word = false;
        for c in title.chars() {
            let word = c.is_alphanumeric();
            let bit = bit(normalize(c));
            key.letters |= bit;
            if word && !in_word {
                key.starts |= bit;
            }
            in_word = word;
        }
        key
    }

    /// Whether `term` (see `is_fuzzy`) may match; `false` means it cannot.
    pub fn admits(&self, term: &[u8]) -> bool {
        let need = term.iter().fold(0, |need, &b| need | bit(char::from(b)));
        term.first().is_some_and(|&b| self.starts & bit(char::from(b)) != 0) && self.letters & need == need
    }
}

/// `c`'s bit in a `FuzzyKey`: a–z, then 0–9; none for anything else.
fn bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 0,
    }
}

/// Whether `term` (see `is_fuzzy`) matches a word of `title` (folded).
pub fn matches(title: &str, term: &[u8]) -> bool {
    if title.is_ascii() {
        let bytes = title.as_bytes();
        return memchr::memchr_iter(term[0], bytes).any(|i| {
            (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                && follows(bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).map(|&b| char::from(b)), term)
        });
    }
    words(&normalised(title)).any(|(_, word)| follows(word.iter().copied(), term))
}

/// `title`'s characters normalised (`é` → `e`), for `words`.
fn normalised(title: &str) -> Vec<char> {
    title.chars().map(normalize).collect()
}

/// The words of `chars` (runs of letters and digits), each with the index
/// of its first character.
fn words(chars: &[char]) -> impl Iterator<Item = (usize, &[char])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < chars.len() && !chars[at].is_alphanumeric() {
            at += 1;
        }
        let start = at;
        while at < chars.len() && chars[at].is_alphanumeric() {
            at += 1;
        }
        (start < at).then(|| (start, &chars[start..at]))
    })
}

/// Whether a word (`chars`, normalised) holds `term` from its first letter
/// on, in order, with at most `GAP` letters between two of it.
fn follows(chars: impl Iterator<Item = char>, term: &[u8]) -> bool {
    const NONE: u8 = u8::MAX;
    // `latest[k]`: the last letter of the word so far where `term[..=k]`
    // can end (the later, the more room for the next letter).
    let mut latest = [NONE; LONGEST];
    let mut newest = 0;
    for (at, c) in chars.take(WORD).enumerate() {
        if at == 0 {
            if c != char::from(term[0]) {
                return false;
            }
            latest[0] = 0;
            continue;
        }
        if at > newest + GAP + 1 {
            // Nothing found so far is near enough to go on from.
            return false;
        }
        // Longest first, so that one letter extends only what came before.
        for k in (1..term.len()).rev() {
            let before = latest[k - 1];
            if c == char::from(term[k]) && before != NONE && at - usize::from(before) <= GAP + 1 {
                if k + 1 == term.len() {
                    return true;
                }
                latest[k] = at as u8;
                newest = at;
            }
        }
    }
    false
}

thread_local! {
    /// nucleo's matcher holds a large scratch space: one per thread.
    static MATCHER: RefCell<Matcher> = RefCell::new(Matcher::new(Config::DEFAULT));
}

/// nucleo's score of the best fuzzy match of `term` (see `is_fuzzy`) in
/// `title` (folded), and the indices of the characters it matched.
pub fn find(title: &str, term: &[u8]) -> Option<(u16, Vec<usize>)> {
    if !matches(title, term) {
        return None;
    }
    let chars = normalised(title);
    let mut best: Option<(u16, Vec<usize>)> = None;
    MATCHER.with_borrow_mut(|matcher| {
        let mut indices = Vec::new();
        for (start, word) in words(&chars) {
            if !follows(word.iter().copied(), term) {
                continue;
            }
            indices.clear();
            let Some(score) = matcher.fuzzy_indices(Utf32Str::Unicode(word), Utf32Str::Ascii(term), &mut indices)
            else {
                continue;
            };
            if best.as_ref().is_none_or(|(top, _)| score > *top) {
                let at = indices.iter().map(|&i| start + i as usize).collect();
                best = Some((score, at));
            }
        }
    });
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fuzzy(title: &str, term: &str) -> bool {
        let found = matches(title, term.as_bytes());
        assert_eq!(found, find(title, term.as_bytes()).is_some(), "matches and find differ on {term}");
        assert!(!found || FuzzyKey::of(title).admits(term.as_bytes()), "the key turned away {term}");
        found
    }

    #[test]
    fn letters_in_order_from_a_word_start() {
        for term in ["kbrnts", "kubernets", "prdctn", "kbr", "k8s", "pdctn"] {
            assert!(fuzzy("kubernetes in production k8s", term), "{term}");
        }
        for term in ["brnts", "kbrntsx", "ksbr", "kinprod", "ubr"] {
            assert!(!fuzzy("kubernetes in production k8s", term), "{term}");
        }
        assert!(fuzzy("école du soir", "ecl"));
        assert!(fuzzy("hot chips 34：英伟达 grace", "grc"));
    }

    #[test]
    fn the_letters_lie_close() {
        assert!(fuzzy("appearance", "apr"));
        assert!(!fuzzy("appearance", "ace"), "six letters between a and c");
        assert!(fuzzy("abxxcxxd", "abcd"));
        assert!(!fuzzy("abxxxcd", "abcd"));
        // The first b is too far from c, the second is near enough.
        assert!(fuzzy("abxbxxc", "abc"));
        assert!(fuzzy("lighthouse", "lghths"));
    }

    #[test]
    fn indices_are_characters_of_the_title() {
        let (_, at) = find("俄罗斯 kubernetes", b"kbr").expect("a match");
        assert_eq!(at, [4, 6, 8]);
    }

    #[test]
    fn closer_matches_score_higher() {
        let score = |title: &str| find(title, b"lgt").map(|(score, _)| score);
        assert!(score("light") > score("logistic"));
    }

    #[test]
    fn what_is_fuzzy() {
        assert!(is_fuzzy("kbrnts"));
        assert!(is_fuzzy("k8s"));
        assert!(!is_fuzzy("kb"));
        assert!(!is_fuzzy("俄罗斯"));
        assert!(!is_fuzzy("a-b-c"));
    }
}
