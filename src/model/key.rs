//! A key, independent of the terminal library, with one table of key
//! names: how config.toml spells them (parsed by `FromStr`, written by
//! [`Key::spec`]) and how the help shows them (`Display`).

use std::fmt;
use std::str::FromStr;

/// A key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Up,
    Down,
    Left,
    Right,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Home,
    End,
    PageUp,
    PageDown,
}

/// The keys with names: how the help writes each, and every config
/// spelling (the first is how folio writes it), in the order messages
/// list them.
const NAMED: [(Key, &str, &[&str]); 14] = [
    (Key::Char(' '), "Space", &["space"]),
    (Key::Up, "↑", &["up"]),
    (Key::Down, "↓", &["down"]),
    (Key::Left, "←", &["left"]),
    (Key::Right, "→", &["right"]),
    (Key::Enter, "Enter", &["enter", "return"]),
    (Key::Esc, "Esc", &["esc", "escape"]),
    (Key::Tab, "Tab", &["tab"]),
    (Key::BackTab, "Shift-Tab", &["shift-tab", "backtab"]),
    (Key::Backspace, "Backspace", &["backspace"]),
    (Key::Home, "Home", &["home"]),
    (Key::End, "End", &["end"]),
    (Key::PageUp, "PgUp", &["pgup", "pageup", "page-up"]),
    (Key::PageDown, "PgDn", &["pgdn", "pagedown", "page-down"]),
];

/// What a key spec may be, for messages.
pub const EXPECTED: &str = "a single character, ctrl-<character>, space, up, down, left, right, enter, esc, tab, \
     shift-tab, backspace, home, end, pgup or pgdn";

fn named(key: Key) -> Option<&'static (Key, &'static str, &'static [&'static str])> {
    NAMED.iter().find(|(named, _, _)| *named == key)
}

impl Key {
    /// How config.toml writes the key (read back by `parse`).
    pub fn spec(self) -> String {
        match self {
            Key::Ctrl(' ') => "ctrl-space".to_owned(),
            Key::Ctrl(c) => format!("ctrl-{c}"),
            key => match named(key) {
                Some((_, _, spellings)) => spellings[0].to_owned(),
                None => match key {
                    Key::Char(c) => c.to_string(),
                    _ => String::new(),
                },
            },
        }
    }
}

/// How the help writes a key: `q`, `Ctrl-c`, `↑`, `PgDn`, `Space`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (named(*self), self) {
            (Some((_, shown, _)), _) => f.write_str(shown),
            (None, Key::Char(c)) => write!(f, "{c}"),
            (None, Key::Ctrl(c)) => write!(f, "Ctrl-{c}"),
            (None, _) => Ok(()),
        }
    }
}

/// A key from its config spelling: one character (`q`, `Q`, `/`), a name
/// (`space`, `enter`, `esc`, `tab`, `shift-tab`/`backtab`, `backspace`,
/// `up`, `down`, `left`, `right`, `home`, `end`, `pgup`/`pageup`,
/// `pgdn`/`pagedown`; any case) or `ctrl-` and a character (`ctrl-c`,
/// also `c-c` and `ctrl+c`; `ctrl-space`). `Err` holds a message.
impl FromStr for Key {
    type Err = String;

