//! Matching articles against queries, with every fold.

use super::*;
use crate::file::{Outcome, article_from_bytes};

fn article(title: &str, front: &str) -> Article {
    let text = format!("---\ntitle: '{title}'\n{front}---\n<p>x</p>");
    match article_from_bytes(std::path::Path::new("/library/a.md"), text.as_bytes()) {
        Outcome::Article(article) => article,
        other => panic!("not an article: {other:?}"),
    }
}

fn hits(query: &str, article: &Article) -> bool {
    let query = parse(query).expect("parses");
    select(&query, std::slice::from_ref(article), &[], "2022-01-05T00:00:00Z".parse().expect("now"))[0]
}

#[test]
fn folds_find_what_is_meant() {
    let news =
        article("俄羅斯希望在日內瓦會談期間得到美國保證 烏克蘭", "author: Aljazeera 半岛网\ncategories:\n - 新媒体\n");
    for query in ["乌克兰", "烏克蘭", "eluosi", "els", "日内瓦 半岛", "ALJAZEERA", "cat:新媒", "author:半島"]
    {
        assert!(hits(query, &news), "{query}");
    }
    for query in ["cnbeta", "-乌克兰", "title:半岛", "author:俄罗斯"] {
        assert!(!hits(query, &news), "{query}");
    }
    let jojo = article("ジョジョの奇妙な冒険 ＪＯＪＯ", "");
    assert!(hits("じょじょ", &jojo));
    assert!(hits("jojo", &jojo));
    let kana = article("ｶﾞｲﾄﾞ", "");
    assert!(hits("ガイド", &kana));
}

#[test]
fn dates_links_and_images() {
    let dated = article("x", "date: 2021-12-30 12:00:00\nheadimg: 'https://a.test/a.jpg'\nlink: https://a.test/\n");
    for query in [
        "date:2021-12",
        "date:2021",
        "date:2021-12-30",
        "after:2021-12-30",
        "before:2021-12-30",
        "newer:7d",
        "has:image",
        "has:link",
        "date:2021-12-01..2021-12-31",
    ] {
        assert!(hits(query, &dated), "{query}");
    }
    for query in ["date:2022", "after:2021-12-31", "before:2021-12-29", "newer:2d", "-has:link"] {
        assert!(!hits(query, &dated), "{query}");
    }
    let undated = article("y", "");
    assert!(!hits("date:2021", &undated));
    assert!(!hits("has:image", &undated));
    assert!(hits("-newer:7d", &undated));
}

#[test]
fn groups_by_prefix() {
    // The group the loader gives a file under `source/_posts/新媒体/Aljazeera 半岛网/新闻/`.
    let mut article = article("t", "");
    article.group = "新媒体/Aljazeera 半岛网/新闻".into();
    assert!(hits("in:新媒体/Aljazeera", &article));
    assert!(hits("in:新媒体/aljazeera 半岛网/新闻", &article));
    assert!(!hits("in:Aljazeera", &article));
}

#[test]
fn columns_select_the_same_in_any_order() {
    let articles = [
        article("俄羅斯 烏克蘭", "author: Aljazeera 半岛网\ncategories:\n - 新媒体\n"),
        article("Hot Chips 英伟达", "author: cnBeta\ncategories:\n - 科技\n"),
        article("ジョジョ", "author: Bangumi\n"),
    ];
    let entries: Vec<Entry> = articles.iter().map(Entry::new).collect();
    let order = [2, 0, 1];
    let rows: Vec<&Entry> = order.iter().map(|&i| &entries[i]).collect();
    let columns = Columns::new(&rows);
    let now = "2022-01-05T00:00:00Z".parse().expect("now");
    for (text, want) in [
        ("乌克兰", [false, true, false]),
        ("eluosi", [false, true, false]),
        ("-cnbeta", [true, true, false]),
        ("author:bangumi", [true, false, false]),
        ("cat:科技", [false, false, true]),
        ("じょ", [true, false, false]),
        ("英伟达 -title:hot", [false, false, false]),
        ("title:chips", [false, false, true]),
        ("x", [false, false, false]),
    ] {
        let query = parse(text).expect("parses");
        assert_eq!(columns.select(&query), want, "{text}");
        let in_order = select(&query, &articles, &[], now);
        let reordered: Vec<bool> = order.iter().map(|&i| in_order[i]).collect();
        assert_eq!(reordered, want, "{text}");
    }
}

