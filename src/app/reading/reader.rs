//! The open article: its document, laid out at the pane's width, and how
//! far it is scrolled. A new width keeps the same text at the top.

use super::find::Find;
use crate::document::Document;
use crate::layout::{Layout, Measures, Options, layout_with};

#[derive(Debug)]
pub struct Reader {
    /// Index into `App::articles`.
    pub article: usize,
    pub document: Document,
    pub layout: Layout,
    /// The document's texts measured for breaking, for the next layout.
    measures: Measures,
    /// The first line on screen.
    pub top: usize,
    /// The text position the reader has scrolled to: kept across re-layouts
    /// so that resizing there and back returns to the same place.
    anchor: usize,
    /// Text being found in the article.
    pub find: Option<Find>,
    /// The file was deleted on disk; the article stays readable.
    pub deleted: bool,
}

/// An article read and parsed (on a worker), and laid out there at the
/// width the pane had when it was asked for.
#[derive(Debug)]
pub struct Opened {
    pub document: Document,
    laid_out: Option<(Layout, Measures)>,
}

impl Opened {
    /// `document` laid out at `width` now.
    pub fn laid_out(document: Document, width: usize) -> Opened {
        let mut measures = Measures::default();
        let layout = layout_with(&document, width, Options::default(), &mut measures);
        Opened { document, laid_out: Some((layout, measures)) }
    }

    /// The layout at `width`: the one made already if it is at that width.
    fn at(self, width: usize) -> (Document, Layout, Measures) {
        match self.laid_out {
            Some((layout, measures)) if layout.width == width => (self.document, layout, measures),
            _ => {
                let mut measures = Measures::default();
                let layout = layout_with(&self.document, width, Options::default(), &mut measures);
                (self.document, layout, measures)
            }
        }
    }
}

/// Not laid out yet (tests, and whoever has only a document).
impl From<Document> for Opened {
    fn from(document: Document) -> Opened {
        Opened { document, laid_out: None }
    }
}

impl Reader {
    pub fn new(article: usize, opened: impl Into<Opened>, width: usize) -> Reader {
        let (document, layout, measures) = opened.into().at(width);
        Reader { article, document, layout, measures, top: 0, anchor: 0, find: None, deleted: false }
    }

    /// Lays the article out at `width`, keeping the text that was at the
    /// top of the pane at the top.
    pub fn relayout(&mut self, width: usize, height: usize) {
        if self.layout.width != width {
            self.layout = layout_with(&self.document, width, Options::default(), &mut self.measures);
            self.top = self.layout.line_at(self.anchor);
            if let Some(find) = &mut self.find {
                find.search(&self.layout, self.top);
            }
        }
        self.top = self.top.min(self.max_top(height));
    }

    /// The article changed on disk: show the new text at the same place.
    pub fn reload(&mut self, opened: Opened, height: usize) {
        (self.document, self.layout, self.measures) = opened.at(self.layout.width);
        self.top = self.layout.line_at(self.anchor).min(self.max_top(height));
        if let Some(find) = &mut self.find {
            find.search(&self.layout, self.top);
        }
    }

    /// The text position at the top of the pane (kept across widths).
    pub fn anchor(&self) -> usize {
        self.anchor
    }

    /// Scrolls so that text position `anchor` is at the top.
    pub fn go_to(&mut self, anchor: usize, height: usize) {
        self.top = self.layout.line_at(anchor).min(self.max_top(height));
        self.anchor = anchor;
    }

    pub fn scroll(&mut self, lines: isize, height: usize) {
        self.top = self.top.saturating_add_signed(lines).min(self.max_top(height));
        self.anchor = self.layout.pos_at(self.top);
    }

    /// Shows the current match, a third of the way down the pane.
    pub fn show_match(&mut self, height: usize) {
        if let Some(found) = self.find.as_ref().and_then(Find::current_match) {
            self.top = found.line.saturating_sub(height / 3).min(self.max_top(height));
            self.anchor = self.layout.pos_at(self.top);
        }
    }

    fn max_top(&self, height: usize) -> usize {
        self.layout.lines.len().saturating_sub(height)
    }

    /// How far down the article the pane's bottom is, in percent.
    pub fn percent(&self, height: usize) -> usize {
        let total = self.layout.lines.len();
        if total <= height { 100 } else { ((self.top + height).min(total) * 100) / total }
    }
}
