//! The app driven by sequences of actions: state and effects out.

use super::*;
use crate::document::{BodyKind, Document};
use crate::file::{Outcome, article_from_bytes};
use crate::loader::Loaded;
use crate::model::SortOrder;
use std::path::Path;
use std::time::Duration;

/// An article as the loader would give it, made from its text (no file).
fn article(title: &str, date: &str, author: &str) -> Loaded {
    let text = format!("---\ntitle: '{title}'\ndate: {date}\nauthor: {author}\ncategories:\n - 新媒体\n---\n<p>x</p>");
    match article_from_bytes(&Path::new("/library").join(format!("{date}.md")), text.as_bytes()) {
        Outcome::Article(article) => Loaded::from(article),
        other => panic!("not an article: {other:?}"),
    }
}

fn app_with_three() -> App {
    let mut app = App::new((100, 30), Moment::now());
    app.update(Action::Loaded(vec![
        article("俄罗斯希望在日内瓦会谈", "2021-12-30", "Aljazeera 半岛网"),
        article("Hot Chips 34 英伟达", "2022-08-25", "cnBeta"),
        article("ジョジョの奇妙な冒険", "2022-03-17", "Bangumi"),
    ]));
    app.update(Action::LoadFinished);
    app
}

pub(super) fn titles(app: &App) -> Vec<&str> {
    app.list.visible.iter().map(|&i| app.list.store.row(i).title()).collect()
}

pub(super) fn document(html: &str) -> Opened {
    let base = crate::document::Base::for_article(None, Path::new("/lib/a.md"));
    Document::parse(html, BodyKind::Html, &base, &[]).into()
}

#[test]
fn the_list_is_newest_first_and_moves() {
    let mut app = app_with_three();
    assert_eq!(titles(&app), ["Hot Chips 34 英伟达", "ジョジョの奇妙な冒険", "俄罗斯希望在日内瓦会谈"]);
    app.update(Action::Command(Command::Down));
    app.update(Action::Command(Command::Down));
    app.update(Action::Command(Command::Down));
    assert_eq!(app.list.selected, 2, "stops at the end");
    app.update(Action::Command(Command::Top));
    assert_eq!(app.list.selected, 0);
}

#[test]
fn the_filter_narrows_and_keeps_the_selection() {
    let mut app = app_with_three();
    app.update(Action::Command(Command::Bottom));
    assert_eq!(app.selected_article().map(|i| app.list.store.row(i).title()), Some("俄罗斯希望在日内瓦会谈"));
    app.update(Action::Command(Command::Filter));
    app.update(Action::FilterText("半岛".to_owned()));
    assert_eq!(titles(&app), ["俄罗斯希望在日内瓦会谈"]);
    app.update(Action::FilterKey(crate::app::query_line::LineKey::Edit(crate::text::Edit::Backspace)));
    app.update(Action::FilterKey(crate::app::query_line::LineKey::Edit(crate::text::Edit::Backspace)));
    assert_eq!(titles(&app).len(), 3);
    assert_eq!(app.list.selected, 2, "the same article stays selected");
    app.update(Action::FilterText("nothing here".to_owned()));
    assert!(app.list.visible.is_empty());
    app.update(Action::FilterCancel);
    assert_eq!(titles(&app).len(), 3);
    assert!(!app.list.editing_filter);
}

#[test]
fn opening_reads_then_shows_the_article() {
    let mut app = app_with_three();
    let effects = app.update(Action::Command(Command::Open));
    let target = app.selected_article().expect("selected");
    assert_eq!(effects, [Effect::ReadArticle(target)]);
    let doc = document(
        "<p>正文</p><img src=\"https://a.test/1.png\"><img src=\"https://a.test/2.png\"><a href=\"https://b.test/\">b</a>",
    );
    app.update(Action::ArticleRead { article: target, document: Ok(doc) });
    assert_eq!(app.focus, Focus::Reader);
    app.update(Action::Command(Command::Images));
    assert_eq!(app.panels.overlay, Some(Overlay::Images { selected: 0 }));
    assert_eq!(app.update(Action::OpenNumber(2)), [Effect::Open("https://a.test/2.png".to_owned())]);
    app.update(Action::Command(Command::Down));
    assert_eq!(app.panels.overlay, Some(Overlay::Images { selected: 1 }));
    app.update(Action::Command(Command::Back));
    assert_eq!(app.panels.overlay, None);
    app.update(Action::Command(Command::Links));
    assert_eq!(app.update(Action::Command(Command::Open)), [Effect::Open("https://b.test/".to_owned())]);
}

