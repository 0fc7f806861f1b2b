//! The reading pane's state: the article asked for, the open article (its
//! layout, scroll and find), the time it was opened (it counts as read
//! after a while), and the find line.

mod find;
mod reader;

pub use find::{Find, Match};
pub use reader::{Geometry, ImageState, Opened, Reader};

use super::query_line::{History, LineAid, LineKey};
use crate::text::Edit;
use std::time::{Duration, Instant};

/// An article open this long counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(3);

/// What became of an article read from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// It is open now, at the top or at `Reading::open`'s place.
    Opened,
    /// The open article changed on disk: the new text at the same place.
    Reloaded,
    /// Not the article asked for (another was asked for since): dropped.
    Stale,
}

#[derive(Debug, Default)]
pub struct Reading {
    /// The open article.
    pub open: Option<Reader>,
    /// An article asked for and not yet read.
    pub opening: Option<usize>,
    /// When the open article was opened, until it is marked by hand.
    opened_at: Option<Instant>,
    /// The find line has the keys.
    pub editing_find: bool,
    /// The walk through earlier finds under way.
    pub find_aid: LineAid,
}

impl Reading {
    /// The open article's number.
    pub fn article(&self) -> Option<usize> {
        self.open.as_ref().map(|reader| reader.article)
    }

    /// Asks for article `article`'s body.
    pub fn ask(&mut self, article: usize) {
        self.opening = Some(article);
    }

    /// Stops waiting for the article asked for (Esc while it opens): what
    /// comes for it is dropped. Whether one was being waited for.
    pub fn cancel(&mut self) -> bool {
        self.opening.take().is_some()
    }

    /// Article `article`'s document came, at `now`: it opens at `width`
    /// (at text position `place` if given), or replaces the open one's text.
    pub fn arrived(
        &mut self,
        article: usize,
        document: impl Into<Opened>,
        (width, height): (usize, usize),
        place: Option<usize>,
        now: Instant,
    ) -> Arrival {
        if self.opening != Some(article) {
            return Arrival::Stale;
        }
        self.opening = None;
        if let Some(reader) = self.open.as_mut().filter(|r| r.article == article) {
            reader.reload(document.into(), height);
            return Arrival::Reloaded;
        }
        let mut reader = Reader::new(article, document, width);
        if let Some(offset) = place {
            reader.go_to(offset, height);
        }
        self.open = Some(reader);
        self.opened_at = Some(now);
        Arrival::Opened
    }

    /// Article `article` could not be read: whether it was the one asked
    /// for (a read nobody waits for any more is no news).
    pub fn failed(&mut self, article: usize) -> bool {
        let asked = self.opening == Some(article);
        if asked {
            self.opening = None;
        }
        asked
    }

    pub fn scroll(&mut self, lines: isize, height: usize) {
        if let Some(reader) = &mut self.open {
            reader.scroll(lines, height);
        }
    }

    /// The pane is now `width` columns and `height` rows, images drawn
    /// as `geometry` says.
    pub fn relayout(&mut self, width: usize, height: usize, geometry: Option<Geometry>) {
        if let Some(reader) = &mut self.open {
            reader.relayout(width, height, geometry);
        }
    }

    /// When the open article counts as read by time, unless marked by hand.
    pub fn read_deadline(&self) -> Option<Instant> {
        self.open.as_ref()?;
        Some(self.opened_at? + READ_AFTER)
    }

    /// Whether the open article counts as read by time or by scrolling.
    pub fn reads_by_itself(&self) -> bool {
        self.opened_at.is_some()
    }

    /// Marked by hand: no longer read by time or by scrolling.
    pub fn marked_by_hand(&mut self) {
        self.opened_at = None;
    }

    /// Where the open article is read to: the text position at the top,
    /// and the part of it above the pane's bottom (0 when it fits).
    pub fn place(&self, height: usize) -> Option<(usize, usize, f64)> {
        let reader = self.open.as_ref()?;
        let lines = reader.layout.lines.len();
        let progress = if lines <= height { 0.0 } else { (reader.top + height).min(lines) as f64 / lines as f64 };
        Some((reader.article, reader.anchor(), progress))
    }

    // ----- find in the article -----

    /// `/` in the reader: the find line opens.
    pub fn start_find(&mut self) {
        if let Some(reader) = &mut self.open {
            self.editing_find = true;
            self.find_aid.reset();
            reader.find.get_or_insert_with(Find::default).line.apply(&Edit::End);
        }
    }

