//! The loader: walks the PATHs given and loads every article file on
//! several threads, streaming results in batches so a reader can show the
//! list while it fills. The only part of the core that reads files.

mod cache;
mod credits;
mod empty;
mod walk;
mod watch;

pub use credits::Batch;
pub use empty::{NoArticle, roots_without_articles, why_no_article};
pub use walk::group_of;
pub use watch::{Changes, Watch, read_changes, watch};

use crate::file::{FileJob, Outcome, ReaderScratch, load_file, placed_article};
use crate::model::{Article, Problem, ProblemKind};
use crate::persist::Stamp;
use crate::search::Entry;
use cache::Index;
use credits::Credits;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use walk::walk_roots;

/// Results arrive in batches of about this many.
const BATCH: usize = 256;

/// An article as the loader hands it on: the record, and beside it what
/// the loader knew of it.
#[derive(Debug)]
pub struct LoadedArticle {
    pub article: Article,
    /// The file's size and modification time when it was read (with the
    /// index cache), which tell the body index whether it still knows it.
    pub stamp: Option<Stamp>,
    /// Its searchable text, when asked for (made on the loader's threads,
    /// or read from the index cache).
    pub entry: Option<Entry>,
}

/// What loading one file of a library gave.
#[derive(Debug)]
// Each value goes straight into a batch: boxing the article would only add
// an allocation per file.
#[allow(clippy::large_enum_variant)]
pub enum Loaded {
    /// An article; its warnings are also reported as problems.
    Article(LoadedArticle),
    Problem(Problem),
}

/// An article known by nothing but its record (read on its own, in tests).
impl From<Article> for Loaded {
    fn from(article: Article) -> Loaded {
        Loaded::Article(LoadedArticle { article, stamp: None, entry: None })
    }
}

impl Loaded {
    /// A file's outcome, if it is anything to hand on (a file that is no
    /// article is not).
    fn of(outcome: Outcome, stamp: Option<Stamp>) -> Option<Loaded> {
        match outcome {
            Outcome::Article(article) => Some(Loaded::Article(LoadedArticle { article, stamp, entry: None })),
            Outcome::Problem(problem) => Some(Loaded::Problem(problem)),
            Outcome::Skipped => None,
        }
    }
}

/// A piece of a load in progress.
#[derive(Debug)]
pub enum LoadEvent {
    /// Articles and problems found since the last batch (while it is held,
    /// the loader is that much closer to waiting).
    Batch(Batch),
    /// The walk is over and every file was loaded.
    Done,
}

/// Starts loading `paths` in the background (no index cache, no search
/// entries); the receiver yields batches and then `Done`.
pub fn spawn(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    spawn_with(paths, None, false)
}

/// `spawn`, with the index cache in the folder `cache` (`None`: no cache),
/// and with each article's search entry made (on the loader's threads, or
/// from the cache) when `entries`. The receiver yields `Done` as soon as
/// the list is complete; the cache is written after that, and the channel
/// closes once it is. A panic in the loader sends no `Done` (the receiver
/// sees the channel close first).
pub fn spawn_with(paths: Vec<PathBuf>, cache: Option<PathBuf>, entries: bool) -> Receiver<LoadEvent> {
    let (events, receiver) = channel();
    thread::spawn(move || {
        let cache_path = cache.map(|folder| cache::file_for(&folder, &paths));
        // A panic here must not pass for a complete load: `Done` is only
        // sent when every file was seen.
        let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(&paths, cache_path.as_deref(), entries, &events)
        }));
        if let Ok(save) = loaded {
            // The receiver may be gone; nobody is left to tell.
            let _ = events.send(LoadEvent::Done);
            if let Some(save) = save {
                // The cache is only a shortcut: failing to write it costs the
                // next start some time, nothing else, so it is not reported.
                let _ = save();
            }
        }
    });
    receiver
}

/// How many threads read files: more than the cores, since a cold page
/// cache makes reading wait on the disk.
fn reader_threads() -> usize {
    let cores = thread::available_parallelism().map_or(2, |n| n.get());
    (cores * 2).clamp(4, 16)
}

/// Loads everything, sending batches; returns the writing of the new
/// cache, if it changed, to be done once the list is complete.
fn run(
    paths: &[PathBuf],
    cache_path: Option<&Path>,
    entries: bool,
    events: &Sender<LoadEvent>,
) -> Option<impl FnOnce() -> std::io::Result<()>> {
    // Read while the walk starts; readers wait for it before their first file.
    let index: OnceLock<Option<Index>> = OnceLock::new();
    let now = jiff::Timestamp::now().as_second();
    let (jobs_in, jobs_out) = sync_channel::<Vec<FileJob>>(64);
    let jobs_out = Arc::new(Mutex::new(jobs_out));
    let credits = Credits::default();
    let uses: Vec<cache::Use> = thread::scope(|scope| {
        scope.spawn(|| index.get_or_init(|| cache_path.and_then(Index::open)));
        let readers: Vec<_> = (0..reader_threads())
            .map(|_| {
                let jobs = Arc::clone(&jobs_out);
                let index = &index;
                let caching = cache_path.is_some();
                let out = Out { events, credits: credits.clone() };
                scope.spawn(move || read_files(&jobs, &out, Cache { index, caching, entries, now }))
            })
            .collect();
        let mut pending: Vec<Loaded> = Vec::new();
        walk_roots(paths, &jobs_in, &mut |problem: Problem| pending.push(Loaded::Problem(problem)));
        drop(jobs_in);
        if !pending.is_empty() {
            let _ = events.send(LoadEvent::Batch(Batch::new(pending, credits.take())));
        }
        readers.into_iter().filter_map(|reader| reader.join().ok()).collect()
    });
    let path = cache_path?.to_owned();
    Some(move || cache::save(&path, index.get().and_then(Option::as_ref), &uses))
}

