//! `App::update` driven by sequences of actions, beyond src/app/tests.rs: J/K, Tab, `<`/`>`, paging in
//! both panes, the selection kept in view, the mouse, `o` and `i`, opening while loading, stale reads, tiny sizes.

use folio::app::Command::{self, *};
use folio::app::{Action, App, Effect, Focus, Moment, Overlay, panel_area, reader_text_width};
use folio::library::load;
use folio::loader::Loaded;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::Path;
use tempfile::TempDir;

/// Writes article `i`: dated `i` days into 2020 (so higher is newer), a
/// long body, an original link when `i` is even, `images` images.
fn write_article(dir: &Path, i: usize, images: usize) {
    let link = if i.is_multiple_of(2) { format!("link: https://example.test/{i}\n") } else { String::new() };
    let date = format!("2020-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
    let mut body: String =
        (0..80).map(|p| format!("<p>第{i}篇第{p}段：俄罗斯表示，将在日内瓦会谈上寻求美国的安全保证。</p>\n")).collect();
    for n in 0..images {
        body.push_str(&format!("<img src=\"https://img.test/{i}/{n}.png\" alt=\"图{n}\">\n"));
    }
    let text = format!("---\ntitle: '第{i}篇 Article {i}'\ndate: {date}\nauthor: 作者{i}\n{link}---\n{body}");
    std::fs::write(dir.join(format!("a{i:03}.md")), text).expect("write article");
}

/// `n` articles, newest first (the oldest has 20 images); the folder must
/// outlive them (bodies are read when opened).
fn articles(n: usize) -> (TempDir, Vec<Loaded>) {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..n {
        write_article(dir.path(), i, if i == 0 { 20 } else { 2 });
    }
    let articles = load(&[dir.path().to_owned()]).articles;
    (dir, articles.into_iter().map(Loaded::from).collect())
}

fn library(n: usize, size: (u16, u16)) -> (TempDir, App) {
    let (dir, articles) = articles(n);
    let mut app = App::new(size, Moment::now());
    app.update(Action::Loaded(articles));
    app.update(Action::LoadFinished);
    (dir, app)
}

/// Carries out `effects` the way the terminal layer does for reads.
fn serve(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::ReadArticle(i) = effect {
            let (article, body) = folio::file::read_whole(&app.list.store.row(i).to_article()).expect("body");
            let document = folio::page::page(&article, &body);
            app.update(Action::ArticleRead { article: i, document: Ok(document.into()) });
        }
    }
}

fn run(app: &mut App, command: Command) {
    let effects = app.update(Action::Command(command));
    serve(app, effects);
}

fn title(app: &App, article: usize) -> &str {
    app.list.store.row(article).title()
}

fn open_article(app: &App) -> Option<usize> {
    app.reading.open.as_ref().map(|r| r.article)
}

fn top(app: &App) -> usize {
    app.reading.open.as_ref().expect("an open article").top
}

/// The selection is in the list and on screen.
fn assert_in_view(app: &App, when: &str) {
    let (top, rows, selected) = (app.list.top, app.list_rows(), app.list.selected);
    let shown = app.list.visible.is_empty() || (top <= selected && selected < (top + rows).min(app.list.visible.len()));
    assert!(shown, "{when}: selection {selected} outside {top}..{} at {:?}", top + rows, app.screen.size);
}

fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.screen.size.0, app.screen.size.1)).expect("terminal");
    terminal.draw(|frame| folio::ui::draw(frame, app)).expect("draw");
    terminal.backend().buffer().clone()
}

#[test]
fn j_and_k_open_the_next_and_previous_article_from_the_reader() {
    let (_dir, mut app) = library(5, (100, 30));
    run(&mut app, Open);
    assert_eq!((open_article(&app), app.focus), (Some(app.list.visible[0]), Focus::Reader));
    run(&mut app, NextArticle);
    assert_eq!((open_article(&app), app.list.selected, app.focus), (Some(app.list.visible[1]), 1, Focus::Reader));
    run(&mut app, NextArticle);
    assert_eq!(open_article(&app), Some(app.list.visible[2]));
    run(&mut app, PreviousArticle);
    run(&mut app, PreviousArticle);
    assert_eq!((open_article(&app), app.list.selected), (Some(app.list.visible[0]), 0));
    assert!(title(&app, app.list.visible[0]).starts_with("第4篇"), "newest first");
}

