//! Small helpers for config messages: line numbers from byte offsets, the
//! closest known name to a misspelt one, and how a value is described.

use toml::de::DeValue;

/// The 1-based line holding byte `offset` of `text` (offsets past the end
/// count as the last line).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The known name closest to `name`, if it is close enough to be a typo:
/// at most two edits (one for names of up to four characters).
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    let limit = if name.chars().count() <= 4 { 1 } else { 2 };
    known
        .into_iter()
        .map(|candidate| (distance(&name, candidate), candidate))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, candidate)| candidate)
}

/// `"; did you mean `x`?"`, or nothing.
pub fn suggestion<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, known).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default()
}

/// Edit distance between `a` and `b`, by characters, a swap of two
/// neighbours counting as one edit (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back, the last, this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
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
    fn typos_find_their_key() {
        let known = ["sort", "sidebar_width", "reading_width", "library"];
        assert_eq!(closest("sortt", known), Some("sort"));
        assert_eq!(closest("sidebar-width", known), Some("sidebar_width"));
        assert_eq!(closest("Libary", known), Some("library"));
        assert_eq!(closest("colour", known), None);
        assert_eq!(closest("srt", known), Some("sort"));
        assert_eq!(closest("xy", known), None);
        assert_eq!(suggestion("sorts", known), "; did you mean `sort`?");
        assert_eq!(suggestion("zzz", known), "");
    }

    #[test]
    fn distances() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("漢字", "漢子"), 1);
        assert_eq!(distance("same", "same"), 0);
        assert_eq!(distance("srot", "sort"), 1);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("ca", "abc"), 3);
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
