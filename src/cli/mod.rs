//! The non-interactive commands (`folio list`), their output and exit codes.

mod args;
mod list;
mod show;

pub use args::{Cli, Command, ListArgs, ShowArgs, SortArg};

use crate::library::Library;
use crate::text::printable;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the command line and returns the exit code: 0 when every PATH
/// exists, 1 when one does not, 2 on a usage error (clap's own).
pub fn run(cli: Cli) -> ExitCode {
    let args = match cli.command {
        Some(Command::List(args)) => args,
        Some(Command::Show(args)) => {
            return show::show(&args.file, args.width.map(usize::from), args.plain);
        }
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => return read(cli.paths),
        // Not in a terminal: the list, for scripts.
        None => ListArgs { paths: cli.paths, sort: SortArg::Date, reverse: false, json: false, query: None },
    };
    let paths = match library_paths(args.paths) {
        Ok(paths) => paths,
        Err(message) => {
            eprintln!("folio: {message}");
            return ExitCode::FAILURE;
        }
    };
    let query = match args.query.as_deref().map(crate::search::parse).transpose() {
        Ok(query) => query,
        Err(message) => {
            eprintln!("folio: --query: {message}");
            return ExitCode::from(2);
        }
    };
    let mut library = crate::loader::load_with(&paths, crate::loader::cache_folder());
    if let Some(query) = &query {
        keep_matching(&mut library, query);
    }
    let order = (args.sort.into(), args.reverse);
    if order != (crate::library::SortKey::Date, false) {
        // `load` gives the list newest first already.
        library.sort(order.0, order.1);
    }
    if let (SortArg::Relevance, Some(query)) = (args.sort, &query) {
        // Stable: equally relevant articles stay newest first.
        library.articles.sort_by_key(|a| std::cmp::Reverse(crate::search::relevance(query, &a.title)));
    }
    report_problems(&library);
    let written = if args.json { list::write_json(&library) } else { list::write_columns(&library) };
    match written {
        Ok(()) => {}
        // `folio list | head` is not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(error) => {
            eprintln!("folio: cannot write the list: {error}");
            return ExitCode::FAILURE;
        }
    }
    let code = if library.has_missing_path() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    // Freeing 100,000 articles one by one would only delay the exit.
    std::mem::forget(library);
    code
}

/// The full-screen reader.
fn read(paths: Vec<PathBuf>) -> ExitCode {
    let paths = match library_paths(paths) {
        Ok(paths) => paths,
        Err(message) => {
            eprintln!("folio: {message}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        eprintln!("folio: {}: no such file or folder", printable(&missing.to_string_lossy()));
        return ExitCode::FAILURE;
    }
    match crate::term::run(paths) {
        Ok(crate::term::Ending::Quit) => ExitCode::SUCCESS,
        // As a shell reports a process a signal ended: 128 + its number.
        Ok(crate::term::Ending::Signal(number)) => ExitCode::from((128 + number).clamp(0, 255) as u8),
        Err(error) => {
            eprintln!("folio: the terminal failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Drops the articles `query` does not match, searching bodies when it asks.
fn keep_matching(library: &mut Library, query: &crate::search::Query) {
    let now = jiff::Timestamp::now();
    let mut keep = crate::search::select(query, &library.articles, now);
    if query.needs_bodies() {
        let candidates: Vec<crate::search::BodySource> = (0..keep.len())
            .filter(|&i| keep[i])
            .map(|i| crate::search::BodySource::of(i, &library.articles[i]))
            .collect();
        let found = std::sync::Mutex::new(vec![false; keep.len()]);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
        let cancel = std::sync::atomic::AtomicBool::new(false);
        crate::search::search_bodies(&candidates, query, threads, &cancel, &|index| {
            if let Ok(mut found) = found.lock() {
                found[index] = true;
            }
        });
        keep = found.into_inner().unwrap_or_default();
    }
    let mut index = 0;
    library.articles.retain(|_| {
        index += 1;
        keep.get(index - 1).copied().unwrap_or(false)
    });
}

/// The PATHs given, or the bundled sample library when there are none.
fn library_paths(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, String> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    crate::sample::sample_library()
        .map(|dir| vec![dir])
        .map_err(|error| format!("cannot unpack the sample library: {error}"))
}

/// Every problem on stderr, one line each: `folio: PATH: message`.
fn report_problems(library: &Library) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for problem in &library.problems {
        let path = problem.path.to_string_lossy();
        let _ = writeln!(err, "folio: {}: {}", printable(&path), printable(&problem.message));
    }
}
