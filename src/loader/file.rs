//! Loading one file: read, decode, split, parse; every failure a `Problem`.

use super::title::title_from_body;
use crate::article::{Article, Format, Problem, ProblemKind};
use crate::encoding::{Decoded, decode};
use crate::frontmatter::{FrontMatter, parse_block, split};
use crate::text::clean_field;
use std::io::Read;
use std::path::Path;

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

/// Loads the article at `path`, using `buffer` for its bytes.
pub fn load_file(path: &Path, format: Format, group: &str, buffer: &mut Vec<u8>) -> Loaded {
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
    let title = front_matter
        .title
        .take()
        .or_else(|| {
            parts
                .yaml
                .is_none()
                .then(|| title_from_body(parts.body, format))
                .flatten()
        })
        .unwrap_or_else(|| title_from_file_name(path));
    Loaded::Article(Box::new(Article {
        path: path.to_owned(),
        group: group.to_owned(),
        title,
        author: front_matter.author,
        categories: front_matter.categories,
        tags: front_matter.tags,
        date: front_matter.date,
        unreadable_date: front_matter.unreadable_date,
        images: front_matter.images,
        link: front_matter.link,
        extra: front_matter.extra,
        warnings: front_matter.warnings,
        format,
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
