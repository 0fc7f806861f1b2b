//! Files that are not files: FIFOs where folio keeps its state, its
//! config and its caches, and in the library (there at the start, and
//! swapped in while the reader runs). Nothing blocks: folio answers keys,
//! says what it found, and goes on.

use crate::pty::{Library, Term};
use std::path::Path;
use std::process::Command;

fn mkfifo(path: &Path) {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).expect("the folder");
    }
    let _ = std::fs::remove_file(path);
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) made no FIFO at {}", path.display());
}

/// The index cache and body index files `folio list` and `folio index-bodies` write for `library`.
fn cache_files(library: &Library) -> Vec<std::path::PathBuf> {
    for verb in [&["list"][..], &["index-bodies"]] {
        let ran = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(verb)
            .arg(library.root())
            .envs(library.env())
            .output()
            .expect("folio ran");
        assert!(ran.status.success(), "{verb:?}: {}", String::from_utf8_lossy(&ran.stderr));
    }
    let files: Vec<_> = std::fs::read_dir(library.path("cache"))
        .expect("the cache folder")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "bin"))
        .collect();
    assert!(files.len() >= 2, "the index cache and the body index: {files:?}");
    files
}

/// The rain article found by its title, opened (its text on screen), and
/// folio quit: the keys were answered all along. Its exit code.
fn filter_open_and_quit(term: &mut Term, status: &str, text: &str) -> Option<i32> {
    term.send("/雨天");
    term.wait_for("/雨天");
    term.send("\r");
    term.wait_for(status);
    term.send("\r");
    term.wait_for(text);
    term.send("q");
    term.wait_exit().exit_code().try_into().ok()
}

#[test]
fn fifos_as_state_config_and_caches_are_reported_and_keys_are_answered() {
    let library = Library::new();
    for cache in cache_files(&library) {
        mkfifo(&cache);
    }
    mkfifo(&library.path("data/state.json"));
    mkfifo(&library.path("config/config.toml"));
    mkfifo(&library.posts().join("pipe.md"));
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    term.send("P");
    term.wait_for("config.toml (");
    term.wait_for("  cannot be read: not a file: it is a FIFO");
    term.wait_for("state.json: not a file");
    term.wait_for("not a file: it is a FIFO; not read");
    term.send("\x1b");
    term.wait_until("the panel closed", |s| !s.contents().contains("files with problems"));
    let code = filter_open_and_quit(&mut term, "1/3 articles · /雨天 · 1/3 unread", "雨天适合去旧书店");
    term.assert_restored();
    // The state could not be kept in a FIFO: said at quit, and the exit fails.
    term.wait_for_output("folio: cannot save the reading state in");
    let said = term.live_contents();
    assert!(said.contains("state.json: not a file") && !said.contains("starting clean"), "{said}");
    assert_eq!(code, Some(1), "{}", term.live_contents());
}

#[test]
fn an_article_swapped_for_a_fifo_while_reading_leaves_the_list_and_nothing_blocks() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    // The watch starts in the background with no sign on screen: a file
    // written until it shows says it runs.
    let probe = library.posts().join("probe.md");
    term.write_until(&probe, "---\ntitle: Probe\ndate: 2000-01-01\n---\n<p>p</p>\n", "the probe", |s| {
        s.contents().contains("4/4 articles")
    });
    // The newest article, selected: its file becomes a FIFO.
    mkfifo(&library.plain());
    term.wait_for("3/3 articles");
    assert_eq!(filter_open_and_quit(&mut term, "1/3 articles · /雨天 · 1/3 unread", "雨天适合去旧书店"), Some(0));
}
