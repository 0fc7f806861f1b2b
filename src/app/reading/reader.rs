//! The open article: its document, laid out at the pane's width, and how
//! far it is scrolled. A new width keeps the same text at the top.

use super::find::Find;
use crate::document::Document;
use crate::layout::{Layout, Measures, Options, layout_with, place_figures};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where an image of the open article stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageState {
    /// Not known yet (a web image on its way), or not to be drawn.
    Unknown,
    /// Its size in pixels.
    Sized(u32, u32),
    /// Why it cannot be drawn.
    Failed(String),
}

/// How images are drawn now: the font's cell in pixels and the most rows
/// one may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub cell: (u16, u16),
    pub max_rows: u16,
}

/// Each document opened gets a number of its own (its images' jobs carry it).
static OPENED: AtomicU64 = AtomicU64::new(1);

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
    /// Image `N`'s state is `images[N - 1]`.
    pub images: Vec<ImageState>,
    /// This document's number, new on each open and reload.
    pub generation: u64,
    /// How the figures in the layout were placed (`None`: no figures).
    placed: Option<Geometry>,
}

/// An article read and parsed (on a worker), and laid out there at the
/// width the pane had when it was asked for.
#[derive(Debug)]
pub struct Opened {
    pub document: Document,
    laid_out: Option<Box<(Layout, Measures)>>,
    /// The images' sizes known when it was read (`None`: not known yet).
    pub sizes: Vec<Option<Result<(u32, u32), String>>>,
}

impl Opened {
    /// `document` laid out at `width` now.
    pub fn laid_out(document: Document, width: usize) -> Opened {
        let mut measures = Measures::default();
        let layout = layout_with(&document, width, Options::default(), &mut measures);
        Opened { document, laid_out: Some(Box::new((layout, measures))), sizes: Vec::new() }
    }

    /// The images' sizes, as far as they are known.
    pub fn with_sizes(mut self, sizes: Vec<Option<Result<(u32, u32), String>>>) -> Opened {
        self.sizes = sizes;
        self
    }

    fn image_states(&self) -> Vec<ImageState> {
        (0..self.document.images.len())
            .map(|i| match self.sizes.get(i) {
                Some(Some(Ok((w, h)))) => ImageState::Sized(*w, *h),
                Some(Some(Err(why))) => ImageState::Failed(why.clone()),
                _ => ImageState::Unknown,
            })
            .collect()
    }

    /// The layout at `width`: the one made already if it is at that width.
    fn at(self, width: usize) -> (Document, Layout, Measures) {
        match self.laid_out.map(|laid_out| *laid_out) {
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
        Opened { document, laid_out: None, sizes: Vec::new() }
    }
}

impl Reader {
    pub fn new(article: usize, opened: impl Into<Opened>, width: usize) -> Reader {
        let opened = opened.into();
        let images = opened.image_states();
        let (document, layout, measures) = opened.at(width);
        Reader {
            article,
            document,
            layout,
            measures,
            top: 0,
            anchor: 0,
            find: None,
            deleted: false,
            images,
            generation: OPENED.fetch_add(1, Ordering::Relaxed),
            placed: None,
        }
    }

    /// Lays the article out at `width`, keeping the text that was at the
    /// top of the pane at the top, with its images drawn as `geometry`
    /// says (`None`: no images).
    pub fn relayout(&mut self, width: usize, height: usize, geometry: Option<Geometry>) {
        let mut changed = false;
        if self.layout.width != width {
            self.layout = layout_with(&self.document, width, Options::default(), &mut self.measures);
            self.top = self.layout.line_at(self.anchor);
            self.placed = None;
            changed = true;
        }
        if self.placed != geometry {
            self.place(geometry);
            changed = true;
        }
        if changed && let Some(find) = &mut self.find {
            find.search(&self.layout, self.top);
        }
        self.top = self.top.min(self.max_top(height));
    }

