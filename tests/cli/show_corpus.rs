//! The done-when check of issue 3 on `../shared/corpus` (or, without it,
//! the fixture library) and the sample library: `folio show` keeps every
//! line within the width, has no kinsoku fault, shows all of the body's
//! text in order and lists its URLs; and on the seed, folio starts no line
//! with a no-start character where html2text starts hundreds.

use folio::document::{BodyKind, Style};
use folio::file::read_body;
use folio::layout::{Layout, Line, Lines, Options, Piece, layout, no_end, no_start};
use folio::library::load;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use unicode_width::UnicodeWidthStr;

const WIDTHS: [usize; 6] = [20, 40, 60, 80, 100, 120];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    root().join("../shared/corpus")
}

/// The seed article, as the sample library ships it (byte for byte the
/// corpus's `seed/000_12f77cd65ea8130a.txt`).
fn sample_seed() -> PathBuf {
    root().join("assets/sample/source/_posts/新媒体/Aljazeera 半岛网/新闻").join(format!("{SEED_TITLE}.md"))
}

const SEED_TITLE: &str = "俄罗斯希望在日内瓦会谈期间得到美国保证 西方协调以阻止俄罗斯进攻乌克兰";

/// The files under `dir` (its top-level README aside), sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path != dir.join("README.md") && path.extension().is_none_or(|e| e != "png") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Elements whose content is not text to read.
const DROPPED: [&str; 13] = [
    "script", "style", "svg", "button", "select", "textarea", "template", "iframe", "video", "audio", "object",
    "canvas", "title",
];

/// What a body holds to be shown: its text outside tables, the text of
/// each table cell (cells may be wrapped side by side or stacked, so only
/// each cell's own order is kept), and its `<img src>` and `<a href>` URLs.
#[derive(Default)]
struct Visible {
    text: String,
    cells: Vec<String>,
    urls: Vec<String>,
}

/// An HTML body seen by a tokenizer of our own (not folio's parser): tags
/// and comments cut, dropped elements cut with their content, entities
/// decoded.
fn visible(html: &str) -> Visible {
    let mut out = Visible::default();
    let lower = html.to_ascii_lowercase();
    let (mut at, mut tables) = (0, 0usize);
    let push = |out: &mut Visible, tables: usize, text: &str| match out.cells.last_mut() {
        Some(cell) if tables > 0 => cell.push_str(&without_escapes(&htmlize::unescape(text))),
        _ => out.text.push_str(&without_escapes(&htmlize::unescape(text))),
    };
    while at < html.len() {
        let Some(open) = html[at..].find('<').map(|i| at + i) else {
            push(&mut out, tables, &html[at..]);
            break;
        };
        push(&mut out, tables, &html[at..open]);
        if lower[open..].starts_with("<!--") {
            at = lower[open..].find("-->").map_or(html.len(), |i| open + i + 3);
            continue;
        }
        if !html[open + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            push(&mut out, tables, "<");
            at = open + 1;
            continue;
        }
        let end = tag_end(html, open);
        let tag = &html[open + 1..end.saturating_sub(1).max(open + 1)];
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/');
        let name = name[..name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len())].to_ascii_lowercase();
        at = end;
        match (name.as_str(), closing) {
            ("img", false) => out.urls.extend(attribute(tag, "src")),
            ("a", false) => out.urls.extend(attribute(tag, "href")),
            ("table", false) => tables += 1,
            ("table", true) => tables = tables.saturating_sub(1),
            ("td" | "th" | "caption", false) if tables > 0 => out.cells.push(String::new()),
            _ => push(&mut out, tables, " "),
        }
        if DROPPED.contains(&name.as_str()) && !closing && !tag.ends_with('/') {
            let close = format!("</{name}");
            at = lower[at..].find(&close).map_or(html.len(), |i| tag_end(html, at + i));
        }
    }
    out
}

