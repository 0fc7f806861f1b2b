//! The order titles sort in as people read them: digits, then Latin (and
//! other alphabets), then Japanese kana in gojūon order, then Chinese
//! characters by pinyin (traditional with simplified).
//!
//! A title becomes a run of weights, one per letter, digit or character,
//! compared in turn. Punctuation and symbols weigh nothing (a title in
//! 《》 or “” sorts by its words), and a space between words is the
//! lightest weight (`New York` before `Newark`). Each script keeps to its
//! own block, so a library mixing them reads as a Chinese or Japanese
//! reader expects: kana titles together in あいうえお order, Chinese titles
//! together in pinyin order, rather than kana scattered among Latin by a
//! romanisation folio would have to guess. A Japanese title led by kanji
//! cannot be read without a dictionary, so its kanji sort by their
//! Chinese pinyin, among the Chinese titles.

use pinyin::ToPinyin;
use std::borrow::Cow;
use std::cmp::Ordering;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The block of each kind of weight, in the weight's top byte.
const GAP: u64 = 1 << 56;
const DIGIT: u64 = 2 << 56;
const LETTER: u64 = 3 << 56;
const KANA: u64 = 4 << 56;
const HAN: u64 = 5 << 56;

/// A Chinese character with no known reading, after every syllable.
const NO_SYLLABLE: u64 = (1 << 29) - 1;

/// The first weights of a title, computed once per article before a sort
/// (comparing them is a few integer comparisons; only titles that agree
/// on all of them need the rest, see `rest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TitleKey([u64; TitleKey::WEIGHTS]);

impl TitleKey {
    /// How many weights the key keeps: 24 bytes, and most titles differ
    /// within their first three letters or characters.
    const WEIGHTS: usize = 3;

    /// The key of `title`.
    pub fn of(title: &str) -> TitleKey {
        let simplified = simplified(title);
        let mut key = [0; TitleKey::WEIGHTS];
        for (slot, weight) in key.iter_mut().zip(Weights::of(&simplified)) {
            *slot = weight;
        }
        TitleKey(key)
    }

    /// The weights of `title` after its key's: titles with equal keys are
    /// in the order of these (`compare` orders titles as their keys, then
    /// their rests).
    pub fn rest(title: &str) -> Box<[u64]> {
        Weights::of(&simplified(title)).skip(TitleKey::WEIGHTS).collect()
    }
}

/// The order of two titles as people read them (see the module's notes);
/// titles that differ only in case, accents, kana voicing or punctuation
/// are equal here.
pub fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (simplified(a), simplified(b));
    Weights::of(&a).cmp(Weights::of(&b))
}

/// `title` with traditional Chinese characters made simplified, so that
/// both spellings sort together (無 with 无); a title with no character
/// outside the first pages of Unicode is kept as it is.
fn simplified(title: &str) -> Cow<'_, str> {
    // fast2s converts only the characters UTF-8 writes in three bytes.
    if title.chars().all(|c| c.len_utf8() != 3) { Cow::Borrowed(title) } else { Cow::Owned(fast2s::convert(title)) }
}

/// The weights of a title, one after another.
struct Weights<'a> {
    chars: std::str::Chars<'a>,
    /// The weights of the character being read (a compatibility character
    /// such as `ﬁ` has more than one).
    pending: CharWeights,
    /// A space was passed since the last weight.
    gap: bool,
    /// A weight was given (a space before the first one is no gap).
    started: bool,
}

impl Weights<'_> {
    fn of(title: &str) -> Weights<'_> {
        Weights { chars: title.chars(), pending: CharWeights::default(), gap: false, started: false }
    }
}

impl Iterator for Weights<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        loop {
            if let Some(weight) = self.pending.next() {
                if self.gap {
                    // The gap goes before this weight, which comes next.
                    self.gap = false;
                    self.pending.put_back();
                    return Some(GAP);
                }
                self.started = true;
                return Some(weight);
            }
            let c = self.chars.next()?;
            if c.is_whitespace() {
                self.gap |= self.started;
                continue;
            }
            self.pending = CharWeights::of(c);
        }
    }
}