/// What a reader thread needs of the index cache.
#[derive(Clone, Copy)]
struct Cache<'a> {
    /// The last run's cache, if there is one to trust (being read).
    index: &'a OnceLock<Option<Index>>,
    /// Whether a new cache is written after the load.
    caching: bool,
    /// Whether articles come with their search entries.
    entries: bool,
    now: i64,
}

/// Where a reader thread's batches go, each with a credit.
struct Out<'a> {
    events: &'a Sender<LoadEvent>,
    credits: Credits,
}

impl Out<'_> {
    /// Sends `items` once a credit is free; `false` when nobody listens.
    fn send(&self, items: Vec<Loaded>) -> bool {
        self.events.send(LoadEvent::Batch(Batch::new(items, self.credits.take()))).is_ok()
    }
}

/// A reader thread: takes batches of files until the walk is over, and
/// returns what it did with the cache.
fn read_files(jobs: &Mutex<Receiver<Vec<FileJob>>>, out_to: &Out<'_>, cache: Cache<'_>) -> cache::Use {
    let mut scratch = ReaderScratch::default();
    let mut used = cache::Use::default();
    let mut out = Vec::with_capacity(BATCH);
    loop {
        let batch = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return used,
        };
        let Ok(batch) = batch else { break };
        for job in batch {
            // A bug on one file must not lose the rest of the library.
            let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                load_through_cache(&job, &mut scratch, cache, &mut used)
            }))
            .unwrap_or_else(|_| {
                scratch = ReaderScratch::default();
                Some(Loaded::Problem(Problem {
                    path: job.dir.join(&*job.file_name),
                    kind: ProblemKind::Internal,
                    message: "folio failed on this file (an internal error; please report it)".to_owned(),
                }))
            });
            out.extend(loaded);
            if scratch.buffer.capacity() > 4 * 1024 * 1024 {
                scratch.buffer = Vec::new();
            }
        }
        if out.len() >= BATCH && !out_to.send(std::mem::take(&mut out)) {
            return used;
        }
    }
    if !out.is_empty() {
        out_to.send(out);
    }
    used
}

/// Loads `job` from the cache when it holds this version of the file, else
/// from the file (and remembers the result for the next cache); `None`
/// for a file that is no article.
fn load_through_cache(
    job: &FileJob,
    scratch: &mut ReaderScratch,
    cache: Cache<'_>,
    used: &mut cache::Use,
) -> Option<Loaded> {
    let with_entry = |mut loaded: Loaded| {
        if let (Loaded::Article(loaded), true) = (&mut loaded, cache.entries) {
            loaded.entry = Some(Entry::new(&loaded.article));
        }
        loaded
    };
    if !cache.caching {
        return Loaded::of(load_file(job, scratch), None).map(with_entry);
    }
    scratch.path.as_mut_os_string().clear();
    scratch.path.push(&job.dir);
    scratch.path.push(&*job.file_name);
    let Ok(stamp) = scratch.folders.stamp(&job.dir, &job.file_name, &scratch.path) else {
        return Loaded::of(load_file(job, scratch), None).map(with_entry);
    };
    if let Some(index) = cache.index.wait() {
        let mut article = placed_article(job);
        let key = scratch.path.as_os_str().as_encoded_bytes();
        let found = cache::look_up(
            index,
            (key, stamp),
            (&mut article, cache.entries),
            &mut scratch.interner,
            &mut scratch.buffer,
            used,
        );
        match found {
            Some(cache::Cached::Article(entry)) => {
                return Some(Loaded::Article(LoadedArticle { article, stamp: Some(stamp), entry }));
            }
            Some(cache::Cached::Skipped) => return None,
            // Cached by a run that did not want entries: made now, and kept.
            Some(cache::Cached::ArticleWithoutEntry) => {
                let entry = Entry::new(&article);
                cache::remember(key, stamp, Some((&article, Some(&entry))), cache.now, used);
                return Some(Loaded::Article(LoadedArticle { article, stamp: Some(stamp), entry: Some(entry) }));
            }
            None => {}
        }
    }
    let loaded = Loaded::of(load_file(job, scratch), Some(stamp)).map(with_entry);
    let key = scratch.path.as_os_str().as_encoded_bytes();
    match &loaded {
        Some(Loaded::Article(loaded)) => {
            cache::remember(key, stamp, Some((&loaded.article, loaded.entry.as_ref())), cache.now, used);
        }
        None => cache::remember(key, stamp, None, cache.now, used),
        Some(Loaded::Problem(_)) => {}
    }
    loaded
}