#[test]
fn typing_and_erasing_selects_what_a_fresh_list_would() {
    let articles = [
        article("俄羅斯 烏克蘭", "author: Aljazeera 半岛网\n"),
        article("Kubernetes in production", "author: Ops\n"),
        article("上海新闻 Keeper", "author: 新华社\n"),
        article("Kubernetes 上手", "author: Kelsey\n"),
        article("The Quiet Lighthouse Keeper", "author: Jane Doe\n"),
    ];
    let entries: Vec<Entry> = articles.iter().map(Entry::new).collect();
    let order = [4, 3, 2, 1, 0];
    let rows: Vec<&Entry> = order.iter().map(|&i| &entries[i]).collect();
    let typing = Columns::new(&rows);
    let words = ["e", "el", "els", "elsi", "els", "el", "k", "kb", "kbr", "kbrn", "kbr", "kp", "kpr", "kbr"];
    let more = ["kbr sh", "kbr shs", "kbr shsh", "kbr shangh", "-kbr sh", "k", "kee", "keep", "-keep", "lghths kpr"];
    for text in words.into_iter().chain(more) {
        let query = parse(text).expect("parses");
        let fresh = Columns::new(&rows).select(&query);
        assert_eq!(typing.select(&query), fresh, "{text}");
    }
}

#[test]
fn a_panic_in_a_body_search_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.md");
    std::fs::write(&path, "---\ntitle: t\n---\n<p>giraffe</p>").expect("write");
    let article = match crate::file::article_from_bytes(&path, b"---\ntitle: t\n---\n") {
        crate::file::Outcome::Article(article) => article,
        other => panic!("not an article: {other:?}"),
    };
    let sources = [BodySource::of(0, &article, None)];
    let query = parse("body:giraffe").expect("parses");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let found = run_body_search(&sources[..], &query, None, Pace::Flat, &cancel, &|_| panic!("a bug in the caller"));
    assert!(found.is_err_and(|message| message.contains("a bug in the caller")), "the panic's message is reported");
    let fine = run_body_search(&sources[..], &query, None, Pace::BesideTyping, &cancel, &|_| {});
    assert_eq!(fine, Ok(()));
}

#[test]
fn a_search_of_some_bodies_reads_only_those_and_names_them_as_the_list_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut all = Vec::new();
    for (i, body) in ["giraffe", "zebra", "giraffe and zebra", "giraffe"].iter().enumerate() {
        let path = dir.path().join(format!("{i}.md"));
        std::fs::write(&path, format!("---\ntitle: t\n---\n<p>{body}</p>")).expect("write");
        let article = match article_from_bytes(&path, b"---\ntitle: t\n---\n") {
            Outcome::Article(article) => article,
            other => panic!("not an article: {other:?}"),
        };
        all.push(BodySource::of(10 + i, &article, None));
    }
    let some = Subset { all: all.as_slice(), positions: vec![1, 2, 3, 99] };
    let query = parse("body:giraffe").expect("parses");
    let found = std::sync::Mutex::new(Vec::new());
    search_bodies(&some, &query, 2, &std::sync::atomic::AtomicBool::new(false), &|index| {
        found.lock().expect("lock").push(index);
    });
    let mut found = found.into_inner().expect("lock");
    found.sort_unstable();
    assert_eq!(found, [12, 13], "the first article is not among those asked for; position 99 is nowhere");
}
