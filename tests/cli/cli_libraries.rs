//! The real `folio` binary on whole libraries: with no PATH it unpacks and
//! lists the bundled sample library, and on the real corpus (when
//! `../shared/corpus` exists; else the same checks on the fixture library)
//! it lists all 17 articles with their real titles and reports only the
//! two invalid-YAML files.

use crate::common::cli::*;
use crate::common::fixtures;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[test]
fn no_path_lists_the_bundled_sample_library() {
    let seed = "俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰";
    let cache = tempfile::tempdir().expect("tempdir");
    let env = [("FOLIO_CACHE_DIR", cache.path().to_str().expect("UTF-8 temp path"))];
    let run = folio_env(&["list", "--json"], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = records(&run.stdout);
    assert!(records.len() >= 2, "the seed and articles of our own");
    assert!(titles(&records).contains(&seed), "{:?}", titles(&records));
    for record in &records {
        let path = Path::new(text(record, "path"));
        assert!(path.starts_with(cache.path()), "unpacked into FOLIO_CACHE_DIR: {}", path.display());
        assert!(path.is_file());
    }
    let dates: Vec<Option<&str>> = records.iter().map(|r| r["date"].as_str()).collect();
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    assert!(dates[..dated].windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(dates[dated..].iter().all(Option::is_none), "undated last");
    // Unpacked once, then reused; the bare command lists it too.
    let again = folio_env(&["list", "--json"], &env);
    assert_eq!(again.stdout, run.stdout);
    let bare = folio_env(&[], &env);
    assert_eq!(bare.code, 0);
    assert!(bare.stdout.contains(seed), "{}", bare.stdout);
}

/// What `folio list --json` must give for a library in the archive layout.
struct Archive<'a> {
    root: PathBuf,
    articles: usize,
    /// `(end of the path, title)`.
    titles: &'a [(&'a str, &'a str)],
    categories: &'a [(&'a str, &'a [&'a str])],
    dates: &'a [(&'a str, &'a str)],
    /// Every article is dated.
    all_dated: bool,
    /// Files under `source/_posts/` are named by their titles (the archive names them so).
    named_by_title: bool,
    /// The files (below the root) whose front matter is not valid YAML, in order.
    invalid_yaml: &'a [&'a str],
    /// The other problems on stderr.
    other_problems: usize,
}

fn check_archive(archive: &Archive) {
    let root = archive.root.to_string_lossy();
    let run = folio(&["list", "--json", &root]);
    assert_eq!(run.code, 0);
    let records = records(&run.stdout);
    assert_eq!(records.len(), archive.articles);
    let by_name = |name: &str| {
        let found = records.iter().find(|r| text(r, "path").ends_with(name));
        found.unwrap_or_else(|| panic!("{name} not listed"))
    };
    for (name, title) in archive.titles {
        assert_eq!(text(by_name(name), "title"), *title, "{name}");
    }
    for (name, categories) in archive.categories {
        assert_eq!(by_name(name)["categories"], serde_json::json!(categories), "{name}");
    }
    for (name, date) in archive.dates {
        assert_eq!(text(by_name(name), "date"), *date, "{name}");
    }
    if archive.all_dated {
        assert!(records.iter().all(|r| r["date"].is_string()), "every article is dated");
    }
    let posts: Vec<&Value> = records.iter().filter(|r| text(r, "path").contains("/source/_posts/")).collect();
    assert!(posts.len() >= 5, "{} articles under source/_posts", posts.len());
    for record in posts {
        let path = Path::new(text(record, "path"));
        if archive.named_by_title {
            let stem = path.file_stem().expect("stem").to_string_lossy().replace("&nbsp;", " ");
            assert_eq!(text(record, "title"), stem, "the title is the file name");
        }
        let categories: Vec<&str> =
            record["categories"].as_array().expect("list").iter().filter_map(Value::as_str).collect();
        assert_eq!(text(record, "group"), categories.join("/"), "{}", path.display());
    }
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), archive.invalid_yaml.len() + archive.other_problems, "{}", run.stderr);
    let yaml: Vec<&str> = lines.iter().copied().filter(|l| l.contains("front matter is not valid YAML")).collect();
    assert_eq!(yaml.len(), archive.invalid_yaml.len(), "{}", run.stderr);
    for (line, name) in yaml.iter().zip(archive.invalid_yaml) {
        let prefix = format!("folio: {}: front matter is not valid YAML", archive.root.join(name).display());
        assert!(line.starts_with(&prefix), "{line}");
    }
}

#[test]
fn the_real_corpus_when_present() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!(
            "SKIPPED cli_libraries::the_real_corpus_when_present on {} (absent): \
             the same checks run on tests/fixtures/library instead",
            corpus.display()
        );
        the_same_checks_on_the_fixtures();
        return;
    }
    let seed = "seed/000_12f77cd65ea8130a.txt";
    let (pipe, quotes) = ("SYNTH-02-pipe-in-category-item.md", "SYNTH-03-title-with-both-quote-kinds.md");
    check_archive(&Archive {
        root: corpus,
        articles: 17,
        titles: &[
            (quotes, "Apple's \"Far Out\" event"),
            (pipe, "第三个分类带竖线"),
            (seed, "俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰"),
            ("SYNTH-05-braces-everywhere.md", "JSON {\"a\":1} 与 ${x}"),
        ],
        categories: &[(quotes, &["新媒体", "9To5", "9To5 分站"]), (pipe, &["新媒体", "cnBeta", "最新"])],
        dates: &[(pipe, "2021-11-22T03:02:56Z"), (seed, "2021-12-30T12:42:52Z")],
        all_dated: true,
        named_by_title: true,
        invalid_yaml: &[&format!("synthetic/{pipe}"), &format!("synthetic/{quotes}")],
        other_problems: 0,
    });
}

/// The corpus's checks on the fixture library, which has the same quirks
/// in files of its own (and hostile ones besides).
fn the_same_checks_on_the_fixtures() {
    let quotes = "source/_posts/新媒体/9To5/9To5 分站/invalid-yaml-title-with-both-quote-kinds.md";
    let pipe = "source/_posts/新媒体/cnBeta/最新/invalid-yaml-pipe-in-category-item.md";
    let normal = "normal-template-leading-blank-line.md";
    check_archive(&Archive {
        root: fixtures(),
        articles: 28,
        titles: &[
            (quotes, "Apple's \"Far Out\" keynote recap"),
            (pipe, "分类项写成了竖线"),
            (normal, "联合国：今年是难民海上旅行最危险的一年 多国协调救援"),
            ("entities-in-title-and-urls.md", "_AC_ SQUARE ENIX 新作 JSON {\"a\":1} 与 ${x} & more"),
        ],
        categories: &[(quotes, &["新媒体", "9To5", "9To5 分站"]), (pipe, &["新媒体", "cnBeta", "最新"])],
        dates: &[(pipe, "2022-08-25T02:44:15Z"), (normal, "2021-12-30T12:42:52Z")],
        all_dated: false,
        named_by_title: false,
        invalid_yaml: &["hostile/control-characters-in-invalid-yaml.md", quotes, pipe],
        other_problems: 6,
    });
}
