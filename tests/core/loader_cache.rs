//! The index cache: a second load reads only what changed, and a damaged
//! cache is rebuilt without a word.

use folio::library::load_with;
use std::fs::{self, File};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// A library folder and a cache folder, both temporary.
struct Setup {
    library: tempfile::TempDir,
    cache: tempfile::TempDir,
}

/// Long enough ago that the cache trusts the file's time.
fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

impl Setup {
    fn new() -> Setup {
        let setup = Setup {
            library: tempfile::tempdir().expect("a temp dir"),
            cache: tempfile::tempdir().expect("a temp dir"),
        };
        setup.write("news/a.md", "---\ntitle: Alpha\ndate: 2021-01-01\n---\n<p>a</p>\n", an_hour_ago());
        setup.write("news/b.md", "---\ntitle: Beta\ncategories: [x, y]\n---\n<p>b</p>\n", an_hour_ago());
        setup.write("notes/n.txt", "no front matter: not an article\n", an_hour_ago());
        setup.write("bad.md", "---\ntitle: [unclosed\n---\n<p>c</p>\n", an_hour_ago());
        setup
    }

    fn write(&self, name: &str, text: &str, modified: SystemTime) {
        let path = self.library.path().join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        fs::write(&path, text).expect("written");
        File::options().write(true).open(&path).expect("opened").set_modified(modified).expect("time set");
    }

    fn roots(&self) -> Vec<PathBuf> {
        vec![self.library.path().to_owned()]
    }

    /// Titles and problems, as a text to compare.
    fn load(&self) -> String {
        let library = load_with(&self.roots(), Some(self.cache.path().to_owned()));
        let mut lines: Vec<String> = library
            .articles
            .iter()
            .map(|a| format!("{} | {:?} | {:?} | {:?}", a.title, a.date, a.categories, a.warnings))
            .collect();
        lines.extend(library.problems.iter().map(|p| format!("problem {:?} {}", p.kind, p.message)));
        lines.sort();
        lines.join("\n")
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        fs::read_dir(self.cache.path()).expect("the cache folder").map(|e| e.expect("an entry").path()).collect()
    }
}

#[test]
fn a_second_load_gives_the_same_library() {
    let setup = Setup::new();
    let first = setup.load();
    assert!(first.contains("Alpha") && first.contains("Beta") && first.contains("problem Warning"), "{first}");
    assert_eq!(setup.cache_files().len(), 1, "one cache file written");
    assert_eq!(setup.load(), first);
    assert_eq!(setup.load(), first);
}

#[test]
fn the_second_load_reads_from_the_cache() {
    let setup = Setup::new();
    setup.load();
    // Same size, same time, other words: only a cache can still say Alpha.
    let same_time = fs::metadata(setup.library.path().join("news/a.md")).and_then(|m| m.modified()).expect("a time");
    setup.write("news/a.md", "---\ntitle: Gamma\ndate: 2021-01-01\n---\n<p>a</p>\n", same_time);
    assert!(setup.load().contains("Alpha"));
}

#[test]
fn changed_added_and_deleted_files_are_seen() {
    let setup = Setup::new();
    setup.load();
    setup.write("news/a.md", "---\ntitle: Alpha two\ndate: 2021-01-01\n---\n<p>a</p>\n", an_hour_ago());
    setup.write("news/c.md", "---\ntitle: Gamma\n---\n<p>c</p>\n", an_hour_ago());
    fs::remove_file(setup.library.path().join("news/b.md")).expect("removed");
    let text = setup.load();
    assert!(text.contains("Alpha two") && text.contains("Gamma") && !text.contains("Beta"), "{text}");
    // And the cache written after that load agrees with a load without one.
    let uncached = load_with(&setup.roots(), None).articles.len();
    assert_eq!(load_with(&setup.roots(), Some(setup.cache.path().to_owned())).articles.len(), uncached);
}

#[test]
fn a_same_size_change_with_a_new_time_is_seen() {
    let setup = Setup::new();
    setup.load();
    setup.write(
        "news/a.md",
        "---\ntitle: Alphb\ndate: 2021-01-01\n---\n<p>a</p>\n",
        an_hour_ago() + Duration::from_secs(1),
    );
    assert!(setup.load().contains("Alphb"));
}

#[test]
fn a_damaged_cache_is_rebuilt_silently() {
    let setup = Setup::new();
    let first = setup.load();
    let file = setup.cache_files().pop().expect("a cache file");
    let good = fs::read(&file).expect("read");
    for damage in [Vec::new(), b"garbage".to_vec(), good[..good.len() / 2].to_vec(), good[..good.len() - 1].to_vec()] {
        fs::write(&file, &damage).expect("damaged");
        assert_eq!(setup.load(), first, "with a damaged cache of {} bytes", damage.len());
        // Rebuilt whole (its entries may come in another order).
        assert_eq!(fs::read(&file).expect("read").len(), good.len(), "rebuilt");
    }
}

#[test]
fn files_changed_this_moment_are_read_again_next_time() {
    let setup = Setup::new();
    setup.write("news/new.md", "---\ntitle: Fresh\n---\n<p>n</p>\n", SystemTime::now());
    setup.load();
    // Rewritten within the clock's resolution: same size, same time.
    let same_time = fs::metadata(setup.library.path().join("news/new.md")).and_then(|m| m.modified()).expect("a time");
    setup.write("news/new.md", "---\ntitle: Frash\n---\n<p>n</p>\n", same_time);
    assert!(setup.load().contains("Frash"));
}

#[test]
fn no_cache_folder_means_no_cache() {
    let setup = Setup::new();
    let library = load_with(&setup.roots(), None);
    assert_eq!(library.articles.len(), 3);
    assert!(setup.cache_files().is_empty());
}

/// The reader's load: every article with its search entry, the same
/// whether made now, read from a cache that had none, or from one that has.
#[test]
fn search_entries_come_made_or_from_the_cache() {
    let setup = Setup::new();
    let entries = |wanted: bool| {
        let mut found: Vec<(String, String)> = Vec::new();
        for event in folio::loader::spawn_with(setup.roots(), Some(setup.cache.path().to_owned()), wanted) {
            if let folio::loader::LoadEvent::Batch(batch) = event {
                for loaded in batch {
                    if let folio::loader::Loaded::Article(loaded) = loaded {
                        let made = folio::search::Entry::new(&loaded.article);
                        found.push((format!("{:?}", loaded.entry), format!("{:?}", Some(made))));
                    }
                }
            }
        }
        found
    };
    // A cache written without entries (as `folio list` writes it)…
    assert!(entries(false).iter().all(|(entry, _)| entry == "None"));
    // …gets them made once, then read back.
    for _ in 0..2 {
        let found = entries(true);
        assert_eq!(found.len(), 3);
        for (entry, made) in found {
            assert_eq!(entry, made);
        }
    }
}

#[test]
fn caches_unused_for_a_month_are_removed() {
    let setup = Setup::new();
    let stale = setup.cache.path().join("index-0000000000000001.bin");
    let recent = setup.cache.path().join("index-0000000000000002.bin");
    let other = setup.cache.path().join("sample-notes.txt");
    for path in [&stale, &recent, &other] {
        fs::write(path, b"x").expect("written");
    }
    let long_ago = SystemTime::now() - Duration::from_secs(40 * 24 * 3600);
    for path in [&stale, &other] {
        File::options().write(true).open(path).expect("opened").set_modified(long_ago).expect("time set");
    }
    setup.load();
    assert!(!stale.exists(), "a month-old cache is removed");
    assert!(recent.exists() && other.exists(), "recent caches and other files stay");
}
