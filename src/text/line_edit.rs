//! Editing a one-line input as a shell's line editor does: a cursor that
//! moves by character (grapheme cluster) and by word, typing and deleting
//! at it, and the kill keys (`Ctrl-u`, `Ctrl-k`, `Ctrl-w`).

use unicode_segmentation::UnicodeSegmentation;

/// One edit of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Typed or pasted text, at the cursor (controls dropped, line breaks
    /// and tabs become one space each run).
    Insert(String),
    /// The character before the cursor.
    Backspace,
    /// The character at the cursor.
    Delete,
    Left,
    Right,
    Home,
    End,
    /// To the start of this word (or the previous one).
    WordLeft,
    /// To the end of this word (or the next one).
    WordRight,
    /// Everything before the cursor.
    KillToStart,
    /// Everything from the cursor on.
    KillToEnd,
    /// The space-separated word before the cursor (as `Ctrl-w` in a shell).
    KillWordBack,
    /// To the end of the word at the cursor (`Alt-d`).
    KillWordForward,
}

impl Edit {
    /// Whether the edit can change the text (not only move the cursor).
    pub fn changes_text(&self) -> bool {
        !matches!(self, Edit::Left | Edit::Right | Edit::Home | Edit::End | Edit::WordLeft | Edit::WordRight)
    }
}

/// A line being edited: its text and the cursor, a byte offset always on
/// a grapheme boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    cursor: usize,
}

impl Line {
    /// `text` with the cursor at its end.
    pub fn new(text: impl Into<String>) -> Line {
        let text = text.into();
        let cursor = text.len();
        Line { text, cursor }
    }

    /// The cursor, a byte offset into `text`.
    pub fn cursor(&self) -> usize {
        self.cursor.min(self.text.len())
    }

    /// The text before the cursor.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor()]
    }

    /// Replaces the whole text (the cursor goes to its end).
    pub fn set(&mut self, text: impl Into<String>) {
        *self = Line::new(text);
    }

    /// Replaces bytes `range` of the text with `with`, the cursor after it.
    pub fn replace(&mut self, range: std::ops::Range<usize>, with: &str) {
        let range = range.start.min(self.text.len())..range.end.min(self.text.len());
        if !self.text.is_char_boundary(range.start) || !self.text.is_char_boundary(range.end) {
            return;
        }
        self.text.replace_range(range.clone(), with);
        self.cursor = range.start + with.len();
    }

    /// Applies `edit`; returns whether the text changed.
    pub fn apply(&mut self, edit: &Edit) -> bool {
        let at = self.cursor();
        let before = self.text.len();
        match edit {
            Edit::Insert(text) => {
                let clean = one_line(text);
                self.text.insert_str(at, &clean);
                self.cursor = at + clean.len();
                return !clean.is_empty();
            }
            Edit::Backspace => {
                let start = previous_boundary(&self.text, at);
                self.text.replace_range(start..at, "");
                self.cursor = start;
            }
            Edit::Delete => {
                let end = next_boundary(&self.text, at);
                self.text.replace_range(at..end, "");
            }
            Edit::Left => self.cursor = previous_boundary(&self.text, at),
            Edit::Right => self.cursor = next_boundary(&self.text, at),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::WordLeft => self.cursor = word_start(&self.text, at),
            Edit::WordRight => self.cursor = word_end(&self.text, at),
            Edit::KillToStart => {
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            Edit::KillToEnd => self.text.truncate(at),
            Edit::KillWordForward => {
                let end = word_end(&self.text, at);
                self.text.replace_range(at..end, "");
            }
            Edit::KillWordBack => {
                let kept = self.text[..at].trim_end_matches(char::is_whitespace);
                let start = kept.trim_end_matches(|c: char| !c.is_whitespace()).len();
                self.text.replace_range(start..at, "");
                self.cursor = start;
            }
        }
        self.text.len() != before
    }
}

/// `text` as one line: controls out, each run of line breaks and tabs one
/// space (a paste of several lines reads as one query).
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_break = false;
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            if !in_break && !out.is_empty() {
                out.push(' ');
            }
            in_break = true;
        } else if !c.is_control() && !crate::text::is_bidi(c) {
            out.push(c);
            in_break = false;
        }
    }
    // A paste that ends in a line break leaves no space behind.
    if in_break && out.ends_with(' ') {
        out.pop();
    }
    out
}

fn previous_boundary(text: &str, at: usize) -> usize {
    text[..at].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
}

