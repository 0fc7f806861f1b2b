//! The search benchmark, `cargo bench --bench search`: how fast the reader
//! answers a keystroke in the filter, how `folio list --query body:TERM`
//! compares with `rg -l TERM`, and whether typing stays quick while a body
//! search runs. Over the same 100,000-article corpus as `benches/load.rs`.
//!
//! - Keystrokes: the articles are loaded once (`folio::library::load`) and
//!   handed to an `App` (120×40) in one `Action::Loaded`, in a shuffled
//!   order, as the reader's loader threads deliver them (not newest first);
//!   then realistic queries are typed one character at a time with
//!   `Action::FilterText` and erased with `Action::FilterBackspace`, each
//!   call timed (target: p95 ≤ 8 ms). The queries come from the corpus: a
//!   CJK word from a title, a Latin word from a title, `author:` and a
//!   source, `in:` and a group prefix, a traditional spelling of a
//!   simplified title word, and that word's pinyin. Each keystroke's frame
//!   (`folio::ui::draw` over ratatui's `TestBackend`) is timed apart.
//! - Full text: `folio list --query body:TERM DIR` against `rg -l TERM DIR`,
//!   output to /dev/null, alternating, after a warm-up of each, for a Latin
//!   word and a CJK word found in some bodies and a word found in none
//!   (target: folio ≤ 1.0× rg, medians). folio's caches live in
//!   `target/folio-bench/cache`; the first warm-up writes the index cache
//!   and the body index (a first full-text search does), so the timed runs
//!   are second starts with both warm.
//! - Typing during a body search: `folio::search::search_bodies` runs over
//!   every article on background threads (as many as the reader's shell
//!   starts), while title queries are typed on this thread, a keystroke
//!   every `KEY_GAP` (target: p95 ≤ 8 ms). Then, for the record: the
//!   reader's own body search, its hits handed to the `App` in
//!   `Action::BodyHits` batches once a frame, as the shell does.
//!
//! Environment: `FOLIO_BENCH_DIR` (an existing corpus), `FOLIO_BENCH_N`
//! (default 100000; the corpus is generated into `target/folio-bench/`
//! and reused, as `benches/load.rs` does), `FOLIO_BENCH_ROUNDS` (default 3:
//! rounds of typing, and timed runs of each command). For a profiler,
//! `FOLIO_BENCH_ONLY=typing|bodies` loops over that one step for
//! `FOLIO_BENCH_SECONDS` (default 10) and `FOLIO_BENCH_ONLY=during` types
//! once during body searches; each skips the table (e.g. `perf record -g
//! target/release/deps/search-HASH --bench`).

mod common;

use common::{count_lines, env_number, median, min, time, verdict};

use folio::Article;
use folio::app::{Action, App, Effect, Moment};
use folio::loader::Loaded;
use folio::search::{self, BodySource};
use folio::width::fit;
use pinyin::ToPinyin;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashMap;
use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const SIZE: (u16, u16) = (120, 40);
/// The table's first column, in terminal columns.
const NAME: usize = 52;
const KEY_TARGET: Duration = Duration::from_millis(8);
const RATIO_TARGET: f64 = 1.0;
/// The pause between keystrokes typed during a body search: a fast typist.
const KEY_GAP: Duration = Duration::from_millis(40);
/// Keystrokes timed during body searches (the search is started again
/// until there are this many).
const KEYS_DURING_SEARCH: usize = 150;
/// How often the reader's shell hands body hits over: once a frame.
const FRAME: Duration = Duration::from_millis(16);
/// Body search terms: (term, what it is). rg is given them as they are;
/// folio folds them (case, width, traditional → simplified).
const BODY_TERMS: [(&str, &str); 3] =
    [("Kubernetes", "Latin, in some bodies"), ("堂本光一", "CJK, in some bodies"), ("量子纠缠", "in no body")];
