//! The full YAML parser (serde_yaml) for blocks outside the fast path.

use super::{KeyValue, Value};
use serde_yaml::Value as Yaml;
use std::borrow::Cow;

/// Parses `yaml` as a mapping; the error says what YAML refused and where.
pub fn parse(yaml: &str) -> Result<Vec<KeyValue<'static>>, String> {
    match serde_yaml::from_str::<Yaml>(yaml) {
        Ok(Yaml::Mapping(mapping)) => Ok(mapping
            .into_iter()
            .map(|(key, value)| {
                let key = scalar_text(key);
                let value = match value {
                    // YAML reads `1.10` as the number 1.1; the text is what was meant.
                    Yaml::Number(_) | Yaml::Bool(_) => match written_value(yaml, &key) {
                        Some(written) => Value::Text(Cow::Owned(written.to_owned())),
                        None => convert(value),
                    },
                    other => convert(other),
                };
                (Cow::Owned(key), value)
            })
            .collect()),
        Ok(Yaml::Null) => Ok(Vec::new()),
        Ok(_) => Err("the block is not a list of `key: value` lines".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

/// The plain text after `key:` on the block's own line for `key`.
fn written_value<'a>(yaml: &'a str, key: &str) -> Option<&'a str> {
    yaml.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.trim_start_matches([' ', '\t']).strip_prefix(':')?;
        let value = rest.split(" #").next().unwrap_or(rest).trim();
        (!value.is_empty()).then_some(value)
    })
}

fn convert(value: Yaml) -> Value<'static> {
    match value {
        Yaml::Null => Value::Null,
        Yaml::Sequence(items) => Value::List(
            items.into_iter().filter(|item| !item.is_null()).map(|item| Cow::Owned(scalar_text(item))).collect(),
        ),
        Yaml::Tagged(tagged) => convert(tagged.value),
        other => Value::Text(Cow::Owned(scalar_text(other))),
    }
}

/// A YAML value as one line of text.
fn scalar_text(value: Yaml) -> String {
    match value {
        Yaml::Null => String::new(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.to_string(),
        Yaml::String(s) => s,
        Yaml::Sequence(items) => items.into_iter().map(scalar_text).collect::<Vec<_>>().join(", "),
        Yaml::Mapping(mapping) => mapping
            .into_iter()
            .map(|(k, v)| format!("{}: {}", scalar_text(k), scalar_text(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Yaml::Tagged(tagged) => scalar_text(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_lists_and_numbers() {
        let entries = parse("tags: [a, b]\ntitle: 2021\nnested:\n  k: v\n").expect("valid");
        assert_eq!(entries[0].1, Value::List(vec!["a".into(), "b".into()]));
        assert_eq!(entries[1].1, Value::Text("2021".into()));
        assert_eq!(entries[2].1, Value::Text("k: v".into()));
    }

    #[test]
    fn numbers_keep_their_written_form() {
        let entries = parse("title: 1.10\ntags: [a]\nhex: 0x1F # note\nflag: yes\n").expect("valid");
        assert_eq!(entries[0].1, Value::Text("1.10".into()));
        assert_eq!(entries[2].1, Value::Text("0x1F".into()));
        assert_eq!(entries[3].1, Value::Text("yes".into()));
    }

    #[test]
    fn errors_name_the_place() {
        let error = parse("title: \"a \"b\" c\"\n").expect_err("invalid");
        assert!(error.contains("line 1"), "{error}");
        assert!(parse("- a\n- b").is_err());
    }
}
