//! "Did you mean": the known name closest to a misspelt one (config keys,
//! key names, commands).

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
