//! Archives written for other generators and by clippers, as their own
//! tools read them: `folio list --json` gives each fixture's title, date,
//! author, categories, tags, link and images, and `folio show` shows the
//! body without its front matter (TOML, JSON, Hexo's `;;;` and unfenced
//! blocks).

use crate::common::cli::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn archives() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives")
}

/// What each fixture must read as.
struct Expected {
    file: &'static str,
    title: &'static str,
    date: Option<&'static str>,
    author: Option<&'static str>,
    categories: &'static [&'static str],
    tags: &'static [&'static str],
    link: Option<&'static str>,
    images: &'static [&'static str],
    /// Text the body begins with in `folio show` (after the header).
    body: &'static str,
}

const EXPECTED: [Expected; 13] = [
    Expected {
        file: "hugo/content/posts/ownership.md",
        title: "Rust 的所有权：一次讲清",
        date: Some("2023-05-14T01:30:00Z"),
        author: Some("王小明"),
        categories: &["编程"],
        tags: &["rust", "内存"],
        link: None,
        images: &["https://example.org/images/ownership.png"],
        body: "所有权是 Rust 最独特的特性。",
    },
    Expected {
        file: "hugo/content/posts/json-front-matter.md",
        title: "JSON front matter in Hugo",
        date: Some("2021-03-02T00:00:00Z"),
        author: Some("Alex Doe, Sam Roe"),
        categories: &[],
        tags: &["hugo", "json"],
        link: None,
        images: &["https://example.org/cover.jpg"],
        body: "Hugo reads a JSON object",
    },
    Expected {
        file: "hugo/content/posts/publish-date.md",
        title: "Publish date only",
        date: Some("2020-08-09T10:11:12Z"),
        author: Some("Kim Lee"),
        categories: &[],
        tags: &[],
        link: Some("https://example.org/original/publish-date"),
        images: &[],
        body: "A post that says",
    },
    Expected {
        file: "zola/content/blog/2019-11-27-zola.md",
        title: "Zola の使い方",
        date: Some("2019-11-27T00:00:00Z"),
        author: Some("山田太郎"),
        categories: &["ウェブ"],
        tags: &["zola", "ssg"],
        link: None,
        images: &[],
        body: "Zola は Rust で書かれた",
    },
    Expected {
        file: "jekyll/_posts/2016-11-24-cve-2016-1248.md",
        title: "CVE-2016-1248: vim modelines",
        date: Some("2016-11-24T00:00:00Z"),
        author: None,
        categories: &["security"],
        tags: &["vim", "cve"],
        link: None,
        images: &[],
        body: "• Vim: patch 8.0.0056",
    },
    Expected {
        file: "jekyll/_posts/2020-02-01-given-twice.md",
        title: "The last title wins",
        date: Some("2020-02-02T20:05:06Z"),
        author: Some("Pat"),
        categories: &[],
        tags: &[],
        link: None,
        images: &[],
        body: "Jekyll keeps the last value",
    },
    Expected {
        file: "hexo/source/_posts/no-opening-fence.md",
        title: "Hexo 无开头分隔线",
        date: Some("2013-07-13T20:46:25Z"),
        author: None,
        categories: &["技术/Rust", "随笔"],
        tags: &["hexo"],
        link: None,
        images: &[],
        body: "Hexo 接受没有开头 --- 的 front matter。",
    },
    Expected {
        file: "hexo/source/_posts/json-members.md",
        title: "Hexo JSON front matter",
        date: Some("2014-01-02T03:04:05Z"),
        author: Some("Hexo User"),
        categories: &[],
        tags: &["json"],
        link: None,
        images: &[],
        body: "Hexo reads JSON members",
    },
    Expected {
        file: "clippers/obsidian/How to Read a Paper.md",
        title: "How to Read a Paper",
        date: Some("2007-07-01T00:00:00Z"),
        author: Some("S. Keshav"),
        categories: &[],
        tags: &["clippings"],
        link: Some("https://example.org/papers/how-to-read"),
        images: &[],
        body: "Researchers must read papers",
    },
    Expected {
        file: "clippers/markdownload/Async Rust in practice.md",
        title: "Async Rust in practice",
        date: Some("2024-03-01T09:00:00Z"),
        author: Some("Jane Roe"),
        categories: &[],
        tags: &["rust", "async"],
        link: Some("https://example.org/blog/async"),
        images: &[],
        body: "Async Rust in practice",
    },
    Expected {
        file: "clippers/singlefile/Reading in the terminal (3_14_2024 10_00_00 AM).html",
        title: "Reading in the terminal",
        date: Some("2024-03-14T09:00:00Z"),
        author: None,
        categories: &[],
        tags: &[],
        link: Some("https://blog.example.org/terminal-reading"),
        images: &[],
        body: "Reading in the terminal",
    },
    Expected {
        file: "pages/a-saved-page.html",
        title: "保存したページ | Example News",
        date: Some("2022-06-14T23:00:00Z"),
        author: Some("佐藤花子"),
        categories: &[],
        tags: &["ニュース", "保存"],
        link: Some("https://news.example.org/2022/06/saved"),
        images: &["https://news.example.org/img/cover.jpg"],
        body: "保存したページの本文です。",
    },
    Expected {
        file: "hugo/content/posts/bundle/index.md",
        title: "A page bundle",
        date: Some("2022-01-02T00:00:00Z"),
        author: None,
        categories: &[],
        tags: &[],
        link: None,
        images: &["cover.png"],
        body: "A leaf bundle's index.md",
    },
];

