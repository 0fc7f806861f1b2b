//! Loading one file: read, decode, split, parse; every failure a `Problem`.

use super::intern::Interner;
use super::open::FolderCache;
use super::title::title_from_body;
use crate::encoding::{Decoded, decode, utf8_head};
use crate::frontmatter::{FrontMatter, Value, closed_block_end, parse_block_in, split};
use crate::model::{Article, ExtraValue, Format, Problem, ProblemKind};
use crate::text::clean_field;
use std::borrow::Cow;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MIB: u64 = 1024 * 1024;

/// Files larger than this are reported, not read.
pub const MAX_FILE_SIZE: u64 = 64 * MIB;

/// What loading one file gave.
#[derive(Debug)]
// Each value goes straight on: boxing the article would only add an
// allocation per file.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// An article; its warnings are also reported as problems.
    Article(Article),
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
    pub path: PathBuf,
    pub interner: Interner,
    pub folders: FolderCache,
}

/// Loads the article `job` names.
pub fn load_file(job: &FileJob, scratch: &mut ReaderScratch) -> Outcome {
    let mut loaded = read_article(job, scratch);
    if let Outcome::Article(article) = &mut loaded {
        article.body_images = shows_image(&scratch.buffer);
    }
    loaded
}

/// Whether a file's text has an image in it: an `<img` tag with a
/// source, or Markdown's `![`. (The whole file is looked at: front matter
/// holds neither.) Linear in the file: each tag is looked at up to its `>`
/// or the next `<`, whichever comes first.
fn shows_image(bytes: &[u8]) -> bool {
    let tag_with_source = |needle: &[u8]| {
        memchr::memmem::find_iter(bytes, needle).any(|at| {
            let rest = &bytes[at + needle.len()..];
            let tag = &rest[..memchr::memchr2(b'>', b'<', rest).unwrap_or(rest.len())];
            memchr::memmem::find(tag, b"src").is_some() || memchr::memmem::find(tag, b"SRC").is_some()
        })
    };
    tag_with_source(b"<img") || tag_with_source(b"<IMG") || memchr::memmem::find(bytes, b"![").is_some()
}

fn read_article(job: &FileJob, scratch: &mut ReaderScratch) -> Outcome {
    scratch.path.as_mut_os_string().clear();
    scratch.path.push(&job.dir);
    scratch.path.push(&*job.file_name);
    let path = &scratch.path;
    let buffer = &mut scratch.buffer;
    buffer.clear();
    let opened = scratch.folders.open(&job.dir, &job.file_name, path).map_err(ReadError::Io);
    if let Err((kind, message)) = opened.and_then(|file| read_limited(&file, buffer)).map_err(ReadError::explain) {
        return Outcome::Problem(Problem { path: path.to_owned(), kind, message });
    }
    parse_article(job, path, buffer, &mut scratch.interner)
}

/// The article `bytes` make as the file `job` at `path` (for tests: an
/// article from a string, no file needed).
pub fn article_from_bytes(path: &Path, bytes: &[u8]) -> Outcome {
    let extension = path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
    let dir = path.parent().unwrap_or(Path::new(""));
    let job = FileJob {
        dir: Arc::from(dir),
        file_name: path.file_name().unwrap_or_default().into(),
        format: extension.unwrap_or(Format::Markdown),
        group: Arc::from(""),
    };
    parse_article(&job, path, bytes, &mut Interner::default())
}

/// Decodes, splits and reads the file `job` (at `path`) that holds `buffer`.
pub(super) fn parse_article(job: &FileJob, path: &Path, buffer: &[u8], interner: &mut Interner) -> Outcome {
    let format = job.format;
    let problem = |kind, message: String| Outcome::Problem(Problem { path: path.to_owned(), kind, message });
    if buffer.strip_prefix(b"\xef\xbb\xbf").unwrap_or(buffer).iter().all(u8::is_ascii_whitespace) {
        return problem(ProblemKind::Empty, "empty file".to_owned());
    }
    // Nearly every file is UTF-8 with a closed block at the top: read only
    // the block as text, and leave the body (and its encoding) for later.
    if let Some(head) = closed_block_end(buffer).and_then(|end| utf8_head(buffer, end)) {
        let parts = split(head);
        if let (Some(block), false) = (parts.block, parts.unclosed) {
            let front_matter = parse_block_in(block, parts.syntax);
            // Without a title (a clipper's block), the body's heading is
            // looked for: read on.
            if front_matter.title.is_some() {
                return article(job, front_matter, None, None, interner);
            }
        }
    }
    let (text, encoding) = match decode(buffer) {
        Decoded::Text(text, encoding) => (text, encoding),
        Decoded::Binary => {
            return problem(ProblemKind::Binary, "binary file (NUL bytes), not an article".to_owned());
        }
    };
    let parts = split(&text);
    let mut front_matter = match parts.block {
        Some(block) => parse_block_in(block, parts.syntax),
        None if format == Format::Text || folder_document_name(path).is_some() => return Outcome::Skipped,
        // A saved page says what it is in its head (and SingleFile's comment).
        None if format == Format::Html || is_whole_page(parts.body) => {
            FrontMatter::from_entries(super::html_meta::entries(parts.body), Vec::new())
        }
        None => FrontMatter::default(),
    };
    if parts.unclosed {
        front_matter.warnings.push("front matter is never closed by `---`".to_owned());
    }
    let body_title = front_matter.title.is_none().then(|| title_from_body(parts.body, format)).flatten();
    article(job, front_matter, body_title, encoding, interner)
}

