//! The store on its own: numbers that stay, strings kept once, rows read back.

use super::*;
use crate::file::{Outcome, article_from_bytes};

fn loaded(path: &str, front: &str) -> LoadedArticle {
    let text = format!("---\n{front}\n---\nbody");
    match article_from_bytes(Path::new(path), text.as_bytes()) {
        Outcome::Article(article) => LoadedArticle { article, stamp: None, entry: None },
        other => panic!("not an article: {other:?}"),
    }
}

#[test]
fn numbers_stay_through_replacing_and_deleting() {
    let mut store = ListStore::default();
    assert_eq!(store.push(loaded("/l/a.md", "title: A")), 0);
    assert_eq!(store.push(loaded("/l/b.md", "title: B")), 1);
    assert_eq!(store.find(Path::new("/l/b.md")), Some(1));
    store.set_gone(0);
    assert_eq!(store.live().collect::<Vec<_>>(), [1]);
    let again = loaded("/l/a.md", "title: A again");
    store.replace(0, again.article, None);
    assert_eq!(store.live().collect::<Vec<_>>(), [0, 1]);
    assert_eq!(store.row(0).title(), "A again");
    // Added after the path index was built: found too.
    assert_eq!(store.push(loaded("/l/c.md", "title: C")), 2);
    assert_eq!(store.find(Path::new("/l/c.md")), Some(2));
    assert_eq!(store.find(Path::new("/l/none.md")), None);
    // Read again, an article has a new row in the search columns.
    assert_ne!(store.search_row(0), Some(0));
    assert_eq!(store.columns().title(store.search_row(0).unwrap_or_default()), "a again");
}

#[test]
fn hits_and_states_belong_to_their_article_and_stay_when_it_is_read_again() {
    let mut store = ListStore::default();
    store.push(loaded("/l/a.md", "title: A"));
    store.push(loaded("/l/b.md", "title: B"));
    store.set_hit(1);
    assert!(!store.is_hit(0) && store.is_hit(1));
    store.clear_hits();
    assert!(!store.is_hit(1));
    if let Some(state) = store.state_mut(0) {
        state.read = true;
    }
    store.replace(0, loaded("/l/a.md", "title: A2").article, None);
    assert!(store.state(0).read && !store.state(1).read, "read state kept through a rewrite");
    assert!(store.get(5).is_none() && store.is_gone(5));
}

#[test]
fn every_field_the_list_needs_reads_back() {
    let mut store = ListStore::default();
    let front = "title: 乌克兰局势\nauthor: 半岛\ndate: 2021-12-30T12:00:00Z\nheadimg: https://x.test/a.jpg\nlink: https://x.test/a";
    let number = store.push(loaded("/lib/新闻/a b.md", front));
    store.push(loaded("/lib/新闻/c.md", "title: Other\nauthor: 半岛"));
    let row = store.row(number);
    assert_eq!(row.title(), "乌克兰局势");
    assert_eq!(row.author(), Some("半岛"));
    assert_eq!(row.date().map(|d| d.to_string()).as_deref(), Some("2021-12-30T12:00:00Z"));
    assert_eq!(row.path(), Path::new("/lib/新闻/a b.md"));
    assert_eq!(row.link(), Some("https://x.test/a"));
    assert_eq!(row.format(), Format::Markdown);
    assert!(row.facts().has_image && row.facts().has_link);
    assert_eq!(store.row(1).link(), None);
    // One folder, one author: kept once.
    assert!(Arc::ptr_eq(store.row(0).dir(), store.row(1).dir()));
    assert_eq!(store.authors.values.len(), 1);
    let article = row.to_article();
    assert_eq!((article.path(), &*article.title), (PathBuf::from("/lib/新闻/a b.md"), "乌克兰局势"));
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_read_back_exactly() {
    use std::os::unix::ffi::OsStrExt;
    let name = OsStr::from_bytes(b"caf\xe9.md");
    let path = Path::new("/lib").join(name);
    let mut store = ListStore::default();
    let outcome = article_from_bytes(&path, b"---\ntitle: t\n---\n");
    let Outcome::Article(article) = outcome else { panic!("an article") };
    let number = store.push(LoadedArticle { article, stamp: None, entry: None });
    assert_eq!(store.row(number).path(), path);
    assert_eq!(store.find(&path), Some(number));
}

#[test]
fn a_search_holds_the_files_it_was_given_while_the_store_changes() {
    let mut store = ListStore::default();
    for i in 0..5000 {
        store.push(loaded(&format!("/l/{i}.md"), "title: T"));
    }
    let held = super::super::Bodies::new(store.paths(), vec![0, 4999]);
    store.replace(0, loaded("/l/moved/0.md", "title: T").article, None);
    store.push(loaded("/m/new.md", "title: N"));
    let sources = held.sources();
    assert_eq!(
        sources.iter().map(|s| s.path.clone()).collect::<Vec<_>>(),
        [PathBuf::from("/l/0.md"), "/l/4999.md".into()]
    );
    assert_eq!(store.row(0).path(), Path::new("/l/moved/0.md"));
    assert_eq!(store.paths().path(5000), Path::new("/m/new.md"));
    // Beyond the end: nothing, not a panic.
    assert_eq!(store.paths().path(9999), PathBuf::new());
}

#[test]
fn the_unread_count_follows_every_change() {
    let mut store = ListStore::default();
    for name in ["a", "b", "c"] {
        store.push(loaded(&format!("/l/{name}.md"), "title: T"));
    }
    assert_eq!(store.unread_count(), 3);
    if let Some(state) = store.state_mut(0) {
        state.read = true;
    }
    assert_eq!(store.unread_count(), 2, "one read");
    store.set_gone(1);
    assert_eq!(store.unread_count(), 1, "one gone");
    store.replace(1, loaded("/l/b.md", "title: back").article, None);
    assert_eq!(store.unread_count(), 2, "back again");
    store.push(loaded("/l/d.md", "title: D"));
    assert_eq!(store.unread_count(), 3, "one more");
}

#[test]
fn unread_among_counts_live_unread_articles_and_follows_each_change() {
    let mut store = ListStore::default();
    for name in ["a", "b", "c"] {
        store.push(loaded(&format!("/l/{name}.md"), &format!("title: {name}")));
    }
    assert_eq!(store.unread_among(&[0, 2, 7]), 2, "a number past the end counts for nothing");
    let version = store.marks_version();
    if let Some(state) = store.state_mut(2) {
        state.read = true;
    }
    assert_ne!(store.marks_version(), version);
    assert_eq!(store.unread_among(&[0, 2]), 1);
    store.set_gone(0);
    assert_eq!(store.unread_among(&[0, 1, 2]), 1, "a deleted article is not unread");
    store.push(loaded("/l/d.md", "title: d"));
    assert_eq!(store.unread_among(&[1, 3]), 2);
}
