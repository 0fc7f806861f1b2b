//! Whole screens of the reader drawn over ratatui's `TestBackend` at 100×30 and 40×12, as insta snapshots,
//! each also checked cell by cell: no row wider than the terminal, every wide character in two cells.

use folio::app::{Action, App, Command, Effect, Moment};
use folio::library::load;
use folio::loader::Loaded;
use folio::{Library, ProblemKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::{TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 2] = [(100, 30), (40, 12)];
const SEED: &str = "俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰";

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

/// The loaded library as the terminal layer would feed it: articles, then
/// the problems that are not warnings (the app records warnings itself).
fn feed(app: &mut App, library: Library) {
    let mut batch: Vec<Loaded> = library.articles.into_iter().map(Loaded::from).collect();
    batch.extend(library.problems.into_iter().filter(|p| p.kind != ProblemKind::Warning).map(Loaded::Problem));
    app.update(Action::Loaded(batch));
    app.update(Action::LoadFinished);
}

fn app_on(paths: &[PathBuf], size: (u16, u16)) -> App {
    let mut app = App::new(size, Moment::now());
    feed(&mut app, load(paths));
    app
}

/// Articles of our own beside the sample: a title mixing ASCII and CJK so
/// cuts fall at odd columns, and a long CJK source name.
fn own_articles(dir: &Path) {
    let articles = [
        (
            "mixed.md",
            "Rust 与 CJK：a 宽字符 b 在侧栏里被截断的样子 c 一二三四五六七八九十",
            "2024-05-01",
            "测试 Source 非常长的来源名称 with a long name",
        ),
        ("kana.md", "「カタカナ」とＡＢＣ全角英字の混ざったタイトル", "2020-01-02", "かな"),
    ];
    for (file, title, date, author) in articles {
        let text = format!("---\ntitle: '{title}'\ndate: {date}\nauthor: {author}\n---\n<p>本文。</p>\n");
        std::fs::write(dir.join(file), text).expect("write article");
    }
}

/// Selects `title` in the list, opens it and hands the app its body.
fn open(app: &mut App, title: &str) {
    let position =
        app.list.visible.iter().position(|&i| app.list.store.row(i).title() == title).expect("article listed");
    app.update(Action::Command(Command::Top));
    for _ in 0..position {
        app.update(Action::Command(Command::Down));
    }
    let effects = app.update(Action::Command(Command::Open));
    let [Effect::ReadArticle(i)] = effects[..] else { panic!("expected one read, got {effects:?}") };
    let (article, body) = folio::file::read_whole(&app.list.store.row(i).to_article()).expect("body");
    let document = folio::page::page(&article, &body);
    app.update(Action::ArticleRead { article: i, document: Ok(document.into()) });
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.screen.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|frame| folio::ui::draw(frame, app)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, the cells hidden behind a wide
/// character left out (so each line is as wide as the terminal shows it).
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += (symbol.width() as u16).max(1);
        }
        out.push_str("|\n");
    }
    out
}

/// The columns of row `y` up to `columns` that are not hidden behind a wide character.
fn shown_cells(buffer: &Buffer, y: u16, columns: u16) -> impl Iterator<Item = u16> + '_ {
    let mut next = 0;
    (0..columns.min(buffer.area.width)).filter(move |&x| {
        let shown = x >= next;
        if shown {
            next = x + (buffer[(x, y)].symbol().width() as u16).max(1);
        }
        shown
    })
}

/// Everything wrong with the cells: rows wider than the terminal, wide
/// characters without a blank continuation cell.
fn faults(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    let screen = text(buffer);
    let mut found = Vec::new();
    for (y, line) in (0..area.height).zip(screen.lines()) {
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            let width = symbol.width();
            if width < 2 {
                continue;
            }
            if x + 1 >= area.width {
                found.push(format!("row {y}: wide {symbol:?} in the last column"));
            } else if buffer[(x + 1, y)].symbol() != " " {
                let next = buffer[(x + 1, y)].symbol();
                found.push(format!("row {y}: wide {symbol:?} at column {x} has {next:?} in its second cell"));
            }
        }
        let line = line.strip_suffix('|').unwrap_or(line);
        if line.width() > usize::from(area.width) {
            found.push(format!("row {y} is {} columns wide: {line:?}", line.width()));
        }
    }
    found
}

