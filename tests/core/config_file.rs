//! config.toml through the public API: the shipped default file, every
//! setting, and each kind of mistake (named by file, line and key, with the
//! defaults kept); the folders and NO_COLOR from the environment.

use folio::config::{
    self, Colour, Config, ConfigProblem, Element, Paths, Theme, load, no_color_requested, paths, paths_with,
    write_default,
};
use folio::model::{Command, Key, SortOrder};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// `text` written to config.toml in a fresh folder, and loaded.
fn load_text(text: &str) -> (Config, Vec<ConfigProblem>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp folder");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, text).expect("written");
    let (config, problems) = load(&file);
    (config, problems, dir)
}

/// The one problem of `text`, shown.
fn only_problem(text: &str) -> (Config, ConfigProblem, String) {
    let (config, problems, dir) = load_text(text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = problems.into_iter().next().expect("one problem");
    assert_eq!(problem.file, dir.path().join("config.toml"));
    let shown = problem.to_string();
    assert!(shown.starts_with(&dir.path().join("config.toml").display().to_string()), "{shown}");
    (config, problem, shown)
}

/// The default file with its settings uncommented: `# key = …` and
/// `# [table]` lose their `# `; explanations stay.
fn uncommented(text: &str) -> (String, usize) {
    let mut settings = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if is_setting(rest) => {
                settings += 1;
                rest.to_owned()
            }
            _ => line.to_owned(),
        })
        .collect();
    (lines.join("\n"), settings)
}

fn is_setting(line: &str) -> bool {
    let table = line.starts_with('[') && line.ends_with(']');
    let key = line
        .split_once(" = ")
        .is_some_and(|(key, _)| !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    table || key
}

#[test]
fn the_shipped_file_uncommented_is_the_defaults() {
    let (text, settings) = uncommented(config::default_text());
    // library … ambiguous_width, ruby_readings, images, images_remote, [theme]
    // and its elements, [keys] and every action.
    assert_eq!(settings, 9 + 1 + Element::ALL.len() + 1 + Command::ALL.len(), "{text}");
    let (config, problems, _dir) = load_text(&text);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(config, Config::default());
}

#[test]
fn the_shipped_file_as_it_is_is_the_defaults() {
    let (config, problems, _dir) = load_text(config::default_text());
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(config, Config::default());
    // Every line is a comment or blank: nothing is set by accident.
    assert!(config::default_text().lines().all(|l| l.is_empty() || l.starts_with('#')));
}

#[test]
fn a_missing_file_is_the_defaults_without_a_problem() {
    let dir = tempfile::tempdir().expect("a temp folder");
    assert_eq!(load(&dir.path().join("nothing/config.toml")), (Config::default(), vec![]));
}

#[test]
fn every_setting_applies() {
    let text = r##"
library = ["~/articles", "news", "/srv/archive"]
opener = "firefox --new-tab"
sort = "author"
sidebar_width = 42
reading_width = 72
ambiguous_width = 2

[theme]
title = "light-red"
heading = "#00ff80"
code = 244
link = "none"
border = "dark-gray"

[keys]
quit = ["x", "ctrl-q"]
down = "ctrl-n"
switch_focus = ["shift-tab"]
help = []
"##;
    let (config, problems, dir) = load_text(text);
    assert!(problems.is_empty(), "{problems:#?}");
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_owned()).expect("a home folder");
    assert_eq!(config.library, [home.join("articles"), dir.path().join("news"), PathBuf::from("/srv/archive")]);
    assert_eq!(config.opener.as_deref(), Some("firefox --new-tab"));
    assert_eq!(config.sort, SortOrder::Author);
    assert_eq!(config.sidebar_width, Some(42));
    assert_eq!(config.reading_width, Some(72));
    assert_eq!(config.ambiguous_width, 2);
    let theme = &config.theme;
    assert_eq!(theme.colour(Element::Title), Some(Colour::LightRed));
    assert_eq!(theme.colour(Element::Heading), Some(Colour::Rgb(0, 255, 128)));
    assert_eq!(theme.colour(Element::Code), Some(Colour::Indexed(244)));
    assert_eq!(theme.colour(Element::Link), None);
    assert_eq!(theme.colour(Element::Border), Some(Colour::DarkGray));
    // Untouched elements keep today's palette.
    assert_eq!(theme.colour(Element::Marker), Some(Colour::Magenta));
    assert_eq!(
        config.keys,
        [
            (Command::Quit, vec![Key::Char('x'), Key::Ctrl('q')]),
            (Command::Down, vec![Key::Ctrl('n')]),
            (Command::SwitchFocus, vec![Key::BackTab]),
            (Command::Help, vec![]),
        ]
    );
}

