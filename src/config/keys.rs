//! Action names and key specs for the `[keys]` table of config.toml:
//! `quit = ["q", "ctrl-c"]` rebinds the command `Quit`.

use crate::app::Command;
use crate::app::keymap::{BINDINGS, Key, Scope};

/// Writes [`COMMANDS`] and [`command_name`] from one list, so a `Command`
/// without a name is a compile error (the match is exhaustive).
macro_rules! named_commands {
    ($($variant:ident => $name:literal,)*) => {
        /// Every command, in the order of `Command`.
        pub const COMMANDS: &[Command] = &[$(Command::$variant,)*];

        /// The command's name in `[keys]`: its variant in snake_case.
        pub fn command_name(command: Command) -> &'static str {
            match command {
                $(Command::$variant => $name,)*
            }
        }
    };
}

named_commands! {
    Quit => "quit",
    Down => "down",
    Up => "up",
    Top => "top",
    Bottom => "bottom",
    PageDown => "page_down",
    PageUp => "page_up",
    HalfPageDown => "half_page_down",
    HalfPageUp => "half_page_up",
    Open => "open",
    Back => "back",
    SwitchFocus => "switch_focus",
    NextArticle => "next_article",
    PreviousArticle => "previous_article",
    Filter => "filter",
    Groups => "groups",
    CycleSort => "cycle_sort",
    Find => "find",
    NextMatch => "next_match",
    PreviousMatch => "previous_match",
    Images => "images",
    Links => "links",
    OpenOriginal => "open_original",
    Help => "help",
    Problems => "problems",
    WiderSidebar => "wider_sidebar",
    NarrowerSidebar => "narrower_sidebar",
    Suspend => "suspend",
    ToggleRead => "toggle_read",
    ToggleStar => "toggle_star",
    MarkAllRead => "mark_all_read",
}

/// The command named `name` (exactly, in snake_case).
pub fn command_by_name(name: &str) -> Option<Command> {
    COMMANDS.iter().copied().find(|c| command_name(*c) == name)
}

/// The keys `command` has without a config: those of its bindings in the
/// list and the reader, in the key map's order. (A box's own lines are
/// left out: `k` and `↑` share the box's `down` line but go up.)
pub fn default_keys(command: Command) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    let panes = BINDINGS.iter().filter(|b| b.command == command && b.scope != Scope::Overlay);
    let boxes = BINDINGS.iter().filter(|b| b.command == command && b.scope == Scope::Overlay);
    let any_in_panes = panes.clone().next().is_some();
    for binding in if any_in_panes { panes.collect::<Vec<_>>() } else { boxes.collect() } {
        for key in binding.keys {
            if !keys.contains(key) {
                keys.push(*key);
            }
        }
    }
    keys
}

/// The named keys, each with its key, in the order messages list them.
const NAMED: [(&str, Key); 21] = [
    ("space", Key::Char(' ')),
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("enter", Key::Enter),
    ("return", Key::Enter),
    ("esc", Key::Esc),
    ("escape", Key::Esc),
    ("tab", Key::Tab),
    ("shift-tab", Key::BackTab),
    ("backtab", Key::BackTab),
    ("backspace", Key::Backspace),
    ("home", Key::Home),
    ("end", Key::End),
    ("pgup", Key::PageUp),
    ("pageup", Key::PageUp),
    ("page-up", Key::PageUp),
    ("pgdn", Key::PageDown),
    ("pagedown", Key::PageDown),
    ("page-down", Key::PageDown),
];

/// What a key spec may be, for messages.
pub const EXPECTED: &str = "a single character, ctrl-<character>, space, up, down, left, right, enter, esc, tab, \
     shift-tab, backspace, home, end, pgup or pgdn";

/// A key from its config spelling: one character (`q`, `Q`, `/`), a name
/// (`space`, `enter`, `esc`, `tab`, `shift-tab`/`backtab`, `backspace`,
/// `up`, `down`, `left`, `right`, `home`, `end`, `pgup`/`pageup`,
/// `pgdn`/`pagedown`; any case) or `ctrl-` and a character (`ctrl-c`,
/// also `c-c` and `ctrl+c`; `ctrl-space`). `Err` holds a message.
pub fn parse_key(spec: &str) -> Result<Key, String> {
    let mut chars = spec.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            Err(format!("{spec:?} is a control character; write a name such as tab or enter, or ctrl-x"))
        } else {
            Ok(Key::Char(c))
        };
    }
    let lower = spec.to_ascii_lowercase();
    if let Some((_, key)) = NAMED.iter().find(|(name, _)| *name == lower) {
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
            return Ok(Key::Ctrl(c.to_ascii_lowercase()));
        }
        return Err(format!("{spec:?} is not a key: after ctrl- comes one character"));
    }
    let hint = super::text::suggestion(&lower, NAMED.iter().map(|(name, _)| *name));
    Err(format!("{spec:?} is not a key: expected {EXPECTED}{hint}"))
}

/// How the config writes `key` (the inverse of [`parse_key`]).
pub fn key_spec(key: Key) -> String {
    match key {
        Key::Char(' ') => "space".to_owned(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(' ') => "ctrl-space".to_owned(),
        Key::Ctrl(c) => format!("ctrl-{c}"),
        Key::Up => "up".to_owned(),
        Key::Down => "down".to_owned(),
        Key::Left => "left".to_owned(),
        Key::Right => "right".to_owned(),
        Key::Enter => "enter".to_owned(),
        Key::Esc => "esc".to_owned(),
        Key::Tab => "tab".to_owned(),
        Key::BackTab => "shift-tab".to_owned(),
        Key::Backspace => "backspace".to_owned(),
        Key::Home => "home".to_owned(),
        Key::End => "end".to_owned(),
        Key::PageUp => "pgup".to_owned(),
        Key::PageDown => "pgdn".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Key::*;

    #[test]
    fn every_command_has_a_name_that_reads_back() {
        for command in COMMANDS {
            assert_eq!(command_by_name(command_name(*command)), Some(*command));
        }
        let names: Vec<&str> = COMMANDS.iter().map(|c| command_name(*c)).collect();
        let expected = "quit down up top bottom page_down page_up half_page_down half_page_up open back \
             switch_focus next_article previous_article filter groups cycle_sort find next_match previous_match \
             images links open_original help problems wider_sidebar narrower_sidebar suspend toggle_read \
             toggle_star mark_all_read";
        assert_eq!(names, expected.split_whitespace().collect::<Vec<_>>());
        assert_eq!(command_by_name("Quit"), None);
        assert_eq!(command_by_name("page-down"), None);
        assert_eq!(command_by_name(""), None);
    }

    #[test]
    fn every_bound_command_is_listed() {
        for binding in BINDINGS {
            assert!(COMMANDS.contains(&binding.command), "{:?}", binding.command);
        }
        for command in COMMANDS {
            assert!(!default_keys(*command).is_empty(), "{command:?} has no keys");
        }
    }

    #[test]
    fn default_keys_come_from_the_key_map() {
        assert_eq!(default_keys(Command::Quit), [Char('q'), Ctrl('c')]);
        assert_eq!(default_keys(Command::Down), [Char('j'), Down]);
        assert_eq!(default_keys(Command::Up), [Char('k'), Up]);
        assert_eq!(default_keys(Command::Back), [Char('h'), Left, Esc]);
        assert_eq!(default_keys(Command::PageDown), [PageDown, Char(' ')]);
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
            assert_eq!(parse_key(&key_spec(key)), Ok(key), "{key:?}");
        }
    }
}
