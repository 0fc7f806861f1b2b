//! One article file: opening it (relative to its folder), reading it
//! within the size limit, decoding it, splitting its front matter from its
//! body, and making the article record of it — every failure a `Problem`.
//! The loader runs this for every file of a library; opening an article
//! and the body search read bodies through it.

mod body;
mod html_meta;
mod intern;
mod open;
mod read;
mod title;

pub use body::{read_body, read_body_at, read_whole};
pub use intern::Interner;
pub use open::FolderCache;
pub use read::{
    FileJob, MAX_FILE_SIZE, Outcome, ReaderScratch, article_from_bytes, folder_document_name, load_file,
    placed_article, title_from_file_name,
};
