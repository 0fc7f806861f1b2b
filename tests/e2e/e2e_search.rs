//! Searching in the reader end to end: `/` in a pseudo-terminal finds a
//! traditional-Chinese article typed in simplified characters and by pinyin,
//! a query that does not parse says why and keeps the list, and `body:`
//! narrows the list as the background search reports.

use crate::pty::{Library, Term};
use folio::app::{Action, App, Effect, Moment};
use folio::loader::Loaded;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

const UA_TRAD: &str = "烏克蘭局勢：俄羅斯與北約會談";
const RU_SIMP: &str = "俄罗斯希望与西方协调";
const QUIET: &str = "The Quiet Lighthouse Keeper";
const RAIN: &str = "雨天的旧书店";
const HARBOR: &str = "Harbor Notes";
/// Every title, newest first, as the list shows them.
const ALL: [&str; 5] = [UA_TRAD, RU_SIMP, QUIET, RAIN, HARBOR];
const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    std::fs::write(path, text).expect("write an article");
}

/// Five articles; `albatross` is text in one body and only markup in another.
fn library() -> Library {
    let library = Library { dir: tempfile::tempdir().expect("tempdir") };
    let posts = library.root().join("source/_posts");
    let articles = [
        (
            "新媒体/Aljazeera 半岛网/新闻/ukraine.md",
            format!("title: '{UA_TRAD}'\nauthor: Aljazeera 半岛网\ndate: Thu, 30 Dec 2021 12:42:52 GMT\n"),
            "<p>烏克蘭東部頓涅茨克的局勢持續緊張，北約與俄羅斯代表在日內瓦會談。</p>",
        ),
        (
            "新媒体/BBC 中文/国际/russia.md",
            format!("title: '{RU_SIMP}'\nauthor: BBC 中文\ndate: 2021-12-01\n"),
            "<p>克里姆林宫表示，乌克兰问题需要谈判。</p>",
        ),
        (
            "blogs/lamplight/quiet.md",
            format!("title: '{QUIET}'\nauthor: Jane Doe\ndate: 2021-06-15\n"),
            "<p>An <em>albatross</em> circled the lamp all night.</p>",
        ),
        ("书店/rain.md", format!("title: '{RAIN}'\nauthor: 拾遗书房\ndate: 2021-03-13\n"), "<p>雨天适合去旧书店。</p>"),
        (
            "blogs/harbor/notes.md",
            format!("title: '{HARBOR}'\nauthor: Harbor Office\ndate: 2020-05-05\n"),
            "<p><a href=\"https://example.test/albatross\" title=\"albatross\">map</a> and tides.</p><!-- albatross -->",
        ),
    ];
    for (path, front, body) in articles {
        write(&posts.join(path), &format!("---\n{front}---\n{body}\n"));
    }
    library
}

/// The titles in the sidebar (the left 33 columns), top to bottom.
fn listed(screen: &vt100::Screen) -> Vec<&'static str> {
    screen.rows(0, 33).filter_map(|row| ALL.iter().copied().find(|title| row.starts_with(title))).collect()
}

/// The status bar, or the filter line while one is typed.
fn bottom(screen: &vt100::Screen) -> String {
    screen.rows(0, 100).nth(29).unwrap_or_default().trim_end().to_owned()
}

/// Waits until the list is exactly `titles`. Callers wait first for the
/// state in which it is final: the filter line showing the whole query (a
/// field query filters as it is typed), or the status bar saying a body
/// search is over.
fn wait_for_list(term: &Term, titles: &[&str]) {
    term.wait_until(&format!("the list {titles:?}"), |s| listed(s) == titles);
}

fn start(library: &Library) -> Term {
    let term = Term::folio(library, &[library.root()], &[]);
    // The unread count follows the count directly once loading is over.
    term.wait_for("5/5 articles · 5 unread");
    wait_for_list(&term, &ALL);
    term
}

fn quit(mut term: Term) {
    term.send("q");
    let status = term.wait_exit();
    assert!(status.success(), "{status}; the screen:\n{}", term.contents());
    term.assert_restored();
}

