//! The outline of a long article: `]` / `[` to the next / previous
//! heading, `O`'s list of headings (the current one marked) to jump to,
//! and the section's heading in the status bar.

use folio::app::{Action, App, Command, Effect, Moment, Overlay};
use folio::library::load;
use folio::loader::Loaded;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

const HEADINGS: [&str; 4] = ["第一章 海边", "Second part: the night", "第三节 渔船", "尾声"];

/// An app with one long article of sections (the third a level deeper),
/// opened.
fn open_long_article(size: (u16, u16)) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut body = String::from("<p>开头的一段。</p>\n");
    for (n, heading) in HEADINGS.iter().enumerate() {
        let level = if n == 2 { 3 } else { 2 };
        body.push_str(&format!("<h{level}>{heading}</h{level}>\n"));
        for p in 0..25 {
            body.push_str(&format!("<p>第{n}节的第{p}段文字，足够长，好让每一节都比一屏还长。</p>\n"));
        }
    }
    std::fs::write(dir.path().join("long.md"), format!("---\ntitle: 长文\ndate: 2022-01-01\n---\n{body}"))
        .expect("write");
    let mut app = App::new(size, Moment::now());
    let library = load(&[dir.path().to_owned()]);
    app.update(Action::Loaded(library.articles.into_iter().map(Loaded::from).collect()));
    app.update(Action::LoadFinished);
    let effects = app.update(Action::Command(Command::Open));
    let [Effect::ReadArticle(i)] = effects[..] else { panic!("{effects:?}") };
    let (article, body) = folio::file::read_whole(&app.list.store.row(i).to_article()).expect("body");
    app.update(Action::ArticleRead { article: i, document: Ok(folio::page::page(&article, &body).into()) });
    (app, dir)
}

/// The text of the reading pane's top line.
fn top_line(app: &App) -> String {
    let reader = app.reading.open.as_ref().expect("open");
    reader.layout.lines.get(reader.top).map(|line| line.text().trim().to_owned()).unwrap_or_default()
}

fn screen(app: &App) -> String {
    let (w, h) = app.screen.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|frame| folio::ui::draw(frame, app)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += (symbol.width() as u16).max(1);
        }
        out.push_str("|\n");
    }
    out
}

#[test]
fn brackets_go_from_heading_to_heading() {
    let (mut app, _dir) = open_long_article((100, 30));
    let headings: Vec<String> =
        app.reading.open.as_ref().expect("open").layout.headings.iter().map(|h| h.text.clone()).collect();
    assert!(headings.ends_with(&HEADINGS.map(str::to_owned)), "{headings:?}");
    for heading in HEADINGS {
        app.update(Action::Command(Command::NextHeading));
        assert_eq!(top_line(&app), heading);
    }
    app.update(Action::Command(Command::NextHeading));
    assert_eq!(app.status.message.as_deref(), Some("No heading below"));
    for heading in HEADINGS.iter().rev().skip(1) {
        app.update(Action::Command(Command::PreviousHeading));
        assert_eq!(top_line(&app), *heading);
    }
    // From the middle of a section, `[` goes to its own heading first.
    app.update(Action::Command(Command::NextHeading));
    app.update(Action::Command(Command::Down));
    app.update(Action::Command(Command::Down));
    app.update(Action::Command(Command::PreviousHeading));
    assert_eq!(top_line(&app), HEADINGS[1]);
}

#[test]
fn the_outline_marks_the_current_heading_and_jumps() {
    for size in [(100, 30), (40, 12)] {
        let (mut app, _dir) = open_long_article(size);
        app.update(Action::Command(Command::NextHeading));
        app.update(Action::Command(Command::NextHeading));
        app.update(Action::Command(Command::PageDown));
        let (w, h) = size;
        if w == 100 {
            assert!(
                screen(&app).contains(&format!("§ {}", HEADINGS[1])),
                "the section in the status bar:\n{}",
                screen(&app)
            );
        }
        app.update(Action::Command(Command::Outline));
        let selected = match app.panels.overlay {
            Some(Overlay::Outline { selected }) => selected,
            other => panic!("{other:?}"),
        };
        let current = app.reading.open.as_ref().and_then(|r| r.current_heading(app.reader_height()));
        assert_eq!(Some(selected), current, "the current section chosen first");
        insta::assert_snapshot!(format!("outline_{w}x{h}"), screen(&app));
        app.update(Action::Command(Command::Down));
        app.update(Action::Command(Command::Down));
        app.update(Action::Command(Command::Open));
        assert!(app.panels.overlay.is_none());
        assert_eq!(top_line(&app), HEADINGS[3]);
    }
}

#[test]
fn an_article_without_headings_says_so() {
    let (mut app, _dir) = open_long_article((100, 30));
    app.reading.open.as_mut().expect("open").layout.headings.clear();
    app.update(Action::Command(Command::Outline));
    assert!(app.panels.overlay.is_none());
    assert_eq!(app.status.message.as_deref(), Some("This article has no headings"));
}
