//! Reading an article's body when it is opened: bodies are never held in
//! the list, so this reads the file again, with the encoding found at load.

use super::read::read_file;
use crate::encoding::{Decoded, decode_with};
use crate::frontmatter::split;
use crate::model::{Article, Problem, ProblemKind};

/// The article at `place`'s place read whole from its file, once: its
/// record as the front matter has it now, and its body (everything after
/// the front matter), as text. For opening an article a list knows only in
/// part.
pub fn read_whole(place: &Article) -> Result<(Article, String), Problem> {
    let path = place.path();
    let problem = |kind, message: String| Problem { path: path.clone(), kind, message };
    let mut buffer = Vec::new();
    read_file(&path, &mut buffer).map_err(|(kind, message)| problem(kind, message))?;
    let job = super::FileJob {
        dir: std::sync::Arc::clone(&place.dir),
        file_name: place.file_name.clone(),
        format: place.format,
        group: std::sync::Arc::clone(&place.group),
    };
    let article = match super::read::parse_article(&job, &path, &buffer, &mut super::Interner::default()) {
        super::Outcome::Article(article) => article,
        super::Outcome::Problem(problem) => return Err(problem),
        // Its front matter is gone since it was listed: what the list knew.
        super::Outcome::Skipped => place.clone(),
    };
    match decode_with(&buffer, article.encoding.or(place.encoding)) {
        Decoded::Text(text, _) => {
            let body = split(&text).body.to_owned();
            Ok((article, body))
        }
        Decoded::Binary => Err(problem(ProblemKind::Binary, "binary file (NUL bytes), not an article".to_owned())),
    }
}

/// The body of `article` (everything after its front matter), as text.
pub fn read_body(article: &Article) -> Result<String, Problem> {
    read_body_at(&article.path(), article.encoding)
}

/// The body of the article file at `path`, decoded with `encoding` (`None`:
/// UTF-8 or detected).
pub fn read_body_at(
    path: &std::path::Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<String, Problem> {
    let problem = |kind, message: String| Problem { path: path.to_owned(), kind, message };
    let mut buffer = Vec::new();
    read_file(path, &mut buffer).map_err(|(kind, message)| problem(kind, message))?;
    match decode_with(&buffer, encoding) {
        Decoded::Text(text, _) => Ok(split(&text).body.to_owned()),
        Decoded::Binary => Err(problem(ProblemKind::Binary, "binary file (NUL bytes), not an article".to_owned())),
    }
}
