//! Huge articles: a 60 MB body (keystrokes answered while it opens, the
//! time to open it, the reader's peak memory) and a body with 1,000,000
//! links (the time to open it).

use super::pty::Reader;
use super::report::{Report, mb, secs};
use super::{FOLIO, FRAME_LIMIT, SIZE, scratch};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const HUGE_BYTES: usize = 60_000_000;
const LINKS: usize = 1_000_000;

/// Writes the library: the huge article newest, the links one next, a small one.
fn write_library(dir: &Path) -> Result<(), String> {
    let write = |name: &str, title: &str, date: &str, body: &str| {
        let text = format!("---\ntitle: '{title}'\ndate: {date}\n---\n{body}");
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    let mut huge = String::with_capacity(HUGE_BYTES + 4096);
    huge.push_str("<p>HUGE-START 这是一篇很长的文章。</p>\n");
    let mut n = 0;
    while huge.len() < HUGE_BYTES {
        n += 1;
        let _ = writeln!(
            huge,
            "<p>第{n}段：守夜人在这个夜晚记下了风向、潮水和远处渔船的灯光，The keeper wrote down the wind, the tide \
             and the lights of the boats, <b>again</b> and <a href=\"https://example.test/{}\">again</a>.</p>",
            n % 1000
        );
    }
    write("huge.md", "Huge article 六十兆", "2030-01-02", &huge)?;
    drop(huge);
    let mut links = String::with_capacity(LINKS * 48);
    links.push_str("<p>LINKS-START a million links follow.</p>\n<p>");
    for n in 0..LINKS {
        let _ = write!(links, "<a href=\"https://example.test/{n}\">link {n}</a> ");
    }
    links.push_str("</p>\n");
    write("links.md", "A million links", "2030-01-01", &links)?;
    write("small.md", "A small one", "2020-01-01", "<p>small</p>")
}

pub fn measure(report: &mut Report) -> Result<(), String> {
    let dir = scratch("huge-library")?;
    write_library(&dir)?;
    let (config, data, cache) = (scratch("huge-config")?, scratch("huge-data")?, scratch("huge-cache")?);
    let env = [
        ("FOLIO_CONFIG_DIR", config.as_path()),
        ("FOLIO_DATA_DIR", data.as_path()),
        ("FOLIO_CACHE_DIR", cache.as_path()),
    ];
    let mut reader = Reader::start(Path::new(FOLIO), &[dir.as_path()], &env, SIZE)?;
    reader.until(Duration::from_secs(60), |screen| super::complete(screen, 3))?;
    println!("\n== huge articles");
    report.section("huge articles (60 MB; 1,000,000 links)", Duration::ZERO);

    // Enter on the newest (the 60 MB one), then j and k while it opens.
    let start = Instant::now();
    reader.send(b"\r")?;
    let mut keys = Vec::new();
    let opened = loop {
        if reader.screen_text().contains("HUGE-START") {
            break start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(120) {
            return Err(format!("the 60 MB article did not open in 120 s:\n{}", reader.screen_text()));
        }
        std::thread::sleep(Duration::from_millis(60));
        for key in ["j", "k"] {
            keys.push(reader.frame_after(key, FRAME_LIMIT)?);
        }
    };
    println!("60 MB article: opened in {:.2} s, {} keystrokes while it opened", secs(opened), keys.len());
    report.time("60 MB article: Enter to its text on screen", opened, None);
    if keys.is_empty() {
        println!("    (it opened before a keystroke could be typed)");
    } else {
        report.keys("    keystroke while it opens (j, k in the list)", &keys, Some(Duration::from_millis(33)));
    }
    report.memory("    reader peak memory", reader.peak_rss().unwrap_or(0), Some(400 << 20));
    println!("    peak memory {}", mb(reader.peak_rss().unwrap_or(0)));

    // Back to the list, the next article (a million links), Enter.
    reader.frame_after("\x1b", FRAME_LIMIT)?;
    reader.frame_after("j", FRAME_LIMIT)?;
    let start = Instant::now();
    reader.send(b"\r")?;
    let limit = Duration::from_secs(120);
    reader.until(limit, |screen| screen.contains("LINKS-START"))?;
    let opened = start.elapsed();
    println!("1,000,000 links: opened in {:.2} s", secs(opened));
    report.time("article with 1,000,000 links: Enter to its text", opened, Some(Duration::from_secs(2)));
    reader.quit()?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