fn article(
    job: &FileJob,
    front_matter: FrontMatter<'_>,
    body_title: Option<String>,
    encoding: Option<&'static encoding_rs::Encoding>,
    interner: &mut Interner,
) -> Outcome {
    let FrontMatter {
        title,
        categories,
        tags,
        author,
        date,
        unreadable_date,
        images,
        link,
        summary,
        draft,
        extra,
        warnings,
    } = front_matter;
    let title: Box<str> = match title {
        Some(title) => title.into(),
        None => body_title.unwrap_or_else(|| title_from_file_name(Path::new(&job.file_name))).into(),
    };
    // Jekyll's and Hexo's `2016-11-24-slug.md`: the date the file is named by.
    // (Also when the front matter's date cannot be read: it stays a warning.)
    let date = date.or_else(|| date_from_file_name(&job.file_name));
    let mut shared = |items: &[Cow<'_, str>]| items.iter().map(|item| interner.get(item)).collect();
    let categories = shared(&categories);
    let tags = shared(&tags);
    let extra = extra
        .into_iter()
        .map(|(key, value)| {
            let value = match value {
                Value::Text(text) => ExtraValue::text(interner.get(&text)),
                other => ExtraValue::from_stored(interner.get(&ExtraValue::stored_json(&other.to_json()))),
            };
            (interner.get(&key), value)
        })
        .collect();
    Outcome::Article(Article {
        dir: Arc::clone(&job.dir),
        file_name: job.file_name.clone(),
        group: Arc::clone(&job.group),
        title,
        author: author.map(|a| interner.get(&a)),
        categories,
        tags,
        date,
        unreadable_date: unreadable_date.map(Into::into),
        images: images.iter().map(|image| interner.get(image)).collect(),
        body_images: false,
        link: link.map(Into::into),
        summary: summary.map(|s| s.into_owned().into()),
        draft,
        extra,
        warnings: warnings.into_iter().map(Into::into).collect(),
        format: job.format,
        encoding,
    })
}

/// An article at `job`'s place with nothing known of it yet (the cache
/// fills in the rest).
pub fn placed_article(job: &FileJob) -> Article {
    Article {
        dir: Arc::clone(&job.dir),
        file_name: job.file_name.clone(),
        group: Arc::clone(&job.group),
        title: Box::default(),
        author: None,
        categories: Box::default(),
        tags: Box::default(),
        date: None,
        unreadable_date: None,
        images: Box::default(),
        body_images: false,
        link: None,
        summary: None,
        draft: false,
        extra: Box::default(),
        warnings: Box::default(),
        format: job.format,
        encoding: None,
    }
}

enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

impl ReadError {
    /// The problem this makes of a file.
    fn explain(self) -> (ProblemKind, String) {
        match self {
            ReadError::TooLarge(size) => (
                ProblemKind::TooLarge,
                format!("too large ({size} bytes; the limit is {} MiB), not read", MAX_FILE_SIZE / MIB),
            ),
            ReadError::Io(error) => (ProblemKind::Unreadable, format!("cannot be read: {error}")),
        }
    }
}

/// Reads the file at `path` whole into `buffer`, within the size limit.
pub(super) fn read_file(path: &Path, buffer: &mut Vec<u8>) -> Result<(), (ProblemKind, String)> {
    let file = crate::persist::open_regular(path).map_err(|error| ReadError::Io(error).explain())?;
    read_limited(&file, buffer).map_err(ReadError::explain)
}

/// Reads the file into `buffer`. Small files (nearly all) take one read
/// and one for the end; only a file that fills the first chunk has its size
/// checked, so one over the limit is refused without being read.
fn read_limited(file: &std::fs::File, buffer: &mut Vec<u8>) -> Result<(), ReadError> {
    const FIRST_CHUNK: u64 = 256 * 1024;
    buffer.reserve(FIRST_CHUNK as usize);
    file.take(FIRST_CHUNK).read_to_end(buffer).map_err(ReadError::Io)?;
    if (buffer.len() as u64) < FIRST_CHUNK {
        return Ok(());
    }
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(size));
    }
    buffer.reserve((size as usize).saturating_sub(buffer.len()));
    let rest = MAX_FILE_SIZE + 1 - FIRST_CHUNK;
    file.take(rest).read_to_end(buffer).map_err(ReadError::Io)?;
    if buffer.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(buffer.len() as u64));
    }
    Ok(())
}

