//! Live reload as a person sees it: a new article is listed within a
//! second of being written, and an article rewritten in place (a new
//! title) keeps its read mark and its star.

use crate::pty::{Library, PLAIN, Term, plain_text, write};
use std::time::{Duration, Instant};

/// README: "new, changed and deleted files show in the list within a second".
const WITHIN: Duration = Duration::from_secs(1);

fn article(title: &str) -> String {
    format!("---\ntitle: '{title}'\ndate: 2030-01-01\n---\n<p>新</p>\n")
}

#[test]
fn a_new_article_is_listed_within_a_second() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    // The watch starts in the background with no sign on screen: a first
    // file, written until it shows, says it runs.
    let probe = library.posts().join("probe.md");
    term.write_until(&probe, &article("先到的文章"), "the first new article", |s| {
        s.contents().contains("4/4 articles")
    });
    let new = library.posts().join("new.md");
    let written = Instant::now();
    write(&new, &article("刚刚存档的文章"));
    term.wait_until("the second new article listed", |s| {
        let screen = s.contents();
        screen.contains("5/5 articles") && screen.contains("刚刚存档的文章")
    });
    let took = written.elapsed();
    println!("a new article listed {took:?} after it was written");
    assert!(took <= WITHIN, "listed {took:?} after it was written");
    term.send("q");
    assert!(term.wait_exit().success());
}

/// The row where `title` begins in the sidebar (the left 33 columns).
fn row_of(screen: &vt100::Screen, title: &str) -> Option<u16> {
    screen.rows(0, 33).position(|row| row.starts_with(title)).map(|row| row as u16)
}

/// Whether the title on `row` is bold (unread), and whether the row below
/// it (source, date, flags) shows the star.
fn marks_shown(screen: &vt100::Screen, row: u16) -> (bool, bool) {
    let bold = screen.cell(row, 0).is_some_and(|cell| cell.bold());
    let starred = screen.rows(0, 33).nth(usize::from(row) + 1).is_some_and(|below| below.contains('★'));
    (bold, starred)
}

#[test]
fn an_article_rewritten_with_a_new_title_keeps_its_marks() {
    const REVISED: &str = "Plain Text, Revisited";
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    // The selected article, the newest: star it, mark it read.
    term.send("s");
    term.wait_for("Starred");
    term.send("m");
    term.wait_for("2 unread");
    term.wait_until("the essay shown read and starred", |s| {
        row_of(s, PLAIN).is_some_and(|row| marks_shown(s, row) == (false, true))
    });
    // What tells an unread title from a read one here: an unread one is bold.
    term.look(|s| {
        let rain = row_of(s, "雨天的旧书店").expect("the rainy day listed");
        assert_eq!(marks_shown(s, rain), (true, false), "an unread, unstarred title:\n{}", s.contents());
    });

    term.write_until(&library.plain(), &plain_text(REVISED), "the new title", |s| {
        row_of(s, REVISED).is_some() && !s.contents().contains(PLAIN)
    });
    term.wait_until("the new title read and starred, one unread article fewer", |s| {
        let screen = s.contents();
        row_of(s, REVISED).is_some_and(|row| marks_shown(s, row) == (false, true))
            && screen.contains("3/3 articles · 2 unread")
    });
    term.send("q");
    assert!(term.wait_exit().success());
    assert_eq!(library.saved_marks("plain.md"), Some((true, true)), "{}", library.state_text());
}