#[test]
fn a_syntax_error_names_file_and_line_and_keeps_every_default() {
    let (config, problem, shown) = only_problem("sort = \"title\"\nsidebar_width = 30\n\n[theme\nlink = \"red\"\n");
    assert_eq!(config, Config::default());
    assert_eq!(problem.line, Some(4));
    assert_eq!(problem.key, None);
    assert!(shown.contains("config.toml:4: "), "{shown}");
    assert!(shown.contains("TOML"), "{shown}");
}

#[test]
fn an_unknown_key_is_named_with_its_line_and_the_rest_applies() {
    let (config, problem, shown) = only_problem("sort = \"title\"\n\nsrot = \"date\"\nreading_width = 90\n");
    assert_eq!((problem.line, problem.key.as_deref()), (Some(3), Some("srot")));
    assert!(shown.ends_with(":3: `srot`: unknown setting; did you mean `sort`?"), "{shown}");
    assert_eq!(config.sort, SortOrder::Title);
    assert_eq!(config.reading_width, Some(90));
}

#[test]
fn a_wrong_type_keeps_that_default() {
    let (config, problem, shown) = only_problem("sort = \"title\"\nsidebar_width = \"wide\"\n");
    assert_eq!((problem.line, problem.key.as_deref()), (Some(2), Some("sidebar_width")));
    assert!(
        shown.ends_with(
            ":2: `sidebar_width`: expected a number of columns from 10 to 200, or \"auto\", found the string \"wide\""
        ),
        "{shown}"
    );
    assert_eq!(config.sidebar_width, None);
    assert_eq!(config.sort, SortOrder::Title);
}

#[test]
fn a_value_out_of_range_keeps_that_default() {
    let (config, problem, _) = only_problem("reading_width = 5000\nambiguous_width = 2");
    assert_eq!(problem.key.as_deref(), Some("reading_width"));
    assert_eq!(config.reading_width, None);
    assert_eq!(config.ambiguous_width, 2);
}

#[test]
fn a_bad_sort_lists_the_orders() {
    let (_, _, shown) = only_problem("\n\nsort = \"name\"");
    assert!(shown.ends_with(":3: `sort`: expected one of date, relevance, title, author, found the string \"name\""));
}

#[test]
fn a_bad_colour_keeps_that_elements_default() {
    let (config, problem, shown) = only_problem("[theme]\ntitle = \"red\"\nlink = \"blu\"\n\n");
    assert!(shown.contains(":3: `theme.link`: "), "{shown}");
    assert!(shown.contains("did you mean `blue`?"), "{shown}");
    assert_eq!(problem.line, Some(3));
    let (config2, problems, _dir) = load_text("[theme]\ncode = 256\nmatch = \"#12345\"\nunread = \"cyan\"");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(problems[0].key.as_deref(), Some("theme.code"));
    assert!(problems[0].message.contains("0 to 255"), "{}", problems[0]);
    assert_eq!(problems[1].key.as_deref(), Some("theme.match"));
    assert_eq!(config2.theme.colour(Element::Code), Some(Colour::Green));
    assert_eq!(config2.theme.colour(Element::Match), Some(Colour::Yellow));
    assert_eq!(config2.theme.colour(Element::Unread), Some(Colour::Cyan));
    assert_eq!(config.theme.colour(Element::Title), Some(Colour::Red));
    assert_eq!(config.theme.colour(Element::Link), Some(Colour::Blue));
}

#[test]
fn an_unknown_element_is_named() {
    let (_, problem, shown) = only_problem("[theme]\ntitel = \"red\"");
    assert_eq!(problem.key.as_deref(), Some("theme.titel"));
    assert!(shown.ends_with(":2: `theme.titel`: unknown element; did you mean `title`?"), "{shown}");
}

