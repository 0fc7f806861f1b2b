//! Keystrokes into an `App` as the reader's shell hands them over, each
//! `update` and the frame after it timed; and typing while the reader's
//! own body search runs, its hits handed to the app as the shell does.

use super::queries::Typed;
use super::{BODY_TERMS, FRAME, KEY_GAP, KEYS_DURING_SEARCH, SIZE};
use folio::Article;
use folio::app::query_line::LineKey;
use folio::app::{Action, App, Effect, Moment};
use folio::loader::Loaded;
use folio::search::{self, Pace};
use folio::text::Edit;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// One keystroke: which query, typing or erasing, and how long the update
/// and the frame after it took; `shown` is the list's length after it.
pub struct Key {
    pub query: usize,
    pub typing: bool,
    pub update: Duration,
    pub draw: Duration,
    pub shown: usize,
}

/// The articles handed to a new `App` as the reader's loader does, in one
/// batch; returns it and how long that took.
pub fn app_with(articles: Vec<Article>) -> (App, Duration) {
    let mut app = App::new(SIZE, Moment::now());
    let batch = articles.into_iter().map(Loaded::from).collect();
    let start = Instant::now();
    app.update(Action::Loaded(batch));
    app.update(Action::LoadFinished);
    (app, start.elapsed())
}

/// The articles in a fixed pseudo-random order, like the loader threads'
/// arrival order (folder by folder, dates in no order).
pub fn shuffled(mut articles: Vec<Article>) -> Vec<Article> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..articles.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        articles.swap(i, (state % (i as u64 + 1)) as usize);
    }
    articles
}

/// Types each query a character at a time and erases it again, timing
/// each `update` and the frame drawn after it.
pub fn type_queries(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    queries: &[Typed],
) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    for (i, query) in queries.iter().enumerate() {
        let chars: Vec<char> = query.text.chars().collect();
        let actions = chars
            .iter()
            .map(|c| (true, Action::FilterText(c.to_string())))
            .chain(chars.iter().map(|_| (false, Action::FilterKey(LineKey::Edit(Edit::Backspace)))));
        for (typing, action) in actions {
            let start = Instant::now();
            let effects = app.update(action);
            let update = start.elapsed();
            if effects.iter().any(|e| matches!(e, Effect::SearchBodies { .. })) {
                return Err(format!("typing {} started a body search", query.text));
            }
            let start = Instant::now();
            terminal.draw(|frame| folio::ui::draw(frame, app)).map_err(|e| e.to_string())?;
            let draw = start.elapsed();
            keys.push(Key { query: i, typing, update, draw, shown: app.list.visible.len() });
        }
        if !app.list.filter.text.is_empty() {
            return Err(format!("the filter is {:?} after erasing {:?}", app.list.filter, query.text));
        }
    }
    Ok(keys)
}

/// What typing while the reader's body search runs gave.
pub struct During {
    /// Each keystroke: its update with the effects carried out, and its frame.
    pub keys: Vec<Key>,
    /// Each `BodyHits` handed to the app between keystrokes, with its frame.
    pub batches: Vec<Duration>,
    /// Body searches started (one per keystroke: each changes the query).
    pub searches: usize,
}

