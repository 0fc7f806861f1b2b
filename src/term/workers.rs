//! The reader's threads and what they send back to wake the loop: keys,
//! signals, the loader's batches, body search hits, live reload. Every
//! worker catches its own panic and reports it, so none can leave the
//! reader waiting for an answer that never comes.

use crate::app::{Bodies, Opened};
use crate::loader::{self, LoadEvent};
use crate::model::Article;
use crate::search::index::{self, BodyIndex};
use crate::search::{Pace, Query};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;

/// What wakes the loop.
pub enum Wake {
    Input(crossterm::event::Event),
    Load(LoadEvent),
    /// SIGTERM, SIGHUP or SIGINT: its number.
    Signal(i32),
    /// SIGTSTP from outside: stop as Ctrl-z does.
    Stop,
    /// Body search `generation` found these articles.
    BodyHits(u64, Vec<usize>),
    BodyDone(u64),
    /// Files changed on disk.
    Changed(loader::Changes),
    /// Live reload could not start: why.
    Unwatched(String),
    /// A worker failed (a bug): what to say.
    Failed(String),
    /// Article `n`, read, parsed and laid out (or why not).
    Article(usize, Result<Opened, String>),
    /// The terminal's image protocol, as it answered.
    Graphics(ratatui_image::picker::Picker),
    /// An image thread's answer.
    Image(crate::images::Done),
}

/// The body index, once it is opened (or built) in the background.
pub type IndexSlot = Arc<Mutex<Option<Arc<BodyIndex>>>>;

/// Runs `work` on a new thread; a panic in it is reported as `Failed` with
/// `what` failed and the panic's message.
fn spawn_reporting(wake: Sender<Wake>, what: &'static str, work: impl FnOnce(&Sender<Wake>) + Send + 'static) {
    thread::spawn(move || {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&wake))).is_err() {
            let message = format!("{what} stopped (an internal error; please report it): {}", super::last_panic());
            let _ = wake.send(Wake::Failed(message));
        }
    });
}

/// The keyboard; first the terminal's answer to the image question
/// `asked`, if one was asked (it comes in where the keys do).
pub fn spawn_input(wake: Sender<Wake>, asked: Option<crate::images::detect::Asked>) {
    spawn_reporting(wake, "Reading the keyboard", move |wake| {
        if let Some(asked) = asked {
            let picker = crate::images::detect::answer(&asked, crate::images::detect::ANSWER_WITHIN);
            let _ = wake.send(Wake::Graphics(picker));
        }
        while let Ok(event) = crossterm::event::read() {
            if wake.send(Wake::Input(event)).is_err() {
                break;
            }
        }
    });
}

/// The loader on `paths`, its batches sent on as wakes; the receiver
/// returned disconnects once the loader is over, its index cache written.
pub fn spawn_loader(wake: Sender<Wake>, paths: Vec<PathBuf>, cache: Option<PathBuf>) -> Receiver<()> {
    let events: Receiver<LoadEvent> = loader::spawn_with(paths, cache, true);
    let (finished, finishing) = channel::<()>();
    spawn_reporting(wake, "Loading", move |wake| {
        let mut forwarding = true;
        // After the list is complete the loader still writes its cache:
        // the channel closes when that is done.
        for event in events {
            forwarding = forwarding && wake.send(Wake::Load(event)).is_ok();
        }
        drop(finished);
    });
    finishing
}

/// SIGTERM, SIGHUP and SIGINT end the reader (once); SIGTSTP from
/// outside (`kill -TSTP`) suspends it as Ctrl-z does, each time.
pub fn spawn_signals(wake: Sender<Wake>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP]) else {
            return;
        };
        thread::spawn(move || {
            for number in signals.forever() {
                let woke = if number == SIGTSTP { Wake::Stop } else { Wake::Signal(number) };
                let ending = matches!(woke, Wake::Signal(_));
                if wake.send(woke).is_err() || ending {
                    break;
                }
            }
        });
    }
    #[cfg(not(unix))]
    drop(wake);
}