/// `text` without terminal escape sequences, which are not text to read:
/// CSI (`ESC [` or U+009B, up to its final byte), OSC, DCS and the other
/// strings (`ESC ]`, `ESC P`…, up to BEL or `ESC \`), and `ESC` + one character.
fn without_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' if chars.next_if_eq(&'[').is_some() => skip_csi(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{1b}' if chars.next_if(|c| matches!(c, ']' | 'P' | 'X' | '^' | '_')).is_some() => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            '\u{1b}' => {
                chars.next();
            }
            c => out.push(c),
        }
    }
    out
}

/// Skips a CSI sequence's parameters up to and with its final byte.
fn skip_csi(chars: &mut impl Iterator<Item = char>) {
    for c in chars {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// Just past the `>` closing the tag opened at `open`, quotes respected.
fn tag_end(html: &str, open: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[open..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return open + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The decoded value of attribute `name` in a tag's source.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| from + i) {
        from = i + name.len();
        let before = lower[..i].chars().next_back();
        let rest = tag[from..].trim_start();
        if !before.is_some_and(char::is_whitespace) || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or_default(),
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or_default(),
        };
        return Some(htmlize::unescape(value).trim().to_owned());
    }
    None
}

/// Text without whitespace, zero-width or control characters.
fn squeeze(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
        })
        .collect()
}

/// Where `wanted` stops being a subsequence of `shown`, with context.
fn not_in_order(wanted: &[char], shown: &[char]) -> Option<String> {
    let mut j = 0;
    for (i, c) in wanted.iter().enumerate() {
        match shown[j..].iter().position(|s| s == c) {
            Some(k) => j += k + 1,
            None => {
                let context: String = wanted[i.saturating_sub(20)..(i + 20).min(wanted.len())].iter().collect();
                let near: String = shown[j.saturating_sub(20)..(j + 20).min(shown.len())].iter().collect();
                return Some(format!(
                    "body char {i} {c:?} not found after output char {j}: body …{context}… output …{near}…"
                ));
            }
        }
    }
    None
}

/// Each run of a line's text between decorations (bars, bullets,
/// borders), empty ones kept so that table columns line up.
fn segments(line: Line) -> Vec<String> {
    let mut out = vec![String::new()];
    for span in line.spans() {
        if span.style.has(Style::DECORATION) {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push_str(span.text);
        }
    }
    out.into_iter().map(|s| s.trim().to_owned()).collect()
}

/// Kinsoku faults of a layout: text (or a table cell) that wrapped onto a
/// line starting with `no_start`, or a line ending with `no_end` whose text
/// wraps onto the next. A line wraps when its position does not start a
/// line in `unwrapped` (the layout at a width nothing reaches). Code is
/// exempt, and so are stacked tables, whose positions are unreliable.
fn kinsoku_faults(laid_out: &Layout, unwrapped: &Layout) -> Vec<String> {
    let starts: HashSet<usize> = unwrapped.lines.iter().map(|l| l.pos).collect();
    let mut tables = Vec::new();
    for (k, line) in unwrapped.lines.iter().enumerate() {
        if line.text().starts_with('┌') {
            let end = unwrapped.lines.iter().skip(k).position(|l| l.text().starts_with('└')).map_or(k, |e| k + e);
            tables.push(line.pos..unwrapped.lines.get(end + 1).map_or(usize::MAX, |l| l.pos));
        }
    }
    let code = |l: Line| l.spans().any(|s| s.style.has(Style::CODE));
    let grid = |l: Line| l.spans().last().is_some_and(|s| s.style.has(Style::DECORATION) && s.text.ends_with('│'));
    let stacked = |l: Line| !grid(l) && tables.iter().any(|t| t.contains(&l.pos));
    let wraps = |l: Line| !starts.contains(&l.pos) && !code(l) && !stacked(l) && !l.text().trim().is_empty();
    let mut faults = Vec::new();
    for (k, line) in laid_out.lines.iter().enumerate() {
        if code(line) || stacked(line) {
            continue;
        }
        let next = laid_out.lines.get(k + 1).filter(|&n| wraps(n) && grid(n) == grid(line)).map(segments);
        for (j, cell) in segments(line).iter().enumerate() {
            if wraps(line) && cell.starts_with(no_start) {
                faults.push(format!("line {k} starts with {cell:?}: {:?}", line.text()));
            }
            let continues = next.as_ref().is_some_and(|n| n.get(j).is_some_and(|s| !s.is_empty()));
            if continues && cell.ends_with(no_end) {
                faults.push(format!("line {k} ends with {cell:?}: {:?}", line.text()));
            }
        }
    }
    faults
}

