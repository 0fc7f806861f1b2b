//! Tests of the index cache's format: round trips, damage, versions.

use super::*;
use crate::Format;
use crate::file::{FileJob, placed_article};
use crate::model::ExtraValue;
use std::sync::Arc;

fn job() -> FileJob {
    FileJob {
        dir: Arc::from(Path::new("/lib/新闻")),
        file_name: std::ffi::OsStr::new("a.md").into(),
        format: Format::Markdown,
        group: Arc::from("新闻"),
    }
}

fn sample() -> Article {
    let mut article = placed_article(&job());
    article.title = "乌克兰 — a title".into();
    article.author = Some(Arc::from("半岛"));
    article.categories = vec![Arc::from("新闻"), Arc::from("世界")].into();
    article.tags = vec![Arc::from("tag")].into();
    article.date = Some(jiff::Timestamp::new(1_638_316_800, 123).expect("a time"));
    article.unreadable_date = Some("someday".into());
    article.images = vec!["https://x/1.jpg".into()].into();
    article.link = Some("https://x/".into());
    article.extra = vec![
        (Arc::from("k"), ExtraValue::text(Arc::from("v"))),
        (Arc::from("n"), ExtraValue::from_stored(ExtraValue::stored_json("[1,true]").into())),
    ]
    .into();
    article.warnings = vec!["bad date".into()].into();
    article.encoding = Some(encoding_rs::GBK);
    article
}

const STAMP: Stamp = Stamp { size: 10, seconds: 1000, nanos: 5 };

/// A file's key, stamp, and what was read of it (as `remember` takes it).
type Read<'a> = (&'a [u8], Stamp, Option<(&'a Article, Option<&'a Entry>)>);

