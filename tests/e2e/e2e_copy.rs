//! `y` copies with OSC 52: the article's original link in the reader, the
//! chosen entry in the images box, wrapped for tmux's passthrough when
//! `TMUX` is set, and nothing written when config.toml turns it off.

use crate::pty::{IMAGES, Library, ORIGINAL, Term, find};

/// base64 of `ORIGINAL` and of `IMAGES[1]`, worked out by hand (Python's
/// `base64.b64encode`), so the test does not share folio's encoder.
const ORIGINAL_B64: &str = "aHR0cHM6Ly9leGFtcGxlLnRlc3Qvb3JpZ2luYWw/YT0xJmI9Mg==";
const SECOND_IMAGE_B64: &str = "aHR0cHM6Ly9leGFtcGxlLnRlc3QvdHdvLmpwZz93PTc3MCZyZXNpemU9NzcwJTJDNDMz";

fn open_the_long_article(term: &mut Term) {
    term.wait_for("3/3 articles");
    term.send("/守夜人\r");
    term.wait_for("1/3 articles · /守夜人");
    term.send("\r");
    term.wait_for("第一段");
}

fn wait_for_bytes(term: &Term, what: &str, bytes: &[u8]) {
    term.wait_until(what, |_| find(&term.raw(), bytes).is_some());
}

#[test]
fn y_copies_the_original_link_and_the_chosen_image_with_osc_52() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[("TMUX", "")]);
    open_the_long_article(&mut term);
    term.send("y");
    term.wait_for("Copied the original link: https://example.test/orig");
    assert!(ORIGINAL.starts_with("https://example.test/orig"));
    wait_for_bytes(&term, "the OSC 52 sequence", format!("\x1b]52;c;{ORIGINAL_B64}\x07").as_bytes());
    assert!(find(&term.raw(), b"\x1bPtmux;").is_none(), "not wrapped outside tmux");
    assert_eq!(IMAGES[1], "https://example.test/two.jpg?w=770&resize=770%2C433", "the URL encoded above");
    term.send("i");
    term.wait_for("Images");
    term.send("j");
    term.send("y");
    term.wait_for("Copied the image's URL");
    wait_for_bytes(&term, "the image's URL", format!("\x1b]52;c;{SECOND_IMAGE_B64}\x07").as_bytes());
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn inside_tmux_the_sequence_is_wrapped_for_passthrough() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[("TMUX", "/tmp/tmux-0/default,1,0")]);
    open_the_long_article(&mut term);
    term.send("y");
    let wrapped = format!("\x1bPtmux;\x1b\x1b]52;c;{ORIGINAL_B64}\x07\x1b\\");
    wait_for_bytes(&term, "the wrapped sequence", wrapped.as_bytes());
    term.send("q");
    assert!(term.wait_exit().success());
}

#[test]
fn osc52_false_writes_nothing_and_says_so() {
    let library = Library::new();
    library.write_config("osc52 = false\n");
    let mut term = Term::folio(&library, &[library.root()], &[]);
    open_the_long_article(&mut term);
    term.send("y");
    term.wait_for("Copying is off (osc52 = false in config.toml)");
    assert!(find(&term.raw(), b"\x1b]52;").is_none());
    term.send("q");
    assert!(term.wait_exit().success());
}