/// Whether the sidebar shows the title cells `from..to` (columns) of `title`
/// in the match colour, and only those of its first `upto` columns.
fn picked_out(screen: &vt100::Screen, title: &str, from: u16, to: u16, upto: u16) -> bool {
    let Some(row) = screen.rows(0, 33).position(|r| r.starts_with(title)) else { return false };
    let hit =
        |column: u16| screen.cell(row as u16, column).is_some_and(|c| c.fgcolor() == vt100::Color::Idx(3) && c.bold());
    // Wide characters: their text is in the first of their two cells.
    (0..upto).step_by(2).all(|column| hit(column) == (from..to).contains(&column))
}

#[test]
fn simplified_and_pinyin_queries_find_the_traditional_article_and_errors_keep_the_list() {
    let library = library();
    let mut term = start(&library);

    term.send("/");
    term.wait_until("the filter line", |s| bottom(s).starts_with('/'));
    // An input method commits the simplified characters at once, as UTF-8.
    term.send("乌克兰");
    term.wait_until("the query on the filter line", |s| bottom(s) == "/乌克兰");
    wait_for_list(&term, &[UA_TRAD]);
    term.send("\r");
    term.wait_until("the count", |s| bottom(s).starts_with("1/5 articles · /乌克兰"));
    // The traditional characters that matched are picked out, and no others.
    term.wait_until("烏克蘭 in the match colour", |s| picked_out(s, UA_TRAD, 0, 6, 28));

    // Esc clears the accepted filter; pinyin finds both spellings of 俄罗斯.
    term.send(ESC);
    term.wait_for("5/5 articles");
    wait_for_list(&term, &ALL);
    term.send("/eluosi");
    term.wait_until("the query on the filter line", |s| bottom(s) == "/eluosi");
    wait_for_list(&term, &[UA_TRAD, RU_SIMP]);
    term.send("\r");
    term.wait_until("the count", |s| bottom(s).starts_with("2/5 articles · /eluosi"));

    // Back to the filter line; an unknown field, pasted in one piece.
    term.send("/");
    term.wait_until("the filter line again", |s| bottom(s) == "/eluosi");
    term.send("\x1b[200~ foo:\x1b[201~");
    term.wait_until("the error under the input", |s| {
        let line = bottom(s);
        line.starts_with("/eluosi foo:   ") && line.contains("unknown field `foo:`")
    });
    wait_for_list(&term, &[UA_TRAD, RU_SIMP]);
    assert_eq!(term.rows(0, 100).iter().filter(|r| r.contains("unknown field")).count(), 1, "one error line");

    // Typed: back to a good query, then one keystroke that breaks it.
    term.send(BACKSPACE.repeat(5));
    term.wait_until("the error gone", |s| bottom(s) == "/eluosi");
    term.send(" \"");
    term.wait_until("the quote error", |s| {
        let line = bottom(s);
        line.starts_with("/eluosi \"   ") && line.contains("a quote is not closed")
    });
    wait_for_list(&term, &[UA_TRAD, RU_SIMP]);

    term.send(ESC);
    term.wait_for("5/5 articles");
    wait_for_list(&term, &ALL);
    quit(term);
}

#[test]
fn a_body_query_narrows_the_list_as_the_background_search_finds() {
    let library = library();
    let mut term = start(&library);

    // `albatross` is text in one body, only an attribute and a comment in another.
    term.send("/body:albatross");
    term.wait_until("the query on the filter line", |s| bottom(s) == "/body:albatross");
    wait_for_list(&term, &[QUIET]);
    term.send("\r");
    term.wait_until("the search over", |s| {
        let line = bottom(s);
        line.starts_with("1/5 articles · /body:albatross") && !line.contains("searching bodies")
    });
    wait_for_list(&term, &[QUIET]);

    // A simplified body query finds the traditional body.
    term.send(ESC);
    term.wait_for("5/5 articles");
    term.send("/body:顿涅茨克 北约");
    term.wait_until("the query on the filter line", |s| bottom(s) == "/body:顿涅茨克 北约");
    wait_for_list(&term, &[UA_TRAD]);
    term.send("\r");
    term.wait_until("the search over", |s| {
        let line = bottom(s);
        line.starts_with("1/5 articles · /body:顿涅茨克 北约") && !line.contains("searching bodies")
    });
    wait_for_list(&term, &[UA_TRAD]);

    // A body word found nowhere empties the list and says so.
    term.send(ESC);
    term.wait_for("5/5 articles");
    term.send("/body:lighthouse\r");
    term.wait_until("nothing found", |s| {
        bottom(s).starts_with("0/5 articles") && s.contents().contains("No article matches the filter")
    });
    quit(term);
}

