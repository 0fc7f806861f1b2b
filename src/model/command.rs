//! Commands: what a key or a click means, each with its name (for
//! config.toml's `[keys]`), the keys that run it where (for the key map and
//! its help text), and the key map as config.toml rebinds it. The same
//! table handles keys and writes the help, so the two never disagree.

use super::key::Key;

/// A named command: what a key or click means. The key map binds keys to
/// these, and the help overlay lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Open,
    Back,
    SwitchFocus,
    NextArticle,
    PreviousArticle,
    Filter,
    /// The tree of groups.
    Groups,
    /// Order the list by the next key: date, relevance, title, author.
    CycleSort,
    /// Find text in the open article, and move between the matches.
    Find,
    NextMatch,
    PreviousMatch,
    Images,
    /// Draw the article's images in the text, or not.
    ToggleImages,
    Links,
    OpenOriginal,
    Help,
    Problems,
    WiderSidebar,
    NarrowerSidebar,
    Suspend,
    /// Read state: toggle read on the chosen article, toggle its star,
    /// mark every article of the list read.
    ToggleRead,
    ToggleStar,
    MarkAllRead,
    /// The next unread article of the list, opened.
    NextUnread,
    /// The list's unread articles only, or all again.
    UnreadOnly,
    /// The marks as they were before the last mark action.
    UndoMarks,
    /// The chosen image's or link's URL, or the article's link (or path),
    /// to the clipboard.
    Copy,
    /// The open article's headings, to go to one.
    Outline,
    NextHeading,
    PreviousHeading,
}

/// Writes [`Command::ALL`] and [`Command::name`] from one list, so a
/// `Command` without a name is a compile error (the match is exhaustive).
macro_rules! named_commands {
    ($($variant:ident => $name:literal,)*) => {
        impl Command {
            /// Every command, in the order of `Command`.
            pub const ALL: &[Command] = &[$(Command::$variant,)*];

            /// The command's name in `[keys]`: its variant in snake_case.
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => $name,)*
                }
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
    ToggleImages => "toggle_images",
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
    NextUnread => "next_unread",
    UnreadOnly => "unread_only",
    UndoMarks => "undo_marks",
    Copy => "copy",
    Outline => "outline",
    NextHeading => "next_heading",
    PreviousHeading => "previous_heading",
}

impl Command {
    /// The command named `name` (exactly, in snake_case).
    pub fn by_name(name: &str) -> Option<Command> {
        Command::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// The keys the command has without a config: those of its bindings in
    /// the list and the reader, in the key map's order. (A box's own lines
    /// are left out: `k` and `↑` share the box's `down` line but go up.)
    pub fn default_keys(self) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        let panes = BINDINGS.iter().filter(|b| b.command == self && b.scope != Scope::Overlay);
        let boxes = BINDINGS.iter().filter(|b| b.command == self && b.scope == Scope::Overlay);
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
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    Sidebar,
    Reader,
    /// A box over the panes: help, problems, images or links.
    Overlay,
}

/// One line of the key map.
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub scope: Scope,
    pub help: &'static str,
}

use Key::*;

