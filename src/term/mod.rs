//! The only code that touches the terminal: raw mode and the alternate
//! screen (always restored: on quit, error, panic, SIGTERM, SIGHUP), the
//! event loop (asleep until something happens), suspending on Ctrl-z,
//! reading articles and starting the opener for the app's effects.

mod keys;
mod opener;

use crate::app::{Action, App, Effect};
use crate::config::{self, Config};
use crate::loader::{self, LoadEvent};
use crate::search::index::{self, BodyIndex};
use crate::state::Store;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, stdout};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What wakes the loop.
enum Wake {
    Input(crossterm::event::Event),
    Load(LoadEvent),
    /// SIGTERM, SIGHUP or SIGINT: its number.
    Signal(i32),
    /// Body search `generation` found article `n`.
    BodyHit(u64, usize),
    BodyDone(u64),
    /// Files changed on disk.
    Changed(loader::Changes),
    /// The library cannot be watched: why.
    Unwatched(String),
}

type Screen = Terminal<CrosstermBackend<Stdout>>;

/// Changes to the reading state are saved this soon after the first…
const SAVE_AFTER: Duration = Duration::from_secs(1);
/// …and, after a failure, not again before this.
const SAVE_RETRY: Duration = Duration::from_secs(30);

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal (its number) ended it; the terminal was given back first.
    Signal(i32),
}

/// Runs the reader on `paths` until the user quits or a signal comes.
/// `config` is config.toml's settings, `config_problems` what was wrong
/// with it (shown, the defaults used instead).
pub fn run(paths: Vec<PathBuf>, config: Config, config_problems: Vec<config::ConfigProblem>) -> io::Result<Ending> {
    install_panic_hook();
    let (wake, wakes) = channel();
    // Signals are caught before the terminal changes, so none can leave it raw.
    spawn_signals(wake.clone());
    let mut screen = enter()?;
    let result = event_loop(&mut screen, paths, Settings { config, config_problems }, wake, wakes);
    leave();
    result
}

fn enter() -> io::Result<Screen> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Puts the terminal back as it was; safe to call twice.
fn leave() {
    let _ =
        execute!(stdout(), DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

/// A panic on the main thread restores the terminal before the message is
/// printed; one on a loader thread is reported as a problem with its file.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if thread::current().name() == Some("main") {
            leave();
            eprintln!("folio: internal error: {info}");
        }
    }));
}

/// What the reader starts with besides the library.
struct Settings {
    config: Config,
    config_problems: Vec<config::ConfigProblem>,
}

fn event_loop(
    screen: &mut Screen,
    paths: Vec<PathBuf>,
    settings: Settings,
    wake: Sender<Wake>,
    wakes: Receiver<Wake>,
) -> io::Result<Ending> {
    spawn_input(wake.clone());
    spawn_loader(wake.clone(), paths.clone());
    let size = screen.size()?;
    let Settings { config, config_problems } = settings;
    let mut app = App::new((size.width, size.height));
    app.configure(&config);
    let (store, state_problem) = Store::open(&config::paths().data);
    app.use_state(store, &paths);
    let mut shell = Shell {
        screen,
        wake,
        search: None,
        app,
        opener: config.opener,
        save_failed: None,
        paths,
        watching: None,
        body_index: Arc::default(),
    };
    if let Some(first) = config_problems.first() {
        let more = config_problems.len() - 1;
        let more = if more > 0 { format!(" (and {more} more — press P)") } else { String::new() };
        shell.app.message = Some(format!("{first}{more}; using the defaults there"));
        shell.app.problems.extend(config_problems.iter().map(|problem| crate::model::Problem {
            path: problem.file.clone(),
            kind: crate::model::ProblemKind::Warning,
            message: problem.to_string(),
        }));
    }
    if let Some(problem) = state_problem {
        shell.app.message = Some(format!("{problem} — press P"));
        shell.app.problems.push(crate::model::Problem {
            path: config::paths().data.join(crate::state::STATE_FILE),
            kind: crate::model::ProblemKind::Warning,
            message: problem,
        });
    }
    let ending = shell.run(&wakes);
    // Whatever ended the run, the reading state is kept.
    shell.app.remember_last();
    shell.save_state(true);
    ending
}

