//! Writes N synthetic articles in the real archive layout, for load tests and benchmarks: `cargo run --release --example gen-corpus -- DIR N [SEED]`.
//!
//! Files go to `DIR/source/_posts/<category>/<source>/<sub-feed>/<title>.md`
//! (8 categories × 6 sources × 3 sub-feeds), written the way the RSS-to-Hexo
//! archives write them (see `../shared/notes/FORMAT.md`): a blank line, the
//! front matter (single- or double-quoted title, three categories, `headimg`,
//! `author`, `comments`, an RFC 2822 or bare crawl-time `date`, `thumbnail`),
//! then an HTML body in `<div>   … </div>` followed by twelve spaces and no
//! final newline. About 5% use the old template (no `headimg`, 4-space list
//! indents, a blank line before `author`). Titles are Chinese, Traditional
//! Chinese, Japanese, English or mixed, cleaned of `: / \ ? * “ ” < > | [ ]`
//! like the archive does, and made unique by a number at the end. Bodies are
//! 1–50 KB (median about 4 KB). Output depends only on N, SEED and the word
//! lists, not on the number of threads. The load, reload and search
//! benchmarks include this file as a module (through `benches/common/mod.rs`)
//! and call [`generate`].
//!
//! This file holds `main`, [`generate`] and its writer threads; one file per
//! topic holds the rest: `rng.rs` (the random numbers), `article.rs` (one
//! article and its front matter), `title.rs`, `date.rs`, `body.rs`, and
//! `words.rs` (the sources and words, and the parsing of their files). The
//! sources (category, name, sub-feeds, host, language, body style) and the
//! word lists live in `examples/gen-corpus/words/` (one entry per line; format
//! in its `README.md`). They are compiled in with `include_str!`, so the
//! generator reads no file at run time (the benchmarks read them only to hash
//! them), and are parsed once at the start of each [`generate`] call; the
//! `.rs` files hold only logic.

// Explicit paths, so that the modules resolve the same when this file is
// included by the benchmarks through `#[path]`.
#[path = "article.rs"]
mod article;
#[path = "body.rs"]
mod body;
#[path = "date.rs"]
mod date;
#[path = "rng.rs"]
mod rng;
#[path = "title.rs"]
mod title;
#[path = "words.rs"]
mod words;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use article::Article;
use words::Words;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20211230;

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
}

// `main` is unused when this file is included as a module by the benchmark.
#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen-corpus DIR N [SEED]\n\
                 writes N synthetic articles into DIR/source/_posts/<category>/<source>/<sub-feed>/";
    let (dir, n, seed) = match args.as_slice() {
        [dir, n] => (dir, n, None),
        [dir, n, seed] => (dir, n, Some(seed)),
        _ => {
            eprintln!("{usage}");
            return std::process::ExitCode::from(2);
        }
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("gen-corpus: N must be a whole number, not {n:?}\n{usage}");
        return std::process::ExitCode::from(2);
    };
    let seed = match seed.map(|s| s.parse::<u64>()) {
        None => DEFAULT_SEED,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("gen-corpus: SEED must be a whole number\n{usage}");
            return std::process::ExitCode::from(2);
        }
    };
    let start = Instant::now();
    match generate(Path::new(dir), n, seed) {
        Ok(summary) => {
            let seconds = start.elapsed().as_secs_f64();
            println!(
                "gen-corpus: wrote {} files, {} bytes ({:.1} MB) into {} in {seconds:.2} s (seed {seed})",
                summary.files,
                summary.bytes,
                summary.bytes as f64 / 1e6,
                Path::new(dir).join("source/_posts").display(),
            );
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen-corpus: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Writes `n` articles under `dir/source/_posts/`, on all cores. Existing
/// files with the same names are overwritten; nothing else is removed.
pub fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<Summary> {
    let words = Words::load()?;
    let posts = dir.join("source").join("_posts");
    let mut feed_dirs = Vec::with_capacity(words.sources.len() * 3);
    for source in &words.sources {
        for feed in &source.feeds {
            let path = posts.join(&source.category).join(&source.name).join(feed);
            fs::create_dir_all(&path).map_err(|e| with_path(&path, e))?;
            feed_dirs.push(path);
        }
    }
    let threads = std::thread::available_parallelism().map_or(2, |t| t.get());
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Vec<io::Result<Summary>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..threads).map(|_| scope.spawn(|| worker(&words, &feed_dirs, n, seed, &next, &failed))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(io::Error::other("a writer thread panicked"))))
            .collect()
    });
    let mut total = Summary::default();
    for result in results {
        let part = result?;
        total.files += part.files;
        total.bytes += part.bytes;
    }
    Ok(total)
}

fn with_path(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// Articles are handed out in chunks of this many.
const CHUNK: usize = 64;

fn worker(
    w: &Words,
    feed_dirs: &[PathBuf],
    n: usize,
    seed: u64,
    next: &AtomicUsize,
    failed: &AtomicBool,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut article = Article::default();
    let mut file = String::with_capacity(64 * 1024);
    loop {
        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
        if start >= n || failed.load(Ordering::Relaxed) {
            return Ok(summary);
        }
        for index in start..(start + CHUNK).min(n) {
            let feed = article.build(w, index, seed);
            file.clear();
            article.write_file(w, &mut file);
            let path = feed_dirs[feed].join(format!("{}.md", article.title));
            if let Err(error) = fs::write(&path, file.as_bytes()) {
                failed.store(true, Ordering::Relaxed);
                return Err(with_path(&path, error));
            }
            summary.files += 1;
            summary.bytes += file.len() as u64;
        }
    }
}
