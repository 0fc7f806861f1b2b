//! The state store on disk: every field survives a restart, bad files are
//! moved aside with their bytes, an interrupted write keeps the old file,
//! and stores (threads, processes) sharing a folder keep each other's
//! changes, the newer winning where both changed the same thing.

use folio::persist::{Durability, write_atomic, write_atomic_with};
use folio::state::{LOCK_FILE, Position, STATE_FILE, Store, relative_key};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

const ROOT: &str = "/home/reader/articles";
const OTHER: &str = "/mnt/other library";

fn root() -> &'static Path {
    Path::new(ROOT)
}

fn open_clean(folder: &Path) -> Store {
    let (store, problem) = Store::open(folder);
    assert_eq!(problem, None);
    store
}

/// Files in `folder` other than the state and lock files.
fn others(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != STATE_FILE && n != LOCK_FILE)
        .collect();
    names.sort();
    names
}

/// Makes sure the next change gets a later millisecond.
fn tick() {
    std::thread::sleep(Duration::from_millis(3));
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

#[cfg(unix)]
#[test]
fn a_read_only_folder_makes_saving_fail_not_panic() {
    use std::os::unix::fs::PermissionsExt;
    if rustix::process::geteuid().is_root() {
        return; // root writes anyway
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open_clean(dir.path());
    store.set_read(root(), "a.md", true);
    store.save().expect("saved");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).expect("read-only");
    store.set_read(root(), "b.md", true);
    let result = store.save();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).expect("writable");
    assert!(result.is_err());
    assert!(store.is_dirty());
    let again = open_clean(dir.path());
    assert!(again.is_read(root(), "a.md") && !again.is_read(root(), "b.md"));
}

/// Two stores on one folder: each changes its own article and both change
/// `shared.md` (the second one later); they save in `order`.
fn two_stores_saving(second_saves_first: bool) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open_clean(dir.path());
    let mut second = open_clean(dir.path());
    first.set_read(root(), "first.md", true);
    first.set_position(root(), "shared.md", Some(Position::new(100, 0.1)));
    first.set_last(root(), Some("first.md"), "one");
    tick();
    second.set_starred(root(), "second.md", true);
    second.set_position(root(), "shared.md", Some(Position::new(200, 0.2)));
    second.set_last(root(), Some("second.md"), "two");
    if second_saves_first {
        second.save().expect("saved");
        first.save().expect("saved");
    } else {
        first.save().expect("saved");
        second.save().expect("saved");
    }
    let check = |store: &Store, who: &str| {
        assert!(store.is_read(root(), "first.md"), "{who}");
        assert!(store.is_starred(root(), "second.md"), "{who}");
        assert_eq!(store.position(root(), "shared.md").map(|p| p.offset), Some(200), "{who}: newest wins");
        assert_eq!(store.last(root()).map(|l| l.filter.as_str()), Some("two"), "{who}: newest wins");
    };
    check(&open_clean(dir.path()), "a new store");
    // Whoever saved last has merged the other's changes in memory too.
    check(if second_saves_first { &first } else { &second }, "the last to save");
}

#[test]
fn stores_keep_each_others_changes_when_the_older_saves_first() {
    two_stores_saving(false);
}

#[test]
fn stores_keep_each_others_changes_when_the_newer_saves_first() {
    two_stores_saving(true);
}

#[test]
fn different_fields_of_one_article_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open_clean(dir.path());
    let mut second = open_clean(dir.path());
    first.set_starred(root(), "a.md", true);
    tick();
    second.set_read(root(), "a.md", true);
    second.save().expect("saved");
    first.save().expect("saved");
    let merged = open_clean(dir.path());
    assert!(merged.is_read(root(), "a.md") && merged.is_starred(root(), "a.md"));
}

#[test]
fn an_older_change_does_not_undo_a_newer_one_seen_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open_clean(dir.path());
    let mut second = open_clean(dir.path());
    first.set_read(root(), "a.md", true);
    first.save().expect("saved");
    assert!(second.refresh().expect("refreshed"), "the file changed");
    assert!(second.is_read(root(), "a.md"), "refresh brings in the other's change");
    assert!(!second.refresh().expect("refreshed"), "nothing new");
    first.set_starred(root(), "a.md", true); // older
    tick();
    second.set_read(root(), "a.md", false); // newer, knowing of the first's read
    second.save().expect("saved");
    first.save().expect("saved");
    let merged = open_clean(dir.path());
    assert!(!merged.is_read(root(), "a.md"), "the newer unread stands");
    assert!(merged.is_starred(root(), "a.md"), "the star the second never saw stands");
    assert!(!first.is_read(root(), "a.md") && first.is_starred(root(), "a.md"), "and the first sees it all");
}

