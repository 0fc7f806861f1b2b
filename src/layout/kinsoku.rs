//! Kinsoku shori: the characters a CJK line may not start or end with.

/// Closing punctuation, small kana and marks that may not start a line.
pub fn no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '·' | '；' | '：' | '？' | '！' | '）' | '」' | '』' | '】' | '》' | '〉' | '’' | '”'
            | '・' | 'ー' | '…' | '‥' | '〕' | '］' | '｝' | '〙' | '〗' | '〟' | '｠' | '»' | '゛' | '゜'
            | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '々' | '〻' | '‐' | '゠' | '〜' | '～' | '‼' | '⁇' | '⁈' | '⁉'
            // Half-width forms.
            | '｡' | '､' | '｣' | '･' | 'ｰ' | ')' | ']' | '}' | ',' | '.' | ':' | ';' | '?' | '!'
            // Small kana, hiragana and katakana (and half-width katakana).
            | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
            | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
            | 'ㇰ'..='ㇿ' | 'ｧ'..='ｯ'
    )
}

/// Opening punctuation that may not end a line.
pub fn no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '《'
            | '〈'
            | '‘'
            | '“'
            | '〔'
            | '［'
            | '｛'
            | '〘'
            | '〖'
            | '〝'
            | '｟'
            | '«'
            | '｢'
            | '('
            | '['
            | '{'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_lists() {
        for c in "，。、；：？！）」』】》〉’”・ーぁぃぅぇぉっゃゅょ…｡､｣･ｰｧｯ".chars()
        {
            assert!(no_start(c), "{c}");
        }
        for c in "（「『【《〈‘“｢".chars() {
            assert!(no_end(c), "{c}");
        }
        for c in "中あア a1".chars() {
            assert!(!no_start(c) && !no_end(c), "{c}");
        }
    }
}
