//! Loading one file: read, decode, split, parse; every failure a `Problem`.

use super::intern::Interner;
use super::title::title_from_body;
use crate::article::{Article, Format, Problem, ProblemKind};
use crate::encoding::{Decoded, decode, utf8_head};
use crate::frontmatter::{FrontMatter, parse_block, split};
use crate::text::clean_field;
use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// Files larger than this are reported, not read.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// What loading one file gave.
#[derive(Debug)]
pub enum Loaded {
    /// An article; its warnings are also reported as problems.
    Article(Box<Article>),
    /// A file that is no article (a `.txt` note without front matter).
    Skipped,
    Problem(Problem),
}

/// Where a file is and what it is, as the walker found it.
#[derive(Debug, Clone)]
pub struct FileJob {
    pub dir: Arc<Path>,
    pub file_name: Box<OsStr>,
    pub format: Format,
    pub group: Arc<str>,
}

/// What a reader thread keeps between files.
#[derive(Debug, Default)]
pub struct ReaderScratch {
    pub buffer: Vec<u8>,
    pub interner: Interner,
}

/// Loads the article `job` names.
pub fn load_file(job: &FileJob, scratch: &mut ReaderScratch) -> Loaded {
    let path = &job.dir.join(&*job.file_name);
    let format = job.format;
    let buffer = &mut scratch.buffer;
    let problem = |kind, message: String| {
        Loaded::Problem(Problem {
            path: path.to_owned(),
            kind,
            message,
        })
    };
    buffer.clear();
    if let Err(error) = read_limited(path, buffer) {
        return match error {
            ReadError::TooLarge(size) => problem(
                ProblemKind::TooLarge,
                format!(
                    "too large ({} MB; the limit is {} MB), not read",
                    size / 1_000_000,
                    MAX_FILE_SIZE / 1024 / 1024
                ),
            ),
            ReadError::Io(error) => {
                problem(ProblemKind::Unreadable, format!("cannot be read: {error}"))
            }
        };
    }
    if buffer.iter().all(u8::is_ascii_whitespace) {
        return problem(ProblemKind::Empty, "empty file".to_owned());
    }
    // Nearly every file is UTF-8 with its block in the first few KB: read
    // only that, and leave the body (and its encoding) for when it is opened.
    for limit in HEAD_LIMITS {
        let Some(head) = utf8_head(buffer, limit) else {
            break;
        };
        let parts = split(head);
        if let (Some(yaml), false) = (parts.yaml, parts.unclosed) {
            return article(job, parse_block(yaml), None, None, &mut scratch.interner);
        }
        if parts.yaml.is_none() || head.len() < limit {
            break;
        }
    }
    let (text, encoding) = match decode(buffer) {
        Decoded::Text(text, encoding) => (text, encoding),
        Decoded::Binary => {
            return problem(
                ProblemKind::Binary,
                "binary file (NUL bytes), not an article".to_owned(),
            );
        }
    };
    let parts = split(&text);
    let mut front_matter = match parts.yaml {
        Some(yaml) => parse_block(yaml),
        None if format == Format::Text || is_folder_document(path) => return Loaded::Skipped,
        None => FrontMatter::default(),
    };
    if parts.unclosed {
        front_matter
            .warnings
            .push("front matter is never closed by `---`".to_owned());
    }
    let body_title = parts
        .yaml
        .is_none()
        .then(|| title_from_body(parts.body, format))
        .flatten();
    article(
        job,
        front_matter,
        body_title,
        encoding,
        &mut scratch.interner,
    )
}

/// How much of a file the fast path reads for its front matter: a little
/// first, more if the block goes on.
const HEAD_LIMITS: [usize; 2] = [2 * 1024, 64 * 1024];

fn article(
    job: &FileJob,
    front_matter: FrontMatter,
    body_title: Option<String>,
    encoding: Option<&'static encoding_rs::Encoding>,
    interner: &mut Interner,
) -> Loaded {
    let FrontMatter {
        title,
        categories,
        tags,
        author,
        date,
        unreadable_date,
        images,
        link,
        extra,
        warnings,
    } = front_matter;
    let title = title
        .or(body_title)
        .unwrap_or_else(|| title_from_file_name(Path::new(&job.file_name)));
    let mut shared = |items: Vec<String>| items.iter().map(|item| interner.get(item)).collect();
    let categories = shared(categories);
    let tags = shared(tags);
    let extra = extra
        .into_iter()
        .map(|(key, value)| (interner.get(&key), interner.get(&value.to_text())))
        .collect();
    Loaded::Article(Box::new(Article {
        dir: Arc::clone(&job.dir),
        file_name: job.file_name.clone(),
        group: Arc::clone(&job.group),
        title: title.into(),
        author: author.map(|a| interner.get(&a)),
        categories,
        tags,
        date,
        unreadable_date: unreadable_date.map(Into::into),
        images: images.into_iter().map(Into::into).collect(),
        link: link.map(Into::into),
        extra,
        warnings: warnings.into_iter().map(Into::into).collect(),
        format: job.format,
        encoding,
    }))
}

enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

fn read_limited(path: &Path, buffer: &mut Vec<u8>) -> Result<(), ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(size));
    }
    buffer.reserve(size as usize);
    let read = file
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(buffer)
        .map_err(ReadError::Io)?;
    if read as u64 > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(read as u64));
    }
    Ok(())
}

/// A README, LICENSE or the like: it describes the folder, it is no article
/// (unless it has front matter).
fn is_folder_document(path: &Path) -> bool {
    const NAMES: [&str; 9] = [
        "readme",
        "license",
        "licence",
        "changelog",
        "contributing",
        "code_of_conduct",
        "copying",
        "authors",
        "security",
    ];
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    NAMES.contains(&stem.as_str())
}

/// The file name without its extension, cleaned like a title.
pub fn title_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let title = clean_field(&stem);
    if title.is_empty() {
        "(untitled)".to_owned()
    } else {
        title
    }
}