/// The weights of one character: at most four (the rest of a long
/// compatibility decomposition, such as a ligature of words, is dropped).
#[derive(Debug, Default)]
struct CharWeights {
    weights: [u64; 4],
    len: u8,
    at: u8,
}

impl CharWeights {
    fn of(c: char) -> CharWeights {
        let mut weights = CharWeights::default();
        if is_han(c) {
            weights.push(han_weight(c));
            return weights;
        }
        // Full-width letters, half-width kana and ligatures read as their
        // plain forms; accents and kana voicing marks weigh nothing.
        decompose_compatible(c, |part| {
            if !is_combining_mark(part) {
                weights.push(plain_weight(part));
            }
        });
        weights
    }

    fn push(&mut self, weight: Option<u64>) {
        if let Some(weight) = weight
            && usize::from(self.len) < self.weights.len()
        {
            self.weights[usize::from(self.len)] = weight;
            self.len += 1;
        }
    }

    /// Gives the weight last taken again.
    fn put_back(&mut self) {
        self.at = self.at.saturating_sub(1);
    }
}

impl Iterator for CharWeights {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        (self.at < self.len).then(|| {
            self.at += 1;
            self.weights[usize::from(self.at - 1)]
        })
    }
}

/// The weight of a character that is not Chinese, if it has one.
fn plain_weight(c: char) -> Option<u64> {
    if let Some(kana) = hiragana(c) {
        return Some(KANA | u64::from(kana));
    }
    if c.is_numeric() {
        return Some(DIGIT | u64::from(c));
    }
    if c.is_alphabetic() && !is_kana_mark(c) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        return Some(LETTER | u64::from(lower));
    }
    None
}

/// A Chinese character's weight: its syllable, then its tone (1 to 4, then
/// the neutral one), then the character itself, so that one character's
/// titles stay together.
fn han_weight(c: char) -> Option<u64> {
    let Some(reading) = c.to_pinyin() else {
        return Some(HAN | NO_SYLLABLE << 24 | u64::from(c));
    };
    let spelled = reading.with_tone_num_end();
    let (letters, tone) = match spelled.as_bytes().last() {
        Some(&digit @ b'1'..=b'4') => (&spelled[..spelled.len() - 1], u64::from(digit - b'0')),
        _ => (spelled, 5),
    };
    Some(HAN | syllable_value(letters) << 24 | tone << 21 | u64::from(c))
}

/// A syllable as a number that orders as the syllable does: each letter a
/// base-27 digit (`ü` as `v`, after `u`), padded to six letters with
/// zeros, so that `du` comes before `duan`.
fn syllable_value(letters: &str) -> u64 {
    let mut value = 0;
    let mut count = 0;
    for c in letters.chars().take(6) {
        let letter = match c {
            'a'..='z' => u64::from(c) - u64::from('a') + 1,
            'ü' => u64::from('v') - u64::from('a') + 1,
            _ => continue,
        };
        value = value * 27 + letter;
        count += 1;
    }
    (count..6).fold(value, |value, _| value * 27)
}

/// A kana as the hiragana it sorts as: katakana as hiragana, small kana as
/// their full-size forms (ぁ as あ, ッ as つ).
fn hiragana(c: char) -> Option<u32> {
    let code = match u32::from(c) {
        code @ 0x3041..=0x3096 => code,
        code @ 0x30A1..=0x30F6 => code - 0x60,
        _ => return None,
    };
    Some(match code {
        // ぁぃぅぇぉ っ ゃゅょ ゎ
        0x3041 | 0x3043 | 0x3045 | 0x3047 | 0x3049 | 0x3063 | 0x3083 | 0x3085 | 0x3087 | 0x308E => code + 1,
        // ゕ ゖ: small か and け.
        0x3095 => 0x304B,
        0x3096 => 0x3051,
        code => code,
    })
}

/// The long-vowel mark and the iteration marks, which only lengthen or
/// repeat the kana before them.
fn is_kana_mark(c: char) -> bool {
    matches!(c, 'ー' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '々' | '〆')
}

