//! What the load and search benchmarks share: the generated corpus (written
//! once under `target/folio-bench/corpus-N` by `examples/gen-corpus/`,
//! reused while its marker matches N, the seed and the generator's source),
//! timing a command, and a few statistics.

#[path = "../../examples/gen-corpus/main.rs"]
mod gen_corpus;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// The generator's source files (every `.rs` file of `examples/gen-corpus/`)
/// and its word lists (every file of its `words/`), hashed into the marker so
/// an edited generator writes a fresh corpus.
const GENERATOR_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/gen-corpus");
const WORD_LISTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/gen-corpus/words");
/// In the corpus folder; hidden, so neither folio nor rg reads it.
const MARKER: &str = ".folio-bench-corpus";

/// `target/folio-bench`: next to the profile folder holding the folio binary.
pub fn bench_root() -> PathBuf {
    let bin = Path::new(FOLIO);
    let target = bin.parent().and_then(Path::parent).unwrap_or(Path::new("target"));
    target.join("folio-bench")
}

/// The generated corpus of `n` articles, written now unless a matching one
/// is already there.
pub fn ensure_corpus(n: usize) -> Result<PathBuf, String> {
    let dir = bench_root().join(format!("corpus-{n}"));
    let seed = gen_corpus::DEFAULT_SEED;
    let marker = format!("gen-corpus n={n} seed={seed} source={:016x}\n", generator_hash()?);
    let marker_path = dir.join(MARKER);
    if fs::read_to_string(&marker_path).is_ok_and(|text| text == marker) {
        println!("reusing the corpus in {}", dir.display());
        return Ok(dir);
    }
    if dir.exists() {
        // Ours (under target/folio-bench), but stale or half-written.
        fs::remove_dir_all(&dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    println!("generating {n} articles into {} ...", dir.display());
    let start = Instant::now();
    let summary = gen_corpus::generate(&dir, n, seed).map_err(|e| format!("cannot generate the corpus: {e}"))?;
    println!(
        "generated {} files, {:.1} MB in {:.2} s",
        summary.files,
        summary.bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    fs::write(&marker_path, marker).map_err(|e| format!("cannot write {}: {e}", marker_path.display()))?;
    Ok(dir)
}

/// A hash of the generator's source files and of every word list it
/// compiles in, each folder's files in sorted order.
fn generator_hash() -> Result<u64, String> {
    let sources = sorted_files(GENERATOR_DIR, |path| path.extension().is_some_and(|ext| ext == "rs"))?;
    let lists = sorted_files(WORD_LISTS, |_| true)?;
    let mut all = Vec::new();
    for file in sources.iter().chain(&lists) {
        all.extend(fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?);
    }
    Ok(folio::persist::hash64(&all))
}

/// The files (not folders) of `dir` that `keep` accepts, sorted.
fn sorted_files(dir: &str, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {dir}: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && keep(path))
        .collect();
    files.sort();
    Ok(files)
}

/// The corpus to measure: `FOLIO_BENCH_DIR`, or the generated one of
/// `FOLIO_BENCH_N` articles (100,000 by default).
pub fn corpus_dir() -> Result<PathBuf, String> {
    match std::env::var_os("FOLIO_BENCH_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if !dir.is_dir() {
                return Err(format!("FOLIO_BENCH_DIR={} is not a folder", dir.display()));
            }
            Ok(dir)
        }
        None => ensure_corpus(env_number("FOLIO_BENCH_N", 100_000)?),
    }
}

/// Wall time of one run, output to /dev/null; with `nothing_found_ok`,
/// exit status 1 (rg's "no match") is not a failure.
pub fn time(mut command: Command, name: &str, nothing_found_ok: bool) -> Result<Duration, String> {
    command.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = command.status().map_err(|e| format!("cannot run {name}: {e}"))?;
    let elapsed = start.elapsed();
    let highest_ok = if nothing_found_ok { 1 } else { 0 };
    if status.code().is_none_or(|code| code > highest_ok) {
        return Err(format!("{name} failed ({status})"));
    }
    Ok(elapsed)
}

pub fn env_number(name: &str, default: usize) -> Result<usize, String> {
    match std::env::var(name) {
        Err(std::env::VarError::NotPresent) => Ok(default),
        Ok(text) => text.trim().parse().map_err(|_| format!("{name}={text:?} is not a whole number")),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not valid text")),
    }
}

pub fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

pub fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => Duration::ZERO,
        n if n.is_multiple_of(2) => (sorted[mid - 1] + sorted[mid]) / 2,
        _ => sorted[mid],
    }
}

pub fn min(times: &[Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

pub fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}
