//! Persistent reading state: read/unread, stars, reading positions and the
//! last article and filter of each library, kept in `state.json` in the
//! data folder the caller passes.
//!
//! The design:
//! - Libraries are keyed by their root path, articles by their path
//!   relative to it ([`relative_key`]), so an article rewritten in place
//!   keeps its state. Each library is a hash map: asking for every sidebar
//!   row of 100,000 articles is cheap (get the [`LibraryState`] once).
//! - The file, compact and without default-valued fields:
//!   `{"version":1,"libraries":{"/root":{"articles":{"a/b.md":{"read":true,
//!   "position":{"offset":1234,"progress":0.42},"changed":<unix ms>}},
//!   "last":{"article":"a/b.md","filter":"text","changed":<ms>}}}}`.
//! - The store remembers which fields it changed since it last saved, when,
//!   and what they were before. [`Store::save`] takes an exclusive lock on
//!   `state.lock`, reads the file again if another folio replaced it,
//!   merges (see `merge`: untouched on disk → ours; changed by both → the
//!   newer), writes with [`crate::persist::write_atomic_with`] (fsynced) and keeps the merged state,
//!   so this process also sees the other's changes ([`Store::refresh`] does
//!   the same without writing). Another folio's change to a field is timed
//!   by its entry's `changed` (the newest of its fields), so where both
//!   changed the same field, theirs may win if they changed another field
//!   of that article later. The file is read again only when its inode,
//!   size or time changed (the last one seen is held open on unix, so its
//!   inode number is not reused).
//! - A state file that cannot be used (unreadable, not JSON, wrong shape,
//!   another format version) is moved aside to `state.json.corrupt-<UTC
//!   time>` and reported; the store starts clean. A file it can neither
//!   read nor move aside is never overwritten: saving fails instead. A
//!   file that turns bad while running is moved aside at the next save,
//!   which then writes what this store knows ([`Store::take_problem`]).
//! - A `state.json` that is a symbolic link is replaced by a file.
//! - The caller decides when: save soon after a change ([`Store::dirty_since`])
//!   and on quit. A crash loses the unsaved changes, never the file.

mod disk;
mod key;
mod merge;
mod model;
mod roots;

pub use key::relative_key;
pub use model::{ArticleState, Last, LibraryState, Position};
pub use roots::{FINISHED, ReadState, Roots, StateKey, part_way, percent};

use crate::persist::Lock;
use disk::Seen;
use key::root_key;
use merge::{Pending, PendingArticle};
use model::StateFile;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The state file's name in the data folder.
pub const STATE_FILE: &str = "state.json";
/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "state.lock";

/// How long saving waits for another folio's save.
const SAVE_WAIT: Duration = Duration::from_secs(5);
/// How long opening waits (then reads without the lock).
const OPEN_WAIT: Duration = Duration::from_secs(1);

/// The reading state of every library, in memory, with unsaved changes.
#[derive(Debug)]
pub struct Store {
    folder: PathBuf,
    state: StateFile,
    pending: Pending,
    /// The file as last read or written: unchanged means no need to read it.
    seen: Option<Seen>,
    dirty_since: Option<Instant>,
    /// The last change time handed out (never goes back).
    clock: i64,
    problem: Option<String>,
}

/// Why the state file was not loaded.
enum Unusable {
    /// Moved aside: the store may write a new file.
    MovedAside(String),
    /// Still in place: it must not be overwritten. What to show at start,
    /// and why it is stuck (a save's error).
    Stuck(String, String),
}

/// Marks to set on an article: `None` leaves that one as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub read: Option<bool>,
    pub starred: Option<bool>,
}

/// Which field a setter changes.
#[derive(Clone, Copy)]
enum Field {
    Read,
    Starred,
    Position,
}

impl Store {
    /// Loads the state in `folder`. A missing file (or folder) is a clean
    /// start; an unusable file is moved aside and the message to show is
    /// returned (the store then starts clean).
    pub fn open(folder: &Path) -> (Store, Option<String>) {
        let mut store = Store {
            folder: folder.to_owned(),
            state: StateFile::new(),
            pending: Pending::default(),
            seen: None,
            dirty_since: None,
            clock: 0,
            problem: None,
        };
        // Best effort: another folio may be moving a bad file aside too.
        let lock = folder.is_dir().then(|| Lock::acquire(&folder.join(LOCK_FILE), OPEN_WAIT).ok()).flatten();
        if lock.is_some() {
            disk::remove_stale_temps(folder, STATE_FILE);
        }
        match store.load() {
            Ok(Some((state, seen))) => {
                store.state = state;
                store.seen = Some(seen);
            }
            Ok(None) => {}
            Err(Unusable::MovedAside(problem) | Unusable::Stuck(problem, _)) => store.problem = Some(problem),
        }
        drop(lock);
        let problem = store.problem.take();
        (store, problem)
    }