#[test]
fn a_bad_key_spec_names_the_key_and_the_action() {
    let (config, problem, shown) = only_problem("[keys]\nhelp = \"H\"\nquit = [\"q\",\n  \"ctrl-cc\"]\n");
    assert_eq!((problem.line, problem.key.as_deref()), (Some(4), Some("keys.quit")));
    assert!(shown.contains("\"ctrl-cc\""), "{shown}");
    // That action keeps its keys; the others apply.
    assert_eq!(config.keys, [(Command::Help, vec![Key::Char('H')])]);
    let (_, _, shown) = only_problem("[keys]\nquit = \"F1\"");
    assert!(shown.contains("`keys.quit`: \"F1\" is not a key"), "{shown}");
    let (_, _, shown) = only_problem("[keys]\nquit = 7");
    assert!(shown.contains("`keys.quit`: expected a key"), "{shown}");
}

#[test]
fn an_unknown_action_is_named() {
    let (config, problem, shown) = only_problem("[keys]\nquit = \"x\"\npage-down = \"f\"\n");
    assert_eq!((problem.line, problem.key.as_deref()), (Some(3), Some("keys.page-down")));
    assert!(shown.ends_with(":3: `keys.page-down`: unknown action; did you mean `page_down`?"), "{shown}");
    assert_eq!(config.keys, [(Command::Quit, vec![Key::Char('x')])]);
}

#[test]
fn every_action_has_a_name() {
    for command in Command::ALL {
        assert_eq!(Command::by_name(command.name()), Some(*command));
    }
    assert_eq!(Command::ALL.len(), 39);
}

#[test]
fn unreadable_and_non_utf8_files_are_one_problem() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let (config, problems) = load(dir.path());
    assert_eq!(config, Config::default());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("cannot be read"), "{}", problems[0]);
    let file = dir.path().join("config.toml");
    std::fs::write(&file, b"sort = \"title\"\nopener = \"\xff\"\n").expect("written");
    let (config, problems) = load(&file);
    assert_eq!(config, Config::default());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].line, Some(2));
    assert!(problems[0].to_string().contains("config.toml:2: is not UTF-8"), "{}", problems[0]);
}

#[test]
fn no_color_turns_every_colour_off() {
    let (config, _, _dir) = load_text("[theme]\ntitle = \"#ff0000\"");
    let theme = config.theme.with_no_color(true);
    assert_eq!(theme, Theme::no_color());
    assert!(Element::ALL.iter().all(|e| theme.colour(*e).is_none()));
    let kept = Theme::default().with_no_color(false);
    assert_eq!(kept.colour(Element::Title), Some(Colour::Yellow));
}

#[test]
fn write_default_makes_the_folder_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let file = dir.path().join("deep/er/config.toml");
    write_default(&file).expect("written");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), config::default_text());
    assert_eq!(load(&file), (Config::default(), vec![]));
    std::fs::write(&file, "sort = \"title\"").expect("written");
    let error = write_default(&file).expect_err("refused");
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
    assert!(error.to_string().contains("config.toml"), "{error}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "sort = \"title\"");
}

#[test]
fn paths_with_overrides_ignores_empty_values() {
    let set = |name: &str| match name {
        "FOLIO_CONFIG_DIR" => Some("/x/conf".into()),
        "FOLIO_DATA_DIR" => Some("".into()),
        "FOLIO_CACHE_DIR" => Some("/x/cache".into()),
        _ => None,
    };
    let got = paths_with(set);
    let platform = paths_with(|_| None);
    assert_eq!(
        got,
        Paths { config: "/x/conf".into(), data: platform.data.clone(), cache: "/x/cache".into(), caching: true }
    );
    assert_eq!(got.config_file(), Path::new("/x/conf/config.toml"));
    assert!(platform.config.ends_with("folio") || platform.config.to_string_lossy().contains("folio"));
}

/// Set in the environment of this test binary run again as a child, where
/// the environment can be chosen (setting it in-process needs `unsafe`).
const CHILD: &str = "FOLIO_CONFIG_TEST_CHILD";

/// In the child: what `paths()` and `no_color_requested()` see.
#[test]
fn child_reports_the_environment() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let paths = paths();
    // After libtest's `test … ` on the same line.
    println!();
    println!("config={}", paths.config.display());
    println!("data={}", paths.data.display());
    println!("cache={}", paths.cache.display());
    println!("no_color={}", no_color_requested());
}

