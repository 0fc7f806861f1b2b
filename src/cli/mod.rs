//! The non-interactive commands (`folio list`), their output and exit codes.

mod args;
mod list;
mod show;
mod show_images;

pub use args::{Cli, ConfigCommand, ListArgs, ShowArgs, ShowFormat, Verb};

use crate::config;
use crate::library::Library;
use crate::model::SortOrder;
use crate::search::index;
use crate::text::printable;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs the command line and returns the exit code: 0 when every PATH
/// exists, 1 when one does not, 2 on a usage error (clap's own).
pub fn run(cli: Cli) -> ExitCode {
    let places = config::paths();
    if cli.show_paths {
        println!("config: {}", places.config_file().display());
        println!("state:  {}", places.data.display());
        println!("cache:  {}", places.cache.display());
        return ExitCode::SUCCESS;
    }
    let config_file = places.config_file();
    if let Some(Verb::Config(command)) = &cli.command {
        return config_command(command, &config_file);
    }
    let (config, config_problems) = config::load(&config_file);
    crate::ui::set_theme(config.theme.clone().with_no_color(config::no_color_requested()));
    crate::width::set_ambiguous_wide(config.ambiguous_width == 2);
    crate::document::set_ruby_readings(config.ruby_readings);
    let args = match cli.command {
        Some(Verb::List(args)) => args,
        Some(Verb::Show(args)) => {
            report_config_problems(&config_problems);
            if args.format != ShowFormat::Text {
                let text_only = [("--width", args.width.is_some()), ("--images", args.images)];
                if let Some((flag, _)) = text_only.iter().find(|(_, given)| *given) {
                    eprintln!(
                        "folio: {flag} applies to --format text only (Markdown and HTML are not wrapped, \
                         and have the images' URLs where they stand)"
                    );
                    return ExitCode::from(2);
                }
                return show::export(&args.file, args.format);
            }
            let images = args.images.then_some((config.images, config.images_remote));
            return show::show(&args.file, args.width.map(usize::from), args.plain, images);
        }
        Some(Verb::Config(_)) => return ExitCode::SUCCESS,
        Some(Verb::IndexBodies { paths }) => return index_bodies(&paths, &places),
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => {
            return read(cli.paths, config, config_problems);
        }
        // Not in a terminal: the list, for scripts.
        None => ListArgs { paths: cli.paths, sort: None, reverse: false, json: false, query: None },
    };
    report_config_problems(&config_problems);
    let sort = args.sort.unwrap_or(config.sort);
    let paths = match library_paths(args.paths, &config, &places.cache) {
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
    // A query on the list's text reads the search entries from the cache.
    let entries = query.as_ref().is_some_and(crate::search::Query::needs_text);
    let mut library = Library::load(&paths, places.index_cache(), entries);
    // Before the query keeps some: which PATHs gave no article at all.
    let without_articles: Vec<PathBuf> =
        crate::loader::roots_without_articles(&paths, &library.articles).into_iter().cloned().collect();
    let none_at_all = library.articles.is_empty();
    let index_chore = query.as_ref().and_then(|query| keep_matching(&mut library, query, &paths, &places));
    if (sort.sort_key(), args.reverse) != (SortOrder::Date, false) {
        // `load` gives the list newest first already.
        library.sort(sort, args.reverse);
    }
    if let (SortOrder::Relevance, Some(query)) = (sort, &query) {
        let mut order: Vec<usize> = (0..library.articles.len()).collect();
        let (articles, entries) = (&library.articles, &library.entries);
        crate::search::rank_by_relevance(&mut order, |i| match entries.get(i) {
            Some(entry) => entry.relevance(query),
            None => crate::search::relevance(query, &articles[i].title),
        });
        library.reorder(&order);
    }
    report_problems(&library);
    let said_why = report_paths_without_articles(&without_articles, &library);
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
    // A PATH that is missing fails, and so do PATHs that hold no article.
    let code =
        if library.has_missing_path() || (none_at_all && said_why) { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    if let Some(chore) = index_chore {
        // After the answer: the next full-text search will not wait for it.
        chore.run();
    }
    // Freeing 100,000 articles one by one would only delay the exit.
    std::mem::forget(library);
    code
}

/// `folio config init` and `folio config check`.
fn config_command(command: &ConfigCommand, file: &Path) -> ExitCode {
    match command {
        ConfigCommand::Init => match config::write_default(file) {
            Ok(()) => {
                println!("Wrote {} (every setting commented out: the defaults).", file.display());
                ExitCode::SUCCESS
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!("folio: {} exists already; it was left as it is", file.display());
                ExitCode::FAILURE
            }
            Err(error) => {
                eprintln!("folio: cannot write {}: {error}", file.display());
                ExitCode::FAILURE
            }
        },
        ConfigCommand::Check => {
            if !file.exists() {
                println!("{} does not exist: folio uses the defaults (folio config init writes one).", file.display());
                return ExitCode::SUCCESS;
            }
            let (_, problems) = config::load(file);
            report_config_problems(&problems);
            if problems.is_empty() {
                println!("{}: no problems.", file.display());
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Each problem of config.toml on stderr; folio goes on with the defaults.
fn report_config_problems(problems: &[config::ConfigProblem]) {
    for problem in problems {
        eprintln!("folio: {}", printable(&problem.to_string()));
    }
}

/// Says on stderr why each of `roots` (PATHs that gave no article) holds
/// none, unless a problem of the load said so already; whether any was
/// said (a missing PATH was, as a problem).
fn report_paths_without_articles(roots: &[PathBuf], library: &Library) -> bool {
    let mut said = false;
    for root in roots {
        if library.problems.iter().any(|problem| problem.path == *root) {
            said = true;
            continue;
        }
        if let Some(why) = crate::loader::why_no_article(root) {
            eprintln!("folio: {}: {}", printable(&root.to_string_lossy()), printable(&why.message()));
            said = true;
        }
    }
    said
}

/// For a PATH that is no file and reads like a mistyped command (`lsit`):
/// the command meant.
fn command_hint(path: &std::path::Path) -> String {
    let word = path.to_string_lossy();
    if word.contains(['/', '.']) || word.is_empty() {
        return String::new();
    }
    crate::text::suggestion(&word, ["list", "show", "config", "index-bodies"])
        .replace("did you mean `", "did you mean `folio ")
}

/// The full-screen reader.
fn read(paths: Vec<PathBuf>, config: config::Config, config_problems: Vec<config::ConfigProblem>) -> ExitCode {
    let paths = match library_paths(paths, &config, &config::paths().cache) {
        Ok(paths) => paths,
        Err(message) => {
            eprintln!("folio: {message}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        eprintln!("folio: {}: no such file or folder{}", printable(&missing.to_string_lossy()), command_hint(missing));
        return ExitCode::FAILURE;
    }
    // Every PATH a file that is no article, or a folder of files none of
    // which is one: an empty reader would only say "No articles here".
    // An empty folder opens: live reload shows what arrives in it.
    let reasons: Vec<Option<crate::loader::NoArticle>> =
        paths.iter().map(|p| crate::loader::why_no_article(p)).collect();
    if !paths.is_empty() && reasons.iter().all(|why| matches!(why, Some(crate::loader::NoArticle::Reason(_)))) {
        for (path, why) in paths.iter().zip(reasons.iter().flatten()) {
            eprintln!("folio: {}: {}", printable(&path.to_string_lossy()), printable(&why.message()));
        }
        return ExitCode::FAILURE;
    }
    match crate::term::run(paths, config, config_problems) {
        Ok(finished) => {
            if let Some(why) = &finished.unsaved {
                eprintln!("folio: {why}; the marks and reading places not yet saved are lost");
            }
            match finished.ending {
                // As a shell reports a process a signal ended: 128 + its number.
                crate::term::Ending::Signal(number) => ExitCode::from((128 + number).clamp(0, 255) as u8),
                crate::term::Ending::Quit if finished.unsaved.is_some() => ExitCode::FAILURE,
                crate::term::Ending::Quit => ExitCode::SUCCESS,
            }
        }
        Err(error) => {
            eprintln!("folio: the terminal failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Drops the articles `query` does not match, searching bodies when it asks.
/// Returns the body index's upkeep when a full-text search found it
/// missing or out of date.
fn keep_matching(
    library: &mut Library,
    query: &crate::search::Query,
    paths: &[PathBuf],
    places: &config::Paths,
) -> Option<IndexChore> {
    let mut chore = None;
    let now = jiff::Timestamp::now();
    let mut keep = crate::search::select(query, &library.articles, &library.entries, now);
    if query.needs_read_state() {
        // `is:` asks the reader's state, kept in the data folder.
        let (store, problem) = crate::state::Store::open(&places.data);
        if let Some(problem) = problem {
            eprintln!("folio: {problem}");
        }
        let states = crate::state::Roots::new(paths).read_states(&store, &library.articles);
        for (keep, state) in keep.iter_mut().zip(states) {
            *keep &= query.passes_read_state(state.read, state.starred);
        }
    }
    if query.needs_bodies() {
        let candidates: Vec<crate::search::BodySource> = (0..keep.len())
            .filter(|&i| keep[i])
            .map(|i| crate::search::BodySource::of(i, &library.articles[i], library.stamps[i]))
            .collect();
        let found = std::sync::Mutex::new(vec![false; keep.len()]);
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let folder = places.index_cache();
        let id = index::library_id(paths);
        let body_index = folder.as_deref().and_then(|folder| index::BodyIndex::open(folder, &id));
        let pace = crate::search::Pace::Flat;
        let searched = crate::search::run_body_search(
            candidates.as_slice(),
            query,
            body_index.as_ref(),
            pace,
            &cancel,
            &|index| {
                if let Ok(mut found) = found.lock() {
                    found[index] = true;
                }
            },
        );
        if let Err(message) = searched {
            eprintln!("folio: {message}");
        }
        keep = found.into_inner().unwrap_or_default();
        // Worth the work: no index, or one that misses a twentieth.
        let stamped = library.stamps.iter().filter(|stamp| stamp.is_some()).count();
        let stale = body_index.as_ref().map_or(stamped, |index| {
            let keys = candidates.iter().filter_map(|s| Some((s.path.as_os_str().as_encoded_bytes(), s.stamp?)));
            index.stale_of(keys)
        });
        if let Some(folder) = folder.filter(|_| stamped > 0 && stale * 20 > stamped) {
            chore = Some(IndexChore {
                folder,
                id,
                docs: index::docs_of(library.articles.iter().zip(library.stamps.iter().copied())),
            });
        }
    }
    library.retain(&keep);
    chore
}

/// `folio index-bodies PATH...`: the body index of the library at `paths`
/// brought up to date, at a low priority, on one thread.
fn index_bodies(paths: &[PathBuf], places: &config::Paths) -> ExitCode {
    let Some(folder) = places.index_cache() else { return ExitCode::SUCCESS };
    #[cfg(unix)]
    let _ = rustix::process::nice(10);
    // Another folio building this index: wait for it, then find it done.
    let id = index::library_id(paths);
    let _building = index::builder_lock(&folder, &id);
    let library = Library::load(paths, Some(folder.clone()), false);
    let docs = index::docs_of(library.articles.iter().zip(library.stamps.iter().copied()));
    std::mem::forget(library);
    index::refresh(&folder, &id, &docs, 1);
    ExitCode::SUCCESS
}

/// Bringing the body index up to date after a full-text search.
struct IndexChore {
    folder: PathBuf,
    id: String,
    docs: Vec<index::Doc>,
}

impl IndexChore {
    fn run(self) {
        if std::io::stderr().is_terminal() {
            eprintln!("folio: indexing the text of {} articles, for faster full-text searches…", self.docs.len());
        }
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let _building = index::builder_lock(&self.folder, &self.id);
        index::refresh(&self.folder, &self.id, &self.docs, threads);
    }
}

/// The PATHs given, else config.toml's `library`, else the bundled
/// sample library.
fn library_paths(paths: Vec<PathBuf>, config: &config::Config, cache: &Path) -> Result<Vec<PathBuf>, String> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    if !config.library.is_empty() {
        return Ok(config.library.clone());
    }
    crate::sample::sample_library(cache)
        .map(|dir| vec![dir])
        .map_err(|error| format!("cannot unpack the sample library: {error}"))
}

/// The width output is laid out or cut to, for every command: `COLUMNS`
/// when set to a number, else the terminal's when the output is one, else
/// none (the caller's default).
fn output_width(is_terminal: bool) -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()).filter(|&c: &usize| c > 0)
    {
        return Some(columns);
    }
    if is_terminal {
        return crossterm::terminal::size().ok().map(|(columns, _)| usize::from(columns)).filter(|&c| c > 0);
    }
    None
}

/// Every problem on stderr, one line each: `folio: PATH: message`.
fn report_problems(library: &Library) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for problem in &library.problems {
        let path = problem.path.to_string_lossy();
        let hint =
            if problem.kind == crate::ProblemKind::MissingPath { command_hint(&problem.path) } else { String::new() };
        let _ = writeln!(err, "folio: {}: {}{hint}", printable(&path), printable(&problem.message));
    }
}
