//! `folio show FILE`: an article laid out as the reader shows it, on
//! stdout, styled when stdout is a terminal; or, with `--format markdown`
//! or `html`, written out as a document.

use super::ShowFormat;
use crate::document::{Style, export};
use crate::images::ImageMode;
use crate::layout::{Layout, Options, layout};
use crate::model::Article;
use crate::text::printable;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Shows the article at `file`; `width` overrides the terminal's;
/// `images` (the `images` mode and whether web images are fetched) draws
/// its images when stdout is a terminal.
pub fn show(file: &Path, width: Option<usize>, plain: bool, images: Option<(ImageMode, bool)>) -> ExitCode {
    let (article, body) = match read(file) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let article = &article;
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let styled = terminal && !plain && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = width.or_else(|| super::output_width(terminal)).unwrap_or(80);
    let document = crate::page::page(article, &body);
    drop(body);
    let mut laid_out = layout(&document, width, Options { heading_rules: !styled });
    let drawn = images.filter(|_| terminal).and_then(|(mode, remote)| {
        let picker = super::show_images::picker(mode)?;
        let rows = crossterm::terminal::size().map_or(24, |(_, rows)| rows);
        let (pictures, failures) =
            super::show_images::prepare(&document, &mut laid_out, &picker, remote, crate::images::max_rows(rows));
        Some(Drawn { pictures, failures, protocol: picker.protocol_type() })
    });
    let written = write(&mut BufWriter::new(stdout.lock()), &laid_out, styled, drawn.as_ref());
    // Freeing a million spans one by one would only delay the exit.
    std::mem::forget(laid_out);
    std::mem::forget(document);
    exit_code(written)
}

/// Writes the article at `file` as a Markdown or HTML document.
pub fn export(file: &Path, format: ShowFormat) -> ExitCode {
    let (article, body) = match read(file) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let document = crate::page::body(&article, &body);
    drop(body);
    let metadata = crate::page::metadata(&article);
    let written = match format {
        ShowFormat::Markdown => export::markdown(&metadata, &document),
        ShowFormat::Html => export::html(&metadata, &document),
        ShowFormat::Text => String::new(),
    };
    std::mem::forget(document);
    let mut stdout = io::stdout().lock();
    exit_code(stdout.write_all(written.as_bytes()).and_then(|()| stdout.flush()))
}

/// The article at `file` and its body, or the exit code of a failure
/// (said on stderr).
fn read(file: &Path) -> Result<(Article, String), ExitCode> {
    if file.is_dir() {
        eprintln!(
            "folio: {}: is a folder; `folio show` takes one article file (`folio list` lists a folder)",
            printable(&file.to_string_lossy())
        );
        return Err(ExitCode::FAILURE);
    }
    let mut library = crate::library::load(&[file.to_owned()]);
    if library.articles.is_empty() {
        let message = match library.problems.first() {
            Some(problem) => problem.message.clone(),
            None if file.is_dir() => "is a folder; `folio show` takes one article file".to_owned(),
            None => crate::loader::why_no_article(file).map_or_else(|| "is no article".to_owned(), |why| why.message()),
        };
        eprintln!("folio: {}: {}", printable(&file.to_string_lossy()), printable(&message));
        return Err(ExitCode::FAILURE);
    }
    let article = library.articles.swap_remove(0);
    match crate::file::read_body(&article) {
        Ok(body) => Ok((article, body)),
        Err(problem) => {
            eprintln!("folio: {}: {}", printable(&problem.path.to_string_lossy()), printable(&problem.message));
            Err(ExitCode::FAILURE)
        }
    }
}

fn exit_code(written: io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("folio: cannot write the article: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The images drawn by `--images`.
struct Drawn {
    pictures: std::collections::HashMap<usize, crate::images::Picture>,
    failures: std::collections::HashMap<usize, String>,
    protocol: ratatui_image::picker::ProtocolType,
}

fn write(out: &mut impl Write, laid_out: &Layout, styled: bool, drawn: Option<&Drawn>) -> io::Result<()> {
    let mut figures = laid_out.figures.iter().peekable();
    for (index, line) in laid_out.lines.iter().enumerate() {
        if let Some(figure) = figures.peek().filter(|f| f.holds(index)).copied() {
            if figure.line == index
                && let Some(drawn) = drawn
            {
                let picture = drawn.pictures.get(&figure.image);
                super::show_images::write_figure(
                    out,
                    figure,
                    picture,
                    drawn.failures.get(&figure.image),
                    drawn.protocol,
                )?;
            }
            if index + 1 == figure.line + usize::from(figure.rows) {
                figures.next();
            }
            continue;
        }
        for span in line.spans() {
            if styled && span.style != Style::PLAIN {
                let (start, end) = crate::ui::ansi(span.style);
                write!(out, "{start}{}{end}", span.text)?;
            } else if span.style.has(Style::STRIKE) {
                // Struck out, in plain text: a combining long stroke over
                // each character (no column more, so lines still fit).
                for c in span.text.chars() {
                    if c.is_whitespace() { write!(out, "{c}")? } else { write!(out, "{c}\u{336}")? }
                }
            } else {
                out.write_all(span.text.as_bytes())?;
            }
        }
        if let Some(drawn) = drawn.filter(|d| !d.failures.is_empty() && line.text().contains("[image")) {
            let reasons: Vec<&str> = crate::layout::image_markers(line, laid_out.lines.get(index + 1))
                .into_iter()
                .filter_map(|(image, _)| drawn.failures.get(&image).map(String::as_str))
                .collect();
            // Within the width, as every line.
            let room = laid_out.width.saturating_sub(line.width());
            if !reasons.is_empty() && room >= 8 {
                let note = printable(&format!(" — not shown: {}", reasons.join("; "))).into_owned();
                let note = crate::width::truncate(&note, room);
                if styled {
                    let (start, end) = crate::ui::ansi(Style::META);
                    write!(out, "{start}{note}{end}")?;
                } else {
                    out.write_all(note.as_bytes())?;
                }
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}
