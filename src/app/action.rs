//! What can happen to the app (actions: keys, the mouse, the loader, the
//! clock, the outside world's answers) and what it asks the outside world
//! to do (effects). Time comes in as an action too, so `update` reads no
//! clock.

pub use crate::model::Command;

use crate::loader::Loaded;
use crate::model::Problem;
use jiff::Timestamp;
use std::time::Instant;

/// A moment, read from both clocks by the shell: the monotonic one for
/// timers, the wall clock for dates (`newer:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub instant: Instant,
    pub time: Timestamp,
}

impl Moment {
    /// The moment now (for the shell and for tests; the app never asks).
    pub fn now() -> Moment {
        Moment { instant: Instant::now(), time: Timestamp::now() }
    }

    /// This moment, `by` later.
    pub fn after(self, by: std::time::Duration) -> Moment {
        let span = jiff::SignedDuration::try_from(by).unwrap_or(jiff::SignedDuration::MAX);
        Moment { instant: self.instant + by, time: self.time.saturating_add(span).unwrap_or(self.time) }
    }
}

/// Everything that changes the app.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    /// Text typed into the filter line (or pasted there).
    FilterText(String),
    /// Any other key of the filter line: an edit, history, completion.
    FilterKey(super::query_line::LineKey),
    FilterAccept,
    FilterCancel,
    /// The same, for the find line of the reader.
    FindText(String),
    FindKey(super::query_line::LineKey),
    FindAccept,
    FindCancel,
    /// The answer to the status bar's question (`y`: yes, any other key: no).
    Answer(bool),
    /// `1`–`9` in a panel.
    OpenNumber(usize),
    /// The terminal's size in columns and rows.
    Resize(u16, u16),
    /// The wheel over (column, row); positive is down.
    Scroll {
        column: u16,
        row: u16,
        lines: i32,
    },
    Click {
        column: u16,
        row: u16,
    },
    /// Articles and problems from the loader.
    Loaded(Vec<Loaded>),
    LoadFinished,
    /// Files changed on disk since (live reload).
    LibraryChanged(crate::loader::Changes),
    /// The time now: before anything else of a wake, and when the app
    /// asked for it (`App::next_deadline`).
    Tick(Moment),
    /// The article asked for by `Effect::ReadArticle`, read, parsed and
    /// laid out (or why it could not be).
    ArticleRead {
        article: usize,
        document: Result<super::Opened, String>,
    },
    /// The outside world's answer to an effect: a failure to show.
    Message(String),
    /// The shell's own trouble (a bad config, a state file set aside, a
    /// worker that failed): a message, and problems for `P`.
    Report {
        message: String,
        problems: Vec<Problem>,
    },
    /// Articles whose bodies match the body search `generation`.
    BodyHits {
        generation: u64,
        articles: Vec<usize>,
    },
    /// The body search `generation` has read every body.
    BodySearchDone {
        generation: u64,
    },
    /// The terminal's image protocol is known: its font cell in pixels
    /// (`None`: images cannot be drawn, and why).
    ImagesReady {
        cell: Option<(u16, u16)>,
        off_because: Option<&'static str>,
        /// The protocol's name (`kitty`, `sixel`, `iTerm2`, `half-blocks`).
        protocol: Option<&'static str>,
    },
    /// Image `image` of the document opened as `generation` has this size
    /// (or cannot be drawn, and why).
    ImageKnown {
        generation: u64,
        image: usize,
        size: Result<(u32, u32), String>,
    },
}

/// What the app asks the terminal layer to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Read, parse and lay out article `n` (at `App::text_width`) away from
    /// the keys, then send `Action::ArticleRead`; it replaces any read
    /// under way.
    ReadArticle(usize),
    /// Stop the read under way: nobody waits for it any more.
    CancelRead,
    /// Open a URL or a local path in the external opener.
    Open(String),
    /// Search these bodies in the background (stopping any earlier
    /// search) and answer with `BodyHits` and `BodySearchDone`.
    SearchBodies {
        generation: u64,
        query: crate::search::Query,
        bodies: super::list::Bodies,
    },
    /// Stop the body search under way: the query no longer needs it.
    StopBodySearch,
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
}
