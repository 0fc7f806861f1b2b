//! The full YAML parser (serde_yaml) for blocks outside the fast path.

use super::KeyValue;
use super::tree::Tree;

/// Parses `yaml` as a mapping; the error says what YAML refused and where.
pub fn parse(yaml: &str) -> Result<Vec<KeyValue<'static>>, String> {
    let tree = serde_yaml::from_str::<Tree>(yaml).map_err(|error| error.to_string())?;
    // YAML reads `1.10` as the number 1.1: the text is what was meant.
    tree.into_entries(|key| written_value(yaml, key).map(str::to_owned))
        .ok_or_else(|| "the block is not a list of `key: value` lines".to_owned())
}

/// The plain text after `key:` on the block's own line for `key`.
fn written_value<'a>(yaml: &'a str, key: &str) -> Option<&'a str> {
    yaml.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.trim_start_matches([' ', '\t']).strip_prefix(':')?;
        let value = rest.split(" #").next().unwrap_or(rest).trim();
        (!value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::Value;

    #[test]
    fn flow_lists_and_numbers() {
        let entries = parse("tags: [a, b]\ntitle: 2021\nnested:\n  k: v\n").expect("valid");
        assert_eq!(entries[0].1, Value::List(vec!["a".into(), "b".into()]));
        assert_eq!(entries[1].1.clone().into_plain(), Value::Text("2021".into()));
        assert_eq!(entries[2].1.clone().into_plain(), Value::Text("k: v".into()));
        assert_eq!(entries[2].1.to_json(), r#"{"k":"v"}"#);
    }

    #[test]
    fn numbers_keep_their_written_form() {
        let entries = parse("title: 1.10\ntags: [a]\nhex: 0x1F # note\nflag: yes\n").expect("valid");
        // Read as the text written, typed as the number it is.
        assert_eq!(entries[0].1, Value::Typed(Box::new(Value::Text("1.10".into())), "1.1".into()));
        assert_eq!(entries[2].1, Value::Typed(Box::new(Value::Text("0x1F".into())), "31".into()));
        assert_eq!(entries[3].1, Value::Text("yes".into()));
    }

    #[test]
    fn errors_name_the_place() {
        let error = parse("title: \"a \"b\" c\"\n").expect_err("invalid");
        assert!(error.contains("line 1"), "{error}");
        assert!(parse("- a\n- b").is_err());
    }
}
