//! Live reload's core: the watcher sees files created, changed and
//! deleted, new folders whole, and ignores hidden files; thousands of new
//! files come in batches of at most 2000, every one of them.

use folio::loader::{Changes, Loaded, watch};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

fn article(title: &str) -> String {
    format!("---\ntitle: {title}\n---\n<p>text</p>\n")
}

/// Everything the watcher delivers until `done` says it has what it waits
/// for, or ten seconds pass.
fn until(changes: &Receiver<Changes>, mut done: impl FnMut(&[Changes]) -> bool) -> Vec<Changes> {
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(&seen) {
        let left = deadline.saturating_duration_since(Instant::now());
        match changes.recv_timeout(left) {
            Ok(batch) => seen.push(batch),
            Err(_) => panic!("the watcher did not deliver in time; got {seen:#?}"),
        }
    }
    seen
}

fn titles(seen: &[Changes]) -> Vec<String> {
    seen.iter()
        .flat_map(|c| &c.loaded)
        .filter_map(|l| match l {
            Loaded::Article(a) => Some(a.article.title.to_string()),
            _ => None,
        })
        .collect()
}

fn removed(seen: &[Changes]) -> Vec<PathBuf> {
    seen.iter().flat_map(|c| c.removed.iter().cloned()).collect()
}

fn start(root: &Path) -> (folio::loader::Watch, Receiver<Changes>) {
    let (send, receive) = channel();
    let watch = watch(&[root.to_owned()], move |batch| send.send(batch).is_ok()).expect("watching");
    (watch, receive)
}

#[test]
fn created_changed_and_deleted_files_are_seen() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().to_owned();
    fs::create_dir(root.join("news")).expect("a folder");
    fs::write(root.join("news/old.md"), article("Old")).expect("written");
    let (_watch, changes) = start(&root);

    fs::write(root.join("news/new.md"), article("New")).expect("written");
    let seen = until(&changes, |seen| titles(seen).contains(&"New".to_owned()));
    let group = seen.iter().flat_map(|c| &c.loaded).find_map(|l| match l {
        Loaded::Article(a) if &*a.article.title == "New" => Some(a.article.group.to_string()),
        _ => None,
    });
    assert_eq!(group.as_deref(), Some("news"));

    fs::write(root.join("news/old.md"), article("Old, changed")).expect("rewritten");
    until(&changes, |seen| titles(seen).contains(&"Old, changed".to_owned()));

    fs::remove_file(root.join("news/new.md")).expect("removed");
    until(&changes, |seen| removed(seen).contains(&root.join("news/new.md")));
}

#[test]
fn a_folder_moved_in_brings_its_files() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let outside = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("library");
    fs::create_dir(&root).expect("a folder");
    let (_watch, changes) = start(&root);
    let moved = outside.path().join("feed");
    fs::create_dir_all(moved.join("2021")).expect("folders");
    for n in 0..3 {
        fs::write(moved.join(format!("2021/{n}.md")), article(&format!("Moved {n}"))).expect("written");
    }
    fs::rename(&moved, root.join("feed")).expect("moved in");
    let seen = until(&changes, |seen| titles(seen).iter().filter(|t| t.starts_with("Moved")).count() == 3);
    assert!(seen.iter().any(|c| c.scanned.contains(&root.join("feed"))));
}

#[test]
fn hidden_and_foreign_files_bring_nothing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().to_owned();
    let (_watch, changes) = start(&root);
    fs::write(root.join(".draft.md"), article("Hidden")).expect("written");
    fs::write(root.join("picture.jpg"), b"\xff\xd8").expect("written");
    fs::write(root.join("marker.md"), article("Marker")).expect("written");
    let seen = until(&changes, |seen| titles(seen).contains(&"Marker".to_owned()));
    assert_eq!(titles(&seen), ["Marker"]);
}

/// The distinct titles starting with `prefix` among `seen`.
fn distinct(seen: &[Changes], prefix: &str) -> BTreeSet<String> {
    titles(seen).into_iter().filter(|t| t.starts_with(prefix)).collect()
}

/// The number of articles in each batch, in order.
fn batch_sizes(seen: &[Changes]) -> Vec<usize> {
    seen.iter().map(|c| c.loaded.len()).collect()
}