#[test]
fn j_on_the_last_article_keeps_the_reading_position() {
    let (_dir, mut app) = library(3, (100, 30));
    for (end, step) in [(Bottom, NextArticle), (Top, PreviousArticle)] {
        run(&mut app, Back);
        run(&mut app, end);
        run(&mut app, Open);
        run(&mut app, PageDown);
        let before = top(&app);
        assert!(before > 0);
        run(&mut app, step);
        assert_eq!(top(&app), before, "{step:?}");
    }
}

#[test]
fn tab_switches_focus_only_when_an_article_is_open() {
    for size in [(100, 30), (40, 12)] {
        let (_dir, mut app) = library(3, size);
        run(&mut app, SwitchFocus);
        assert_eq!(app.focus, Focus::Sidebar, "nothing to read yet");
        run(&mut app, Open);
        assert_eq!(app.focus, Focus::Reader);
        let wide = size.0 >= 70;
        run(&mut app, SwitchFocus);
        let panes = app.panes();
        assert_eq!((app.focus, panes.sidebar.is_some(), panes.reader.is_some()), (Focus::Sidebar, true, wide));
        run(&mut app, SwitchFocus);
        let panes = app.panes();
        assert_eq!((app.focus, panes.sidebar.is_some(), panes.reader.is_some()), (Focus::Reader, wide, true));
        run(&mut app, Down);
        assert_eq!(app.list.selected, 0, "j scrolls the reader, not the list");
    }
}

#[test]
fn the_sidebar_resizes_and_the_reader_follows() {
    let (_dir, mut app) = library(3, (100, 30));
    run(&mut app, Open);
    let mut percents = Vec::new();
    let steps = [WiderSidebar; 12].into_iter().chain([NarrowerSidebar; 16]);
    for command in steps {
        run(&mut app, command);
        percents.push(app.screen.sidebar_percent);
        let panes = app.panes();
        let (sidebar, reader) = (panes.sidebar.expect("sidebar"), panes.reader.expect("reader"));
        assert_eq!(sidebar.width + 1 + reader.width, 100, "{command:?}");
        let layout = &app.reading.open.as_ref().expect("open").layout;
        assert_eq!(layout.width, reader_text_width(app.screen.size, app.screen.sidebar_percent), "{command:?}");
        assert!(layout.width + 3 <= usize::from(reader.width));
        for line in &layout.lines {
            assert!(line.width() <= layout.width, "{:?} at {}", line.text(), layout.width);
        }
        draw(&app);
    }
    assert_eq!(percents.iter().max(), Some(&70));
    assert_eq!(percents.iter().min(), Some(&15));
}

#[test]
fn paging_in_the_sidebar() {
    let (_dir, mut app) = library(40, (100, 30));
    let rows = app.list_rows();
    assert_eq!(rows, 14);
    let commands = [PageDown, HalfPageDown, PageDown, PageDown, HalfPageUp, PageUp, PageUp, HalfPageUp, Bottom, Top];
    for (command, selected) in commands.into_iter().zip([14, 21, 35, 39, 32, 18, 4, 0, 39, 0]) {
        run(&mut app, command);
        assert_eq!(app.list.selected, selected, "{command:?}");
        assert_in_view(&app, &format!("{command:?}"));
    }
}

#[test]
fn paging_in_the_reader() {
    for size in [(100, 30), (40, 12)] {
        let (_dir, mut app) = library(2, size);
        run(&mut app, Open);
        let height = app.reader_height();
        assert_eq!(height, usize::from(size.1) - 1);
        let lines = app.reading.open.as_ref().expect("open").layout.lines.len();
        let last = lines - height;
        assert!(last > 3 * height, "the body is long enough to page");
        let half = height / 2;
        let commands =
            [PageDown, HalfPageDown, HalfPageUp, PageUp, PageUp, Down, Bottom, PageDown, HalfPageDown, Up, Top];
        let tops = [height, height + half, height, 0, 0, 1, last, last, last, last - 1, 0];
        for (command, expected) in commands.into_iter().zip(tops) {
            run(&mut app, command);
            assert_eq!(top(&app), expected, "{command:?} at {size:?}");
        }
        assert_eq!(app.list.selected, 0, "paging the reader leaves the list alone");
    }
}