    /// A key of the find line (an edit, or ↑/↓ through `history`; the text
    /// finds nothing to complete); finds it again from the top of the pane.
    pub fn find_key(&mut self, key: LineKey, history: &History, height: usize) {
        let Some(reader) = &mut self.open else { return };
        let top = reader.top;
        let find = reader.find.get_or_insert_with(Find::default);
        let changed = match key {
            LineKey::Edit(edit) => {
                self.find_aid.reset();
                find.line.apply(&edit)
            }
            LineKey::Older => self.find_aid.walk(&mut find.line, history, true),
            LineKey::Newer => self.find_aid.walk(&mut find.line, history, false),
            LineKey::Complete { .. } => false,
        };
        if changed {
            find.search(&reader.layout, top);
            reader.show_match(height);
        }
    }

    /// Enter: the matches stay, the line closes.
    pub fn accept_find(&mut self) {
        self.editing_find = false;
        self.find_aid.reset();
    }

    /// Esc: no find.
    pub fn cancel_find(&mut self) {
        self.editing_find = false;
        self.find_aid.reset();
        if let Some(reader) = &mut self.open {
            reader.find = None;
        }
    }

    /// `n` / `N`: the next or previous match, shown.
    pub fn step_match(&mut self, step: isize, height: usize) {
        if let Some(reader) = &mut self.open
            && let Some(find) = &mut reader.find
        {
            find.step(step);
            reader.show_match(height);
        }
    }

    /// The open article was deleted on disk (`true`) or written again.
    pub fn set_deleted(&mut self, article: usize, deleted: bool) {
        if let Some(reader) = self.open.as_mut().filter(|r| r.article == article) {
            reader.deleted = deleted;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Base, BodyKind, Document};
    use std::path::Path;

    fn document(paragraphs: usize) -> Document {
        let html: String = (0..paragraphs).map(|n| format!("<p>paragraph {n} of the article</p>")).collect();
        Document::parse(&html, BodyKind::Html, &Base::for_article(None, Path::new("/lib/a.md")), &[])
    }

    #[test]
    fn only_the_article_asked_for_opens() {
        let mut reading = Reading::default();
        let now = Instant::now();
        reading.ask(1);
        reading.ask(2);
        assert_eq!(reading.arrived(1, document(3), (40, 10), None, now), Arrival::Stale);
        assert_eq!(reading.arrived(2, document(3), (40, 10), None, now), Arrival::Opened);
        assert_eq!(reading.article(), Some(2));
        assert_eq!(reading.read_deadline(), Some(now + READ_AFTER));
        reading.ask(2);
        assert_eq!(reading.arrived(2, document(3), (40, 10), None, now), Arrival::Reloaded);
        reading.marked_by_hand();
        assert_eq!(reading.read_deadline(), None);
    }

    #[test]
    fn an_article_opens_at_its_place_and_reports_its_progress() {
        let mut reading = Reading::default();
        reading.ask(0);
        let place = {
            let probe = Reader::new(0, document(100), 40);
            probe.layout.pos_at(50)
        };
        reading.arrived(0, document(100), (40, 10), Some(place), Instant::now());
        let (article, anchor, progress) = reading.place(10).expect("open");
        assert_eq!((article, anchor), (0, place));
        assert!(progress > 0.2 && progress < 1.0, "{progress}");
        reading.scroll(isize::MAX / 2, 10);
        assert_eq!(reading.place(10).map(|(_, _, p)| p), Some(1.0), "the end");
    }

    #[test]
    fn find_opens_only_on_an_open_article_and_steps_round() {
        let mut reading = Reading::default();
        reading.start_find();
        assert!(!reading.editing_find, "nothing to find in");
        reading.ask(0);
        reading.arrived(0, document(40), (40, 10), None, Instant::now());
        reading.start_find();
        reading.find_key(LineKey::Edit(Edit::Insert("paragraph 3".into())), &History::default(), 10);
        let find = reading.open.as_ref().and_then(|r| r.find.as_ref()).expect("a find");
        // paragraph 3, 30…39
        assert_eq!(find.matches.len(), 11);
        reading.step_match(-1, 10);
        let current = reading.open.as_ref().and_then(|r| r.find.as_ref()).map(|f| f.current);
        assert_eq!(current, Some(10), "round the start");
        reading.cancel_find();
        assert!(reading.open.as_ref().is_some_and(|r| r.find.is_none()) && !reading.editing_find);
    }
}