impl Shell<'_> {
    fn run(&mut self, wakes: &Receiver<Wake>) -> io::Result<Ending> {
        let shell = self;
        loop {
            shell.screen.draw(|frame| crate::ui::draw(frame, &shell.app))?;
            #[cfg(debug_assertions)]
            if std::env::var_os("FOLIO_TEST_PANIC").is_some() {
                // For the test that a panic gives the terminal back (debug builds only).
                panic!("FOLIO_TEST_PANIC is set");
            }
            // Asleep until something happens (or the app wants time to pass,
            // or the state is due to be saved); then take everything pending.
            let deadline = [shell.app.next_deadline(), shell.save_due()].into_iter().flatten().min();
            let first = match deadline {
                Some(deadline) => match wakes.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(first) => first,
                    Err(RecvTimeoutError::Timeout) => {
                        if !shell.perform(Action::Tick(Instant::now()))? {
                            return Ok(Ending::Quit);
                        }
                        shell.save_state(false);
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(Ending::Quit),
                },
                None => match wakes.recv() {
                    Ok(first) => first,
                    Err(_) => return Ok(Ending::Quit),
                },
            };
            // Batches (of articles, of body hits) that arrived together become
            // one action, so the list is sorted once per wake.
            let mut loaded = Vec::new();
            let mut hits: Vec<(u64, usize)> = Vec::new();
            for woken in std::iter::once(first).chain(wakes.try_iter()) {
                let action = match woken {
                    Wake::Load(LoadEvent::Batch(batch)) => {
                        loaded.extend(batch);
                        continue;
                    }
                    Wake::BodyHit(generation, article) => {
                        hits.push((generation, article));
                        continue;
                    }
                    Wake::Input(event) => keys::action_for(event, &shell.app),
                    Wake::Changed(changes) => Some(Action::LibraryChanged(changes)),
                    Wake::Unwatched(why) => Some(Action::Message(format!("Live reload is off: {why}"))),
                    Wake::Load(LoadEvent::Done) => {
                        if !shell.flush(&mut loaded, &mut hits)? || !shell.perform(Action::LoadFinished)? {
                            return Ok(Ending::Quit);
                        }
                        shell.start_watching();
                        shell.start_indexing();
                        continue;
                    }
                    Wake::BodyDone(generation) => Some(Action::BodySearchDone { generation }),
                    Wake::Signal(number) => return Ok(Ending::Signal(number)),
                };
                if !shell.flush(&mut loaded, &mut hits)? {
                    return Ok(Ending::Quit);
                }
                if let Some(action) = action
                    && !shell.perform(action)?
                {
                    return Ok(Ending::Quit);
                }
            }
            if !shell.flush(&mut loaded, &mut hits)? {
                return Ok(Ending::Quit);
            }
            shell.save_state(false);
        }
    }
}

/// The terminal side of a running reader.
struct Shell<'a> {
    screen: &'a mut Screen,
    wake: Sender<Wake>,
    /// The body search under way: set to stop it.
    search: Option<Arc<AtomicBool>>,
    app: App,
    /// config.toml's opener (`FOLIO_OPENER` wins over it).
    opener: Option<String>,
    /// When saving the state last failed (saving waits a while then).
    save_failed: Option<Instant>,
    /// The library's PATHs, and the watch on them (dropping it ends it).
    paths: Vec<PathBuf>,
    watching: Option<Sender<()>>,
    /// The body index, once it is opened (or built) in the background.
    body_index: Arc<Mutex<Option<Arc<BodyIndex>>>>,
}

