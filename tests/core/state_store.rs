//! The state store on disk, one store at a time: every field survives a
//! restart, bad files are moved aside with their bytes, an interrupted write
//! keeps the old file, saving into a read-only folder fails, and an
//! article's marks follow its relative key through rewrites of its file.
//! Stores sharing a folder are in `state_sharing`.

use crate::common::child::{self, User};
use folio::persist::{Durability, write_atomic, write_atomic_with};
use folio::state::{LOCK_FILE, Position, STATE_FILE, Store, relative_key};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const ROOT: &str = "/home/reader/articles";
const OTHER: &str = "/mnt/other library";

pub(crate) fn root() -> &'static Path {
    Path::new(ROOT)
}

pub(crate) fn open_clean(folder: &Path) -> Store {
    let (store, problem) = Store::open(folder);
    assert_eq!(problem, None);
    store
}

/// Files in `folder` other than the state and lock files.
pub(crate) fn others(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != STATE_FILE && n != LOCK_FILE)
        .collect();
    names.sort();
    names
}

#[test]
fn every_field_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open_clean(dir.path());
    store.set_read(root(), "a/one.md", true);
    store.set_starred(root(), "a/one.md", true);
    store.set_position(root(), "a/one.md", Some(Position::new(1234, 0.42)));
    store.set_starred(root(), "two.html", true);
    store.set_position(root(), "三/四.md", Some(Position::new(7, 0.01)));
    store.mark_read_many(root(), ["x.md", "y.md"]);
    store.set_last(root(), Some("a/one.md"), "tag:rust 中文");
    store.set_read(Path::new(OTHER), "a/one.md", true);
    store.set_last(Path::new(OTHER), None, "");
    assert!(store.is_dirty());
    store.save().expect("saved");
    assert!(!store.is_dirty());

    let again = open_clean(dir.path());
    assert!(again.is_read(root(), "a/one.md") && again.is_starred(root(), "a/one.md"));
    assert_eq!(again.position(root(), "a/one.md"), Some(Position { offset: 1234, progress: 0.42 }));
    assert!(!again.is_read(root(), "two.html") && again.is_starred(root(), "two.html"));
    assert_eq!(again.position(root(), "三/四.md"), Some(Position { offset: 7, progress: 0.01 }));
    assert!(again.is_read(root(), "x.md") && again.is_read(root(), "y.md"));
    assert!(!again.is_read(root(), "missing.md") && again.position(root(), "missing.md").is_none());
    let last = again.last(root()).expect("last");
    assert_eq!((last.article.as_deref(), last.filter.as_str()), (Some("a/one.md"), "tag:rust 中文"));
    assert!(again.is_read(Path::new(OTHER), "a/one.md") && !again.is_starred(Path::new(OTHER), "a/one.md"));
    let other_last = again.last(Path::new(OTHER)).expect("last of the other library");
    assert_eq!((other_last.article.as_deref(), other_last.filter.as_str()), (None, ""));
    // The root as given with a trailing separator is the same library.
    assert!(again.is_read(Path::new("/home/reader/articles/"), "x.md"));
    let library = again.library(root()).expect("library");
    assert_eq!(library.len(), 5);
    assert_eq!(library.get("a/one.md").map(|a| a.read), Some(true));
    assert!(!again.is_dirty());
}

#[test]
fn clearing_fields_forgets_the_article_and_the_file_stays_compact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open_clean(dir.path());
    store.set_read(root(), "gone.md", true);
    store.set_starred(root(), "kept.md", true);
    store.save().expect("saved");
    store.set_read(root(), "gone.md", false);
    store.set_position(root(), "kept.md", Some(Position::new(10, 0.5)));
    store.set_position(root(), "kept.md", None);
    store.save().expect("saved");
    let text = fs::read_to_string(dir.path().join(STATE_FILE)).expect("state");
    assert!(!text.contains("gone.md"), "{text}");
    assert!(!text.contains("false") && !text.contains("position") && !text.contains(' '), "{text}");
    assert!(text.starts_with(r#"{"version":1,"#), "{text}");
    let again = open_clean(dir.path());
    assert!(!again.is_read(root(), "gone.md") && again.is_starred(root(), "kept.md"));
    assert_eq!(again.position(root(), "kept.md"), None);
}

#[test]
fn setting_what_is_already_there_is_not_a_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open_clean(dir.path());
    store.set_read(root(), "a.md", false);
    store.set_position(root(), "a.md", None);
    assert!(!store.is_dirty() && store.dirty_since().is_none());
    store.set_last(root(), Some("a.md"), "f");
    assert!(store.is_dirty() && store.dirty_since().is_some());
    store.save().expect("saved");
    store.set_last(root(), Some("a.md"), "f");
    assert!(!store.is_dirty());
}

