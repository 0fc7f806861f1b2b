//! Pinyin for Chinese titles, syllable by syllable: each character may be
//! typed as a whole syllable, as its initial (`e`, `l`, or `zh`/`ch`/`sh`)
//! or, at the end of what was typed so far, as the start of its syllable,
//! so `eluosi`, `els`, `elsi` and `eluos` all find 俄罗斯. A match starts at
//! a syllable (`ai` does not find 上海, shang·hai). A character with more
//! than one reading matches by any of them (重庆 chongqing, 银行 yinhang).

use pinyin::ToPinyinMulti;

/// The most letters matched by pinyin; longer words are not pinyin.
const MOST: usize = 127;

/// Whether `typed` could be pinyin: lower-case ASCII letters only.
pub fn is_typable(typed: &str) -> bool {
    !typed.is_empty() && typed.len() <= MOST && typed.bytes().all(|b| b.is_ascii_lowercase())
}

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
/// the same steps as `scan`.
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

/// `b`'s place in the alphabet.
fn letter(b: u8) -> Option<u8> {
    b.is_ascii_lowercase().then(|| b - b'a')
}

/// The plain readings of `c` as typed (`ü` as `v`), maybe one twice (in
/// two tones); none for a character that is not Chinese.
fn readings(c: char) -> impl Iterator<Item = &'static str> {
    // Latin letters, digits and punctuation have none.
    (!c.is_ascii()).then(|| c.to_pinyin_multi()).flatten().into_iter().flatten().map(|reading| spelled(reading.plain()))
}

