//! Find in the article, end to end: `/` in the reader, the text typed, the
//! match count in the status bar, `n` / `N` moving the current match (round
//! the ends), Esc on the find line clearing it.

use crate::pty::{Library, Term, write};

/// Three matches, folded by case: one on a line of its own, two on another.
const ARTICLE: &str = "---\ntitle: 'Birds at the Lighthouse'\ndate: 2020-01-01\n---\n\
    <p>An albatross circled the lamp.</p>\n<p>Nothing else happened that night.</p>\n\
    <p>At dawn a second Albatross came, then a third ALBATROSS.</p>\n";

/// The status bar, or the find line while one is typed.
fn bottom(screen: &vt100::Screen) -> String {
    screen.rows(0, 100).nth(29).unwrap_or_default().trim_end().to_owned()
}

/// The highlighted runs of the reading pane (right of the 33-column
/// sidebar and its rule), in reading order: (row, column, is the current
/// match). Other matches are drawn reversed; the current one in the theme's
/// match colour behind the text.
fn highlights(screen: &vt100::Screen) -> Vec<(u16, u16, bool)> {
    let mut runs = Vec::new();
    for row in 0..29 {
        let mut previous = None;
        for column in 34..99 {
            let kind = screen.cell(row, column).and_then(|cell| {
                let current = cell.bgcolor() != vt100::Color::Default && !cell.inverse();
                (current || cell.inverse()).then_some(current)
            });
            if kind.is_some() && kind != previous {
                runs.push((row, column, kind == Some(true)));
            }
            previous = kind;
        }
    }
    runs
}

/// Which of three highlighted matches is the current one.
fn current(screen: &vt100::Screen) -> Option<usize> {
    let runs = highlights(screen);
    let currents: Vec<usize> = runs.iter().enumerate().filter(|(_, run)| run.2).map(|(i, _)| i).collect();
    (runs.len() == 3 && currents.len() == 1).then(|| currents[0])
}

/// Waits for the status bar to hold `count` and match `index` to be the
/// one picked out.
fn wait_for_match(term: &Term, count: &str, index: usize) {
    term.wait_until(&format!("{count:?} in the status bar, match {} current", index + 1), |s| {
        bottom(s).contains(count) && current(s) == Some(index)
    });
}

#[test]
fn find_in_the_article_counts_steps_round_and_clears() {
    let library = Library::new();
    let birds = library.path("birds.md");
    write(&birds, ARTICLE);
    let mut term = Term::folio(&library, &[&birds], &[]);
    term.wait_for("1/1 articles");
    term.send("\r");
    term.wait_for("An albatross circled the lamp.");
    assert_eq!(term.look(highlights), [], "highlights before a find:\n{}", term.contents());

    term.send("/");
    term.wait_until("the find line", |s| bottom(s).starts_with("find: "));
    term.send("albatross");
    term.wait_until("the text on the find line", |s| bottom(s).starts_with("find: albatross "));
    wait_for_match(&term, "1/3", 0);
    // The matches: the first line of text, then twice on the third.
    let runs = term.look(highlights);
    assert_eq!((runs[0].0 < runs[1].0, runs[1].0 == runs[2].0), (true, true), "{runs:?}\n{}", term.contents());

    term.send("\r");
    wait_for_match(&term, "“albatross” 1/3", 0);
    term.send("n");
    wait_for_match(&term, "“albatross” 2/3", 1);
    term.send("n");
    wait_for_match(&term, "“albatross” 3/3", 2);
    // Round the end and back.
    term.send("n");
    wait_for_match(&term, "“albatross” 1/3", 0);
    term.send("N");
    wait_for_match(&term, "“albatross” 3/3", 2);
    term.send("N");
    wait_for_match(&term, "“albatross” 2/3", 1);

    // `/` again shows the find as it is; Esc on the line clears it.
    term.send("/");
    term.wait_until("the find line again", |s| bottom(s).starts_with("find: albatross ") && bottom(s).ends_with("2/3"));
    term.send("\x1b");
    term.wait_until("the find cleared", |s| {
        let line = bottom(s);
        line.starts_with("1/1 articles") && !line.contains("albatross") && highlights(s).is_empty()
    });
    // No find left for `n` to step through.
    term.send("n");
    term.send("/");
    term.wait_until("an empty find line", |s| bottom(s).starts_with("find:") && !bottom(s).contains("albatross"));
    term.send("\x1b");
    term.wait_until("the status bar", |s| bottom(s).starts_with("1/1 articles") && highlights(s).is_empty());
    term.send("q");
    assert!(term.wait_exit().success());
}