/// Every binding, in the order the help overlay shows them.
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[Char('j'), Down], command: Command::Down, scope: Scope::Sidebar, help: "next article" },
    Binding { keys: &[Char('k'), Up], command: Command::Up, scope: Scope::Sidebar, help: "previous article" },
    Binding { keys: &[Char('j'), Down], command: Command::Down, scope: Scope::Reader, help: "scroll down a line" },
    Binding { keys: &[Char('k'), Up], command: Command::Up, scope: Scope::Reader, help: "scroll up a line" },
    Binding { keys: &[Char('g'), Home], command: Command::Top, scope: Scope::Everywhere, help: "first article / top" },
    Binding {
        keys: &[Char('G'), End],
        command: Command::Bottom,
        scope: Scope::Everywhere,
        help: "last article / bottom",
    },
    Binding {
        keys: &[PageDown, Char(' ')],
        command: Command::PageDown,
        scope: Scope::Everywhere,
        help: "page down (at an article's end: the next unread)",
    },
    Binding { keys: &[PageUp, Char('b')], command: Command::PageUp, scope: Scope::Everywhere, help: "page up" },
    Binding { keys: &[Ctrl('d')], command: Command::HalfPageDown, scope: Scope::Everywhere, help: "half a page down" },
    Binding { keys: &[Ctrl('u')], command: Command::HalfPageUp, scope: Scope::Everywhere, help: "half a page up" },
    Binding {
        keys: &[Enter, Char('l'), Right],
        command: Command::Open,
        scope: Scope::Sidebar,
        help: "open the article",
    },
    Binding { keys: &[Char('h'), Left, Esc], command: Command::Back, scope: Scope::Reader, help: "back to the list" },
    Binding { keys: &[Esc], command: Command::Back, scope: Scope::Sidebar, help: "in the list: clear the filter" },
    Binding { keys: &[Tab, BackTab], command: Command::SwitchFocus, scope: Scope::Everywhere, help: "switch pane" },
    Binding { keys: &[Char('J')], command: Command::NextArticle, scope: Scope::Reader, help: "open the next article" },
    Binding {
        keys: &[Char('K')],
        command: Command::PreviousArticle,
        scope: Scope::Reader,
        help: "open the previous article",
    },
    Binding { keys: &[Char('/')], command: Command::Find, scope: Scope::Reader, help: "find in the article" },
    Binding { keys: &[Char('n')], command: Command::NextMatch, scope: Scope::Reader, help: "next match" },
    Binding { keys: &[Char(']')], command: Command::NextHeading, scope: Scope::Reader, help: "next heading" },
    Binding { keys: &[Char('[')], command: Command::PreviousHeading, scope: Scope::Reader, help: "previous heading" },
    Binding {
        keys: &[Char('O')],
        command: Command::Outline,
        scope: Scope::Everywhere,
        help: "the article's outline (its headings)",
    },
    Binding { keys: &[Char('N')], command: Command::PreviousMatch, scope: Scope::Reader, help: "previous match" },
    Binding { keys: &[Char('/')], command: Command::Filter, scope: Scope::Everywhere, help: "filter the list" },
    Binding {
        keys: &[Char('S')],
        command: Command::CycleSort,
        scope: Scope::Everywhere,
        help: "order by date, relevance, title, author",
    },
    Binding {
        keys: &[Char('t')],
        command: Command::Groups,
        scope: Scope::Everywhere,
        help: "groups (folders) to filter by",
    },
    Binding { keys: &[Char('i')], command: Command::Images, scope: Scope::Everywhere, help: "images of the article" },
    Binding {
        keys: &[Char('I')],
        command: Command::ToggleImages,
        scope: Scope::Everywhere,
        help: "draw images in the text, or not",
    },
    Binding { keys: &[Char('u')], command: Command::Links, scope: Scope::Everywhere, help: "links of the article" },
    Binding {
        keys: &[Char('o')],
        command: Command::OpenOriginal,
        scope: Scope::Everywhere,
        help: "open the original page",
    },
    Binding { keys: &[Char('<')], command: Command::NarrowerSidebar, scope: Scope::Everywhere, help: "narrower list" },
    Binding { keys: &[Char('>')], command: Command::WiderSidebar, scope: Scope::Everywhere, help: "wider list" },
    Binding { keys: &[Char('m')], command: Command::ToggleRead, scope: Scope::Everywhere, help: "mark read / unread" },
    Binding { keys: &[Char('s')], command: Command::ToggleStar, scope: Scope::Everywhere, help: "star / unstar" },
    Binding {
        keys: &[Char('M')],
        command: Command::MarkAllRead,
        scope: Scope::Everywhere,
        help: "mark every article of the list read",
    },
    Binding {
        keys: &[Char('U')],
        command: Command::UndoMarks,
        scope: Scope::Everywhere,
        help: "undo the last marking",
    },
    Binding {
        keys: &[Char('.'), Char('n')],
        command: Command::NextUnread,
        scope: Scope::Sidebar,
        help: "open the next unread article",
    },
    Binding {
        keys: &[Char('.')],
        command: Command::NextUnread,
        scope: Scope::Reader,
        help: "open the next unread article",
    },
    Binding {
        keys: &[Char('R')],
        command: Command::UnreadOnly,
        scope: Scope::Everywhere,
        help: "only unread articles / all",
    },
    Binding {
        keys: &[Char('y')],
        command: Command::Copy,
        scope: Scope::Everywhere,
        help: "copy the article's link (in a box: the entry's URL)",
    },
    Binding { keys: &[Char('P')], command: Command::Problems, scope: Scope::Everywhere, help: "files with problems" },
    Binding { keys: &[Char('?')], command: Command::Help, scope: Scope::Everywhere, help: "this help" },
    Binding {
        keys: &[Char('j'), Down, Char('k'), Up],
        command: Command::Down,
        scope: Scope::Overlay,
        help: "in a box: choose (j/↓ down, k/↑ up)",
    },
    Binding {
        keys: &[Enter, Char('l'), Right],
        command: Command::Open,
        scope: Scope::Overlay,
        help: "in a box: open the chosen entry",
    },
    Binding { keys: &[Esc, Char('h'), Left], command: Command::Back, scope: Scope::Overlay, help: "close the box" },
    Binding { keys: &[Ctrl('z')], command: Command::Suspend, scope: Scope::Everywhere, help: "suspend (fg resumes)" },
    Binding { keys: &[Char('q'), Ctrl('c')], command: Command::Quit, scope: Scope::Everywhere, help: "quit" },
];

