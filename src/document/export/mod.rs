//! Writing a document out as Markdown or HTML: both from the same tree
//! (the document's blocks, their inline text nested by `inline`), headed
//! by the article's title and metadata.

mod html;
mod inline;
mod lists;
mod markdown;
mod markdown_inline;
mod urls;

pub use html::write as html;
pub use markdown::write as markdown;

/// What heads an exported article: its title and what is known of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub categories: Vec<String>,
    /// The original address.
    pub link: Option<String>,
}

/// A date as folio shows it (`2021-03-04 12:00 UTC`), and as RFC 3339 for
/// HTML's `<time>` when it is a date folio could read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    pub shown: String,
    pub machine: Option<String>,
}
