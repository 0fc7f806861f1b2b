//! The reading state as a person sees it kept: a change is in `state.json`
//! about a second later while folio still runs, and an article open for
//! three seconds counts as read, not before; a state that cannot be saved
//! is said on stderr at quit, with a failing exit.

use crate::pty::{Library, PLAIN, Term, poll};
use std::time::{Duration, Instant};

/// README: the state is written "a second after a change".
const SAVE_AFTER: Duration = Duration::from_secs(1);
/// README: an article "counts as read once it has been open for three seconds".
const READ_AFTER: Duration = Duration::from_secs(3);

/// The status bar.
fn bottom(screen: &vt100::Screen) -> String {
    screen.rows(0, 100).nth(29).unwrap_or_default()
}

#[test]
fn a_mark_is_saved_about_a_second_after_it_is_made_without_quitting() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    assert_eq!(library.saved_marks("plain.md"), None, "saved before any change: {}", library.state_text());
    // The selected article, the newest: the plain-text essay.
    let marked = Instant::now();
    term.send("m");
    term.wait_for("2 unread");
    let at_once = library.saved_marks("plain.md");
    let looked = marked.elapsed();
    // The change came after `marked`, the save waits a second after it: a
    // look within that second cannot find it saved. (A slower look proves nothing.)
    if looked < SAVE_AFTER {
        assert_eq!(at_once, None, "saved at once, {looked:?} after the key: {}", library.state_text());
    } else {
        println!("looked {looked:?} after the key: too late to tell whether the save waited");
    }
    let saved = || library.saved_marks("plain.md") == Some((true, false));
    poll("the mark in state.json", Duration::from_secs(3), saved, || library.state_text());
    let took = marked.elapsed();
    println!("{PLAIN} marked read: in state.json {took:?} after the key");
    assert!(took >= SAVE_AFTER, "saved {took:?} after the key, before the second had passed");
    assert!(term.running(), "folio quit");
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn an_open_article_counts_as_read_after_three_seconds_not_before() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    // The plain-text essay fits the pane: only time can make it read.
    let opened = Instant::now();
    term.send("\r");
    term.wait_for("Plain text outlives every format.");
    let unread_then = term.look(|s| bottom(s).contains(" · 3 unread"));
    let looked = opened.elapsed();
    if looked < READ_AFTER {
        assert!(unread_then, "read at once ({looked:?} after Enter):\n{}", term.contents());
    } else {
        println!("looked {looked:?} after Enter: too late to see it unread");
    }
    term.wait_until_in(Duration::from_secs(6), "the article counted read", |s| bottom(s).contains(" · 2 unread"));
    let took = opened.elapsed();
    println!("{PLAIN} counted read {took:?} after Enter");
    // It was opened after `opened`: counted read before three seconds from then is too early.
    assert!(took >= READ_AFTER, "counted read {took:?} after it was opened");
    term.send("q");
    assert!(term.wait_exit().success());
    assert_eq!(library.saved_marks("plain.md"), Some((true, false)), "{}", library.state_text());
}

#[test]
fn a_state_that_cannot_be_saved_is_said_on_stderr_at_quit_and_the_exit_is_not_zero() {
    let library = Library::new();
    // The data folder lies under a regular file: it can never be made.
    let blocker = library.path("blocker");
    std::fs::write(&blocker, "a file, not a folder").expect("the blocker");
    let data = blocker.join("folio");
    let data_dir = data.to_str().expect("UTF-8");
    let mut term = Term::folio(&library, &[library.root()], &[("FOLIO_DATA_DIR", data_dir)]);
    term.wait_for("3/3 articles · 3 unread");
    term.send("m");
    // The save a second later fails, and the status bar says so.
    term.wait_for("Cannot save the reading state in");
    term.send("q");
    let status = term.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", term.live_contents());
    term.assert_restored();
    let said = format!("folio: cannot save the reading state in {data_dir}: ");
    term.wait_for_output(&said);
    let screen = term.live_contents();
    assert!(screen.contains("; the marks and reading places not yet saved are lost"), "{screen}");
    // With nothing changed, there is nothing to lose: a clean exit.
    let mut term = Term::folio(&library, &[library.root()], &[("FOLIO_DATA_DIR", data_dir)]);
    term.wait_for("3/3 articles · 3 unread");
    term.send("q");
    assert!(term.wait_exit().success(), "{}", term.live_contents());
}