/// Traditional spellings of simplified words the generated titles use; the
/// first whose simplified form is in some title is typed.
const TRADITIONAL: [&str; 4] = ["烏克蘭", "俄羅斯", "數據中心", "聯合國"];

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // binary without it, and should not spend minutes here.
    if !std::env::args().any(|a| a == "--bench") {
        println!("search: a benchmark; run it with `cargo bench --bench search`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("search bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let rounds = env_number("FOLIO_BENCH_ROUNDS", 3)?.max(1);
    let dir = common::corpus_dir()?;
    let dir = fs::canonicalize(&dir).map_err(|e| format!("cannot resolve {}: {e}", dir.display()))?;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());

    let start = Instant::now();
    let library = folio::library::load(std::slice::from_ref(&dir));
    let load_time = start.elapsed();
    if library.articles.is_empty() {
        return Err(format!("no articles in {}", dir.display()));
    }
    let queries = pick_queries(&library.articles)?;

    if let Ok(only) = std::env::var("FOLIO_BENCH_ONLY") {
        let seconds = env_number("FOLIO_BENCH_SECONDS", 10)?.max(1);
        return profile(&only, library.articles, &queries, Duration::from_secs(seconds as u64));
    }

    println!("corpus: {} articles in {} (loaded in {:.2} s)", library.articles.len(), dir.display(), secs(load_time));
    println!("folio:  {FOLIO}");
    println!("{cores} cores; warm page cache; App at {}×{}", SIZE.0, SIZE.1);
    println!();

    // (a) Keystrokes in a title or field query.
    let date_order = library.articles.clone();
    let (mut app, feed_time) = app_with(shuffled(library.articles));
    println!(
        "App fed {} articles in shuffled (arrival) order: Loaded + LoadFinished took {:.1} ms",
        app.list.store.len(),
        ms(feed_time)
    );
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).map_err(|e| e.to_string())?;
    let mut keys = Vec::new();
    for _ in 0..rounds {
        keys.extend(type_queries(&mut app, &mut terminal, &queries, None)?);
    }
    println!();
    println!("queries typed ({rounds} rounds; \"shown\" is how many articles the whole query keeps):");
    for (i, query) in queries.iter().enumerate() {
        let shown = keys.iter().rfind(|k| k.query == i && k.typing).map_or(0, |k| k.shown);
        println!(
            "  {} {:>3} keys  shown {shown:>6}  ({})",
            fit(&show_query(&query.text), 34),
            query.keys(),
            query.what
        );
    }

    // The same in the order `library::load` gives (newest first), for the
    // record: the sort on each keystroke is then nearly free.
    let (mut sorted_app, _) = app_with(date_order);
    let mut sorted_keys = Vec::new();
    for _ in 0..rounds {
        sorted_keys.extend(type_queries(&mut sorted_app, &mut terminal, &queries, None)?);
    }
    drop(sorted_app);

    // (b) Full text: folio list --query body:TERM against rg -l TERM.
    println!();
    let sources: Vec<BodySource> =
        app.list.store.articles().enumerate().map(|(i, a)| BodySource::of(i, a, None)).collect();
    let full_text = full_text(&dir, &sources, rounds)?;

    // (c) Typing while a body search runs.
    println!();
    let (during, passes) = type_during_search(&mut app, &mut terminal, &queries, &sources)?;
    println!(
        "typing during a body search: {} keystrokes, one every {} ms, over {} searches of {:.2} s each (median)",
        during.len(),
        KEY_GAP.as_millis(),
        passes.len(),
        secs(median(&passes))
    );
    let hits = reader_body_search(&mut app, &mut terminal)?;
    println!(
        "the reader's body search (body:{}): {} BodyHits batches, {} articles shown at the end, {:.2} s",
        BODY_TERMS[0].0,
        hits.updates.len(),
        hits.shown,
        secs(hits.took)
    );

    // The table.
    println!();
    println!("{} {:>10} {:>10} {:>10} {:>14}", fit("measurement", NAME), "median", "p95", "max", "target");
    let row = |name: &str, times: &[Duration], target: Option<Duration>| {
        let (target_text, verdict_text) = match target {
            Some(target) => (format!("p95 ≤ {}", show(target)), verdict(percentile(times, 95) <= target)),
            None => (String::new(), ""),
        };
        println!(
            "{} {:>10} {:>10} {:>10} {target_text:>14}  {verdict_text}",
            fit(name, NAME),
            show(median(times)),
            show(percentile(times, 95)),
            show(max(times))
        );
    };
    let updates = |keys: &[Key], pick: &dyn Fn(&Key) -> bool| -> Vec<Duration> {
        keys.iter().filter(|k| pick(k)).map(|k| k.update).collect()
    };
    row(&format!("(a) keystroke, all ({} keys)", keys.len()), &updates(&keys, &|_| true), Some(KEY_TARGET));
    row("    typing a character", &updates(&keys, &|k| k.typing), None);
    row("    backspace", &updates(&keys, &|k| !k.typing), None);
    for (i, query) in queries.iter().enumerate() {
        row(&format!("    {}", show_query(&query.text)), &updates(&keys, &|k| k.query == i), None);
    }
    let frames: Vec<Duration> = keys.iter().map(|k| k.draw).collect();
    row("    its frame (ui::draw, TestBackend)", &frames, None);
    let with_frame: Vec<Duration> = keys.iter().map(|k| k.update + k.draw).collect();
    row("    keystroke + frame", &with_frame, None);
    row("    keystroke, articles fed newest first", &updates(&sorted_keys, &|_| true), None);
    println!();
    println!("{} {:>10} {:>10} {:>10} {:>14}", fit("full text, wall time", NAME), "median", "min", "ratio", "target");
    for result in &full_text {
        println!(
            "{} {:>10} {:>10}",
            fit(&format!("(b) rg -l {} DIR", result.term), NAME),
            show(median(&result.rg)),
            show(min(&result.rg))
        );
        let ratio = secs(median(&result.folio)) / secs(median(&result.rg));
        println!(
            "{} {:>10} {:>10} {:>9.2}× {:>14}  {}",
            fit(&format!("    folio list --query body:{} DIR", result.term), NAME),
            show(median(&result.folio)),
            show(min(&result.folio)),
            ratio,
            format!("≤ {RATIO_TARGET:.1}×"),
            verdict(ratio <= RATIO_TARGET)
        );
    }
    println!("{} {:>10}", fit("    of which loading (library::load, in process)", NAME), show(load_time));
    for result in &full_text {
        println!(
            "{} {:>10}",
            fit(&format!("    of which search_bodies {} (in process)", result.term), NAME),
            show(result.in_process)
        );
    }
    println!();
    println!("{} {:>10} {:>10} {:>10} {:>14}", fit("during a body search", NAME), "median", "p95", "max", "target");
    let during_updates: Vec<Duration> = during.iter().map(|k| k.update).collect();
    row(&format!("(c) keystroke ({} keys)", during.len()), &during_updates, Some(KEY_TARGET));
    let during_frames: Vec<Duration> = during.iter().map(|k| k.update + k.draw).collect();
    row("    keystroke + frame", &during_frames, None);
    row(&format!("    BodyHits batch + frame ({} batches)", hits.updates.len()), &hits.updates, None);
    Ok(())
}