#[test]
fn a_burst_of_files_comes_in_batches() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().to_owned();
    let (_watch, changes) = start(&root);
    for n in 0..3000 {
        fs::write(root.join(format!("{n}.md")), article(&format!("Burst {n}"))).expect("written");
    }
    // A file may come twice (created, then written in a later batch): every
    // one of them, not 3,000 deliveries.
    let seen = until(&changes, |seen| distinct(seen, "Burst ").len() == 3000);
    assert!(seen.iter().all(|c| c.loaded.len() <= 2000), "batches of at most 2000: {:?}", batch_sizes(&seen));
}

#[test]
fn five_thousand_files_at_once_come_in_batches_of_at_most_2000() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let outside = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("library");
    fs::create_dir(&root).expect("a folder");
    let moved = outside.path().join("feed");
    fs::create_dir(&moved).expect("a folder");
    for n in 0..5000 {
        fs::write(moved.join(format!("{n}.md")), article(&format!("Moved {n}"))).expect("written");
    }
    let (_watch, changes) = start(&root);
    // One event brings all 5,000: the folder is read whole, and what it
    // holds must still be handed on in pieces.
    fs::rename(&moved, root.join("feed")).expect("moved in");
    let seen = until(&changes, |seen| distinct(seen, "Moved ").len() == 5000);
    let sizes = batch_sizes(&seen);
    assert!(sizes.iter().all(|&n| n <= 2000), "a batch over 2000: {sizes:?}");
    let carrying = sizes.iter().filter(|&&n| n > 0).count();
    assert!(carrying >= 3, "5,000 files in fewer than three batches: {sizes:?}");
    // Batches, not a delivery per file (or per handful).
    assert!(carrying <= 10, "5,000 files in {carrying} deliveries: {sizes:?}");
    assert!(seen.iter().any(|c| c.scanned.contains(&root.join("feed"))));
}

/// The event masks of the inotify watches this process holds (Linux
/// lists them in `/proc/self/fdinfo`).
#[cfg(target_os = "linux")]
fn inotify_masks() -> Vec<u32> {
    let mut masks = Vec::new();
    for entry in fs::read_dir("/proc/self/fdinfo").expect("fdinfo").flatten() {
        let Ok(info) = fs::read_to_string(entry.path()) else { continue };
        for line in info.lines().filter(|line| line.starts_with("inotify wd:")) {
            let mask = line.split_whitespace().find_map(|field| field.strip_prefix("mask:"));
            masks.extend(mask.and_then(|hex| u32::from_str_radix(hex, 16).ok()));
        }
    }
    masks
}

#[cfg(target_os = "linux")]
#[test]
fn opening_and_reading_files_is_not_watched() {
    // Two events per file read (open, close) would overflow the kernel's
    // queue on a body search or an `rg` over a big library, and an
    // overflow means reading every folder again.
    const IN_CLOSE_NOWRITE: u32 = 0x10;
    const IN_OPEN: u32 = 0x20;
    let dir = tempfile::tempdir().expect("a temp dir");
    fs::create_dir(dir.path().join("news")).expect("a folder");
    let (_watch, _changes) = start(dir.path());
    let masks = inotify_masks();
    assert!(!masks.is_empty(), "no inotify watch found");
    assert!(masks.iter().all(|mask| mask & (IN_OPEN | IN_CLOSE_NOWRITE) == 0), "masks {masks:x?}");
}

#[test]
fn reading_files_brings_nothing_however_often() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().to_owned();
    fs::write(root.join("a.md"), article("A")).expect("written");
    let (_watch, changes) = start(&root);
    std::thread::sleep(Duration::from_millis(200));
    for _ in 0..20_000 {
        fs::read(root.join("a.md")).expect("read");
    }
    fs::write(root.join("b.md"), article("B")).expect("written");
    let seen = until(&changes, |seen| titles(seen).contains(&"B".to_owned()));
    assert_eq!(titles(&seen), ["B"], "only the file written: {seen:#?}");
    assert!(seen.iter().all(|c| c.scanned.is_empty()), "no folder read again: {seen:#?}");
}
