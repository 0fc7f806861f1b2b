//! The reader benchmark, `cargo bench --bench reader`: what a person waits
//! for, measured on the real binary in a pseudo-terminal (120×40) over
//! generated libraries in the archive layout, beside `rg -l '^title:' DIR`
//! in the same run:
//! - the first frame and the complete list (`N/N articles`, no longer
//!   loading), the index cache warm;
//! - each keystroke of a title query and of a `body:` query, from writing
//!   the key into the pty to the end of the frame that shows it (the typed
//!   character and the filtered list), on a quiet machine and with every
//!   core kept busy by other threads;
//! - the reader's peak resident memory (VmHWM) after loading and after a
//!   body search;
//! - `folio list`, first start (no cache: it writes it) and second start,
//!   wall time and peak memory (GNU time);
//! - a 60 MB article: keystrokes while it opens, the time to open it and
//!   the peak memory; an article with 1,000,000 links: the time to open it.
//!
//! - images: a 4000×3000 JPEG decoded, scaled and encoded for 80 columns;
//!   Enter on an article of five local pictures to its text and to its
//!   first picture drawn; twenty large pictures open: the memory.
//!
//! `FOLIO_BENCH_SIZES` (default `100000`; e.g. `100000,1000000`; `""`: none; generated
//! once into `target/folio-bench/`), `FOLIO_BENCH_DIR` (one existing
//! library instead), `FOLIO_BENCH_ROUNDS` (3), `FOLIO_BENCH_HUGE=0` skips
//! the huge articles, `FOLIO_BENCH_IMAGES=0` the images, `FOLIO_BENCH_READER_ONLY=1` measures only the reader,
//! on the caches the last run left (for trying a change). Needs `rg` and GNU `time` (`apt-get install ripgrep
//! time`).

// Only part of the shared helpers is used here.
#[allow(dead_code)]
#[path = "../common/mod.rs"]
mod common;
mod huge;
mod images;
mod pty;
mod report;

