//! Pinyin for Chinese titles, so `eluosi` or `els` finds 俄罗斯: the full
//! syllables run together, and their initials.

use pinyin::ToPinyin;

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
    fn syllables_and_initials() {
        assert_eq!(pinyin_forms("俄罗斯"), ("eluosi".to_owned(), "els".to_owned()));
        let (full, initials) = pinyin_forms("Hot Chips 34：英伟达");
        assert_eq!(full, "hot chips 34：yingweida");
        assert_eq!(initials, "hot chips 34：ywd");
    }
}