/// A reading as typed: `lü` → `lv`.
fn spelled(plain: &'static str) -> &'static str {
    if plain.is_ascii() {
        return plain;
    }
    match plain {
        "lü" => "lv",
        "nü" => "nv",
        "lüe" => "lve",
        "nüe" => "nve",
        plain => plain,
    }
}

/// Whether `typed` (see `is_typable`) reads a run of the Chinese characters
/// of `title` (folded).
pub fn reads(title: &str, typed: &[u8]) -> bool {
    scan(title.chars(), typed, false).is_some()
}

/// Where `typed` first reads a run of `title`'s Chinese characters, as a
/// range of `title`'s characters.
pub fn find(title: &str, typed: &[u8]) -> Option<(usize, usize)> {
    let count = title.chars().count();
    (0..count).find_map(|first| scan(title.chars().skip(first), typed, true).map(|end| (first, first + end)))
}

/// How many of `chars` it takes to read all of `typed`, at the first place
/// it does; with `anchored`, only from the first character.
fn scan(chars: impl Iterator<Item = char>, typed: &[u8], anchored: bool) -> Option<usize> {
    let end = typed.len();
    if end == 0 || end > MOST {
        return None;
    }
    // Bit `p`: the first `p` letters are read up to this character.
    let mut live: u128 = 0;
    for (index, c) in chars.enumerate() {
        // A match may begin at any syllable (or, anchored, the first).
        let from = if anchored && index > 0 { live } else { live | 1 };
        let mut next: u128 = 0;
        let mut chinese = false;
        for reading in readings(c) {
            chinese = true;
            let reading = reading.as_bytes();
            let mut left = from;
            while left != 0 {
                let read = left.trailing_zeros() as usize;
                left &= left - 1;
                let rest = &typed[read..];
                let same = reading.iter().zip(rest).take_while(|(a, b)| a == b).count();
                if same == rest.len() {
                    // The rest begins this syllable: found.
                    return Some(index + 1);
                }
                next |= steps(reading, same) << read;
            }
        }
        if !chinese && anchored {
            return None;
        }
        live = next;
        if anchored && live == 0 {
            return None;
        }
    }
    None
}

/// The letters one syllable can take from what is typed and leave the rest
/// to the next, as bits of a count: the whole syllable, its first letter, or
/// `zh`, `ch` or `sh`. `same` is how many letters of the syllable the rest
/// (longer than that) starts with.
fn steps(reading: &[u8], same: usize) -> u128 {
    let whole = if same == reading.len() { 1 << same } else { 0 };
    let first = if same >= 1 { 1 << 1 } else { 0 };
    let double = reading.len() > 2 && reading[1] == b'h' && matches!(reading[0], b'z' | b'c' | b's');
    let double = if double && same >= 2 { 1 << 2 } else { 0 };
    whole | first | double
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(title: &str, typed: &str) -> bool {
        let found = super::reads(title, typed.as_bytes());
        assert_eq!(found, find(title, typed.as_bytes()).is_some(), "find and reads differ on {typed}");
        assert!(!found || PinyinKey::of(title).admits(typed.as_bytes()), "the key turned away {typed}");
        found
    }

    #[test]
    fn syllables_initials_and_both_mixed() {
        for typed in ["eluosi", "els", "elsi", "eluos", "elu", "el", "e", "luosi", "lsi", "si", "ls"] {
            assert!(reads("俄罗斯", typed), "{typed}");
        }
        for typed in ["elus", "eluosia", "os", "uo", "luosie", "x"] {
            assert!(!reads("俄罗斯", typed), "{typed}");
        }
    }

    #[test]
    fn zh_ch_and_sh_are_initials_too() {
        for typed in ["zhongguo", "zhongg", "zhg", "zg", "zhguo", "zgu", "zhon"] {
            assert!(reads("中国", typed), "{typed}");
        }
        assert!(reads("上海", "shh"));
        assert!(reads("上海", "sh"));
        assert!(!reads("上海", "hh"));
    }

    #[test]
    fn a_match_starts_at_a_syllable() {
        assert!(!reads("上海新闻", "ai"));
        assert!(!reads("上海新闻", "ang"));
        assert!(reads("上海新闻", "hai"));
        assert!(reads("上海新闻", "haixinwen"));
        assert!(reads("上海新闻", "hxw"));
    }

    #[test]
    fn other_readings_match() {
        assert!(reads("重庆火锅", "chongqing"));
        assert!(reads("重庆火锅", "zhongqing"));
        assert!(reads("中国银行", "yinhang"));
        assert!(reads("中国银行", "yinxing"));
        assert!(reads("音乐节", "yinyue"));
        assert!(reads("绿色", "lvse"));
    }

    #[test]
    fn runs_break_at_other_characters() {
        assert!(reads("Hot Chips 34：英伟达", "ywd"));
        assert!(!reads("俄罗斯 乌克兰", "eluosiwukelan"));
        assert!(reads("俄罗斯 乌克兰", "wukelan"));
        assert!(!reads("Hot Chips", "hot"));
    }

    #[test]
    fn the_key_decides_up_to_three_letters() {
        let alphabet: Vec<u8> = (b'a'..=b'z').collect();
        for title in ["俄罗斯", "中国银行", "重庆火锅", "上海新闻 abc 长城", "绿色", "Hot Chips 34：英伟达"]
        {
            let key = PinyinKey::of(title);
            for &a in &alphabet {
                for &b in &alphabet {
                    for typed in [vec![a], vec![a, b]].into_iter().chain(alphabet.iter().map(|&c| vec![a, b, c])) {
                        let found = super::reads(title, &typed);
                        let typed = String::from_utf8_lossy(&typed);
                        assert_eq!(key.admits(typed.as_bytes()), found, "{title}: {typed}");
                    }
                }
            }
        }
        assert!(PinyinKey::of("俄罗斯").admits(b"elsi"));
        assert!(!PinyinKey::of("俄罗斯").admits(b"elxx"), "turned away by its first three letters");
    }

    #[test]
    fn the_range_is_in_characters() {
        assert_eq!(find("Hot Chips 34：英伟达", b"weida"), Some((14, 16)));
        assert_eq!(find("俄罗斯", b"luo"), Some((1, 2)));
        assert_eq!(find("上海上海", b"sh"), Some((0, 1)));
    }
}
