//! The layout benchmark, `cargo bench --bench layout`: how long an article
//! takes to parse and lay out, and to lay out again after a resize.
//!
//! - the seed (`../shared/corpus/seed/`, or the same article in the bundled
//!   sample) at width 80: parse + layout, and layout alone (target ≤ 1 ms,
//!   median, held to parse + layout: what opening an article costs);
//! - a generated 1 MiB HTML article (CJK and English paragraphs, lists,
//!   tables, code, quotes, figures, links): parse + layout (target ≤ 50 ms);
//! - re-layout at width 60 of the parsed document against the first
//!   layout (parse + layout at 80) of each: target ≤ 0.5.
//!
//! What is timed is what `folio show --plain` does: `page::page` (the body
//! parsed, with the title, metadata and the Images and Links lists) and
//! `layout` with heading rules; each timed call also drops what it made,
//! as a reader replacing its layout does. `FOLIO_BENCH_SECONDS` (default
//! 2) is the time given to each measurement, after a warm-up; each takes
//! at least 11 samples.
//!
//! For a profiler, `FOLIO_BENCH_ONLY=seed-parse|seed-layout|big-parse|
//! big-layout` loops over that one step for the time given, prints only
//! how many rounds it ran, and skips the table (e.g. `perf record -g
//! target/release/deps/layout-HASH --bench`).

mod big_article;

use big_article::big_article;
use folio::Article;
use folio::document::Document;
use folio::layout::{Measures, Options, layout, layout_with};
use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const SEED: &str = "../shared/corpus/seed/000_12f77cd65ea8130a.txt";
const SAMPLE_SEED: &str = "assets/sample/source/_posts/新媒体/Aljazeera 半岛网/新闻/\
                           俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰.md";
const BIG_BYTES: usize = 1 << 20;
const SEED_TARGET: Duration = Duration::from_millis(1);
const BIG_TARGET: Duration = Duration::from_millis(50);
const RESIZE_TARGET: f64 = 0.5;
const MIN_SAMPLES: usize = 11;
const OPTIONS: Options = Options { heading_rules: true };

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // binary without it, and should not spend seconds here.
    if !std::env::args().any(|a| a == "--bench") {
        println!("layout: a benchmark; run it with `cargo bench --bench layout`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("layout bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let budget = Duration::from_secs_f64(env_seconds("FOLIO_BENCH_SECONDS", 2.0)?);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed_path = [root.join(SEED), root.join(SAMPLE_SEED)]
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| format!("neither {SEED} nor {SAMPLE_SEED} is there"))?;
    let (article, seed_body) = load(&seed_path)?;
    let big_body = big_article(BIG_BYTES);
    if let Ok(only) = std::env::var("FOLIO_BENCH_ONLY") {
        return profile(&only, &article, &seed_body, &big_body, budget);
    }

    println!("seed:   {} ({} bytes of body)", seed_path.display(), seed_body.len());
    println!("1 MiB:  generated, {} bytes of HTML body", big_body.len());
    println!("each measurement: {:.1} s after a warm-up, at least {MIN_SAMPLES} samples", budget.as_secs_f64());
    println!();

    let seed = measure_article(&article, &seed_body, budget);
    let big = measure_article(&article, &big_body, budget);
    for (name, m) in [("seed", &seed), ("1 MiB", &big)] {
        println!(
            "{name}: {} blocks, {} lines at 80, {} at 60; {} + {} + {} + {} samples",
            m.blocks, m.lines_80, m.lines_60, m.samples[0], m.samples[1], m.samples[2], m.samples[3]
        );
    }
    println!();

    println!("{:<44} {:>11} {:>11} {:>9}", "measurement (median)", "median", "min", "target");
    let row = |name: &str, t: Duration, min: Duration, target: Option<Duration>| {
        let (target_text, verdict_text) = match target {
            Some(target) => (format!("≤ {}", show(target)), verdict(t <= target)),
            None => (String::new(), ""),
        };
        println!("{name:<44} {:>11} {:>11} {target_text:>9}  {verdict_text}", show(t), show(min));
    };
    row("seed parse only (page::page)", seed.parse.median, seed.parse.min, None);
    row("seed parse + layout @80", seed.first.median, seed.first.min, Some(SEED_TARGET));
    row("seed layout alone @80", seed.layout_80.median, seed.layout_80.min, None);
    row("seed re-layout @60 (parsed)", seed.layout_60.median, seed.layout_60.min, None);
    row("1 MiB parse only (page::page)", big.parse.median, big.parse.min, None);
    row("1 MiB parse + layout @80", big.first.median, big.first.min, Some(BIG_TARGET));
    row("1 MiB layout alone @80", big.layout_80.median, big.layout_80.min, None);
    row("1 MiB re-layout @60 (parsed)", big.layout_60.median, big.layout_60.min, None);
    println!();
    println!("{:<44} {:>11} {:>11} {:>9}", "ratio (of medians)", "ratio", "", "target");
    for (name, m) in [("seed", &seed), ("1 MiB", &big)] {
        let resize = ratio(m.layout_60.median, m.first.median);
        println!(
            "{:<44} {resize:>11.3} {:>11} {:>9}  {}",
            format!("{name} re-layout @60 / parse + layout @80"),
            "",
            format!("≤ {RESIZE_TARGET}"),
            verdict(resize <= RESIZE_TARGET)
        );
        println!(
            "{:<44} {:>11.3}   (layout alone: what a resize saves is the parse)",
            format!("{name} re-layout @60 / layout alone @80"),
            ratio(m.layout_60.median, m.layout_80.median)
        );
    }
    Ok(())
}