fn next_boundary(text: &str, at: usize) -> usize {
    text[at..].graphemes(true).next().map_or(at, |g| at + g.len())
}

/// A word, for moving by words: letters and digits (of any script).
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn word_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    let kept = head.trim_end_matches(|c: char| !is_word(c));
    kept.trim_end_matches(is_word).len()
}

fn word_end(text: &str, at: usize) -> usize {
    let tail = &text[at..];
    let skipped = tail.len() - tail.trim_start_matches(|c: char| !is_word(c)).len();
    let word = &tail[skipped..];
    at + skipped + (word.len() - word.trim_start_matches(is_word).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `|` for the cursor, after `edits`.
    fn after(start: &str, edits: &[Edit]) -> String {
        let at = start.find('|').expect("a cursor");
        let mut line = Line::new(start.replace('|', ""));
        line.cursor = at;
        for edit in edits {
            line.apply(edit);
        }
        let mut shown = line.text.clone();
        shown.insert(line.cursor(), '|');
        shown
    }

    #[test]
    fn typing_and_deleting_happen_at_the_cursor() {
        assert_eq!(after("ab|cd", &[Edit::Insert("X".into())]), "abX|cd");
        assert_eq!(after("ab|cd", &[Edit::Backspace]), "a|cd");
        assert_eq!(after("ab|cd", &[Edit::Delete]), "ab|d");
        assert_eq!(after("|ab", &[Edit::Backspace]), "|ab");
        assert_eq!(after("ab|", &[Edit::Delete]), "ab|");
    }

    #[test]
    fn the_cursor_moves_by_character_over_cjk_and_clusters() {
        assert_eq!(after("乌克|兰", &[Edit::Left]), "乌|克兰");
        assert_eq!(after("乌克|兰", &[Edit::Right, Edit::Right]), "乌克兰|");
        // A family emoji (joined by ZWJ) and an accent are one step each.
        assert_eq!(after("a👩‍👩‍👧|", &[Edit::Left]), "a|👩‍👩‍👧");
        assert_eq!(after("e\u{301}|x", &[Edit::Backspace]), "|x");
        assert_eq!(after("a|b", &[Edit::Home]), "|ab");
        assert_eq!(after("a|b", &[Edit::End]), "ab|");
    }

    #[test]
    fn words_are_letters_and_digits() {
        assert_eq!(after("author:ann body:北约|", &[Edit::WordLeft]), "author:ann body:|北约");
        assert_eq!(after("author:ann body:北约|", &[Edit::WordLeft, Edit::WordLeft]), "author:ann |body:北约");
        assert_eq!(after("|author:ann body", &[Edit::WordRight]), "author|:ann body");
        assert_eq!(after("author|:ann body", &[Edit::WordRight]), "author:ann| body");
        assert_eq!(after("  |", &[Edit::WordLeft]), "|  ");
    }

    #[test]
    fn kill_keys_as_in_a_shell() {
        assert_eq!(after("cat:rust is:un|read", &[Edit::KillToStart]), "|read");
        assert_eq!(after("cat:rust is:un|read", &[Edit::KillToEnd]), "cat:rust is:un|");
        assert_eq!(after("cat:rust is:unread  |", &[Edit::KillWordBack]), "cat:rust |");
        assert_eq!(after("cat:rust is:unread|", &[Edit::KillWordBack, Edit::KillWordBack]), "|");
        assert_eq!(after("乌克兰 北约|x", &[Edit::KillWordBack]), "乌克兰 |x");
        assert_eq!(after("is:|unread cat:x", &[Edit::KillWordForward]), "is:| cat:x");
    }

    #[test]
    fn a_paste_of_several_lines_is_one_line() {
        assert_eq!(after("|", &[Edit::Insert("Far\nOut\r\n\r\n".into())]), "Far Out|");
        assert_eq!(after("a |b", &[Edit::Insert("x\ty\u{1b}[31m\u{202e}".into())]), "a x y[31m|b");
        assert_eq!(after("|", &[Edit::Insert("\n\nword".into())]), "word|");
    }

    #[test]
    fn only_some_edits_change_the_text() {
        let mut line = Line::new("ab");
        assert!(!line.apply(&Edit::Left));
        assert!(line.apply(&Edit::Delete));
        assert!(!line.apply(&Edit::Delete), "nothing at the cursor");
        assert!(!Edit::WordLeft.changes_text() && Edit::KillWordBack.changes_text());
        line.replace(0..1, "xyz");
        assert_eq!((line.text.as_str(), line.cursor()), ("xyz", 3));
    }
}
