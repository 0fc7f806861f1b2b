//! Every article the reader knows, laid out for a million: a small
//! fixed-size row each, its own strings (title, link) end to end
//! in one arena, the strings articles share (groups, authors) once in
//! tables, its file in the path table, and its searchable text in the
//! search columns. Nothing else
//! of an article is kept: opening it reads it again. Rows are never
//! removed, so an article's number stays.

use super::paths::{FileOf, PathTable, Paths};
use super::rows::{Row, Slice, Table};
use crate::library::Sortable;
use crate::loader::LoadedArticle;
use crate::model::{Article, Format};
use crate::persist::{Stamp, hash64};
use crate::search::{Columns, Entry, Facts};
use crate::state::ReadState;
use encoding_rs::Encoding;
use jiff::Timestamp;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The rows, by article number.
#[derive(Debug, Default)]
pub struct ListStore {
    rows: Vec<Row>,
    /// Titles and links, end to end.
    arena: Vec<u8>,
    groups: Table<Arc<str>>,
    pub(super) authors: Table<Arc<str>>,
    /// Where each article's file is.
    files: PathTable,
    /// The searchable text, a row for each article (and one more for each
    /// article read again).
    columns: Columns,
    /// Articles by the hash of their path, once live reload needs it.
    by_path: HashMap<u64, Vec<u32>>,
    /// What a keystroke reads of every article, by number, dense (not in
    /// the rows: a pass over a million rows is a pass over 80 MB): its row
    /// in the search columns, and whether its body matches the search.
    search_rows: Vec<u32>,
    hits: Vec<bool>,
    /// Unread live articles, counted when first asked since a change.
    unread: std::cell::Cell<Option<usize>>,
    /// Counts the changes that may change what is unread.
    marks_version: std::cell::Cell<u64>,
    /// Counts the articles added, read again or gone: a list order made
    /// at one count holds while it stays.
    articles_version: u64,
    /// Whether each article is live and unread, by number: made again in
    /// one pass over the rows after a change, so that counting a list's
    /// unread at each keystroke reads no row.
    unread_flags: std::cell::RefCell<Option<Vec<bool>>>,
}

/// One article of the store, for reading.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRow<'a> {
    store: &'a ListStore,
    row: &'a Row,
    number: usize,
}

/// The most of a summary the list keeps (a preview, not the article).
const SUMMARY_BYTES: usize = 400;

