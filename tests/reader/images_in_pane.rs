//! Images in the reading pane without a terminal: where figures stand in
//! the text at several widths, the text positions around them (find, the
//! line at the top across a resize, an image whose size comes late), an
//! image scrolled half out of view, and half-block pictures of a fixture of
//! known colours drawn on ratatui's `TestBackend` (a snapshot, and the
//! colours checked cell by cell).

use folio::app::{Action, App, Command, Effect, Geometry, Moment, Opened, Reader};
use folio::images::{self, Draw};
use folio::loader::Loaded;
use folio::ui::Pictures;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui_image::picker::Picker;
use std::path::Path;

const CELL: (u16, u16) = (10, 20);

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images").join(name)
}

/// A library of one article: a paragraph, `colours.png` (40×40: red, blue
/// over green, white) in a figure, text with the word "marker", the
/// picture again inline in a list, and more text.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("colours.png"), dir.path().join("colours.png")).expect("copy");
    let long: String =
        (1..=12).map(|n| format!("<p>Paragraph {n} of the text that follows the picture.</p>\n")).collect();
    let body = format!(
        "<p>The opening paragraph, before any picture.</p>\n\
         <figure><img src=\"colours.png\" alt=\"four squares\"><figcaption>Red, blue, green, white</figcaption></figure>\n\
         <p>After the figure, the word needle stands here.</p>\n\
         <ul><li>An item with <img src=\"colours.png\"> inline</li></ul>\n{long}"
    );
    std::fs::write(dir.path().join("pictures.md"), format!("---\ntitle: 'Pictures'\ndate: 2024-01-01\n---\n{body}"))
        .expect("write");
    dir
}

/// The app at `size` with the article open and images known (sizes read
/// from the files, as the read worker does).
fn open(dir: &Path, size: (u16, u16)) -> App {
    let mut app = App::new(size, Moment::now());
    let library = folio::library::load(&[dir.to_owned()]);
    app.update(Action::Loaded(library.articles.into_iter().map(Loaded::from).collect()));
    app.update(Action::LoadFinished);
    app.update(Action::ImagesReady { cell: Some(CELL), off_because: None, protocol: Some("half-blocks") });
    let effects = app.update(Action::Command(Command::Open));
    let [Effect::ReadArticle(i)] = effects[..] else { panic!("expected one read, got {effects:?}") };
    let (article, body) = folio::file::read_whole(&app.list.store.row(i).to_article()).expect("body");
    let document = folio::page::page(&article, &body);
    let sizes = document.images.iter().map(|image| images::known_size(&image.url, None)).collect();
    let opened = Opened::laid_out(document, app.text_width()).with_sizes(sizes);
    app.update(Action::ArticleRead { article: i, document: Ok(opened) });
    app
}

fn reader(app: &App) -> &Reader {
    app.reading.open.as_ref().expect("an open article")
}

/// Each figure's picture, encoded as the image threads do (half-blocks).
fn pictures(app: &App) -> Pictures {
    let reader = reader(app);
    let geometry = app.images.geometry(app.reader_height()).expect("images shown");
    let width = u16::try_from(reader.layout.width).expect("width");
    let mut pictures = Pictures::new();
    for figure in &reader.layout.figures {
        let url = &reader.document.images[figure.image - 1].url;
        let bytes = std::fs::read(url).expect("the picture");
        let draw = Draw { picker: Picker::halfblocks(), room: width - figure.indent, max_rows: geometry.max_rows };
        let picture = images::encode(images::decode::decode(&bytes).expect("decodes"), &draw).expect("encodes");
        pictures.insert(figure.image, picture);
    }
    pictures
}

fn draw(app: &App, pictures: &Pictures) -> Buffer {
    let (w, h) = app.screen.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|frame| folio::ui::draw_with(frame, app, pictures)).expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The colour names of the cells on row `y` from column `x`, `n` of