#[test]
fn the_selection_stays_in_view_through_filters_and_resizes() {
    let (_dir, mut app) = library(30, (100, 30));
    let sizes = [(100, 30), (80, 24), (40, 12), (30, 8), (20, 5), (120, 50), (20, 6), (70, 7), (69, 7)];
    let mut step = 0;
    for &(w, h) in sizes.iter().cycle().take(27) {
        step += 1;
        let filter = ["1", "Article 2", "篇", "zzz"][step % 4].to_owned();
        let actions = [
            [Action::Command(Bottom), Action::Resize(w, h), Action::Command(PageUp), Action::Command(Filter)],
            [
                Action::FilterText(filter),
                Action::Command(HalfPageDown),
                Action::FilterKey(folio::app::query_line::LineKey::Edit(folio::text::Edit::Backspace)),
                Action::FilterAccept,
            ],
            [Action::Resize(w / 2 + 10, h / 2 + 3), Action::Command(Down), Action::Resize(w, h), Action::FilterCancel],
        ];
        for action in actions.into_iter().flatten() {
            let what = format!("{action:?}");
            let effects = app.update(action);
            serve(&mut app, effects);
            assert_in_view(&app, &what);
        }
        if step.is_multiple_of(3) {
            run(&mut app, Open);
            run(&mut app, NextArticle);
            app.update(Action::Resize(20, 5));
            run(&mut app, Back);
            assert_in_view(&app, "back from the reader at 20×5");
        }
        draw(&app);
    }
}

#[test]
fn back_from_a_narrow_reader_fills_the_list() {
    let (_dir, mut app) = library(10, (40, 12));
    run(&mut app, Bottom);
    run(&mut app, Open);
    run(&mut app, Back);
    assert_eq!(app.list.top, 10 - app.list_rows(), "the last page of the list, full");
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let (_dir, mut app) = library(20, (100, 30));
    run(&mut app, Open);
    let panes = app.panes();
    let (sidebar, reader) = (panes.sidebar.expect("sidebar"), panes.reader.expect("reader"));
    app.update(Action::Scroll { column: reader.x + 5, row: 3, lines: 2 });
    assert_eq!((top(&app), app.list.selected), (6, 0), "three lines a notch");
    app.update(Action::Scroll { column: sidebar.x, row: 10, lines: 3 });
    assert_eq!((top(&app), app.list.selected), (6, 3));
    app.update(Action::Scroll { column: sidebar.width, row: 10, lines: 1 });
    app.update(Action::Scroll { column: 50, row: panes.status.y, lines: 1 });
    assert_eq!((top(&app), app.list.selected), (6, 3), "the rule and the status bar do not scroll");
    app.update(Action::Scroll { column: 99, row: 28, lines: -5 });
    assert_eq!(top(&app), 0);
    app.update(Action::Scroll { column: 0, row: 0, lines: -50 });
    assert_eq!(app.list.selected, 0);
    // Narrow: the one pane shown scrolls wherever the pointer is.
    app.update(Action::Resize(40, 12));
    app.update(Action::Scroll { column: 39, row: 0, lines: 1 });
    assert_eq!((top(&app), app.list.selected), (3, 0), "focus is on the reader");
    run(&mut app, Back);
    app.update(Action::Scroll { column: 39, row: 0, lines: 1 });
    assert_eq!((top(&app), app.list.selected), (3, 1));
    assert_in_view(&app, "wheel");
}

#[test]
fn a_click_selects_an_article() {
    let (_dir, mut app) = library(40, (100, 30));
    run(&mut app, PageDown);
    run(&mut app, Open);
    let list_top = app.list.top;
    assert!(list_top > 0);
    let sidebar = app.panes().sidebar.expect("sidebar");
    // Row 6 and row 7 are the title and details of the fourth article on screen.
    for row in [6, 7] {
        app.update(Action::Click { column: sidebar.x + 3, row });
        assert_eq!((app.list.selected, app.focus), (list_top + 3, Focus::Sidebar), "row {row}");
    }
    assert_eq!(open_article(&app), Some(app.list.visible[14]), "a click selects; it does not open");
    let reader = app.panes().reader.expect("reader");
    app.update(Action::Click { column: reader.x + 2, row: 2 });
    assert_eq!(app.focus, Focus::Reader);
    // Below the last article of a short list, a click does nothing.
    let (_dir, mut app) = library(3, (100, 30));
    app.update(Action::Click { column: 2, row: 20 });
    assert_eq!((app.list.selected, app.focus), (0, Focus::Sidebar));
    app.update(Action::Click { column: 2, row: 5 });
    assert_eq!(app.list.selected, 2);
    app.update(Action::Click { column: 60, row: 5 });
    assert_eq!(app.focus, Focus::Sidebar, "no article open: the reader cannot take the focus");
}