// ----- the queries -----

/// A query to type, and what it stands for.
struct Typed {
    text: String,
    what: String,
}

impl Typed {
    fn keys(&self) -> usize {
        self.text.chars().count()
    }
}

/// Queries taken from the corpus, so they find something in any library.
fn pick_queries(articles: &[Article]) -> Result<Vec<Typed>, String> {
    let n = articles.len();
    // Start in the middle: the newest articles are no more typical.
    let from_middle = || articles[n / 2..].iter().chain(&articles[..n / 2]);
    let mut queries = Vec::new();

    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let cjk = from_middle().find_map(|a| {
        let title = &*a.title;
        let start = title.find(is_han)?;
        let run: String = title[start..].chars().take_while(|&c| is_han(c)).take(4).collect();
        (run.chars().count() == 4 && search::fold(&run) == run).then_some(run)
    });
    if let Some(word) = cjk {
        queries.push(Typed { text: word, what: "CJK, from a title".to_owned() });
    }

    let latin = from_middle().skip(n / 3).find_map(|a| {
        a.title.split(' ').find(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_alphabetic())).map(str::to_owned)
    });
    if let Some(word) = latin {
        queries.push(Typed { text: word, what: "Latin, from a title".to_owned() });
    }

    // The most common author whose name starts with CJK, else the most common.
    let mut authors: HashMap<&str, usize> = HashMap::new();
    for author in articles.iter().filter_map(|a| a.author.as_deref()) {
        *authors.entry(author).or_default() += 1;
    }
    let mut authors: Vec<(&str, usize)> = authors.into_iter().collect();
    authors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let author = authors.iter().find(|(a, _)| !a.starts_with(|c: char| c.is_ascii())).or(authors.first());
    if let Some((author, _)) = author {
        let word = author.split_whitespace().next().unwrap_or(author);
        queries.push(Typed { text: format!("author:{word}"), what: "a source, as author:".to_owned() });
    }

    // The most common category/source, up to the first space.
    let mut groups: HashMap<String, usize> = HashMap::new();
    for article in articles {
        let prefix: Vec<&str> = article.group.split('/').take(2).collect();
        *groups.entry(prefix.join("/")).or_default() += 1;
    }
    let group = groups.into_iter().filter(|(g, _)| !g.is_empty()).max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    if let Some((group, _)) = group {
        let prefix = group.split_whitespace().next().unwrap_or(&group).to_owned();
        queries.push(Typed { text: format!("in:{prefix}"), what: "a group prefix, as in:".to_owned() });
    }

    // A traditional spelling of a simplified word in some title, then that
    // word's pinyin.
    let titles: Vec<String> = articles.iter().take(20_000).map(|a| search::fold(&a.title)).collect();
    let traditional = TRADITIONAL.iter().find_map(|&t| {
        let simplified = search::fold(t);
        (simplified != t && titles.iter().any(|title| title.contains(&simplified))).then_some((t, simplified))
    });
    if let Some((traditional, simplified)) = traditional {
        queries
            .push(Typed { text: traditional.to_owned(), what: format!("traditional for the title word {simplified}") });
        let pinyin: String = simplified.as_str().to_pinyin().flatten().map(|p| p.plain()).collect();
        queries.push(Typed { text: pinyin, what: format!("pinyin for {simplified}") });
    }
    if queries.len() < 4 {
        return Err(format!("found only {} queries to type in the corpus's titles", queries.len()));
    }
    Ok(queries)
}