#[test]
fn refused_urls_are_messages_not_effects() {
    let mut app = app_with_three();
    let target = app.selected_article().expect("selected");
    app.update(Action::Command(Command::Open));
    app.update(Action::ArticleRead { article: target, document: Ok(document("<a href=\"mailto:x@y.test\">m</a>")) });
    app.update(Action::Command(Command::Links));
    assert_eq!(app.update(Action::OpenNumber(1)), []);
    assert!(app.status.message.as_deref().is_some_and(|m| m.contains("mailto:")));
    assert_eq!(app.update(Action::OpenNumber(7)), []);
}

#[test]
fn a_resize_keeps_the_reading_position() {
    let mut app = app_with_three();
    let target = app.selected_article().expect("selected");
    app.update(Action::Command(Command::Open));
    let long: String = (0..200)
        .map(|i| format!("<p>第{i}段：俄罗斯周四表示，将在即将举行的日内瓦会谈上寻求美国对乌克兰的安全保证。</p>"))
        .collect();
    app.update(Action::ArticleRead { article: target, document: Ok(document(&long)) });
    app.update(Action::Command(Command::PageDown));
    app.update(Action::Command(Command::PageDown));
    app.update(Action::Command(Command::Down));
    let reader = app.reading.open.as_ref().expect("open");
    // The text position at the top of the pane, inside a paragraph.
    let place = reader.layout.lines.line(reader.top).pos;
    let width = reader.layout.width;
    assert!(place > 0);
    for size in [(60, 20), (130, 40)] {
        app.update(Action::Resize(size.0, size.1));
        let reader = app.reading.open.as_ref().expect("open");
        assert_ne!(reader.layout.width, width, "laid out again at {size:?}");
        let lines = &reader.layout.lines;
        let (start, next) = (lines.line(reader.top).pos, lines.get(reader.top + 1).map_or(usize::MAX, |l| l.pos));
        assert!(start <= place && place < next, "at {size:?} the top line shows {start}..{next}, not {place}");
    }
    app.update(Action::Resize(100, 30));
    let reader = app.reading.open.as_ref().expect("open");
    assert_eq!(reader.layout.lines.line(reader.top).pos, place, "back at the first width, the same line on top");
}

#[test]
fn narrow_screens_show_one_pane_and_back_returns() {
    let mut app = app_with_three();
    app.update(Action::Resize(40, 12));
    assert!(app.panes().reader.is_none());
    let target = app.selected_article().expect("selected");
    app.update(Action::Command(Command::Open));
    app.update(Action::ArticleRead { article: target, document: Ok(document("<p>x</p>")) });
    assert!(app.panes().sidebar.is_none());
    app.update(Action::Command(Command::Back));
    assert_eq!(app.focus, Focus::Sidebar);
    assert!(app.panes().reader.is_none());
}

#[test]
fn quit_and_problems() {
    let mut app = App::new((80, 24), Moment::now());
    app.update(Action::Loaded(vec![Loaded::Problem(crate::model::Problem {
        path: "/x/a.md".into(),
        kind: crate::model::ProblemKind::Binary,
        message: "binary".to_owned(),
    })]));
    app.update(Action::LoadFinished);
    assert_eq!(app.status.message.as_deref(), Some("1 file could not be read — press P"));
    app.update(Action::Command(Command::Problems));
    assert_eq!(app.panels.overlay, Some(Overlay::Problems { top: 0 }));
    assert_eq!(app.update(Action::Command(Command::Quit)), [Effect::Quit]);
}

