//! The terminal side of a running reader: the loop that sleeps until
//! something happens, hands the app what happened as actions (the time
//! first), draws, and carries out the app's effects — reading an article,
//! opening a link, body searches, saving the reading state.

use super::workers::{self, IndexSlot, Wake};
use super::{Ending, Screen, keys, leave, opener};
use crate::app::{Action, App, Effect, Moment};
use crate::model::{Problem, ProblemKind};
use crossterm::event::{EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::io::{self, stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Changes to the reading state are saved this soon after the first…
const SAVE_AFTER: Duration = Duration::from_secs(1);
/// …and, after a failure, not again before this.
const SAVE_RETRY: Duration = Duration::from_secs(30);

pub struct Shell<'a> {
    screen: &'a mut Screen,
    wake: Sender<Wake>,
    /// The body search under way: set to stop it.
    search: Option<Arc<AtomicBool>>,
    /// The article being read: set to stop it.
    reading: Option<Arc<AtomicBool>>,
    pub app: App,
    /// config.toml's opener (`FOLIO_OPENER` wins over it).
    opener: Option<String>,
    /// When saving the state last failed (saving waits a while then).
    save_failed: Option<Instant>,
    /// The library's PATHs, and the watch on them (dropping it ends it).
    paths: Vec<PathBuf>,
    watching: Option<Sender<()>>,
    body_index: IndexSlot,
    /// The open article's images.
    pictures: super::pictures::Pictures,
    /// Images' sizes are looked up when an article is read.
    probe_sizes: bool,
}

impl Shell<'_> {
    pub fn new(
        screen: &mut Screen,
        wake: Sender<Wake>,
        app: App,
        opener: Option<String>,
        paths: Vec<PathBuf>,
        pictures: super::pictures::Pictures,
        probe_sizes: bool,
    ) -> Shell<'_> {
        Shell {
            screen,
            wake,
            search: None,
            reading: None,
            app,
            opener,
            save_failed: None,
            paths,
            watching: None,
            body_index: IndexSlot::default(),
            pictures,
            probe_sizes,
        }
    }

    pub fn run(&mut self, wakes: &Receiver<Wake>) -> io::Result<Ending> {
        loop {
            if let Some(clear) = self.pictures.sync(&self.app) {
                write_now(&clear)?;
            }
            let pictures = &self.pictures.encoded;
            self.screen.draw(|frame| crate::ui::draw_with(frame, &self.app, pictures))?;
            if std::env::var_os("FOLIO_TEST_PANIC").is_some() {
                // For the test that a panic gives the terminal back.
                panic!("FOLIO_TEST_PANIC is set");
            }
            // Asleep until something happens (or the app wants time to pass,
            // or the state is due to be saved); then take everything pending.
            let deadline = [self.app.next_deadline(), self.save_due()].into_iter().flatten().min();
            let first = match deadline {
                Some(deadline) => match wakes.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(first) => Some(first),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(Ending::Quit),
                },
                None => match wakes.recv() {
                    Ok(first) => Some(first),
                    Err(_) => return Ok(Ending::Quit),
                },
            };
            if !self.perform(Action::Tick(Moment::now()))? {
                return Ok(Ending::Quit);
            }
            if let Some(first) = first
                && let Some(ending) = self.take(first, wakes)?
            {
                return Ok(ending);
            }
            let _shown = self.save_state(false);
        }
    }

    /// Hands the app `first` and everything pending after it. Batches (of
    /// articles, of body hits) that arrived together become one action, so
    /// the list is sorted once per wake.
    fn take(&mut self, first: Wake, wakes: &Receiver<Wake>) -> io::Result<Option<Ending>> {
        let mut loaded = Vec::new();
        let mut hits: Vec<(u64, usize)> = Vec::new();
        for woken in std::iter::once(first).chain(wakes.try_iter()) {
            let action = match woken {
                // Held (with its credit) until handed on: the loader waits
                // rather than run ahead of the list.
                Wake::Load(crate::loader::LoadEvent::Batch(batch)) => {
                    loaded.push(batch);
                    continue;
                }
                Wake::BodyHits(generation, articles) => {
                    hits.extend(articles.into_iter().map(|article| (generation, article)));
                    continue;
                }
                Wake::Input(event) => keys::action_for(event, &self.app),
                Wake::Changed(changes) => Some(Action::LibraryChanged(changes)),
                Wake::Unwatched(why) => Some(Action::Message(why)),
                Wake::Failed(message) => Some(self.failure(message)),
                Wake::Load(crate::loader::LoadEvent::Done) => {
                    if !self.flush(&mut loaded, &mut hits)? || !self.perform(Action::LoadFinished)? {
                        return Ok(Some(Ending::Quit));
                    }
                    self.watching = Some(workers::spawn_watch(self.wake.clone(), self.paths.clone()));
                    self.start_indexing();
                    continue;
                }
                Wake::BodyDone(generation) => Some(Action::BodySearchDone { generation }),
                Wake::Article(article, document) => Some(Action::ArticleRead { article, document }),
                Wake::Signal(number) => return Ok(Some(Ending::Signal(number))),
                Wake::Stop => {
                    self.stop_here()?;
                    None
                }
                Wake::Graphics(picker) => Some(self.pictures.use_picker(picker)),
                Wake::Image(done) => self.pictures.arrived(done),
            };
            if !self.flush(&mut loaded, &mut hits)? {
                return Ok(Some(Ending::Quit));
            }
            if let Some(action) = action
                && !self.perform(action)?
            {
                return Ok(Some(Ending::Quit));
            }
        }
        Ok((!self.flush(&mut loaded, &mut hits)?).then_some(Ending::Quit))
    }

    /// A worker's failure, for the status bar and `P`.
    fn failure(&self, message: String) -> Action {
        let path = self.paths.first().cloned().unwrap_or_default();
        let problems = vec![Problem { path, kind: ProblemKind::Internal, message: message.clone() }];
        Action::Report { message, problems }
    }

    /// The body index, opened (or built) in the background once the list
    /// is complete.
    fn start_indexing(&mut self) {
        let Some(folder) = crate::config::paths().index_cache() else { return };
        let slot = Arc::clone(&self.body_index);
        workers::spawn_indexing(self.wake.clone(), folder, self.paths.clone(), slot);
    }

    /// When the state should be saved next, if it has unsaved changes.
    fn save_due(&self) -> Option<Instant> {
        let since = self.app.state.store.as_ref()?.dirty_since()?;
        let after_failure = self.save_failed.map(|at| at + SAVE_RETRY);
        Some((since + SAVE_AFTER).max(after_failure.unwrap_or(since)))
    }

    /// Saves the reading state if it is due (or at all, when `now`). If it
    /// could not be saved: why, and where (also shown in the status bar).
    pub fn save_state(&mut self, now: bool) -> Option<String> {
        let due = self.save_due().is_some_and(|due| now || due <= Instant::now());
        let store = self.app.state.store.as_mut().filter(|_| due)?;
        let failure = match store.save() {
            Ok(()) => {
                self.save_failed = None;
                None
            }
            Err(error) => {
                self.save_failed = Some(Instant::now());
                let folder = crate::text::printable(&store.folder().to_string_lossy()).into_owned();
                Some(format!("cannot save the reading state in {folder}: {error}"))
            }
        };
        let message = store.take_problem().or_else(|| failure.as_deref().map(capitalised));
        if let Some(message) = message {
            self.app.update(Action::Message(message));
        }
        failure
    }

    /// Hands the app what was collected; `false` means quit.
    fn flush(&mut self, loaded: &mut Vec<crate::loader::Batch>, hits: &mut Vec<(u64, usize)>) -> io::Result<bool> {
        if !loaded.is_empty() {
            let mut articles = Vec::with_capacity(loaded.iter().map(crate::loader::Batch::len).sum());
            loaded.drain(..).for_each(|batch| articles.extend(batch.into_items()));
            if !self.perform(Action::Loaded(articles))? {
                return Ok(false);
            }
        }
        // Hits of a search already replaced may come after the new one's:
        // the newest search's are the ones handed on (the app drops the rest).
        if let Some(generation) = hits.iter().map(|&(generation, _)| generation).max() {
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
                    Effect::Suspend => self.stop_here()?,
                    Effect::ReadArticle(index) => self.read_article(index),
                    Effect::CancelRead => stop(&mut self.reading),
                    Effect::Open(target) => {
                        if let Err(message) = opener::open(&target, self.opener.as_deref()) {
                            pending.push(Action::Message(message));
                        }
                    }
                    Effect::SearchBodies { generation, query, bodies } => {
                        stop(&mut self.search);
                        let cancel = Arc::new(AtomicBool::new(false));
                        self.search = Some(Arc::clone(&cancel));
                        let index = self.body_index.lock().ok().and_then(|slot| slot.clone());
                        workers::spawn_search(self.wake.clone(), (generation, query, bodies), index, cancel);
                    }
                    Effect::StopBodySearch => stop(&mut self.search),
                    Effect::Copy(text) => {
                        if let Err(error) = write_now(&super::clipboard::osc52(&text, super::clipboard::in_tmux())) {
                            pending.push(Action::Message(format!("Cannot copy: {error}")));
                        }
                    }
                }
            }
        }
        Ok(true)
    }

    /// Article `index` read on a worker (the read before it stopped), laid
    /// out at the reader's width.
    fn read_article(&mut self, index: usize) {
        stop(&mut self.reading);
        let Some(article) = self.app.list.store.get(index).map(|row| row.to_article()) else { return };
        let cancel = Arc::new(AtomicBool::new(false));
        self.reading = Some(Arc::clone(&cancel));
        let sizes = self
            .probe_sizes
            .then(|| self.pictures.remote().then(|| crate::images::disk_cache(&crate::config::paths())));
        workers::spawn_read(self.wake.clone(), index, article, self.app.text_width(), sizes, cancel);
    }

    /// Ctrl-z or an outside SIGTSTP: the terminal given back (its images
    /// cleared first), stopped until `fg`, then taken again and redrawn.
    fn stop_here(&mut self) -> io::Result<()> {
        if let Some(clear) = self.pictures.forget() {
            write_now(&clear)?;
        }
        suspend(self.screen)
    }

    /// Clears the terminal's stored images (before it is given back).
    pub fn forget_pictures(&mut self) {
        if let Some(clear) = self.pictures.forget() {
            let _ = write_now(&clear);
        }
    }
}

/// Writes `bytes` to the terminal at once (between frames).
fn write_now(bytes: &str) -> io::Result<()> {
    use std::io::Write;
    let mut out = stdout();
    out.write_all(bytes.as_bytes())?;
    out.flush()
}

/// Stops the worker `running` tells about, if any.
fn stop(running: &mut Option<Arc<AtomicBool>>) {
    if let Some(running) = running.take() {
        running.store(true, Ordering::Relaxed);
    }
}

/// Ctrl-z: give the terminal back, stop until `fg`, then take it again.
fn suspend(screen: &mut Screen) -> io::Result<()> {
    leave();
    // Stopped as SIGTSTP's default would (SIGTSTP itself is caught: raising
    // it would only come back here).
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
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

/// `text` with its first letter upper-case, for the status bar.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
