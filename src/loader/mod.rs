//! The loader: walks the PATHs given and loads every article file on
//! several threads, streaming results in batches so a reader can show the
//! list while it fills. The only part of the core that reads files.

mod body;
mod file;
mod intern;
mod open;
mod title;
mod walk;

pub use body::{read_body, read_body_at};
pub use file::{FileJob, Loaded, MAX_FILE_SIZE, ReaderScratch, load_file, title_from_file_name};
pub use walk::group_of;

use crate::article::Problem;
use crate::library::Library;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;
use walk::walk_roots;

/// Results arrive in batches of about this many.
const BATCH: usize = 256;

/// A piece of a load in progress.
#[derive(Debug)]
pub enum LoadEvent {
    /// Articles and problems found since the last batch.
    Batch(Vec<Loaded>),
    /// The walk is over and every file was loaded.
    Done,
}

/// Loads every article under `paths` and returns the library, sorted
/// newest first.
pub fn load(paths: &[PathBuf]) -> Library {
    let mut library = Library::new(paths.to_vec());
    let mut finished = false;
    for event in spawn(paths.to_vec()) {
        match event {
            LoadEvent::Batch(batch) => library.extend(batch),
            LoadEvent::Done => finished = true,
        }
    }
    if !finished {
        library.problems.push(Problem {
            path: paths.first().cloned().unwrap_or_default(),
            kind: crate::article::ProblemKind::Internal,
            message: "loading stopped early (an internal error; please report it): the list is incomplete".to_owned(),
        });
    }
    library.sort(crate::library::SortKey::Date, false);
    library
}

/// Starts loading `paths` in the background; the receiver yields batches
/// and then `Done`.
pub fn spawn(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    let (events, receiver) = channel();
    thread::spawn(move || {
        // A panic here must not pass for a complete load: `Done` is only
        // sent when every file was seen.
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&paths, &events))).is_ok() {
            // The receiver may be gone; nobody is left to tell.
            let _ = events.send(LoadEvent::Done);
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

fn run(paths: &[PathBuf], events: &Sender<LoadEvent>) {
    let (jobs_in, jobs_out) = sync_channel::<Vec<FileJob>>(64);
    let jobs_out = Arc::new(Mutex::new(jobs_out));
    thread::scope(|scope| {
        for _ in 0..reader_threads() {
            let jobs = Arc::clone(&jobs_out);
            scope.spawn(move || read_files(&jobs, events));
        }
        let mut pending: Vec<Loaded> = Vec::new();
        walk_roots(paths, &jobs_in, &mut |problem: Problem| pending.push(Loaded::Problem(problem)));
        drop(jobs_in);
        if !pending.is_empty() {
            let _ = events.send(LoadEvent::Batch(pending));
        }
    });
}

/// A reader thread: takes batches of files until the walk is over.
fn read_files(jobs: &Mutex<Receiver<Vec<FileJob>>>, events: &Sender<LoadEvent>) {
    let mut scratch = ReaderScratch::default();
    let mut out = Vec::with_capacity(BATCH);
    loop {
        let batch = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(batch) = batch else { break };
        for job in batch {
            // A bug on one file must not lose the rest of the library.
            let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_file(&job, &mut scratch)))
                .unwrap_or_else(|_| {
                    scratch = ReaderScratch::default();
                    Loaded::Problem(Problem {
                        path: job.dir.join(&*job.file_name),
                        kind: crate::article::ProblemKind::Internal,
                        message: "folio failed on this file (an internal error; please report it)".to_owned(),
                    })
                });
            match loaded {
                Loaded::Skipped => {}
                loaded => out.push(loaded),
            }
            if scratch.buffer.capacity() > 4 * 1024 * 1024 {
                scratch.buffer = Vec::new();
            }
        }
        if out.len() >= BATCH && events.send(LoadEvent::Batch(std::mem::take(&mut out))).is_err() {
            return;
        }
    }
    if !out.is_empty() {
        let _ = events.send(LoadEvent::Batch(out));
    }
}
