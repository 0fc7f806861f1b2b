//! The live-reload benchmark, `cargo bench --bench reload`: a reader with
//! the 100,000-article corpus open, and the real watcher (`loader::watch`,
//! as the reader sets it up) on the library, takes a burst of 10,000 new
//! files (then their folder's deletion) as the watcher hands them over, in
//! batches; reports how long each batch holds the interface
//! (`App::update`), the longest being the worst pause a keystroke can
//! meet, and the whole burst from the first file written to a complete list.
//!
//! `FOLIO_BENCH_DIR` / `FOLIO_BENCH_N` choose the corpus as for the other
//! benches; `FOLIO_BENCH_BURST` the number of new files (10,000).

// Only the corpus is shared here; the timing helpers are the other benches'.
#[allow(dead_code)]
mod common;

use common::env_number;
use folio::app::{Action, App, Moment};
use folio::library::load;
use folio::loader::{Changes, Loaded, watch};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// The burst must be in the list by then, or the watcher lost it.
const DEADLINE: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("reload: a benchmark; run it with `cargo bench --bench reload`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("reload bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let corpus = common::corpus_dir()?;
    let burst = env_number("FOLIO_BENCH_BURST", 10_000)?;
    let library = load(std::slice::from_ref(&corpus));
    let mut app = App::new((120, 40), Moment::now());
    app.update(Action::Loaded(library.articles.into_iter().map(Loaded::from).collect()));
    app.update(Action::LoadFinished);
    let before = app.list.article_count();
    println!("{before} articles open; a burst of {burst} new files, then their deletion");

    // Inside the library (hidden folders are not read, so a plain name),
    // removed again at the end whatever happens.
    let folder = corpus.join("zz-reload-bench");
    let _cleanup = Cleanup(folder.clone());
    let (deliver, delivered) = channel::<Changes>();
    let setup = Instant::now();
    let _watch = watch(std::slice::from_ref(&corpus), move |changes| deliver.send(changes).is_ok())
        .map_err(|e| format!("cannot watch {}: {e}", corpus.display()))?;
    println!("watching the library took {:.2} s to set up", setup.elapsed().as_secs_f64());
    let start = Instant::now();
    std::fs::create_dir_all(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    for n in 0..burst {
        let path = folder.join(format!("burst-{n:05}.md"));
        let text = format!("---\ntitle: Burst article {n}\ndate: 2030-01-01\n---\n<p>new {n}</p>\n");
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let added = measure(&mut app, &delivered, start, before + burst)?;
    let start = Instant::now();
    std::fs::remove_dir_all(&folder).map_err(|e| format!("cannot remove {}: {e}", folder.display()))?;
    let removed = measure(&mut app, &delivered, start, before)?;
    println!();
    println!("{:<34} {:>10} {:>10} {:>12}", "", "batches", "longest", "whole burst");
    for (name, (batches, longest, whole)) in [("10,000 files added", added), ("their folder deleted", removed)] {
        println!(
            "{name:<34} {batches:>10} {:>8.1} ms {:>10.0} ms",
            longest.as_secs_f64() * 1e3,
            whole.as_secs_f64() * 1e3
        );
    }
    Ok(())
}

/// Hands the watcher's batches to the app until the list has `wanted`
/// articles: (batches, the longest `App::update`, the whole since `start`).
fn measure(
    app: &mut App,
    delivered: &Receiver<Changes>,
    start: Instant,
    wanted: usize,
) -> Result<(usize, Duration, Duration), String> {
    let (mut count, mut longest) = (0, Duration::ZERO);
    while app.list.article_count() != wanted {
        let changes = match delivered.recv_timeout(DEADLINE.saturating_sub(start.elapsed())) {
            Ok(changes) => changes,
            Err(RecvTimeoutError::Timeout) => {
                return Err(format!(
                    "after {DEADLINE:?} the list has {} articles, not {wanted}",
                    app.list.article_count()
                ));
            }
            Err(RecvTimeoutError::Disconnected) => return Err("the watcher stopped".to_owned()),
        };
        count += 1;
        let update = Instant::now();
        app.update(Action::LibraryChanged(changes));
        longest = longest.max(update.elapsed());
    }
    let whole = start.elapsed();
    println!("{count} batch(es); now {} articles", app.list.article_count());
    Ok((count, longest, whole))
}

struct Cleanup(PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