#[test]
fn an_unsaved_change_survives_a_refresh() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = open_clean(dir.path());
    let mut second = open_clean(dir.path());
    second.set_read(root(), "mine.md", true);
    first.set_read(root(), "theirs.md", true);
    first.save().expect("saved");
    second.refresh().expect("refreshed");
    assert!(second.is_read(root(), "mine.md") && second.is_read(root(), "theirs.md"));
    assert!(second.is_dirty());
    second.save().expect("saved");
    let merged = open_clean(dir.path());
    assert!(merged.is_read(root(), "mine.md") && merged.is_read(root(), "theirs.md"));
}

/// Each writer marks its own articles read, one save each, racing the others.
fn hammer(folder: &Path, who: &str, rounds: usize) {
    let mut store = open_clean(folder);
    for n in 0..rounds {
        store.set_read(root(), &format!("{who}/{n}.md"), true);
        store.set_position(root(), "shared.md", Some(Position::new(n, 0.5)));
        store.save().expect("saved");
    }
}

#[test]
fn threads_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().to_owned();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let folder = folder.clone();
            std::thread::spawn(move || hammer(&folder, &format!("t{t}"), 30))
        })
        .collect();
    for thread in threads {
        thread.join().expect("no panic");
    }
    let store = open_clean(&folder);
    for t in 0..4 {
        for n in 0..30 {
            assert!(store.is_read(root(), &format!("t{t}/{n}.md")), "t{t}/{n}.md lost");
        }
    }
    assert!(store.position(root(), "shared.md").is_some());
    assert_eq!(others(&folder), Vec::<String>::new(), "no temporary files left");
}

/// Run by `processes_saving_at_once_lose_nothing` in a child process.
#[test]
fn child_process_writer() {
    if let Some(folder) = std::env::var_os("FOLIO_STATE_CHILD_FOLDER") {
        hammer(Path::new(&folder), "child", 40);
    }
}

#[test]
fn processes_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder: PathBuf = dir.path().to_owned();
    let exe = std::env::current_exe().expect("test binary");
    let mut child = std::process::Command::new(exe)
        .args(["--exact", "state_store::child_process_writer", "--test-threads=1", "--quiet"])
        .env("FOLIO_STATE_CHILD_FOLDER", &folder)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("child started");
    hammer(&folder, "parent", 40);
    assert!(child.wait().expect("child finished").success());
    let store = open_clean(&folder);
    for who in ["parent", "child"] {
        for n in 0..40 {
            assert!(store.is_read(root(), &format!("{who}/{n}.md")), "{who}/{n}.md lost");
        }
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

#[test]
fn state_follows_the_relative_key_not_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = tempfile::tempdir().expect("library");
    let file = library.path().join("sub/a.md");
    fs::create_dir_all(file.parent().expect("parent")).expect("folder");
    fs::write(&file, "one").expect("written");
    let key = relative_key(library.path(), &file).expect("inside");
    let mut store = open_clean(dir.path());
    store.set_read(library.path(), &key, true);
    store.save().expect("saved");
    // Rewritten in place: a new file under the same name.
    fs::remove_file(&file).expect("removed");
    fs::write(&file, "two").expect("rewritten");
    let again = open_clean(dir.path());
    assert!(again.is_read(library.path(), &relative_key(library.path(), &file).expect("inside")));
}

/// Run by `a_killed_writer_never_leaves_a_broken_file`: saves a big state
/// over and over until killed (or ten seconds pass).
#[test]
fn child_process_endless_writer() {
    let Some(folder) = std::env::var_os("FOLIO_STATE_ENDLESS_FOLDER") else { return };
    let (mut store, _) = Store::open(Path::new(&folder));
    let started = std::time::Instant::now();
    let mut n = 0usize;
    while started.elapsed() < Duration::from_secs(10) {
        store.mark_read_many(root(), (n..n + 2000).map(|k| format!("folder/article-{k}.md")));
        store.save().expect("saved");
        n += 2000;
    }
}

#[test]
fn a_killed_writer_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder: PathBuf = dir.path().to_owned();
    let exe = std::env::current_exe().expect("test binary");
    for round in 0..6u64 {
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", "state_store::child_process_endless_writer", "--test-threads=1", "--quiet"])
            .env("FOLIO_STATE_ENDLESS_FOLDER", &folder)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("child started");
        let waiting = std::time::Instant::now();
        while !folder.join(STATE_FILE).exists() && waiting.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(20 + round * 37));
        child.kill().expect("killed"); // SIGKILL
        child.wait().expect("reaped");
        let store = open_clean(&folder);
        assert!(store.is_read(root(), "folder/article-0.md"), "round {round}: earlier saves kept");
        assert_eq!(others(&folder), Vec::<String>::new(), "round {round}: a half-written file was cleaned up");
    }
}