#[test]
fn the_checks_catch_a_half_covered_wide_character() {
    let mut buffer = Buffer::with_lines([" 闻  ", "abcde"]);
    assert!(faults(&buffer).is_empty());
    buffer[(2, 0)].set_symbol("┌");
    assert_eq!(faults(&buffer), ["row 0: wide \"闻\" at column 1 has \"┌\" in its second cell"]);
    buffer[(4, 1)].set_symbol("中");
    let found = faults(&buffer);
    assert!(
        found[1..] == ["row 1: wide \"中\" in the last column", "row 1 is 6 columns wide: \"abcd中\""],
        "{found:?}"
    );
}

/// Snapshots the screen and checks its cells.
fn check(name: &str, app: &App) {
    let buffer = draw(app);
    let (w, h) = app.screen.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(&buffer));
    let found = faults(&buffer);
    assert!(found.is_empty(), "{name} at {w}×{h}:\n{}\n{}", found.join("\n"), text(&buffer));
}

#[test]
fn sidebar_with_cjk_titles() {
    let dir = tempfile::tempdir().expect("tempdir");
    own_articles(dir.path());
    for size in SIZES {
        let mut app = app_on(&[sample(), dir.path().to_owned()], size);
        assert_eq!(app.list.visible.len(), 9);
        app.update(Action::Command(Command::Down));
        app.update(Action::Command(Command::Down));
        check("sidebar_cjk", &app);
        // The selection (the third article, rows 4 and 5) is reversed, and only its title row.
        let buffer = draw(&app);
        let reversed =
            |y: u16| shown_cells(&buffer, y, 33).all(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED));
        assert_eq!((0..8).map(reversed).collect::<Vec<_>>(), [false, false, false, false, true, false, false, false]);
    }
}

#[test]
fn sidebar_scrolled_to_the_end() {
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        app.update(Action::Command(Command::Bottom));
        check("sidebar_end", &app);
    }
}

#[test]
fn an_open_chinese_article() {
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        open(&mut app, SEED);
        check("open_seed", &app);
        app.update(Action::Command(Command::PageDown));
        check("open_seed_page2", &app);
    }
}

#[test]
fn a_filter_with_no_hits() {
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        app.update(Action::Command(Command::Filter));
        app.update(Action::FilterText("zzz".to_owned()));
        assert!(app.list.visible.is_empty());
        check("filter_no_hits", &app);
        app.update(Action::FilterAccept);
        check("filter_no_hits_kept", &app);
    }
}

#[test]
fn a_cjk_filter_with_hits() {
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        app.update(Action::Command(Command::Filter));
        app.update(Action::FilterText("俄罗斯 半岛".to_owned()));
        assert_eq!(app.list.visible.len(), 1);
        check("filter_cjk", &app);
    }
}

#[test]
fn the_images_panel() {
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        open(&mut app, SEED);
        app.update(Action::Command(Command::Images));
        assert!(app.panels.overlay.is_some(), "the seed article has images");
        check("images_panel", &app);
        // The selection moves to the second entry: only its first row is reversed.
        app.update(Action::Command(Command::Down));
        let buffer = draw(&app);
        let area = folio::app::panel_area(size, 2);
        let reversed = |y: u16| {
            shown_cells(&buffer, y, area.x + area.width - 1)
                .filter(|&x| x > area.x)
                .all(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
        };
        let rows: Vec<bool> = (area.y + 1..area.y + 5).map(reversed).collect();
        assert_eq!(rows, [false, false, true, false], "at {size:?}");
    }
}

#[test]
fn the_help_overlay() {
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        app.update(Action::Command(Command::Help));
        check("help", &app);
        // Its end: the filter line's keys and the query language.
        for _ in 0..80 {
            app.update(Action::Command(Command::Down));
        }
        check("help_end", &app);
    }
}

#[test]
fn the_help_overlay_over_an_open_article() {
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        open(&mut app, SEED);
        app.update(Action::Command(Command::Help));
        check("help_over_seed", &app);
    }
}