/// For a README, LICENSE or the like, its name in capitals: it describes
/// the folder, it is no article (unless it has front matter).
pub fn folder_document_name(path: &Path) -> Option<String> {
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
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    NAMES.contains(&stem.as_str()).then(|| stem.to_ascii_uppercase())
}

/// The file name without its extension, cleaned like a title.
pub fn title_from_file_name(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    // `2016-11-24-cve-2016-1248`: the date is the file's date, not its title.
    let stem = match dated_name(&stem) {
        Some((_, rest)) if !rest.trim().is_empty() => rest,
        _ => &stem,
    };
    let title = clean_field(stem);
    if title.is_empty() { "(untitled)".to_owned() } else { title.into_owned() }
}

/// Whether `body` is a whole HTML page (`<!DOCTYPE html>`, `<html>`).
fn is_whole_page(body: &str) -> bool {
    let start = body.trim_start().as_bytes();
    let starts = |tag: &[u8]| start.get(..tag.len()).is_some_and(|s| s.eq_ignore_ascii_case(tag));
    starts(b"<!doctype html") || starts(b"<html")
}

/// A file name that starts with a date, `YYYY-MM-DD-`: the date and
/// the rest.
fn dated_name(stem: &str) -> Option<(jiff::civil::Date, &str)> {
    let (date, rest) = stem.split_at_checked(10)?;
    let rest = rest.strip_prefix(['-', '_', ' '])?;
    let digits = |range: std::ops::Range<usize>| date.get(range).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()));
    if !(digits(0..4) && digits(5..7) && digits(8..10) && &date[4..5] == "-" && &date[7..8] == "-") {
        return None;
    }
    Some((date.parse().ok()?, rest))
}

/// The date a Jekyll or Hexo post is named by (`2016-11-24-slug.md`),
/// at midnight UTC.
fn date_from_file_name(file_name: &OsStr) -> Option<jiff::Timestamp> {
    let name = file_name.to_str()?;
    let (date, _) = dated_name(name)?;
    date.to_zoned(jiff::tz::TimeZone::UTC).ok().map(|zoned| zoned.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_toml_block_is_read_line_by_line() {
        let text = "+++\ntitle = \"Kept title\"\ndate = 2020-01-02\nnot toml at all\n[taxonomies]\ntags = [\"a\"]\n+++\nbody\n";
        let Outcome::Article(article) = article_from_bytes(Path::new("/lib/post.md"), text.as_bytes()) else {
            panic!("an article")
        };
        assert_eq!(&*article.title, "Kept title");
        assert_eq!(article.date.map(|d| d.to_string()).as_deref(), Some("2020-01-02T00:00:00Z"));
        assert_eq!(article.tags.iter().map(|t| &**t).collect::<Vec<_>>(), ["a"]);
        assert!(
            article.warnings.iter().any(|w| w.contains("not valid TOML") && w.contains("line by line")),
            "{:?}",
            article.warnings
        );
    }

    #[test]
    fn dates_in_file_names() {
        let date = |name: &str| date_from_file_name(OsStr::new(name)).map(|d| d.to_string());
        assert_eq!(date("2016-11-24-cve-2016-1248.md").as_deref(), Some("2016-11-24T00:00:00Z"));
        assert_eq!(date("2016-11-24_notes.html").as_deref(), Some("2016-11-24T00:00:00Z"));
        for not_dated in ["2016-13-24-x.md", "2016-11-24.md", "20161124-x.md", "notes-2016-11-24.md", "2016-1-24-x.md"]
        {
            assert_eq!(date(not_dated), None, "{not_dated}");
        }
        assert_eq!(title_from_file_name(Path::new("2016-11-24-cve-2016-1248.md")), "cve-2016-1248");
        // A date the front matter gives but folio cannot read: the file's name's, and a warning.
        let text = "---\ntitle: t\ndate: someday soon\n---\nbody";
        let Outcome::Article(article) = article_from_bytes(Path::new("/lib/_posts/2018-07-14-x.md"), text.as_bytes())
        else {
            panic!("an article")
        };
        assert_eq!(article.date.map(|d| d.to_string()).as_deref(), Some("2018-07-14T00:00:00Z"));
        assert!(article.warnings.iter().any(|w| w.contains("unreadable date")));
        assert_eq!(title_from_file_name(Path::new("2016-11-24-.md")), "2016-11-24-");
    }

    #[test]
    fn images_are_found_in_linear_time() {
        assert!(shows_image(b"<p>x</p><img alt=a src=\"b.png\">"));
        assert!(shows_image(b"text ![alt](a.png)"));
        assert!(!shows_image(b"<img alt=nothing> src later <p>"));
        assert!(!shows_image(b"<img <b>src</b>"), "the source must be inside the tag");
        // 4 MB of `<img ` without a `>`: minutes if each tag were read to the end.
        let many = b"<img ".repeat(800_000);
        assert!(!shows_image(&many));
        let mut found = many.clone();
        found.extend_from_slice(b"<img src=x>");
        assert!(shows_image(&found));
    }
}