/// This test binary's `child_reports_the_environment` under `env`: its
/// `name=value` lines.
fn child(env: &[(&str, &str)]) -> Vec<(String, String)> {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = std::process::Command::new(exe);
    command
        .args(["--exact", "config_file::child_reports_the_environment", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1");
    for variable in ["FOLIO_CONFIG_DIR", "FOLIO_DATA_DIR", "FOLIO_CACHE_DIR", "NO_COLOR"] {
        command.env_remove(variable);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("the child runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let lines: Vec<(String, String)> = stdout
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| ["config", "data", "cache", "no_color"].contains(k))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    lines
}

fn value<'a>(lines: &'a [(String, String)], name: &str) -> &'a str {
    lines.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).expect("reported")
}

#[test]
fn paths_come_from_the_environment() {
    let lines = child(&[("FOLIO_CONFIG_DIR", "/x/conf"), ("FOLIO_DATA_DIR", ""), ("FOLIO_CACHE_DIR", "/x/cache")]);
    assert_eq!(value(&lines, "config"), "/x/conf");
    assert_eq!(value(&lines, "cache"), "/x/cache");
    // Empty is unset: the platform's folder.
    assert_eq!(value(&lines, "data"), paths_with(|_| None).data.display().to_string());
    let lines = child(&[]);
    let platform = paths_with(|_| None);
    assert_eq!(value(&lines, "config"), platform.config.display().to_string());
    assert_eq!(value(&lines, "cache"), platform.cache.display().to_string());
}

#[test]
fn no_color_comes_from_the_environment() {
    assert_eq!(value(&child(&[("NO_COLOR", "1")]), "no_color"), "true");
    assert_eq!(value(&child(&[("NO_COLOR", "")]), "no_color"), "false");
    assert_eq!(value(&child(&[]), "no_color"), "false");
}

proptest! {
    #![proptest_config(crate::common::persisted(300, concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/tests/core/config_file.txt")))]

    /// Any bytes load without a panic, and every problem points into the file.
    #[test]
    fn any_bytes_load(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().expect("a temp folder");
        let file = dir.path().join("config.toml");
        std::fs::write(&file, &bytes).expect("written");
        let (_, problems) = load(&file);
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        for problem in problems {
            prop_assert!(problem.line.is_some_and(|l| l >= 1 && l <= lines), "{problem}");
        }
    }

    /// Text made of config-like pieces parses without a panic.
    #[test]
    fn config_like_text_parses(pieces in proptest::collection::vec(prop_oneof![
        Just("\n"), Just("[theme]"), Just("[keys]"), Just("sort"), Just("library"), Just("sidebar_width"),
        Just("title"), Just("quit"), Just(" = "), Just("\""), Just("'"), Just("["), Just("]"), Just(","),
        Just("{"), Just("}"), Just("."), Just("~/"), Just("ctrl-"), Just("#"), Just("0x"), Just("-"),
        Just("9999999999999999999999"), Just("1"), Just("x"), Just("é"), Just("\u{feff}"), Just("true"),
        Just("1979-05-27"), Just("1.5"), Just("auto"),
    ], 0..60)) {
        let text: String = pieces.concat();
        let (_, problems) = config::parse(&text, Path::new("c.toml"));
        let lines = text.lines().count().max(1) + 1;
        for problem in problems {
            prop_assert!(problem.line.is_some_and(|l| l >= 1 && l <= lines), "{problem}");
        }
    }

    /// Key specs and colours: never a panic.
    #[test]
    fn any_spec_is_read_or_refused(spec in "\\PC{0,12}") {
        let _ = spec.parse::<Key>();
        let _ = config::parse_colour(&spec);
    }
}

/// The example in the README is a config folio reads without a problem.
#[test]
fn the_readme_example_is_a_valid_config() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```toml\n").expect("a toml example in the README") + "```toml\n".len();
    let end = start + readme[start..].find("```").expect("the example's end");
    let (config, problems) = folio::config::parse(&readme[start..end], std::path::Path::new("README.md"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.ambiguous_width, 2);
    assert_eq!(config.reading_width, Some(80));
}