#[test]
fn the_list_orders_by_relevance_title_and_author() {
    let mut app = app_with_three();
    app.update(Action::Command(Command::CycleSort));
    assert_eq!(app.list.order_by, SortOrder::Relevance);
    app.update(Action::FilterText("ジョジョ".to_owned()));
    assert_eq!(titles(&app), ["ジョジョの奇妙な冒険"]);
    app.update(Action::FilterCancel);
    app.update(Action::Command(Command::CycleSort));
    assert_eq!(app.list.order_by, SortOrder::Title);
    assert_eq!(titles(&app), ["Hot Chips 34 英伟达", "ジョジョの奇妙な冒険", "俄罗斯希望在日内瓦会谈"]);
    app.update(Action::Command(Command::CycleSort));
    assert_eq!(titles(&app)[0], "俄罗斯希望在日内瓦会谈", "Aljazeera first by author");
    app.update(Action::Command(Command::CycleSort));
    assert_eq!(app.list.order_by, SortOrder::Date);
}

#[test]
fn relevance_puts_titles_that_start_with_a_word_first() {
    let mut app = App::new((100, 30), Moment::now());
    app.update(Action::Loaded(vec![
        article("Older: about Rust", "2021-01-01", "a"),
        article("Rust in the terminal", "2020-01-01", "b"),
        article("Rust", "2019-01-01", "c"),
    ]));
    app.update(Action::Command(Command::CycleSort));
    app.update(Action::FilterText("rust".to_owned()));
    assert_eq!(titles(&app), ["Rust", "Rust in the terminal", "Older: about Rust"]);
}

/// A library folder whose files the tests rewrite, loaded into an app.
pub(super) struct Live {
    pub(super) dir: tempfile::TempDir,
    pub(super) app: App,
}

impl Live {
    pub(super) fn new(files: &[(&str, &str)]) -> Live {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, title) in files {
            Live::write_in(dir.path(), name, title);
        }
        let library = crate::library::load(&[dir.path().to_owned()]);
        let mut app = App::new((100, 30), Moment::now());
        app.update(Action::Loaded(library.articles.into_iter().map(Loaded::from).collect()));
        app.update(Action::LoadFinished);
        Live { dir, app }
    }

    fn write_in(dir: &Path, name: &str, title: &str) {
        let text = format!("---\ntitle: '{title}'\ndate: 2022-01-0{}\n---\n<p>{title} body</p>", name.len() % 9 + 1);
        std::fs::write(dir.join(name), text).expect("write");
    }

    /// What the watcher would deliver for these paths now.
    fn changed(&mut self, names: &[&str]) -> Vec<Effect> {
        let paths = names.iter().map(|n| self.dir.path().join(n)).collect();
        let roots = [self.dir.path().to_owned()];
        let mut scratch = crate::file::ReaderScratch::default();
        let mut effects = Vec::new();
        for changes in crate::loader::read_changes(&roots, paths, &mut scratch) {
            effects.extend(self.app.update(Action::LibraryChanged(changes)));
        }
        effects
    }
}

#[test]
fn live_reload_adds_replaces_and_removes_keeping_the_selection() {
    let mut live = Live::new(&[("a.md", "Alpha"), ("bb.md", "Beta"), ("ccc.md", "Gamma")]);
    live.app.update(Action::Command(Command::Down));
    let chosen = live.app.selected_article().map(|i| live.app.list.store.row(i).title().to_string());
    Live::write_in(live.dir.path(), "dddd.md", "Delta");
    Live::write_in(live.dir.path(), "a.md", "Alpha two");
    std::fs::remove_file(live.dir.path().join("ccc.md")).expect("removed");
    live.changed(&["dddd.md", "a.md", "ccc.md"]);
    let mut shown = titles(&live.app);
    shown.sort_unstable();
    assert_eq!(shown, ["Alpha two", "Beta", "Delta"]);
    assert_eq!(live.app.list.article_count(), 3);
    let still = live.app.selected_article().map(|i| live.app.list.store.row(i).title().to_string());
    assert_eq!(still, chosen, "the selection stays on the same article");
}

