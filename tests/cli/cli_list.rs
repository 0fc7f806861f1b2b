//! The real `folio` binary on the fixture library: `folio list --json`
//! (every field of every record), the problems on stderr, exit codes, the
//! sorting flags, a PATH without `list`, `--help` and `--version`.

use crate::common::cli::*;
use crate::common::fixtures;
use folio::text::compare_titles;
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIELDS: [&str; 12] = [
    "path",
    "title",
    "date",
    "author",
    "categories",
    "tags",
    "group",
    "images",
    "link",
    "summary",
    "draft",
    "warnings",
];

#[test]
fn json_lists_every_fixture_newest_first() {
    let run = folio(&["list", "--json", &lib()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = records(&run.stdout);
    assert_eq!(records.len(), 28);
    for record in &records {
        let keys: Vec<&str> = record.as_object().expect("object").keys().map(|k| k.as_str()).collect();
        for field in FIELDS {
            assert!(keys.contains(&field), "{field} missing in {record}");
        }
        assert!(keys.iter().all(|k| FIELDS.contains(k) || *k == "extra"), "{keys:?}");
        assert!(Path::new(text(record, "path")).is_file());
        if let Some(date) = record["date"].as_str() {
            let parsed: jiff::Timestamp = date.parse().expect("RFC 3339");
            assert!(date.ends_with('Z'), "UTC: {date}");
            assert_eq!(parsed.to_string(), date);
        }
    }
    let dates: Vec<Option<&str>> = records.iter().map(|r| r["date"].as_str()).collect();
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    assert_eq!(dated, 23, "five undated, all last");
    assert!(dates[..dated].windows(2).all(|w| w[0] >= w[1]), "newest first");
    let normal = records
        .iter()
        .find(|r| text(r, "path").ends_with("normal-template-leading-blank-line.md"))
        .expect("the normal template");
    let path = fixtures().join("source/_posts/新媒体/Aljazeera 半岛网/新闻/normal-template-leading-blank-line.md");
    assert_eq!(text(normal, "path"), path.to_string_lossy());
    assert_eq!(text(normal, "title"), "联合国：今年是难民海上旅行最危险的一年 多国协调救援");
    assert_eq!(text(normal, "date"), "2021-12-30T12:42:52Z");
    assert_eq!(text(normal, "author"), "Aljazeera 半岛网");
    assert_eq!(normal["categories"], serde_json::json!(["新媒体", "Aljazeera 半岛网", "新闻"]));
    assert_eq!(normal["tags"], serde_json::json!([]));
    assert_eq!(text(normal, "group"), "新媒体/Aljazeera 半岛网/新闻");
    let image = "https://img.example.test/uploads/2021/12/boat-1.jpg?w=770&resize=770%2C433";
    assert_eq!(normal["images"], serde_json::json!([image]));
    assert_eq!(normal["link"], Value::Null);
    assert_eq!(normal["warnings"], serde_json::json!([]));
    let pipe = records.iter().find(|r| text(r, "title") == "分类项写成了竖线").expect("pipe");
    assert_eq!(pipe["categories"], serde_json::json!(["新媒体", "cnBeta", "最新"]));
    assert_eq!(pipe["warnings"].as_array().map(Vec::len), Some(1));
    let undated = records.iter().find(|r| text(r, "title") == "markdown-with-nothing").expect("no front matter");
    assert_eq!(undated["date"], Value::Null);
    assert_eq!(undated["author"], Value::Null);
}

#[test]
fn stderr_lines_are_exactly_the_problems() {
    let run = folio(&["list", "--json", &lib()]);
    assert_eq!(run.code, 0);
    let yaml = "front matter is not valid YAML";
    let expected = [
        ("hostile/binary-nul-after-front-matter.md", "binary file (NUL bytes), not an article"),
        ("hostile/binary-png-bytes-named-md.md", "binary file (NUL bytes), not an article"),
        ("hostile/control-characters-in-invalid-yaml.md", yaml),
        ("hostile/empty-file.md", "empty file"),
        ("hostile/unclosed-block.md", "front matter is never closed by `---`"),
        ("hostile/unreadable-date.md", "unreadable date `sometime before the war`; sorted as undated"),
        ("hostile/whitespace-only.md", "empty file"),
        ("source/_posts/新媒体/9To5/9To5 分站/invalid-yaml-title-with-both-quote-kinds.md", yaml),
        ("source/_posts/新媒体/cnBeta/最新/invalid-yaml-pipe-in-category-item.md", yaml),
    ];
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", run.stderr);
    for (line, (rel, message)) in lines.iter().zip(expected) {
        let prefix = format!("folio: {}: ", fixtures().join(rel).display());
        let rest = line.strip_prefix(&prefix).unwrap_or_else(|| panic!("{line:?} is not {prefix:?}…"));
        if message == yaml {
            assert!(rest.starts_with(yaml) && rest.ends_with("read it line by line"), "{rest}");
        } else {
            assert_eq!(rest, message);
        }
    }
    // The same problems whatever the output form.
    assert_eq!(folio(&["list", &lib()]).stderr, run.stderr);
}

#[test]
fn exit_codes() {
    let missing = fixtures().join("no such folder");
    let missing = missing.to_string_lossy();
    let encodings = fixtures().join("encodings");
    let run = folio(&["list", "--json", &missing, &encodings.to_string_lossy()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, format!("folio: {missing}: no such file or folder\n"));
    assert_eq!(records(&run.stdout).len(), 6, "the PATHs that exist are still listed");
    for args in [&["list", "--sort", "nope", "."][..], &["list", "--bogus"], &["--bogus"], &["list", "--sort"]] {
        let run = folio(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains("error"), "{}", run.stderr);
    }
    assert_eq!(folio(&["list", &encodings.to_string_lossy()]).code, 0);
}

#[test]
fn sort_flags() {
    let by = |args: &[&str]| {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let lib = lib();
        all.push(&lib);
        let run = folio(&all);
        assert_eq!(run.code, 0);
        records(&run.stdout)
    };
    let lower = |s: &str| s.to_lowercase();
    let reversed = by(&["--sort", "title", "--reverse"]);
    assert_eq!(reversed.len(), 28);
    // Chinese titles last by pinyin: 心 (xin), after the emoji, the last.
    assert_eq!(reversed[0]["title"], "\u{2764}\u{fe0f} 心 مرحبا بالعالم 👍🏽 cafe\u{301}");
    let t = titles(&reversed);
    assert!(t.windows(2).all(|w| compare_titles(w[0], w[1]).is_ge()), "{t:#?}");
    let forward = by(&["--sort", "title"]);
    let mut back = titles(&forward);
    back.reverse();
    assert_eq!(back, t, "no ties among the fixture titles");
    let paths = by(&["--sort", "path"]);
    let p: Vec<PathBuf> = paths.iter().map(|r| PathBuf::from(text(r, "path"))).collect();
    assert!(p.windows(2).all(|w| w[0] < w[1]));
    let authors = by(&["--sort", "author", "--reverse"]);
    let a: Vec<Option<&str>> = authors.iter().map(|r| r["author"].as_str()).collect();
    let with = a.iter().take_while(|x| x.is_some()).count();
    assert_eq!(with, 18);
    assert!(a[with..].iter().all(Option::is_none), "no author last");
    assert!(a[..with].windows(2).all(|w| lower(w[0].unwrap_or("")) >= lower(w[1].unwrap_or(""))));
    let oldest = by(&["--reverse"]);
    assert_eq!(oldest[0]["date"], "2019-09-09T00:00:00Z");
    assert_eq!(oldest[22]["date"], "2022-09-07T17:00:00Z");
    assert_eq!(oldest[23]["date"], Value::Null);
}

#[test]
fn a_path_without_the_list_command_lists_it() {
    let encodings = fixtures().join("encodings");
    let encodings = encodings.to_string_lossy();
    let bare = folio(&[&encodings]);
    assert_eq!(bare.code, 0);
    assert_eq!(bare.stdout, folio(&["list", &encodings]).stdout);
    assert_eq!(bare.stdout.lines().count(), 6);
}

#[test]
fn help_and_version() {
    let version = folio(&["--version"]);
    assert_eq!(version.code, 0);
    assert_eq!(version.stdout, format!("folio {}\n", env!("CARGO_PKG_VERSION")));
    let help = folio(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Usage: folio"), "{}", help.stdout);
    assert!(help.stdout.contains("list"), "{}", help.stdout);
    let list_help = folio(&["list", "--help"]);
    assert_eq!(list_help.code, 0);
    for flag in ["--sort", "--reverse", "--json", "date", "title", "author", "path"] {
        assert!(list_help.stdout.contains(flag), "{flag}: {}", list_help.stdout);
    }
}

#[test]
fn titles_sort_by_script_then_kana_and_pinyin() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Code points would put 俄 慢 獨 终 in this order, kana before them all
    // and katakana after hiragana.
    let written = [
        "终于到了",
        "Zebra crossing",
        "俄罗斯",
        "さくら",
        "慢慢来",
        "アニメ",
        "獨立報",
        "2024 review",
        "apple",
        "独立",
    ];
    for (n, title) in written.iter().enumerate() {
        let text = format!("---\ntitle: '{title}'\ndate: 2024-01-{:02}\n---\n<p>x</p>\n", n + 1);
        std::fs::write(dir.path().join(format!("{n}.md")), text).expect("write");
    }
    let list = |args: &[&str]| {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let lib = dir.path().to_string_lossy().into_owned();
        all.push(&lib);
        let run = folio(&all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        titles(&records(&run.stdout)).into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    // Digits, Latin, kana (あいうえお order), then Chinese by pinyin: du
    // (独 and 獨 together), e, man, zhong.
    let expected = [
        "2024 review",
        "apple",
        "Zebra crossing",
        "アニメ",
        "さくら",
        "独立",
        "獨立報",
        "俄罗斯",
        "慢慢来",
        "终于到了",
    ];
    assert_eq!(list(&["--sort", "title"]), expected);
    let mut reversed = expected.to_vec();
    reversed.reverse();
    assert_eq!(list(&["--sort", "title", "--reverse"]), reversed);
}

#[test]
fn extra_keys_keep_their_types_in_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = "---\ntitle: Y\ncomments: false\nviews: 12\nscore: 4.5\nlayout: post\naliases: [a, b]\nseries: {name: s, part: 2}\nnothing:\n---\n<p>y</p>\n";
    std::fs::write(dir.path().join("y.md"), yaml).expect("write");
    let toml = "+++\ntitle = \"T\"\ncomments = true\nviews = 7\nlayout = \"post\"\nweights = [1, 2]\n+++\n<p>t</p>\n";
    std::fs::write(dir.path().join("t.md"), toml).expect("write");
    // Read the files, then the index cache's copy of them: the same types.
    let cache = dir.path().join("cache");
    let cache = cache.to_string_lossy();
    for pass in ["read", "cached"] {
        let run = folio_env(
            &["list", "--json", "--sort", "title", &dir.path().to_string_lossy()],
            &[("FOLIO_CACHE_DIR", &cache)],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let records = records(&run.stdout);
        assert_eq!(titles(&records), ["T", "Y"]);
        let toml_extra = serde_json::json!({"comments": true, "views": 7, "layout": "post", "weights": [1, 2]});
        assert_eq!(records[0]["extra"], toml_extra, "{pass}");
        let yaml_extra = serde_json::json!({
            "comments": false, "views": 12, "score": 4.5, "layout": "post",
            "aliases": ["a", "b"], "series": {"name": "s", "part": 2}, "nothing": null,
        });
        assert_eq!(records[1]["extra"], yaml_extra, "{pass}");
    }
}
