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
//! The sources (category, name, sub-feeds, host, language, body style) and
//! the word lists live in `examples/corpus-words/` (one entry per line; format
//! in its `README.md`). They are compiled in with `include_str!`, so neither
//! this program nor the benchmarks read files at run time, and are parsed
//! once at the start of each [`generate`] call; this file holds only logic.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

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

// ---------------------------------------------------------------------------
// Randomness: splitmix64, seeded per article so output is thread-independent.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: usize) -> Rng {
        let mut rng = Rng(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` below 2^32).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, S: AsRef<str>>(&mut self, items: &'a [S]) -> &'a str {
        items[self.below(items.len())].as_ref()
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Roughly standard normal (Irwin–Hall with 4 terms).
    fn normal(&mut self) -> f64 {
        let sum: f64 = (0..4).map(|_| self.unit()).sum();
        (sum - 2.0) * 3f64.sqrt()
    }
}

// ---------------------------------------------------------------------------
// One article.

#[derive(Default)]
struct Article {
    source: usize,
    feed: usize,
    old_template: bool,
    title: String,
    date: String,
    headimg: String,
    body: String,
    first_image: String,
}

impl Article {
    /// Fills in article `index`; returns its folder's index in `feed_dirs`.
    fn build(&mut self, w: &Words, index: usize, seed: u64) -> usize {
        let mut rng = Rng::new(seed, index);
        // Some sources are much bigger than others, and the first sub-feed
        // is the busiest, as in the real archives.
        self.source = if rng.percent(50) {
            rng.below(w.sources.len())
        } else {
            rng.below(w.sources.len()).min(rng.below(w.sources.len()))
        };
        self.feed = [0, 0, 0, 1, 1, 2][rng.below(6)];
        self.old_template = rng.percent(5);
        let source = &w.sources[self.source];
        self.title.clear();
        make_title(&mut rng, w, source.lang, index, &mut self.title);
        self.date.clear();
        make_date(&mut rng, &mut self.date);
        // Bodies: log-normal, median about 4 KB, mean about 5.5 KB, 1–50 KB.
        let target = (3800.0 * (0.85 * rng.normal()).exp()).clamp(1024.0, 50.0 * 1024.0) as usize;
        self.body.clear();
        self.first_image.clear();
        make_body(&mut rng, w, source, target, &mut self.body, &mut self.first_image);
        self.headimg.clear();
        let r = rng.below(100);
        if !self.first_image.is_empty() && r < 85 {
            self.headimg.push_str(&self.first_image);
        } else if r < 96 {
            let _ = write!(self.headimg, "https://picsum.photos/400/300?random={}", rng.below(10_000));
        }
        self.source * 3 + self.feed
    }

    fn write_file(&self, w: &Words, out: &mut String) {
        let source = &w.sources[self.source];
        let quote = if self.title.contains('\'') { '"' } else { '\'' };
        let indent = if self.old_template { "    " } else { " " };
        out.push_str("\n---\ntitle: ");
        out.push(quote);
        out.push_str(&self.title);
        out.push(quote);
        out.push_str("\ncategories: \n");
        for item in [&source.category, &source.name, &source.feeds[self.feed]] {
            out.push_str(indent);
            out.push_str("- ");
            out.push_str(item);
            out.push('\n');
        }
        if self.old_template {
            out.push('\n');
        } else {
            out.push_str("headimg: '");
            out.push_str(&self.headimg);
            out.push_str("'\n");
        }
        out.push_str("author: ");
        out.push_str(&source.name);
        out.push_str("\ncomments: false\ndate: ");
        out.push_str(&self.date);
        out.push_str("\nthumbnail: '");
        if !self.old_template {
            out.push_str(&self.headimg);
        }
        out.push_str("'\n---\n\n<div>   \n");
        out.push_str(&self.body);
        out.push_str("  \n</div>\n            ");
    }
}

// ---------------------------------------------------------------------------
// Titles.

fn make_title(rng: &mut Rng, w: &Words, lang: Lang, index: usize, out: &mut String) {
    // Raw title (before the archive's character cleaning), under ~180 bytes
    // so that title + number + `.md` stays below the 255-byte name limit.
    let mut raw = String::with_capacity(200);
    match lang {
        Lang::Zh | Lang::Tw | Lang::Mixed => cjk_title(rng, w, lang, &mut raw),
        Lang::Ja => ja_title(rng, w, &mut raw),
        Lang::En => en_title(rng, w, &mut raw),
    }
    if rng.below(200) == 0 {
        raw.push_str(" JSON &#123;\"id\":1&#125;");
    }
    if rng.below(100) == 0 {
        raw.insert_str(0, "_AC_&nbsp;");
    }
    // A title holding both quote kinds would be invalid YAML; the archive
    // can write that, but this corpus is meant to load cleanly.
    if raw.contains('\'') {
        raw.retain(|c| c != '"');
    }
    raw.truncate(raw.trim_end().len());
    // The number that makes every title unique: each form ends in a way no
    // other form and no word does, so the title determines the index.
    match rng.below(5) {
        0 => {
            let _ = write!(raw, " #{index}");
        }
        1 => {
            let _ = write!(raw, " ({index})");
        }
        2 if lang != Lang::En => {
            let _ = write!(raw, "（{index}）");
        }
        3 if lang == Lang::Zh || lang == Lang::Mixed => {
            let _ = write!(raw, " 第{index}期");
        }
        _ => {
            let _ = write!(raw, " No.{index}");
        }
    }
    for c in raw.chars() {
        out.push(match c {
            ':' | '/' | '\\' | '?' | '*' | '“' | '”' | '<' | '>' | '|' | '[' | ']' => '_',
            c => c,
        });
    }
}

const TITLE_MAX: usize = 150;

fn cjk_title(rng: &mut Rng, w: &Words, lang: Lang, raw: &mut String) {
    let words = w.cjk(lang);
    let r = rng.below(100);
    if r < 6 {
        raw.push_str(rng.pick(&w.title_tags));
    } else if r < 9 {
        raw.push_str("[AC] ");
    }
    let parts = rng.range(3, 8);
    for i in 0..parts {
        if raw.len() > TITLE_MAX {
            break;
        }
        let word = rng.pick(words);
        match rng.below(60) {
            0 | 1 => {
                raw.push('“');
                raw.push_str(word);
                raw.push('”');
            }
            3 => {
                raw.push('"');
                raw.push_str(word);
                raw.push('"');
            }
            4 | 5 => {
                raw.push('「');
                raw.push_str(word);
                raw.push('」');
            }
            _ => raw.push_str(word),
        }
        if (lang == Lang::Mixed && rng.percent(35)) || rng.percent(6) {
            if rng.percent(50) {
                raw.push(' ');
            }
            raw.push_str(rng.pick(&w.latin));
            if rng.percent(50) {
                raw.push(' ');
            }
        }
        if i + 1 < parts {
            match rng.below(30) {
                0 => raw.push('：'),
                1 => raw.push(':'),
                2 => raw.push('，'),
                3 | 4 => raw.push(' '),
                5 => raw.push_str(" | "),
                6 => raw.push('｜'),
                _ => {}
            }
        }
    }
    match rng.below(40) {
        0 => raw.push('？'),
        1 => raw.push('?'),
        2 => raw.push('！'),
        _ => {}
    }
}

fn ja_title(rng: &mut Rng, w: &Words, raw: &mut String) {
    let (open, close) = [("「", "」"), ("『", "』"), ("【", "】"), ("", "")][rng.below(4)];
    raw.push_str(open);
    let parts = rng.range(2, 6);
    for i in 0..parts {
        if raw.len() > TITLE_MAX {
            break;
        }
        raw.push_str(rng.pick(&w.ja));
        if i + 1 < parts && rng.percent(60) {
            raw.push_str(rng.pick(&w.ja_particles));
        }
    }
    raw.push_str(close);
    match rng.below(10) {
        0 => {
            raw.push('｜');
            raw.push_str(rng.pick(&w.latin));
            raw.push('｜');
            raw.push_str(rng.pick(&w.zh));
        }
        1 => raw.push_str("【夜の部】"),
        2 => raw.push_str(" / 第2期"),
        3 => raw.push_str(" [Blu-ray]"),
        _ => {}
    }
}

fn en_title(rng: &mut Rng, w: &Words, raw: &mut String) {
    raw.push_str(rng.pick(&w.en_title));
    let words = rng.range(3, 11);
    for i in 0..words {
        if raw.len() > TITLE_MAX {
            break;
        }
        raw.push(' ');
        match rng.below(25) {
            0 => {
                raw.push('‘');
                raw.push_str(rng.pick(&w.en_title));
                raw.push_str(" Act’");
            }
            1 => raw.push_str("One's"),
            2 if i > 0 => raw.push_str("Isn't"),
            3 => raw.push_str(rng.pick(&w.latin)),
            _ => raw.push_str(rng.pick(&w.en_title)),
        }
        if rng.below(30) == 0 {
            raw.push(':');
        }
    }
    match rng.below(20) {
        0 => raw.push_str(" [U]"),
        1 => raw.push('?'),
        2 => raw.push_str(" <video>"),
        3 => raw.push_str(" *updated*"),
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Dates.

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// RFC 2822 (`Thu, 30 Dec 2021 12:42:52 GMT`) for ~80%, else the bare crawl
/// time (`2021-12-27 06:12:39`), between 2019 and 2024.
fn make_date(rng: &mut Rng, out: &mut String) {
    const FROM: u64 = 1_546_300_800; // 2019-01-01
    const TO: u64 = 1_735_689_600; // 2025-01-01
    let t = FROM + rng.next() % (TO - FROM);
    let days = t / 86_400;
    let secs = t % 86_400;
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    if rng.percent(80) {
        let weekday = WEEKDAYS[((days + 4) % 7) as usize];
        let month = MONTHS[m as usize - 1];
        let _ = write!(out, "{weekday}, {d:02} {month} {y} {hh:02}:{mm:02}:{ss:02} GMT");
    } else {
        let _ = write!(out, "{y}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}");
    }
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

// ---------------------------------------------------------------------------
// Bodies.

fn make_body(rng: &mut Rng, w: &Words, source: &Source, target: usize, out: &mut String, first_image: &mut String) {
    match source.style {
        Style::Html => html_body(rng, w, source, target, out, first_image),
        Style::Br => br_body(rng, w, source, target, out),
        Style::Plain => plain_body(rng, w, source, target, out),
    }
}

fn html_body(rng: &mut Rng, w: &Words, source: &Source, target: usize, out: &mut String, first_image: &mut String) {
    let sep = source.sep.as_str();
    if rng.percent(45) {
        figure(rng, w, source, out, first_image);
        out.push_str(sep);
    }
    while out.len() < target {
        match rng.below(100) {
            0..=63 => {
                let class = if rng.percent(10) { " style=\"text-align: left;\"" } else { "" };
                let _ = write!(out, "<p{class}>");
                paragraph(rng, w, source, out, true);
                out.push_str("</p>");
            }
            64..=71 => {
                let level = [3, 3, 3, 2, 4][rng.below(5)];
                let _ = write!(out, "<h{level}>");
                heading(rng, w, source.lang, out);
                let _ = write!(out, "</h{level}>");
            }
            72..=80 => figure(rng, w, source, out, first_image),
            81..=84 => {
                out.push_str("<blockquote>\n<p>");
                paragraph(rng, w, source, out, false);
                out.push_str("</p>\n</blockquote>");
            }
            85..=88 => {
                let list = if rng.percent(70) { "ul" } else { "ol" };
                let _ = write!(out, "<{list}>");
                for _ in 0..rng.range(2, 6) {
                    out.push_str("<li>");
                    sentence(rng, w, source.lang, out);
                    out.push_str("</li>");
                }
                let _ = write!(out, "</{list}>");
            }
            89..=90 => {
                out.push_str("<pre><code>");
                out.push_str(rng.pick(&w.code));
                out.push_str("</code></pre>");
            }
            91..=92 => {
                out.push_str("<p>");
                sentence(rng, w, source.lang, out);
                out.push_str(rng.pick(&w.inline_braces));
                sentence(rng, w, source.lang, out);
                out.push_str("</p>");
            }
            93..=94 => {
                out.push_str("<p><strong>");
                sentence(rng, w, source.lang, out);
                out.push_str("</strong>");
                paragraph(rng, w, source, out, false);
                out.push_str("</p>");
            }
            _ => {
                out.push_str("<p>");
                sentence(rng, w, source.lang, out);
                out.push_str("<br>\n");
                sentence(rng, w, source.lang, out);
                out.push_str("</p>");
            }
        }
        out.push_str(sep);
    }
}

/// Paul Graham style: hard-wrapped text, `<br><br>` between paragraphs.
fn br_body(rng: &mut Rng, w: &Words, source: &Source, target: usize, out: &mut String) {
    let _ = write!(out, "{} {}<br><br>", MONTHS[rng.below(12)], rng.range(2005, 2024));
    while out.len() < target {
        let mut line_start = out.len();
        for _ in 0..rng.range(2, 7) {
            sentence(rng, w, source.lang, out);
            out.push(' ');
            if out.len() - line_start > 60 {
                out.pop();
                out.push('\n');
                line_start = out.len();
            }
        }
        while out.ends_with(' ') || out.ends_with('\n') {
            out.pop();
        }
        out.push_str("<br><br>");
    }
}

/// Event-listing style: plain lines with raw newlines.
fn plain_body(rng: &mut Rng, w: &Words, source: &Source, target: usize, out: &mut String) {
    out.push_str("イベント ");
    heading(rng, w, source.lang, out);
    let _ = write!(
        out,
        "\n開催場所 {}\n開場 2022-{:02}-{:02} 17:00\n開演 2022-06-12 18:00\n終演 2022-06-12 21:21\n",
        rng.pick(&w.ja),
        rng.range(1, 12),
        rng.range(1, 28)
    );
    while out.len() < target {
        sentence(rng, w, source.lang, out);
        out.push('\n');
    }
}

fn figure(rng: &mut Rng, w: &Words, source: &Source, out: &mut String, first_image: &mut String) {
    let start = out.len();
    image_url(rng, source, out);
    let url_end = out.len();
    if first_image.is_empty() {
        first_image.push_str(&out[start..url_end]);
    }
    let url = out.split_off(start);
    match rng.below(4) {
        0 => {
            let _ =
                write!(out, "<figure class=\"wp-block-image\"><img src=\"{url}\" alt referrerpolicy=\"no-referrer\">(");
            out.push_str(rng.pick(&w.zh));
            out.push_str(")</figure>");
        }
        1 => {
            let _ = write!(out, "<figure><img src=\"{url}\" referrerpolicy=\"no-referrer\"><figcaption>");
            heading(rng, w, source.lang, out);
            out.push_str("</figcaption></figure>");
        }
        2 => {
            let _ = write!(
                out,
                "<p class=\"image-wrapper\"><img data-img-size-val=\"700,394\" src=\"{url}\" referrerpolicy=\"no-referrer\"></p>"
            );
        }
        _ => {
            let _ = write!(out, "<img src=\"{url}\" referrerpolicy=\"no-referrer\">");
        }
    }
}

fn image_url(rng: &mut Rng, source: &Source, out: &mut String) {
    let (y, m) = (rng.range(2019, 2024), rng.range(1, 12));
    let hash = rng.next();
    match rng.below(3) {
        0 => {
            let _ = write!(
                out,
                "https://{}/wp-content/uploads/{y}/{m:02}/image-{}-{}.jpg?w=770&resize=770%2C433",
                source.host,
                rng.below(9),
                rng.below(40)
            );
        }
        1 => {
            let _ = write!(out, "https://img.{}/{y}{m:02}{:02}/v2_{hash:016x}_img_jpg", source.host, rng.range(1, 28));
        }
        _ => {
            let _ = write!(
                out,
                "https://static.{}/thumb/article/{y}/{m:02}{:02}/{:015x}.png",
                source.host,
                rng.range(1, 28),
                hash >> 4
            );
        }
    }
}

fn heading(rng: &mut Rng, w: &Words, lang: Lang, out: &mut String) {
    let words = w.for_lang(lang);
    for _ in 0..rng.range(2, 4) {
        out.push_str(rng.pick(words));
        if lang == Lang::En {
            out.push(' ');
        }
    }
    if lang == Lang::En {
        out.pop();
    }
}

fn paragraph(rng: &mut Rng, w: &Words, source: &Source, out: &mut String, links: bool) {
    if source.lang == Lang::Tw && rng.percent(30) {
        out.push_str("\u{3000}\u{3000}");
    }
    for _ in 0..rng.range(1, 5) {
        if links && rng.percent(8) {
            let _ = write!(
                out,
                "<a href=\"https://{}/{}/{:02}/{:x}.html\" target=\"_blank\">",
                source.host,
                rng.range(2019, 2024),
                rng.range(1, 12),
                rng.next() >> 40
            );
            heading(rng, w, source.lang, out);
            out.push_str("</a>");
        }
        sentence(rng, w, source.lang, out);
    }
}

fn sentence(rng: &mut Rng, w: &Words, lang: Lang, out: &mut String) {
    match lang {
        Lang::En => {
            out.push_str(rng.pick(&w.en_start));
            for _ in 0..rng.range(6, 22) {
                out.push(' ');
                if rng.percent(4) {
                    out.push_str(rng.pick(&w.latin));
                } else {
                    out.push_str(rng.pick(&w.en));
                }
                if rng.percent(6) {
                    out.push(',');
                }
            }
            if out.ends_with(',') {
                out.pop();
            }
            out.push_str(if rng.percent(95) { ". " } else { "? " });
        }
        Lang::Ja => {
            for _ in 0..rng.range(3, 9) {
                out.push_str(rng.pick(&w.ja));
                out.push_str(rng.pick(&w.ja_particles));
                if rng.percent(15) {
                    out.push('、');
                }
            }
            out.push_str(rng.pick(&w.ja_endings));
        }
        Lang::Zh | Lang::Tw | Lang::Mixed => {
            let words = w.cjk(lang);
            let latin = if lang == Lang::Mixed { 20 } else { 3 };
            for i in 0..rng.range(6, 20) {
                if rng.percent(latin) {
                    let spaced = rng.percent(60);
                    if spaced {
                        out.push(' ');
                    }
                    out.push_str(rng.pick(&w.latin));
                    if spaced {
                        out.push(' ');
                    }
                } else if rng.percent(3) {
                    let _ = write!(out, " {} ", rng.range(2, 2024));
                }
                out.push_str(rng.pick(words));
                if i > 2 && rng.percent(12) {
                    out.push_str(if lang == Lang::Tw {
                        "，"
                    } else {
                        rng.pick(&["，", "，", "，", "、", "——"])
                    });
                }
            }
            out.push_str(rng.pick(&["。", "。", "。", "。", "。", "！", "？", "。”"]));
        }
    }
}

// ---------------------------------------------------------------------------
// Sources and words, from `examples/corpus-words/`.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    Tw,
    Ja,
    En,
    Mixed,
}

#[derive(Clone, Copy)]
enum Style {
    /// `<p>`, headings, figures, links, lists, code.
    Html,
    /// Hard-wrapped text with `<br><br>` paragraphs.
    Br,
    /// Plain text lines.
    Plain,
}

/// One row of `sources.tsv`.
struct Source {
    category: String,
    name: String,
    feeds: [String; 3],
    host: String,
    lang: Lang,
    style: Style,
    /// What comes between block elements.
    sep: String,
}

/// Everything the generator picks from. Note that `benches/common/mod.rs`
/// keys its cached corpus on the text of this file only: after editing a
/// word file, remove `target/folio-bench/corpus-*` by hand.
struct Words {
    sources: Vec<Source>,
    title_tags: Vec<String>,
    zh: Vec<String>,
    tw: Vec<String>,
    ja: Vec<String>,
    ja_particles: Vec<String>,
    ja_endings: Vec<String>,
    latin: Vec<String>,
    en_start: Vec<String>,
    en: Vec<String>,
    en_title: Vec<String>,
    code: Vec<String>,
    inline_braces: Vec<String>,
}

/// `list!("zh.txt")`: that word file, parsed.
macro_rules! list {
    ($file:literal) => {
        parse_list($file, include_str!(concat!("corpus-words/", $file)))?
    };
}

impl Words {
    fn load() -> io::Result<Words> {
        Ok(Words {
            sources: parse_sources("sources.tsv", include_str!("corpus-words/sources.tsv"))?,
            title_tags: list!("title-tags.txt"),
            zh: list!("zh.txt"),
            tw: list!("tw.txt"),
            ja: list!("ja.txt"),
            ja_particles: list!("ja-particles.txt"),
            ja_endings: list!("ja-endings.txt"),
            latin: list!("latin.txt"),
            en_start: list!("en-start.txt"),
            en: list!("en.txt"),
            en_title: list!("en-title.txt"),
            code: list!("code.txt"),
            inline_braces: list!("inline-braces.txt"),
        })
    }

    /// The body words of a language.
    fn for_lang(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Zh | Lang::Mixed => &self.zh,
            Lang::Tw => &self.tw,
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// The words of a Chinese-script language.
    fn cjk(&self, lang: Lang) -> &[String] {
        if lang == Lang::Tw { &self.tw } else { &self.zh }
    }
}

fn bad_data(file: &str, line: usize, message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("examples/corpus-words/{file}:{line}: {message}"))
}

/// One entry per non-blank line.
fn parse_list(file: &str, text: &str) -> io::Result<Vec<String>> {
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if !line.is_empty() {
            entries.push(unescape(line).map_err(|e| bad_data(file, number + 1, &e))?);
        }
    }
    if entries.is_empty() {
        return Err(bad_data(file, 1, "no entries"));
    }
    Ok(entries)
}

const SOURCES_HEADER: &str = "category\tname\tfeed 1\tfeed 2\tfeed 3\thost\tseparator\tlang\tstyle";

/// A header line, then one source per non-blank line, tab-separated.
fn parse_sources(file: &str, text: &str) -> io::Result<Vec<Source>> {
    let mut lines = text.lines().enumerate().filter(|(_, line)| !line.is_empty());
    if lines.next().is_none_or(|(_, header)| header != SOURCES_HEADER) {
        return Err(bad_data(file, 1, &format!("the first line must be {SOURCES_HEADER:?}")));
    }
    let mut sources = Vec::new();
    for (number, line) in lines {
        let source = parse_source(line).map_err(|e| bad_data(file, number + 1, &e))?;
        sources.push(source);
    }
    if sources.is_empty() {
        return Err(bad_data(file, 1, "no sources"));
    }
    Ok(sources)
}

fn parse_source(line: &str) -> Result<Source, String> {
    let fields = line.split('\t').map(unescape).collect::<Result<Vec<_>, _>>()?;
    let Ok([category, name, feed1, feed2, feed3, host, sep, lang, style]) = <[String; 9]>::try_from(fields) else {
        return Err(format!("expected 9 tab-separated fields, as in {SOURCES_HEADER:?}"));
    };
    let lang = match lang.as_str() {
        "zh" => Lang::Zh,
        "tw" => Lang::Tw,
        "ja" => Lang::Ja,
        "en" => Lang::En,
        "mixed" => Lang::Mixed,
        _ => return Err(format!("unknown lang {lang:?} (zh, tw, ja, en or mixed)")),
    };
    let style = match style.as_str() {
        "html" => Style::Html,
        "br" => Style::Br,
        "plain" => Style::Plain,
        _ => return Err(format!("unknown style {style:?} (html, br or plain)")),
    };
    Ok(Source { category, name, feeds: [feed1, feed2, feed3], host, lang, style, sep })
}

/// `\n` newline, `\t` tab, `\s` space, `\\` backslash; a space or tab at
/// either end must be escaped, so that no editor can drop it unseen.
fn unescape(field: &str) -> Result<String, String> {
    if field.starts_with(char::is_whitespace) || field.ends_with(char::is_whitespace) {
        return Err("a space or tab at either end of an entry must be written \\s or \\t".to_owned());
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('n') => '\n',
            Some('t') => '\t',
            Some('s') => ' ',
            Some('\\') => '\\',
            Some(other) => return Err(format!("unknown escape \\{other} (\\n, \\t, \\s or \\\\)")),
            None => return Err("a lone \\ at the end (write \\\\ for a backslash)".to_owned()),
        });
    }
    Ok(out)
}
