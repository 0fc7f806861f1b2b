//! Remembering, end to end: read part-way, quit, start again at another
//! terminal width and land at the same place; stars and read marks kept.

use crate::pty::{Library, Term, paragraph};

/// The first reader row in the wide layout (sidebar 33, rule, margin) at
/// 100 columns; the reader's text starts at column 35.
fn reader_top(term: &Term) -> String {
    term.rows(35, 63).swap_remove(0).trim_end().to_owned()
}

/// The reader's text rows in the wide layout, without the scroll bar.
fn pane(screen: &vt100::Screen) -> Vec<String> {
    screen.rows(35, 63).take(29).map(|row| row.trim_end().to_owned()).collect()
}

#[test]
fn a_restart_at_another_width_reopens_the_last_article_at_its_place() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    term.send("/");
    term.send("守夜人");
    term.wait_for("/守夜人");
    term.send("\r");
    term.wait_for("1/3 articles · /守夜人");
    term.send("\r");
    term.wait_for("第一段");
    // Half-way: paragraph 10 at the top of the pane.
    for _ in 0..80 {
        if reader_top(&term).starts_with("第十段") {
            break;
        }
        // A line down: the rows below the old top, moved up by one.
        let before = term.look(pane);
        term.send("j");
        term.wait_until("the reader a line down", |s| pane(s)[..28] == before[1..]);
    }
    assert!(reader_top(&term).starts_with("第十段"), "{}", term.contents());
    term.send("q");
    assert!(term.wait_exit().success());
    let state = std::fs::read_to_string(library.path("data/state.json")).expect("the state was saved");
    assert!(state.contains("lighthouse.md"), "{state}");

    // Wider now: other line breaks, the same text on top, the same filter.
    let mut term = Term::folio_sized(&library, &[library.root()], (30, 130));
    term.wait_for("/守夜人");
    let reader_row = |row: String| row.split_once("│ ").map(|(_, text)| text.trim_end().to_owned()).unwrap_or_default();
    term.wait_until("paragraph 10 on top again", |s| {
        s.rows(0, 130).next().is_some_and(|r| reader_row(r).starts_with("第十段"))
    });
    let top = reader_row(term.rows(0, 130).swap_remove(0));
    let top = top.trim_end_matches(['│', '┃', ' ']);
    assert!(
        paragraph(10).starts_with(top) && top.chars().count() > 35,
        "the first line, longer than at 100 columns: {top}"
    );
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn stars_and_read_marks_survive_a_restart_and_filter_the_list() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    // The first article (newest: the plain-text essay): star it, mark it read.
    term.send("s");
    term.wait_for("Starred");
    term.send("m");
    term.wait_for("2 unread");
    term.send("q");
    assert!(term.wait_exit().success());

    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 2 unread");
    term.wait_for("★");
    term.send("/is:starred\r");
    term.wait_for("1/3 articles · /is:starred");
    assert!(term.contents().contains("Plain Text"), "{}", term.contents());
    term.send("\x1b");
    term.wait_for("3/3 articles · 2 unread");
    term.send("/is:unread\r");
    term.wait_for("2/3 articles · /is:unread");
    assert!(!term.contents().contains("Plain Text"), "{}", term.contents());
    // M asks first, then marks the whole list read, which empties an
    // is:unread list; U puts the marks back as they were.
    term.send("M");
    term.wait_for("Mark 2 articles read? y: yes");
    term.send("n");
    term.wait_for("Nothing marked");
    term.send("M");
    term.wait_for("Mark 2 articles read?");
    term.send("y");
    term.wait_for("0 unread");
    term.send("U");
    term.wait_for("Undone: marked every article of the list read (2 articles)");
    term.wait_for("2/3 articles · /is:unread");
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn a_corrupt_state_file_is_moved_aside_and_folio_starts_clean() {
    let library = Library::new();
    let data = library.path("data");
    std::fs::create_dir_all(&data).expect("the data folder");
    std::fs::write(data.join("state.json"), "{ not json").expect("a corrupt state");
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3 unread");
    term.wait_for("Reading state unreadable: starting clean");
    term.send("q");
    assert!(term.wait_exit().success());
    let names: Vec<String> = std::fs::read_dir(&data)
        .expect("read the folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("state.json.corrupt-")), "{names:?}");
}

#[test]
fn a_bad_config_is_reported_and_the_rest_of_it_applies() {
    let library = Library::new();
    let config = library.path("config");
    std::fs::create_dir_all(&config).expect("the config folder");
    std::fs::write(
        config.join("config.toml"),
        "sort = \"author\"\nsidebar_width = \"wide\"\n\n[keys]\nquit = [\"x\"]\n",
    )
    .expect("a config with a mistake");
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("config.toml:2: `sidebar_width`");
    // By author, as the file asks (by date the lighthouse would come before the rain).
    term.wait_until("the list by author", |s| {
        let screen = s.contents();
        matches!((screen.find("雨天的旧书店"), screen.find("灯塔守夜人")), (Some(rain), Some(lighthouse)) if rain < lighthouse)
    });
    // `q` no longer quits: the key after it is still answered.
    term.send("q/");
    term.wait_until("the filter line, after q", |s| s.rows(0, 100).nth(29).is_some_and(|r| r.starts_with('/')));
    assert!(term.running(), "q quit");
    term.send("\x1b");
    term.wait_for("3/3 articles");
    term.send("x");
    assert!(term.wait_exit().success());
}

#[test]
fn files_added_and_deleted_while_reading_come_and_go() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    let new = library.posts().join("new.md");
    let text = "---\ntitle: '刚刚存档的文章'\ndate: 2030-01-01\n---\n<p>新</p>\n";
    term.write_until(&new, text, "the new article listed", |s| {
        let screen = s.contents();
        screen.contains("4/4 articles") && screen.contains("刚刚存档的文章")
    });
    // The watch runs now: one removal is enough.
    std::fs::remove_file(&new).expect("deleted");
    term.wait_for("3/3 articles");
    assert!(!term.contents().contains("刚刚存档的文章"), "{}", term.contents());
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn space_at_the_end_of_an_article_opens_the_next_unread_one() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    // The second (the lighthouse) is read already: Space passes over it.
    term.send("j");
    term.send("m");
    term.wait_for("2 unread");
    term.send("g");
    term.send("\r");
    term.wait_for("Plain Text");
    let mut presses = 0;
    while !term.contents().contains("雨天适合去旧书店") {
        assert!(!term.contents().contains("第一段"), "the read article is passed over: {}", term.contents());
        presses += 1;
        assert!(presses < 40, "Space never reached the next unread article: {}", term.contents());
        term.send(" ");
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    term.send("q");
    assert!(term.wait_exit().success());
}