/// Opens the article with 20 images (the oldest, last in the list) and its images panel.
fn images_panel(size: (u16, u16)) -> (TempDir, App) {
    let (dir, mut app) = library(3, size);
    run(&mut app, Bottom);
    run(&mut app, Open);
    run(&mut app, Images);
    assert_eq!(app.panels.overlay, Some(Overlay::Images { selected: 0 }));
    assert_eq!(app.panel_entries().len(), 20);
    (dir, app)
}

#[test]
fn a_click_selects_a_panel_entry_and_outside_closes_it() {
    let (_dir, mut app) = images_panel((100, 30));
    let area = panel_area(app.screen.size, 20);
    app.update(Action::Click { column: area.x + 4, row: area.y + 1 + 2 * 2 });
    assert_eq!(app.panels.overlay, Some(Overlay::Images { selected: 2 }));
    app.update(Action::Click { column: area.x + 4, row: area.y + 2 + 2 * 4 });
    assert_eq!(app.panels.overlay, Some(Overlay::Images { selected: 4 }), "the URL row belongs to its entry");
    assert_eq!(app.update(Action::Command(Open)), [Effect::Open("https://img.test/0/4.png".to_owned())]);
    app.update(Action::Click { column: 0, row: 0 });
    assert_eq!(app.panels.overlay, None);
}

#[test]
fn enter_opens_the_selected_entry_of_a_panel_opened_from_the_reader() {
    use folio::model::{Key, command_for};
    let (_dir, app) = images_panel((100, 30));
    assert_eq!(app.focus, Focus::Reader, "i was pressed while reading");
    // What term/keys.rs does with Enter when a panel is open (only Esc, h, ← and 1-9 are its own).
    assert_eq!(command_for(Key::Enter, app.scope()), Some(Open));
}

/// The number of the entry drawn on screen row `row` (`[N] …`).
fn number_drawn_at(app: &App, row: u16) -> Option<usize> {
    let buffer = draw(app);
    let line: String = (0..app.screen.size.0).map(|x| buffer[(x, row)].symbol()).collect();
    let start = line.find('[')? + 1;
    line[start..].split(']').next()?.parse().ok()
}

#[test]
fn a_click_on_a_scrolled_panel_selects_the_entry_drawn_there() {
    let (_dir, mut app) = images_panel((100, 30));
    for _ in 0..15 {
        run(&mut app, Down);
    }
    assert_eq!(app.panels.overlay, Some(Overlay::Images { selected: 15 }));
    let area = panel_area(app.screen.size, 20);
    let row = area.y + 1;
    let drawn = number_drawn_at(&app, row).expect("an entry on the panel's first row");
    assert!(drawn > 1, "the panel is scrolled");
    app.update(Action::Click { column: area.x + 4, row });
    assert_eq!(app.panels.overlay, Some(Overlay::Images { selected: drawn - 1 }));
}

#[test]
fn o_opens_the_original_link_when_there_is_one() {
    let (_dir, mut app) = library(3, (100, 30));
    // The newest is article 2 (even: a link); then article 1 (no link).
    assert_eq!(app.update(Action::Command(OpenOriginal)), [Effect::Open("https://example.test/2".to_owned())]);
    assert_eq!(app.status.message.as_deref(), Some("Opening https://example.test/2"));
    run(&mut app, Down);
    assert_eq!(app.update(Action::Command(OpenOriginal)), []);
    assert_eq!((app.panels.overlay, app.status.message.as_deref()), (None, Some("This article has no original link")));
    // While an article is open, `o` means that article, wherever the selection is.
    run(&mut app, Down);
    run(&mut app, Open);
    run(&mut app, SwitchFocus);
    run(&mut app, Up);
    assert_eq!(app.update(Action::Command(OpenOriginal)), [Effect::Open("https://example.test/0".to_owned())]);
    run(&mut app, Down);
    assert_eq!(app.status.message, None, "the next key clears the message");
}

#[test]
fn i_with_no_article_open_is_a_message() {
    let (_dir, mut app) = library(3, (100, 30));
    for command in [Images, Links] {
        assert_eq!(app.update(Action::Command(command)), []);
        assert_eq!((app.panels.overlay, app.status.message.as_deref()), (None, Some("Open an article first (Enter)")));
    }
    assert_eq!(app.update(Action::OpenNumber(1)), [], "no panel, nothing to open");
}