/// The filter and find lines' keys, and the query language, after the
/// key map in the help.
const LINE_HELP: &[(&str, &str)] = &[
    ("", ""),
    ("In the filter / find line", ""),
    ("Enter / Esc", "keep it / clear it (Ctrl-c too)"),
    ("← → Home End", "move (Ctrl-b Ctrl-f Ctrl-a Ctrl-e)"),
    ("Alt-b Alt-f", "a word back / on (Ctrl-← Ctrl-→)"),
    ("Ctrl-u Ctrl-k", "delete to the start / to the end"),
    ("Ctrl-w Alt-d", "delete the word before / after"),
    ("↑ ↓", "earlier queries (starting as typed)"),
    ("Tab Shift-Tab", "complete a field, in: folder, cat:, author:"),
    ("", ""),
    ("Queries", "(also folio list --query)"),
    ("乌克兰 北约", "title, author, categories or folder hold both"),
    ("\"Far Out\"", "the phrase"),
    ("-word -cat:x", "not those"),
    ("title: author:", "one field"),
    ("cat:", "a category or tag"),
    ("in:新媒体/半岛", "a folder and those below it"),
    ("body:北约", "the text (searched in the background)"),
    ("date:2021-12", "a month, day or 2021-12-01..2021-12-31"),
    ("after: before:", "from / up to a date (inclusive)"),
    ("newer:7d", "recent (h, d, w)"),
    ("has:image", "with an image (has:link: an original link)"),
    ("is:unread", "not read yet (is:read: read)"),
    ("is:starred", "starred (is:draft: drafts)"),
];

/// The bindings in use: `BINDINGS`, with the keys of some commands
/// replaced (config.toml's `[keys]`). In boxes, keys stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyMap {
    rebound: Vec<(Command, Vec<Key>)>,
}

impl KeyMap {
    /// The default bindings with these commands' keys replaced.
    pub fn new(rebound: Vec<(Command, Vec<Key>)>) -> KeyMap {
        KeyMap { rebound }
    }

    /// The keys of `binding` as rebound.
    pub fn keys<'a>(&'a self, binding: &'a Binding) -> &'a [Key] {
        if binding.scope == Scope::Overlay {
            return binding.keys;
        }
        self.rebound.iter().find(|(command, _)| *command == binding.command).map_or(binding.keys, |(_, keys)| keys)
    }

    /// The command `key` runs in `scope`, if any.
    pub fn command_for(&self, key: Key, scope: Scope) -> Option<Command> {
        // Whatever the config says, Ctrl-c quits: no binding can trap anyone.
        if key == Ctrl('c') {
            return Some(Command::Quit);
        }
        // In a box, `k`/`↑` share a line of the help with `j`/`↓` but go up.
        if scope == Scope::Overlay && matches!(key, Char('k') | Up) {
            return Some(Command::Up);
        }
        // A box's own keys come first: no rebind of an everywhere command
        // takes `j`, `h` or Enter from it.
        let bound = |b: &&Binding| self.keys(b).contains(&key);
        if scope == Scope::Overlay
            && let Some(own) = BINDINGS.iter().filter(|b| b.scope == Scope::Overlay).find(bound)
        {
            return Some(own.command);
        }
        BINDINGS.iter().filter(|b| b.scope == scope || b.scope == Scope::Everywhere).find(bound).map(|b| b.command)
    }

    /// The first key of `command` that runs it where `scope`'s keys apply (a key
    /// another command took there is no hint), as the help writes it.
    pub fn first_key(&self, command: Command, scope: Scope) -> Option<String> {
        BINDINGS
            .iter()
            .filter(|b| b.command == command && b.scope != Scope::Overlay)
            .flat_map(|b| self.keys(b))
            .find(|&&key| self.command_for(key, scope) == Some(command))
            .map(ToString::to_string)
    }

    /// The help overlay's lines: keys, and what they do (the same keys in
    /// the list and in the reader on one line).
    pub fn help_lines(&self) -> Vec<(String, String)> {
        let mut lines: Vec<(String, String)> = Vec::new();
        for binding in BINDINGS {
            let keys = self.keys(binding);
            let keys = if keys.is_empty() {
                "(none)".to_owned()
            } else {
                keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
            };
            match lines.iter_mut().find(|(k, _)| *k == keys) {
                Some((_, help)) => {
                    help.push_str(" / ");
                    help.push_str(binding.help);
                }
                None => lines.push((keys, binding.help.to_owned())),
            }
        }
        lines.push(("1-9".to_owned(), "in a panel: open that number".to_owned()));
        lines.extend(LINE_HELP.iter().map(|(keys, help)| ((*keys).to_owned(), (*help).to_owned())));
        lines
    }
}

