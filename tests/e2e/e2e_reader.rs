//! The full-screen reader end to end: the real binary in a pseudo-terminal,
//! keys typed (CJK included), the screen read back through a vt100 parser.

use crate::pty::{IMAGES, Library, ORIGINAL, TIMEOUT, TITLE, Term, paragraph, wait_for_line};

/// The start of the title as the 33-column sidebar shows it.
const LISTED: &str = "灯塔守夜人的第二张照片";
const CTRL_C: &[u8] = b"\x03";
const ESC: &[u8] = b"\x1b";

/// The spec's "done when": find the article by part of its Chinese title,
/// read it, open its second image, quit with the terminal given back.
#[test]
fn find_a_chinese_article_read_it_and_open_its_second_image() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    term.wait_for(LISTED);
    term.wait_for("雨天的旧书店");

    term.send("/");
    term.wait_until("the filter line", |s| s.rows(0, 100).nth(29).is_some_and(|r| r.starts_with('/')));
    // An input method commits the characters at once, as UTF-8.
    term.send("守夜人");
    term.wait_for("/守夜人");
    term.wait_until("the list narrowed", |s| !s.contents().contains("雨天的旧书店"));
    term.send("\r");
    term.wait_for("1/3 articles · /守夜人");
    term.send("\r");
    term.wait_for("第一段：这是一篇为端到端测试而写的短文");
    assert!(term.contents().contains(TITLE), "the title heads the reading pane:\n{}", term.contents());

    term.send("i");
    term.wait_for("Images");
    term.wait_for("第二张照片");
    term.wait_for(IMAGES[1]);
    term.send("2");
    let opened = wait_for_line(&library.opened());
    assert_eq!(opened, format!("{}\n", IMAGES[1]), "the opener's arguments, one a line");
    term.wait_for("Opening https://example.test/two.jpg");

    term.send("q");
    let status = term.wait_exit();
    assert!(status.success(), "{status}; the screen:\n{}", term.contents());
    term.assert_restored();
    assert_opened_once(&library, &opened);
}

/// The opener ran once: nothing more recorded by the time folio quit
/// (a second run started with the first would have written by then).
fn assert_opened_once(library: &Library, first: &str) {
    let now = std::fs::read_to_string(library.opened()).expect("the record");
    assert_eq!(now, first, "the opener ran again");
}

/// The reader's text from `row` in the wide layout (sidebar 33, rule, margin).
fn wide_row(term: &Term, row: usize) -> String {
    term.rows(35, 63).swap_remove(row).trim_end().to_owned()
}

fn narrow_rows(term: &Term) -> Vec<String> {
    term.rows(1, 37).into_iter().take(11).map(|r| r.trim_end().to_owned()).collect()
}

/// The reader's text rows in the wide layout, without the scroll bar.
fn pane(screen: &vt100::Screen) -> Vec<String> {
    screen.rows(35, 63).take(29).map(|row| row.trim_end().to_owned()).collect()
}

/// Scrolls the reader with `j`, a line at a time, until its first row
/// starts with `text`. After each `j` the pane must show the rows below
/// the old top, moved up by one: that frame, and no other, is the line down.
fn scroll_to(term: &mut Term, text: &str) {
    for _ in 0..80 {
        if wide_row(term, 0).starts_with(text) {
            return;
        }
        let before = term.look(pane);
        term.send("j");
        term.wait_until("the reader a line down", |s| pane(s)[..28] == before[1..]);
    }
    panic!("never reached {text:?}; the screen:\n{}", term.contents());
}

/// Opens the long article alone and scrolls it to paragraph 6.
fn open_at_paragraph_6(library: &Library) -> Term {
    let mut term = Term::folio(library, &[library.article()], &[]);
    term.wait_for("1/1 articles");
    term.send("\r");
    term.wait_for("第一段");
    scroll_to(&mut term, "第六段");
    term
}

/// Closing punctuation a line must not start with.
const NO_LINE_START: &str = "，。、；：？！）」』》";