#[test]
fn the_open_article_is_rendered_again_at_its_place_or_stays_when_deleted() {
    let mut live = Live::new(&[("a.md", "Alpha")]);
    live.app.update(Action::Command(Command::Open));
    let index = live.app.selected_article().expect("an article");
    let long: String = (0..200).map(|n| format!("<p>paragraph {n}</p>")).collect();
    live.app.update(Action::ArticleRead { article: index, document: Ok(document(&long)) });
    live.app.update(Action::Command(Command::PageDown));
    live.app.update(Action::Command(Command::PageDown));
    let top = live.app.reading.open.as_ref().map(|r| r.top).expect("open");
    assert!(top > 0);
    let shown = |app: &App| {
        let reader = app.reading.open.as_ref().expect("open");
        reader.layout.lines.line(reader.top).text().to_owned()
    };
    let before = shown(&live.app);
    Live::write_in(live.dir.path(), "a.md", "Alpha again");
    let effects = live.changed(&["a.md"]);
    assert_eq!(effects, [Effect::ReadArticle(index)], "the open article is read again");
    // Rewritten: a paragraph changed below the place and one added at the end.
    let rewritten = long.replace("paragraph 150", "paragraph 150, corrected") + "<p>a new last paragraph</p>";
    live.app.update(Action::ArticleRead { article: index, document: Ok(document(&rewritten)) });
    let reader = live.app.reading.open.as_ref().expect("still open");
    assert_eq!(reader.top, top, "at the same place");
    assert_eq!(shown(&live.app), before, "showing the same text");
    assert!(reader.layout.lines.iter().any(|l| l.text() == "a new last paragraph"), "the new text is shown");
    assert_eq!(live.app.focus, Focus::Reader);

    std::fs::remove_file(live.dir.path().join("a.md")).expect("removed");
    live.changed(&["a.md"]);
    assert!(live.app.list.visible.is_empty());
    assert!(live.app.reading.open.as_ref().is_some_and(|r| r.deleted), "still readable, marked deleted");
}

#[test]
fn a_deleted_folder_takes_its_articles() {
    let mut live = Live::new(&[("a.md", "Alpha")]);
    let sub = live.dir.path().join("feed");
    std::fs::create_dir(&sub).expect("folder");
    Live::write_in(&sub, "b.md", "Beta");
    Live::write_in(&sub, "cc.md", "Gamma");
    live.changed(&["feed"]);
    assert_eq!(live.app.list.article_count(), 3);
    std::fs::remove_dir_all(&sub).expect("removed");
    live.changed(&["feed"]);
    assert_eq!(titles(&live.app), ["Alpha"]);
}

impl Live {
    /// The app with a state store in `data` under the library's folder.
    pub(super) fn with_state(files: &[(&str, &str)]) -> (Live, tempfile::TempDir) {
        let mut live = Live::new(files);
        let data = tempfile::tempdir().expect("tempdir");
        let (store, problem) = crate::state::Store::open(data.path());
        assert!(problem.is_none());
        live.app.use_state(store, crate::state::Roots::new(&[live.dir.path().to_owned()]));
        (live, data)
    }

    fn root(&self) -> std::path::PathBuf {
        std::fs::canonicalize(self.dir.path()).expect("canonical")
    }

    pub(super) fn selected_title(&self) -> String {
        self.app.selected_article().map(|i| self.app.list.store.row(i).title().to_string()).unwrap_or_default()
    }
}

#[test]
fn m_s_and_shift_m_mark_and_the_store_keeps_it() {
    let (mut live, _data) = Live::with_state(&[("a.md", "Alpha"), ("bb.md", "Beta"), ("ccc.md", "Gamma")]);
    assert_eq!(live.app.list.unread_count(), 3);
    let first = live.selected_title();
    live.app.update(Action::Command(Command::ToggleRead));
    live.app.update(Action::Command(Command::ToggleStar));
    assert_eq!(live.app.list.unread_count(), 2);
    let root = live.root();
    let key = |title: &str| {
        let i = live.app.list.store.rows().position(|a| a.title() == title).expect("the article");
        crate::state::relative_key(live.dir.path(), &live.app.list.store.row(i).path()).expect("a key")
    };
    let store = live.app.state.store.as_ref().expect("a store");
    assert!(store.is_read(&root, &key(&first)) && store.is_starred(&root, &key(&first)));
    live.app.update(Action::Command(Command::ToggleRead));
    assert_eq!(live.app.list.unread_count(), 3, "m again: unread");

    live.app.update(Action::Command(Command::Filter));
    live.app.update(Action::FilterText("is:unread".to_owned()));
    live.app.update(Action::FilterAccept);
    assert_eq!(live.app.list.visible.len(), 3);
    live.app.update(Action::Command(Command::MarkAllRead));
    assert_eq!(live.app.list.unread_count(), 3, "M asks first");
    live.app.update(Action::Answer(true));
    assert_eq!(live.app.list.unread_count(), 0);
    assert!(live.app.list.visible.is_empty(), "is:unread follows the marks");
    live.app.update(Action::Command(Command::Back));
    live.app.update(Action::Command(Command::Filter));
    live.app.update(Action::FilterText("is:starred".to_owned()));
    assert_eq!(titles(&live.app), [first.as_str()]);
}

