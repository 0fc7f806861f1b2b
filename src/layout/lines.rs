//! Laid-out lines held compactly: every line's text in one buffer, each
//! line a range of styled runs in it (no `String` per span, no `Vec` per
//! line), so a laid-out article costs little more than its text.

use crate::document::Style;
use crate::width::DisplayWidth;

/// A run of one style: where it ends, in bytes from its line's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    end: u32,
    style: Style,
}

/// Where a line's text and runs begin, and its text position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LineStart {
    text: usize,
    runs: usize,
    pos: usize,
}

/// The lines of a layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    text: String,
    runs: Vec<Run>,
    starts: Vec<LineStart>,
    /// What the last run of the last line was joined under, if it may
    /// take more text.
    join_key: Option<Style>,
}

/// One line on screen, borrowed from its `Lines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    text: &'a str,
    runs: &'a [Run],
    /// Where the line's text starts, in characters of the document's text
    /// (all its blocks' text in order); the same at every width.
    pub pos: usize,
}

/// A styled piece of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl<'a> Line<'a> {
    /// The line's text, without styles.
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn width(&self) -> usize {
        self.text.width()
    }

    /// The line's styled pieces, in order; none is empty.
    pub fn spans(&self) -> impl Iterator<Item = Piece<'a>> + 'a {
        let text = self.text;
        let mut start = 0;
        self.runs.iter().map(move |run| {
            let end = run.end as usize;
            let piece = Piece { text: text.get(start..end).unwrap_or_default(), style: run.style };
            start = end;
            piece
        })
    }
}

impl Lines {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<Line<'_>> {
        let start = self.starts.get(index)?;
        let (text_end, runs_end) =
            self.starts.get(index + 1).map_or((self.text.len(), self.runs.len()), |next| (next.text, next.runs));
        Some(Line {
            text: self.text.get(start.text..text_end).unwrap_or_default(),
            runs: self.runs.get(start.runs..runs_end).unwrap_or_default(),
            pos: start.pos,
        })
    }

    /// Line `index`; panics past the end, as indexing a slice does.
    pub fn line(&self, index: usize) -> Line<'_> {
        match self.get(index) {
            Some(line) => line,
            None => panic!("line {index} of {}", self.len()),
        }
    }

    pub fn last(&self) -> Option<Line<'_>> {
        self.len().checked_sub(1).and_then(|last| self.get(last))
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Line<'_>> + ExactSizeIterator + '_ {
        (0..self.len()).map(|index| self.line(index))
    }

    /// The index of the first line whose position is after `pos`.
    pub(crate) fn partition_by_pos(&self, pos: usize) -> usize {
        self.starts.partition_point(|start| start.pos <= pos)
    }

    /// Starts a new, empty line at text position `pos`.
    pub(crate) fn begin(&mut self, pos: usize) {
        self.starts.push(LineStart { text: self.text.len(), runs: self.runs.len(), pos });
        self.join_key = None;
    }

    /// Adds a run to the line begun last (nothing if `text` is empty).
    pub(crate) fn push(&mut self, text: &str, style: Style) {
        self.add(text, style, None);
    }

    /// Adds text to the line begun last, in its last run if that was also
    /// joined under `key` (a text's spans of one style make one run where
    /// they meet, compared by their own style before a heading's or
    /// caption's is added; a prefix stays a run of its own).
    pub(crate) fn join(&mut self, text: &str, style: Style, key: Style) {
        self.add(text, style, Some(key));
    }

    fn add(&mut self, text: &str, style: Style, key: Option<Style>) {
        if text.is_empty() {
            return;
        }
        let line_start = self.starts.last().map_or(0, |start| start.text);
        self.text.push_str(text);
        let end = u32::try_from(self.text.len() - line_start).unwrap_or(u32::MAX);
        match self.runs.last_mut() {
            Some(last) if key.is_some() && self.join_key == key => last.end = end,
            _ => self.runs.push(Run { end, style }),
        }
        self.join_key = key;
    }

    /// Removes the last line.
    pub(crate) fn pop(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.text.truncate(start.text);
            self.runs.truncate(start.runs);
        }
        self.join_key = None;
    }

    /// Rebuilds the line table: line `i` is kept when `keep(i)` and gets
    /// `blanks_before(i)` empty lines before it, at its text position.
    /// Only the table changes (an empty line holds no text or runs).
    pub(crate) fn respace(
        &mut self,
        mut keep: impl FnMut(usize) -> bool,
        mut blanks_before: impl FnMut(usize) -> usize,
    ) {
        let mut starts = Vec::with_capacity(self.starts.len());
        for (index, start) in self.starts.iter().enumerate() {
            starts.extend(std::iter::repeat_n(*start, blanks_before(index)));
            if keep(index) {
                starts.push(*start);
            }
        }
        self.starts = starts;
        self.join_key = None;
    }

    /// Gives back the memory reserved beyond what the lines hold.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.runs.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

