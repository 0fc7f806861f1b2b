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

use folio::Article;
use folio::document::Document;
use folio::layout::{Options, layout};
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
    let start = Instant::now();
    let mut rounds = 0;
    while start.elapsed() < budget {
        match step {
            "parse" => drop(black_box(folio::page::page(article, black_box(body)))),
            "layout" => drop(black_box(layout(black_box(&document), 60 + rounds % 2 * 20, OPTIONS))),
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
    let (layout_80, n80) = measure(budget, || drop(black_box(layout(black_box(&document), 80, OPTIONS))));
    let (layout_60, n60) = measure(budget, || drop(black_box(layout(black_box(&document), 60, OPTIONS))));
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

/// A deterministic xorshift generator: the same article on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const HAN: &[&str] = &[
    "研究人员",
    "表示",
    "这项技术",
    "在过去十年中",
    "迅速发展",
    "政府部门",
    "周四发布的报告",
    "指出",
    "市场",
    "用户体验",
    "数据显示",
    "同比增长",
    "百分之三十",
    "与此同时",
    "许多企业",
    "开始关注",
    "可持续发展",
    "问题",
    "专家认为",
    "未来几年",
    "仍将面临",
    "巨大挑战",
    "記者",
    "報導",
    "官方",
    "發言人",
    "強調",
    "进一步",
    "合作",
    "协议",
    "谈判",
    "经济",
    "社会",
    "影响",
];
const KANA: &[&str] = &[
    "今日は",
    "イベントが",
    "開催されました",
    "ファンの皆さん",
    "ありがとうございます",
    "ちょっと",
    "しゅっぱつ",
    "ライブ",
    "チケット",
    "コンサート",
    "お知らせ",
    "について",
    "発表しました",
];
const LATIN: &[&str] = &[
    "the",
    "layout",
    "of",
    "terminal",
    "reader",
    "archive",
    "article",
    "Unicode",
    "line-breaking",
    "algorithm",
    "GPU",
    "ARM",
    "CPU",
    "Grace",
    "NVIDIA",
    "2021",
    "API",
    "JSON",
    "performance",
    "is",
    "a",
    "and",
    "with",
    "without",
    "internationalization",
    "e.g.",
    "U.S.",
    "don't",
    "well-known",
    "x86-64",
];
const CLOSE: &[&str] = &["，", "。", "、", "；", "：", "？", "！"];
const EN_CLOSE: &[&str] = &[", ", ". ", "; ", ": ", "? ", "! "];

/// A Chinese sentence with Latin terms, quotes and brackets.
fn cjk_sentence(rng: &mut Rng, out: &mut String) {
    let parts = 4 + rng.below(10);
    for i in 0..parts {
        match rng.below(14) {
            0 => {
                out.push('“');
                out.push_str(rng.pick(HAN));
                out.push_str(rng.pick(HAN));
                out.push('”');
            }
            1 => {
                out.push('（');
                out.push_str(rng.pick(LATIN));
                out.push(' ');
                out.push_str(rng.pick(LATIN));
                out.push('）');
            }
            2 => {
                out.push('「');
                out.push_str(rng.pick(KANA));
                out.push_str(rng.pick(KANA));
                out.push('」');
            }
            3 | 4 => {
                out.push(' ');
                out.push_str(rng.pick(LATIN));
                out.push(' ');
            }
            5 => {
                out.push_str(&(rng.below(10_000)).to_string());
                out.push('年');
            }
            _ => out.push_str(rng.pick(HAN)),
        }
        if i + 1 < parts && rng.below(4) == 0 {
            out.push_str(rng.pick(&CLOSE[..4]));
        }
    }
    out.push_str(rng.pick(&CLOSE[4..]).replace("：", "。").as_str());
}

/// An English sentence.
fn latin_sentence(rng: &mut Rng, out: &mut String) {
    let words = 6 + rng.below(20);
    for i in 0..words {
        let word = rng.pick(LATIN);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
        if i + 1 < words {
            out.push_str(if rng.below(9) == 0 { rng.pick(&EN_CLOSE[..4]) } else { " " });
        }
    }
    out.push_str(rng.pick(&[". ", "? ", "! ", ". "]));
}

/// Inline markup: a link, emphasis, code, an image or an entity.
fn inline(rng: &mut Rng, n: &mut usize, out: &mut String) {
    *n += 1;
    match rng.below(7) {
        0 => out.push_str(&format!("<a href=\"https://example.com/news/{n}?ref=rss&amp;id={}\">", rng.below(1000))),
        1 => out.push_str(&format!("<a href=\"/tags/{}\">", rng.below(50))),
        2 => out.push_str("<strong>"),
        3 => out.push_str("<em>"),
        4 => out.push_str("<code>"),
        5 => {
            out.push_str(&format!("<img src=\"/wp-content/uploads/2021/12/img-{n}.jpg\" alt=\"图 {n}\">"));
            return;
        }
        _ => {
            out.push_str(rng.pick(&["&amp;", "&nbsp;", "&quot;", "&#8212;", "&lt;", "&#x4E2D;"]));
            return;
        }
    }
    let kind = out.rfind('<').map_or(0, |i| out.as_bytes()[i + 1]);
    let words = if rng.below(2) == 0 { HAN } else { LATIN };
    out.push_str(rng.pick(words));
    out.push_str(rng.pick(LATIN));
    out.push_str(match kind {
        b'a' => "</a>",
        b's' => "</strong>",
        b'e' => "</em>",
        _ => "</code>",
    });
}

fn paragraph(rng: &mut Rng, n: &mut usize, out: &mut String) {
    out.push_str("<p>");
    let cjk = rng.below(3) != 0;
    for _ in 0..2 + rng.below(6) {
        if cjk {
            cjk_sentence(rng, out);
        } else {
            latin_sentence(rng, out);
        }
        if rng.below(3) == 0 {
            inline(rng, n, out);
        }
    }
    if rng.below(12) == 0 {
        out.push_str("<br>");
        latin_sentence(rng, out);
    }
    out.push_str("</p>\n");
}

fn list(rng: &mut Rng, n: &mut usize, out: &mut String, depth: usize) {
    let tag = if rng.below(2) == 0 { "ul" } else { "ol" };
    out.push_str(&format!("<{tag}>\n"));
    for _ in 0..2 + rng.below(5) {
        out.push_str("<li>");
        if rng.below(2) == 0 {
            cjk_sentence(rng, out);
        } else {
            latin_sentence(rng, out);
        }
        if rng.below(4) == 0 {
            inline(rng, n, out);
        }
        if depth < 2 && rng.below(5) == 0 {
            out.push('\n');
            list(rng, n, out, depth + 1);
        }
        out.push_str("</li>\n");
    }
    out.push_str(&format!("</{tag}>\n"));
}

fn table(rng: &mut Rng, out: &mut String) {
    let columns = 2 + rng.below(4);
    out.push_str("<table>\n<thead><tr>");
    for _ in 0..columns {
        out.push_str(&format!("<th>{}</th>", rng.pick(HAN)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for _ in 0..3 + rng.below(10) {
        out.push_str("<tr>");
        for c in 0..columns {
            out.push_str("<td>");
            match (c, rng.below(3)) {
                (0, _) => out.push_str(rng.pick(LATIN)),
                (_, 0) => cjk_sentence(rng, out),
                (_, 1) => out.push_str(&format!("{}.{}%", rng.below(100), rng.below(10))),
                _ => out.push_str(rng.pick(HAN)),
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn code(rng: &mut Rng, out: &mut String) {
    out.push_str("<pre><code class=\"language-java\">");
    for i in 0..5 + rng.below(25) {
        let indent = "    ".repeat(rng.below(4));
        match rng.below(4) {
            0 => out.push_str(&format!("{indent}// {} {}\n", rng.pick(HAN), rng.pick(LATIN))),
            1 => out.push_str(&format!(
                "{indent}if (value{i} &gt; {} &amp;&amp; list.size() &lt; {}) {{\n",
                rng.below(100),
                rng.below(100)
            )),
            2 => out.push_str(&format!(
                "{indent}LogRecord record{i} = LogRecordFactory.create(\"{}\", operator.getName(), \
                 bizNo, Collections.emptyMap(), System.currentTimeMillis());\n",
                rng.pick(LATIN)
            )),
            _ => out.push_str(&format!("{indent}}}\n")),
        }
    }
    out.push_str("</code></pre>\n");
}

fn figure(rng: &mut Rng, n: &mut usize, out: &mut String) {
    *n += 1;
    out.push_str(&format!(
        "<figure><img src=\"https://cdn.example.com/images/2021/{n}.png?w=770&amp;resize=770%2C433\" \
         alt=\"\"><figcaption>"
    ));
    cjk_sentence(rng, out);
    out.push_str("</figcaption></figure>\n");
}

/// A deterministic HTML article body of at least `bytes` bytes.
fn big_article(bytes: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(bytes + 4096);
    let mut n = 0;
    out.push_str("<div class=\"article-content\">\n");
    let mut section = 0;
    while out.len() < bytes {
        section += 1;
        out.push_str(&format!("<h2>第 {section} 节 {} {}</h2>\n", rng.pick(HAN), rng.pick(LATIN)));
        for _ in 0..3 + rng.below(8) {
            match rng.below(24) {
                0..=15 => paragraph(&mut rng, &mut n, &mut out),
                16 | 17 => list(&mut rng, &mut n, &mut out, 0),
                18 => table(&mut rng, &mut out),
                19 => code(&mut rng, &mut out),
                20 | 21 => figure(&mut rng, &mut n, &mut out),
                22 => {
                    out.push_str("<blockquote>");
                    paragraph(&mut rng, &mut n, &mut out);
                    out.push_str("</blockquote>\n");
                }
                _ => {
                    out.push_str(&format!("<h3>{}{}</h3>\n", rng.pick(HAN), rng.pick(KANA)));
                    paragraph(&mut rng, &mut n, &mut out);
                }
            }
        }
        if section % 20 == 0 {
            out.push_str("<hr>\n<script>var x = 1;</script>\n");
        }
    }
    out.push_str("</div>\n");
    out
}