/// A library with two broken files; the problems' paths are made relative
/// to the temporary folder so the screens do not depend on the machine.
fn broken_library(size: (u16, u16)) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    own_articles(dir.path());
    std::fs::write(dir.path().join("binary.md"), b"---\ntitle: x\n---\n\0\0\0\x01").expect("write");
    std::fs::write(dir.path().join("空白.md"), "  \n\n").expect("write");
    let mut library = load(&[dir.path().to_owned()]);
    for problem in &mut library.problems {
        let relative = problem.path.strip_prefix(dir.path()).expect("inside the library").to_owned();
        problem.path = Path::new("library").join(relative);
    }
    library.problems.sort_by(|a, b| a.path.cmp(&b.path));
    let mut app = App::new(size, Moment::now());
    feed(&mut app, library);
    app
}

#[test]
fn the_problems_overlay() {
    for size in SIZES {
        let mut app = broken_library(size);
        assert_eq!(app.status.problems.len(), 2, "{:?}", app.status.problems);
        assert_eq!(app.status.message.as_deref(), Some("2 files could not be read — press P"));
        check("problems_status", &app);
        app.update(Action::Command(Command::Problems));
        check("problems", &app);
    }
}

#[test]
fn the_status_bar_while_loading() {
    for size in SIZES {
        let mut app = App::new(size, Moment::now());
        check("loading_empty", &app);
        let mut library = load(&[sample()]);
        library.articles.truncate(3);
        app.update(Action::Loaded(library.articles.into_iter().map(Loaded::from).collect()));
        check("loading_some", &app);
    }
}

/// What the terminal was sent.
#[derive(Clone, Default)]
struct Written(Rc<RefCell<Vec<u8>>>);