/// them, each by its upper and lower half (the foreground and background
/// of `▀`): `R`, `G`, `B`, `W`, or `?` for none of them. Scaling blends a
/// little where colours meet, so a channel counts from 160 and is off
/// below 96.
fn colours(buffer: &Buffer, x: u16, y: u16, n: u16) -> String {
    let name = |colour: Color| match colour {
        Color::Rgb(r, g, b) => match (r >= 160, g >= 160, b >= 160, r < 96, g < 96, b < 96) {
            (true, _, _, _, true, true) => 'R',
            (_, true, _, true, _, true) => 'G',
            (_, _, true, true, true, _) => 'B',
            (true, true, true, _, _, _) => 'W',
            _ => '?',
        },
        _ => '?',
    };
    (x..x + n).map(|x| format!("{}{}", name(buffer[(x, y)].fg), name(buffer[(x, y)].bg))).collect::<Vec<_>>().join(" ")
}

fn line_texts(reader: &Reader) -> Vec<String> {
    reader.layout.lines.iter().map(|l| l.text().to_owned()).collect()
}

#[test]
fn figures_stand_before_their_markers_and_the_text_is_unchanged_at_every_width() {
    let dir = library();
    for width in [24u16, 40, 60, 100] {
        let app = open(dir.path(), (width + 36, 30));
        let reader = reader(&app);
        assert_eq!(reader.layout.figures.len(), 2, "width {width}");
        let lines = line_texts(reader);
        for figure in &reader.layout.figures {
            let rows = figure.line..figure.line + usize::from(figure.rows);
            assert!(lines[rows.clone()].iter().all(String::is_empty), "width {width}: {figure:?}");
            assert!(lines[rows.end].contains("[image 1"), "width {width}: the marker under it: {:?}", lines[rows.end]);
            assert!(usize::from(figure.indent + figure.cols) <= reader.layout.width);
            // 40×40 pixels in 10×20 cells: 4 columns, 2 rows.
            assert_eq!((figure.cols, figure.rows), (4, 2), "width {width}");
        }
        // Without the figures' rows, exactly the text layout.
        let plain = folio::layout::layout(&reader.document, reader.layout.width, Default::default());
        let kept: Vec<&String> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !reader.layout.figures.iter().any(|f| f.holds(*i)))
            .map(|(_, l)| l)
            .collect();
        let plain: Vec<String> = plain.lines.iter().map(|l| l.text().to_owned()).collect();
        assert_eq!(kept, plain.iter().collect::<Vec<_>>(), "width {width}");
    }
}

#[test]
fn find_jumps_to_the_text_past_the_figures() {
    let dir = library();
    let mut app = open(dir.path(), (100, 30));
    app.update(Action::Command(Command::Find));
    app.update(Action::FindText("needle".to_owned()));
    app.update(Action::FindAccept);
    let reader = reader(&app);
    let found = reader.find.as_ref().and_then(|f| f.current_match()).expect("a match");
    assert!(reader.layout.lines.line(found.line).text().contains("needle"));
    assert!(reader.layout.figures.iter().all(|f| !f.holds(found.line)));
}

#[test]
fn a_resize_keeps_the_text_at_the_top_and_the_figures_follow() {
    let dir = library();
    let mut app = open(dir.path(), (100, 20));
    // Scroll until "Paragraph 3" is the top line.
    while !reader(&app).layout.lines.line(reader(&app).top).text().starts_with("Paragraph 3") {
        app.update(Action::Command(Command::Down));
        assert!(reader(&app).top < 200, "never reached");
    }
    for size in [(60, 20), (140, 24), (100, 20)] {
        app.update(Action::Resize(size.0, size.1));
        let reader = reader(&app);
        let top = reader.layout.lines.line(reader.top).text().to_owned();
        assert!(top.starts_with("Paragraph 3"), "{size:?}: top is {top:?}");
        assert_eq!(reader.layout.figures.len(), 2, "{size:?}");
    }
}

