//! `folio show --images`: the article's images printed where they stand,
//! in the terminal's protocol (asked as the reader asks it) or as
//! half-blocks — only when stdout is a terminal.

use crate::document::Document;
use crate::images::{self, Draw, ImageMode, Picture, Source};
use crate::layout::{Figure, Layout, place_figures};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::sliced::{SignedPosition, SlicedImage};
use std::collections::HashMap;
use std::io::{self, Write};

/// The protocol to print in, as config.toml and `FOLIO_IMAGES` say
/// (`None`: images are off).
pub fn picker(configured: ImageMode) -> Option<Picker> {
    let (mode, problem) = ImageMode::in_force(configured, std::env::var("FOLIO_IMAGES").ok().as_deref());
    if let Some(problem) = problem {
        eprintln!("folio: {problem}");
    }
    match mode {
        ImageMode::Off => None,
        ImageMode::Auto => {
            // The answer is read in raw mode, so that it is not echoed.
            crossterm::terminal::enable_raw_mode().ok()?;
            let picker = images::detect::ask()
                .map(|asked| images::detect::answer(&asked, images::detect::ANSWER_WITHIN))
                .unwrap_or_else(Picker::halfblocks);
            let _ = crossterm::terminal::disable_raw_mode();
            Some(picker)
        }
        forced => images::detect::forced(forced),
    }
}

/// Puts `document`'s images into `layout` (fetching web images when
/// `remote`) and encodes them: the pictures by image number, and why the
/// others are not drawn.
pub fn prepare(
    document: &Document,
    layout: &mut Layout,
    picker: &Picker,
    remote: bool,
    max_rows: u16,
) -> (HashMap<usize, Picture>, HashMap<usize, String>) {
    let cache = remote.then(|| images::disk_cache(&crate::config::paths()));
    let fetcher = images::Fetcher::default();
    // Every image's bytes, the web's three at a time.
    let bytes: Vec<Option<Result<Vec<u8>, String>>> = std::thread::scope(|scope| {
        let mut results: Vec<Option<Result<Vec<u8>, String>>> = vec![None; document.images.len()];
        let mut running = Vec::new();
        for (index, image) in document.images.iter().enumerate().filter(|(_, image)| image.in_text) {
            let (cache, fetcher) = (&cache, &fetcher);
            running.push((
                index,
                scope.spawn(move || -> Option<Result<Vec<u8>, String>> {
                    match images::source(&image.url) {
                        Ok(Source::File(path)) => Some(images::read_file(&path)),
                        Ok(Source::Web(url)) => {
                            let cache = cache.as_ref()?;
                            Some(cache.get(&url).map_or_else(|| fetcher.fetch_into(&url, Some(cache)), Ok))
                        }
                        Err(why) => Some(Err(why)),
                    }
                }),
            ));
            if running.len() == 3 {
                let (index, handle) = running.remove(0);
                results[index] = handle.join().ok().flatten();
            }
        }
        for (index, handle) in running {
            results[index] = handle.join().ok().flatten();
        }
        results
    });
    let sizes: Vec<Option<Result<(u32, u32), String>>> = bytes
        .iter()
        .map(|b| b.as_ref().map(|b| b.as_ref().map_err(Clone::clone).and_then(|b| images::decode::dimensions(b))))
        .collect();
    let font = picker.font_size();
    place_figures(layout, 0, |image, room| match sizes.get(image - 1)? {
        Some(Ok(size)) => images::fit(*size, (font.width, font.height), room, max_rows).map(|f| (f.cols, f.rows)),
        // No room: why is said after its line.
        Some(Err(_)) | None => None,
    });
    let mut pictures = HashMap::new();
    let mut failures: HashMap<usize, String> = sizes
        .iter()
        .enumerate()
        .filter_map(|(index, size)| match size {
            Some(Err(why)) => Some((index + 1, why.clone())),
            _ => None,
        })
        .collect();
    let width = u16::try_from(layout.width).unwrap_or(u16::MAX);
    for figure in &layout.figures {
        let encoded = match bytes.get(figure.image - 1) {
            Some(Some(Ok(bytes))) => images::decode::decode(bytes).and_then(|pixels| {
                let draw = Draw { picker: picker.clone(), room: width.saturating_sub(figure.indent), max_rows };
                images::encode(pixels, &draw)
            }),
            Some(Some(Err(why))) => Err(why.clone()),
            _ => continue,
        };
        match encoded {
            Ok(picture) => drop(pictures.insert(figure.image, picture)),
            Err(why) => drop(failures.insert(figure.image, why)),
        }
    }
    (pictures, failures)
}

/// Writes `figure`'s picture (or why it is missing) in place of its rows.
pub fn write_figure(
    out: &mut impl Write,
    figure: &Figure,
    picture: Option<&Picture>,
    failure: Option<&String>,
    protocol: ProtocolType,
) -> io::Result<()> {
    let indent = " ".repeat(usize::from(figure.indent));
    let Some(picture) = picture else {
        let why = failure.map_or("not drawn", String::as_str);
        writeln!(out, "{indent}(image {} not shown: {})", figure.image, crate::text::printable(why))?;
        // The rows it would have taken, kept, so the text stays where it would be.
        for _ in 1..figure.rows {
            writeln!(out)?;
        }
        return Ok(());
    };
    let area = Rect::new(0, 0, picture.cols, picture.rows);
    let mut buffer = Buffer::empty(area);
    SlicedImage::new(&picture.protocol, SignedPosition::from((0, 0))).render(area, &mut buffer);
    let rows = usize::from(figure.rows);
    if matches!(protocol, ProtocolType::Sixel | ProtocolType::Iterm2) {
        // A graphic over the rows: room made first, drawn from its top
        // left with the cursor kept, then the cursor put below it.
        for _ in 0..rows {
            writeln!(out)?;
        }
        write!(out, "\x1b[{rows}A")?;
        for y in 0..picture.rows {
            for x in 0..picture.cols {
                let cell = &buffer[(x, y)];
                if cell.diff_option == CellDiffOption::Skip || cell.symbol().trim().is_empty() {
                    continue;
                }
                write!(out, "\x1b7\r\x1b[{}C{}\x1b8", usize::from(figure.indent) + usize::from(x), cell.symbol())?;
            }
            if y + 1 < picture.rows {
                write!(out, "\x1b[1B")?;
            }
        }
        write!(out, "\r\x1b[{}B", rows.saturating_sub(usize::from(picture.rows)) + 1)?;
        return out.flush();
    }
    for y in 0..figure.rows {
        out.write_all(indent.as_bytes())?;
        if y < picture.rows {
            for x in 0..picture.cols {
                let cell = &buffer[(x, y)];
                write!(out, "\x1b[{};{}m{}", colour(cell.fg, 38), colour(cell.bg, 48), cell.symbol())?;
            }
            write!(out, "\x1b[0m")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// SGR parameters of `colour` as a foreground (`38`) or background (`48`).
fn colour(colour: Color, base: u8) -> String {
    match colour {
        Color::Rgb(r, g, b) => format!("{base};2;{r};{g};{b}"),
        Color::Indexed(n) => format!("{base};5;{n}"),
        _ => format!("{}", base + 1),
    }
}
