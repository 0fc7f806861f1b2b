//! Pinyin for Chinese titles, so `eluosi` or `els` finds 俄罗斯: the full
//! syllables run together, and their initials.

use pinyin::{ToPinyin, ToPinyinMulti};

/// (full pinyin, initials) of `text` read with each character's other
/// reading where it has one (重庆 → chongqing, 银行 → yinhang), or `None`
/// when no character has two.
pub fn other_reading(text: &str) -> Option<(String, String)> {
    let mut full = String::with_capacity(text.len() * 2);
    let mut initials = String::with_capacity(text.len());
    let mut differs = false;
    for (c, readings) in text.chars().zip(text.to_pinyin_multi()) {
        match readings {
            Some(readings) => {
                let first = readings.get(0).plain();
                // Another reading, not the same syllable in another tone.
                let other = readings.into_iter().map(|r| r.plain()).find(|plain| *plain != first);
                differs |= other.is_some();
                let plain = other.unwrap_or(first);
                full.push_str(plain);
                initials.extend(plain.chars().next());
            }
            None => {
                full.extend(c.to_lowercase());
                initials.extend(c.to_lowercase());
            }
        }
    }
    differs.then_some((full, initials))
}

/// (full pinyin, initials) of `text`, lower case; other characters are
/// kept as they are in both.
pub fn pinyin_forms(text: &str) -> (String, String) {
    let mut full = String::with_capacity(text.len() * 2);
    let mut initials = String::with_capacity(text.len());
    for (c, reading) in text.chars().zip(text.to_pinyin()) {
        match reading {
            Some(reading) => {
                let plain = reading.plain();
                full.push_str(plain);
                initials.extend(plain.chars().next());
            }
            None => {
                full.extend(c.to_lowercase());
                initials.extend(c.to_lowercase());
            }
        }
    }
    (full, initials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_readings() {
        assert_eq!(other_reading("重庆").map(|r| r.0).as_deref(), Some("chongqing"));
        assert_eq!(other_reading("你好"), None);
    }

    #[test]
    fn syllables_and_initials() {
        assert_eq!(pinyin_forms("俄罗斯"), ("eluosi".to_owned(), "els".to_owned()));
        let (full, initials) = pinyin_forms("Hot Chips 34：英伟达");
        assert_eq!(full, "hot chips 34：yingweida");
        assert_eq!(initials, "hot chips 34：ywd");
    }
}
