//! Reading config.toml's tables into a `Config`: each key checked on its
//! own, so one bad key keeps its default and the rest still apply.

use super::text::{describe, integer, line_of};
use super::theme::{self, Element, indexed, parse_colour};
use super::{Config, ConfigProblem};
use crate::model::{Command, Key, KeyMap, SortOrder};
use crate::text::suggestion;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The top-level keys.
const KEYS: [&str; 12] = [
    "library",
    "opener",
    "sort",
    "sidebar_width",
    "reading_width",
    "ambiguous_width",
    "ruby_readings",
    "images",
    "images_remote",
    "osc52",
    "theme",
    "keys",
];

pub const SIDEBAR_WIDTH: std::ops::RangeInclusive<u16> = 10..=200;
pub const READING_WIDTH: std::ops::RangeInclusive<u16> = 20..=1000;

type Value<'i> = Spanned<DeValue<'i>>;

/// `text`, the contents of `file`, as a config and its problems.
pub fn parse(text: &str, file: &Path) -> (Config, Vec<ConfigProblem>) {
    let mut reader = TableReader { text, file, problems: Vec::new() };
    let mut config = Config::default();
    // A byte-order mark is no part of TOML; it holds no line break, so the
    // lines stay right.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    match DeTable::parse(body) {
        Ok(table) => reader.config(table.get_ref(), offset, &mut config),
        Err(error) => {
            let span = error.span().map(|span| span.start + offset..span.end + offset);
            let line = span.as_ref().map(|span| line_of(text, span.start));
            let message = error.message().trim_end();
            // A key given twice: name it.
            let key = span
                .and_then(|span| text.get(span))
                .filter(|key| message.contains("duplicate key") && !key.is_empty() && !key.contains('\n'))
                .map(str::to_owned);
            let message = format!("not valid TOML: {message}");
            reader.problems.push(ConfigProblem { file: file.to_owned(), line, key, message, applied: false });
        }
    }
    let mut problems = reader.problems;
    problems.sort_by_key(|p| p.line);
    (config, problems)
}

struct TableReader<'a> {
    text: &'a str,
    file: &'a Path,
    problems: Vec<ConfigProblem>,
}