fn show_query(text: &str) -> String {
    format!("\"{text}\"")
}

// ----- keystrokes -----

/// One keystroke: which query, typing or erasing, and how long the update
/// and the frame after it took; `shown` is the list's length after it.
struct Key {
    query: usize,
    typing: bool,
    update: Duration,
    draw: Duration,
    shown: usize,
}

/// The articles handed to a new `App` as the reader's loader does, in one
/// batch; returns it and how long that took.
fn app_with(articles: Vec<Article>) -> (App, Duration) {
    let mut app = App::new(SIZE, Moment::now());
    let batch = articles.into_iter().map(Loaded::from).collect();
    let start = Instant::now();
    app.update(Action::Loaded(batch));
    app.update(Action::LoadFinished);
    (app, start.elapsed())
}

/// The articles in a fixed pseudo-random order, like the loader threads'
/// arrival order (folder by folder, dates in no order).
fn shuffled(mut articles: Vec<Article>) -> Vec<Article> {
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
/// each `update` and the frame drawn after it. With `pace`, waits that long
/// between keystrokes and stops (returning what it has) once `stop` is set.
fn type_queries(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    queries: &[Typed],
    pace: Option<(Duration, &AtomicBool)>,
) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    for (i, query) in queries.iter().enumerate() {
        let chars: Vec<char> = query.text.chars().collect();
        let actions = chars
            .iter()
            .map(|c| (true, Action::FilterText(c.to_string())))
            .chain(chars.iter().map(|_| (false, Action::FilterBackspace)));
        for (typing, action) in actions {
            if let Some((gap, stop)) = pace {
                if stop.load(Ordering::Relaxed) {
                    return Ok(keys);
                }
                std::thread::sleep(gap);
            }
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
        if !app.list.filter.is_empty() {
            return Err(format!("the filter is {:?} after erasing {:?}", app.list.filter, query.text));
        }
    }
    Ok(keys)
}

/// Title queries typed while `search_bodies` runs over every article on
/// background threads; the search starts again until enough keystrokes
/// were timed. Returns the keystrokes and each search's wall time.
fn type_during_search(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    queries: &[Typed],
    sources: &[BodySource],
) -> Result<(Vec<Key>, Vec<Duration>), String> {
    let query = search::parse(&format!("body:{}", BODY_TERMS[0].0))?;
    // As many as the reader's shell starts.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let searching = AtomicBool::new(false);
    let enough = AtomicBool::new(false);
    let cancel = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let searcher = scope.spawn(|| {
            let mut passes = Vec::new();
            while !enough.load(Ordering::Relaxed) {
                let found = AtomicUsize::new(0);
                searching.store(true, Ordering::Relaxed);
                let start = Instant::now();
                search::search_bodies(sources, &query, threads, &cancel, &|_| {
                    found.fetch_add(1, Ordering::Relaxed);
                });
                if !cancel.load(Ordering::Relaxed) {
                    passes.push(start.elapsed());
                }
                searching.store(false, Ordering::Relaxed);
                black_box(found.load(Ordering::Relaxed));
            }
            passes
        });
        // A search starts again as soon as one ends, so every keystroke
        // after the first start falls during one.
        while !searching.load(Ordering::Relaxed) {
            std::thread::yield_now();
        }
        let mut keys = Vec::new();
        let result = loop {
            let stop = AtomicBool::new(false);
            let typed = match type_queries(app, terminal, queries, Some((KEY_GAP, &stop))) {
                Ok(typed) => typed,
                Err(message) => break Err(message),
            };
            keys.extend(typed);
            if keys.len() >= KEYS_DURING_SEARCH {
                break Ok(());
            }
        };
        enough.store(true, Ordering::Relaxed);
        cancel.store(true, Ordering::Relaxed);
        let passes = searcher.join().map_err(|_| "the search thread panicked".to_owned())?;
        result.map(|()| (keys, passes))
    })
}

