//! Stores (threads, processes) sharing a state folder keep each other's
//! changes, the newer winning where both changed the same thing, and a
//! writer killed at any moment never leaves a broken file.

use crate::state_store::{open_clean, others, root};
use folio::state::{Position, STATE_FILE, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// When `store` last changed `rel` (Unix milliseconds, as it keeps them).
fn changed(store: &Store, rel: &str) -> i64 {
    store.library(root()).and_then(|l| l.get(rel)).map(|a| a.changed).unwrap_or_else(|| panic!("{rel} kept"))
}

/// When `store` last changed any of `rels` or the library's last article.
fn changed_at(store: &Store, rels: &[&str]) -> i64 {
    let articles = rels.iter().map(|rel| changed(store, rel));
    articles.chain(store.last(root()).map(|l| l.changed)).max().expect("a change kept")
}

/// Waits until the clock is past `ms` (Unix milliseconds): a change made
/// after this is newer than one made at `ms`.
fn wait_past(ms: i64) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while jiff::Timestamp::now().as_millisecond() <= ms {
        assert!(Instant::now() < deadline, "the clock did not pass {ms} in five seconds");
        std::thread::yield_now();
    }
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
    let first_changed = changed_at(&first, &["first.md", "shared.md"]);
    wait_past(first_changed);
    second.set_starred(root(), "second.md", true);
    second.set_position(root(), "shared.md", Some(Position::new(200, 0.2)));
    second.set_last(root(), Some("second.md"), "two");
    assert!(changed(&second, "shared.md") > first_changed, "the second's position is the newer");
    assert!(second.last(root()).is_some_and(|l| l.changed > first_changed), "the second's last is the newer");
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
    let first_changed = changed_at(&first, &["a.md"]);
    wait_past(first_changed);
    second.set_read(root(), "a.md", true);
    assert!(changed(&second, "a.md") > first_changed, "the second's change is the newer");
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
    // The second's unread leaves nothing kept to read its time from: the
    // clock past the first's change makes it the newer.
    wait_past(changed_at(&first, &["a.md"]));
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
        .args(["--exact", "state_sharing::child_process_writer", "--test-threads=1", "--quiet"])
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

/// Run by `a_killed_writer_never_leaves_a_broken_file`: saves a big state
/// over and over until killed (or ten seconds pass).
#[test]
fn child_process_endless_writer() {
    let Some(folder) = std::env::var_os("FOLIO_STATE_ENDLESS_FOLDER") else { return };
    let (mut store, _) = Store::open(Path::new(&folder));
    let started = Instant::now();
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
            .args(["--exact", "state_sharing::child_process_endless_writer", "--test-threads=1", "--quiet"])
            .env("FOLIO_STATE_ENDLESS_FOLDER", &folder)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("child started");
        let waiting = Instant::now();
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

#[test]
fn earlier_filters_and_finds_are_kept_merged_and_capped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut first, _) = Store::open(dir.path());
    let (mut second, _) = Store::open(dir.path());
    first.remember_query("cat:rust", false);
    first.remember_query("乌克兰", false);
    first.remember_query("the", true);
    first.save().expect("first saves");
    // The other folio used 乌克兰 too, and a query of its own, later.
    second.remember_query("乌克兰", false);
    second.remember_query("author:ann", false);
    second.save().expect("second saves");
    let (reopened, problem) = Store::open(dir.path());
    assert_eq!(problem, None);
    assert_eq!(reopened.queries(false), ["cat:rust", "乌克兰", "author:ann"], "each once, the newest last");
    assert_eq!(reopened.queries(true), ["the"]);
    let (mut many, _) = Store::open(dir.path());
    for n in 0..130 {
        many.remember_query(&format!("q{n}"), false);
    }
    many.remember_query("  ", false);
    many.save().expect("saves");
    let (reopened, _) = Store::open(dir.path());
    assert_eq!(reopened.queries(false).len(), 100);
    assert_eq!(reopened.queries(false).last().map(String::as_str), Some("q129"));
}