/// A body search under way, as the shell keeps it.
struct Running {
    cancel: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

/// Carries out `effects` as the shell does: a `SearchBodies` stops the
/// search under way and starts its own on background threads, whose hits
/// come back on `hits`; `StopBodySearch` stops it.
fn carry_out(effects: Vec<Effect>, running: &mut Option<Running>, hits: &mpsc::Sender<(u64, usize)>) -> usize {
    let mut started = 0;
    for effect in effects {
        let stop = matches!(effect, Effect::SearchBodies { .. } | Effect::StopBodySearch);
        if stop && let Some(old) = running.take() {
            old.cancel.store(true, Ordering::Relaxed);
            drop(old.thread);
        }
        if let Effect::SearchBodies { generation, query, bodies } = effect {
            let cancel = Arc::new(AtomicBool::new(false));
            let (stop, hits) = (Arc::clone(&cancel), hits.clone());
            let thread = std::thread::spawn(move || {
                let _ = search::run_body_search(&bodies, &query, None, Pace::BesideTyping, &stop, &|article| {
                    let _ = hits.send((generation, article));
                });
            });
            *running = Some(Running { cancel, thread });
            started += 1;
        }
    }
    started
}

/// `body:TERM` typed, then each title query typed after it and erased, a
/// character every `KEY_GAP`, as a person types while the body search runs:
/// every keystroke changes the query, so its update starts a new search (the
/// old one stopped) on background threads, as the shell does; between
/// keystrokes, the hits found so far reach the app in one `BodyHits`. So a
/// timed keystroke is what the reader's main loop does at a key while
/// bodies are being read on the other threads.
pub fn type_during_search(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    queries: &[Typed],
) -> Result<During, String> {
    let (hits, found) = mpsc::channel::<(u64, usize)>();
    let mut running: Option<Running> = None;
    let mut during = During { keys: Vec::new(), batches: Vec::new(), searches: 0 };
    let prefix = format!("body:{} ", BODY_TERMS[0].0);
    during.searches += carry_out(app.update(Action::FilterText(prefix)), &mut running, &hits);
    'typing: loop {
        for (i, query) in queries.iter().enumerate() {
            let chars: Vec<char> = query.text.chars().collect();
            let actions = chars
                .iter()
                .map(|c| (true, Action::FilterText(c.to_string())))
                .chain(chars.iter().map(|_| (false, Action::FilterKey(LineKey::Edit(Edit::Backspace)))));
            for (typing, action) in actions {
                std::thread::sleep(KEY_GAP);
                let pending: Vec<(u64, usize)> = found.try_iter().collect();
                if let Some(&(generation, _)) = pending.last() {
                    let articles = pending.iter().filter(|(g, _)| *g == generation).map(|(_, a)| *a).collect();
                    let start = Instant::now();
                    app.update(Action::BodyHits { generation, articles });
                    terminal.draw(|frame| folio::ui::draw(frame, app)).map_err(|e| e.to_string())?;
                    during.batches.push(start.elapsed());
                }
                let start = Instant::now();
                let effects = app.update(action);
                during.searches += carry_out(effects, &mut running, &hits);
                let update = start.elapsed();
                let start = Instant::now();
                terminal.draw(|frame| folio::ui::draw(frame, app)).map_err(|e| e.to_string())?;
                let draw = start.elapsed();
                during.keys.push(Key { query: i, typing, update, draw, shown: app.list.visible.len() });
                if during.keys.len() >= KEYS_DURING_SEARCH {
                    break 'typing;
                }
            }
        }
    }
    carry_out(app.update(Action::FilterCancel), &mut running, &hits);
    if let Some(last) = running.take() {
        last.cancel.store(true, Ordering::Relaxed);
        last.thread.join().map_err(|_| "a body search thread panicked".to_owned())?;
    }
    // A keystroke that leaves the query as it was (a space) starts none.
    if during.searches * 2 < during.keys.len() {
        return Err(format!("{} keystrokes started only {} body searches", during.keys.len(), during.searches));
    }
    Ok(during)
}

/// What the reader's own body search costs the main thread.
pub struct BodyHits {
    /// Each `BodyHits` update and the frame after it.
    pub updates: Vec<Duration>,
    pub shown: usize,
    pub took: Duration,
}

/// `body:TERM` typed into the filter, its `SearchBodies` effect carried out
/// on background threads as the shell does, and the hits handed to the app
/// in one `BodyHits` a frame; the filter is cleared after.
pub fn reader_body_search(app: &mut App, terminal: &mut Terminal<TestBackend>) -> Result<BodyHits, String> {
    let effects = app.update(Action::FilterText(format!("body:{}", BODY_TERMS[0].0)));
    let Some(Effect::SearchBodies { generation, query, bodies }) =
        effects.into_iter().find(|e| matches!(e, Effect::SearchBodies { .. }))
    else {
        return Err("body: typed into the filter started no body search".to_owned());
    };
    let cancel = AtomicBool::new(false);
    let (hits, found) = mpsc::channel::<usize>();
    let start = Instant::now();
    let mut updates = Vec::new();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = search::run_body_search(&bodies, &query, None, Pace::BesideTyping, &cancel, &|article| {
                let _ = hits.send(article);
            });
        });
        loop {
            std::thread::sleep(FRAME);
            let mut done = false;
            let mut articles = Vec::new();
            loop {
                match found.try_recv() {
                    Ok(article) => articles.push(article),
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        done = true;
                        break;
                    }
                }
            }
            if !articles.is_empty() {
                let t = Instant::now();
                app.update(Action::BodyHits { generation, articles });
                terminal.draw(|frame| folio::ui::draw(frame, app)).map_err(|e| e.to_string())?;
                updates.push(t.elapsed());
            }
            if done {
                return Ok::<(), String>(());
            }
        }
    })?;
    let took = start.elapsed();
    app.update(Action::BodySearchDone { generation });
    let shown = app.list.visible.len();
    app.update(Action::FilterCancel);
    if updates.is_empty() {
        updates.push(Duration::ZERO);
    }
    Ok(BodyHits { updates, shown, took })
}
