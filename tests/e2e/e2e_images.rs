//! Images in the reading pane, end to end: the kitty graphics sequence is
//! written for a local image with `FOLIO_IMAGES=kitty` (and deleted when
//! another article opens), none with `off`; half-blocks draw the fixture's
//! known colours and follow a resize; web images from a local server come,
//! or say why, while the reader keeps answering keys, and come from the
//! cache the next time with the server gone.

use crate::http::Server;
use crate::pty::{Library, Term, find, poll, write};
use std::path::Path;
use std::time::Duration;

const KITTY: &[u8] = b"\x1b_G";
/// Deleting one of folio's images by its id.
const KITTY_DELETE: &[u8] = b"\x1b_Ga=d,d=I,i=";
/// Kitty's placeholder character, U+10EEEE, in UTF-8.
const PLACEHOLDER: &[u8] = "\u{10EEEE}".as_bytes();

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images").join(name)
}

/// The library with an article (first by date) showing `colours.png`,
/// which lies next to it.
fn picture_library() -> Library {
    let library = Library::new();
    write(
        &library.posts().join("colours.md"),
        "---\ntitle: 'Colour squares'\ndate: 2030-01-01\n---\n<p>Before the squares.</p>\n\
         <figure><img src=\"colours.png\" alt=\"four squares\"></figure>\n<p>After the squares.</p>\n",
    );
    std::fs::copy(fixture("colours.png"), library.posts().join("colours.png")).expect("copy the picture");
    library
}

fn open_first(library: &Library, images: &str) -> Term {
    let mut term = Term::folio(library, &[library.root().as_os_str()], &[("FOLIO_IMAGES", images)]);
    term.wait_for("Colour squares");
    term.send("\r");
    term.wait_for("After the squares.");
    term
}

fn wait_for_bytes(term: &Term, what: &str, bytes: &[u8]) {
    poll(what, Duration::from_secs(10), || find(&term.raw(), bytes).is_some(), || term.contents());
}

/// Whether a cell of the screen has `rgb` as its fore- or background.
fn shows_colour(screen: &vt100::Screen, rgb: (u8, u8, u8)) -> bool {
    shows_colour_within(screen, rgb, 0)
}

/// Whether a cell's fore- or background is within `tolerance` of `rgb` in
/// every channel (scaling blends colours a little).
fn shows_colour_within(screen: &vt100::Screen, rgb: (u8, u8, u8), tolerance: u8) -> bool {
    let (rows, cols) = screen.size();
    let near = |c: vt100::Color| match c {
        vt100::Color::Rgb(r, g, b) => {
            [(r, rgb.0), (g, rgb.1), (b, rgb.2)].iter().all(|(a, b)| a.abs_diff(*b) <= tolerance)
        }
        _ => false,
    };
    (0..rows.get()).any(|row| {
        (0..cols.get()).any(|col| screen.cell(row, col).is_some_and(|c| near(c.fgcolor()) || near(c.bgcolor())))
    })
}

#[test]
fn kitty_graphics_are_written_for_a_local_image_and_deleted_when_another_opens() {
    let library = picture_library();
    let mut term = open_first(&library, "kitty");
    wait_for_bytes(&term, "the kitty graphics sequence", KITTY);
    wait_for_bytes(&term, "kitty's placeholder cells", PLACEHOLDER);
    let transmitted = find(&term.raw(), KITTY).expect("sent");
    assert!(find(&term.raw()[..transmitted], KITTY_DELETE).is_none());
    // The id it was sent with: `…,i=ID,a=T,…`.
    let raw = term.raw();
    let at = find(&raw, b",a=T").expect("a transmission");
    let start = raw[..at].iter().rposition(|&b| b == b'=').expect("i=") + 1;
    let id = String::from_utf8_lossy(&raw[start..at]).into_owned();
    assert!(id.parse::<u32>().is_ok(), "id {id:?}");
    // Another article opens: that image is deleted from the terminal.
    term.send("h");
    term.send("j\r");
    term.wait_for("A Reader's Case");
    let delete = format!("\x1b_Ga=d,d=I,i={id},");
    wait_for_bytes(&term, "the kitty image deleted by its id", delete.as_bytes());
    term.send("q");
    assert!(term.wait_exit().success());
    term.assert_restored();
}

#[test]
fn auto_asks_the_terminal_and_draws_half_blocks_when_it_names_no_protocol() {
    let library = picture_library();
    let mut term = open_first(&library, "auto");
    // The question was asked (the harness answers as a VT220 without sixel).
    let raw = term.raw();
    for question in [&b"\x1b_Gi=31"[..], b"\x1b[c", b"\x1b[16t", b"\x1b[>q", b"\x1b[5n"] {
        assert!(find(&raw, question).is_some(), "{} not asked", question.escape_ascii());
    }
    term.wait_until("red half-blocks", |s| shows_colour(s, (255, 0, 0)));
    assert!(find(&term.raw(), b",a=T").is_none(), "no kitty image sent");
    term.send("I");
    term.send("I");
    term.wait_for("Images shown (half-blocks)");
    term.send("q");
    assert!(term.wait_exit().success());
    term.assert_restored();
}