/// The command `key` runs in `scope` with the default bindings.
pub fn command_for(key: Key, scope: Scope) -> Option<Command> {
    KeyMap::default().command_for(key, scope)
}

/// The help overlay's lines with the default bindings.
pub fn help_lines() -> Vec<(String, String)> {
    KeyMap::default().help_lines()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_mean_different_things_in_each_pane() {
        assert_eq!(command_for(Char('j'), Scope::Sidebar), Some(Command::Down));
        assert_eq!(command_for(Esc, Scope::Reader), Some(Command::Back));
        assert_eq!(command_for(Esc, Scope::Sidebar), Some(Command::Back));
        assert_eq!(command_for(Ctrl('c'), Scope::Reader), Some(Command::Quit));
        assert_eq!(command_for(Char('x'), Scope::Sidebar), None);
    }

    #[test]
    fn rebound_keys_replace_a_commands_keys_in_every_pane() {
        let map = KeyMap::new(vec![(Command::Quit, vec![Char('x')]), (Command::Down, vec![Char('n')])]);
        assert_eq!(map.command_for(Char('x'), Scope::Reader), Some(Command::Quit));
        assert_eq!(map.command_for(Char('q'), Scope::Sidebar), None);
        assert_eq!(map.command_for(Char('n'), Scope::Sidebar), Some(Command::Down));
        assert_eq!(map.command_for(Char('n'), Scope::Reader), Some(Command::Down));
        // The reader's own `n` (next match) comes after the rebound `down`.
        assert_eq!(map.command_for(Char('j'), Scope::Sidebar), None);
        // Boxes keep their keys, even those an everywhere command is given.
        assert_eq!(map.command_for(Char('j'), Scope::Overlay), Some(Command::Down));
        let taken = KeyMap::new(vec![(Command::Top, vec![Char('j')]), (Command::ToggleStar, vec![Char('h')])]);
        assert_eq!(taken.command_for(Char('j'), Scope::Overlay), Some(Command::Down));
        assert_eq!(taken.command_for(Char('h'), Scope::Overlay), Some(Command::Back));
        assert_eq!(taken.command_for(Char('h'), Scope::Reader), Some(Command::Back), "the reader's own h first");
        assert_eq!(taken.command_for(Char('h'), Scope::Sidebar), Some(Command::ToggleStar));
        assert!(map.help_lines().iter().any(|(keys, help)| keys == "x" && help == "quit"));
        // The hint's key is one that works there.
        let map = KeyMap::new(vec![(Command::Quit, vec![Char('j'), Char('x')]), (Command::Help, vec![Ctrl('c')])]);
        assert_eq!(map.first_key(Command::Quit, Scope::Sidebar).as_deref(), Some("x"));
        assert_eq!(map.first_key(Command::Help, Scope::Reader), None);
    }

    #[test]
    fn the_help_lists_every_binding() {
        let help = help_lines();
        for binding in BINDINGS {
            assert!(help.iter().any(|(_, what)| what.contains(binding.help)), "{}", binding.help);
        }
    }

    #[test]
    fn every_command_has_a_name_that_reads_back() {
        for command in Command::ALL {
            assert_eq!(Command::by_name(command.name()), Some(*command));
        }
        let names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
        let expected = "quit down up top bottom page_down page_up half_page_down half_page_up open back \
             switch_focus next_article previous_article filter groups cycle_sort find next_match previous_match \
             images toggle_images links open_original help problems wider_sidebar narrower_sidebar suspend toggle_read \
             toggle_star mark_all_read next_unread unread_only undo_marks copy outline next_heading previous_heading";
        assert_eq!(names, expected.split_whitespace().collect::<Vec<_>>());
        assert_eq!(Command::by_name("Quit"), None);
        assert_eq!(Command::by_name("page-down"), None);
        assert_eq!(Command::by_name(""), None);
    }

    #[test]
    fn every_bound_command_is_listed() {
        for binding in BINDINGS {
            assert!(Command::ALL.contains(&binding.command), "{:?}", binding.command);
        }
        for command in Command::ALL {
            assert!(!command.default_keys().is_empty(), "{command:?} has no keys");
        }
    }

    #[test]
    fn default_keys_come_from_the_key_map() {
        assert_eq!(Command::Quit.default_keys(), [Char('q'), Ctrl('c')]);
        assert_eq!(Command::Down.default_keys(), [Char('j'), Down]);
        assert_eq!(Command::Up.default_keys(), [Char('k'), Up]);
        assert_eq!(Command::Back.default_keys(), [Char('h'), Left, Esc]);
        assert_eq!(Command::PageDown.default_keys(), [PageDown, Char(' ')]);
    }
}
