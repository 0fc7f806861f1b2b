//! Front matter of any syntax (YAML, TOML, JSON) read into one tree, in
//! the block's own order, and from the tree the `key: value` entries folio
//! reads: a key given twice keeps its last value (as Jekyll, Hugo and Hexo
//! do), the tables generators keep an article's own fields in (Zola's
//! `[taxonomies]` and `[extra]`, Hugo's `[params]`) are lifted to the top,
//! a map stands for its name (`author: {name: …}`, `cover: {image: …}`),
//! and a list inside a list is a path (Hexo's `[[技术, Rust]]`: `技术/Rust`).

use super::{KeyValue, Value};
use crate::text::strip_controls;
use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// A value of a front-matter block.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Null,
    Text(String),
    /// A number, boolean or date as the parser read it (YAML reads `1.10`
    /// as 1.1: the block's own text is looked up for those), with its JSON
    /// when it has one (a date has none: it is text to JSON).
    Read(String, Option<String>),
    List(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

/// Tables whose keys are the article's own fields for some generator.
const LIFTED: [&str; 3] = ["taxonomies", "extra", "params"];

/// The keys a map is known by, in order: an author's name, a cover's image.
const NAMED_BY: [&str; 6] = ["name", "image", "src", "url", "href", "title"];

/// TOML hands its dates to a generic reader as a map with this one key.
const TOML_DATETIME: &str = "$__toml_private_datetime";

impl Tree {
    /// The block's top-level map as entries (see the module's comment);
    /// `written` gives the block's own text for a key whose value was
    /// read as a number or boolean.
    pub fn into_entries(self, written: impl Fn(&str) -> Option<String>) -> Option<Vec<KeyValue<'static>>> {
        let Tree::Map(map) = self else {
            return match self {
                Tree::Null => Some(Vec::new()),
                _ => None,
            };
        };
        let mut lifted = Vec::new();
        let mut own = Vec::new();
        for (key, value) in map {
            match value {
                Tree::Map(inner) if LIFTED.iter().any(|name| key.eq_ignore_ascii_case(name)) => {
                    lifted.extend(inner.into_iter().map(|(key, value)| (Cow::Owned(key), value.into_entry(None))));
                }
                Tree::Read(..) => {
                    let text = written(&key);
                    own.push((Cow::Owned(key), value.into_entry(text)));
                }
                value => own.push((Cow::Owned(key), value.into_entry(None))),
            }
        }
        // The article's own keys last: where both say, they win.
        lifted.extend(own);
        Some(lifted)
    }

    /// An entry's value, with its JSON when it is more than text (see
    /// `Value::Typed`); `written` is the block's own text for a number.
    fn into_entry(self, written: Option<String>) -> Value<'static> {
        let json = self.is_typed().then(|| self.to_json().to_string().into_boxed_str());
        let value = match self {
            Tree::Read(read, _) => Value::Text(Cow::Owned(written.unwrap_or(read))),
            other => other.into_value(),
        };
        match json {
            Some(json) => Value::Typed(Box::new(value), json),
            None => value,
        }
    }

    /// Whether JSON tells the value from text (or a list of texts).
    fn is_typed(&self) -> bool {
        let is_text = |tree: &Tree| matches!(tree, Tree::Text(_) | Tree::Read(_, None));
        match self {
            Tree::Null => false,
            Tree::Read(_, json) => json.is_some(),
            Tree::Text(_) => false,
            Tree::List(items) => !items.iter().all(is_text),
            Tree::Map(_) => true,
        }
    }

    /// The value as JSON, its text without control characters.
    fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as Json;
        let text = |text: &str| Json::String(strip_controls(text).into_owned());
        match self {
            Tree::Null => Json::Null,
            Tree::Text(t) | Tree::Read(t, None) => text(t),
            Tree::Read(t, Some(json)) => serde_json::from_str(json).unwrap_or_else(|_| text(t)),
            Tree::List(items) => Json::Array(items.iter().map(Tree::to_json).collect()),
            Tree::Map(map) => Json::Object(
                map.iter().map(|(key, value)| (strip_controls(key).into_owned(), value.to_json())).collect(),
            ),
        }
    }

    fn into_value(self) -> Value<'static> {
        match self {
            Tree::Null => Value::Null,
            Tree::Text(text) | Tree::Read(text, _) => Value::Text(Cow::Owned(text)),
            Tree::List(items) => Value::List(items.into_iter().filter_map(Tree::into_item).map(Cow::Owned).collect()),
            Tree::Map(map) => Value::Text(Cow::Owned(named(map))),
        }
    }

    /// A list item as text: a list inside is a path, a map its name.
    fn into_item(self) -> Option<String> {
        match self {
            Tree::Null => None,
            Tree::Text(text) | Tree::Read(text, _) => Some(text),
            Tree::List(parts) => {
                let parts: Vec<String> = parts.into_iter().filter_map(Tree::into_item).collect();
                (!parts.is_empty()).then(|| parts.join("/"))
            }
            Tree::Map(map) => Some(named(map)),
        }
    }

    /// The value as one line of text.
    fn into_line(self) -> String {
        match self {
            Tree::Null => String::new(),
            Tree::Text(text) | Tree::Read(text, _) => text,
            Tree::List(items) => items.into_iter().map(Tree::into_line).collect::<Vec<_>>().join(", "),
            Tree::Map(map) => named(map),
        }
    }
}