#[test]
fn a_narrow_terminal_shows_one_pane_without_overflow_and_keeps_the_top_text() {
    let library = Library::new();
    let mut term = open_at_paragraph_6(&library);
    let wide_top = wide_row(&term, 0);

    term.resize(12, 40);
    // Paragraphs 6 and 7 whole across the rows: the narrow frame is drawn.
    term.wait_until("one pane, paragraphs 6 and 7 from the top", |s| {
        let text: String = s.rows(1, 37).take(11).map(|r| r.trim_end().to_owned()).collect();
        text.starts_with(&paragraph(6)) && text.contains(&paragraph(7))
    });
    let rows = narrow_rows(&term);
    let screen = term.contents();
    assert!(!screen.contains(LISTED), "the sidebar is hidden below 70 columns:\n{screen}");
    term.look(|s| {
        for row in 0..12 {
            assert!(!s.row_wrapped(row), "row {row} ran past column 40:\n{screen}");
        }
    });
    // Nothing cut or lost (waited for above): paragraphs 6 and 7 read whole across the rows.
    for row in &rows {
        assert!(!row.starts_with(|c| NO_LINE_START.contains(c)), "a line starts with punctuation:\n{screen}");
    }

    term.resize(30, 100);
    term.wait_until(&format!("{LISTED:?} listed and {wide_top:?} on top again"), |s| {
        s.contents().contains(LISTED) && s.rows(35, 63).next().is_some_and(|r| r.trim_end() == wide_top)
    });

    // From the middle of a paragraph, the text at the top stays in the top row.
    term.send("j");
    term.wait_until("one line down", |s| s.rows(35, 63).next().is_some_and(|r| !r.starts_with("第六段")));
    let anchor: String = wide_row(&term, 0).chars().take(3).collect();
    term.resize(12, 40);
    term.wait_until(&format!("the narrow layout with {anchor:?} in its top row"), |s| {
        narrow(s) && s.rows(1, 37).next().is_some_and(|r| r.contains(&anchor))
    });

    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn resizing_there_and_back_keeps_the_same_top_line() {
    let library = Library::new();
    let mut term = open_at_paragraph_6(&library);
    term.send("j");
    term.wait_until("the second line of paragraph 6", |s| {
        s.rows(35, 63).next().is_some_and(|r| !r.starts_with("第六段"))
    });
    let wide_top = wide_row(&term, 0);
    term.resize(12, 40);
    term.wait_until("the narrow layout", narrow);
    term.resize(30, 100);
    term.wait_until(&format!("{LISTED:?} listed and {wide_top:?} on top again"), |s| {
        s.contents().contains(LISTED) && s.rows(35, 63).next().is_some_and(|r| r.trim_end() == wide_top)
    });
    term.send("q");
    assert!(term.wait_exit().success());
}

/// Redrawn at 40 columns: no rule between panes, text in the top row.
fn narrow(screen: &vt100::Screen) -> bool {
    screen.rows(33, 1).all(|cell| cell != "│") && screen.rows(1, 37).next().is_some_and(|r| !r.trim().is_empty())
}

#[test]
fn without_a_terminal_folio_prints_the_list() {
    let library = Library::new();
    // stdout a pipe (stdin too): the list, exit 0, no escape sequences.
    let mut command = std::process::Command::new(crate::pty::FOLIO);
    command.arg(library.root()).stdin(std::process::Stdio::null());
    for (key, value) in library.env() {
        command.env(key, value);
    }
    let child = command.stdout(std::process::Stdio::piped()).spawn().expect("run folio");
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    let out = result.recv_timeout(TIMEOUT).expect("folio ends").expect("folio's output");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    for title in [TITLE, "雨天的旧书店", "A Reader's Case for Plain Text"] {
        assert!(stdout.contains(title), "{title} missing:\n{stdout}");
    }
    assert!(!stdout.contains('\x1b'), "escape sequences in a pipe: {stdout:?}");

    // stdin a terminal, stdout a file; then stdout a terminal, stdin not.
    let list = library.path("list.txt");
    let script = r#""$FOLIO" "$LIB" > "$LIST"; echo "exit=$?"; "$FOLIO" "$LIB" < /dev/null; echo "exit=$?""#;
    let mut term = Term::sh(&library, script, &[("LIST", &list.to_string_lossy())]);
    assert!(term.wait_exit().success());
    let raw = term.raw();
    assert!(
        crate::pty::find(&raw, crate::pty::ENTER_ALTERNATE).is_none(),
        "entered the reader: {}",
        raw.escape_ascii()
    );
    let screen = term.live_contents();
    assert_eq!(screen.matches("exit=0").count(), 2, "{screen}");
    assert!(screen.contains("雨天的旧书店"), "{screen}");
    assert_eq!(std::fs::read_to_string(&list).expect("the list"), stdout);
}

#[test]
fn ctrl_c_drops_a_half_typed_filter_and_quits_from_the_list_the_reader_and_a_panel() {
    let library = Library::new();
    // A half-typed filter: Ctrl-c drops it (the list whole again), and is not quit.
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    term.send("/雨天");
    term.wait_for("/雨天");
    term.wait_until("only the rainy day", |s| !s.contents().contains(LISTED));
    term.send(CTRL_C);
    term.wait_for("3/3 articles");
    term.wait_for(LISTED);
    assert!(!term.contents().contains("/雨天"), "{}", term.contents());
    term.send(CTRL_C);
    assert!(term.wait_exit().success());
    // Not kept as the last filter: the next start shows the whole list.
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    assert!(!term.contents().contains("/雨天"), "{}", term.contents());
    term.send("q");
    assert!(term.wait_exit().success());
    let steps: [&[(&[u8], &str)]; 3] = [&[], &[(b"\r", "第一段")], &[(b"\r", "第一段"), (b"i", "Images")]];
    for keys in steps {
        let mut term = Term::folio(&library, &[library.article()], &[]);
        term.wait_for("1/1 articles");
        for (key, shows) in keys {
            term.send(key);
            term.wait_for(shows);
        }
        term.send(CTRL_C);
        let status = term.wait_exit();
        assert!(status.success(), "{status} after {keys:?}; the screen:\n{}", term.contents());
        term.assert_restored();
    }
}

#[test]
fn pasted_cjk_text_filters_the_list_and_esc_clears_it() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    term.send("\x1b[200~雨天\x1b[201~");
    term.wait_for("/雨天");
    term.wait_until("only the rainy day", |s| !s.contents().contains(LISTED));
    term.send(ESC);
    term.wait_for("3/3 articles");
    term.wait_for(LISTED);
    term.send("q");
    assert!(term.wait_exit().success());
}