/// A body search on its own threads, answering with hits and then
/// `BodyDone` (also after a failure, reported first); `cancel` stops it.
pub fn spawn_search(
    wake: Sender<Wake>,
    (generation, query, bodies): (u64, Query, Bodies),
    index: Option<Arc<BodyIndex>>,
    cancel: Arc<AtomicBool>,
) {
    thread::spawn(move || {
        let found = super::hits::HitBatcher::start(generation, wake.clone());
        let searched = crate::search::run_body_search(
            &bodies,
            &query,
            index.as_deref(),
            Pace::BesideTyping,
            &cancel,
            &|article| found.hit(article),
        );
        found.finish();
        if let Err(message) = searched {
            let _ = wake.send(Wake::Failed(message));
        }
        if !cancel.load(Ordering::Relaxed) {
            let _ = wake.send(Wake::BodyDone(generation));
        }
    });
}

/// Article `number` read, decoded, parsed and laid out at `width` on its
/// own thread, so that a huge article never holds the keys; `cancel`
/// stops it between the steps (another article, or Esc, was asked for).
/// `sizes`: the images' sizes are looked up as well (web images in the
/// cache given, if any).
pub fn spawn_read(
    wake: Sender<Wake>,
    number: usize,
    article: Article,
    width: usize,
    sizes: Option<Option<crate::images::DiskCache>>,
    cancel: Arc<AtomicBool>,
) {
    thread::spawn(move || {
        let stopped = || cancel.load(Ordering::Relaxed);
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (article, body) = crate::file::read_whole(&article)
                .map_err(|problem| format!("Cannot read the article: {}", crate::text::printable(&problem.message)))?;
            if stopped() {
                return Ok(None);
            }
            let document = crate::page::page(&article, &body);
            drop(body);
            if stopped() {
                return Ok(None);
            }
            let known = match &sizes {
                Some(cache) => {
                    document.images.iter().map(|image| crate::images::expected_size(image, cache.as_ref())).collect()
                }
                None => Vec::new(),
            };
            Ok(Some(Opened::laid_out(document, width).with_sizes(known)))
        }));
        let answer = match read {
            Ok(Ok(Some(opened))) => Ok(opened),
            Ok(Ok(None)) => return,
            Ok(Err(message)) => Err(message),
            Err(_) => {
                Err(format!("Cannot show the article (an internal error; please report it): {}", super::last_panic()))
            }
        };
        if !stopped() {
            let _ = wake.send(Wake::Article(number, answer));
        }
    });
}

/// Live reload from the moment the list is complete (setting up the watch
/// walks the whole library, which would slow the load down); the watch
/// lasts until the returned sender is dropped.
pub fn spawn_watch(wake: Sender<Wake>, paths: Vec<PathBuf>) -> Sender<()> {
    let (stop, stopped) = channel::<()>();
    spawn_reporting(wake, "Live reload", move |wake| {
        let changes = wake.clone();
        match loader::watch(&paths, move |batch| changes.send(Wake::Changed(batch)).is_ok()) {
            // Kept until the shell drops `stop`.
            Ok(_watch) => drop(stopped.recv()),
            Err(error) => drop(wake.send(Wake::Unwatched(format!("Live reload is off: {error}")))),
        }
    });
    stop
}

/// The body index: the one on disk at once, then brought up to date (or
/// built) by `folio index-bodies` in a process of its own — its memory and
/// its work never the reader's — and opened again when that ends; until
/// there is one, body searches read every body.
pub fn spawn_indexing(wake: Sender<Wake>, folder: PathBuf, paths: Vec<PathBuf>, slot: IndexSlot) {
    spawn_reporting(wake, "Indexing the article text", move |_| {
        let id = index::library_id(&paths);
        let open = |slot: &IndexSlot| {
            if let (Some(index), Ok(mut slot)) = (BodyIndex::open(&folder, &id), slot.lock()) {
                *slot = Some(Arc::new(index));
            }
        };
        open(&slot);
        let Ok(folio) = std::env::current_exe() else { return };
        let mut command = std::process::Command::new(folio);
        command.arg("index-bodies").args(&paths);
        command
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        #[cfg(unix)]
        {
            // Its own process group: keys meant for the reader never reach it.
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        if command.status().is_ok_and(|status| status.success()) {
            open(&slot);
        }
    });
}
