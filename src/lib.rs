//! folio: a terminal reader for archived articles. The core (model, loader,
//! front matter, document, layout) has no terminal code; `loader` reads the
//! articles and `sample` unpacks the bundled library.

pub mod app;
pub mod cli;
pub mod config;
pub mod date;
pub mod document;
pub mod encoding;
pub mod file;
pub mod frontmatter;
pub mod images;
pub mod layout;
pub mod library;
pub mod loader;
pub mod model;
pub mod page;
pub mod persist;
pub mod sample;
pub mod search;
pub mod state;
pub mod term;
pub mod text;
pub mod ui;
pub mod width;

pub use library::Library;
pub use model::{Article, Format, Problem, ProblemKind, SortOrder};
