//! Helpers shared by the integration tests: the fixture library and
//! field accessors that work whatever string type the model uses.
#![allow(dead_code)]

pub mod child;
pub mod cli;

use folio::library::load;
use folio::{Article, Library};
use std::path::{Path, PathBuf};

/// The Hexo prefix of the archive layout.
pub const POSTS: &str = "source/_posts/";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library")
}

pub fn load_fixtures() -> Library {
    load(&[fixtures()])
}

/// The path of `article` relative to the fixture library, `/`-separated.
pub fn relative(path: &Path) -> String {
    let rel = path.strip_prefix(fixtures()).expect("inside the fixtures");
    rel.to_string_lossy().replace('\\', "/")
}

pub fn article<'a>(library: &'a Library, rel: &str) -> &'a Article {
    library.articles.iter().find(|a| relative(&a.path()) == rel).unwrap_or_else(|| panic!("no article {rel}"))
}

/// Any list of strings (`String`, `Box<str>`, `Arc<str>`) as `&str`s.
pub fn strs<S: std::ops::Deref<Target = str>>(items: &[S]) -> Vec<&str> {
    items.iter().map(|s| &**s).collect()
}

pub fn date(article: &Article) -> Option<String> {
    article.date.map(|d| d.to_string())
}

/// Whether every neighbouring pair of the list satisfies `ok`.
pub fn assert_sorted_by(library: &Library, what: &str, ok: impl Fn(&Article, &Article) -> bool) {
    for pair in library.articles.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(ok(a, b), "{what}: {:?} before {:?}", a.title, b.title);
    }
}

/// The key of a caseless order.
pub fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// A proptest configuration of `cases` cases whose failures are kept in
/// `file` (under proptest-regressions/, named with `concat!` and
/// `CARGO_MANIFEST_DIR`) and tried first on every later run.
pub fn persisted(cases: u32, file: &'static str) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, FileFailurePersistence};
    Config { cases, failure_persistence: Some(Box::new(FileFailurePersistence::Direct(file))), ..Config::default() }
}
