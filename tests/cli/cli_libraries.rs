//! The real `folio` binary on whole libraries: with no PATH it unpacks and
//! lists the bundled sample library, and on the real corpus (when
//! `../shared/corpus` exists) it lists all 17 articles with their real
//! titles and reports only the two invalid-YAML files.

use crate::common::cli::*;
use serde_json::Value;
use std::path::Path;

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

#[test]
fn the_real_corpus_when_present() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("note: {} not found; real-corpus test skipped", corpus.display());
        return;
    }
    let run = folio(&["list", "--json", &corpus.to_string_lossy()]);
    assert_eq!(run.code, 0);
    let records = records(&run.stdout);
    assert_eq!(records.len(), 17);
    let by_name = |name: &str| {
        let found = records.iter().find(|r| text(r, "path").ends_with(name));
        found.unwrap_or_else(|| panic!("{name} not listed"))
    };
    let quotes = by_name("synthetic/SYNTH-03-title-with-both-quote-kinds.md");
    assert_eq!(text(quotes, "title"), "Apple's \"Far Out\" event");
    assert_eq!(quotes["categories"], serde_json::json!(["新媒体", "9To5", "9To5 分站"]));
    let pipe = by_name("synthetic/SYNTH-02-pipe-in-category-item.md");
    assert_eq!(text(pipe, "title"), "第三个分类带竖线");
    assert_eq!(pipe["categories"], serde_json::json!(["新媒体", "cnBeta", "最新"]));
    assert_eq!(text(pipe, "date"), "2021-11-22T03:02:56Z");
    let seed = by_name("seed/000_12f77cd65ea8130a.txt");
    assert_eq!(text(seed, "title"), "俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰");
    assert_eq!(text(seed, "date"), "2021-12-30T12:42:52Z");
    assert_eq!(text(by_name("SYNTH-05-braces-everywhere.md"), "title"), "JSON {\"a\":1} 与 ${x}");
    assert!(records.iter().all(|r| r["date"].is_string()), "every article is dated");
    for record in records.iter().filter(|r| text(r, "path").contains("/source/_posts/")) {
        let path = Path::new(text(record, "path"));
        let stem = path.file_stem().expect("stem").to_string_lossy().replace("&nbsp;", " ");
        assert_eq!(text(record, "title"), stem, "the title is the file name");
        let categories: Vec<&str> =
            record["categories"].as_array().expect("list").iter().filter_map(Value::as_str).collect();
        assert_eq!(text(record, "group"), categories.join("/"), "{}", path.display());
    }
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    for (line, name) in
        lines.iter().zip(["SYNTH-02-pipe-in-category-item.md", "SYNTH-03-title-with-both-quote-kinds.md"])
    {
        let prefix =
            format!("folio: {}: front matter is not valid YAML", corpus.join("synthetic").join(name).display());
        assert!(line.starts_with(&prefix), "{line}");
    }
}
