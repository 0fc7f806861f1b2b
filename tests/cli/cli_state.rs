//! `folio list --query is:…` reads the reader's state; `folio --paths` and
//! `folio config …` from the command line.

use crate::common::cli::folio_env;
use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    std::fs::write(path, text).expect("written");
}

#[test]
fn is_unread_and_is_starred_read_the_state_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lib = dir.path().join("lib");
    for (name, title) in [("a.md", "Alpha"), ("news/b.md", "Beta"), ("news/c.md", "Gamma")] {
        write(&lib.join(name), &format!("---\ntitle: {title}\n---\n<p>x</p>\n"));
    }
    let data = dir.path().join("data");
    let root = std::fs::canonicalize(&lib).expect("canonical");
    let (mut store, problem) = folio::state::Store::open(&data);
    assert!(problem.is_none());
    store.set_read(&root, "a.md", true);
    store.set_starred(&root, "news/c.md", true);
    store.save().expect("saved");

    let data_dir = data.to_str().expect("UTF-8");
    let lib_dir = lib.to_str().expect("UTF-8");
    let titles = |query: &str| {
        let run = folio_env(&["list", "--sort", "title", "--query", query, lib_dir], &[("FOLIO_DATA_DIR", data_dir)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout.lines().map(|l| l.split_whitespace().next().unwrap_or_default().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(titles("is:unread"), ["Beta", "Gamma"]);
    assert_eq!(titles("is:read"), ["Alpha"]);
    assert_eq!(titles("is:starred"), ["Gamma"]);
    assert_eq!(titles("-is:starred is:unread"), ["Beta"]);
}

#[test]
fn paths_and_config_init_and_check() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = dir.path().join("conf");
    let env = [
        ("FOLIO_CONFIG_DIR", config.to_str().expect("UTF-8")),
        ("FOLIO_DATA_DIR", "/data/here"),
        ("FOLIO_CACHE_DIR", "/cache/here"),
    ];
    let run = folio_env(&["--paths"], &env);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(&format!("config: {}", config.join("config.toml").display())), "{}", run.stdout);
    assert!(run.stdout.contains("state:  /data/here") && run.stdout.contains("cache:  /cache/here"), "{}", run.stdout);

    let run = folio_env(&["config", "check"], &env);
    assert_eq!(run.code, 0, "no file: the defaults");
    let run = folio_env(&["config", "init"], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(config.join("config.toml")).expect("written");
    assert_eq!(written, folio::config::default_text());
    let run = folio_env(&["config", "init"], &env);
    assert_eq!(run.code, 1, "never over an existing file");
    assert!(run.stderr.contains("exists already"));
    let run = folio_env(&["config", "check"], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);

    std::fs::write(config.join("config.toml"), "sort = \"date\"\nsidebar_width = \"wide\"\n").expect("a bad config");
    let run = folio_env(&["config", "check"], &env);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("config.toml:2") && run.stderr.contains("sidebar_width"), "{}", run.stderr);
    // A bad config never stops folio: the list comes, the problem on stderr.
    let lib = dir.path().join("lib");
    write(&lib.join("a.md"), "---\ntitle: Alpha\n---\n<p>x</p>\n");
    let run = folio_env(&["list", lib.to_str().expect("UTF-8")], &env);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Alpha") && run.stderr.contains("sidebar_width"), "{}{}", run.stdout, run.stderr);
}

#[test]
fn the_config_library_and_sort_apply_when_no_path_is_given() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lib = dir.path().join("my library");
    write(&lib.join("a.md"), "---\ntitle: Zulu\ndate: 2022-01-01\n---\n<p>x</p>\n");
    write(&lib.join("b.md"), "---\ntitle: Alpha\ndate: 2021-01-01\n---\n<p>x</p>\n");
    let config = dir.path().join("conf");
    write(&config.join("config.toml"), "library = [\"../my library\"]\nsort = \"title\"\n");
    let env = [("FOLIO_CONFIG_DIR", config.to_str().expect("UTF-8"))];
    let run = folio_env(&["list"], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let titles: Vec<&str> = run.stdout.lines().map(|l| l.split_whitespace().nth(1).unwrap_or_default()).collect();
    assert_eq!(titles, ["Alpha", "Zulu"], "{}", run.stdout);
    // --sort on the command line wins.
    let run = folio_env(&["list", "--sort", "date"], &env);
    let titles: Vec<&str> = run.stdout.lines().map(|l| l.split_whitespace().nth(1).unwrap_or_default()).collect();
    assert_eq!(titles, ["Zulu", "Alpha"]);
}
