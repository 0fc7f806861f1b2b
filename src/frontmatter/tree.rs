//! Front matter of any syntax (YAML, TOML, JSON) read into one tree, in
//! the block's own order, and from the tree the `key: value` entries folio
//! reads: a key given twice keeps its last value (as Jekyll, Hugo and Hexo
//! do), the tables generators keep an article's own fields in (Zola's
//! `[taxonomies]` and `[extra]`, Hugo's `[params]`) are lifted to the top,
//! a map stands for its name (`author: {name: …}`, `cover: {image: …}`),
//! and a list inside a list is a path (Hexo's `[[技术, Rust]]`: `技术/Rust`).

use super::{KeyValue, Value};
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
    /// as 1.1: the block's own text is looked up for those).
    Read(String),
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
                    lifted.extend(inner.into_iter().map(|(key, value)| (Cow::Owned(key), value.into_value())));
                }
                Tree::Read(read) => {
                    let text = written(&key).unwrap_or(read);
                    own.push((Cow::Owned(key), Value::Text(Cow::Owned(text))));
                }
                value => own.push((Cow::Owned(key), value.into_value())),
            }
        }
        // The article's own keys last: where both say, they win.
        lifted.extend(own);
        Some(lifted)
    }

    fn into_value(self) -> Value<'static> {
        match self {
            Tree::Null => Value::Null,
            Tree::Text(text) | Tree::Read(text) => Value::Text(Cow::Owned(text)),
            Tree::List(items) => Value::List(items.into_iter().filter_map(Tree::into_item).map(Cow::Owned).collect()),
            Tree::Map(map) => Value::Text(Cow::Owned(named(map))),
        }
    }

    /// A list item as text: a list inside is a path, a map its name.
    fn into_item(self) -> Option<String> {
        match self {
            Tree::Null => None,
            Tree::Text(text) | Tree::Read(text) => Some(text),
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
            Tree::Text(text) | Tree::Read(text) => text,
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
            Tree::Text(text) | Tree::Read(text) if key.eq_ignore_ascii_case(wanted) && !text.trim().is_empty() => {
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
        Ok(Tree::Read(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Tree, E> {
        Ok(Tree::Read(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Tree, E> {
        Ok(Tree::Read(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Tree, E> {
        Ok(Tree::Read(value.to_string()))
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
                return Ok(Tree::Read(value.into_line()));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(tree: Tree) -> Vec<(String, Value<'static>)> {
        tree.into_entries(|_| None).unwrap_or_default().into_iter().map(|(k, v)| (k.into_owned(), v)).collect()
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
        let entries: Vec<_> = tree.into_entries(written).unwrap_or_default();
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