/// `text` cut to at most `bytes`, at a character's end.
fn cut(text: &str, bytes: usize) -> &str {
    let mut end = text.len().min(bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl ListStore {
    /// Articles ever added (deleted ones included).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds an article (its search entry made now unless the loader made
    /// it) and returns its number.
    pub fn push(&mut self, loaded: LoadedArticle) -> usize {
        let number = self.rows.len();
        let (row, search) = self.row_of(number, loaded);
        self.rows.push(row);
        self.search_rows.push(search);
        self.hits.push(false);
        self.articles_changed();
        if !self.by_path.is_empty() {
            let key = hash64(self.path_bytes(number).as_slice());
            self.by_path.entry(key).or_default().push(number as u32);
        }
        number
    }

    /// Article `number` read again from its file (live reload).
    pub fn replace(&mut self, number: usize, article: Article, stamp: Option<Stamp>) {
        if number < self.rows.len() {
            let state = self.rows[number].state;
            let (mut row, search) = self.row_of(number, LoadedArticle { article, stamp, entry: None });
            row.state = state;
            self.rows[number] = row;
            self.search_rows[number] = search;
            self.articles_changed();
        }
    }

    /// Article `number`'s row for `loaded`, its strings and file stored and
    /// its search text added (and its row in the search columns).
    fn row_of(&mut self, number: usize, loaded: LoadedArticle) -> (Row, u32) {
        let LoadedArticle { article, stamp, entry } = loaded;
        let entry = entry.unwrap_or_else(|| Entry::new(&article));
        let search = self.columns.push(&entry);
        let title = Slice::push(&mut self.arena, article.title.as_bytes());
        let link = Slice::push(&mut self.arena, article.link.as_deref().unwrap_or_default().as_bytes());
        let summary = article.summary.as_deref().map_or("", |summary| cut(summary, SUMMARY_BYTES));
        let summary = Slice::push(&mut self.arena, summary.as_bytes());
        let file = FileOf {
            dir: &article.dir,
            name: &article.file_name,
            format: article.format,
            encoding: article.encoding,
            stamp,
        };
        self.files.set(number, file);
        let row = Row {
            title,
            link,
            summary,
            group: self.groups.number(&article.group),
            author: article.author.as_ref().map_or(u32::MAX, |author| self.authors.number(author)),
            date: article.date,
            has_image: !article.images.is_empty() || article.body_images,
            has_link: article.link.is_some(),
            draft: article.draft,
            state: ReadState::default(),
            gone: false,
        };
        (row, search)
    }

    /// The path of article `number` as bytes.
    fn path_bytes(&self, number: usize) -> Vec<u8> {
        self.files.paths().path(number).into_os_string().into_encoded_bytes()
    }

    /// Where the articles' files are, as they are now, for a body search.
    pub fn paths(&self) -> Paths {
        self.files.snapshot()
    }

    /// The number of the article at `path`, if there is one.
    pub fn find(&mut self, path: &Path) -> Option<usize> {
        if self.by_path.is_empty() && !self.rows.is_empty() {
            for number in 0..self.rows.len() {
                let key = hash64(self.path_bytes(number).as_slice());
                self.by_path.entry(key).or_default().push(number as u32);
            }
        }
        let wanted = path.as_os_str().as_encoded_bytes();
        let numbers = self.by_path.get(&hash64(wanted))?;
        numbers.iter().map(|&n| n as usize).find(|&n| self.path_bytes(n) == wanted)
    }

    /// Article `number`, if the store gave that number.
    pub fn get(&self, number: usize) -> Option<ArticleRow<'_>> {
        self.rows.get(number).map(|row| ArticleRow { store: self, row, number })
    }

    /// Article `number`. Panics on a number the store never gave.
    pub fn row(&self, number: usize) -> ArticleRow<'_> {
        ArticleRow { store: self, row: &self.rows[number], number }
    }

    /// Every article, by number (deleted ones included).
    pub fn rows(&self) -> impl Iterator<Item = ArticleRow<'_>> {
        self.rows.iter().enumerate().map(|(number, row)| ArticleRow { store: self, row, number })
    }

    /// The search columns, and article `number`'s row in them.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    pub fn search_row(&self, number: usize) -> Option<u32> {
        self.search_rows.get(number).copied()
    }

    /// The numbers of the articles not deleted on disk.
    pub fn live(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.rows.len()).filter(|&i| !self.rows[i].gone)
    }

    pub fn is_gone(&self, number: usize) -> bool {
        self.rows.get(number).is_none_or(|row| row.gone)
    }

    pub fn set_gone(&mut self, number: usize) {
        if let Some(row) = self.rows.get_mut(number) {
            row.gone = true;
        }
        self.articles_changed();
    }

    pub fn state(&self, number: usize) -> ReadState {
        self.rows.get(number).map(|row| row.state).unwrap_or_default()
    }

    pub fn state_mut(&mut self, number: usize) -> Option<&mut ReadState> {
        self.marks_changed();
        self.rows.get_mut(number).map(|row| &mut row.state)
    }

    /// What is unread may have changed: counts are taken again.
    fn marks_changed(&self) {
        self.unread.set(None);
        if let Ok(mut flags) = self.unread_flags.try_borrow_mut() {
            *flags = None;
        }
        self.marks_version.set(self.marks_version.get().wrapping_add(1));
    }

    /// An article was added, read again or gone: orders are made again,
    /// and counts taken again.
    fn articles_changed(&mut self) {
        self.marks_changed();
        self.articles_version += 1;
    }

    /// Changes with each article added, read again or gone.
    pub fn articles_version(&self) -> u64 {
        self.articles_version
    }

    /// Changes with each change that may change what is unread.
    pub fn marks_version(&self) -> u64 {
        self.marks_version.get()
    }

    /// How many of the articles `numbers` are live and unread.
    pub fn unread_among(&self, numbers: &[usize]) -> usize {
        self.with_unread_flags(|flags| numbers.iter().filter(|&&i| flags.get(i).copied().unwrap_or(false)).count())
    }

    /// Live articles not read (counted once per change, not per frame).
    pub fn unread_count(&self) -> usize {
        if let Some(count) = self.unread.get() {
            return count;
        }
        let count = self.with_unread_flags(|flags| flags.iter().filter(|&&unread| unread).count());
        self.unread.set(Some(count));
        count
    }

    /// `count` over the flags of live unread articles, made in one pass
    /// over the rows when first asked since a change.
    fn with_unread_flags(&self, count: impl Fn(&[bool]) -> usize) -> usize {
        let unread = |row: &Row| !row.gone && !row.state.read;
        match self.unread_flags.try_borrow_mut() {
            Ok(mut flags) => count(flags.get_or_insert_with(|| self.rows.iter().map(unread).collect())),
            Err(_) => count(&self.rows.iter().map(unread).collect::<Vec<bool>>()),
        }
    }

    pub fn is_hit(&self, number: usize) -> bool {
        self.hits.get(number).copied().unwrap_or(false)
    }

    pub fn set_hit(&mut self, number: usize) {
        if let Some(hit) = self.hits.get_mut(number) {
            *hit = true;
        }
    }

    /// A new body search: no body matches yet.
    pub fn clear_hits(&mut self) {
        self.hits.fill(false);
    }
}

