//! The body index benchmark, `cargo bench --bench index`: over the
//! 100,000-article corpus of `benches/search.rs`, how long the index takes
//! to build, save, open and update, how big it is, and how a `body:TERM`
//! search through it (open + verdicts + reading the `Maybe` articles with
//! `search_bodies`) compares with `rg -l TERM DIR`.
//!
//! Environment: `FOLIO_BENCH_DIR` (default: the corpus `cargo bench
//! --bench search` generates, `target/folio-bench/corpus-100000`),
//! `FOLIO_BENCH_ROUNDS` (default 5). For a profiler: `FOLIO_BENCH_ONLY=build`
//! stops after the build, `FOLIO_BENCH_ONLY=verify` then reads the `Maybe`
//! articles of the CJK term again and again for 10 s.

use folio::search::index::{BodyIndex, Doc, Verdict};
use folio::search::{self, BodySource};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const TERMS: [&str; 3] = ["Kubernetes", "堂本光一", "量子纠缠"];
const LIBRARY: &str = "bench";

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("index: a benchmark; run it with `cargo bench --bench index`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("index bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn corpus() -> Result<PathBuf, String> {
    let dir = match std::env::var_os("FOLIO_BENCH_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let target = Path::new(FOLIO).parent().and_then(Path::parent).unwrap_or(Path::new("target"));
            target.join("folio-bench").join("corpus-100000")
        }
    };
    if !dir.is_dir() {
        return Err(format!("no corpus at {} (cargo bench --bench search makes one)", dir.display()));
    }
    std::fs::canonicalize(&dir).map_err(|e| format!("cannot resolve {}: {e}", dir.display()))
}