#[test]
fn opening_while_loading_keeps_the_same_article() {
    let (_dir, mut articles) = articles(9);
    articles.reverse();
    let mut batches: Vec<Vec<Loaded>> = (0..3).map(|_| articles.drain(..3).collect()).collect();
    let mut app = App::new((40, 12), Moment::now());
    app.update(Action::Loaded(batches.remove(0)));
    assert!(app.status.loading);
    run(&mut app, Down);
    let chosen = app.selected_article().expect("selected");
    assert!(title(&app, chosen).starts_with("第1篇"));
    let effects = app.update(Action::Command(Open));
    assert_eq!(effects, [Effect::ReadArticle(chosen)]);
    for batch in batches {
        app.update(Action::Loaded(batch));
        assert_eq!(app.selected_article(), Some(chosen), "newer articles arrive above");
        assert_in_view(&app, "a batch");
    }
    assert_eq!(app.list.selected, 7);
    serve(&mut app, effects);
    app.update(Action::LoadFinished);
    assert_eq!((open_article(&app), app.focus, app.status.loading), (Some(chosen), Focus::Reader, false));
    assert_eq!(app.selected_article(), Some(chosen));
    run(&mut app, PreviousArticle);
    assert!(title(&app, open_article(&app).expect("open")).starts_with("第2篇"));
}

#[test]
fn a_stale_read_is_ignored() {
    let (_dir, mut app) = library(4, (100, 30));
    let first = app.update(Action::Command(Open));
    run(&mut app, Down);
    let second = app.update(Action::Command(Open));
    assert_ne!(first, second);
    serve(&mut app, first);
    assert_eq!((open_article(&app), app.focus), (None, Focus::Sidebar), "the first read came too late");
    assert_eq!(app.reading.opening, Some(app.list.visible[1]));
    serve(&mut app, second.clone());
    assert_eq!(open_article(&app), Some(app.list.visible[1]));
    serve(&mut app, second);
    assert_eq!(app.reading.opening, None);
    run(&mut app, PageDown);
    let before = top(&app);
    // A read nobody asked for (again) changes nothing.
    app.update(Action::ArticleRead { article: app.list.visible[1], document: Err("gone".to_owned()) });
    assert_eq!((top(&app), app.status.message.as_deref()), (before, None));
    // A failed read of the article being opened is a message.
    let effects = app.update(Action::Command(NextArticle));
    let [Effect::ReadArticle(i)] = effects[..] else { panic!("{effects:?}") };
    app.update(Action::ArticleRead { article: i, document: Err("cannot be read".to_owned()) });
    assert_eq!(app.status.message.as_deref(), Some("cannot be read"));
}

#[test]
fn tiny_sizes_never_panic() {
    let all = [
        [Down, Up, Top, Bottom, PageDown, PageUp],
        [HalfPageDown, HalfPageUp, Open, Back, SwitchFocus, NextArticle],
        [PreviousArticle, Images, Links, OpenOriginal, WiderSidebar, NarrowerSidebar],
    ]
    .concat();
    for size in [(0, 0), (1, 1), (0, 5), (5, 0), (2, 4), (20, 5), (70, 4), (69, 4), (300, 4)] {
        let (_dir, mut app) = library(4, (100, 30));
        app.update(Action::Resize(size.0, size.1));
        draw(&app);
        for &command in &all {
            run(&mut app, command);
            app.update(Action::Scroll { column: 0, row: 0, lines: 1 });
            app.update(Action::Click { column: 0, row: 0 });
            assert!(app.reading.open.as_ref().is_none_or(|r| r.layout.width >= 1));
            draw(&app);
        }
        app.update(Action::Command(Filter));
        app.update(Action::FilterText("篇 Article".to_owned()));
        draw(&app);
        for (w, h) in [(1, 1), (0, 0)] {
            app.update(Action::Resize(w, h));
            draw(&app);
        }
    }
}

#[test]
fn overlays_at_one_to_three_rows_do_not_panic() {
    for rows in 1..=3 {
        let (_dir, mut app) = library(2, (80, 24));
        run(&mut app, Open);
        for command in [Help, Problems, Images, Links] {
            run(&mut app, command);
            app.update(Action::Resize(80, rows));
            draw(&app);
            run(&mut app, Back);
            app.update(Action::Resize(80, 24));
        }
    }
}
