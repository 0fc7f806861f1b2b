//! `folio list --query body:…` with the body index: the first full-text
//! search writes it, later ones use it, and answers never change —
//! whether the index is missing, current, stale or damaged.

use crate::common::cli::folio_env;
use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    std::fs::write(path, text).expect("written");
    // Old enough for the caches to trust its time.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(path).expect("opened").set_modified(old).expect("time set");
}

fn titles(lib: &Path, cache: &Path, query: &str) -> Vec<String> {
    let env = [("FOLIO_CACHE_DIR", cache.to_str().expect("UTF-8"))];
    let run = folio_env(&["list", "--sort", "title", "--json", "--query", query, lib.to_str().expect("UTF-8")], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("JSON");
            record["title"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

fn body_index_files(cache: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(cache)
        .expect("the cache folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("body-index-") && n.ends_with(".bin"))
        })
        .collect()
}

#[test]
fn answers_are_the_same_with_and_without_the_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (lib, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    let bodies = [
        ("a.md", "Alpha", "<p>Kubernetes 集群在北约峰会上</p>"),
        ("b.md", "Beta", "<p>烏克蘭局勢與 <b>kubernetes</b></p>"),
        ("c.md", "Gamma", "<p>堂本光一的新专辑</p><img src=\"kubernetes.png\" alt=\"x\">"),
        ("d.md", "Delta", "<p>nothing here</p><!-- kubernetes -->"),
    ];
    for (name, title, body) in bodies {
        write(&lib.join(name), &format!("---\ntitle: {title}\n---\n{body}\n"));
    }
    let queries: [(&str, &[&str]); 5] = [
        ("body:kubernetes", &["Alpha", "Beta"]),
        ("body:乌克兰", &["Beta"]),
        ("body:堂本光一", &["Gamma"]),
        ("body:量子纠缠", &[]),
        ("-body:kubernetes", &["Delta", "Gamma"]),
    ];
    let check = |when: &str| {
        for (query, expected) in queries {
            assert_eq!(titles(&lib, &cache, query), expected, "{query} {when}");
        }
    };
    check("with no index yet");
    assert_eq!(body_index_files(&cache).len(), 1, "the first full-text search wrote the index");
    check("with the index");

    // A body changed since indexing: read again, not trusted to the index.
    write(&lib.join("d.md"), "---\ntitle: Delta\n---\n<p>now about Kubernetes</p>\n");
    let after: [(&str, &[&str]); 2] =
        [("body:kubernetes", &["Alpha", "Beta", "Delta"]), ("-body:kubernetes", &["Gamma"])];
    for (query, expected) in after {
        assert_eq!(titles(&lib, &cache, query), expected, "{query} after a change");
    }

    // A damaged index is no index.
    let file = body_index_files(&cache).pop().expect("the index");
    std::fs::write(&file, b"garbage").expect("damaged");
    for (query, expected) in after {
        assert_eq!(titles(&lib, &cache, query), expected, "{query} with a damaged index");
    }
}