#[test]
fn with_images_off_no_graphics_are_written_and_the_marker_stays() {
    let library = picture_library();
    let mut term = open_first(&library, "off");
    std::thread::sleep(Duration::from_millis(500));
    let raw = term.raw();
    assert!(find(&raw, KITTY).is_none(), "no kitty sequence");
    assert!(find(&raw, b"\x1bP").is_none(), "no sixel or passthrough");
    let rows = term.rows(0, 100);
    let before = rows.iter().position(|r| r.contains("Before the squares.")).expect("before");
    assert!(rows[before + 2].contains("[image 1: four squares]"), "{rows:#?}");
    // I says why images cannot be drawn.
    term.send("I");
    term.wait_for("Images cannot be drawn: images are off");
    term.send("q");
    assert!(term.wait_exit().success());
    term.assert_restored();
}

#[test]
fn half_blocks_draw_the_known_colours_above_the_marker_and_follow_a_resize() {
    let library = picture_library();
    let mut term = open_first(&library, "halfblocks");
    term.wait_until("red and blue half-blocks", |s| shows_colour(s, (255, 0, 0)) && shows_colour(s, (0, 0, 255)));
    let rows = term.rows(0, 100);
    let before = rows.iter().position(|r| r.contains("Before the squares.")).expect("before");
    let marker = rows.iter().position(|r| r.contains("[image 1: four squares]")).expect("marker");
    // 40×40 pixels in 10×20 cells: two rows of picture between the blank and the marker.
    assert_eq!(marker, before + 4, "{rows:#?}");
    // I hides them: the marker comes up under the paragraph.
    term.send("I");
    term.wait_for("Images hidden");
    term.wait_until("no picture", |s| !shows_colour(s, (255, 0, 0)));
    term.send("I");
    term.wait_for("Images shown (half-blocks)");
    term.wait_until("the picture again", |s| shows_colour(s, (255, 0, 0)));
    term.resize(16, 50);
    term.wait_until("the picture after a resize", |s| {
        (s.size().0.get(), s.size().1.get()) == (16, 50)
            && shows_colour(s, (255, 0, 0))
            && s.contents().contains("After the squares.")
    });
    term.send("q");
    assert!(term.wait_exit().success());
    term.assert_restored();
}

#[test]
fn web_images_come_or_say_why_and_come_from_the_cache_next_time() {
    let server = Server::start(std::fs::read(fixture("colours.png")).expect("fixture"));
    let library = Library::new();
    let figures: String = ["ok", "slow", "loop", "huge", "page", "missing"]
        .iter()
        .map(|name| format!("<p><img src=\"{}\" alt=\"{name}\"></p>\n", server.url(&format!("/{name}.png"))))
        .collect();
    write(
        &library.posts().join("web.md"),
        &format!(
            "---\ntitle: 'Pictures from the web'\ndate: 2030-01-01\n---\n<p>Web pictures.</p>\n{figures}<p>The end.</p>\n"
        ),
    );
    let extra = [("FOLIO_IMAGES", "halfblocks"), ("FOLIO_FETCH_TIMEOUT", "3")];
    let mut term = Term::folio(&library, &[library.root().as_os_str()], &extra);
    term.wait_for("Pictures from the web");
    term.send("\r");
    term.wait_for("The end.");
    term.wait_until("the image from the server", |s| shows_colour(s, (255, 0, 0)));
    for reason in ["too many redirects", "larger than 20 MB", "not an image (text/html)", "404"] {
        term.wait_for(reason);
    }
    // The slow one is still on its way: the reader answers keys meanwhile.
    assert!(!term.contents().contains("no answer in time"), "{}", term.contents());
    let row_of = |screen: &vt100::Screen| screen.contents().lines().position(|l| l.contains("Web pictures."));
    let before = term.look(row_of).expect("the first paragraph");
    term.send("j");
    term.wait_until("scrolled a line", |s| row_of(s) == Some(before - 1));
    term.wait_until_in(Duration::from_secs(10), "the slow image given up", |s| {
        s.contents().contains("no answer in time")
    });
    term.send("q");
    assert!(term.wait_exit().success());
    term.assert_restored();
    drop(server);
    // Offline now: the image that came is drawn from the cache.
    let mut term = Term::folio(&library, &[library.root().as_os_str()], &extra);
    term.wait_for("Pictures from the web");
    term.send("\r");
    term.wait_for("The end.");
    term.wait_until("the image from the cache", |s| shows_colour(s, (255, 0, 0)));
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn folio_show_images_prints_the_picture_in_a_terminal() {
    let library = picture_library();
    let article = library.posts().join("colours.md");
    let folio = env!("CARGO_BIN_EXE_folio");
    let script = format!("'{folio}' show --images --width 60 '{}'; echo SHOWN; sleep 5", article.display());
    let term = Term::sh(&library, &script, &[("FOLIO_IMAGES", "halfblocks")]);
    term.wait_for_output("SHOWN");
    let screen = term.live_contents();
    let before = screen.lines().position(|l| l.contains("Before the squares.")).expect("before");
    let marker = screen.lines().position(|l| l.contains("[image 1: four squares]")).expect("marker");
    assert_eq!(marker, before + 4, "two rows of picture between:\n{screen}");
    assert!(term.look_live(|s| shows_colour_within(s, (255, 0, 0), 63)), "{screen}");
}