fn show(path: &Path, width: usize) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["show", "--plain", "--width", &width.to_string()])
        .arg(path)
        .env("TZ", "UTC")
        .output()
        .expect("run folio");
    assert!(out.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[derive(Default)]
struct Tally {
    articles: usize,
    lines: usize,
    urls: usize,
    faults: Vec<String>,
}

/// The done-when checks on every article under `dir`.
fn check_library(dir: &Path) -> Tally {
    let mut tally = Tally::default();
    for path in files(dir) {
        let library = load(std::slice::from_ref(&path));
        let Some(article) = library.articles.first() else { continue };
        let body = read_body(article).expect("body");
        let document = folio::page::page(article, &body);
        let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
        tally.articles += 1;
        let body = match BodyKind::of(article.format, &body) {
            BodyKind::Html => visible(&body),
            BodyKind::Markdown => {
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&body));
                visible(&html)
            }
            BodyKind::Plain => Visible { text: body.clone(), ..Visible::default() },
        };
        let wanted = squeeze(&body.text);
        let web = |u: &&String| u.starts_with("http://") || u.starts_with("https://");
        eprintln!(
            "{name}: {} characters of text, {} table cells, {} URLs ({} not http)",
            wanted.len(),
            body.cells.len(),
            body.urls.len(),
            body.urls.iter().filter(|u| !web(u)).count()
        );
        let unwrapped = layout(&document, 1_000_000, Options { heading_rules: true });
        for width in WIDTHS {
            let mut fault = |what: String| tally.faults.push(format!("{name} at {width}: {what}"));
            let stdout = show(&path, width);
            let laid_out = layout(&document, width, Options { heading_rules: true });
            let expected: String = laid_out.lines.iter().map(|l| format!("{}\n", l.text())).collect();
            if stdout != expected {
                fault("folio show differs from page + layout".to_owned());
            }
            for (k, line) in stdout.lines().enumerate() {
                tally.lines += 1;
                if line.width() > width {
                    fault(format!("line {k} is {} wide: {line:?}", line.width()));
                }
            }
            for f in kinsoku_faults(&laid_out, &unwrapped) {
                fault(f);
            }
            let shown = squeeze(&stdout);
            if let Some(mismatch) = not_in_order(&wanted, &shown) {
                fault(mismatch);
            }
            for cell in &body.cells {
                if let Some(mismatch) = not_in_order(&squeeze(cell), &shown) {
                    fault(format!("table cell: {mismatch}"));
                }
            }
            let joined: String = stdout.lines().map(str::trim_start).collect();
            for url in body.urls.iter().filter(web) {
                tally.urls += usize::from(width == WIDTHS[0]);
                if !joined.contains(url.as_str()) {
                    fault(format!("URL not listed: {url}"));
                }
            }
        }
    }
    tally
}

fn report(what: &str, tally: &Tally) {
    eprintln!(
        "{what}: {} articles × {} widths, {} lines, {} absolute URLs, {} faults",
        tally.articles,
        WIDTHS.len(),
        tally.lines,
        tally.urls,
        tally.faults.len()
    );
    for fault in &tally.faults {
        eprintln!("  {fault}");
    }
    assert!(tally.faults.is_empty(), "{what}: {} faults (listed above)", tally.faults.len());
}

#[test]
fn done_when_on_the_shared_corpus() {
    if !corpus().is_dir() {
        eprintln!(
            "SKIPPED show_corpus::done_when_on_the_shared_corpus on {} (absent): \
             the same checks run on tests/fixtures/library instead",
            corpus().display()
        );
        let tally = check_library(&root().join("tests/fixtures/library"));
        // Every file named directly: hidden, `.rst` and `.txt` ones too.
        assert_eq!(tally.articles, 31, "articles in the fixture library");
        report("fixtures", &tally);
        return;
    }
    let tally = check_library(&corpus());
    assert!(tally.articles >= 15, "only {} articles in the corpus", tally.articles);
    report("corpus", &tally);
}