/// What the reader's own body search costs the main thread.
struct BodyHits {
    /// Each `BodyHits` update and the frame after it.
    updates: Vec<Duration>,
    shown: usize,
    took: Duration,
}

/// `body:TERM` typed into the filter, its `SearchBodies` effect carried out
/// on background threads as the shell does, and the hits handed to the app
/// in one `BodyHits` a frame; the filter is cleared after.
fn reader_body_search(app: &mut App, terminal: &mut Terminal<TestBackend>) -> Result<BodyHits, String> {
    let effects = app.update(Action::FilterText(format!("body:{}", BODY_TERMS[0].0)));
    let Some(Effect::SearchBodies { generation, query, sources }) =
        effects.into_iter().find(|e| matches!(e, Effect::SearchBodies { .. }))
    else {
        return Err("body: typed into the filter started no body search".to_owned());
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let cancel = AtomicBool::new(false);
    let (hits, found) = mpsc::channel::<usize>();
    let start = Instant::now();
    let mut updates = Vec::new();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            search::search_bodies(&sources, &query, threads, &cancel, &|article| {
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

// ----- full text -----

struct FullText {
    term: &'static str,
    rg: Vec<Duration>,
    folio: Vec<Duration>,
    in_process: Duration,
}

/// Each of `BODY_TERMS` searched by rg and by `folio list`, and by
/// `search_bodies` in this process over `sources` (every article).
fn full_text(dir: &Path, sources: &[BodySource], rounds: usize) -> Result<Vec<FullText>, String> {
    match Command::new("rg").arg("--version").output() {
        Ok(output) if output.status.success() => {}
        _ => return Err("rg (ripgrep) cannot be run: apt-get install ripgrep".to_owned()),
    }
    let mut results = Vec::new();
    for (term, what) in BODY_TERMS {
        // Warm-up, and a check that both did the whole job.
        let rg_output = rg(dir, term).output().map_err(|e| format!("cannot run rg: {e}"))?;
        // rg exits with 1 when nothing matched.
        if rg_output.status.code().is_none_or(|code| code > 1) {
            return Err(format!("rg failed ({})", rg_output.status));
        }
        let folio_output = folio(dir, term).output().map_err(|e| format!("cannot run {FOLIO}: {e}"))?;
        if !folio_output.status.success() {
            return Err(format!(
                "folio list --query failed ({}): {}",
                folio_output.status,
                String::from_utf8_lossy(&folio_output.stderr).lines().next().unwrap_or("")
            ));
        }
        // The same search in this process, without the load, on as many
        // threads as `folio list` uses.
        let query = search::parse(&format!("body:{term}"))?;
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
        let found = AtomicUsize::new(0);
        let start = Instant::now();
        search::search_bodies(sources, &query, threads, &AtomicBool::new(false), &|_| {
            found.fetch_add(1, Ordering::Relaxed);
        });
        let in_process = start.elapsed();
        println!(
            "body:{term} ({what}): rg matched {} files, folio listed {} articles ({} in process)",
            count_lines(&rg_output.stdout),
            count_lines(&folio_output.stdout),
            found.load(Ordering::Relaxed)
        );
        let mut result = FullText { term, rg: Vec::new(), folio: Vec::new(), in_process };
        for round in 1..=rounds {
            let rg_time = time(rg(dir, term), "rg", true)?;
            let folio_time = time(folio(dir, term), "folio list --query", true)?;
            println!("  round {round}/{rounds}:  rg {:.3} s  folio {:.3} s", secs(rg_time), secs(folio_time));
            result.rg.push(rg_time);
            result.folio.push(folio_time);
        }
        results.push(result);
    }
    Ok(results)
}

fn rg(dir: &Path, term: &str) -> Command {
    let mut command = Command::new("rg");
    command.arg("-l").arg(term).arg(dir).stdin(Stdio::null());
    command
}

fn folio(dir: &Path, term: &str) -> Command {
    let mut command = Command::new(FOLIO);
    command.arg("list").arg("--query").arg(format!("body:{term}")).arg(dir).stdin(Stdio::null());
    // The bench's own cache folder: the warm-up writes the index cache and
    // the body index there, as a first full-text search does.
    command.env("FOLIO_CACHE_DIR", common::bench_root().join("cache"));
    command
}

// ----- for a profiler -----

/// Loops over one step for `budget`.
fn profile(only: &str, articles: Vec<Article>, queries: &[Typed], budget: Duration) -> Result<(), String> {
    let start = Instant::now();
    let mut rounds = 0;
    match only {
        "typing" => {
            let (mut app, _) = app_with(shuffled(articles));
            let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).map_err(|e| e.to_string())?;
            let mut keys = Vec::new();
            while start.elapsed() < budget {
                keys.extend(type_queries(&mut app, &mut terminal, queries, None)?);
                rounds += 1;
            }
            let updates: Vec<Duration> = keys.iter().map(|k| k.update).collect();
            println!(
                "typing: {} keystrokes, median {}, p95 {}",
                keys.len(),
                show(median(&updates)),
                show(percentile(&updates, 95))
            );
        }
        "bodies" => {
            let sources: Vec<BodySource> =
                articles.iter().enumerate().map(|(i, a)| BodySource::of(i, a, None)).collect();
            let query = search::parse(&format!("body:{}", BODY_TERMS[0].0))?;
            let threads = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
            while start.elapsed() < budget {
                search::search_bodies(&sources, &query, threads, &AtomicBool::new(false), &|i| {
                    black_box(i);
                });
                rounds += 1;
            }
        }
        "during" => {
            // Typing during body searches, once (the budget is not used).
            let (mut app, _) = app_with(shuffled(articles));
            let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).map_err(|e| e.to_string())?;
            let sources: Vec<BodySource> =
                app.list.store.articles().enumerate().map(|(i, a)| BodySource::of(i, a, None)).collect();
            let (keys, passes) = type_during_search(&mut app, &mut terminal, queries, &sources)?;
            let updates: Vec<Duration> = keys.iter().map(|k| k.update).collect();
            println!(
                "during: {} keystrokes over {} searches, median {}, p95 {}",
                keys.len(),
                passes.len(),
                show(median(&updates)),
                show(percentile(&updates, 95))
            );
            rounds = 1;
        }
        _ => return Err(format!("FOLIO_BENCH_ONLY={only:?}: say typing, bodies or during")),
    }
    println!("{only}: {rounds} rounds in {:.1} s", secs(start.elapsed()));
    Ok(())
}

// ----- numbers -----

/// The nearest-rank percentile.
fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

fn max(times: &[Duration]) -> Duration {
    times.iter().copied().max().unwrap_or_default()
}

fn secs(t: Duration) -> f64 {
    t.as_secs_f64()
}

fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

fn show(t: Duration) -> String {
    let s = t.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}