#[test]
fn an_image_whose_size_comes_late_grows_below_the_reading_place_only() {
    let dir = library();
    let mut app = open(dir.path(), (100, 20));
    let height = app.reader_height();
    // As if the first picture's size were not known yet: no figure for it.
    let reader = app.reading.open.as_mut().expect("open");
    let geometry = Geometry { cell: CELL, max_rows: images::max_rows(u16::try_from(height).expect("rows")) };
    reader.images = vec![folio::app::ImageState::Unknown];
    reader.relayout(reader.layout.width, height, None);
    reader.relayout(reader.layout.width, height, Some(geometry));
    assert!(reader.layout.figures.is_empty());
    // Read down to the list item, then the size arrives.
    while !reader.layout.lines.line(reader.top).text().contains("needle") {
        reader.scroll(1, height);
    }
    let generation = reader.generation;
    app.update(Action::ImageKnown { generation, image: 1, size: Ok((40, 40)) });
    let reader = self::reader(&app);
    assert_eq!(reader.layout.figures.len(), 2);
    assert!(reader.layout.lines.line(reader.top).text().contains("needle"), "the same text at the top");
    // A size for another document changes nothing.
    let before = line_texts(reader);
    app.update(Action::ImageKnown { generation: generation + 1000, image: 1, size: Err("gone".to_owned()) });
    assert_eq!(line_texts(self::reader(&app)), before);
}

#[test]
fn half_blocks_draw_the_known_colours_and_a_half_scrolled_picture() {
    let dir = library();
    let mut app = open(dir.path(), (60, 16));
    let pictures = pictures(&app);
    let buffer = draw(&app, &pictures);
    insta::assert_snapshot!("pictures_half_blocks_60x16", text(&buffer));
    let reader = reader(&app);
    let figure = reader.layout.figures[0];
    let pane = app.panes().reader.expect("the pane");
    let left = pane.x + 1 + (pane.width - 3 - u16::try_from(reader.layout.width).expect("w")) / 2 + figure.indent;
    let row = u16::try_from(figure.line - reader.top).expect("in view") + pane.y;
    // Top row: red then blue, both halves; bottom row: green then white.
    assert_eq!(colours(&buffer, left, row, 4), "RR RR BB BB");
    assert_eq!(colours(&buffer, left, row + 1, 4), "GG GG WW WW");
    // Scrolled so that only its bottom row is in view: that row at the top.
    app.update(Action::Command(Command::Top));
    for _ in 0..=figure.line {
        app.update(Action::Command(Command::Down));
    }
    let buffer = draw(&app, &pictures);
    let reader = self::reader(&app);
    assert_eq!(reader.top, figure.line + 1);
    assert_eq!(colours(&buffer, left, pane.y, 4), "GG GG WW WW");
    assert!(text(&buffer).lines().nth(usize::from(pane.y) + 1).is_some_and(|l| l.contains("[image 1")));
}

#[test]
fn under_an_overlay_no_picture_is_drawn() {
    let dir = library();
    let mut app = open(dir.path(), (60, 16));
    let pictures = pictures(&app);
    app.update(Action::Command(Command::Help));
    let buffer = draw(&app, &pictures);
    let area = buffer.area;
    let red = Color::Rgb(255, 0, 0);
    let any_red =
        (0..area.height).any(|y| (0..area.width).any(|x| buffer[(x, y)].fg == red || buffer[(x, y)].bg == red));
    assert!(!any_red, "a picture under the help:\n{}", text(&buffer));
}

#[test]
fn an_image_that_cannot_be_drawn_takes_no_room_and_says_why_after_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("bomb.png"), dir.path().join("bomb.png")).expect("copy");
    let body = "<p>One.</p><p><img src='bomb.png' alt='bomb'></p><p><img src='gone.png' alt='gone'></p><p>Two.</p>";
    std::fs::write(dir.path().join("broken.md"), format!("---\ntitle: 'Broken'\ndate: 2024-01-01\n---\n{body}"))
        .expect("write");
    let app = open(dir.path(), (140, 20));
    let reader = reader(&app);
    assert!(reader.layout.figures.is_empty(), "{:?}", reader.layout.figures);
    let screen = text(&draw(&app, &Pictures::new()));
    assert!(screen.contains("[image 1: bomb] — not shown: too large to draw (20000×20000 pixels)"), "{screen}");
    assert!(screen.contains("[image 2: gone] — not shown: no such file"), "{screen}");
    // The text is where it is without images.
    let plain = folio::layout::layout(&reader.document, reader.layout.width, Default::default());
    let plain: Vec<String> = plain.lines.iter().map(|l| l.text().to_owned()).collect();
    assert_eq!(line_texts(reader), plain);
}