use common::{env_number, median};
use pty::Reader;
use report::{Report, mb, ms, secs};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
pub const SIZE: (u16, u16) = (120, 40);
/// The pause between keystrokes: a fast typist.
const KEY_GAP: Duration = Duration::from_millis(120);
/// A hang guard for one frame, not a target.
pub const FRAME_LIMIT: Duration = Duration::from_secs(20);
const BODY_WORD: &str = "Kubernetes";

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("reader: a benchmark; run it with `cargo bench --bench reader`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("reader bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let rounds = env_number("FOLIO_BENCH_ROUNDS", 3)?.max(1);
    let libraries: Vec<(usize, PathBuf)> = match std::env::var_os("FOLIO_BENCH_DIR") {
        Some(dir) => vec![(0, PathBuf::from(dir))],
        None => {
            let sizes = std::env::var("FOLIO_BENCH_SIZES").unwrap_or_else(|_| "100000".to_owned());
            let mut libraries = Vec::new();
            for size in sizes.split(',').filter(|s| !s.trim().is_empty()) {
                let n: usize = size.trim().parse().map_err(|_| format!("FOLIO_BENCH_SIZES: {size:?} is no number"))?;
                libraries.push((n, common::ensure_corpus(n)?));
            }
            libraries
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("folio: {FOLIO}\n{cores} cores; warm page cache; the reader in a {}×{} pty\n", SIZE.0, SIZE.1);
    let mut report = Report::default();
    for (n, dir) in &libraries {
        measure_library(*n, dir, rounds, &mut report)?;
    }
    if std::env::var("FOLIO_BENCH_HUGE").map_or(true, |v| v != "0") {
        huge::measure(&mut report)?;
    }
    if std::env::var("FOLIO_BENCH_IMAGES").map_or(true, |v| v != "0") {
        images::measure(&mut report, rounds)?;
    }
    report.print();
    Ok(())
}

/// A fresh folder under the bench's own, for folio's config, state or cache.
pub fn scratch(name: &str) -> Result<PathBuf, String> {
    let dir = common::bench_root().join("scratch").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    Ok(dir)
}

fn measure_library(n: usize, dir: &Path, rounds: usize, report: &mut Report) -> Result<(), String> {
    let label = if n == 0 { dir.display().to_string() } else { format!("{n} articles") };
    println!("== {label} ({})", dir.display());
    let rg: Vec<Duration> =
        (0..rounds.max(3)).map(|_| common::time(rg_titles(dir), "rg", true)).collect::<Result<_, _>>()?;
    let rg = median(&rg);
    println!("rg -l '^title:' DIR: {:.3} s", secs(rg));
    report.section(&label, rg);

    let reader_only = std::env::var_os("FOLIO_BENCH_READER_ONLY").is_some();
    let cache = if reader_only { common::bench_root().join("scratch").join("cache") } else { scratch("cache")? };
    if !reader_only {
        measure_list(n, dir, &cache, rg, report)?;
        warm_caches(dir, &cache, n)?;
    }
    let started = start_reader(dir, &cache, n)?;
    println!(
        "reader: first frame {:.1} ms, complete list {:.3} s, {}",
        ms(started.first),
        secs(started.complete),
        mb(started.rss)
    );
    report.time("reader: first frame", started.first, Some(Duration::from_millis(50)));
    report.ratio("reader: the complete list", started.complete, rg, Some(1.5));
    let loaded = started.rss;
    started.reader.quit()?;
    let word = title_word(dir)?;
    for (name, busy) in [("quiet", false), ("every core busy", true)] {
        let mut reader = start_reader(dir, &cache, n)?.reader;
        let burner = Burner::start(busy);
        let title = type_query(&mut reader, &word, rounds)?;
        let body = type_query(&mut reader, &format!("body:{BODY_WORD}"), 1)?;
        drop(burner);
        let target = if n >= 1_000_000 { 33 } else { 16 };
        report.keys(&format!("keystroke, title query {word:?} ({name})"), &title, Some(Duration::from_millis(target)));
        report.keys(&format!("keystroke, body:{BODY_WORD} ({name})"), &body, Some(Duration::from_millis(target)));
        if !busy {
            let first_hits = body_search_to_end(&mut reader)?;
            report.time(
                "    body search: until the list shows its first hits",
                first_hits,
                Some(Duration::from_millis(100)),
            );
            let rss = reader.peak_rss().unwrap_or(0);
            let limit = if n >= 1_000_000 { 1 << 30 } else { 120 << 20 };
            report.memory("reader peak memory, after a body search", rss, Some(limit));
        }
        reader.quit()?;
    }
    let limit = if n >= 1_000_000 { 1 << 30 } else { 120 << 20 };
    report.memory("reader peak memory, after loading", loaded, Some(limit));
    Ok(())
}

/// `folio list`: the first start writes the index cache, the second reads it.
fn measure_list(n: usize, dir: &Path, cache: &Path, rg: Duration, report: &mut Report) -> Result<(), String> {
    let (first, first_rss) = list_run(dir, cache)?;
    let (second, second_rss) = list_run(dir, cache)?;
    report.ratio("folio list, first start (writes the cache)", first, rg, Some(1.5));
    report.memory("    its peak memory", first_rss, (n == 100_000).then_some(80 << 20));
    report.ratio("folio list, second start", second, rg, Some(0.5));
    report.memory("    its peak memory", second_rss, None);
    Ok(())
}

/// The reader's caches made warm: a first start writes the search text
/// into the index cache (folio list leaves it out), and the body index is
/// built as the reader has it built, in a process of its own.
fn warm_caches(dir: &Path, cache: &Path, n: usize) -> Result<(), String> {
    start_reader(dir, cache, n)?.reader.quit()?;
    let indexed = Command::new(FOLIO)
        .arg("index-bodies")
        .arg(dir)
        .env("FOLIO_CACHE_DIR", cache)
        .env_remove("FOLIO_NO_CACHE")
        .status()
        .map_err(|e| format!("cannot run folio index-bodies: {e}"))?;
    if !indexed.success() {
        return Err(format!("folio index-bodies failed ({indexed})"));
    }
    Ok(())
}

/// A reader started and loaded: when its first frame ended, when its list
/// was complete, its peak memory then.
struct Started {
    reader: Reader,
    first: Duration,
    complete: Duration,
    rss: u64,
}

/// Starts the reader on `dir` (of `n` articles) and waits for its list.
fn start_reader(dir: &Path, cache: &Path, n: usize) -> Result<Started, String> {
    let (config, data) = (scratch("config")?, scratch("data")?);
    let env = [("FOLIO_CONFIG_DIR", config.as_path()), ("FOLIO_DATA_DIR", data.as_path()), ("FOLIO_CACHE_DIR", cache)];
    let mut reader = Reader::start(Path::new(FOLIO), &[dir], &env, SIZE)?;
    let first = reader.first_frame(FRAME_LIMIT).ok_or("no first frame")?;
    let complete = reader.until(Duration::from_secs(600), |screen| complete(screen, n))?;
    let rss = reader.peak_rss().unwrap_or(0);
    Ok(Started { reader, first, complete, rss })
}

/// Whether the status bar says every article is listed and loading is over.
fn complete(screen: &str, n: usize) -> bool {
    let Some(status) = screen.lines().last() else { return false };
    let Some((shown, rest)) = status.split_once(" articles").map(|(count, rest)| (count.trim(), rest)) else {
        return false;
    };
    let all = shown.split_once('/').is_some_and(|(a, b)| a == b && (n == 0 || b == n.to_string()));
    all && !rest.contains("loading")
}

/// Types `query` into the filter `rounds` times, each character timed from
/// the key to the frame that shows it, and erases it (also timed); Esc.
fn type_query(reader: &mut Reader, query: &str, rounds: usize) -> Result<Vec<Duration>, String> {
    let mut times = Vec::new();
    reader.frame_after("/", FRAME_LIMIT)?;
    for _ in 0..rounds {
        for c in query.chars() {
            std::thread::sleep(KEY_GAP);
            times.push(reader.keystroke(&c.to_string(), FRAME_LIMIT)?);
        }
        for _ in query.chars() {
            std::thread::sleep(KEY_GAP);
            times.push(reader.frame_after("\x7f", FRAME_LIMIT)?);
        }
        std::thread::sleep(KEY_GAP);
    }
    reader.frame_after("\x1b", FRAME_LIMIT)?;
    Ok(times)
}

/// `body:WORD` typed whole and Enter: the time until the first hits are
/// listed, then waits for the search to end.
fn body_search_to_end(reader: &mut Reader) -> Result<Duration, String> {
    reader.frame_after("/", FRAME_LIMIT)?;
    let start = Instant::now();
    let before = reader.started.elapsed();
    reader.send(format!("body:{BODY_WORD}\r").as_bytes())?;
    let listed = reader.until(Duration::from_secs(120), |screen| {
        screen.lines().last().is_some_and(|s| !s.starts_with("0/") && s.contains(" articles"))
    })?;
    let first = listed.saturating_sub(before).min(start.elapsed());
    reader.until(Duration::from_secs(600), |screen| !screen.contains("searching bodies"))?;
    reader.frame_after("\x1b", FRAME_LIMIT)?;
    Ok(first)
}

/// A word of a title of the library, to type (from the middle of a file
/// list: the first files are no more typical).
fn title_word(dir: &Path) -> Result<String, String> {
    let found = Command::new("rg")
        .args(["--no-filename", "--max-count", "1", "^title:"])
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run rg: {e}"))?;
    let titles = String::from_utf8_lossy(&found.stdout);
    let lines: Vec<&str> = titles.lines().collect();
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    lines
        .iter()
        .skip(lines.len() / 2)
        .find_map(|line| {
            let start = line.find(is_han)?;
            let run: String = line[start..].chars().take_while(|&c| is_han(c)).take(3).collect();
            (run.chars().count() == 3).then_some(run)
        })
        .ok_or_else(|| "no CJK title word in the library".to_owned())
}

fn rg_titles(dir: &Path) -> Command {
    let mut command = Command::new("rg");
    command.args(["-l", "^title:"]).arg(dir).stdin(Stdio::null());
    command
}

/// `folio list DIR > /dev/null` with the cache in `cache`: wall time and
/// peak memory (GNU time's %M).
fn list_run(dir: &Path, cache: &Path) -> Result<(Duration, u64), String> {
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(FOLIO)
        .arg("list")
        .arg(dir)
        .env("FOLIO_CACHE_DIR", cache)
        .env_remove("FOLIO_NO_CACHE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run GNU time (apt-get install time): {e}"))?;
    let took = start.elapsed();
    if !output.status.success() {
        return Err(format!("folio list failed ({})", output.status));
    }
    let kib: u64 = String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .ok_or("GNU time printed no memory figure")?;
    Ok((took, kib * 1024))
}

/// Threads that keep every core busy while it lives (with `busy`).
struct Burner {
    stop: Arc<AtomicBool>,
}

impl Burner {
    fn start(busy: bool) -> Burner {
        let stop = Arc::new(AtomicBool::new(!busy));
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        for _ in 0..cores {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut x: u64 = 1;
                while !stop.load(Ordering::Relaxed) {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
            });
        }
        Burner { stop }
    }
}

impl Drop for Burner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
