//! `folio show FILE`: an article laid out as the reader shows it, on
//! stdout, styled when stdout is a terminal.

use crate::document::Style;
use crate::layout::{Layout, Options, layout};
use crate::text::printable;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Shows the article at `file`; `width` overrides the terminal's.
pub fn show(file: &Path, width: Option<usize>, plain: bool) -> ExitCode {
    let library = crate::library::load(&[file.to_owned()]);
    let Some(article) = library.articles.first() else {
        let message = match library.problems.first() {
            Some(problem) => problem.message.clone(),
            None if file.is_dir() => "is a folder; `folio show` takes one article file".to_owned(),
            None => "is no article".to_owned(),
        };
        eprintln!("folio: {}: {}", printable(&file.to_string_lossy()), printable(&message));
        return ExitCode::FAILURE;
    };
    let body = match crate::file::read_body(article) {
        Ok(body) => body,
        Err(problem) => {
            eprintln!("folio: {}: {}", printable(&problem.path.to_string_lossy()), printable(&problem.message));
            return ExitCode::FAILURE;
        }
    };
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let styled = terminal && !plain && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = width.or_else(|| super::output_width(terminal)).unwrap_or(80);
    let document = crate::page::page(article, &body);
    drop(body);
    let laid_out = layout(&document, width, Options { heading_rules: !styled });
    let written = write(&mut BufWriter::new(stdout.lock()), &laid_out, styled);
    // Freeing a million spans one by one would only delay the exit.
    std::mem::forget(laid_out);
    std::mem::forget(document);
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("folio: cannot write the article: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write(out: &mut impl Write, laid_out: &Layout, styled: bool) -> io::Result<()> {
    for line in &laid_out.lines {
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
        out.write_all(b"\n")?;
    }
    out.flush()
}