/// Lines from their text positions and pieces, each piece a run of its
/// own (a layout built by hand, as tests do).
impl<'a, P: IntoIterator<Item = Piece<'a>>> FromIterator<(usize, P)> for Lines {
    fn from_iter<I: IntoIterator<Item = (usize, P)>>(lines: I) -> Lines {
        let mut out = Lines::default();
        for (pos, pieces) in lines {
            out.begin(pos);
            for piece in pieces {
                out.push(piece.text, piece.style);
            }
        }
        out
    }
}

impl<'a> IntoIterator for &'a Lines {
    type Item = Line<'a>;
    type IntoIter = Box<dyn Iterator<Item = Line<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &Lines) -> Vec<Vec<(&str, Style)>> {
        lines.iter().map(|line| line.spans().map(|p| (p.text, p.style)).collect()).collect()
    }

    #[test]
    fn runs_join_only_where_asked_and_in_one_style() {
        let mut lines = Lines::default();
        lines.begin(0);
        lines.push("• ", Style::DECORATION);
        lines.join("a", Style::PLAIN, Style::PLAIN);
        lines.join("b", Style::PLAIN, Style::PLAIN);
        lines.join("", Style::STRONG, Style::STRONG);
        lines.join("c", Style::STRONG, Style::STRONG);
        lines.begin(3);
        lines.join("d", Style::PLAIN, Style::PLAIN);
        lines.push("e", Style::PLAIN);
        lines.join("f", Style::PLAIN, Style::PLAIN);
        // Styles made equal by the heading's: still runs of their own.
        lines.begin(6);
        lines.join("g", Style::STRONG, Style::STRONG);
        lines.join("h", Style::STRONG, Style::PLAIN);
        assert_eq!(
            texts(&lines),
            [
                vec![("• ", Style::DECORATION), ("ab", Style::PLAIN), ("c", Style::STRONG)],
                vec![("d", Style::PLAIN), ("e", Style::PLAIN), ("f", Style::PLAIN)],
                vec![("g", Style::STRONG), ("h", Style::STRONG)],
            ]
        );
        assert_eq!(lines.line(0).text(), "• abc");
        assert_eq!((lines.line(1).pos, lines.line(1).width()), (3, 3));
    }

    #[test]
    fn pop_takes_the_last_line_whole() {
        let mut lines = Lines::default();
        lines.begin(0);
        lines.join("one", Style::PLAIN, Style::PLAIN);
        lines.begin(4);
        lines.join("two", Style::PLAIN, Style::PLAIN);
        lines.pop();
        lines.join("!", Style::PLAIN, Style::PLAIN);
        assert_eq!(texts(&lines), [vec![("one", Style::PLAIN), ("!", Style::PLAIN)]]);
        assert_eq!(lines.len(), 1);
        assert!(lines.get(1).is_none());
        assert_eq!(lines.partition_by_pos(3), 1);
    }

    #[test]
    fn an_empty_line_has_no_pieces() {
        let mut lines = Lines::default();
        lines.begin(7);
        lines.begin(8);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines.line(0).spans().count(), 0);
        assert_eq!(lines.line(0).text(), "");
        assert_eq!(lines.last().map(|l| l.pos), Some(8));
    }
}
