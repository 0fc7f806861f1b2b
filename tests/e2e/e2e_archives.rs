//! The reader on archives of other generators and clippers (the fixtures
//! of `tests/cli/cli_archives.rs`), end to end in a pseudo-terminal: the
//! list shows the titles their front matter gives (TOML, JSON, Hexo's
//! unfenced block), drafts are marked and found, a summary previews the
//! selected article, and an article opens without its front matter.

use crate::pty::{Library, Term};
use std::path::Path;

#[test]
fn archives_read_as_their_generators_read_them() {
    let library = Library::new();
    let archives = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives");
    let mut term = Term::folio(&library, &[archives.as_os_str()], &[]);
    term.wait_for("15/15 articles");
    for title in ["Async Rust in practice", "Rust 的所有权：一次讲清", "Zola の使い方", "Hexo 无开头分隔线"]
    {
        term.wait_for(title);
    }
    term.send("/is:draft\r");
    term.wait_for("2/15 articles");
    term.wait_for("draft 2023-09-01");
    // The selected draft's summary previews it in the reading pane.
    term.wait_for("Notes not yet ready to publish");
    term.wait_for("Enter to read");
    term.send("\x1b");
    term.wait_for("15/15 articles");
    term.send("/无开头\r");
    term.wait_for("1/15 articles");
    term.send("\r");
    term.wait_for("Hexo 接受没有开头 --- 的 front matter。");
    assert!(!term.contents().contains("date: 2013/7/13"), "the front matter is not text:\n{}", term.contents());
    term.send("q");
    let status = term.wait_exit();
    assert!(status.success(), "{status}");
    term.assert_restored();
}
