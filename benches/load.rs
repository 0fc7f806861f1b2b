//! The load benchmark, `cargo bench --bench load`: times `folio list DIR`
//! against `rg -l '^title:' DIR` on a large synthetic archive, warm page
//! cache: once reading every file (no index cache, the first start) and
//! once with folio's index cache warm (a second start).
//!
//! - `FOLIO_BENCH_DIR`: an existing corpus to use (e.g. one written by
//!   `cargo run --release --example gen-corpus -- DIR N`). Without it, a
//!   corpus of `FOLIO_BENCH_N` articles (default 100000) is generated into
//!   `target/folio-bench/corpus-N/` and reused while its marker file matches
//!   N, the seed and the generator's source.
//! - `FOLIO_BENCH_ROUNDS`: timed rounds (default 5), after one warm-up of
//!   each command; the two commands alternate.
//!
//! Reports the median and minimum wall time of each, the ratios folio/rg
//! (targets: ≤ 1.5 reading every file, ≤ 0.5 for a second start) and
//! folio's peak RSS reading every file under GNU `/usr/bin/time -f %M`
//! (target ≤ 80 MiB).

mod common;

use common::{count_lines, env_number, median, min, time, verdict};

use std::fs;
use std::io;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const GNU_TIME: &str = "/usr/bin/time";
const RATIO_TARGET: f64 = 1.5;
const SECOND_START_TARGET: f64 = 0.5;
const RSS_TARGET_MIB: f64 = 80.0;
/// How many runs under GNU time; the highest peak is reported.
const RSS_RUNS: usize = 3;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // binary without it, and should not spend minutes here.
    if !std::env::args().any(|a| a == "--bench") {
        println!("load: a benchmark; run it with `cargo bench --bench load`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("load bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let rounds = env_number("FOLIO_BENCH_ROUNDS", 5)?.max(1);
    let dir = common::corpus_dir()?;
    let (files, bytes) = count_files(&dir).map_err(|e| format!("cannot walk {}: {e}", dir.display()))?;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("corpus: {files} files, {:.1} MB in {}", bytes as f64 / 1e6, dir.display());
    println!("folio:  {FOLIO}");
    println!("{cores} cores; warm page cache; {rounds} rounds after one warm-up each");

    let rg_available = match Command::new("rg").arg("--version").output() {
        Ok(output) if output.status.success() => true,
        Ok(_) => {
            println!("rg: `rg --version` failed; timing folio alone");
            false
        }
        Err(error) => {
            println!(
                "rg: ripgrep cannot be run ({error}); install it (apt-get install ripgrep) \
                 for the folio/rg ratio. Timing folio alone."
            );
            false
        }
    };

    // Warm-up: fills the page cache and checks that both did the whole job.
    if rg_available {
        let output = rg(&dir).stderr(Stdio::inherit()).output().map_err(|e| format!("cannot run rg: {e}"))?;
        let matched = count_lines(&output.stdout);
        println!("warm-up: rg matched {matched} files");
        if !output.status.success() {
            return Err(format!("rg failed ({})", output.status));
        }
    }
    let output = folio(&dir, Start::Second).output().map_err(|e| format!("cannot run {FOLIO}: {e}"))?;
    println!("warm-up: folio list wrote its index cache ({} articles)", count_lines(&output.stdout));
    let output = folio(&dir, Start::First).output().map_err(|e| format!("cannot run {FOLIO}: {e}"))?;
    println!(
        "warm-up: folio listed {} articles, {} lines on stderr",
        count_lines(&output.stdout),
        count_lines(&output.stderr)
    );
    if !output.status.success() {
        return Err(format!(
            "folio list failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).lines().next().unwrap_or("")
        ));
    }

    let mut rg_times = Vec::with_capacity(rounds);
    let mut folio_times = Vec::with_capacity(rounds);
    let mut second_times = Vec::with_capacity(rounds);
    for round in 1..=rounds {
        let mut line = format!("round {round}/{rounds}:");
        if rg_available {
            let t = time(rg(&dir), "rg", false)?;
            line.push_str(&format!("  rg {:.3} s", t.as_secs_f64()));
            rg_times.push(t);
        }
        let t = time(folio(&dir, Start::First), "folio list", false)?;
        line.push_str(&format!("  folio {:.3} s", t.as_secs_f64()));
        folio_times.push(t);
        let t = time(folio(&dir, Start::Second), "folio list (second start)", false)?;
        line.push_str(&format!("  folio, second start {:.3} s", t.as_secs_f64()));
        second_times.push(t);
        println!("{line}");
    }

    let rss = peak_rss_kib(&dir);

    println!();
    println!("wall time, stdout and stderr to /dev/null");
    println!("{:<28} {:>9} {:>9}", "command", "median", "min");
    if rg_available {
        println!(
            "{:<28} {:>7.3} s {:>7.3} s",
            "rg -l '^title:' DIR",
            median(&rg_times).as_secs_f64(),
            min(&rg_times).as_secs_f64()
        );
    } else {
        println!("{:<28} {:>9} {:>9}", "rg -l '^title:' DIR", "n/a", "n/a");
    }
    println!(
        "{:<28} {:>7.3} s {:>7.3} s",
        "folio list DIR",
        median(&folio_times).as_secs_f64(),
        min(&folio_times).as_secs_f64()
    );
    println!(
        "{:<28} {:>7.3} s {:>7.3} s",
        "folio list DIR, 2nd start",
        median(&second_times).as_secs_f64(),
        min(&second_times).as_secs_f64()
    );
    println!();
    if rg_available {
        let ratio = median(&folio_times).as_secs_f64() / median(&rg_times).as_secs_f64();
        let ratio_min = min(&folio_times).as_secs_f64() / min(&rg_times).as_secs_f64();
        println!(
            "{:<28} {:>9.2}   (of minima {ratio_min:.2}; target ≤ {RATIO_TARGET}: {})",
            "ratio folio/rg (median)",
            ratio,
            verdict(ratio <= RATIO_TARGET)
        );
        let ratio = median(&second_times).as_secs_f64() / median(&rg_times).as_secs_f64();
        let ratio_min = min(&second_times).as_secs_f64() / min(&rg_times).as_secs_f64();
        println!(
            "{:<28} {:>9.2}   (of minima {ratio_min:.2}; target ≤ {SECOND_START_TARGET}: {})",
            "ratio 2nd start/rg (median)",
            ratio,
            verdict(ratio <= SECOND_START_TARGET)
        );
    } else {
        println!("{:<28} {:>9}   (rg missing)", "ratio folio/rg", "n/a");
    }
    match rss {
        Ok(kib) => {
            let mib = kib as f64 / 1024.0;
            println!(
                "{:<28} {:>5.1} MiB   ({kib} KiB, highest of {RSS_RUNS} runs; target ≤ {RSS_TARGET_MIB} MiB: {})",
                "folio peak RSS",
                mib,
                verdict(mib <= RSS_TARGET_MIB)
            );
        }
        Err(message) => println!("{:<28} {:>9}   ({message})", "folio peak RSS", "n/a"),
    }
    Ok(())
}

fn rg(dir: &Path) -> Command {
    let mut command = Command::new("rg");
    command.arg("-l").arg("^title:").arg(dir).stdin(Stdio::null());
    command
}

/// Which start of folio to time.
#[derive(Clone, Copy)]
enum Start {
    /// Every file read: no index cache.
    First,
    /// The index cache (in the bench folder) written by an earlier run.
    Second,
}

fn folio(dir: &Path, start: Start) -> Command {
    let mut command = Command::new(FOLIO);
    command.arg("list").arg(dir).stdin(Stdio::null());
    match start {
        Start::First => command.env("FOLIO_NO_CACHE", "1"),
        Start::Second => command.env("FOLIO_CACHE_DIR", common::bench_root().join("cache")),
    };
    command
}

/// folio's highest peak RSS in KiB over a few runs, from GNU time's `%M`.
fn peak_rss_kib(dir: &Path) -> Result<u64, String> {
    if !Path::new(GNU_TIME).exists() {
        return Err(format!("GNU time is missing at {GNU_TIME}: apt-get install time"));
    }
    let report = common::bench_root().join(format!("rss-{}.txt", std::process::id()));
    fs::create_dir_all(common::bench_root())
        .map_err(|e| format!("cannot create {}: {e}", common::bench_root().display()))?;
    let mut peak = 0;
    for _ in 0..RSS_RUNS {
        let status = Command::new(GNU_TIME)
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(FOLIO)
            .env("FOLIO_NO_CACHE", "1")
            .arg("list")
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {GNU_TIME}: {e}"))?;
        let text = fs::read_to_string(&report)
            .map_err(|e| format!("{GNU_TIME} wrote no report ({status}; is it GNU time?): {e}"))?;
        let kib = text
            .lines()
            .last()
            .and_then(|line| line.trim().parse::<u64>().ok())
            .ok_or_else(|| format!("cannot read {GNU_TIME}'s report {text:?} (is it GNU time?)"))?;
        if !status.success() {
            return Err(format!("folio list failed under {GNU_TIME} ({status})"));
        }
        peak = peak.max(kib);
    }
    let _ = fs::remove_file(&report);
    Ok(peak)
}

/// Files and bytes under `dir`, hidden entries skipped (as folio and rg do).
fn count_files(dir: &Path) -> io::Result<(u64, u64)> {
    let (mut files, mut bytes) = (0, 0);
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let metadata = fs::metadata(entry.path())?;
            if metadata.is_dir() {
                pending.push(entry.path());
            } else if metadata.is_file() {
                files += 1;
                bytes += metadata.len();
            }
        }
    }
    Ok((files, bytes))
}
