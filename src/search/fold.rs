//! Folding text for matching, so that a reader finds what they mean:
//! case, full- and half-width forms (NFKC), hiragana and katakana, and
//! traditional and simplified Chinese all compare equal.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// `text` in the one form searches compare: NFKC (`ＡＢＣ１２` → `ABC12`,
/// half-width katakana → katakana), lower case, katakana for hiragana,
/// simplified for traditional Chinese.
pub fn fold(text: &str) -> String {
    let narrow: String = if text.is_ascii() { text.to_ascii_lowercase() } else { fold_wide(text) };
    narrow
}

fn fold_wide(text: &str) -> String {
    // Most CJK text is already in NFKC: checking is cheaper than normalising.
    let normal: std::borrow::Cow<'_, str> = match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfkc().collect()),
    };
    let mut folded = String::with_capacity(normal.len());
    for c in normal.chars() {
        match c {
            c if c.is_ascii() => folded.push(c.to_ascii_lowercase()),
            // Kana and ideographs have no case.
            '\u{3000}'..='\u{9fff}' => folded.push(hiragana_to_katakana(c)),
            c => folded.extend(c.to_lowercase()),
        }
    }
    fast2s::convert(&folded)
}

/// `text` folded, and for each byte of the result the index of the
/// character of `text` it came from (to show where a match is).
pub fn fold_with_positions(text: &str) -> (String, Vec<usize>) {
    let whole = fold(text);
    let mut positions = Vec::with_capacity(whole.len());
    if whole.chars().count() == text.chars().count() {
        // Folding kept one character for one (nearly always): map directly.
        for (index, c) in whole.chars().enumerate() {
            positions.extend(std::iter::repeat_n(index, c.len_utf8()));
        }
        return (whole, positions);
    }
    let mut folded = String::with_capacity(whole.len());
    for (index, c) in text.chars().enumerate() {
        let piece = fold(c.encode_utf8(&mut [0; 4]));
        positions.extend(std::iter::repeat_n(index, piece.len()));
        folded.push_str(&piece);
    }
    (folded, positions)
}

/// Where `needle` (folded) occurs in `text`, as character ranges of `text`.
pub fn find_folded(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let (folded, positions) = fold_with_positions(text);
    folded.match_indices(needle).map(|(at, found)| (positions[at], positions[at + found.len() - 1] + 1)).collect()
}

/// ぁ–ゖ and ゝゞ become their katakana.
fn hiragana_to_katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' | '\u{309d}' | '\u{309e}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fold() {
        assert_eq!(fold("ＡＢＣ１２"), "abc12");
        assert_eq!(fold("ｶﾞｲﾄﾞ"), fold("ガイド"));
        assert_eq!(fold("Ｈｅｌｌｏ　World"), "hello world");
    }

    #[test]
    fn kana_fold() {
        assert_eq!(fold("ひらがな"), fold("ヒラガナ"));
        assert_eq!(fold("ジョジョ"), fold("じょじょ"));
    }

    #[test]
    fn traditional_and_simplified_fold() {
        assert_eq!(fold("烏克蘭"), fold("乌克兰"));
        assert_eq!(fold("俄羅斯"), "俄罗斯");
        assert_eq!(fold("與堂本光一合作新曲影像出爐"), fold("与堂本光一合作新曲影像出炉"));
    }

    #[test]
    fn case_folds() {
        assert_eq!(fold("Hot Chips"), "hot chips");
        assert_eq!(fold("ÉCOLE"), "école");
    }
}