    /// Puts the images in the layout as `geometry` says (or takes them
    /// out), keeping the line at the top at the top.
    fn place(&mut self, geometry: Option<Geometry>) {
        // Nothing to place (an article without images is never scanned).
        if self.layout.figures.is_empty() && (geometry.is_none() || self.images.is_empty()) {
            self.placed = geometry;
            return;
        }
        let images = &self.images;
        let was_at_top = self.top == 0;
        let top = place_figures(&mut self.layout, self.top, |image, room| {
            let geometry = geometry?;
            match images.get(image.checked_sub(1)?)? {
                ImageState::Sized(w, h) => {
                    crate::images::fit((*w, *h), geometry.cell, room, geometry.max_rows).map(|fit| (fit.cols, fit.rows))
                }
                // No room: why is said on its marker's line (the text
                // never moves for an image that does not come).
                ImageState::Failed(_) | ImageState::Unknown => None,
            }
        });
        // At the very top the article's start stays in view (images grow below).
        self.top = if was_at_top { 0 } else { top };
        self.placed = geometry;
    }

    /// Image `image`'s size (or why it cannot be drawn) is now known: the
    /// figures are placed again, the text at the top staying there.
    pub fn image_known(&mut self, image: usize, size: Result<(u32, u32), String>, height: usize) {
        let Some(state) = image.checked_sub(1).and_then(|i| self.images.get_mut(i)) else { return };
        let new = match size {
            Ok((w, h)) => ImageState::Sized(w, h),
            Err(why) => ImageState::Failed(why),
        };
        if *state == new {
            return;
        }
        *state = new;
        if let Some(geometry) = self.placed {
            self.place(Some(geometry));
            if let Some(find) = &mut self.find {
                find.search(&self.layout, self.top);
            }
            self.top = self.top.min(self.max_top(height));
        }
    }

    /// The article changed on disk: show the new text at the same place.
    pub fn reload(&mut self, opened: Opened, height: usize) {
        self.images = opened.image_states();
        self.generation = OPENED.fetch_add(1, Ordering::Relaxed);
        let geometry = self.placed.take();
        (self.document, self.layout, self.measures) = opened.at(self.layout.width);
        self.top = self.layout.line_at(self.anchor).min(self.max_top(height));
        if geometry.is_some() {
            self.place(geometry);
        }
        if let Some(find) = &mut self.find {
            find.search(&self.layout, self.top);
        }
        self.top = self.top.min(self.max_top(height));
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

    /// The line each heading starts on now (figures move them).
    pub fn heading_lines(&self) -> Vec<usize> {
        self.layout.headings.iter().map(|heading| self.layout.line_at(heading.pos)).collect()
    }

    /// The heading whose section the top of the pane (`height` rows) is in,
    /// if any; at the end of the article, the last heading on screen (the
    /// one jumped to may not reach the top).
    pub fn current_heading(&self, height: usize) -> Option<usize> {
        let at_end = self.top >= self.max_top(height);
        let reach = if at_end { self.top + height.saturating_sub(1) } else { self.top };
        self.heading_lines().iter().rposition(|&line| line <= reach)
    }

    /// `]` (`forward`) or `[`: the top of the pane goes to the next heading
    /// below it, or the one above it; whether it moved (at the end of the
    /// article, the headings left are all on screen already).
    pub fn jump_heading(&mut self, forward: bool, height: usize) -> bool {
        let lines = self.heading_lines();
        let target = if forward {
            lines.iter().copied().find(|&line| line > self.top).filter(|_| self.top < self.max_top(height))
        } else {
            lines.iter().copied().rev().find(|&line| line < self.top)
        };
        let Some(line) = target else { return false };
        self.show_line(line, height);
        true
    }

    /// Heading `index` at the top of the pane (as near as the end allows).
    pub fn show_heading(&mut self, index: usize, height: usize) {
        if let Some(&line) = self.heading_lines().get(index) {
            self.show_line(line, height);
        }
    }

    fn show_line(&mut self, line: usize, height: usize) {
        self.top = line.min(self.max_top(height));
        self.anchor = self.layout.pos_at(self.top);
    }

    fn max_top(&self, height: usize) -> usize {
        self.layout.lines.len().saturating_sub(height)
    }

    /// How far down the article the pane's bottom is, in percent.
    pub fn percent(&self, height: usize) -> usize {
        let total = self.layout.lines.len();
        if total <= height {
            return 100;
        }
        crate::state::percent((self.top + height).min(total) as f64 / total as f64) as usize
    }
}
