//! Reading an article's body when it is opened: bodies are never held in
//! the list, so this reads the file again, with the encoding found at load.

use super::file::read_file;
use crate::article::{Article, Problem, ProblemKind};
use crate::encoding::{Decoded, decode_with};
use crate::frontmatter::split;

/// The body of `article` (everything after its front matter), as text.
pub fn read_body(article: &Article) -> Result<String, Problem> {
    let path = article.path();
    let problem = |kind, message: String| Problem { path: path.clone(), kind, message };
    let mut buffer = Vec::new();
    read_file(&path, &mut buffer).map_err(|(kind, message)| problem(kind, message))?;
    match decode_with(&buffer, article.encoding) {
        Decoded::Text(text, _) => Ok(split(&text).body.to_owned()),
        Decoded::Binary => Err(problem(ProblemKind::Binary, "binary file (NUL bytes), not an article".to_owned())),
    }
}
