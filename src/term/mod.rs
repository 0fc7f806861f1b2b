//! The only code that touches the terminal: raw mode and the alternate
//! screen (always restored: on quit, error, panic, SIGTERM, SIGHUP,
//! SIGINT), the event loop (asleep until something happens), suspending on
//! Ctrl-z, and the workers whose results wake it. Everything the app
//! learns — keys, time, loaded articles, failures — reaches it as actions.

mod clipboard;
mod hits;
mod keys;
mod opener;
mod pictures;
mod shell;
mod workers;

use crate::app::{Action, App, Moment};
use crate::config::{self, Config};
use crate::model::{Problem, ProblemKind};
use crate::state::{Roots, Store};
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
pub use keys::action_for;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use shell::Shell;
use std::io::{self, Stdout, stdout};
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::thread;

type Screen = Terminal<CrosstermBackend<Stdout>>;

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal (its number) ended it; the terminal was given back first.
    Signal(i32),
}

/// How the reader ended, and whether the reading state was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub ending: Ending,
    /// Why the reading state could not be saved at the end, and where
    /// (`None`: saved, or nothing to save).
    pub unsaved: Option<String>,
}

/// Runs the reader on `paths` until the user quits or a signal comes.
/// `config` is config.toml's settings, `config_problems` what was wrong
/// with it (shown, the defaults used instead).
pub fn run(paths: Vec<PathBuf>, config: Config, config_problems: Vec<config::ConfigProblem>) -> io::Result<Finished> {
    install_panic_hook();
    let (wake, wakes) = channel();
    // Signals are caught before the terminal changes, so none can leave it raw.
    workers::spawn_signals(wake.clone());
    let mut screen = enter()?;
    let mut loading = None;
    let ending = start(&mut screen, paths, config, config_problems, wake).and_then(|(mut shell, loader)| {
        loading = Some(loader);
        let ending = shell.run(&wakes);
        // Whatever ended the run, the reading state is kept.
        shell.app.remember_last();
        let unsaved = shell.save_state(true);
        shell.forget_pictures();
        ending.map(|ending| Finished { ending, unsaved })
    });
    leave();
    // The terminal is given back; the index cache the loader is writing
    // (just after a load) is worth a moment, or the next start reads every
    // file again.
    if let Some(loader) = loading {
        let _ = loader.recv_timeout(LOADER_GRACE);
    }
    ending
}

/// How long folio waits, after quitting, for its index cache to be written.
const LOADER_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// The app, configured and with its read state, and the workers started.
fn start(
    screen: &mut Screen,
    paths: Vec<PathBuf>,
    config: Config,
    config_problems: Vec<config::ConfigProblem>,
    wake: std::sync::mpsc::Sender<workers::Wake>,
) -> io::Result<(Shell<'_>, std::sync::mpsc::Receiver<()>)> {
    // The terminal is asked which images it draws before anything reads
    // the keyboard; the answer comes in with the keys.
    let (mode, mode_problem) =
        crate::images::ImageMode::in_force(config.images, std::env::var("FOLIO_IMAGES").ok().as_deref());
    let asked = if mode == crate::images::ImageMode::Auto { crate::images::detect::ask() } else { None };
    let forced = crate::images::detect::forced(mode);
    workers::spawn_input(wake.clone(), asked.clone());
    let places = config::paths();
    let loader = workers::spawn_loader(wake.clone(), paths.clone(), places.index_cache());
    let size = screen.size()?;
    let mut app = App::new((size.width, size.height), Moment::now());
    app.configure(&config);
    let (store, state_problem) = Store::open(&places.data);
    app.use_state(store, Roots::new(&paths));
    if let Some(first) = config_problems.first() {
        let more = config_problems.len() - 1;
        let more = if more > 0 { format!(" (and {more} more — press P)") } else { String::new() };
        let problems = config_problems
            .iter()
            .map(|problem| Problem {
                path: problem.file.clone(),
                kind: ProblemKind::Config,
                message: problem.to_string(),
            })
            .collect();
        let defaults = if config_problems.iter().all(|p| p.applied) { "" } else { "; using the defaults there" };
        app.update(Action::Report { message: format!("{first}{more}{defaults}"), problems });
    }
    if let Some(problem) = state_problem {
        let path = places.data.join(crate::state::STATE_FILE);
        let problems = vec![Problem { path, kind: ProblemKind::Warning, message: problem.clone() }];
        app.update(Action::Report { message: format!("{problem} — press P"), problems });
    }
    if let Some(problem) = mode_problem {
        app.update(Action::Message(problem));
    }
    let mut pictures = pictures::Pictures::new(wake.clone(), config.images_remote);
    match (mode, forced, asked) {
        (crate::images::ImageMode::Off, _, _) => {
            let off_because = Some("images are off (images = \"off\")");
            app.update(Action::ImagesReady { cell: None, off_because, protocol: None });
        }
        (_, Some(picker), _) => drop(app.update(pictures.use_picker(picker))),
        // No terminal to ask (stdin or stdout redirected): half-blocks.
        (_, None, None) => drop(app.update(pictures.use_picker(ratatui_image::picker::Picker::halfblocks()))),
        (_, None, Some(_)) => {}
    }
    let probe_sizes = mode != crate::images::ImageMode::Off;
    Ok((Shell::new(screen, wake, app, config.opener, paths, pictures, probe_sizes), loader))
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

thread_local! {
    /// What the last panic on this thread said (for a worker to report it).
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A panic on the main thread gives the terminal back, then the hook that
/// was there before (`main`'s, which prints the message) runs. On another
/// thread nothing is printed over the screen: the worker catches the
/// panic and reports it to the app, with the message kept here.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if thread::current().name() == Some("main") {
            leave();
            previous(info);
        } else {
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
        }
    }));
}

/// The message of the last panic on this thread, if any.
fn last_panic() -> String {
    LAST_PANIC.with(|last| last.borrow_mut().take()).unwrap_or_else(|| "a panic".to_owned())
}