/// A map as the text it stands for: its name (or image, source…) when it
/// has one, else its `key: value` pairs on one line.
fn named(map: Vec<(String, Tree)>) -> String {
    let name = NAMED_BY.iter().find_map(|wanted| {
        map.iter().find_map(|(key, value)| match value {
            Tree::Text(text) | Tree::Read(text, _) if key.eq_ignore_ascii_case(wanted) && !text.trim().is_empty() => {
                Some(text.clone())
            }
            _ => None,
        })
    });
    name.unwrap_or_else(|| {
        map.into_iter().map(|(key, value)| format!("{key}: {}", value.into_line())).collect::<Vec<_>>().join(", ")
    })
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a front-matter value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Tree, E> {
        Ok(Tree::Read(value.to_string(), Some(value.to_string())))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Tree, E> {
        Ok(Tree::Read(value.to_string(), Some(value.to_string())))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Tree, E> {
        Ok(Tree::Read(value.to_string(), Some(value.to_string())))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Tree, E> {
        Ok(Tree::Read(value.to_string(), float_json(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Tree, E> {
        Ok(Tree::Text(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Tree, E> {
        Ok(Tree::Text(value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Tree, E> {
        Ok(Tree::Text(String::from_utf8_lossy(value).into_owned()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Tree, D::Error> {
        Tree::deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Tree, D::Error> {
        Tree::deserialize(deserializer)
    }

    /// A tagged value (YAML's `!tag value`): the value.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Tree, A::Error> {
        let (_tag, variant) = data.variant::<Tree>()?;
        variant.newtype_variant::<Tree>()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Tree>()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Tree, A::Error> {
        let mut map: Vec<(String, Tree)> = Vec::new();
        let mut places: HashMap<String, usize> = HashMap::new();
        while let Some((key, value)) = access.next_entry::<Tree, Tree>()? {
            let key = key.into_line();
            if key == TOML_DATETIME {
                return Ok(Tree::Read(value.into_line(), None));
            }
            match places.get(&key) {
                // Given twice: the last value, in the first one's place.
                Some(&at) => map[at].1 = value,
                None => {
                    places.insert(key.clone(), map.len());
                    map.push((key, value));
                }
            }
        }
        Ok(Tree::Map(map))
    }
}

/// A float as JSON (none for infinities and NaN, which JSON lacks).
fn float_json(value: f64) -> Option<String> {
    serde_json::Number::from_f64(value).map(|number| number.to_string())
}

/// The JSON of a plain (unquoted) scalar that YAML's core schema, and
/// TOML, read as a boolean or a number (`false`, `3`, `-1.5`, `0x1F`), for
/// the parsers that read a block line by line.
pub(super) fn scalar_json(plain: &str) -> Option<String> {
    match plain {
        "true" | "True" | "TRUE" => return Some("true".to_owned()),
        "false" | "False" | "FALSE" => return Some("false".to_owned()),
        _ => {}
    }
    let unsigned = plain.strip_prefix(['-', '+']).unwrap_or(plain);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return match plain.parse::<i64>() {
            Ok(number) => Some(number.to_string()),
            Err(_) => plain.parse::<f64>().ok().and_then(float_json),
        };
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(digits) = plain.strip_prefix(prefix) {
            return i64::from_str_radix(digits, radix).ok().map(|number| number.to_string());
        }
    }
    let float_like = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && plain.bytes().any(|b| b.is_ascii_digit())
        && plain.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    if float_like { plain.parse::<f64>().ok().and_then(float_json) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(tree: Tree) -> Vec<(String, Value<'static>)> {
        tree.into_entries(|_| None)
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_plain()))
            .collect()
    }

    fn text(s: &str) -> Value<'static> {
        Value::Text(Cow::Owned(s.to_owned()))
    }

    #[test]
    fn toml_with_zola_tables_and_a_date() {
        let tree: Tree = toml::from_str(
            "title = \"Hi\"\ndate = 2019-11-27\n[taxonomies]\ntags = [\"rust\", \"tui\"]\n[extra]\nauthor = \"Ann\"\n",
        )
        .expect("toml");
        assert_eq!(
            entries(tree),
            [
                ("tags".to_owned(), Value::List(vec!["rust".into(), "tui".into()])),
                ("author".to_owned(), text("Ann")),
                ("title".to_owned(), text("Hi")),
                ("date".to_owned(), text("2019-11-27")),
            ]
        );
    }

    #[test]
    fn json_keeps_its_order_and_a_key_given_twice_keeps_the_last() {
        let tree: Tree = serde_json::from_str(r#"{"title": "a", "draft": true, "title": "b"}"#).expect("json");
        assert_eq!(entries(tree), [("title".to_owned(), text("b")), ("draft".to_owned(), text("true"))]);
    }

    #[test]
    fn maps_by_their_name_and_nested_lists_as_paths() {
        let tree: Tree = serde_json::from_str(
            r#"{"author": {"name": "Ann", "email": "a@x"}, "cover": {"alt": "x", "image": "c.png"},
                "categories": [["技术", "Rust"], "随笔"], "misc": {"a": 1, "b": [2, 3]}}"#,
        )
        .expect("json");
        assert_eq!(
            entries(tree),
            [
                ("author".to_owned(), text("Ann")),
                ("cover".to_owned(), text("c.png")),
                ("categories".to_owned(), Value::List(vec!["技术/Rust".into(), "随笔".into()])),
                ("misc".to_owned(), text("a: 1, b: 2, 3")),
            ]
        );
    }

    #[test]
    fn yaml_tags_and_a_key_given_twice() {
        let tree: Tree = serde_yaml::from_str(
            "title: !!str 2021
tags: [a]
title: again
n: 1.10
",
        )
        .expect("yaml");
        let written = |key: &str| (key == "n").then(|| "1.10".to_owned());
        let entries: Vec<_> =
            tree.into_entries(written).unwrap_or_default().into_iter().map(|(k, v)| (k, v.into_plain())).collect();
        assert_eq!(
            entries,
            [
                ("title".into(), text("again")),
                ("tags".into(), Value::List(vec!["a".into()])),
                ("n".into(), text("1.10")),
            ]
        );
    }

    #[test]
    fn a_block_that_is_no_map_gives_no_entries() {
        assert_eq!(Tree::List(vec![]).into_entries(|_| None), None);
        assert_eq!(Tree::Null.into_entries(|_| None), Some(Vec::new()));
    }
}
