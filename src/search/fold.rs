//! Folding text for matching, so that a reader finds what they mean:
//! case, full- and half-width forms (NFKC), hiragana and katakana, and
//! traditional and simplified Chinese all compare equal.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// `text` in the one form searches compare: NFKC (`ＡＢＣ１２` → `ABC12`,
/// half-width katakana → katakana), lower case, katakana for hiragana,
/// simplified for traditional Chinese.
pub fn fold(text: &str) -> String {
    let narrow: String = if text.is_ascii() { text.to_ascii_lowercase() } else { fold_wide(text) };
    narrow
}

fn fold_wide(text: &str) -> String {
    fast2s::convert(&narrow(text))
}

/// NFKC, lower case and katakana: `fold` but for traditional Chinese,
/// which `fast2s` turns into simplified one character for one.
fn narrow(text: &str) -> String {
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
    folded
}

/// `fold(text)`, and for each of its bytes the characters of `text` it came
/// from, as a range `(first, end)` (to show where a match is). Folding may
/// join characters (half-width `ｶﾞ` → `ガ`) or split one (`ﬁ` → `fi`): the
/// bytes of a joined character point to all of its sources, those of a
/// split one to its one source.
pub fn fold_with_positions(text: &str) -> (String, Vec<(usize, usize)>) {
    let whole = fold(text);
    if text.is_ascii() {
        // One byte for one byte.
        return (whole, (0..text.len()).map(|i| (i, i + 1)).collect());
    }
    // Fold in pieces that normalise on their own: a character and the
    // marks that may join it.
    let mut narrowed = String::with_capacity(whole.len());
    let mut sources: Vec<(usize, usize)> = Vec::with_capacity(whole.len());
    let mut piece = String::new();
    let mut first = 0;
    let chars: Vec<char> = text.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        if index > 0 && starts_piece(c) {
            push_piece(&mut narrowed, &mut sources, &piece, (first, index));
            piece.clear();
            first = index;
        }
        piece.push(c);
    }
    push_piece(&mut narrowed, &mut sources, &piece, (first, chars.len()));
    // `fast2s` keeps one character for one, though not always its length.
    let converted = fast2s::convert(&narrowed);
    if converted != whole || converted.chars().count() != sources.len() {
        // Pieces that folded otherwise than the whole: point at everything.
        let everything = vec![(0, chars.len()); whole.len()];
        return (whole, everything);
    }
    let mut positions = Vec::with_capacity(whole.len());
    for (c, source) in converted.chars().zip(sources) {
        positions.extend(std::iter::repeat_n(source, c.len_utf8()));
    }
    (converted, positions)
}

/// Whether folding can treat `c` apart from the character before it: not
/// a combining mark or a character that composes with the one before
/// (like the half-width voiced mark `ﾞ`).
fn starts_piece(c: char) -> bool {
    let alone = |c: char| canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
    if alone(c) {
        return true;
    }
    let mut buffer = [0; 4];
    c.encode_utf8(&mut buffer).nfkc().next().is_none_or(alone)
}

/// Adds `piece` narrowed, each of its characters from `source`.
fn push_piece(narrowed: &mut String, sources: &mut Vec<(usize, usize)>, piece: &str, source: (usize, usize)) {
    let folded = narrow(piece);
    sources.extend(std::iter::repeat_n(source, folded.chars().count()));
    narrowed.push_str(&folded);
}

/// Where `needle` (folded) occurs in `text`, as character ranges of `text`.
pub fn find_folded(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let (folded, positions) = fold_with_positions(text);
    folded.match_indices(needle).map(|(at, found)| (positions[at].0, positions[at + found.len() - 1].1)).collect()
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

    /// The characters of `text` that `fold_with_positions` says each
    /// character of the folded text came from.
    fn sources(text: &str) -> Vec<(char, &str)> {
        let (folded, positions) = fold_with_positions(text);
        assert_eq!(folded, fold(text), "{text}");
        assert_eq!(positions.len(), folded.len(), "{text}");
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let slice = |(first, end): (usize, usize)| {
            let from = chars[first].0;
            let to = chars.get(end).map_or(text.len(), |c| c.0);
            &text[from..to]
        };
        folded.char_indices().map(|(at, c)| (c, slice(positions[at]))).collect()
    }

    #[test]
    fn positions_follow_folds_that_join_or_split() {
        assert_eq!(sources("ｶﾞｲﾄﾞ"), [('ガ', "ｶﾞ"), ('イ', "ｲ"), ('ド', "ﾄﾞ")]);
        assert_eq!(sources("ﬁx"), [('f', "ﬁ"), ('i', "ﬁ"), ('x', "x")]);
        assert_eq!(sources("ｶﾞ ﬁsh")[2..4], [('f', "ﬁ"), ('i', "ﬁ")]);
        // A letter and a combining accent: one character.
        assert_eq!(sources("Cafe\u{301}!"), [('c', "C"), ('a', "a"), ('f', "f"), ('é', "e\u{301}"), ('!', "!")]);
        assert_eq!(sources("㍻"), [('平', "㍻"), ('成', "㍻")]);
    }

    #[test]
    fn positions_keep_one_for_one_folds() {
        assert_eq!(sources("ＡＢ俄羅斯"), [('a', "Ａ"), ('b', "Ｂ"), ('俄', "俄"), ('罗', "羅"), ('斯', "斯")]);
        assert_eq!(sources("ひらがな").len(), 4);
        assert_eq!(find_folded("ｶﾞｲﾄﾞ 大阪", "ガイド"), [(0, 5)]);
        assert_eq!(find_folded("ｶﾞ ﬁsh", "fi"), [(3, 4)]);
        assert_eq!(find_folded("ｶﾞ ﬁsh", "is"), [(3, 5)]);
    }

    #[test]
    fn case_folds() {
        assert_eq!(fold("Hot Chips"), "hot chips");
        assert_eq!(fold("ÉCOLE"), "école");
    }
}