/// The row of the screen where `text` first appears.
fn row_of(term: &Term, text: &str) -> u16 {
    let rows = term.rows(0, 100);
    let row = rows.iter().position(|r| r.contains(text));
    row.unwrap_or_else(|| panic!("{text:?} is not on screen:\n{}", term.contents())) as u16
}

/// A left click at `column` on the row showing `text` (SGR mouse: 1-based),
/// pressed and released.
fn click(term: &mut Term, column: u16, text: &str) {
    let row = row_of(term, text);
    term.send(format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", column + 1, row + 1, column + 1, row + 1));
}

#[test]
fn the_mouse_selects_an_article_scrolls_the_pane_under_it_and_picks_a_panel_entry() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    click(&mut term, 5, "雨天的旧书店");
    term.send("\r");
    term.wait_for("雨天适合去旧书店");
    click(&mut term, 5, LISTED);
    term.send("\r");
    term.wait_for("第一段");
    let top = wide_row(&term, 0);
    // Wheel down over the reading pane.
    term.send("\x1b[<65;60;10M");
    term.wait_until("the reader scrolled", |s| s.rows(35, 63).next().is_some_and(|r| r.trim_end() != top));
    term.send("i");
    term.wait_for(IMAGES[2]);
    click(&mut term, 10, "[3]");
    let row = row_of(&term, "[3]");
    term.wait_until("entry 3 highlighted", |s| s.cell(row, 3).is_some_and(|c| c.contents() == "[" && c.inverse()));
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn the_original_link_opens_and_a_script_link_is_refused() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    // The newest, selected first, has a `javascript:` link.
    term.send("o");
    term.wait_for("not `javascript:` links");
    term.send("j");
    term.wait_until("the message gone", |s| !s.contents().contains("javascript"));
    term.send("o");
    let opened = wait_for_line(&library.opened());
    assert_eq!(opened, format!("{ORIGINAL}\n"));
    term.send("q");
    assert!(term.wait_exit().success());
    assert_opened_once(&library, &opened);
}

#[test]
fn enter_in_the_images_panel_opens_the_selected_image() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.article()], &[]);
    term.wait_for("1/1 articles");
    term.send("\r");
    term.wait_for("第一段");
    term.send("i");
    term.wait_for(IMAGES[1]);
    term.send("j");
    let row = row_of(&term, "[2]");
    term.wait_until("entry 2 highlighted", |s| s.cell(row, 3).is_some_and(|c| c.inverse()));
    term.send("\r");
    let opened = wait_for_line(&library.opened());
    assert_eq!(opened, format!("{}\n", IMAGES[1]));
    term.send("q");
    assert!(term.wait_exit().success());
    assert_opened_once(&library, &opened);
}

#[test]
fn the_outline_and_the_brackets_jump_to_headings() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for(LISTED);
    term.send("/守夜人\r");
    term.wait_for("1/3 articles · /守夜人");
    term.send("\r");
    term.wait_for("第一段：这是一篇为端到端测试而写的短文");
    // The article's one heading: its Images section, at the end.
    term.send("[");
    term.wait_for("No heading above");
    term.send("O");
    term.wait_for("Outline — Enter goes there");
    term.wait_until("the heading listed", |s| s.contents().contains("│  Images"));
    term.send("\r");
    term.wait_until("the Images section on screen", |s| {
        s.rows(0, 100).any(|row| row.contains("│ Images")) && !s.contents().contains("Outline —")
    });
    term.wait_for("§ Images");
    term.send("]");
    term.wait_for("No heading below");
    term.send("g");
    term.wait_until("the section gone from the status bar at the top", |s| !s.contents().contains("§ Images"));
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn the_reader_does_not_open_on_paths_that_hold_no_article() {
    let library = Library::new();
    let readme = library.path("README.md");
    std::fs::write(&readme, "# About\n").expect("write");
    let mut term = Term::folio(&library, &[&readme], &[]);
    let status = term.wait_exit();
    assert!(!status.success(), "exits non-zero");
    let said = String::from_utf8_lossy(&term.raw()).into_owned();
    assert!(said.contains("README.md: skipped as a README, not an article"), "{said}");
    assert!(!said.contains("No articles here"), "no empty reader: {said}");
    // An empty folder opens: live reload shows what arrives in it.
    let empty = library.path("empty-folder");
    std::fs::create_dir(&empty).expect("mkdir");
    let mut term = Term::folio(&library, &[&empty], &[]);
    term.wait_for("No articles here");
    term.send("q");
    assert!(term.wait_exit().success());
}