    /// The data folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn path(&self) -> PathBuf {
        self.folder.join(STATE_FILE)
    }

    /// Reads the file; a bad one is moved aside and described.
    fn load(&self) -> Result<Option<(StateFile, Seen)>, Unusable> {
        let path = self.path();
        match disk::read(&path) {
            Ok(found) => Ok(found),
            Err(bad) if !bad.movable => {
                let why = format!("{STATE_FILE}: {}", bad.reason);
                let shown = format!("Reading state unusable: starting clean, changes will not be saved ({why})");
                Err(Unusable::Stuck(shown, why))
            }
            Err(bad) => match disk::move_aside(&path) {
                Ok(aside) => {
                    let aside = aside.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    Err(Unusable::MovedAside(format!(
                        "Reading state unreadable: starting clean; the old file was moved aside to {aside} ({})",
                        bad.reason
                    )))
                }
                Err(error) => {
                    let why = format!("{STATE_FILE}: {}; it could not be moved aside: {error}", bad.reason);
                    let shown = format!("Reading state unreadable: starting clean, changes will not be saved ({why})");
                    Err(Unusable::Stuck(shown, why))
                }
            },
        }
    }

    /// The state of the library at `root`, for many lookups in a row.
    pub fn library(&self, root: &Path) -> Option<&LibraryState> {
        self.state.libraries.get(&root_key(root))
    }

    pub fn is_read(&self, root: &Path, rel: &str) -> bool {
        self.library(root).is_some_and(|l| l.is_read(rel))
    }

    pub fn is_starred(&self, root: &Path, rel: &str) -> bool {
        self.library(root).is_some_and(|l| l.is_starred(rel))
    }

    pub fn position(&self, root: &Path, rel: &str) -> Option<Position> {
        self.library(root).and_then(|l| l.position(rel))
    }

    /// The last article open in the library and the filter then.
    pub fn last(&self, root: &Path) -> Option<&Last> {
        self.library(root).and_then(LibraryState::last)
    }

    pub fn set_read(&mut self, root: &Path, rel: &str, read: bool) {
        let now = self.now();
        self.update(&root_key(root), rel, Field::Read, now, |a| a.read = read);
    }

    /// Marks every article in `rels` read (one change time for all).
    pub fn mark_read_many<I>(&mut self, root: &Path, rels: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let root = root_key(root);
        let now = self.now();
        for rel in rels {
            self.update(&root, rel.as_ref(), Field::Read, now, |a| a.read = true);
        }
    }

    /// Sets the read and starred marks of many articles of one library
    /// (`None`: that mark as it is), with one change time for all.
    pub fn set_marks_many<'a>(&mut self, root: &Path, marks: impl IntoIterator<Item = (&'a str, Marks)>) {
        let root = root_key(root);
        let now = self.now();
        for (rel, marks) in marks {
            if let Some(read) = marks.read {
                self.update(&root, rel, Field::Read, now, |a| a.read = read);
            }
            if let Some(starred) = marks.starred {
                self.update(&root, rel, Field::Starred, now, |a| a.starred = starred);
            }
        }
    }

    pub fn set_starred(&mut self, root: &Path, rel: &str, starred: bool) {
        let now = self.now();
        self.update(&root_key(root), rel, Field::Starred, now, |a| a.starred = starred);
    }

    /// Stores where the reader is in `rel` (`None` forgets it, e.g. once
    /// the article is finished). Progress is kept within 0.0–1.0.
    pub fn set_position(&mut self, root: &Path, rel: &str, position: Option<Position>) {
        let now = self.now();
        let position = position.map(|p| Position::new(p.offset, p.progress));
        self.update(&root_key(root), rel, Field::Position, now, |a| a.position = position);
    }

    /// Earlier filters (`finds`: finds in the reader), oldest first.
    pub fn queries(&self, finds: bool) -> &[String] {
        if finds { &self.state.finds } else { &self.state.filters }
    }

    /// Keeps `query` as the newest filter (`finds`: find), for the next
    /// start and for other folios (merged with theirs at the next save).
    pub fn remember_query(&mut self, query: &str, finds: bool) {
        let query = query.trim();
        let kept = if finds { &mut self.state.finds } else { &mut self.state.filters };
        if query.is_empty() || kept.last().is_some_and(|last| last == query) {
            return;
        }
        model::add_query(kept, query);
        let pending = if finds { &mut self.pending.finds } else { &mut self.pending.filters };
        pending.push(query.to_owned());
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    /// Records the article open in the library (if any) and the filter.
    pub fn set_last(&mut self, root: &Path, article: Option<&str>, filter: &str) {
        let root = root_key(root);
        let last = self.state.libraries.get(&root).and_then(LibraryState::last);
        let unchanged = last.is_some_and(|l| l.article.as_deref() == article && l.filter == filter);
        if unchanged {
            return;
        }
        let changed = self.now();
        let library = self.state.libraries.entry(root.clone()).or_default();
        let before =
            library.last.replace(Last { article: article.map(str::to_owned), filter: filter.to_owned(), changed });
        self.pending.libraries.entry(root).or_default().last.get_or_insert(before);
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    fn update(&mut self, root: &str, rel: &str, field: Field, now: i64, change: impl FnOnce(&mut ArticleState)) {
        let before = self.state.libraries.get(root).and_then(|l| l.get(rel)).cloned().unwrap_or_default();
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return;
        }
        after.changed = now;
        // Looked up before made: a library's key is copied once, not per change.
        if !self.state.libraries.contains_key(root) {
            self.state.libraries.insert(root.to_owned(), LibraryState::default());
        }
        let Some(library) = self.state.libraries.get_mut(root) else { return };
        if after.is_blank() {
            library.articles.remove(rel);
        } else {
            library.articles.insert(rel.to_owned(), after);
        }
        if !self.pending.libraries.contains_key(root) {
            self.pending.libraries.insert(root.to_owned(), Default::default());
        }
        let Some(pending) = self.pending.libraries.get_mut(root) else { return };
        let entry = pending
            .articles
            .entry(rel.to_owned())
            .or_insert_with(|| PendingArticle { base: before, ..Default::default() });
        let at = match field {
            Field::Read => &mut entry.read,
            Field::Starred => &mut entry.starred,
            Field::Position => &mut entry.position,
        };
        *at = Some(now);
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    /// Now in Unix milliseconds, never before a time already handed out.
    fn now(&mut self) -> i64 {
        self.clock = self.clock.max(jiff::Timestamp::now().as_millisecond());
        self.clock
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        !self.pending.is_empty()
    }

    /// When the oldest unsaved change was made: save once it is a few
    /// seconds old, and on quit.
    pub fn dirty_since(&self) -> Option<Instant> {
        self.dirty_since.filter(|_| self.is_dirty())
    }

    /// A problem met while saving or refreshing that the caller should show
    /// (e.g. a bad state file moved aside); taken once.
    pub fn take_problem(&mut self) -> Option<String> {
        self.problem.take()
    }

    /// Merges the unsaved changes with the file (another folio may have
    /// written it) and writes it atomically, creating the folder if needed.
    /// On failure the changes stay unsaved, to be tried again.
    pub fn save(&mut self) -> io::Result<()> {
        if !self.is_dirty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.folder)?;
        let _lock = Lock::acquire(&self.folder.join(LOCK_FILE), SAVE_WAIT)?;
        self.sync()?;
        let path = self.path();
        crate::persist::write_atomic_with(&path, crate::persist::Durability::Synced, |writer| {
            serde_json::to_writer(writer, &self.state).map_err(io::Error::from)
        })?;
        self.seen = Seen::now(&path);
        self.pending = Pending::default();
        self.dirty_since = None;
        Ok(())
    }

    /// Takes in changes another folio saved, keeping ours (unsaved ones
    /// stay unsaved). Returns whether the file had changed.
    pub fn refresh(&mut self) -> io::Result<bool> {
        let Ok(_lock) = Lock::acquire(&self.folder.join(LOCK_FILE), OPEN_WAIT) else {
            return Ok(false);
        };
        self.sync()
    }

    /// With the lock held: reads the file if it changed since we saw it and
    /// merges our pending changes into it. A bad file is moved aside (and
    /// reported through `take_problem`); one that cannot be is an error.
    fn sync(&mut self) -> io::Result<bool> {
        let path = self.path();
        if self.seen.as_ref().is_some_and(|seen| seen.unchanged(&path)) {
            return Ok(false);
        }
        match self.load() {
            Ok(Some((disk, seen))) => {
                self.seen = Some(seen);
                self.state = merge::merge(disk, &self.state, &mut self.pending);
            }
            Err(Unusable::Stuck(_, why)) => return Err(io::Error::other(why)),
            // Gone or moved aside: what this store knows is the best there is.
            Ok(None) => return Ok(self.seen.take().is_some()),
            Err(Unusable::MovedAside(problem)) => {
                self.problem = Some(problem);
                self.seen = None;
            }
        }
        Ok(true)
    }
}