#[test]
fn done_when_on_the_sample_library() {
    let tally = check_library(&root().join("assets/sample"));
    assert_eq!(tally.articles, 7);
    report("sample", &tally);
}

/// Lines starting with a `no_start` character, and (counted apart) those
/// starting with U+00B7, the Chinese interpunct.
fn lines_starting_badly(text: &str) -> (usize, usize) {
    let firsts: Vec<char> = text.lines().filter_map(|l| l.trim_start().chars().next()).collect();
    (firsts.iter().filter(|&&c| no_start(c)).count(), firsts.iter().filter(|&&c| c == '·').count())
}

#[test]
fn html2text_and_folio_on_the_seed() {
    let seed = sample_seed();
    let corpus_seed = corpus().join("seed/000_12f77cd65ea8130a.txt");
    if corpus_seed.is_file() {
        let same = std::fs::read(&corpus_seed).expect("the corpus seed") == std::fs::read(&seed).expect("the seed");
        assert!(same, "{} is no longer the corpus's seed", seed.display());
    }
    let library = load(std::slice::from_ref(&seed));
    let article = library.articles.first().expect("the seed is an article");
    let body = read_body(article).expect("body");
    let document = folio::page::page(article, &body);
    let (mut theirs, mut ours) = ((0, 0), (0, 0));
    for width in 20..=100 {
        let rendered = html2text::from_read(body.as_bytes(), width).expect("html2text");
        let laid_out = layout(&document, width, Options { heading_rules: true });
        let shown: String = laid_out.lines.iter().map(|l| format!("{}\n", l.text())).collect();
        let (a, b) = lines_starting_badly(&rendered);
        let (c, d) = lines_starting_badly(&shown);
        (theirs, ours) = ((theirs.0 + a, theirs.1 + b), (ours.0 + c, ours.1 + d));
    }
    eprintln!("seed, widths 20–100, lines starting with a no_start character (+ with `·`):");
    eprintln!("  html2text {} (+{}), folio {} (+{})", theirs.0, theirs.1, ours.0, ours.1);
    // The count finds what it counts: the baseline starts lines badly.
    assert!(theirs.0 >= 100 && theirs.1 > 0, "html2text {theirs:?}: the check is broken");
    assert_eq!(ours, (0, 0), "folio starts lines with a no-start character (+ with `·`)");
}

/// The checks themselves find what they look for.
#[test]
fn the_checks_catch_faults() {
    let lines = |lines: &[(&'static str, usize)]| -> Lines {
        lines.iter().map(|&(text, pos)| (pos, [Piece { text, style: Style::PLAIN }])).collect()
    };
    let unwrapped =
        Layout { width: 100, lines: lines(&[("中中中，中「中", 0)]), figures: Vec::new(), headings: Vec::new() };
    let wrapped = Layout {
        width: 6,
        lines: lines(&[("中中中", 0), ("，中「", 3), ("中", 6)]),
        figures: Vec::new(),
        headings: Vec::new(),
    };
    assert_eq!(kinsoku_faults(&wrapped, &unwrapped).len(), 2);
    assert!(kinsoku_faults(&unwrapped, &unwrapped).is_empty());
    let seen = visible("<p>a&amp;b<!-- c --><script>d</script></p><table><tr><td>e f</td></tr></table>g <img src=x>");
    assert_eq!(
        (
            seen.text.split_whitespace().collect::<String>(),
            seen.cells.iter().map(|c| c.trim()).collect::<Vec<_>>(),
            seen.urls
        ),
        ("a&bg".to_owned(), vec!["e f"], vec!["x".to_owned()])
    );
    let escaped = visible("<p>\u{1b}[2Ja\u{1b}]52;c;ZXZpbA==\u{7}b\u{9b}31mc\u{1b}]0;t\u{1b}\\d\u{1b}ce</p>");
    assert_eq!(escaped.text.trim(), "abcde");
    assert!(not_in_order(&squeeze("a b c"), &squeeze("xa yb zc")).is_none());
    assert!(not_in_order(&squeeze("a b c"), &squeeze("a c b")).is_some());
}
