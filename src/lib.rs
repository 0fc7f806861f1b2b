//! folio: a terminal reader for archived articles. The core (model, loader,
//! front matter, text) is pure and reads files only in `loader`.

pub mod article;
pub mod cli;
pub mod date;
pub mod document;
pub mod encoding;
pub mod frontmatter;
pub mod layout;
pub mod library;
pub mod loader;
pub mod page;
pub mod sample;
pub mod text;
pub mod width;

pub use article::{Article, Format, Problem, ProblemKind};
pub use library::{Library, SortKey};