/// Whether `c` is a Chinese character (hanzi, kanji).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(titles: &[&str]) -> Vec<String> {
        let mut titles: Vec<String> = titles.iter().map(|t| (*t).to_owned()).collect();
        titles.sort_by(|a, b| compare(a, b));
        titles
    }

    #[test]
    fn chinese_titles_sort_by_pinyin() {
        // Code points would give 俄 慢 獨 终; pinyin gives e, du, man, zhong.
        assert_eq!(sorted(&["终于", "俄罗斯", "慢慢", "獨立"]), ["獨立", "俄罗斯", "慢慢", "终于"]);
        // Syllable by syllable: 西安 (xi an) before 先 (xian).
        assert_eq!(sorted(&["先生", "西安"]), ["西安", "先生"]);
        // One syllable: by tone (妈 ma1, 麻 ma2, 马 ma3, 骂 ma4).
        assert_eq!(sorted(&["骂人", "马上", "妈妈", "麻烦"]), ["妈妈", "麻烦", "马上", "骂人"]);
        // ü after u.
        assert_eq!(sorted(&["绿色", "路上", "乱"]), ["路上", "乱", "绿色"]);
    }

    #[test]
    fn traditional_and_simplified_sort_together() {
        assert_eq!(compare("獨立", "独立"), Ordering::Equal);
        assert_eq!(compare("國家", "国家"), Ordering::Equal);
        // The same reading, other characters: each stays with its own.
        assert_eq!(sorted(&["独立", "读书", "獨自"]), ["独立", "獨自", "读书"]);
    }

    #[test]
    fn kana_sort_in_gojuon_order() {
        assert_eq!(sorted(&["さくら", "あさひ", "かもめ", "はな"]), ["あさひ", "かもめ", "さくら", "はな"]);
        // Katakana with hiragana; voiced and small kana with their plain ones.
        assert_eq!(compare("カメラ", "かめら"), Ordering::Equal);
        assert_eq!(compare("がっこう", "かつこう"), Ordering::Equal);
        assert_eq!(sorted(&["ソニー", "アニメ", "すし"]), ["アニメ", "すし", "ソニー"]);
        // Half-width katakana read as full-width.
        assert_eq!(compare("ｶﾒﾗ", "カメラ"), Ordering::Equal);
    }

    #[test]
    fn scripts_keep_to_their_blocks() {
        let titles = ["东京", "Zebra", "あさひ", "2024 review", "apple", "東京タワー", "カメラ"];
        assert_eq!(sorted(&titles), ["2024 review", "apple", "Zebra", "あさひ", "カメラ", "东京", "東京タワー"]);
    }

    #[test]
    fn latin_ignores_case_accents_and_punctuation() {
        assert_eq!(compare("Éclair", "eclair"), Ordering::Equal);
        assert_eq!(compare("“Hello”", "hello"), Ordering::Equal);
        assert_eq!(compare("《人民日报》", "人民日报"), Ordering::Equal);
        assert_eq!(compare("ＡＢＣ", "abc"), Ordering::Equal);
        assert_eq!(sorted(&["Newark", "New York"]), ["New York", "Newark"]);
        // A space at either end is no gap.
        assert_eq!(compare("  abc ", "abc"), Ordering::Equal);
        assert_eq!(compare("", "a"), Ordering::Less);
    }

    #[test]
    fn keys_and_rests_agree_with_compare() {
        let titles = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcd f",
            "abcdf",
            "俄罗斯希望",
            "俄罗斯希",
            "俄罗斯",
            "獨立宣言",
            "独立宣言",
            "あいうえお",
            "あいうえ",
            "New York",
            "Newark",
            "x y z w",
            "xyzw",
            "ﬁne",
            "fine",
        ];
        let keyed = |title: &str| (TitleKey::of(title), TitleKey::rest(title));
        for a in titles {
            for b in titles {
                assert_eq!(keyed(a).cmp(&keyed(b)), compare(a, b), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn syllables_order_as_spelled() {
        assert!(syllable_value("du") < syllable_value("duan"));
        assert!(syllable_value("duan") < syllable_value("e"));
        assert!(syllable_value("lu") < syllable_value("lü"));
        assert!(syllable_value("zhuang") < syllable_value("zi"));
    }
}
