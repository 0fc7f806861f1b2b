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
//! 1–50 KB (median about 4 KB). Output depends only on N and SEED, not on the
//! number of threads. The benchmark `benches/load.rs` includes this file as a
//! module and calls [`generate`].

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
    let posts = dir.join("source").join("_posts");
    let mut feed_dirs = Vec::with_capacity(SOURCES.len() * 3);
    for source in SOURCES {
        for feed in source.feeds {
            let path = posts.join(source.category).join(source.name).join(feed);
            fs::create_dir_all(&path).map_err(|e| with_path(&path, e))?;
            feed_dirs.push(path);
        }
    }
    let threads = std::thread::available_parallelism().map_or(2, |t| t.get());
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Vec<io::Result<Summary>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..threads).map(|_| scope.spawn(|| worker(&feed_dirs, n, seed, &next, &failed))).collect();
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

fn worker(feed_dirs: &[PathBuf], n: usize, seed: u64, next: &AtomicUsize, failed: &AtomicBool) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut article = Article::default();
    let mut file = String::with_capacity(64 * 1024);
    loop {
        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
        if start >= n || failed.load(Ordering::Relaxed) {
            return Ok(summary);
        }
        for index in start..(start + CHUNK).min(n) {
            let feed = article.build(index, seed);
            file.clear();
            article.write_file(&mut file);
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

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
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
    fn build(&mut self, index: usize, seed: u64) -> usize {
        let mut rng = Rng::new(seed, index);
        // Some sources are much bigger than others, and the first sub-feed
        // is the busiest, as in the real archives.
        self.source = if rng.percent(50) {
            rng.below(SOURCES.len())
        } else {
            rng.below(SOURCES.len()).min(rng.below(SOURCES.len()))
        };
        self.feed = [0, 0, 0, 1, 1, 2][rng.below(6)];
        self.old_template = rng.percent(5);
        let source = &SOURCES[self.source];
        self.title.clear();
        make_title(&mut rng, source.lang, index, &mut self.title);
        self.date.clear();
        make_date(&mut rng, &mut self.date);
        // Bodies: log-normal, median about 4 KB, mean about 5.5 KB, 1–50 KB.
        let target = (3800.0 * (0.85 * rng.normal()).exp()).clamp(1024.0, 50.0 * 1024.0) as usize;
        self.body.clear();
        self.first_image.clear();
        make_body(&mut rng, source, target, &mut self.body, &mut self.first_image);
        self.headimg.clear();
        let r = rng.below(100);
        if !self.first_image.is_empty() && r < 85 {
            self.headimg.push_str(&self.first_image);
        } else if r < 96 {
            let _ = write!(self.headimg, "https://picsum.photos/400/300?random={}", rng.below(10_000));
        }
        self.source * 3 + self.feed
    }

    fn write_file(&self, out: &mut String) {
        let source = &SOURCES[self.source];
        let quote = if self.title.contains('\'') { '"' } else { '\'' };
        let indent = if self.old_template { "    " } else { " " };
        out.push_str("\n---\ntitle: ");
        out.push(quote);
        out.push_str(&self.title);
        out.push(quote);
        out.push_str("\ncategories: \n");
        for item in [source.category, source.name, source.feeds[self.feed]] {
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
        out.push_str(source.name);
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

fn make_title(rng: &mut Rng, lang: Lang, index: usize, out: &mut String) {
    // Raw title (before the archive's character cleaning), under ~180 bytes
    // so that title + number + `.md` stays below the 255-byte name limit.
    let mut raw = String::with_capacity(200);
    match lang {
        Lang::Zh | Lang::Tw | Lang::Mixed => cjk_title(rng, lang, &mut raw),
        Lang::Ja => ja_title(rng, &mut raw),
        Lang::En => en_title(rng, &mut raw),
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

fn cjk_title(rng: &mut Rng, lang: Lang, raw: &mut String) {
    let words = if lang == Lang::Tw { TW } else { ZH };
    let r = rng.below(100);
    if r < 6 {
        raw.push_str(rng.pick(TITLE_TAGS));
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
            raw.push_str(rng.pick(LATIN));
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

fn ja_title(rng: &mut Rng, raw: &mut String) {
    let (open, close) = [("「", "」"), ("『", "』"), ("【", "】"), ("", "")][rng.below(4)];
    raw.push_str(open);
    let parts = rng.range(2, 6);
    for i in 0..parts {
        if raw.len() > TITLE_MAX {
            break;
        }
        raw.push_str(rng.pick(JA));
        if i + 1 < parts && rng.percent(60) {
            raw.push_str(rng.pick(JA_PARTICLES));
        }
    }
    raw.push_str(close);
    match rng.below(10) {
        0 => {
            raw.push('｜');
            raw.push_str(rng.pick(LATIN));
            raw.push('｜');
            raw.push_str(rng.pick(ZH));
        }
        1 => raw.push_str("【夜の部】"),
        2 => raw.push_str(" / 第2期"),
        3 => raw.push_str(" [Blu-ray]"),
        _ => {}
    }
}

fn en_title(rng: &mut Rng, raw: &mut String) {
    raw.push_str(rng.pick(EN_TITLE));
    let words = rng.range(3, 11);
    for i in 0..words {
        if raw.len() > TITLE_MAX {
            break;
        }
        raw.push(' ');
        match rng.below(25) {
            0 => {
                raw.push('‘');
                raw.push_str(rng.pick(EN_TITLE));
                raw.push_str(" Act’");
            }
            1 => raw.push_str("One's"),
            2 if i > 0 => raw.push_str("Isn't"),
            3 => raw.push_str(rng.pick(LATIN)),
            _ => raw.push_str(rng.pick(EN_TITLE)),
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

fn make_body(rng: &mut Rng, source: &Source, target: usize, out: &mut String, first_image: &mut String) {
    match source.style {
        Style::Html => html_body(rng, source, target, out, first_image),
        Style::Br => br_body(rng, source, target, out),
        Style::Plain => plain_body(rng, source, target, out),
    }
}

fn html_body(rng: &mut Rng, source: &Source, target: usize, out: &mut String, first_image: &mut String) {
    let sep = source.sep;
    if rng.percent(45) {
        figure(rng, source, out, first_image);
        out.push_str(sep);
    }
    while out.len() < target {
        match rng.below(100) {
            0..=63 => {
                let class = if rng.percent(10) { " style=\"text-align: left;\"" } else { "" };
                let _ = write!(out, "<p{class}>");
                paragraph(rng, source, out, true);
                out.push_str("</p>");
            }
            64..=71 => {
                let level = [3, 3, 3, 2, 4][rng.below(5)];
                let _ = write!(out, "<h{level}>");
                heading(rng, source.lang, out);
                let _ = write!(out, "</h{level}>");
            }
            72..=80 => figure(rng, source, out, first_image),
            81..=84 => {
                out.push_str("<blockquote>\n<p>");
                paragraph(rng, source, out, false);
                out.push_str("</p>\n</blockquote>");
            }
            85..=88 => {
                let list = if rng.percent(70) { "ul" } else { "ol" };
                let _ = write!(out, "<{list}>");
                for _ in 0..rng.range(2, 6) {
                    out.push_str("<li>");
                    sentence(rng, source.lang, out);
                    out.push_str("</li>");
                }
                let _ = write!(out, "</{list}>");
            }
            89..=90 => {
                out.push_str("<pre><code>");
                out.push_str(rng.pick(CODE));
                out.push_str("</code></pre>");
            }
            91..=92 => {
                out.push_str("<p>");
                sentence(rng, source.lang, out);
                out.push_str(rng.pick(INLINE_BRACES));
                sentence(rng, source.lang, out);
                out.push_str("</p>");
            }
            93..=94 => {
                out.push_str("<p><strong>");
                sentence(rng, source.lang, out);
                out.push_str("</strong>");
                paragraph(rng, source, out, false);
                out.push_str("</p>");
            }
            _ => {
                out.push_str("<p>");
                sentence(rng, source.lang, out);
                out.push_str("<br>\n");
                sentence(rng, source.lang, out);
                out.push_str("</p>");
            }
        }
        out.push_str(sep);
    }
}

/// Paul Graham style: hard-wrapped text, `<br><br>` between paragraphs.
fn br_body(rng: &mut Rng, source: &Source, target: usize, out: &mut String) {
    let _ = write!(out, "{} {}<br><br>", MONTHS[rng.below(12)], rng.range(2005, 2024));
    while out.len() < target {
        let mut line_start = out.len();
        for _ in 0..rng.range(2, 7) {
            sentence(rng, source.lang, out);
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
fn plain_body(rng: &mut Rng, source: &Source, target: usize, out: &mut String) {
    out.push_str("イベント ");
    heading(rng, source.lang, out);
    let _ = write!(
        out,
        "\n開催場所 {}\n開場 2022-{:02}-{:02} 17:00\n開演 2022-06-12 18:00\n終演 2022-06-12 21:21\n",
        rng.pick(JA),
        rng.range(1, 12),
        rng.range(1, 28)
    );
    while out.len() < target {
        sentence(rng, source.lang, out);
        out.push('\n');
    }
}

fn figure(rng: &mut Rng, source: &Source, out: &mut String, first_image: &mut String) {
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
            out.push_str(rng.pick(ZH));
            out.push_str(")</figure>");
        }
        1 => {
            let _ = write!(out, "<figure><img src=\"{url}\" referrerpolicy=\"no-referrer\"><figcaption>");
            heading(rng, source.lang, out);
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

fn heading(rng: &mut Rng, lang: Lang, out: &mut String) {
    let words = lang.words();
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

fn paragraph(rng: &mut Rng, source: &Source, out: &mut String, links: bool) {
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
            heading(rng, source.lang, out);
            out.push_str("</a>");
        }
        sentence(rng, source.lang, out);
    }
}

fn sentence(rng: &mut Rng, lang: Lang, out: &mut String) {
    match lang {
        Lang::En => {
            out.push_str(rng.pick(EN_START));
            for _ in 0..rng.range(6, 22) {
                out.push(' ');
                if rng.percent(4) {
                    out.push_str(rng.pick(LATIN));
                } else {
                    out.push_str(rng.pick(EN));
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
                out.push_str(rng.pick(JA));
                out.push_str(rng.pick(JA_PARTICLES));
                if rng.percent(15) {
                    out.push('、');
                }
            }
            out.push_str(rng.pick(JA_ENDINGS));
        }
        Lang::Zh | Lang::Tw | Lang::Mixed => {
            let words = if lang == Lang::Tw { TW } else { ZH };
            let latin = if lang == Lang::Mixed { 20 } else { 3 };
            for i in 0..rng.range(6, 20) {
                if rng.percent(latin) {
                    let spaced = rng.percent(60);
                    if spaced {
                        out.push(' ');
                    }
                    out.push_str(rng.pick(LATIN));
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
// Sources and words.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    Tw,
    Ja,
    En,
    Mixed,
}

impl Lang {
    fn words(self) -> &'static [&'static str] {
        match self {
            Lang::Zh | Lang::Mixed => ZH,
            Lang::Tw => TW,
            Lang::Ja => JA,
            Lang::En => EN,
        }
    }
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

struct Source {
    category: &'static str,
    name: &'static str,
    feeds: [&'static str; 3],
    host: &'static str,
    lang: Lang,
    style: Style,
    /// What comes between block elements.
    sep: &'static str,
}

const fn src(
    category: &'static str,
    name: &'static str,
    feeds: [&'static str; 3],
    host: &'static str,
    lang: Lang,
    style: Style,
    sep: &'static str,
) -> Source {
    Source { category, name, feeds, host, lang, style, sep }
}

use Lang::{En, Ja, Mixed, Tw, Zh};
use Style::{Br, Html, Plain};

/// 8 categories × 6 sources × 3 sub-feeds.
static SOURCES: &[Source] = &[
    src("新媒体", "Aljazeera 半岛网", ["新闻", "深度", "观点"], "chinese.aljazeera.net", Zh, Html, "\n"),
    src("新媒体", "36kr", ["资讯", "快讯", "推荐"], "36krcdn.com", Mixed, Html, " \n"),
    src("新媒体", "cnBeta", ["最新", "热门", "科学探索"], "cnbetacdn.com", Mixed, Html, "\n"),
    src("新媒体", "9To5", ["9To5 分站", "9to5Mac", "9to5Google"], "9to5mac.com", En, Html, "\n"),
    src("新媒体", "人人都是产品经理", ["最新文章", "产品设计", "运营"], "yunyingpai.com", Zh, Html, "\n"),
    src("新媒体", "少数派", ["首页", "Matrix", "派早报"], "sspai.com", Mixed, Html, ""),
    src("博客", "美团技术团队", ["最近更新", "后台", "算法"], "meituan.net", Mixed, Html, ""),
    src("博客", "Paul Graham 博客", ["Essays", "Notes", "Talks"], "paulgraham.com", En, Br, ""),
    src("博客", "阮一峰的网络日志", ["最新", "周刊", "开发者手册"], "ruanyifeng.com", Zh, Html, "\n"),
    src("博客", "Hacker News", ["Front Page", "Show HN", "Ask HN"], "news.ycombinator.com", En, Html, "\n"),
    src("博客", "酷壳 CoolShell", ["全部", "程序设计", "业界新闻"], "coolshell.cn", Mixed, Html, "\n"),
    src("博客", "The Verge", ["Tech", "Science", "Entertainment"], "theverge.com", En, Html, ""),
    src("游戏", "巴哈姆特", ["GNN 新聞", "哈啦區", "動畫瘋"], "bahamut.com.tw", Tw, Html, "\n"),
    src("游戏", "机核 GCORES", ["文章", "电台", "资讯"], "gcores.com", Zh, Html, "\n"),
    src("游戏", "游民星空", ["新闻", "攻略", "评测"], "gamersky.com", Zh, Html, "\n"),
    src("游戏", "4Gamer.net", ["最新記事", "PC", "スマホ"], "4gamer.net", Ja, Html, "\n"),
    src("游戏", "IGN 中国", ["新闻", "评测", "视频"], "ign.com.cn", Mixed, Html, ""),
    src("游戏", "Nintendo Life", ["News", "Reviews", "Features"], "nintendolife.com", En, Html, "\n"),
    src("金融", "财联社", ["深度", "电报", "头条"], "cls.cn", Zh, Html, "\n"),
    src("金融", "华尔街见闻", ["最新", "全球", "A股"], "wallstreetcn.com", Zh, Html, ""),
    src("金融", "Bloomberg", ["Markets", "Technology", "Politics"], "bloomberg.com", En, Html, "\n"),
    src("金融", "日本経済新聞", ["速報", "マーケット", "テクノロジー"], "nikkei.com", Ja, Html, "\n"),
    src("金融", "经济日报 經濟日報", ["要闻", "產業", "國際"], "money.udn.com", Tw, Html, "\n"),
    src("金融", "雪球", ["今日话题", "热帖", "专栏"], "xueqiu.com", Mixed, Html, ""),
    src("二次元", "Bangumi", ["放送列表", "新番", "条目"], "lain.bgm.tv", Ja, Html, ""),
    src("二次元", "Eventernote", ["声优活动及演唱会", "イベント", "ライブ"], "eventernote.com", Ja, Plain, "\n"),
    src("二次元", "动漫之家", ["新闻", "漫画", "轻小说"], "dmzj.com", Zh, Html, "\n"),
    src("二次元", "萌娘百科", ["最近更改", "专题", "新闻"], "moegirl.org.cn", Zh, Html, "\n"),
    src("二次元", "アニメイトタイムズ", ["ニュース", "インタビュー", "声優"], "animatetimes.com", Ja, Html, "\n"),
    src("二次元", "巴哈姆特 ACG", ["動畫", "漫畫", "輕小說"], "acg.gamer.com.tw", Tw, Html, "\n"),
    src("科技", "少数派 Matrix", ["精选", "应用", "硬件"], "cdn.sspai.com", Mixed, Html, "\n"),
    src("科技", "爱范儿", ["资讯", "评测", "早报"], "ifanr.com", Mixed, Html, "\n"),
    src("科技", "Ars Technica", ["Gadgets", "Science", "Policy"], "arstechnica.com", En, Html, "\n"),
    src("科技", "ITmedia", ["NEWS", "Mobile", "PC USER"], "itmedia.co.jp", Ja, Html, "\n"),
    src("科技", "IT之家", ["最新", "苹果", "安卓"], "ithome.com", Mixed, Html, ""),
    src("科技", "InfoQ 中文", ["推荐", "架构", "AI"], "infoq.cn", Mixed, Html, "\n"),
    src("国际", "BBC 中文", ["国际", "中国", "英国"], "bbc.com", Zh, Html, "\n"),
    src("国际", "联合早报", ["即时", "中国", "东南亚"], "zaobao.com.sg", Zh, Html, "\n"),
    src("国际", "NHK ニュース", ["主要", "国際", "経済"], "nhk.or.jp", Ja, Html, "\n"),
    src("国际", "Reuters", ["World", "Business", "Tech"], "reuters.com", En, Html, "\n"),
    src("国际", "德国之声 DW", ["新闻", "评论", "时事"], "dw.com", Zh, Html, "\n"),
    src("国际", "中央社 CNA", ["即時", "兩岸", "國際"], "cna.com.tw", Tw, Html, "\n"),
    src("生活", "下厨房", ["本周最受欢迎", "新秀菜谱", "早餐"], "xiachufang.com", Zh, Html, "\n"),
    src("生活", "豆瓣", ["一周口碑", "新片榜", "读书"], "doubanio.com", Zh, Html, ""),
    src("生活", "什么值得买", ["好价", "原创", "晒物"], "smzdm.com", Mixed, Html, "\n"),
    src("生活", "Lifehacker", ["Lifestyle", "Money", "Tech"], "lifehacker.com", En, Html, "\n"),
    src("生活", "クックパッド", ["人気", "新着", "特集"], "cookpad.com", Ja, Html, "\n"),
    src("生活", "小红书", ["推荐", "美食", "旅行"], "xhscdn.com", Mixed, Html, "\n"),
];

static TITLE_TAGS: &[&str] = &["最前线丨", "早报｜", "8点1氪丨", "深度｜", "【独家】", "快讯："];

static ZH: &[&str] = &[
    "俄罗斯",
    "美国",
    "希望",
    "在日内瓦",
    "会谈期间",
    "得到",
    "保证",
    "西方",
    "协调",
    "以阻止",
    "进攻",
    "乌克兰",
    "联合国",
    "难民署",
    "表示",
    "有记录以来",
    "难民",
    "穿越",
    "孟加拉湾",
    "最致命",
    "的一年",
    "英伟达",
    "查漏补缺",
    "推出",
    "首款",
    "基于",
    "架构的",
    "处理器",
    "数据中心",
    "宣布",
    "斥资",
    "收购",
    "半年后",
    "开始",
    "补上",
    "空白",
    "商汤集团",
    "暂缓上市",
    "券商",
    "买单",
    "退款",
    "利息",
    "如何",
    "优雅地",
    "记录",
    "操作日志",
    "系统",
    "业务逻辑",
    "解耦",
    "科技公司",
    "人工智能",
    "伦理",
    "实践",
    "可信",
    "市场竞争",
    "核心优势",
    "用户",
    "增长",
    "下降",
    "投资者",
    "监管",
    "新冠疫情",
    "全球",
    "经济",
    "发布",
    "报告",
    "政府",
    "官员",
    "周四",
    "记者",
    "消息人士",
    "据悉",
    "目前",
    "已经",
    "进一步",
    "影响",
    "服务器",
    "性能",
    "设计",
    "详解",
    "摆脱",
    "束缚",
    "开发者",
    "平台",
    "垄断",
    "法案",
    "众议院",
    "提出",
    "苹果",
    "应用商店",
    "的",
    "了",
    "和",
    "在",
    "是",
    "对",
    "将",
    "也",
    "并",
    "中国",
    "北京",
    "上海",
    "深圳",
    "互联网",
    "电动汽车",
    "芯片",
    "供应链",
    "半导体",
    "手机",
    "新品",
    "价格",
    "上涨",
    "同比",
];

static TW: &[&str] = &[
    "堂本光一",
    "合作",
    "新曲",
    "影像",
    "出爐",
    "本尊",
    "笑稱",
    "盛大的",
    "公器私用",
    "發表會",
    "於近日",
    "在日本",
    "東京都內",
    "舉辦",
    "如今",
    "這支",
    "影片",
    "短版",
    "也已",
    "頻道",
    "公開",
    "遊戲",
    "動畫",
    "開發",
    "體驗",
    "官方",
    "玩家",
    "宣布",
    "推出",
    "新作",
    "預計",
    "上市",
    "發售",
    "版本",
    "畫面",
    "角色",
    "劇情",
    "臺灣",
    "香港",
    "的",
    "了",
    "與",
    "將",
    "為",
    "這款",
    "系列",
    "最新",
    "消息",
    "報導",
    "據悉",
];

static JA: &[&str] = &[
    "結城友奈は勇者である",
    "スペシャルイベント",
    "満開祭り４",
    "ジョジョの奇妙な冒険",
    "ストーンオーシャン",
    "放送",
    "開催",
    "アニメ",
    "声優",
    "ライブ",
    "劇場版",
    "公開",
    "決定",
    "新作",
    "発表",
    "キャスト",
    "主題歌",
    "配信",
    "イベント",
    "チケット",
    "先行販売",
    "東京",
    "大阪",
    "会場",
    "出演",
    "新曲",
    "ミュージックビデオ",
    "第2期",
    "制作",
    "スタッフ",
    "コラボ",
    "カフェ",
    "グッズ",
    "市場",
    "株価",
    "日経平均",
    "円安",
    "企業",
    "政府",
    "発表会",
    "スマートフォン",
    "ゲーム",
    "最新作",
    "シリーズ",
    "特集",
];

static JA_PARTICLES: &[&str] = &["の", "が", "を", "に", "は", "で", "と", "も", "から", "まで"];
static JA_ENDINGS: &[&str] = &["します。", "しました。", "です。", "されます。", "となります。", "へ。"];

static LATIN: &[&str] = &[
    "NVIDIA",
    "Grace CPU",
    "Arm",
    "CPU",
    "GPU",
    "AI",
    "iPhone",
    "Apple",
    "Google",
    "Hot Chips 34",
    "SQUARE ENIX",
    "Youtube",
    "Joe Biden",
    "Vladimir Putin",
    "UNHCR",
    "HPC",
    "x86",
    "Xeon",
    "EPYC",
    "API",
    "SaaS",
    "5G",
    "App Store",
    "Tesla",
    "ChatGPT",
    "OpenAI",
    "Nintendo Switch",
    "PS5",
    "Steam",
    "Windows 11",
    "macOS",
    "Linux",
    "Rust",
    "Kubernetes",
    "JOJO",
    "Blu-ray",
    "IPO",
    "ETF",
    "GDP",
    "CEO",
];

static EN_START: &[&str] = &[
    "The",
    "A",
    "In",
    "Apple",
    "We",
    "It",
    "This",
    "But",
    "If",
    "When",
    "Fresh",
    "According",
    "There",
    "Some",
    "Most",
    "Working",
    "What",
    "Google",
    "Investors",
    "Officials",
];

static EN: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "new",
    "legislation",
    "proposed",
    "house",
    "representatives",
    "today",
    "set",
    "take",
    "likes",
    "details",
    "surfaced",
    "market",
    "company",
    "project",
    "work",
    "school",
    "story",
    "excited",
    "productive",
    "proportion",
    "skating",
    "walking",
    "great",
    "certainly",
    "people",
    "government",
    "report",
    "data",
    "users",
    "growth",
    "platform",
    "monopolies",
    "antitrust",
    "bills",
    "developers",
    "shares",
    "investors",
    "quarter",
    "revenue",
    "percent",
    "billion",
    "million",
    "analysts",
    "expected",
    "according",
    "statement",
    "officials",
    "said",
    "says",
    "week",
    "month",
    "year",
    "country",
    "world",
    "policy",
    "technology",
    "chip",
    "software",
    "hardware",
    "update",
    "release",
    "feature",
    "version",
    "security",
    "privacy",
    "study",
    "research",
    "science",
    "scientists",
    "researchers",
    "found",
    "results",
    "early",
    "later",
    "finally",
];

static EN_TITLE: &[&str] = &[
    "App",
    "Store",
    "Could",
    "Be",
    "Hit",
    "By",
    "Proposed",
    "Ending",
    "Platform",
    "Monopolies",
    "In",
    "US",
    "House",
    "A",
    "Project",
    "Of",
    "Own",
    "How",
    "Why",
    "What",
    "New",
    "Apple",
    "Google",
    "Announces",
    "Launches",
    "Review",
    "Hands-On",
    "With",
    "The",
    "Best",
    "Deals",
    "Update",
    "Rolls",
    "Out",
    "Report",
    "Says",
    "Markets",
    "Fall",
    "Rise",
    "After",
    "Fed",
    "Rates",
    "Earnings",
    "Beat",
    "Estimates",
    "Nintendo",
    "Switch",
    "Games",
    "Coming",
    "Soon",
    "Week",
    "Essay",
    "Startups",
    "Ideas",
    "Work",
    "Life",
    "Science",
    "Space",
    "Climate",
    "Policy",
    "Privacy",
    "Security",
    "Bug",
    "Fix",
];

static CODE: &[&str] = &[
    "fn main() &#123;\n    println!(\"hello, world\");\n&#125;",
    "public class LogRecord &#123;\n    private String bizNo;\n    private List&lt;String&gt; tags;\n&#125;",
    "@LogRecord(content = \"修改了订单的配送地址：从“&#123;#oldAddress&#125;”, 修改到“&#123;#request.address&#125;”\", bizNo = \"&#123;#request.deliveryOrderNo&#125;\")",
    "const config = &#123; retries: 3, timeout: 1000 &#125;;\nexport default config;",
    "if (x &gt; 0) &#123;\n  return x;\n&#125; else &#123;\n  return -x;\n&#125;",
    "SELECT id, title FROM posts WHERE date &gt; '2021-12-01';",
    "&#123;\n  \"name\": \"folio\",\n  \"version\": \"0.1.0\"\n&#125;",
];

static INLINE_BRACES: &[&str] = &[
    "例如 &#123;\"code\": 0, \"msg\": \"ok\"&#125;，",
    " 模板写作 $&#123;user.name&#125; ",
    " JSON &#123;\"a\":1&#125; ",
    " &#123;&#123; page.title &#125;&#125; ",
    "，字段 &#123;id&#125; 为必填，",
];
