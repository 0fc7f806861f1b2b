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

/// `b`'s place in the alphabet.
pub(super) fn letter(b: u8) -> Option<u8> {
    b.is_ascii_lowercase().then(|| b - b'a')
}

/// The plain readings of `c` as typed (`ü` as `v`), maybe one twice (in
/// two tones); none for a character that is not Chinese.
pub(super) fn readings(c: char) -> impl Iterator<Item = &'static str> {
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
pub(super) fn steps(reading: &[u8], same: usize) -> u128 {
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
        assert!(
            !found || crate::search::pinyin_key::PinyinKey::of(title).admits(typed.as_bytes()),
            "the key turned away {typed}"
        );
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
    fn the_range_is_in_characters() {
        assert_eq!(find("Hot Chips 34：英伟达", b"weida"), Some((14, 16)));
        assert_eq!(find("俄罗斯", b"luo"), Some((1, 2)));
        assert_eq!(find("上海上海", b"sh"), Some((0, 1)));
    }
}
