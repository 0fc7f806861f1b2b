//! Images in the reading pane: decoding, scaling and encoding a 4000×3000
//! JPEG for an 80-column pane (the image thread's work), the time from
//! Enter on an article with five local images to the text's first frame
//! and to the frame with all five drawn (kitty, whose sequences can be
//! counted), and the reader's peak memory with an article of twenty large
//! images open, over the list alone.

use super::pty::Reader;
use super::report::{Report, mb, ms};
use super::{FOLIO, SIZE, scratch};
use folio::images::{self, Draw};
use std::path::Path;
use std::time::{Duration, Instant};

/// A photograph-like JPEG of `width`×`height` (noise over gradients, so it
/// compresses and decodes as photographs do), seeded by `seed`.
fn photo(width: u32, height: u32, seed: u32) -> Result<Vec<u8>, String> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        let noise = ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed.wrapping_mul(31)) % 61) as u8;
        image::Rgb([((x * 255 / width) as u8) ^ noise, (y * 255 / height) as u8, (((x + y + seed) / 23) % 256) as u8])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
        .encode_image(&pixels)
        .map_err(|e| format!("cannot encode the bench JPEG: {e}"))?;
    Ok(bytes)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The library: "five" (five 1600×1067 photographs), "twenty" (twenty
/// 4000×3000), a small article.
fn write_library(dir: &Path) -> Result<Vec<u8>, String> {
    let article = |name: &str, title: &str, date: &str, images: &[String]| {
        let start = name.trim_end_matches(".md").to_uppercase();
        let mut body = format!("<p>{start}-START An article with pictures.</p>\n");
        for (n, image) in images.iter().enumerate() {
            body.push_str(&format!(
                "<p>Paragraph {n} before the picture, long enough to wrap once or twice in the pane.</p>\n"
            ));
            body.push_str(&format!("<figure><img src=\"{image}\" alt=\"picture {n}\"></figure>\n"));
        }
        body.push_str("<p>IMAGES-END</p>\n");
        write(&dir.join(name), format!("---\ntitle: '{title}'\ndate: {date}\n---\n{body}").as_bytes())
    };
    let mut five = Vec::new();
    for n in 0..5 {
        let name = format!("medium-{n}.jpg");
        write(&dir.join(&name), &photo(1600, 1067, n)?)?;
        five.push(name);
    }
    let mut twenty = Vec::new();
    let mut first_large = Vec::new();
    for n in 0..20 {
        let name = format!("large-{n}.jpg");
        let bytes = photo(4000, 3000, 100 + n)?;
        if n == 0 {
            first_large = bytes.clone();
        }
        write(&dir.join(&name), &bytes)?;
        twenty.push(name);
    }
    article("five.md", "Five pictures", "2030-01-03", &five)?;
    article("twenty.md", "Twenty large pictures", "2030-01-02", &twenty)?;
    write(&dir.join("small.md"), b"---\ntitle: 'No pictures'\ndate: 2020-01-01\n---\n<p>small</p>")?;
    Ok(first_large)
}

/// From the list, opens another article with `open` and waits for `shown`,
/// stays `stay`, then selects the way back with `back` (not opened).
fn visit(reader: &mut Reader, open: &[u8], shown: &str, stay: Duration, back: &[u8]) -> Result<(), String> {
    reader.send(b"h")?;
    reader.send(open)?;
    reader.until(Duration::from_secs(20), |s| s.contains(shown))?;
    std::thread::sleep(stay);
    reader.send(b"h")?;
    reader.send(back)
}

/// The kitty sequence that starts an image's transmission.
const TRANSMIT: &[u8] = b"a=T,U=1";

pub fn measure(report: &mut Report, rounds: usize) -> Result<(), String> {
    let dir = scratch("images-library")?;
    println!("\n== images (generating the pictures)");
    let large = write_library(&dir)?;
    report.section("images (4000×3000 JPEGs; five 1600×1067 in one article)", Duration::ZERO);

    // The image thread's work for one large JPEG, for kitty and half-blocks.
    #[allow(deprecated)]
    let mut kitty = ratatui_image::picker::Picker::from_fontsize((10, 20).into());
    kitty.set_protocol_type(ratatui_image::picker::ProtocolType::Kitty);
    for (name, picker) in [("kitty", kitty), ("half-blocks", ratatui_image::picker::Picker::halfblocks())] {
        let mut times = Vec::new();
        for _ in 0..rounds.max(3) {
            let start = Instant::now();
            let pixels = images::decode::decode(&large)?;
            let picture = images::encode(pixels, &Draw { picker: picker.clone(), room: 80, max_rows: 19 })?;
            times.push(start.elapsed());
            assert!(picture.cols <= 80 && picture.rows <= 19);
        }
        times.sort();
        let median = times[times.len() / 2];
        println!("4000×3000 JPEG → 80 columns ({name}): {:.0} ms", ms(median));
        report.time(&format!("4000×3000 JPEG: decode, scale, encode for 80 columns ({name})"), median, None);
    }

    let (config, data, cache) = (scratch("images-config")?, scratch("images-data")?, scratch("images-cache")?);
    let env = [
        ("FOLIO_CONFIG_DIR", config.as_path()),
        ("FOLIO_DATA_DIR", data.as_path()),
        ("FOLIO_CACHE_DIR", cache.as_path()),
        ("FOLIO_IMAGES", Path::new("kitty")),
    ];
    let mut reader = Reader::start(Path::new(FOLIO), &[dir.as_path()], &env, SIZE)?;
    reader.until(Duration::from_secs(60), |screen| super::complete(screen, 3))?;
    let list_rss = reader.peak_rss().unwrap_or(0);
    let mut to_text = Vec::new();
    let mut to_images = Vec::new();
    for round in 0..rounds {
        // Enter on "Five pictures" (selected first); the pictures are local
        // files the page cache holds after the first round.
        let from = reader.written();
        let start = Instant::now();
        reader.send(b"\r")?;
        let text = reader.until(Duration::from_secs(20), |s| s.contains("FIVE-START"));
        let text_at = Instant::now();
        text?;
        // The first picture drawn: its kitty transmission, and the end of
        // the frame that wrote it (pictures out of view are drawn as the
        // reader scrolls to them, measured below).
        let drawn = reader.until_written(from, TRANSMIT, 1, Duration::from_secs(20));
        let Some(drawn) = drawn else { return Err("no picture was drawn within 20 s".to_owned()) };
        to_text.push(text_at - start);
        to_images.push(drawn - start);
        if round + 1 < rounds {
            // The article without pictures and back: the pictures are
            // encoded again (the image threads idle meanwhile).
            visit(&mut reader, b"G\r", "small", Duration::from_millis(1000), b"g")?;
        }
    }
    to_text.sort();
    to_images.sort();
    let (text, first) = (to_text[to_text.len() / 2], to_images[to_images.len() / 2]);
    println!("Enter → the text: {:.0} ms; → the first picture drawn: {:.0} ms", ms(text), ms(first));
    report.time("Enter on five local pictures → the text's frame", text, None);
    report.time("Enter → the frame with the first picture", first, Some(Duration::from_millis(150)));

    // All five in view one after another: each a scroll away; the time from
    // Enter to the last one is the sum a reader sees.
    visit(&mut reader, b"j\r", "TWENTY-START", Duration::from_millis(1500), b"k")?;
    let from = reader.written();
    let start = Instant::now();
    reader.send(b"\r")?;
    // From the article's top (it reopens where it was left).
    reader.until(Duration::from_secs(20), |s| s.contains("FIVE-"))?;
    reader.send(b"g")?;
    let mut all = None;
    for _ in 0..60 {
        reader.send(b"\x04")?;
        if let Some(at) = reader.until_written(from, TRANSMIT, 5, Duration::from_millis(100)) {
            all = Some(at - start);
            break;
        }
    }
    let all = all.ok_or("the five pictures were not all drawn while scrolling")?;
    println!("Enter, then half pages down: all five pictures drawn after {:.0} ms", ms(all));
    report.time("    all five drawn while paging down", all, None);

    // Twenty large pictures: the peak memory over the list alone.
    reader.send(b"h")?;
    reader.send(b"j\r")?;
    reader.until(Duration::from_secs(20), |s| s.contains("TWENTY-START"))?;
    for _ in 0..40 {
        reader.send(b"\x04")?;
        std::thread::sleep(Duration::from_millis(150));
    }
    std::thread::sleep(Duration::from_secs(2));
    let open_rss = reader.peak_rss().unwrap_or(0);
    println!(
        "list: {}; with twenty large pictures open: {} ({} more)",
        mb(list_rss),
        mb(open_rss),
        mb(open_rss.saturating_sub(list_rss))
    );
    report.memory("reader with the list only", list_rss, None);
    report.memory(
        "    twenty 4000×3000 pictures open and scrolled through: more than the list",
        open_rss.saturating_sub(list_rss),
        Some(150 * 1024 * 1024),
    );
    reader.quit()
}
