//! config.toml as the reader applies it, end to end: `sidebar_width` and a
//! `reading_width` centred in a wider pane; `opener`, and `FOLIO_OPENER`
//! winning over it.

use crate::pty::{FOLIO, Library, ORIGINAL, Term, make_executable, wait_for_line, write};

const SIDEBAR: u16 = 24;
const READING: u16 = 40;
const COLUMNS: u16 = 160;

/// The columns of `row` that hold text, a wide character's two included.
fn inked(screen: &vt100::Screen, row: u16, columns: std::ops::Range<u16>) -> Vec<u16> {
    let mut inked = Vec::new();
    for column in columns {
        let Some(cell) = screen.cell(row, column) else { continue };
        if !cell.contents().trim().is_empty() {
            inked.push(column);
            if cell.is_wide() {
                inked.push(column + 1);
            }
        }
    }
    inked
}

#[test]
fn the_sidebar_is_as_wide_as_configured_and_the_text_centred_at_the_reading_width() {
    let library = Library::new();
    library.write_config(&format!("sidebar_width = {SIDEBAR}\nreading_width = {READING}\n"));
    let mut term = Term::spawn_sized(
        &[FOLIO.as_ref(), library.article().as_os_str()],
        &library.env(),
        library.dir.path(),
        (30, COLUMNS),
    );
    term.wait_for("1/1 articles");
    term.send("\r");
    term.wait_for("第一段");
    // The rule after exactly SIDEBAR columns of list, on every row of the panes.
    term.look(|s| {
        for row in 0..29 {
            let rule = s.cell(row, SIDEBAR).map(|c| c.contents());
            assert_eq!(rule, Some("│"), "row {row}: no rule at column {SIDEBAR}:\n{}", s.contents());
            assert!(inked(s, row, SIDEBAR + 1..SIDEBAR + 2).is_empty(), "text against the rule on row {row}");
        }
    });
    // The pane: a margin column, the text area, a margin and the scroll bar
    // at the right edge. The text: no wider than READING, centred in it.
    let pane = SIDEBAR + 2..COLUMNS - 2;
    let (first, last) = term.look(|s| {
        let inked: Vec<u16> = (0..29).flat_map(|row| inked(s, row, pane.clone())).collect();
        (inked.iter().copied().min().expect("text"), inked.iter().copied().max().expect("text"))
    });
    let (width, left, right) = (last - first + 1, first - pane.start, pane.end - 1 - last);
    let screen = term.contents();
    println!("text columns {first}..={last} ({width} wide), margins {left} and {right} in the pane");
    assert!(width <= READING, "text {width} columns wide, from {first} to {last}:\n{screen}");
    // CJK lines fill the width but for a column a kinsoku break may leave.
    assert!(width + 2 >= READING, "text only {width} columns wide:\n{screen}");
    assert!(left.abs_diff(right) <= 2, "not centred: {left} columns left of the text, {right} right:\n{screen}");
    term.send("q");
    assert!(term.wait_exit().success());
}

/// A recording opener of config.toml's own, writing to `config-opened.txt`.
fn config_opener(library: &Library) -> std::path::PathBuf {
    let script = library.path("config-opener.sh");
    let out = library.path("config-opened.txt");
    write(&script, &format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", out.display()));
    make_executable(&script);
    library.write_config(&format!("opener = \"{}\"\n", script.display()));
    out
}

/// folio on the long article alone, `o` (its original page), then quit.
fn open_original(library: &Library, env: &[(String, String)]) {
    let mut term = Term::spawn(&[FOLIO.as_ref(), library.article().as_os_str()], env, library.dir.path());
    term.wait_for("1/1 articles");
    term.send("o");
    term.wait_for("Opening");
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn folio_opener_wins_over_the_configured_opener() {
    let library = Library::new();
    let config_out = config_opener(&library);
    // Without FOLIO_OPENER: config.toml's opener opens the page.
    let without: Vec<(String, String)> = library.env().into_iter().filter(|(key, _)| key != "FOLIO_OPENER").collect();
    open_original(&library, &without);
    assert_eq!(wait_for_line(&config_out), format!("{ORIGINAL}\n"), "config.toml's opener");
    assert!(!library.opened().exists(), "FOLIO_OPENER's opener ran without FOLIO_OPENER");

    // With it: FOLIO_OPENER's, and config.toml's no more.
    open_original(&library, &library.env());
    assert_eq!(wait_for_line(&library.opened()), format!("{ORIGINAL}\n"), "FOLIO_OPENER's opener");
    let config_now = std::fs::read_to_string(&config_out).expect("the first record");
    assert_eq!(config_now, format!("{ORIGINAL}\n"), "config.toml's opener ran although FOLIO_OPENER is set");
}

#[test]
fn a_key_bound_twice_is_reported_at_start_and_the_rebind_still_applies() {
    let library = Library::new();
    library.write_config("[keys]\nquit = [\"x\", \"j\"]\n");
    let mut term = Term::spawn_sized(
        &[FOLIO.as_ref(), library.article().as_os_str()],
        &library.env(),
        library.dir.path(),
        (30, 120),
    );
    term.wait_for("`j` is bound to `down` and `quit`");
    let status = term.contents();
    assert!(!status.contains("using the defaults"), "the rebind applies:\n{status}");
    term.send("P");
    term.wait_for("it runs `down` there, never `quit`");
    term.send("\x1b");
    term.send("x");
    assert!(term.wait_exit().success());
}