#[test]
fn an_article_open_a_few_seconds_or_read_to_its_end_is_read() {
    let (mut live, _data) = Live::with_state(&[("a.md", "Alpha"), ("bb.md", "Beta")]);
    let opened = Moment::now();
    live.app.update(Action::Tick(opened));
    live.app.update(Action::Command(Command::Open));
    let index = live.app.selected_article().expect("an article");
    live.app.update(Action::ArticleRead { article: index, document: Ok(document("<p>short</p>")) });
    assert_eq!(live.app.next_deadline(), Some(opened.instant + Duration::from_secs(3)), "asks for time then");
    live.app.update(Action::Tick(opened.after(Duration::from_millis(2990))));
    assert!(!live.app.list.store.state(index).read, "not after 2.99 s");
    live.app.update(Action::Tick(opened.after(Duration::from_secs(3))));
    assert!(live.app.list.store.state(index).read, "read after 3 s");
    assert_eq!(live.app.next_deadline(), None);

    live.app.update(Action::Command(Command::Back));
    live.app.update(Action::Command(Command::Down));
    live.app.update(Action::Command(Command::Open));
    let other = live.app.selected_article().expect("an article");
    let long: String = (0..200).map(|n| format!("<p>paragraph {n}</p>")).collect();
    live.app.update(Action::ArticleRead { article: other, document: Ok(document(&long)) });
    live.app.update(Action::Command(Command::PageDown));
    assert!(!live.app.list.store.state(other).read);
    assert!(live.app.list.store.state(other).progress.is_some_and(|p| p > 0.0 && p < 1.0), "part-way");
    live.app.update(Action::Command(Command::Bottom));
    assert!(live.app.list.store.state(other).read, "read to the end");
}

#[test]
fn reopening_an_article_returns_to_where_it_was_left() {
    let (mut live, _data) = Live::with_state(&[("a.md", "Alpha")]);
    let long: String = (0..300).map(|n| format!("<p>paragraph number {n} of a long article</p>")).collect();
    live.app.update(Action::Command(Command::Open));
    let index = live.app.selected_article().expect("an article");
    live.app.update(Action::ArticleRead { article: index, document: Ok(document(&long)) });
    for _ in 0..5 {
        live.app.update(Action::Command(Command::PageDown));
    }
    // The first words on screen (a blank line between paragraphs has
    // the place of the text after it).
    let top_line = |app: &App| {
        let reader = app.reading.open.as_ref().expect("open");
        let text = |line: crate::layout::Line| line.spans().map(|s| s.text).collect::<String>();
        reader.layout.lines.iter().skip(reader.top).map(text).find(|t| !t.trim().is_empty()).unwrap_or_default()
    };
    let left_at = top_line(&live.app);
    live.app.update(Action::Command(Command::Back));
    // Narrower now: other lines, the same text on top.
    live.app.update(Action::Resize(80, 24));
    live.app.update(Action::Command(Command::Open));
    live.app.update(Action::ArticleRead { article: index, document: Ok(document(&long)) });
    assert_eq!(top_line(&live.app), left_at);
}

#[test]
fn the_open_article_marked_unread_by_hand_stays_unread() {
    let (mut live, _data) = Live::with_state(&[("a.md", "Alpha"), ("bb.md", "Beta")]);
    live.app.update(Action::Command(Command::Open));
    let index = live.app.selected_article().expect("an article");
    let long: String = (0..200).map(|n| format!("<p>paragraph {n}</p>")).collect();
    live.app.update(Action::ArticleRead { article: index, document: Ok(document(&long)) });
    let deadline = live.app.next_deadline().expect("a deadline");
    let later = |by: Duration| Action::Tick(Moment { instant: deadline + by, time: jiff::Timestamp::now() });
    live.app.update(later(Duration::ZERO));
    assert!(live.app.list.store.state(index).read);
    live.app.update(Action::Command(Command::ToggleRead));
    assert!(!live.app.list.store.state(index).read);
    assert_eq!(live.app.next_deadline(), None, "no longer read by time");
    live.app.update(later(Duration::from_secs(60)));
    live.app.update(Action::Command(Command::Bottom));
    assert!(!live.app.list.store.state(index).read, "nor by reading to the end");
}

