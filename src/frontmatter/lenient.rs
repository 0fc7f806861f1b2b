//! The last resort for a block YAML refuses: read it line by line
//! (`key: value`, ` - item`, one level of quotes stripped), so an article
//! with a stray quote or `- | 最新` keeps its real title and categories.

use super::tree::scalar_json;
use super::{KeyValue, Value};
use std::borrow::Cow;

/// A block holds at most this many keys worth reading.
const MAX_ENTRIES: usize = 256;

/// Reads whatever `key: value` and `- item` lines `yaml` holds.
pub fn parse(yaml: &str) -> Vec<KeyValue<'static>> {
    let mut entries: Vec<KeyValue<'static>> = Vec::new();
    for raw_line in yaml.lines() {
        if entries.len() > MAX_ENTRIES {
            entries.truncate(MAX_ENTRIES);
            break;
        }
        let line = raw_line.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed.strip_prefix('-').filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t'])) {
            if let Some((_, value)) = entries.last_mut() {
                let item = Cow::Owned(unquote(strip_block_indicator(item.trim())));
                untype(value);
                match value {
                    Value::Null => *value = Value::List(vec![item]),
                    Value::List(items) => items.push(item),
                    Value::Text(text) => text.to_mut().push_str(&format!(" {item}")),
                    Value::Typed(..) => {}
                }
            }
            continue;
        }
        let is_top_level = trimmed.len() == line.len();
        match line.split_once(':') {
            Some((key, value)) if is_top_level && !key.trim().is_empty() => {
                let value = value.trim();
                let value = if value.is_empty() || value == "|" || value == ">" {
                    Value::Null
                } else if let Some(items) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                    // A flow list: `[a, "b"]`.
                    let items = items.split(',').map(str::trim).filter(|i| !i.is_empty());
                    Value::List(items.map(|i| Cow::Owned(unquote(i))).collect())
                } else {
                    text_or_typed(value)
                };
                entries.push((Cow::Owned(key.trim().to_owned()), value));
            }
            _ => {
                // An indented continuation of the previous value.
                if let Some((_, value)) = entries.last_mut() {
                    untype(value);
                    match value {
                        Value::Typed(..) => {}
                        Value::Null => *value = Value::Text(Cow::Owned(unquote(trimmed))),
                        Value::Text(text) => {
                            let text = text.to_mut();
                            text.push(' ');
                            text.push_str(trimmed);
                        }
                        Value::List(items) => {
                            if let Some(last) = items.last_mut() {
                                let last = last.to_mut();
                                last.push(' ');
                                last.push_str(trimmed);
                            }
                        }
                    }
                }
            }
        }
    }
    entries
}

/// A value read on its line: text, or a boolean or number when it is
/// written as one, without quotes.
fn text_or_typed(value: &str) -> Value<'static> {
    let text = Value::Text(Cow::Owned(unquote(value)));
    match scalar_json(value) {
        Some(json) if !value.starts_with(['\'', '"']) => Value::Typed(Box::new(text), json.into()),
        _ => text,
    }
}

/// A value continued on the next line is text, whatever it began as.
fn untype(value: &mut Value<'static>) {
    if let Value::Typed(..) = value {
        *value = std::mem::replace(value, Value::Null).into_plain();
    }
}

/// `| 最新` → `最新`: a block-scalar indicator written where none belongs.
fn strip_block_indicator(item: &str) -> &str {
    for indicator in ["|", ">", "|-", ">-", "|+", ">+"] {
        if let Some(rest) = item.strip_prefix(indicator)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return rest.trim_start();
        }
    }
    item
}

/// Strips one level of matching quotes; `''` inside single quotes is `'`.
fn unquote(value: &str) -> String {
    if value.len() >= 2 {
        if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
            return inner.replace("''", "'");
        }
        if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            return inner.to_owned();
        }
    }
    value.to_owned()
}

/// The last resort for a TOML or JSON block its parser refuses: each
/// `key = value` (TOML) or `"key": value,` (JSON) line, a `[…]` list of
/// quoted items as a list, one level of quotes stripped; table headers
/// (`[extra]`) are passed over, so their keys read as the article's own.
pub fn parse_pairs(block: &str, separator: char) -> Vec<KeyValue<'static>> {
    let mut entries: Vec<KeyValue<'static>> = Vec::new();
    for line in block.lines() {
        if entries.len() >= MAX_ENTRIES {
            break;
        }
        let line = line.trim().trim_end_matches(',');
        if line.is_empty() || line.starts_with('#') || line.starts_with('[') || line.starts_with(['{', '}']) {
            continue;
        }
        let Some((key, value)) = line.split_once(separator) else { continue };
        let key = unquote(key.trim());
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        let value = value.trim();
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(items) => Value::List(
                items
                    .split(',')
                    .map(|item| unquote(item.trim()))
                    .filter(|item| !item.is_empty())
                    .map(Cow::Owned)
                    .collect(),
            ),
            None => text_or_typed(value),
        };
        entries.push((Cow::Owned(key), value));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_with_both_quote_kinds() {
        let entries = parse("title: \"Apple's \"Far Out\" event\"\ndate: Wed, 07 Sep 2022 17:00:00 GMT\n");
        assert_eq!(entries[0].1, Value::Text("Apple's \"Far Out\" event".into()));
        assert_eq!(entries[1].1, Value::Text("Wed, 07 Sep 2022 17:00:00 GMT".into()));
    }

    #[test]
    fn pipe_in_a_category_item() {
        let entries = parse("categories: \n - 新媒体\n - cnBeta\n - | 最新\nauthor: cnBeta");
        assert_eq!(entries[0].1, Value::List(vec!["新媒体".into(), "cnBeta".into(), "最新".into()]));
        assert_eq!(entries[1].1, Value::Text("cnBeta".into()));
    }

    #[test]
    fn continuation_lines_join_the_value() {
        let entries = parse("title: a long\n  title here\nurl: x");
        assert_eq!(entries[0].1, Value::Text("a long title here".into()));
    }

    #[test]
    fn flow_lists() {
        let entries = parse("categories: [新媒体, \"9To5\"]\ntitle: \"a \"b\" c\"");
        assert_eq!(entries[0].1, Value::List(vec!["新媒体".into(), "9To5".into()]));
    }

    #[test]
    fn keys_are_capped() {
        let block: String = (0..10_000).map(|i| format!("k{i}: v\n")).collect();
        assert_eq!(parse(&block).len(), MAX_ENTRIES);
    }

    #[test]
    fn garbage_is_ignored() {
        assert_eq!(parse("  - orphan\n: no key\n"), vec![]);
    }

    #[test]
    fn toml_and_json_pairs_line_by_line() {
        let entries =
            parse_pairs("title = \"A \"broken\" one\nbad line\n[extra]\nauthor = 'Ann'\ntags = [\"a\", 'b']\n", '=');
        assert_eq!(entries[0].0, "title");
        assert_eq!(entries[1], (Cow::Borrowed("author"), Value::Text(Cow::Borrowed("Ann"))));
        assert_eq!(entries[2].1, Value::List(vec!["a".into(), "b".into()]));
        let entries = parse_pairs("{\n\"title\": \"x\",\n\"draft\": true,,\n}", ':');
        let typed = Value::Typed(Box::new(Value::Text("true".into())), "true".into());
        assert_eq!(entries, [("title".into(), Value::Text("x".into())), ("draft".into(), typed)]);
    }
}