fn saved(entries: &[Read<'_>]) -> Vec<u8> {
    let mut used = Use::default();
    for (key, stamp, article) in entries {
        remember(key, *stamp, *article, i64::MAX / 2, &mut used);
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("index.bin");
    save(&path, None, &[used]).expect("saved");
    std::fs::read(&path).expect("read back")
}

/// The cache whose file holds `bytes`.
fn parse(bytes: Vec<u8>) -> Option<Index> {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("index.bin");
    std::fs::write(&path, bytes).expect("written");
    Index::open(&path)
}

/// `look_up` with a fresh interner and buffer.
fn look(index: &Index, key: &[u8], stamp: Stamp, article: (&mut Article, bool), used: &mut Use) -> Option<Cached> {
    look_up(index, (key, stamp), article, &mut Interner::default(), &mut Vec::new(), used)
}

fn facts(article: &Article) -> String {
    format!("{article:?}")
}

#[test]
fn an_article_comes_back_whole() {
    let article = sample();
    let index = parse(saved(&[(b"/lib/a.md", STAMP, Some((&article, None))), (b"/lib/b.txt", STAMP, None)]))
        .expect("a valid index");
    assert_eq!(index.len(), 2);
    let mut back = placed_article(&job());
    let mut used = Use::default();
    let hit = look(&index, b"/lib/a.md", STAMP, (&mut back, false), &mut used);
    assert!(matches!(hit, Some(Cached::Article(None))));
    assert_eq!(facts(&back), facts(&article));
    let skipped = look(&index, b"/lib/b.txt", STAMP, (&mut back, false), &mut used);
    assert!(matches!(skipped, Some(Cached::Skipped)));
    assert_eq!(used.kept.len(), 2);
}

#[test]
fn another_size_or_time_or_path_is_a_miss() {
    let index = parse(saved(&[(b"/lib/a.md", STAMP, Some((&sample(), None)))])).expect("a valid index");
    let mut back = placed_article(&job());
    let mut used = Use::default();
    let mut miss = |key: &[u8], stamp| look(&index, key, stamp, (&mut back, false), &mut used).is_none();
    assert!(miss(b"/lib/a.md", Stamp { size: 11, ..STAMP }));
    assert!(miss(b"/lib/a.md", Stamp { seconds: 1001, ..STAMP }));
    assert!(miss(b"/lib/a.md", Stamp { nanos: 6, ..STAMP }));
    assert!(miss(b"/lib/b.md", STAMP));
    assert!(!miss(b"/lib/a.md", STAMP));
}

#[test]
fn damaged_or_foreign_caches_are_not_trusted() {
    let good = saved(&[(b"/lib/a.md", STAMP, Some((&sample(), None)))]);
    assert!(parse(good.clone()).is_some());
    for cut in 0..good.len() {
        assert!(parse(good[..cut].to_vec()).is_none(), "cut at {cut}");
    }
    let mut foreign = good.clone();
    let at = foreign.windows(VERSION.len()).position(|w| w == VERSION.as_bytes()).expect("the version");
    foreign[at] ^= 1;
    assert!(parse(foreign).is_none());
    // Flipped bytes anywhere give no panic (an entry may read as a miss).
    for at in 0..good.len() {
        let mut flipped = good.clone();
        flipped[at] ^= 0x55;
        if let Some(index) = parse(flipped) {
            let mut back = placed_article(&job());
            let _ = look(&index, b"/lib/a.md", STAMP, (&mut back, true), &mut Use::default());
        }
    }
}

#[test]
fn files_changed_just_now_are_not_cached() {
    let mut used = Use::default();
    remember(b"/lib/a.md", STAMP, None, STAMP.seconds + 1, &mut used);
    assert_eq!(used.fresh_count, 0);
    remember(b"/lib/a.md", STAMP, None, STAMP.seconds + SETTLE_SECONDS + 1, &mut used);
    assert_eq!(used.fresh_count, 1);
}

#[test]
fn the_search_entry_comes_back_when_wanted() {
    let with_entry = sample();
    let entry = Entry::new(&with_entry);
    let plain = sample();
    let index = parse(saved(&[
        (b"/lib/a.md", STAMP, Some((&with_entry, Some(&entry)))),
        (b"/lib/b.md", STAMP, Some((&plain, None))),
    ]))
    .expect("a valid index");
    let look_for = |key: &[u8], wanted: bool| {
        let mut back = placed_article(&job());
        let cached = look(&index, key, STAMP, (&mut back, wanted), &mut Use::default());
        (cached, back)
    };
    let (cached, _) = look_for(b"/lib/a.md", true);
    let Some(Cached::Article(back)) = cached else { panic!("an article") };
    assert_eq!(format!("{back:?}"), format!("{:?}", Some(entry)));
    let (cached, _) = look_for(b"/lib/a.md", false);
    assert!(matches!(cached, Some(Cached::Article(None))), "not read when not wanted");
    let (cached, _) = look_for(b"/lib/b.md", true);
    assert!(matches!(cached, Some(Cached::ArticleWithoutEntry)));
    let (cached, _) = look_for(b"/lib/b.md", false);
    assert!(matches!(cached, Some(Cached::Article(None))));
}

#[test]
fn any_changed_byte_makes_the_cache_untrusted() {
    let good = saved(&[(b"/lib/a.md", STAMP, Some((&sample(), None)))]);
    for at in 0..good.len() {
        for flip in [0x01, 0x80] {
            let mut changed = good.clone();
            changed[at] ^= flip;
            assert!(parse(changed).is_none(), "byte {at} changed (^{flip:#x}) and the cache was trusted");
        }
    }
}

#[test]
fn controls_in_a_forged_cache_never_reach_the_article() {
    // A cache whose checksum is right but whose text holds terminal
    // controls (written by hand, or by a bug): they are cleaned on the way in.
    let mut forged = sample();
    forged.title = "\u{1b}[2Jtitle\u{1b}]52;c;cGF5bG9hZA==\u{7}".into();
    forged.author = Some(Arc::from("au\u{9b}31mthor"));
    forged.link = Some("https://x/\u{1b}[1m".into());
    let index = parse(saved(&[(b"/lib/a.md", STAMP, Some((&forged, None)))])).expect("a valid file");
    let mut back = placed_article(&job());
    let hit = look(&index, b"/lib/a.md", STAMP, (&mut back, false), &mut Use::default());
    assert!(matches!(hit, Some(Cached::Article(None))));
    assert_eq!(&*back.title, "title");
    assert_eq!(back.author.as_deref(), Some("author"));
    assert_eq!(back.link.as_deref(), Some("https://x/"));
}

#[test]
fn a_second_save_keeps_what_was_used_and_adds_what_is_new() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("index.bin");
    let mut first = Use::default();
    let mut big = sample();
    // Bigger than one copy run: copied alone, whole.
    big.title = "長".repeat(super::save::COPY_FOR_TESTS).into();
    for (key, article) in [(&b"/lib/a.md"[..], sample()), (b"/lib/big.md", big.clone()), (b"/lib/gone.md", sample())] {
        remember(key, STAMP, Some((&article, None)), i64::MAX / 2, &mut first);
    }
    save(&path, None, &[first]).expect("saved");
    let old = Index::open(&path).expect("the first cache");
    // The next run uses a.md and big.md again, not gone.md, and reads c.md.
    let mut next = Use::default();
    for key in [&b"/lib/big.md"[..], b"/lib/a.md"] {
        let mut back = placed_article(&job());
        assert!(matches!(look(&old, key, STAMP, (&mut back, false), &mut next), Some(Cached::Article(None))));
    }
    remember(b"/lib/c.md", STAMP, None, i64::MAX / 2, &mut next);
    save(&path, Some(&old), &[next]).expect("saved again");
    let new = Index::open(&path).expect("the second cache");
    assert_eq!(new.len(), 3);
    let mut back = placed_article(&job());
    assert!(matches!(
        look(&new, b"/lib/big.md", STAMP, (&mut back, false), &mut Use::default()),
        Some(Cached::Article(None))
    ));
    assert_eq!(facts(&back), facts(&big));
    assert!(matches!(
        look(&new, b"/lib/a.md", STAMP, (&mut back, false), &mut Use::default()),
        Some(Cached::Article(None))
    ));
    assert_eq!(facts(&back), facts(&sample()));
    assert!(matches!(look(&new, b"/lib/c.md", STAMP, (&mut back, false), &mut Use::default()), Some(Cached::Skipped)));
    assert!(look(&new, b"/lib/gone.md", STAMP, (&mut back, false), &mut Use::default()).is_none());
}
