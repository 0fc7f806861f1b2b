//! The fast path: the block shape nearly every real file has (`key: value`,
//! quoted scalars, `- item` lists), parsed without a YAML library. Anything
//! outside that safe subset returns `None` and goes to the YAML parser, so
//! this path never accepts what YAML would read differently.

use super::tree::scalar_json;
use super::{KeyValue, Value};
use std::borrow::Cow;

/// Real blocks have a dozen keys; more go to the YAML parser.
const MAX_KEYS: usize = 64;

/// Parses `yaml` if every line is in the safe subset.
pub fn parse(yaml: &str) -> Option<Vec<KeyValue<'_>>> {
    let mut entries: Vec<KeyValue<'_>> = Vec::with_capacity(8);
    let mut list_indent: Option<usize> = None;
    for raw_line in yaml.split('\n') {
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line).trim_end_matches(' ');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(item) = rest.strip_prefix("- ").or(if rest == "-" { Some("") } else { None }) {
            let (_, value) = entries.last_mut()?;
            if *list_indent.get_or_insert(indent) != indent {
                return None;
            }
            let item = item.trim_start_matches(' ');
            // A list of numbers or booleans is YAML's to type.
            if is_plain(item) && scalar_json(item).is_some() {
                return None;
            }
            let item = scalar(item)?;
            match value {
                Value::Null => *value = Value::List(vec![item]),
                Value::List(items) => items.push(item),
                Value::Text(_) | Value::Typed(..) => return None,
            }
            continue;
        }
        if indent != 0 {
            return None;
        }
        let (key, value) = line.split_once(':')?;
        // Many keys (a hostile block) make the duplicate check costly: YAML's turn.
        if !is_simple_key(key) || entries.len() >= MAX_KEYS || entries.iter().any(|(k, _)| k == key) {
            return None;
        }
        let value = match value.strip_prefix(' ') {
            Some(value) => value.trim_start_matches(' '),
            None if value.is_empty() => "",
            None => return None,
        };
        let value = match scalar_json(value).filter(|_| is_plain(value)) {
            _ if value.is_empty() => Value::Null,
            Some(json) => Value::Typed(Box::new(Value::Text(scalar(value)?)), json.into()),
            None => Value::Text(scalar(value)?),
        };
        list_indent = None;
        entries.push((Cow::Borrowed(key), value));
    }
    Some(entries)
}

/// Whether a scalar is written without quotes.
fn is_plain(text: &str) -> bool {
    !text.starts_with(['\'', '"'])
}

fn is_simple_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_alphabetic()
        && bytes.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// One scalar on one line: single-quoted, double-quoted without escapes,
/// or plain without any character that gives YAML a second meaning.
fn scalar(text: &str) -> Option<Cow<'_, str>> {
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        if !inner.contains('\'') {
            return Some(Cow::Borrowed(inner));
        }
        let unescaped = inner.replace("''", "'");
        if unescaped.matches('\'').count() * 2 != inner.matches('\'').count() {
            return None;
        }
        return Some(Cow::Owned(unescaped));
    }
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then_some(Cow::Borrowed(inner));
    }
    let first = text.chars().next()?;
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let numeric_sign = first == '-' && text[1..].starts_with(|c: char| c.is_ascii_digit());
    if (indicator && !numeric_sign)
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.contains('\t')
        || matches!(text, "~" | "null" | "Null" | "NULL")
    {
        return None;
    }
    Some(Cow::Borrowed(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value<'_> {
        Value::Text(Cow::Borrowed(s))
    }

    #[test]
    fn the_archive_template() {
        let yaml = "title: '俄罗斯希望 西方协调'\ncategories: \n - 新媒体\n - Aljazeera 半岛网\n - 新闻\nheadimg: 'https://x.test/a.jpg?w=770&resize=770%2C433'\nauthor: Aljazeera 半岛网\ncomments: false\ndate: Thu, 30 Dec 2021 12:42:52 GMT\nthumbnail: ''\n";
        let entries = parse(yaml).expect("simple");
        assert_eq!(entries[0], ("title".into(), text("俄罗斯希望 西方协调")));
        assert_eq!(entries[1].1, Value::List(vec!["新媒体".into(), "Aljazeera 半岛网".into(), "新闻".into()]));
        assert_eq!(entries[4], ("comments".into(), Value::Typed(Box::new(text("false")), "false".into())));
        assert_eq!(entries[5].1, text("Thu, 30 Dec 2021 12:42:52 GMT"));
        assert_eq!(entries[6].1, text(""));
    }

    #[test]
    fn old_template_with_four_spaces_and_blank_line() {
        let yaml = "title: '旧模板'\ncategories: \n    - 新媒体\n    - cnBeta\n\nauthor: cnBeta\r\n";
        let entries = parse(yaml).expect("simple");
        assert_eq!(entries[1].1, Value::List(vec!["新媒体".into(), "cnBeta".into()]));
        assert_eq!(entries[2].1, text("cnBeta"));
    }

    #[test]
    fn quotes() {
        assert_eq!(parse("title: \"A Project of One's Own\"").expect("ok")[0].1, text("A Project of One's Own"));
        assert_eq!(parse("title: 'It''s'").expect("ok")[0].1, text("It's"));
    }

    #[test]
    fn leaves_everything_else_to_yaml() {
        for yaml in [
            "title: \"Apple's \"Far Out\" event\"",
            "categories:\n - | 最新",
            "title: 'a' # comment",
            "title: \"tab\\there\"",
            "title: [a, b]",
            "title: &anchor x",
            "title: a: b",
            "title: x\ntitle: y",
            "title: >\n  folded",
            "  indented: x",
            "title: 'it's'",
            "Title With Space: x",
            "title: ~",
        ] {
            assert_eq!(parse(yaml), None, "{yaml}");
        }
    }
}