impl Shell<'_> {
    /// Live reload, from the moment the list is complete: setting up the
    /// watch walks the whole library, which would slow the load down.
    fn start_watching(&mut self) {
        let (stop, stopped) = channel::<()>();
        self.watching = Some(stop);
        let (wake, paths) = (self.wake.clone(), self.paths.clone());
        thread::spawn(move || {
            let changes = wake.clone();
            match loader::watch(&paths, move |batch| changes.send(Wake::Changed(batch)).is_ok()) {
                // Kept until the shell drops `stop`.
                Ok(_watch) => drop(stopped.recv()),
                Err(error) => drop(wake.send(Wake::Unwatched(error.to_string()))),
            }
        });
    }

    /// The body index, opened (or built, or brought up to date) in the
    /// background on one thread once the list is complete; until then body
    /// searches read every body.
    fn start_indexing(&mut self) {
        let Some(folder) = config::paths().index_cache() else { return };
        let docs = self.app.index_docs();
        let id = index::library_id(&self.paths);
        let slot = Arc::clone(&self.body_index);
        thread::spawn(move || {
            if let Some(built) = index::refresh(&folder, &id, &docs, 1)
                && let Ok(mut slot) = slot.lock()
            {
                *slot = Some(Arc::new(built));
            }
        });
    }

    /// When the state should be saved next, if it has unsaved changes.
    fn save_due(&self) -> Option<Instant> {
        let since = self.app.store.as_ref()?.dirty_since()?;
        let after_failure = self.save_failed.map(|at| at + SAVE_RETRY);
        Some((since + SAVE_AFTER).max(after_failure.unwrap_or(since)))
    }

    /// Saves the reading state if it is due (or at all, when `now`).
    fn save_state(&mut self, now: bool) {
        let due = self.save_due().is_some_and(|due| now || due <= Instant::now());
        let Some(store) = self.app.store.as_mut().filter(|_| due) else { return };
        match store.save() {
            Ok(()) => self.save_failed = None,
            Err(error) => {
                self.save_failed = Some(Instant::now());
                self.app.message = Some(format!("Cannot save the reading state: {error}"));
            }
        }
        if let Some(problem) = store.take_problem() {
            self.app.message = Some(problem);
        }
    }

    /// Hands the app what was collected; `false` means quit.
    fn flush(&mut self, loaded: &mut Vec<crate::loader::Loaded>, hits: &mut Vec<(u64, usize)>) -> io::Result<bool> {
        if !loaded.is_empty() && !self.perform(Action::Loaded(std::mem::take(loaded)))? {
            return Ok(false);
        }
        if let Some(&(generation, _)) = hits.last() {
            let articles = hits.drain(..).filter(|(g, _)| *g == generation).map(|(_, a)| a).collect();
            return self.perform(Action::BodyHits { generation, articles });
        }
        Ok(true)
    }

    /// Applies `action` and carries out its effects; `false` means quit.
    fn perform(&mut self, action: Action) -> io::Result<bool> {
        let mut pending = vec![action];
        while let Some(action) = pending.pop() {
            for effect in self.app.update(action) {
                match effect {
                    Effect::Quit => return Ok(false),
                    Effect::Suspend => suspend(self.screen)?,
                    Effect::ReadArticle(index) => pending.push(read_article(&self.app, index)),
                    Effect::Open(target) => {
                        if let Err(message) = opener::open(&target, self.opener.as_deref()) {
                            pending.push(Action::Message(message));
                        }
                    }
                    Effect::SearchBodies { generation, query, sources } => self.search(generation, query, sources),
                    Effect::StopBodySearch => {
                        if let Some(search) = self.search.take() {
                            search.store(true, Ordering::Relaxed);
                        }
                    }
                }
            }
        }
        Ok(true)
    }

    /// Starts a body search on its own threads, stopping the last one.
    fn search(&mut self, generation: u64, query: crate::search::Query, sources: Vec<crate::search::BodySource>) {
        if let Some(old) = self.search.take() {
            old.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.search = Some(Arc::clone(&cancel));
        let wake = self.wake.clone();
        let body_index = self.body_index.lock().ok().and_then(|slot| slot.clone());
        thread::spawn(move || {
            // One core is left for typing.
            let threads = thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
            let found = std::sync::Mutex::new(wake.clone());
            let index = body_index.as_deref();
            crate::search::search_bodies_indexed(&sources, &query, index, threads, &cancel, &|article| {
                if let Ok(wake) = found.lock() {
                    let _ = wake.send(Wake::BodyHit(generation, article));
                }
            });
            if !cancel.load(Ordering::Relaxed) {
                let _ = wake.send(Wake::BodyDone(generation));
            }
        });
    }
}

fn read_article(app: &App, index: usize) -> Action {
    let article = &app.articles[index];
    let document = crate::file::read_body(article)
        .map(|body| crate::page::page(article, &body))
        .map_err(|problem| format!("Cannot read the article: {}", crate::text::printable(&problem.message)));
    Action::ArticleRead { article: index, document }
}

/// Ctrl-z: give the terminal back, stop until `fg`, then take it again.
fn suspend(screen: &mut Screen) -> io::Result<()> {
    leave();
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    // Forget what was on screen so the next draw paints everything.
    // (`Terminal::clear` would ask the terminal for the cursor position,
    // whose answer the input thread, waiting on the keyboard, would take.)
    screen.swap_buffers();
    screen.swap_buffers();
    Ok(())
}

fn spawn_input(wake: Sender<Wake>) {
    thread::spawn(move || {
        while let Ok(event) = crossterm::event::read() {
            if wake.send(Wake::Input(event)).is_err() {
                break;
            }
        }
    });
}

fn spawn_loader(wake: Sender<Wake>, paths: Vec<PathBuf>) {
    let events: Receiver<LoadEvent> = loader::spawn_with(paths, config::paths().index_cache(), true);
    thread::spawn(move || {
        for event in events {
            if wake.send(Wake::Load(event)).is_err() {
                break;
            }
        }
    });
}

fn spawn_signals(wake: Sender<Wake>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else { return };
        thread::spawn(move || {
            if let Some(number) = signals.forever().next() {
                let _ = wake.send(Wake::Signal(number));
            }
        });
    }
    #[cfg(not(unix))]
    drop(wake);
}