#[test]
fn progress_is_kept_between_zero_and_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open_clean(dir.path());
    store.set_position(root(), "a.md", Some(Position { offset: 5, progress: 7.5 }));
    store.set_position(root(), "b.md", Some(Position { offset: 5, progress: f64::NAN }));
    store.save().expect("saved");
    let again = open_clean(dir.path());
    assert_eq!(again.position(root(), "a.md").map(|p| p.progress), Some(1.0));
    assert_eq!(again.position(root(), "b.md").map(|p| p.progress), Some(0.0));
}

#[test]
fn a_missing_file_and_folder_start_clean_and_saving_creates_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("deep/data");
    let mut store = open_clean(&folder);
    assert!(store.library(root()).is_none());
    store.save().expect("nothing to save");
    assert!(!folder.exists(), "saving nothing writes nothing");
    store.set_read(root(), "a.md", true);
    store.save().expect("saved");
    assert!(open_clean(&folder).is_read(root(), "a.md"));
}

#[test]
fn unusable_files_are_moved_aside_with_their_bytes() {
    let cases: &[(&str, &[u8])] = &[
        ("not JSON", b"{\"version\":1,\"libraries\":{"),
        ("empty", b""),
        ("wrong types", br#"{"version":1,"libraries":{"/r":{"articles":{"a.md":{"read":"yes"}}}}}"#),
        ("negative offset", br#"{"version":1,"libraries":{"/r":{"articles":{"a":{"position":{"offset":-1}}}}}}"#),
        ("a list", b"[1,2,3]"),
        ("no version", br#"{"libraries":{}}"#),
        ("version zero", br#"{"version":0,"libraries":{}}"#),
        ("not UTF-8", b"{\"version\":1,\"libraries\":{\"/r\xff\xfe\":{}}}"),
    ];
    for (what, bytes) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(STATE_FILE);
        fs::write(&path, bytes).expect("written");
        let (mut store, problem) = Store::open(dir.path());
        let problem = problem.unwrap_or_else(|| panic!("{what}: no problem reported"));
        let aside = others(dir.path());
        assert_eq!(aside.len(), 1, "{what}: {aside:?}");
        assert!(aside[0].starts_with("state.json.corrupt-") && aside[0].ends_with('Z'), "{what}: {aside:?}");
        assert_eq!(aside[0].len(), "state.json.corrupt-20261126T071500Z".len(), "{what}: {aside:?}");
        assert!(problem.contains(&aside[0]) && problem.contains("starting clean"), "{what}: {problem}");
        assert_eq!(fs::read(dir.path().join(&aside[0])).expect("moved"), *bytes, "{what}");
        assert!(!path.exists(), "{what}");
        assert!(store.library(Path::new("/r")).is_none(), "{what}");
        store.set_read(root(), "a.md", true);
        store.save().expect("saved");
        assert!(open_clean(dir.path()).is_read(root(), "a.md"), "{what}");
        assert_eq!(fs::read(dir.path().join(&aside[0])).expect("still there"), *bytes, "{what}");
    }
}

#[test]
fn a_newer_format_is_moved_aside_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(STATE_FILE);
    let newer = br#"{"version":2,"libraries":["a different shape"]}"#;
    fs::write(&path, newer).expect("written");
    let (mut store, problem) = Store::open(dir.path());
    let problem = problem.expect("reported");
    assert!(problem.contains("newer folio") && problem.contains("version 2"), "{problem}");
    store.set_starred(root(), "a.md", true);
    store.save().expect("saved");
    let aside = others(dir.path());
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(dir.path().join(&aside[0])).expect("kept"), newer);
}

#[test]
fn a_bad_file_appearing_later_is_moved_aside_when_saving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open_clean(dir.path());
    store.set_read(root(), "a.md", true);
    store.save().expect("saved");
    fs::write(dir.path().join(STATE_FILE), b"garbage").expect("written");
    store.set_read(root(), "b.md", true);
    store.save().expect("saved over a moved-aside file");
    let problem = store.take_problem().expect("reported");
    assert!(problem.contains("moved aside"), "{problem}");
    assert_eq!(store.take_problem(), None);
    let aside = others(dir.path());
    assert_eq!(fs::read(dir.path().join(&aside[0])).expect("kept"), b"garbage");
    let again = open_clean(dir.path());
    assert!(again.is_read(root(), "b.md"));
    assert!(again.is_read(root(), "a.md"), "what the store knew is written again");
}

