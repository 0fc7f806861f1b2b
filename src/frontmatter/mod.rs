//! Front matter: the block at the top of an article (YAML, TOML or JSON,
//! as the generators write it), read tolerantly into the fields folio
//! knows, with every oddity kept as a warning.

mod fast;
mod fields;
mod lenient;
mod split;
mod tree;
mod yaml;

pub use fields::FrontMatter;

pub use split::{Split, Syntax, closed_block_end, split};
use std::borrow::Cow;

/// One `key: value` of a block, in file order.
pub type KeyValue<'a> = (Cow<'a, str>, Value<'a>);

/// A front-matter value as folio keeps it: text, a list of texts, or
/// nothing; borrowed from the block where it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Null,
    Text(Cow<'a, str>),
    List(Vec<Cow<'a, str>>),
    /// A boolean, a number, a map, or a list of more than texts: the value
    /// as folio reads it (`true`, `a: 1`), and as JSON (`true`, `{"a":1}`)
    /// for the keys folio keeps without reading them.
    Typed(Box<Value<'a>>, Box<str>),
}

impl<'a> Value<'a> {
    /// The same value, owning its text.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Text(text) => Value::Text(Cow::Owned(text.into_owned())),
            Value::List(items) => Value::List(items.into_iter().map(|i| Cow::Owned(i.into_owned())).collect()),
            Value::Typed(value, json) => Value::Typed(Box::new(value.into_owned()), json),
        }
    }

    /// The value as folio reads it, without its JSON.
    pub fn into_plain(self) -> Value<'a> {
        match self {
            Value::Typed(value, _) => value.into_plain(),
            value => value,
        }
    }

    /// The value as JSON: text as a string, nothing as `null`.
    pub fn to_json(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Text(text) => serde_json::Value::from(&**text).to_string(),
            Value::List(items) => serde_json::Value::from(items.iter().map(|i| &**i).collect::<Vec<_>>()).to_string(),
            Value::Typed(_, json) => json.to_string(),
        }
    }

    /// The value as one line: a list joined with `, `, nothing as "".
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(text) => text.to_string(),
            Value::List(items) => items.join(", "),
            Value::Typed(value, _) => value.to_text(),
        }
    }
}

/// The largest block given to a full parser.
const MAX_YAML: usize = 16 * 1024;

/// Reads a block written in `syntax`.
pub fn parse_block_in(block: &str, syntax: Syntax) -> FrontMatter<'_> {
    let (parsed, name) = match syntax {
        Syntax::Yaml => return parse_block(block),
        _ if block.len() > MAX_YAML => {
            // Its parser might go as deep as the block nests: read it line by line.
            let warning = format!("front matter is unusually large ({} KiB); read it line by line", block.len() / 1024);
            let separator = if syntax == Syntax::Toml { '=' } else { ':' };
            return FrontMatter::from_entries(lenient::parse_pairs(block, separator), vec![warning]);
        }
        Syntax::Toml => (toml::from_str::<tree::Tree>(block).map_err(|e| e.message().to_owned()), "TOML"),
        Syntax::Json => (serde_json::from_str::<tree::Tree>(block).map_err(|e| e.to_string()), "JSON"),
        Syntax::JsonMembers => {
            let object = format!("{{{block}}}");
            (serde_json::from_str::<tree::Tree>(&object).map_err(|e| e.to_string()), "JSON")
        }
    };
    let entries = parsed.and_then(|tree| {
        tree.into_entries(|_| None).ok_or_else(|| "the block is not a table of keys and values".to_owned())
    });
    match entries {
        Ok(entries) => FrontMatter::from_entries(entries, Vec::new()),
        Err(error) => {
            let error = crate::text::printable(&error);
            let warning = format!("front matter is not valid {name} ({error}); read it line by line");
            let separator = if syntax == Syntax::Toml { '=' } else { ':' };
            FrontMatter::from_entries(lenient::parse_pairs(block, separator), vec![warning])
        }
    }
}