impl Write for Written {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The screen a real terminal (vt100) shows, in the same form as `text`.
fn vt100_text(screen: &vt100::Screen, (w, h): (u16, u16)) -> String {
    let mut out = String::new();
    for row in 0..h {
        for col in 0..w {
            let cell = screen.cell(row, col).expect("a cell");
            if cell.is_wide_continuation() {
                continue;
            }
            out.push_str(if cell.has_contents() { cell.contents() } else { " " });
        }
        out.push_str("|\n");
    }
    out
}

/// Frames drawn one after the other (only the changes reach the terminal)
/// leave on a real terminal exactly the screen drawn afresh: no half of a
/// wide character or stale cell left behind by an overlay, a scroll or a
/// filter.
#[test]
fn successive_frames_reach_a_terminal_intact() {
    let steps: Vec<(&str, Vec<Action>)> = vec![
        ("list", vec![]),
        ("down", vec![Action::Command(Command::Down), Action::Command(Command::Down)]),
        ("images", vec![Action::Command(Command::Images)]),
        ("images closed", vec![Action::Command(Command::Back)]),
        ("page down", vec![Action::Command(Command::PageDown)]),
        ("half page up", vec![Action::Command(Command::HalfPageUp)]),
        ("help", vec![Action::Command(Command::Help)]),
        ("help scrolled", vec![Action::Command(Command::Down), Action::Command(Command::Down)]),
        ("help closed", vec![Action::Command(Command::Back)]),
        ("next article", vec![Action::Command(Command::NextArticle)]),
        ("narrower", vec![Action::Command(Command::NarrowerSidebar)]),
        ("wider", vec![Action::Command(Command::WiderSidebar), Action::Command(Command::WiderSidebar)]),
        ("back", vec![Action::Command(Command::Back)]),
        ("filter", vec![Action::Command(Command::Filter), Action::FilterText("俄罗斯".to_owned())]),
        ("filter cleared", vec![Action::FilterCancel]),
        ("problems", vec![Action::Command(Command::Problems)]),
        ("problems closed", vec![Action::Command(Command::Back)]),
    ];
    for size in SIZES {
        let (w, h) = size;
        let mut app = app_on(&[sample()], size);
        let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
        let written = Written::default();
        let backend = CrosstermBackend::new(written.clone());
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
        let mut parser = vt100::Parser::new(h.try_into().expect("rows"), w.try_into().expect("columns"), 0);
        for (name, actions) in &steps {
            for action in actions {
                let action = match action {
                    Action::Command(command) => Action::Command(*command),
                    Action::FilterText(text) => Action::FilterText(text.clone()),
                    _ => Action::FilterCancel,
                };
                let effects = app.update(action);
                if let [Effect::ReadArticle(i)] = effects[..] {
                    let (article, body) = folio::file::read_whole(&app.list.store.row(i).to_article()).expect("body");
                    let document = folio::page::page(&article, &body);
                    app.update(Action::ArticleRead { article: i, document: Ok(document.into()) });
                }
            }
            if *name == "images" && app.reading.open.is_none() {
                open(&mut app, SEED);
                app.update(Action::Command(Command::Images));
            }
            terminal.draw(|frame| folio::ui::draw(frame, &app)).expect("draw");
            parser.process(&written.0.take());
            let shown = vt100_text(parser.screen(), size);
            let drawn = text(&draw(&app));
            assert_eq!(shown, drawn, "after {name:?} at {w}×{h}, the terminal shows\n{shown}\ninstead of\n{drawn}");
        }
    }
}

#[test]
fn the_list_shows_read_state() {
    for size in SIZES {
        let data = tempfile::tempdir().expect("tempdir");
        let mut app = app_on(&[sample()], size);
        let (store, problem) = folio::state::Store::open(data.path());
        assert!(problem.is_none());
        app.use_state(store, folio::state::Roots::new(&[sample()]));
        // The first article starred and read, the seed read part-way.
        app.update(Action::Command(Command::ToggleStar));
        app.update(Action::Command(Command::ToggleRead));
        open(&mut app, SEED);
        app.update(Action::Command(Command::PageDown));
        app.update(Action::Command(Command::Back));
        check("read_state", &app);
        if size == SIZES[0] {
            // The whole list in view: the first title read, the second not.
            let buffer = draw(&app);
            let bold = |y: u16| shown_cells(&buffer, y, 10).all(|x| buffer[(x, y)].modifier.contains(Modifier::BOLD));
            assert!(!bold(0), "the first title is read: not bold");
            assert!(bold(2), "the second is unread: bold");
        }
    }
}

#[test]
fn the_filter_line_hints_its_fields_and_shows_tabs_choices() {
    use folio::app::query_line::LineKey;
    use folio::text::Edit;
    for size in SIZES {
        let mut app = app_on(&[sample()], size);
        app.update(Action::Command(Command::Filter));
        check("filter_hint", &app);
        app.update(Action::FilterText("乌克兰 a".to_owned()));
        app.update(Action::FilterKey(LineKey::Complete { forward: true }));
        app.update(Action::FilterKey(LineKey::Complete { forward: true }));
        check("filter_choices", &app);
        // The cursor in the middle of a long line: the line scrolls to it.
        app.update(Action::FilterKey(LineKey::Edit(Edit::KillToStart)));
        app.update(Action::FilterText("终端 ".repeat(30)));
        for _ in 0..40 {
            app.update(Action::FilterKey(LineKey::Edit(Edit::Left)));
        }
        check("filter_scrolled", &app);
    }
}

#[test]
fn the_open_article_stays_highlighted_in_the_list_while_reading() {
    let mut app = app_on(&[sample()], (100, 30));
    open(&mut app, SEED);
    assert_eq!(app.focus, folio::app::Focus::Reader);
    let position = app.list.visible.iter().position(|&i| app.list.store.row(i).title() == SEED).expect("listed");
    let buffer = draw(&app);
    let reversed = |y: u16| shown_cells(&buffer, y, 33).all(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    let rows: Vec<bool> = (0..20).map(reversed).collect();
    let expected: Vec<bool> = (0..20).map(|y| y == 2 * (position - app.list.top) as u16).collect();
    assert_eq!(rows, expected, "the open article's title row, and only it");
    // `J`: the next article is read; once it arrives, it is the one picked out.
    let effects = app.update(Action::Command(Command::NextArticle));
    let [Effect::ReadArticle(next)] = effects[..] else { panic!("{effects:?}") };
    let (article, body) = folio::file::read_whole(&app.list.store.row(next).to_article()).expect("body");
    app.update(Action::ArticleRead { article: next, document: Ok(folio::page::page(&article, &body).into()) });
    let buffer = draw(&app);
    let reversed = |y: u16| shown_cells(&buffer, y, 33).all(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    let y = 2 * (position + 1 - app.list.top) as u16;
    assert!(reversed(y) && !reversed(y - 2), "the highlight moved with J");
}
