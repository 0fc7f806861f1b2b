//! Every article the reader knows, laid out for a million: a small
//! fixed-size row each, its own strings (title, file name, link) end to end
//! in one arena, the strings articles share (folders, groups, authors) once
//! in tables, and its searchable text in the search columns. Nothing else
//! of an article is kept: opening it reads it again. Rows are never
//! removed, so an article's number stays.

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
    /// Titles, file names and links, end to end.
    arena: Vec<u8>,
    dirs: Table<Arc<Path>>,
    groups: Table<Arc<str>>,
    authors: Table<Arc<str>>,
    encodings: Vec<&'static Encoding>,
    /// The searchable text, a row for each article (and one more for each
    /// article read again).
    columns: Columns,
    /// Articles by the hash of their path, once live reload needs it.
    by_path: HashMap<u64, Vec<u32>>,
}

/// One article of the store, for reading.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRow<'a> {
    store: &'a ListStore,
    row: &'a Row,
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
        let row = self.row_of(loaded);
        self.rows.push(row);
        if !self.by_path.is_empty() {
            let key = hash64(self.path_bytes(number).as_slice());
            self.by_path.entry(key).or_default().push(number as u32);
        }
        number
    }

    /// Article `number` read again from its file (live reload).
    pub fn replace(&mut self, number: usize, article: Article, stamp: Option<Stamp>) {
        if number < self.rows.len() {
            let kept = self.rows[number].kept();
            let mut row = self.row_of(LoadedArticle { article, stamp, entry: None });
            row.keep(kept);
            self.rows[number] = row;
        }
    }

    /// A row for `loaded`, its strings stored and its search text added.
    fn row_of(&mut self, loaded: LoadedArticle) -> Row {
        let LoadedArticle { article, stamp, entry } = loaded;
        let entry = entry.unwrap_or_else(|| Entry::new(&article));
        let search = self.columns.push(&entry);
        let title = Slice::push(&mut self.arena, article.title.as_bytes());
        let name = Slice::push(&mut self.arena, article.file_name.as_encoded_bytes());
        let link = Slice::push(&mut self.arena, article.link.as_deref().unwrap_or_default().as_bytes());
        let encoding = match article.encoding {
            None => 0,
            Some(encoding) => match self.encodings.iter().position(|&e| e == encoding) {
                Some(at) => at + 1,
                None => {
                    self.encodings.push(encoding);
                    self.encodings.len()
                }
            },
        };
        Row {
            title,
            name,
            link,
            dir: self.dirs.number(&article.dir),
            group: self.groups.number(&article.group),
            author: article.author.as_ref().map_or(u32::MAX, |author| self.authors.number(author)),
            date: article.date,
            stamp,
            search,
            format: article.format,
            encoding: u8::try_from(encoding).unwrap_or(0),
            has_image: !article.images.is_empty() || article.body_images,
            has_link: article.link.is_some(),
            state: ReadState::default(),
            hit: false,
            gone: false,
        }
    }

    /// The path of article `number` as bytes.
    fn path_bytes(&self, number: usize) -> Vec<u8> {
        self.get(number).map(|row| row.path().into_os_string().into_encoded_bytes()).unwrap_or_default()
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
        self.rows.get(number).map(|row| ArticleRow { store: self, row })
    }

    /// Article `number`. Panics on a number the store never gave.
    pub fn row(&self, number: usize) -> ArticleRow<'_> {
        ArticleRow { store: self, row: &self.rows[number] }
    }

    /// Every article, by number (deleted ones included).
    pub fn rows(&self) -> impl Iterator<Item = ArticleRow<'_>> {
        self.rows.iter().map(|row| ArticleRow { store: self, row })
    }

    /// The search columns, and article `number`'s row in them.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    pub fn search_row(&self, number: usize) -> Option<u32> {
        self.rows.get(number).map(|row| row.search)
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
    }

    pub fn state(&self, number: usize) -> ReadState {
        self.rows.get(number).map(|row| row.state).unwrap_or_default()
    }

    pub fn state_mut(&mut self, number: usize) -> Option<&mut ReadState> {
        self.rows.get_mut(number).map(|row| &mut row.state)
    }

    pub fn is_hit(&self, number: usize) -> bool {
        self.rows.get(number).is_some_and(|row| row.hit)
    }

    pub fn set_hit(&mut self, number: usize) {
        if let Some(row) = self.rows.get_mut(number) {
            row.hit = true;
        }
    }

    /// A new body search: no body matches yet.
    pub fn clear_hits(&mut self) {
        self.rows.iter_mut().for_each(|row| row.hit = false);
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
        self.store.dirs.get(self.row.dir).unwrap_or_else(|| NOWHERE.get_or_init(|| Arc::from(Path::new(""))))
    }

    /// The file name, exactly as the folder gave it (on unix, any bytes).
    pub fn file_name(&self) -> &'a OsStr {
        let bytes = self.row.name.of(&self.store.arena);
        #[cfg(unix)]
        {
            std::os::unix::ffi::OsStrExt::from_bytes(bytes)
        }
        #[cfg(not(unix))]
        {
            OsStr::new(std::str::from_utf8(bytes).unwrap_or_default())
        }
    }

    /// The article's file.
    pub fn path(&self) -> PathBuf {
        self.dir().join(self.file_name())
    }

    pub fn link(&self) -> Option<&'a str> {
        Some(self.text(self.row.link)).filter(|link| !link.is_empty())
    }

    pub fn format(&self) -> Format {
        self.row.format
    }

    pub fn encoding(&self) -> Option<&'static Encoding> {
        self.row.encoding.checked_sub(1).and_then(|at| self.store.encodings.get(usize::from(at)).copied())
    }

    pub fn stamp(&self) -> Option<Stamp> {
        self.row.stamp
    }

    pub fn facts(&self) -> Facts {
        Facts { date: self.row.date, has_image: self.row.has_image, has_link: self.row.has_link }
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
            extra: Box::default(),
            warnings: Box::default(),
            format: self.row.format,
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
        (self.row.dir as usize, self.dir())
    }

    fn file_name(&self) -> &OsStr {
        ArticleRow::file_name(self)
    }
}

#[cfg(test)]
mod tests;