    fn from_str(spec: &str) -> Result<Key, String> {
        let mut chars = spec.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return if c.is_control() {
                Err(format!("{spec:?} is a control character; write a name such as tab or enter, or ctrl-x"))
            } else {
                Ok(Key::Char(c))
            };
        }
        let lower = spec.to_ascii_lowercase();
        if let Some((key, _, _)) = NAMED.iter().find(|(_, _, spellings)| spellings.contains(&lower.as_str())) {
            return Ok(*key);
        }
        let rest = ["ctrl-", "ctrl+", "c-", "control-"]
            .iter()
            .find_map(|prefix| lower.starts_with(prefix).then(|| spec.get(prefix.len()..)).flatten());
        if let Some(rest) = rest {
            if rest.eq_ignore_ascii_case("space") {
                return Ok(Key::Ctrl(' '));
            }
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && !c.is_control()
                && !c.is_whitespace()
            {
                let c = c.to_ascii_lowercase();
                // Terminals send these as the keys they share a byte with.
                let same = match c {
                    'i' => Some("tab"),
                    'm' => Some("enter"),
                    '[' => Some("esc"),
                    _ => None,
                };
                return match same {
                    Some(name) => Err(format!(
                        "{spec:?} reaches folio as {name} (the terminal sends the same byte); write \"{name}\""
                    )),
                    None => Ok(Key::Ctrl(c)),
                };
            }
            return Err(format!("{spec:?} is not a key: after ctrl- comes one character"));
        }
        let names = NAMED.iter().flat_map(|(_, _, spellings)| spellings.iter().copied());
        let hint = crate::text::suggestion(&lower, names);
        Err(format!("{spec:?} is not a key: expected {EXPECTED}{hint}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Key::*;

    fn parse_key(spec: &str) -> Result<Key, String> {
        spec.parse()
    }

    #[test]
    fn characters_and_ctrl() {
        assert_eq!(parse_key("q"), Ok(Char('q')));
        assert_eq!(parse_key("Q"), Ok(Char('Q')));
        assert_eq!(parse_key("/"), Ok(Char('/')));
        assert_eq!(parse_key("?"), Ok(Char('?')));
        assert_eq!(parse_key("-"), Ok(Char('-')));
        assert_eq!(parse_key("c"), Ok(Char('c')));
        assert_eq!(parse_key("é"), Ok(Char('é')));
        assert_eq!(parse_key(" "), Ok(Char(' ')));
        assert_eq!(parse_key("ctrl-c"), Ok(Ctrl('c')));
        assert_eq!(parse_key("Ctrl-C"), Ok(Ctrl('c')));
        assert_eq!(parse_key("CTRL+d"), Ok(Ctrl('d')));
        assert_eq!(parse_key("c-x"), Ok(Ctrl('x')));
        assert_eq!(parse_key("ctrl--"), Ok(Ctrl('-')));
        assert_eq!(parse_key("ctrl-space"), Ok(Ctrl(' ')));
        // Keys no terminal tells apart from others: named as those.
        let tab = parse_key("ctrl-i").expect_err("ctrl-i is tab");
        assert!(tab.contains("reaches folio as tab") && tab.ends_with("write \"tab\""), "{tab}");
        assert!(parse_key("C-m").is_err_and(|e| e.contains("as enter")));
        assert!(parse_key("ctrl-[").is_err_and(|e| e.contains("as esc")));
    }

    #[test]
    fn named_keys_in_any_case() {
        let cases = [
            ("space", Char(' ')),
            ("up", Up),
            ("DOWN", Down),
            ("left", Left),
            ("Right", Right),
            ("enter", Enter),
            ("esc", Esc),
            ("Escape", Esc),
            ("tab", Tab),
            ("shift-tab", BackTab),
            ("backtab", BackTab),
            ("Shift-Tab", BackTab),
            ("backspace", Backspace),
            ("home", Home),
            ("end", End),
            ("pgup", PageUp),
            ("PageUp", PageUp),
            ("page-up", PageUp),
            ("pgdn", PageDown),
            ("pagedown", PageDown),
        ];
        for (spec, key) in cases {
            assert_eq!(parse_key(spec), Ok(key), "{spec}");
        }
    }

    #[test]
    fn bad_specs_say_why() {
        for spec in ["", "ctrl-", "ctrl-cc", "c-", "ctrl-\t", "\t", "\u{7}", "f1", "alt-x", "qq", "ctrl- "] {
            assert!(parse_key(spec).is_err(), "{spec:?}");
        }
        let message = parse_key("entr").expect_err("a typo");
        assert!(message.contains("did you mean `enter`?"), "{message}");
        assert!(parse_key("ctrl-xy").is_err_and(|m| m.contains("one character")));
    }

    #[test]
    fn specs_read_back() {
        let keys = [
            Char('a'),
            Char(' '),
            Char('Z'),
            Char('-'),
            Ctrl('c'),
            Ctrl(' '),
            Up,
            Down,
            Left,
            Right,
            Enter,
            Esc,
            Tab,
            BackTab,
            Backspace,
            Home,
            End,
            PageUp,
            PageDown,
        ];
        for key in keys {
            assert_eq!(parse_key(&key.spec()), Ok(key), "{key:?}");
        }
    }

    #[test]
    fn the_help_writes_keys_as_printed_on_them() {
        let shown: Vec<String> = [Char(' '), Char('q'), Ctrl('c'), Up, BackTab, PageDown].map(|k| k.to_string()).into();
        assert_eq!(shown, ["Space", "q", "Ctrl-c", "↑", "Shift-Tab", "PgDn"]);
    }
}
