//! Keys to a title's pinyin, so that a keystroke passes over most titles
//! without reading them: every opening of one, two or three letters a
//! pinyin match can have in the title (which decides words that short),
//! and a glance at it small enough to keep beside every row of the list.

use super::pinyin::{letter, readings, steps};

/// What a title's pinyin can begin with, to pass over most titles without
/// reading them: every opening of one, two and three letters a match can
/// have, as codes (see `code`), sorted. It decides words of up to three
/// letters; for longer ones it only turns titles away.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinyinKey {
    codes: Box<[u16]>,
}

/// The letters a match needs to be decided by the key alone.
const KEYED: usize = 3;

/// A number for each opening of up to `KEYED` letters (places in the
/// alphabet): 1 to 26 for one letter, then the pairs, then the triples.
fn code(opening: &[u8]) -> Option<u16> {
    let (one, two) = (26, 26 * 26);
    let value = |letters: &[u8]| letters.iter().fold(0, |value, &l| value * 26 + u16::from(l));
    match opening.len() {
        1 => Some(1 + value(opening)),
        2 => Some(1 + one + value(opening)),
        3 => Some(1 + one + two + value(opening)),
        _ => None,
    }
}

impl PinyinKey {
    /// The key of a folded title.
    pub fn of(title: &str) -> PinyinKey {
        if title.is_ascii() {
            return PinyinKey::default();
        }
        // Each character's readings: `ends[i]` is where character i's end.
        let mut all: Vec<&'static str> = Vec::with_capacity(title.len());
        let mut ends = Vec::with_capacity(title.len());
        for c in title.chars() {
            all.extend(readings(c).filter(|r| r.bytes().all(|b| b.is_ascii_lowercase())));
            ends.push(all.len());
        }
        let chars = Readings { all: &all, ends: &ends };
        let mut codes = Vec::new();
        let mut opening = Vec::with_capacity(KEYED);
        for at in 0..ends.len() {
            openings(&chars, at, &mut opening, &mut |opening| codes.extend(code(opening)));
        }
        codes.sort_unstable();
        codes.dedup();
        PinyinKey { codes: codes.into_boxed_slice() }
    }

    /// The codes, sorted.
    /// A key from the codes `codes` gave (the index cache keeps them).
    pub fn from_codes(codes: Box<[u16]>) -> PinyinKey {
        PinyinKey { codes }
    }

    pub fn codes(&self) -> &[u16] {
        &self.codes
    }

    /// Whether `typed` (see `is_typable`) may match the title: `false`
    /// means it cannot; `true` means it does when `decides`.
    pub fn admits(&self, typed: &[u8]) -> bool {
        opening_code(typed).is_some_and(|code| self.codes.binary_search(&code).is_ok())
    }

    /// A glance at the key: its initials, and its pairs folded into 127
    /// bits.
    pub fn glance(&self) -> Glance {
        let mut glance = Glance::default();
        for &code in self.codes.iter() {
            match code {
                1..=26 => glance.initials |= 1 << (code - 1),
                27..=702 => glance.pairs |= 1 << ((code - 27) % 127),
                _ => {}
            }
        }
        glance
    }

    /// Whether `admits` is the whole answer for `typed`.
    pub fn decides(typed: &[u8]) -> bool {
        typed.len() <= KEYED
    }
}

/// The code of how `typed` opens (its first `KEYED` letters), for looking
/// it up in the `codes` of keys.
pub fn opening_code(typed: &[u8]) -> Option<u16> {
    let mut letters = [0; KEYED];
    for (slot, &b) in letters.iter_mut().zip(typed) {
        *slot = letter(b)?;
    }
    code(&letters[..typed.len().min(KEYED)])
}

/// A glance at a `PinyinKey`, to keep with the list: its initials, and its
/// pairs folded into 127 bits, so that most titles are turned away
/// without reading their key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Glance {
    initials: u32,
    pairs: u128,
}

impl Glance {
    /// `false` when the title's key does not admit `typed`.
    pub fn admits(&self, typed: &[u8]) -> bool {
        let mut letters = typed.iter().map(|&b| letter(b).map(usize::from));
        let Some(Some(a)) = letters.next() else { return false };
        if self.initials & (1 << a) == 0 {
            return false;
        }
        match letters.next() {
            None => true,
            Some(Some(b)) => self.pairs & (1 << ((a * 26 + b) % 127)) != 0,
            Some(None) => false,
        }
    }
}

/// The readings of a title's characters, one after another.
struct Readings<'a> {
    all: &'a [&'static str],
    /// Where each character's readings end in `all`.
    ends: &'a [usize],
}

impl Readings<'_> {
    fn of(&self, at: usize) -> &[&'static str] {
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        self.ends.get(at).and_then(|&end| self.all.get(start..end)).unwrap_or_default()
    }
}

/// Calls `found` with each opening of up to `KEYED` letters (as places in
/// the alphabet) a match can have from character `at` on, after `opening`:
/// the same steps as `pinyin::reads`.
fn openings(chars: &Readings<'_>, at: usize, opening: &mut Vec<u8>, found: &mut impl FnMut(&[u8])) {
    for reading in chars.of(at) {
        let bytes = reading.as_bytes();
        let had = opening.len();
        // The last syllable of a match: any start of it.
        for &b in bytes.iter().take(KEYED - had) {
            opening.push(b - b'a');
            found(opening);
        }
        opening.truncate(had);
        // A syllable before the next: its initial, zh/ch/sh, or whole.
        let takes = steps(bytes, bytes.len());
        for take in (1..KEYED - had).filter(|&take| takes & (1 << take) != 0) {
            opening.extend(bytes[..take].iter().map(|&b| b - b'a'));
            openings(chars, at + 1, opening, found);
            opening.truncate(had);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pinyin::reads;

    #[test]
    fn the_key_decides_up_to_three_letters() {
        let alphabet: Vec<u8> = (b'a'..=b'z').collect();
        for title in ["俄罗斯", "中国银行", "重庆火锅", "上海新闻 abc 长城", "绿色", "Hot Chips 34：英伟达"]
        {
            let key = PinyinKey::of(title);
            for &a in &alphabet {
                for &b in &alphabet {
                    for typed in [vec![a], vec![a, b]].into_iter().chain(alphabet.iter().map(|&c| vec![a, b, c])) {
                        let found = reads(title, &typed);
                        let typed = String::from_utf8_lossy(&typed);
                        assert_eq!(key.admits(typed.as_bytes()), found, "{title}: {typed}");
                    }
                }
            }
        }
        assert!(PinyinKey::of("俄罗斯").admits(b"elsi"));
        assert!(!PinyinKey::of("俄罗斯").admits(b"elxx"), "turned away by its first three letters");
    }
}