/// The app with the library loaded and `filter` typed, its body search run
/// to the end; returns the effects of typing `more` after it.
fn type_after_a_body_search(app: &mut App, filter: &str, more: &str) -> Vec<Effect> {
    let effects = app.update(Action::FilterText(filter.to_owned()));
    let Some(Effect::SearchBodies { generation, query, bodies }) = effects.into_iter().next() else {
        panic!("{filter:?} started no body search");
    };
    let hits = Mutex::new(Vec::new());
    folio::search::search_bodies(&bodies, &query, 2, &AtomicBool::new(false), &|article| {
        hits.lock().expect("hits").push(article);
    });
    let articles = hits.into_inner().expect("hits");
    app.update(Action::BodyHits { generation, articles });
    app.update(Action::BodySearchDone { generation });
    app.update(Action::FilterText(more.to_owned()))
}

#[test]
fn an_error_after_a_body_query_keeps_its_results() {
    let library = library();
    let mut app = App::new((100, 30), Moment::now());
    let loaded = folio::library::load(&[library.root()]);
    app.update(Action::Loaded(loaded.articles.into_iter().map(Loaded::from).collect()));
    app.update(Action::LoadFinished);
    let effects = type_after_a_body_search(&mut app, "body:albatross", " foo:");
    assert!(app.list.query_error.is_some(), "`foo:` is an error");
    let titles: Vec<&str> = app.list.visible.iter().map(|&i| app.list.store.row(i).title()).collect();
    assert_eq!(titles, [QUIET], "the list keeps the last good results");
    assert!(effects.is_empty(), "the same query searched again: {effects:?}");
}

#[test]
fn choosing_a_second_group_replaces_a_quoted_first() {
    let library = library();
    let mut term = start(&library);
    // Groups in path order: blogs, blogs/harbor, blogs/lamplight, 书店, 新媒体,
    // 新媒体/Aljazeera 半岛网, ...
    term.send("t");
    term.wait_for("Groups — Enter filters");
    term.send("jjjjj\r");
    term.wait_until("the first group", |s| bottom(s).starts_with("1/5 articles · /in:\"新媒体/Aljazeera 半岛网\""));
    wait_for_list(&term, &[UA_TRAD]);
    term.send("t");
    term.wait_for("Groups — Enter filters");
    term.send("\r");
    term.wait_until("the second group in place of the first", |s| {
        !s.contents().contains("Groups — Enter") && bottom(s).starts_with("2/5 articles · /in:blogs ·")
    });
    wait_for_list(&term, &[QUIET, HARBOR]);
    quit(term);
}

#[test]
fn the_highlight_follows_width_folds() {
    let marks = |query: &str, title: &str| {
        folio::search::title_highlights(&folio::search::parse(query).expect("a query"), title)
    };
    assert_eq!(marks("ガイド", "ｶﾞｲﾄﾞ 大阪"), [(0, 5)], "ｶﾞｲﾄﾞ is five characters");
    assert_eq!(marks("fi", "ｶﾞ ﬁsh"), [(3, 4)], "ﬁ is the fourth character");
}

#[test]
fn pinyin_and_fuzzy_matches_are_highlighted() {
    let marks = |query: &str, title: &str| {
        folio::search::title_highlights(&folio::search::parse(query).expect("a query"), title)
    };
    assert_eq!(marks("elsi", UA_TRAD), [(6, 9)], "俄羅斯 read as e·l·si");
    assert_eq!(marks("wkl", UA_TRAD), [(0, 3)]);
    assert_eq!(marks("ai", "上海新闻"), [], "not inside shang·hai");
    assert_eq!(marks("kbrnts", "Kubernetes in Production"), [(0, 1), (2, 3), (4, 5), (5, 6), (7, 8), (9, 10)]);
    assert_eq!(marks("lighthouse -kpr", QUIET), [(10, 20)], "a negated word marks nothing");
    assert_eq!(marks("author:jane", QUIET), [], "nor does a field other than the title");
}