/// Reads a YAML block: the fast path for the common shape, YAML for the
/// rest, line by line (with a warning) when YAML refuses it.
pub fn parse_block(yaml: &str) -> FrontMatter<'_> {
    if let Some(entries) = fast::parse(yaml) {
        return FrontMatter::from_entries(entries, Vec::new());
    }
    if yaml.len() > MAX_YAML {
        // The YAML parser takes quadratic time on some shapes (deeply
        // nested flow lists); a block this large is no real front matter.
        let warning = format!("front matter is unusually large ({} KiB); read it line by line", yaml.len() / 1024);
        return FrontMatter::from_entries(lenient::parse(yaml), vec![warning]);
    }
    match yaml::parse(yaml) {
        Ok(entries) => FrontMatter::from_entries(entries, Vec::new()),
        Err(error) => {
            let warning = format!("front matter is not valid YAML ({error}); read it line by line");
            FrontMatter::from_entries(lenient::parse(yaml), vec![warning])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each key folio does not use, with its value as JSON.
    fn extra_json(fm: &FrontMatter<'_>) -> Vec<(String, String)> {
        fm.extra.iter().map(|(key, value)| (key.to_string(), value.to_json())).collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn extra_values_keep_their_yaml_types() {
        // The fast path (scalars and lists of text).
        let fast =
            parse_block("flag: false\ncount: 3\nratio: -1.5\nname: x\nquoted: 'true'\nlist:\n - a\n - b\nempty:\n");
        assert!(fast.warnings.is_empty());
        let scalars = [
            ("flag", "false"),
            ("count", "3"),
            ("ratio", "-1.5"),
            ("name", "\"x\""),
            ("quoted", "\"true\""),
            ("list", r#"["a","b"]"#),
            ("empty", "null"),
        ];
        assert_eq!(extra_json(&fast), pairs(&scalars));
        // The full parser: flow lists, numbers in lists, maps.
        let yaml = parse_block(
            "flag: False\nlist: [a, b]\nnumbers: [1, 2.5, true]\nmap: {k: v, n: 1, deep: [x]}\nhex: 0x1F\nwhen: 2024-01-02\n",
        );
        assert!(yaml.warnings.is_empty(), "{:?}", yaml.warnings);
        let expected = [
            ("flag", "false"),
            ("list", r#"["a","b"]"#),
            ("numbers", "[1,2.5,true]"),
            ("map", r#"{"deep":["x"],"k":"v","n":1}"#),
            ("hex", "31"),
            ("when", "\"2024-01-02\""),
        ];
        assert_eq!(extra_json(&yaml), pairs(&expected));
        // A number in a list is YAML's to read: the fast path passes it on.
        let listed = parse_block("scores:\n - 1\n - 2\n");
        assert_eq!(extra_json(&listed), pairs(&[("scores", "[1,2]")]));
        // Read as text where folio reads the key.
        assert_eq!(parse_block("title: 2021\n").title.as_deref(), Some("2021"));
        assert!(parse_block("draft: true\n").draft);
    }

    #[test]
    fn extra_values_keep_their_toml_types() {
        let toml = parse_block_in(
            "flag = false\ncount = 3\nratio = 1.5\nname = \"x\"\nquoted = \"true\"\nlist = [\"a\", \"b\"]\nnumbers = [1, 2]\nmap = { k = \"v\", n = 1 }\nwhen = 2024-01-02T03:04:05Z\n",
            Syntax::Toml,
        );
        assert!(toml.warnings.is_empty(), "{:?}", toml.warnings);
        let expected = [
            ("flag", "false"),
            ("count", "3"),
            ("ratio", "1.5"),
            ("name", "\"x\""),
            ("quoted", "\"true\""),
            ("list", r#"["a","b"]"#),
            ("numbers", "[1,2]"),
            ("map", r#"{"k":"v","n":1}"#),
            ("when", "\"2024-01-02T03:04:05Z\""),
        ];
        assert_eq!(extra_json(&toml), pairs(&expected));
    }

    #[test]
    fn extra_values_keep_their_types_read_line_by_line() {
        // YAML refuses the title: every line is read on its own.
        let yaml = parse_block("title: \"a \"b\" c\"\nflag: false\ncount: 3\nname: x\nquoted: 'true'\nlist: [a, b]\n");
        assert_eq!(yaml.warnings.len(), 1, "{:?}", yaml.warnings);
        let expected =
            [("flag", "false"), ("count", "3"), ("name", "\"x\""), ("quoted", "\"true\""), ("list", r#"["a","b"]"#)];
        assert_eq!(extra_json(&yaml), pairs(&expected));
        // TOML the same, `=` for `:`.
        let toml = parse_block_in("title = \"a \"b\" c\"\nflag = true\ncount = 3\nname = 'x'\n", Syntax::Toml);
        assert_eq!(toml.warnings.len(), 1, "{:?}", toml.warnings);
        assert_eq!(extra_json(&toml), pairs(&[("flag", "true"), ("count", "3"), ("name", "\"x\"")]));
    }

    /// The fast path must agree with YAML on every block it accepts.
    #[test]
    fn fast_path_agrees_with_yaml() {
        let blocks = [
            "title: '俄罗斯希望 西方协调'\ncategories: \n - 新媒体\n - Aljazeera 半岛网\n - 新闻\nheadimg: 'https://x.test/a.jpg?w=770&resize=770%2C433'\nauthor: Aljazeera 半岛网\ncomments: false\ndate: Thu, 30 Dec 2021 12:42:52 GMT\nthumbnail: ''\n",
            "title: \"A Project of One's Own\"\ndate: 2021-12-27 06:12:39\n",
            "title: 'It''s'\ncategories:\n- a\n- b\n",
            "title: 'x'\ncategories: \n    - 新媒体\n\nauthor: cnBeta\r\n",
            "title: _AC_&nbsp;SQUARE ENIX 與堂本光一「盛大的公器私用」\nurl: https://a.test/x?y=1#frag\n",
            "title: -5\nn: 3.0\nb: yes\n",
            "empty:\nlist:\n - ''\n - \"\"\n",
        ];
        for block in blocks {
            let owned = |entries: Vec<KeyValue<'_>>| -> Vec<KeyValue<'static>> {
                entries.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect()
            };
            let fast = owned(fast::parse(block).expect("fast path takes it"));
            let full = yaml::parse(block).expect("valid YAML");
            let normalise = |entries: Vec<KeyValue<'static>>| -> Vec<KeyValue<'static>> {
                entries
                    .into_iter()
                    .map(|(k, v)| match v {
                        Value::Text(t) if t == "3.0" => (k, Value::Text("3".into())),
                        v => (k, v),
                    })
                    .collect()
            };
            assert_eq!(normalise(fast), normalise(full), "{block}");
        }
    }

    #[test]
    fn huge_blocks_skip_yaml() {
        let nested = format!("title: x\nx: {}{}", "[".repeat(20_000), "]".repeat(20_000));
        let fm = parse_block(&nested);
        assert_eq!(fm.title.as_deref(), Some("x"));
        assert!(fm.warnings[0].starts_with("front matter is unusually large"), "{:?}", fm.warnings);
    }

    #[test]
    fn invalid_yaml_is_read_line_by_line_with_a_warning() {
        let fm = parse_block("title: \"Apple's \"Far Out\" event\"\ncategories: \n - 新媒体\n - 9To5\n");
        assert_eq!(fm.title.as_deref(), Some("Apple's \"Far Out\" event"));
        assert_eq!(fm.categories, ["新媒体", "9To5"]);
        assert_eq!(fm.warnings.len(), 1);
        assert!(fm.warnings[0].starts_with("front matter is not valid YAML"), "{:?}", fm.warnings);
    }
}