impl TableReader<'_> {
    /// An unknown key of table `table`: a top-level setting written below
    /// the table's header belongs to the table.
    fn unknown(&mut self, at: Range<usize>, offset: usize, table: &str, name: &str, message: String) {
        let message = if KEYS.contains(&name) {
            format!("{message} (below [{table}], `{name}` belongs to it: move it above the tables)")
        } else {
            message
        };
        self.problem(at, offset, &format!("{table}.{name}"), message);
    }

    fn problem(&mut self, at: Range<usize>, offset: usize, key: &str, message: String) {
        let line = Some(line_of(self.text, at.start + offset));
        let key = Some(key.to_owned());
        self.problems.push(ConfigProblem { file: self.file.to_owned(), line, key, message, applied: false });
    }

    /// What `found` made of `value`, a setting that is one of `names`; if
    /// nothing, a problem naming them (and the nearest to a string).
    fn one_of<T>(
        &mut self,
        value: &Value<'_>,
        offset: usize,
        key: &str,
        names: &[&str],
        found: Option<T>,
    ) -> Option<T> {
        if found.is_none() {
            let v = value.get_ref();
            let hint = match v {
                DeValue::String(s) => suggestion(s, names.iter().copied()),
                _ => String::new(),
            };
            let message = format!("expected one of {}, found {}{hint}", names.join(", "), describe(v));
            self.problem(value.span(), offset, key, message);
        }
        found
    }

    fn config(&mut self, table: &DeTable<'_>, offset: usize, config: &mut Config) {
        let at = |value: &Value<'_>| value.span();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let v = value.get_ref();
            let wrong = |expected: &str| format!("expected {expected}, found {}", describe(v));
            match name {
                "library" => {
                    if let Some(paths) = self.library(value, offset) {
                        config.library = paths;
                    }
                }
                "opener" => match v {
                    DeValue::String(line) if line.trim().is_empty() => config.opener = None,
                    DeValue::String(line) => match shell_words::split(line) {
                        Ok(words) if words.first().is_some_and(|w| !w.is_empty()) => {
                            config.opener = Some(line.to_string());
                        }
                        Ok(_) => self.problem(at(value), offset, name, format!("{line:?} names no command")),
                        Err(error) => self.problem(
                            at(value),
                            offset,
                            name,
                            format!("{line:?} cannot be split into a command and its arguments: {error}"),
                        ),
                    },
                    _ => self.problem(at(value), offset, name, wrong("a command line (a string)")),
                },
                "sort" => {
                    let found = match v {
                        DeValue::String(s) => {
                            SortOrder::IN_READER.into_iter().find(|o| o.name().eq_ignore_ascii_case(s.trim()))
                        }
                        _ => None,
                    };
                    let names = SortOrder::IN_READER.map(SortOrder::name);
                    if let Some(order) = self.one_of(value, offset, name, &names, found) {
                        config.sort = order;
                    }
                }
                "sidebar_width" | "reading_width" => {
                    let range = if name == "sidebar_width" { SIDEBAR_WIDTH } else { READING_WIDTH };
                    let width = match v {
                        DeValue::String(s) if s.eq_ignore_ascii_case("auto") => Some(None),
                        _ => integer(v).and_then(|n| u16::try_from(n).ok()).filter(|n| range.contains(n)).map(Some),
                    };
                    match width {
                        Some(width) if name == "sidebar_width" => config.sidebar_width = width,
                        Some(width) => config.reading_width = width,
                        None => {
                            let expected =
                                format!("a number of columns from {} to {}, or \"auto\"", range.start(), range.end());
                            self.problem(at(value), offset, name, wrong(&expected));
                        }
                    }
                }
                "ambiguous_width" => match integer(v) {
                    Some(n @ (1 | 2)) => config.ambiguous_width = n as u8,
                    _ => self.problem(at(value), offset, name, wrong("1 or 2")),
                },
                "ruby_readings" => match v {
                    DeValue::Boolean(shown) => config.ruby_readings = *shown,
                    _ => self.problem(at(value), offset, name, wrong("true or false")),
                },
                "images" => {
                    use crate::images::ImageMode;
                    let found = match v {
                        DeValue::String(s) => ImageMode::by_name(s),
                        DeValue::Boolean(false) => Some(ImageMode::Off),
                        DeValue::Boolean(true) => Some(ImageMode::Auto),
                        _ => None,
                    };
                    let names = ImageMode::ALL.map(ImageMode::name);
                    if let Some(mode) = self.one_of(value, offset, name, &names, found) {
                        config.images = mode;
                    }
                }
                "images_remote" => match v {
                    DeValue::Boolean(fetched) => config.images_remote = *fetched,
                    _ => self.problem(at(value), offset, name, wrong("true or false")),
                },
                "osc52" => match v {
                    DeValue::Boolean(on) => config.osc52 = *on,
                    _ => self.problem(at(value), offset, name, wrong("true or false")),
                },
                "theme" => match v {
                    DeValue::Table(table) => self.theme(table, offset, &mut config.theme),
                    _ => self.problem(at(value), offset, name, wrong("a table of colours")),
                },
                "keys" => match v {
                    DeValue::Table(table) => config.keys = self.keys(table, offset),
                    _ => self.problem(at(value), offset, name, wrong("a table of actions and their keys")),
                },
                _ => {
                    let message = format!("unknown setting{}", suggestion(name, KEYS));
                    self.problem(key.span(), offset, name, message);
                }
            }
        }
    }

    /// `library`: a path or a list of them.
    fn library(&mut self, value: &Value<'_>, offset: usize) -> Option<Vec<PathBuf>> {
        let items: Vec<&Value<'_>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            _ => vec![value],
        };
        let base = self.file.parent().unwrap_or(Path::new(""));
        let mut paths = Vec::new();
        let mut good = true;
        for item in items {
            let message = match item.get_ref() {
                DeValue::String(path) if path.is_empty() => "an empty path".to_owned(),
                DeValue::String(path) => match resolve(path, base) {
                    Ok(path) => {
                        paths.push(path);
                        continue;
                    }
                    Err(message) => message,
                },
                other => format!("expected a path (a string) or a list of them, found {}", describe(other)),
            };
            self.problem(item.span(), offset, "library", message);
            good = false;
        }
        good.then_some(paths)
    }

    /// `[theme]`: an element and its colour.
    fn theme(&mut self, table: &DeTable<'_>, offset: usize, into: &mut theme::Theme) {
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let path = format!("theme.{name}");
            let Some(element) = Element::by_name(name) else {
                let message = format!("unknown element{}", suggestion(name, Element::ALL.map(Element::name)));
                self.unknown(key.span(), offset, "theme", name, message);
                continue;
            };
            let colour = match value.get_ref() {
                DeValue::String(spec) => parse_colour(spec),
                other => match integer(other) {
                    Some(index) => indexed(index),
                    None => Err(format!("expected {}, found {}", theme::EXPECTED, describe(other))),
                },
            };
            match colour {
                Ok(colour) => into.set(element, colour),
                Err(message) => self.problem(value.span(), offset, &path, message),
            }
        }
    }

    /// `[keys]`: an action and its keys; rebinds that change nothing are
    /// left out. In the file's order.
    fn keys(&mut self, table: &DeTable<'_>, offset: usize) -> Vec<(Command, Vec<Key>)> {
        let mut rebinds = Vec::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let path = format!("keys.{name}");
            let Some(command) = Command::by_name(name) else {
                let names = Command::ALL.iter().map(|c| c.name());
                let message = format!("unknown action{}", suggestion(name, names));
                self.unknown(key.span(), offset, "keys", name, message);
                continue;
            };
            let items: Vec<&Value<'_>> = match value.get_ref() {
                DeValue::Array(items) => items.iter().collect(),
                _ => vec![value],
            };
            let mut bound: Vec<Key> = Vec::new();
            let mut good = true;
            for item in items {
                let parsed = match item.get_ref() {
                    DeValue::String(spec) => spec.parse::<Key>(),
                    other => Err(format!("expected a key (a string) or a list of them, found {}", describe(other))),
                };
                match parsed {
                    Ok(k) if !bound.contains(&k) => bound.push(k),
                    Ok(_) => {}
                    Err(message) => {
                        self.problem(item.span(), offset, &path, message);
                        good = false;
                    }
                }
            }
            let defaults = command.default_keys();
            let unchanged = bound.len() == defaults.len() && bound.iter().all(|k| defaults.contains(k));
            if good && !unchanged {
                rebinds.push((key.span().start, command, bound));
            }
        }
        rebinds.sort_by_key(|(start, _, _)| *start);
        self.clashes(&rebinds, offset);
        rebinds.into_iter().map(|(_, command, keys)| (command, keys)).collect()
    }

    /// A problem for each key the rebinds give to two commands in one pane,
    /// on the line of the last rebind that gave it to a command it never
    /// runs (else to the one it runs). The rebinds still apply.
    fn clashes(&mut self, rebinds: &[(usize, Command, Vec<Key>)], offset: usize) {
        let map = KeyMap::new(rebinds.iter().map(|(_, command, keys)| (*command, keys.clone())).collect());
        for clash in map.clashes() {
            let binds = |(_, command, keys): &&(usize, Command, Vec<Key>)| {
                clash.involves(*command) && keys.contains(&clash.key)
            };
            let loser = rebinds.iter().rev().filter(binds).find(|(_, command, _)| *command != clash.runs);
            let Some((start, command, _)) = loser.or_else(|| rebinds.iter().rev().find(binds)) else {
                continue;
            };
            let key = clash.key.spec();
            let others: Vec<String> = clash.shadowed.iter().map(|c| format!("`{}`", c.name())).collect();
            let message = if clash.key == Key::Ctrl('c') {
                format!("`{key}` always quits, so it never runs {}", listed(&others, "or"))
            } else {
                let all: Vec<String> =
                    std::iter::once(format!("`{}`", clash.runs.name())).chain(others.clone()).collect();
                format!(
                    "`{key}` is bound to {} in {}; it runs `{}` there, never {}",
                    listed(&all, "and"),
                    clash.panes_named(),
                    clash.runs.name(),
                    listed(&others, "or")
                )
            };
            self.problem(*start..*start, offset, &format!("keys.{}", command.name()), message);
            if let Some(problem) = self.problems.last_mut() {
                problem.applied = true;
            }
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// A library path as written: `~` and `~/…` under the home folder, a
/// relative path under `base`.
fn resolve(path: &str, base: &Path) -> Result<PathBuf, String> {
    let rest = if path == "~" {
        Some("")
    } else {
        path.strip_prefix("~/").or_else(|| if cfg!(windows) { path.strip_prefix("~\\") } else { None })
    };
    if let Some(rest) = rest {
        let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_owned());
        return match home {
            Some(home) if rest.is_empty() => Ok(home),
            Some(home) => Ok(home.join(rest)),
            None => Err(format!("{path:?}: there is no home folder to put for `~`")),
        };
    }
    Ok(base.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Colour;

    fn read(text: &str) -> (Config, Vec<ConfigProblem>) {
        parse(text, Path::new("/etc/folio/config.toml"))
    }

    fn one_problem(text: &str) -> ConfigProblem {
        let (_, problems) = read(text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().expect("one problem")
    }

    #[test]
    fn nothing_is_the_defaults() {
        assert_eq!(read(""), (Config::default(), vec![]));
        assert_eq!(read("# only a comment\n\n"), (Config::default(), vec![]));
        assert_eq!(read("\u{feff}sort = \"title\"").0.sort, SortOrder::Title);
    }

    #[test]
    fn library_paths_are_resolved() {
        let (config, problems) = read("library = [\"/abs\", \"news\", \"~/articles\", \"~\"]");
        assert!(problems.is_empty(), "{problems:?}");
        let home = directories::BaseDirs::new().map(|d| d.home_dir().to_owned()).expect("a home folder");
        assert_eq!(
            config.library,
            [PathBuf::from("/abs"), PathBuf::from("/etc/folio/news"), home.join("articles"), home.clone()]
        );
        assert_eq!(read("library = \"one\"").0.library, [PathBuf::from("/etc/folio/one")]);
        assert_eq!(read("library = \"~user/x\"").0.library, [PathBuf::from("/etc/folio/~user/x")]);
    }

    #[test]
    fn a_bad_library_entry_keeps_the_default() {
        let (config, problems) = read("library = [\"a\",\n 3,\n \"\"]");
        assert_eq!(config.library, Vec::<PathBuf>::new());
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), [Some(2), Some(3)]);
        assert!(problems[0].message.contains("the integer 3"), "{}", problems[0]);
        assert!(problems[1].message.contains("empty"), "{}", problems[1]);
    }

    #[test]
    fn opener() {
        assert_eq!(read("opener = 'firefox --new-tab'").0.opener.as_deref(), Some("firefox --new-tab"));
        assert_eq!(read("opener = '  '").0.opener, None);
        let problem = one_problem("opener = \"open 'unclosed\"");
        assert_eq!(problem.key.as_deref(), Some("opener"));
        assert!(problem.message.contains("cannot be split"), "{problem}");
        assert!(one_problem("opener = 1").message.contains("a string"));
        assert!(one_problem("opener = \"''\"").message.contains("names no command"));
    }

    #[test]
    fn sort_orders() {
        for (name, order) in
            [("date", SortOrder::Date), ("relevance", SortOrder::Relevance), ("Title", SortOrder::Title)]
        {
            assert_eq!(read(&format!("sort = {name:?}")).0.sort, order);
        }
        let problem = one_problem("sort = \"name\"");
        assert_eq!(problem.message, "expected one of date, relevance, title, author, found the string \"name\"");
        assert!(one_problem("sort = \"titel\"").message.ends_with("did you mean `title`?"));
    }

    #[test]
    fn widths_in_range_or_auto() {
        let (config, problems) = read("sidebar_width = 30\nreading_width = 80");
        assert!(problems.is_empty());
        assert_eq!((config.sidebar_width, config.reading_width), (Some(30), Some(80)));
        assert_eq!(read("sidebar_width = 10").0.sidebar_width, Some(10));
        assert_eq!(read("sidebar_width = 200").0.sidebar_width, Some(200));
        assert_eq!(read("sidebar_width = \"AUTO\"").0.sidebar_width, None);
        assert_eq!(read("reading_width = 1000").0.reading_width, Some(1000));
        for bad in ["sidebar_width = 9", "sidebar_width = 201", "sidebar_width = -1", "sidebar_width = 99999999999"] {
            assert!(one_problem(bad).message.contains("from 10 to 200"), "{bad}");
        }
        for bad in ["reading_width = 19", "reading_width = 1001", "reading_width = 80.0", "reading_width = true"] {
            assert!(one_problem(bad).message.contains("from 20 to 1000"), "{bad}");
        }
    }

    #[test]
    fn ambiguous_width() {
        assert_eq!(read("ambiguous_width = 2").0.ambiguous_width, 2);
        assert_eq!(read("ambiguous_width = 1").0.ambiguous_width, 1);
        for bad in ["ambiguous_width = 0", "ambiguous_width = 3", "ambiguous_width = \"2\""] {
            let (config, problems) = read(bad);
            assert_eq!(config.ambiguous_width, 1);
            assert!(problems[0].message.contains("1 or 2"), "{bad}");
        }
    }

    #[test]
    fn images() {
        use crate::images::ImageMode;
        assert_eq!(read("").0.images, ImageMode::Auto);
        assert!(read("").0.images_remote);
        assert_eq!(read("images = 'sixel'").0.images, ImageMode::Sixel);
        assert_eq!(read("images = false").0.images, ImageMode::Off);
        assert!(!read("images_remote = false").0.images_remote);
        let problem = one_problem("images = 'kity'");
        assert_eq!(problem.key.as_deref(), Some("images"));
        assert!(problem.message.contains("kitty"), "{}", problem.message);
        assert!(one_problem("images_remote = 'no'").message.contains("true or false"));
        assert!(read("").0.osc52 && !read("osc52 = false").0.osc52);
        assert!(one_problem("osc52 = 1").message.contains("true or false"));
    }

    #[test]
    fn ruby_readings() {
        assert!(read("").0.ruby_readings);
        assert!(!read("ruby_readings = false").0.ruby_readings);
        let (config, problems) = read("ruby_readings = \"no\"");
        assert!(config.ruby_readings);
        assert!(problems[0].message.contains("true or false"), "{problems:?}");
    }

    #[test]
    fn theme_colours() {
        let (config, problems) = read("[theme]\ntitle = \"red\"\nlink = 21\nmeta = \"#102030\"\nerror = \"none\"");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.theme.colour(Element::Title), Some(Colour::Red));
        assert_eq!(config.theme.colour(Element::Link), Some(Colour::Indexed(21)));
        assert_eq!(config.theme.colour(Element::Meta), Some(Colour::Rgb(16, 32, 48)));
        assert_eq!(config.theme.colour(Element::Error), None);
        assert_eq!(config.theme.colour(Element::Heading), Some(Colour::Cyan));
        let problem = one_problem("[theme]\n\ntitel = \"red\"");
        assert_eq!((problem.line, problem.key.as_deref()), (Some(3), Some("theme.titel")));
        assert!(problem.message.contains("did you mean `title`?"));
        let problem = one_problem("theme.link = 300");
        assert_eq!(problem.key.as_deref(), Some("theme.link"));
        assert!(one_problem("theme = 3").message.contains("a table"));
        assert!(one_problem("[theme]\ncode = [1]").message.contains("an array"));
    }

    #[test]
    fn unknown_keys_suggest_the_nearest_everywhere() {
        let said = |text: &str| {
            let problem = one_problem(text);
            (problem.key.unwrap_or_default(), problem.message)
        };
        let suggests = |text: &str, key: &str, nearest: &str| {
            let (named, message) = said(text);
            assert_eq!(named, key, "{text}");
            assert!(message.ends_with(&format!("did you mean `{nearest}`?")), "{text}: {message}");
        };
        suggests("srot = \"title\"", "srot", "sort");
        suggests("sidebar_widht = 30", "sidebar_widht", "sidebar_width");
        suggests("[theem]\ntitle = \"red\"", "theem", "theme");
        suggests("[keys]\nqiut = \"x\"", "keys.qiut", "quit");
        suggests("[theme]\nlnik = \"blue\"", "theme.lnik", "link");
        // Nothing near: no guess.
        let (_, message) = said("colour_scheme = 1");
        assert_eq!(message, "unknown setting");
    }

    #[test]
    fn key_rebinds() {
        let (config, problems) =
            read("[keys]\nquit = [\"x\", \"ctrl-q\"]\nhelp = \"F\"\nfind = []\ntop = [\"home\", \"g\"]");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            config.keys,
            [
                (Command::Quit, vec![Key::Char('x'), Key::Ctrl('q')]),
                (Command::Help, vec![Key::Char('F')]),
                (Command::Find, vec![]),
            ]
        );
        let problem = one_problem("[keys]\nquit = [\"q\", \"ctrl-qq\"]");
        assert_eq!((problem.line, problem.key.as_deref()), (Some(2), Some("keys.quit")));
        assert!(problem.message.contains("ctrl-qq"));
        assert!(read("[keys]\nquit = [\"q\", \"ctrl-qq\"]").0.keys.is_empty());
        let problem = one_problem("[keys]\nquitt = \"q\"");
        assert_eq!(problem.key.as_deref(), Some("keys.quitt"));
        assert!(problem.message.contains("did you mean `quit`?"));
        assert!(one_problem("keys.quit = 1").message.contains("the integer 1"));
        assert!(one_problem("keys = []").message.contains("a table"));
        let problem = one_problem("[keys]\nquit = 'x'\nsort = 'title'");
        assert_eq!(problem.key.as_deref(), Some("keys.sort"));
        assert!(problem.message.contains("move it above the tables"), "{problem}");
    }

    #[test]
    fn keys_bound_twice_in_a_pane_are_named_on_the_rebinds_line() {
        let problem = one_problem("[keys]\nhelp = \"F\"\n\nquit = [\"x\", \"j\"]");
        assert_eq!((problem.line, problem.key.as_deref()), (Some(4), Some("keys.quit")));
        assert_eq!(
            problem.message,
            "`j` is bound to `down` and `quit` in the list and the reader; it runs `down` there, never `quit`"
        );
        // The rebind still applies: `x` quits.
        assert_eq!(
            read("[keys]\nquit = [\"x\", \"j\"]").0.keys,
            [(Command::Quit, vec![Key::Char('x'), Key::Char('j')])]
        );
        // Two rebinds of one key: on the line of the one that loses.
        let problem = one_problem("[keys]\ntop = \"z\"\nbottom = \"z\"");
        assert_eq!((problem.line, problem.key.as_deref()), (Some(3), Some("keys.bottom")));
        assert!(problem.message.contains("it runs `top` there, never `bottom`"), "{problem}");
        let problem = one_problem("[keys]\nhelp = \"ctrl-c\"\nquit = [\"x\", \"ctrl-c\"]");
        assert_eq!((problem.line, problem.key.as_deref()), (Some(2), Some("keys.help")));
        let problem = one_problem("[keys]\nquit = \"j\"\ndown = [\"j\", \"e\"]");
        assert_eq!((problem.line, problem.key.as_deref()), (Some(2), Some("keys.quit")));
        // Three on one key, listed as a person would.
        let problem = one_problem("[keys]\ntop = \"z\"\nbottom = \"z\"\nhelp = \"z\"");
        assert!(problem.message.contains("bound to `top`, `bottom` and `help` in"), "{problem}");
        assert!(problem.message.ends_with("never `bottom` or `help`"), "{problem}");
        // One pane only.
        let problem = one_problem("[keys]\nnext_heading = \"n\"");
        assert!(problem.message.contains("in the reader; it runs `next_match`"), "{problem}");
        let problem = one_problem("[keys]\nhelp = [\"?\", \"ctrl-c\"]");
        assert_eq!(problem.message, "`ctrl-c` always quits, so it never runs `help`");
        // The defaults' own overlap (`/` in the reader) is no problem, even
        // when rebound as it was.
        assert!(read("[keys]\nfilter = [\"/\", \"F\"]").1.is_empty());
    }

    #[test]
    fn syntax_errors_keep_every_default() {
        let (config, problems) = read("sort = \"title\"\nsidebar_width = \n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
        assert_eq!(problems[0].key, None);
        let (_, problems) = read("sort = 'date'\nsort = 'title'");
        assert_eq!(problems[0].line, Some(2), "{problems:?}");
        assert_eq!(problems[0].key.as_deref(), Some("sort"), "{problems:?}");
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        for text in ["a = ".to_owned() + &"[".repeat(100_000), "a = ".to_owned() + &"{b = ".repeat(100_000)] {
            let (config, problems) = read(&text);
            assert_eq!(config, Config::default());
            assert_eq!(problems.len(), 1);
        }
        let (config, problems) = read(&format!("library = [{}]", "[".repeat(50) + &"]".repeat(50)));
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn problems_come_in_line_order() {
        let (config, problems) =
            read("zz = 1\nsort = \"x\"\nsidebar_width = 40\n[theme]\nlink = \"bleu\"\n[keys]\naa = \"q\"");
        assert_eq!(config.sidebar_width, Some(40));
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), [Some(1), Some(2), Some(5), Some(7)]);
    }
}
