//! Small helpers for config messages: line numbers from byte offsets and
//! how a value is described.

use toml::de::DeValue;

/// The 1-based line holding byte `offset` of `text` (offsets past the end
/// count as the last line).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A value as a message shows it: `the string "wide"`, `the integer 3`.
pub fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the string {:?}", shorten(s)),
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("the boolean {b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "an array".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

/// At most 40 characters of `s`, for messages.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 { s.to_owned() } else { s.chars().take(39).chain(['…']).collect() }
}

/// An integer value, if it is one and fits.
pub fn integer(value: &DeValue<'_>) -> Option<i128> {
    match value {
        DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        let text = "a = 1\nb = 2\n\nc = 3";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 5), 1);
        assert_eq!(line_of(text, 6), 2);
        assert_eq!(line_of(text, 13), 4);
        assert_eq!(line_of(text, 1000), 4);
        assert_eq!(line_of("", 3), 1);
    }

    #[test]
    fn values_are_described() {
        fn parsed(s: &str) -> DeValue<'_> {
            DeValue::parse(s).expect("a value").into_inner()
        }
        assert_eq!(describe(&parsed("\"wide\"")), "the string \"wide\"");
        assert_eq!(describe(&parsed("12")), "the integer 12");
        assert_eq!(describe(&parsed("1.5")), "the number 1.5");
        assert_eq!(describe(&parsed("true")), "the boolean true");
        assert_eq!(describe(&parsed("[1]")), "an array");
        assert_eq!(describe(&parsed("{a = 1}")), "a table");
        assert!(describe(&parsed(&format!("{:?}", "x".repeat(100)))).ends_with("…\""));
        assert_eq!(integer(&parsed("0x10")), Some(16));
        assert_eq!(integer(&parsed("-1_000")), Some(-1000));
        assert_eq!(integer(&parsed("\"3\"")), None);
    }
}