#[test]
fn drafts_are_marked_and_found_and_summaries_kept() {
    let root = archives();
    let run = folio(&["list", "--json", &root.to_string_lossy()]);
    let records = records(&run.stdout);
    let drafts: Vec<(&str, Option<&str>)> = records
        .iter()
        .filter(|r| r["draft"] == Value::Bool(true))
        .map(|r| (text(r, "title"), r["summary"].as_str()))
        .collect();
    assert_eq!(
        drafts,
        [
            ("Work in progress", Some("Notes not yet ready to publish")),
            ("Written, not published", Some("Jekyll leaves this one out of the site")),
        ]
    );
    let paper = records.iter().find(|r| text(r, "title") == "How to Read a Paper").expect("listed");
    assert_eq!(paper["summary"].as_str(), Some("A three-pass method for reading research papers"));
    assert_eq!(paper["draft"], Value::Bool(false));
    let run = folio(&["list", "--query", "is:draft", &root.to_string_lossy()]);
    let titles: Vec<&str> = run.stdout.lines().map(|l| l.split("  ").last().unwrap_or_default()).collect();
    assert_eq!(titles, ["Work in progress", "Written, not published"]);
    let run = folio(&["list", "--query", "-is:draft", &root.to_string_lossy()]);
    assert_eq!(run.stdout.lines().count(), records.len() - 2);
}

#[test]
fn section_pages_and_drafts_are_no_articles_unless_asked_for() {
    let root = archives();
    let run = folio(&["list", "--json", &root.to_string_lossy()]);
    let paths: Vec<String> = records(&run.stdout).iter().map(|r| text(r, "path").to_owned()).collect();
    assert!(!paths.iter().any(|p| p.ends_with("_index.md") || p.contains("_drafts")), "{paths:?}");
    let drafts = root.join("jekyll/_drafts");
    let run = folio(&["list", "--json", &drafts.to_string_lossy()]);
    let titles: Vec<String> = records(&run.stdout).iter().map(|r| text(r, "title").to_owned()).collect();
    assert_eq!(titles, ["Not published yet"], "the drafts folder named itself");
}

fn strings(record: &Value, key: &str) -> Vec<String> {
    record[key]
        .as_array()
        .map_or_else(Vec::new, |items| items.iter().map(|item| item.as_str().unwrap_or_default().to_owned()).collect())
}

#[test]
fn every_archive_reads_as_its_generator_reads_it() {
    let root = archives();
    let run = folio(&["list", "--json", &root.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no problem with any fixture");
    let records = records(&run.stdout);
    assert_eq!(records.len(), EXPECTED.len() + 2, "one record per fixture (and two drafts)");
    for expected in &EXPECTED {
        let path = root.join(expected.file);
        let record = records
            .iter()
            .find(|r| Path::new(text(r, "path")) == path)
            .unwrap_or_else(|| panic!("{} not listed", expected.file));
        let file = expected.file;
        assert_eq!(text(record, "title"), expected.title, "{file}: title");
        assert_eq!(record["date"].as_str(), expected.date, "{file}: date");
        assert_eq!(record["author"].as_str(), expected.author, "{file}: author");
        assert_eq!(strings(record, "categories"), expected.categories, "{file}: categories");
        assert_eq!(strings(record, "tags"), expected.tags, "{file}: tags");
        assert_eq!(record["link"].as_str(), expected.link, "{file}: link");
        assert_eq!(strings(record, "images"), expected.images, "{file}: images");
        assert_eq!(strings(record, "warnings"), Vec::<String>::new(), "{file}: warnings");
    }
}

#[test]
fn the_front_matter_is_never_shown_as_text() {
    for expected in &EXPECTED {
        let path = archives().join(expected.file);
        let run = folio(&["show", "--width", "100", &path.to_string_lossy()]);
        assert_eq!(run.code, 0, "{}: {}", expected.file, run.stderr);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.first().copied(), Some(expected.title), "{}: the title first", expected.file);
        // (A head image the body does not show stands first, as its marker.)
        let body = lines
            .iter()
            .skip(3)
            .find(|l| !l.trim().is_empty() && !l.starts_with("[image 1"))
            .copied()
            .unwrap_or_default();
        assert!(body.starts_with(expected.body), "{}: the body begins {body:?}\n{}", expected.file, run.stdout);
        for fence in ["+++", ";;;", "title =", "\"title\"", "title:", "[taxonomies]", "saved date:", "og:image"] {
            assert!(!run.stdout.contains(fence), "{}: {fence:?} shown:\n{}", expected.file, run.stdout);
        }
    }
}