impl<'a> ArticleRow<'a> {
    fn text(&self, slice: Slice) -> &'a str {
        std::str::from_utf8(slice.of(&self.store.arena)).unwrap_or_default()
    }

    pub fn title(&self) -> &'a str {
        self.text(self.row.title)
    }

    pub fn author(&self) -> Option<&'a str> {
        self.store.authors.get(self.row.author).map(|author| &**author)
    }

    pub fn date(&self) -> Option<Timestamp> {
        self.row.date
    }

    /// The folder relative to the library root (`新媒体/Aljazeera 半岛网/新闻`).
    pub fn group(&self) -> &'a str {
        self.store.groups.get(self.row.group).map_or("", |group| &**group)
    }

    pub fn dir(&self) -> &'a Arc<Path> {
        static NOWHERE: std::sync::OnceLock<Arc<Path>> = std::sync::OnceLock::new();
        match self.store.files.paths().dir(self.number) {
            Some((_, dir)) => dir,
            None => NOWHERE.get_or_init(|| Arc::from(Path::new(""))),
        }
    }

    /// The file name, exactly as the folder gave it (on unix, any bytes).
    pub fn file_name(&self) -> &'a OsStr {
        self.store.files.paths().file_name(self.number)
    }

    /// The article's file.
    pub fn path(&self) -> PathBuf {
        self.store.files.paths().path(self.number)
    }

    pub fn link(&self) -> Option<&'a str> {
        Some(self.text(self.row.link)).filter(|link| !link.is_empty())
    }

    /// What the article is about, in its front matter's words (cut).
    pub fn summary(&self) -> Option<&'a str> {
        Some(self.text(self.row.summary)).filter(|summary| !summary.is_empty())
    }

    pub fn format(&self) -> Format {
        self.store.files.paths().format(self.number)
    }

    pub fn encoding(&self) -> Option<&'static Encoding> {
        self.store.files.paths().encoding(self.number)
    }

    pub fn stamp(&self) -> Option<Stamp> {
        self.store.files.paths().stamp(self.number)
    }

    /// A draft (`draft: true`).
    pub fn is_draft(&self) -> bool {
        self.row.draft
    }

    pub fn facts(&self) -> Facts {
        Facts { date: self.row.date, has_image: self.row.has_image, has_link: self.row.has_link, draft: self.row.draft }
    }

    /// What is needed to read the article again: its place and how its
    /// file is written (the rest comes from the file).
    pub fn to_article(&self) -> Article {
        Article {
            dir: Arc::clone(self.dir()),
            file_name: self.file_name().into(),
            group: self.store.groups.get(self.row.group).cloned().unwrap_or_else(|| Arc::from("")),
            title: self.title().into(),
            author: self.store.authors.get(self.row.author).cloned(),
            categories: Box::default(),
            tags: Box::default(),
            date: self.row.date,
            unreadable_date: None,
            images: Box::default(),
            body_images: self.row.has_image,
            link: self.link().map(Into::into),
            summary: self.summary().map(Into::into),
            draft: self.row.draft,
            extra: Box::default(),
            warnings: Box::default(),
            format: self.format(),
            encoding: self.encoding(),
        }
    }
}

impl Sortable for ArticleRow<'_> {
    fn date(&self) -> Option<Timestamp> {
        self.row.date
    }

    fn title(&self) -> &str {
        ArticleRow::title(self)
    }

    fn author(&self) -> Option<&str> {
        ArticleRow::author(self)
    }

    fn folder(&self) -> (usize, &Path) {
        match self.store.files.paths().dir(self.number) {
            Some((number, dir)) => (number as usize, &**dir),
            None => (usize::MAX, Path::new("")),
        }
    }

    fn file_name(&self) -> &OsStr {
        ArticleRow::file_name(self)
    }
}

#[cfg(test)]
mod tests;