#[test]
fn a_folder_in_place_of_the_file_is_reported_and_never_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(STATE_FILE);
    fs::create_dir(&path).expect("folder");
    fs::write(path.join("inside"), b"x").expect("written");
    let (mut store, problem) = Store::open(dir.path());
    assert!(problem.expect("reported").contains("not a file"));
    store.set_read(root(), "a.md", true);
    assert!(store.save().is_err());
    assert!(store.is_dirty(), "the change is kept for another try");
    assert_eq!(fs::read(path.join("inside")).expect("untouched"), b"x");
    assert!(others(dir.path()).is_empty());
}

#[test]
fn unknown_fields_are_tolerated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = r#"{"version":1,"note":"hi","libraries":{"/r":{"colour":3,"articles":{"a.md":{"read":true,
        "tags":["x"],"position":{"offset":9,"progress":0.5,"line":3},"changed":17}},
        "last":{"article":"a.md","filter":"","extra":null,"changed":1}}}}"#;
    fs::write(dir.path().join(STATE_FILE), text).expect("written");
    let store = open_clean(dir.path());
    let r = Path::new("/r");
    assert!(store.is_read(r, "a.md"));
    assert_eq!(store.position(r, "a.md"), Some(Position { offset: 9, progress: 0.5 }));
    assert_eq!(store.last(r).and_then(|l| l.article.as_deref()), Some("a.md"));
}

#[test]
fn stale_temporary_files_are_removed_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(".state.json.tmp-999999-3"), b"half").expect("written");
    fs::write(dir.path().join(".index.tmp-999999-3"), b"not ours").expect("written");
    let _store = open_clean(dir.path());
    assert_eq!(others(dir.path()), [".index.tmp-999999-3"]);
}

#[test]
fn an_interrupted_write_keeps_the_old_file_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("file.json");
    let old: Vec<u8> = (0..200_000u32).flat_map(|n| n.to_le_bytes()).collect();
    write_atomic(&path, &old, Durability::Synced).expect("written");
    let new = vec![b'n'; old.len()];
    let result = write_atomic_with(&path, Durability::Synced, |writer| {
        writer.write_all(&new[..new.len() / 2])?;
        Err(io::Error::other("disk full, say"))
    });
    assert_eq!(result.map_err(|e| e.to_string()), Err("disk full, say".to_owned()));
    assert!(fs::read(&path).expect("old file") == old, "the old file is whole");
    assert_eq!(others(dir.path()), ["file.json"], "no temporary file left");
    write_atomic(&path, &new, Durability::Synced).expect("written");
    assert!(fs::read(&path).expect("new file") == new);
    assert_eq!(others(dir.path()), ["file.json"]);
}

