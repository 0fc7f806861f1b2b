//! Emoji sequences terminals draw at different widths (👨‍👩‍👧 joined by
//! U+200D, ❤️ with a variation selector, 👍🏽 with a skin tone) in titles
//! and text: each is drawn as its first character in the columns folio
//! counted (a flag 🇯🇵 as `JP`), so the screen holds no stale or shifted
//! cell after moving.

use crate::pty::{Library, Term, write};

const FAMILY: &str = "Family \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} trip";
const HEART: &str = "Love \u{2764}\u{fe0f} and peace";
const THUMBS: &str = "Thumbs \u{1f44d}\u{1f3fd} up";
const FLAGS: &str = "Flags \u{1f1ef}\u{1f1f5}\u{1f1fa}\u{1f1f8} x";

/// The sidebar's rule: right of its 33 columns at 100 columns.
const RULE: u16 = 33;

fn assert_whole(screen: &vt100::Screen) {
    assert_no_parts(screen);
    let contents = screen.contents();
    for row in 0..29 {
        let rule = screen.cell(row, RULE).map(|c| c.contents());
        assert_eq!(rule, Some("│"), "row {row} has no rule at column {RULE}:\n{contents}");
    }
}

/// No part of a sequence reached the screen (in a box too).
fn assert_no_parts(screen: &vt100::Screen) {
    let contents = screen.contents();
    for part in ['\u{1f469}', '\u{1f467}', '\u{1f3fd}', '\u{200d}', '\u{fe0f}', '\u{1f1ef}', '\u{1f1f5}'] {
        assert!(!contents.contains(part), "{part:?} drawn:\n{contents}");
    }
}

#[test]
fn joined_emoji_are_drawn_in_the_columns_counted_and_leave_nothing_behind() {
    let library = Library::new();
    let folder = library.path("emoji");
    for (n, title) in [FAMILY, HEART, THUMBS, FLAGS].iter().enumerate() {
        let text = format!("---\ntitle: \"{title}\"\ndate: 2024-01-0{}\n---\n<p>{title}: {title}.</p>\n", n + 1);
        write(&folder.join(format!("{n}.md")), &text);
    }
    let mut term = Term::folio_sized(&library, &[&folder], (30, 100));
    term.wait_for("4/4 articles");
    term.look(assert_whole);
    let family = term.look(|s| s.contents().lines().find(|l| l.starts_with("Family")).map(str::to_owned));
    // The family's two columns: the man, then the text as counted.
    let expected = format!("Family \u{1f468} trip{}│", " ".repeat(usize::from(RULE) - 14));
    assert_eq!(family.as_deref().map(str::trim_end), Some(expected.as_str()));
    // Rows redrawn in part as the selection moves, then the text.
    for key in ["j", "j", "k", "G", "g"] {
        let frames = term.frame_count();
        term.send(key);
        term.wait_until_after(frames, "a new frame", |_| true);
        term.look_live(assert_whole);
    }
    term.send("G\r");
    term.wait_for("Family \u{1f468} trip:");
    term.look_live(assert_whole);
    // The flags as their letters; the articles in turn, and a box over them.
    term.send("hg\r");
    term.wait_for("Flags JPUS x:");
    for key in ["J", "J", "K", "P", "\x1b", "?", "\x1b"] {
        let frames = term.frame_count();
        term.send(key);
        term.wait_until_after(frames, "a new frame", |_| true);
        let boxed = matches!(key, "P" | "?");
        term.look_live(if boxed { assert_no_parts } else { assert_whole });
    }
    term.send("q");
    assert!(term.wait_exit().success());
}
