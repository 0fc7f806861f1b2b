//! The search benchmark, `cargo bench --bench search`: how fast the reader
//! answers a keystroke in the filter, how `folio list --query body:TERM`
//! compares with `rg -l TERM`, and whether typing stays quick while a body
//! search runs. Over the same 100,000-article corpus as `benches/load.rs`.
//!
//! - Keystrokes: the articles are loaded once (`folio::library::load`) and
//!   handed to an `App` (120×40) in one `Action::Loaded`, in a shuffled
//!   order, as the reader's loader threads deliver them (not newest first);
//!   then realistic queries are typed one character at a time with
//!   `Action::FilterText` and erased with Backspace (`Action::FilterKey`), each
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
//! - Typing during a body search: `body:TERM` typed, then title words after
//!   it, a keystroke every `KEY_GAP`; each keystroke's body search is
//!   started on background threads as the shell does (the one before it
//!   stopped), and the hits found between keystrokes reach the `App` in
//!   `Action::BodyHits`, so each timed keystroke is the main loop's work at
//!   a key while bodies are read beside it (target: p95 ≤ 8 ms). Then, for
//!   the record: one body search to its end, its hits handed over once a
//!   frame. (What a person sees — key in, screen out, in the real binary —
//!   is for a pseudo-terminal benchmark; this one times the app in process.)
//!
//! Environment: `FOLIO_BENCH_DIR` (an existing corpus), `FOLIO_BENCH_N`
//! (default 100000; the corpus is generated into `target/folio-bench/`
//! and reused, as `benches/load.rs` does), `FOLIO_BENCH_ROUNDS` (default 3:
//! rounds of typing, and timed runs of each command). For a profiler,
//! `FOLIO_BENCH_ONLY=typing|bodies` loops over that one step for
//! `FOLIO_BENCH_SECONDS` (default 10) and `FOLIO_BENCH_ONLY=during` types
//! once during body searches; each skips the table (e.g. `perf record -g
//! target/release/deps/search-HASH --bench`).

#[path = "../common/mod.rs"]
mod common;
mod full_text;
mod numbers;
mod profile;
mod queries;
mod typing;

use common::{env_number, median, min, verdict};
use folio::search::BodySource;
use folio::width::fit;
use full_text::full_text;
use numbers::{max, ms, percentile, secs, show};
use queries::{pick_queries, show_query};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::fs;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use typing::{Key, app_with, reader_body_search, shuffled, type_during_search, type_queries};

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
        return profile::profile(&only, library.articles, &queries, Duration::from_secs(seconds as u64));
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
        keys.extend(type_queries(&mut app, &mut terminal, &queries)?);
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
        sorted_keys.extend(type_queries(&mut sorted_app, &mut terminal, &queries)?);
    }
    drop(sorted_app);

    // (b) Full text: folio list --query body:TERM against rg -l TERM.
    println!();
    let sources: Vec<BodySource> =
        app.list.store.rows().enumerate().map(|(i, a)| BodySource::of(i, &a.to_article(), None)).collect();
    let full_text = full_text(&dir, &sources, rounds)?;

    // (c) Typing while a body search runs.
    println!();
    let during = type_during_search(&mut app, &mut terminal, &queries)?;
    println!(
        "typing during a body search: {} keystrokes, one every {} ms, {} body searches started, {} BodyHits between",
        during.keys.len(),
        KEY_GAP.as_millis(),
        during.searches,
        during.batches.len()
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
    let during_updates: Vec<Duration> = during.keys.iter().map(|k| k.update).collect();
    row(&format!("(c) keystroke ({} keys)", during.keys.len()), &during_updates, Some(KEY_TARGET));
    let during_frames: Vec<Duration> = during.keys.iter().map(|k| k.update + k.draw).collect();
    row("    keystroke + frame", &during_frames, None);
    if !during.batches.is_empty() {
        row(&format!("    BodyHits between keys + frame ({})", during.batches.len()), &during.batches, None);
    }
    row(&format!("    BodyHits batch + frame ({} batches)", hits.updates.len()), &hits.updates, None);
    Ok(())
}