fn run() -> Result<(), String> {
    let rounds: usize = std::env::var("FOLIO_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let dir = corpus()?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let cache = tempfile::tempdir().map_err(|e| e.to_string())?;

    let (library, load) = timed(|| folio::library::load(std::slice::from_ref(&dir)));
    let articles = library.articles;
    let (docs, stamping) = timed(|| articles.iter().map(Doc::of).collect::<Result<Vec<Doc>, _>>());
    let docs = docs.map_err(|e| format!("cannot stat an article: {e}"))?;
    println!("corpus: {} articles in {} ({threads} threads)", docs.len(), dir.display());
    println!("  library::load {}, stamping every file (Doc::of) {}", show(load), show(stamping));

    let (index, build) = timed(|| BodyIndex::build(&docs, threads));
    match std::env::var("FOLIO_BENCH_ONLY").as_deref() {
        Ok("build") => {
            println!("build {}  {:?}", show(build), index.sizes());
            return Ok(());
        }
        Ok("verify") => {
            // Reading the `Maybe` of the CJK term, for 10 s.
            let query = search::parse(&format!("body:{}", TERMS[1]))?;
            let verdicts = index.verdicts(&query, &docs);
            let start = Instant::now();
            let mut rounds = 0;
            while start.elapsed() < Duration::from_secs(10) {
                std::hint::black_box(search_through(&verdicts, &articles, &query, threads));
                rounds += 1;
            }
            println!("verify: {rounds} rounds in {}", show(start.elapsed()));
            return Ok(());
        }
        Ok(other) => return Err(format!("FOLIO_BENCH_ONLY={other:?}: say build or verify")),
        Err(_) => {}
    }
    let ((), save) = timed(|| index.save(cache.path(), LIBRARY).unwrap_or_else(|e| eprintln!("cannot save: {e}")));
    let file = BodyIndex::file_path(cache.path(), LIBRARY);
    let size = std::fs::metadata(&file).map_err(|e| e.to_string())?.len();
    println!("build {}  save {}  file {:.1} MB", show(build), show(save), size as f64 / 1e6);
    println!("  {:?}", index.sizes());
    let mut opens = Vec::new();
    for _ in 0..rounds {
        let (opened, took) = timed(|| BodyIndex::open(cache.path(), LIBRARY));
        opened.ok_or("the saved index does not open")?;
        opens.push(took);
    }
    println!("open (median of {rounds}) {}", show(median(&opens)));

    let (same, unchanged) = timed(|| index.update(&docs, threads));
    let mut touched = docs.clone();
    for doc in touched.iter_mut().step_by(100) {
        doc.stamp.nanos = doc.stamp.nanos.wrapping_add(1);
    }
    let stale = same.stale(&touched);
    let (_, one_percent) = timed(|| same.update(&touched, threads));
    println!("update, nothing changed {}; {stale} changed (1%) {}", show(unchanged), show(one_percent));
    println!();

    println!("{:<26} {:>10} {:>10} {:>8} {:>8} {:>8} {:>8}", "term", "rg", "index", "ratio", "Yes", "Maybe", "found");
    for term in TERMS {
        let query = search::parse(&format!("body:{term}"))?;
        rg(&dir, term)?;
        let mut rg_times = Vec::new();
        let mut index_times = Vec::new();
        let mut parts = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        let mut counts = (0, 0, 0);
        for _ in 0..rounds {
            rg_times.push(rg(&dir, term)?);
            let start = Instant::now();
            let opened = BodyIndex::open(cache.path(), LIBRARY).ok_or("the saved index does not open")?;
            let opened_at = start.elapsed();
            let verdicts = opened.verdicts(&query, &docs);
            let judged_at = start.elapsed();
            let found = search_through(&verdicts, &articles, &query, threads);
            let took = start.elapsed();
            index_times.push(took);
            parts = (opened_at, judged_at - opened_at, took - judged_at);
            let yes = verdicts.iter().filter(|v| **v == Verdict::Yes).count();
            let maybe = verdicts.iter().filter(|v| **v == Verdict::Maybe).count();
            counts = (yes, maybe, found.len());
        }
        // The answer must be the one reading every body gives.
        let mut everything = Vec::new();
        let all: Vec<BodySource> = articles.iter().enumerate().map(|(i, a)| BodySource::of(i, a, None)).collect();
        let hits = Mutex::new(&mut everything);
        search::search_bodies(all.as_slice(), &query, threads, &AtomicBool::new(false), &|i| {
            if let Ok(mut hits) = hits.lock() {
                hits.push(i);
            }
        });
        everything.sort_unstable();
        let reopened = BodyIndex::open(cache.path(), LIBRARY).ok_or("the saved index does not open")?;
        let found = search_through(&reopened.verdicts(&query, &docs), &articles, &query, threads);
        if found != everything {
            return Err(format!(
                "body:{term}: the index found {} articles, reading all {}",
                found.len(),
                everything.len()
            ));
        }
        let (rg_median, index_median) = (median(&rg_times), median(&index_times));
        println!(
            "{:<26} {:>10} {:>10} {:>7.2}× {:>8} {:>8} {:>8}",
            format!("body:{term}"),
            show(rg_median),
            show(index_median),
            index_median.as_secs_f64() / rg_median.as_secs_f64(),
            counts.0,
            counts.1,
            counts.2
        );
        println!(
            "{:<26} open {}, verdicts {}, reading the Maybe {} (last round)",
            "",
            show(parts.0),
            show(parts.1),
            show(parts.2)
        );
    }
    Ok(())
}

/// The articles `verdicts` keep: the `Yes`, and the `Maybe` whose body
/// passes when read; sorted.
fn search_through(
    verdicts: &[Verdict],
    articles: &[folio::Article],
    query: &search::Query,
    threads: usize,
) -> Vec<usize> {
    let mut found: Vec<usize> = (0..verdicts.len()).filter(|&i| verdicts[i] == Verdict::Yes).collect();
    let maybe: Vec<BodySource> = (0..verdicts.len())
        .filter(|&i| verdicts[i] == Verdict::Maybe)
        .map(|i| BodySource::of(i, &articles[i], None))
        .collect();
    let hits = Mutex::new(Vec::new());
    search::search_bodies(maybe.as_slice(), query, threads, &AtomicBool::new(false), &|i| {
        if let Ok(mut hits) = hits.lock() {
            hits.push(i);
        }
    });
    found.extend(hits.into_inner().unwrap_or_default());
    found.sort_unstable();
    found
}

fn rg(dir: &Path, term: &str) -> Result<Duration, String> {
    let start = Instant::now();
    let status = Command::new("rg")
        .arg("-l")
        .arg(term)
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run rg: {e}"))?;
    if status.code().is_none_or(|code| code > 1) {
        return Err(format!("rg failed ({status})"));
    }
    Ok(start.elapsed())
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn show(t: Duration) -> String {
    let s = t.as_secs_f64();
    if s >= 1.0 { format!("{s:.2} s") } else { format!("{:.1} ms", s * 1e3) }
}