/// Loops over one step for `budget`, for a profiler to watch.
fn profile(only: &str, article: &Article, seed: &str, big: &str, budget: Duration) -> Result<(), String> {
    let (body, step) = only.split_once('-').ok_or_else(|| format!("FOLIO_BENCH_ONLY={only:?}: say e.g. big-layout"))?;
    let body = match body {
        "seed" => seed,
        "big" => big,
        _ => return Err(format!("FOLIO_BENCH_ONLY={only:?}: seed-… or big-…")),
    };
    let document = folio::page::page(article, body);
    let mut measures = Measures::default();
    let start = Instant::now();
    let mut rounds = 0;
    while start.elapsed() < budget {
        match step {
            "parse" => drop(black_box(folio::page::page(article, black_box(body)))),
            "layout" => {
                drop(black_box(layout_with(black_box(&document), 60 + rounds % 2 * 20, OPTIONS, &mut measures)))
            }
            _ => return Err(format!("FOLIO_BENCH_ONLY={only:?}: …-parse or …-layout")),
        }
        rounds += 1;
    }
    println!("{only}: {rounds} rounds in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// The seed article and its body, through the loader as `folio show` reads it.
fn load(path: &Path) -> Result<(Article, String), String> {
    let library = folio::library::load(&[path.to_owned()]);
    let article = library
        .articles
        .first()
        .cloned()
        .ok_or_else(|| format!("{} did not load as an article: {:?}", path.display(), library.problems.first()))?;
    let body = folio::file::read_body(&article).map_err(|p| format!("cannot read the body: {}", p.message))?;
    Ok((article, body))
}

struct Stats {
    median: Duration,
    min: Duration,
}

struct Measured {
    parse: Stats,
    first: Stats,
    layout_80: Stats,
    layout_60: Stats,
    samples: [usize; 4],
    blocks: usize,
    lines_80: usize,
    lines_60: usize,
}

fn measure_article(article: &Article, body: &str, budget: Duration) -> Measured {
    let parse = || folio::page::page(article, body);
    let (parse_stats, parse_n) = measure(budget, || drop(black_box(parse())));
    let (first, first_n) = measure(budget, || {
        let document = parse();
        black_box(layout(black_box(&document), 80, OPTIONS));
    });
    let document: Document = parse();
    // The reader keeps the texts' measures of the open article for the
    // next layout (a resize): laid out again, nothing is measured again.
    let mut measures = Measures::default();
    layout_with(&document, 80, OPTIONS, &mut measures);
    let mut again = |width| drop(black_box(layout_with(black_box(&document), width, OPTIONS, &mut measures)));
    let (layout_80, n80) = measure(budget, || again(80));
    let (layout_60, n60) = measure(budget, || again(60));
    let lines = |width| layout(&document, width, OPTIONS).lines.len();
    Measured {
        parse: parse_stats,
        first,
        layout_80,
        layout_60,
        samples: [parse_n, first_n, n80, n60],
        blocks: document.blocks.len(),
        lines_80: lines(80),
        lines_60: lines(60),
    }
}

/// Runs `f` once to warm up, then again until `budget` is spent (and at
/// least `MIN_SAMPLES` times); each sample times enough calls to last about
/// a millisecond, so the clock's resolution does not matter.
fn measure(budget: Duration, mut f: impl FnMut()) -> (Stats, usize) {
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(100));
    let batch = (Duration::from_millis(1).as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32;
    // A second warm-up batch: caches, allocator, branch predictors.
    for _ in 0..batch {
        f();
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < MIN_SAMPLES || start.elapsed() < budget {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        samples.push(t.elapsed() / batch);
    }
    samples.sort();
    let n = samples.len();
    let median = if n.is_multiple_of(2) { (samples[n / 2 - 1] + samples[n / 2]) / 2 } else { samples[n / 2] };
    (Stats { median, min: samples[0] }, n)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

fn show(t: Duration) -> String {
    let s = t.as_secs_f64();
    if s >= 1e-3 { format!("{:.2} ms", s * 1e3) } else { format!("{:.1} µs", s * 1e6) }
}

fn env_seconds(name: &str, default: f64) -> Result<f64, String> {
    match std::env::var(name) {
        Err(std::env::VarError::NotPresent) => Ok(default),
        Ok(text) => text
            .trim()
            .parse()
            .ok()
            .filter(|s: &f64| *s > 0.0)
            .ok_or_else(|| format!("{name}={text:?} is not a number of seconds")),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not valid text")),
    }
}