/// Saves into `folder`, makes it read-only, and checks that the next save
/// fails and keeps its change unsaved. `folder` must be the caller's own.
fn saving_into_a_read_only_folder_fails(folder: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut store = open_clean(folder);
    store.set_read(root(), "a.md", true);
    store.save().expect("saved");
    fs::set_permissions(folder, fs::Permissions::from_mode(0o500)).expect("read-only");
    store.set_read(root(), "b.md", true);
    let result = store.save();
    fs::set_permissions(folder, fs::Permissions::from_mode(0o700)).expect("writable");
    assert!(result.is_err());
    assert!(store.is_dirty());
    let again = open_clean(folder);
    assert!(again.is_read(root(), "a.md") && !again.is_read(root(), "b.md"));
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_makes_saving_fail_not_panic() {
    if let Some(folder) = child::handed() {
        saving_into_a_read_only_folder_fails(Path::new(&folder));
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    if child::is_root() {
        // Root writes into a read-only folder anyway: the check runs in a
        // process of its own as nobody, in a folder that is nobody's.
        child::give_to_nobody(dir.path());
        let name = "state_store::a_read_only_folder_makes_saving_fail_not_panic";
        child::rerun(name, dir.path().as_os_str(), User::Nobody);
    } else {
        saving_into_a_read_only_folder_fails(dir.path());
    }
}

#[test]
fn relative_keys_use_slashes_and_stay_inside_the_root() {
    let root = Path::new("/lib/articles");
    assert_eq!(relative_key(root, Path::new("/lib/articles/a/b/c.md")).as_deref(), Some("a/b/c.md"));
    assert_eq!(relative_key(Path::new("/lib/articles/"), Path::new("/lib/articles/x.md")).as_deref(), Some("x.md"));
    assert_eq!(relative_key(root, Path::new("/lib/articles/./a/./b.md")).as_deref(), Some("a/b.md"));
    assert_eq!(relative_key(root, Path::new("/lib/articles/中文/文章.html")).as_deref(), Some("中文/文章.html"));
    assert_eq!(relative_key(root, Path::new("/lib/articles")), None);
    assert_eq!(relative_key(root, Path::new("/lib/other/a.md")), None);
    assert_eq!(relative_key(root, Path::new("/lib/articles-old/a.md")), None);
    assert_eq!(relative_key(root, Path::new("/lib/articles/../secret.md")), None);
    assert_eq!(relative_key(Path::new("lib"), Path::new("lib/a.md")).as_deref(), Some("a.md"));
}

fn article(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n<p>{body}</p>\n")
}

/// The library at `lib` loaded from disk, each article's title and whether
/// the state in `data` marks it read, as the reader and `folio list` see it.
fn read_marks(lib: &Path, data: &Path) -> Vec<(String, bool)> {
    let paths = [lib.to_owned()];
    let library = folio::library::load(&paths);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let states = folio::state::Roots::new(&paths).read_states(&open_clean(data), &library.articles);
    let mut seen: Vec<(String, bool)> =
        library.articles.iter().zip(states).map(|(a, state)| (a.title.to_string(), state.read)).collect();
    seen.sort();
    seen
}

fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).expect("metadata"))
}

#[test]
fn state_follows_the_relative_key_not_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = tempfile::tempdir().expect("library");
    // As stored: absolute, links resolved (the reader keys it so).
    let lib: PathBuf = fs::canonicalize(library.path()).expect("canonical");
    let file = lib.join("sub/a.md");
    fs::create_dir_all(file.parent().expect("parent")).expect("folder");
    fs::write(&file, article("One", "one")).expect("written");
    fs::write(lib.join("sub/b.md"), article("Neighbour", "b")).expect("written");
    let key = relative_key(&lib, &file).expect("inside");
    let mut store = open_clean(dir.path());
    store.set_read(&lib, &key, true);
    store.save().expect("saved");
    let marks = |one: &str, read: bool| {
        let mut marks = vec![("Neighbour".to_owned(), false), (one.to_owned(), read)];
        marks.sort();
        marks
    };
    assert_eq!(read_marks(&lib, dir.path()), marks("One", true));

    // Rewritten in place: a new file under the same name.
    fs::remove_file(&file).expect("removed");
    fs::write(&file, "two").expect("rewritten");
    let again = open_clean(dir.path());
    assert!(again.is_read(&lib, &relative_key(&lib, &file).expect("inside")));
    fs::write(&file, article("Two", "another body")).expect("rewritten");
    assert_eq!(read_marks(&lib, dir.path()), marks("Two", true), "removed and written again");
    // Saved as editors save: a new file renamed over the old one.
    let before = inode(&file);
    fs::write(lib.join("sub/.a.md.swp"), article("Three", "a third, longer body")).expect("written");
    fs::rename(lib.join("sub/.a.md.swp"), &file).expect("renamed over");
    assert_ne!(inode(&file), before, "another file");
    assert_eq!(read_marks(&lib, dir.path()), marks("Three", true), "replaced by another file");
    // Overwritten: the same file, another size and content.
    let before = inode(&file);
    fs::write(&file, article("Four", "4")).expect("overwritten");
    assert_eq!(inode(&file), before, "the same file");
    assert_eq!(read_marks(&lib, dir.path()), marks("Four", true), "overwritten");

    // The file under another name is another key: unread there, read back home.
    fs::rename(&file, lib.join("sub/c.md")).expect("renamed");
    assert_eq!(read_marks(&lib, dir.path()), marks("Four", false), "moved to another name");
    fs::rename(lib.join("sub/c.md"), &file).expect("renamed back");
    assert_eq!(read_marks(&lib, dir.path()), marks("Four", true), "back under its name");
}