#[test]
fn reading_through_unread_articles_with_j_skips_none() {
    let (mut live, _data) = Live::with_state(&[("a.md", "Alpha"), ("bb.md", "Beta"), ("ccc.md", "Gamma")]);
    live.app.update(Action::Command(Command::Filter));
    live.app.update(Action::FilterText("is:unread".to_owned()));
    live.app.update(Action::FilterAccept);
    let order = titles(&live.app).iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let mut seen = Vec::new();
    live.app.update(Action::Command(Command::Open));
    for _ in 0..3 {
        let index = live.app.reading.opening.expect("an article asked for");
        live.app.update(Action::ArticleRead { article: index, document: Ok(document("<p>short</p>")) });
        seen.push(live.app.list.store.row(index).title().to_string());
        let deadline = live.app.next_deadline().expect("a deadline");
        live.app.update(Action::Tick(Moment { instant: deadline, time: jiff::Timestamp::now() }));
        live.app.update(Action::Command(Command::NextArticle));
    }
    assert_eq!(seen, order, "every unread article in turn");
}

#[test]
fn enter_on_a_query_that_does_not_parse_keeps_the_line_open() {
    let mut app = app_with_three();
    app.update(Action::Command(Command::Filter));
    app.update(Action::FilterText("date:2021-13".to_owned()));
    assert!(app.list.query_error.is_some());
    app.update(Action::FilterAccept);
    assert!(app.list.editing_filter, "still editing");
}

#[test]
fn an_open_article_deleted_then_written_again_is_no_longer_marked_deleted() {
    let mut live = Live::new(&[("a.md", "Alpha")]);
    live.app.update(Action::Command(Command::Open));
    let index = live.app.selected_article().expect("an article");
    live.app.update(Action::ArticleRead { article: index, document: Ok(document("<p>x</p>")) });
    std::fs::remove_file(live.dir.path().join("a.md")).expect("removed");
    live.changed(&["a.md"]);
    assert!(live.app.reading.open.as_ref().is_some_and(|r| r.deleted));
    Live::write_in(live.dir.path(), "a.md", "Alpha again");
    live.changed(&["a.md"]);
    assert!(live.app.reading.open.as_ref().is_some_and(|r| !r.deleted));
    assert_eq!(titles(&live.app), ["Alpha again"]);
}

#[test]
fn esc_while_an_article_opens_stops_waiting_for_it() {
    let mut app = app_with_three();
    let target = app.selected_article().expect("selected");
    assert_eq!(app.update(Action::Command(Command::Open)), [Effect::ReadArticle(target)]);
    assert_eq!(app.update(Action::Command(Command::Back)), [Effect::CancelRead]);
    assert_eq!(app.reading.opening, None);
    app.update(Action::ArticleRead { article: target, document: Ok(document("<p>late</p>")) });
    assert!(app.reading.open.is_none(), "what comes late is dropped");
    assert_eq!(app.focus, Focus::Sidebar);
    // From an open article, the next one asked for: Esc goes back to it.
    app.update(Action::Command(Command::Open));
    app.update(Action::ArticleRead { article: target, document: Ok(document("<p>one</p>")) });
    let [Effect::ReadArticle(next)] = app.update(Action::Command(Command::NextArticle))[..] else { panic!() };
    assert_eq!(app.update(Action::Command(Command::Back)), [Effect::CancelRead]);
    assert_eq!(app.reading.article(), Some(target), "the open article stays");
    assert_eq!(app.focus, Focus::Reader, "the first Esc only stops the opening");
    app.update(Action::ArticleRead { article: next, document: Ok(document("<p>two</p>")) });
    assert_eq!(app.reading.article(), Some(target));
}
