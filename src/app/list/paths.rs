//! Where each article of the list is and how its file is written, in
//! chunks a body search can hold on to: a search takes a copy of the chunk
//! list (a few hundred `Arc`s at a million), so a keystroke hands it article
//! numbers, not a path apiece, and the loader appending meanwhile copies at
//! most the one chunk the search still holds.

use super::rows::Slice;
use crate::model::Format;
use crate::persist::Stamp;
use crate::search::{BodySource, BodySources};
use encoding_rs::Encoding;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Articles to a chunk.
const CHUNK: usize = 4096;

/// One article's file.
#[derive(Debug, Clone, Copy)]
struct PathRow {
    dir: u32,
    name: Slice,
    format: Format,
    /// 0: UTF-8 (or not known); else one more than its place in `encodings`.
    encoding: u8,
    stamp: Option<Stamp>,
}

/// `CHUNK` articles' files and their names, end to end.
#[derive(Debug, Clone, Default)]
struct Chunk {
    rows: Vec<PathRow>,
    names: Vec<u8>,
}

/// The files of the articles, by article number, as a search reads them.
#[derive(Debug, Clone, Default)]
pub struct Paths {
    chunks: Vec<Arc<Chunk>>,
    dirs: Arc<Vec<Arc<Path>>>,
    encodings: Arc<Vec<&'static Encoding>>,
}

/// The files of the list's articles, kept up to date by the store.
#[derive(Debug, Default)]
pub struct PathTable {
    paths: Paths,
    dir_numbers: HashMap<Arc<Path>, u32>,
}

/// A file to record: its folder, name, format, encoding and stamp.
pub struct FileOf<'a> {
    pub dir: &'a Arc<Path>,
    pub name: &'a OsStr,
    pub format: Format,
    pub encoding: Option<&'static Encoding>,
    pub stamp: Option<Stamp>,
}

impl PathTable {
    /// Sets article `number`'s file; `number` is at most one past the last.
    pub fn set(&mut self, number: usize, file: FileOf<'_>) {
        let dir = self.dir_number(file.dir);
        let encoding = self.encoding_number(file.encoding);
        let (chunk, at) = (number / CHUNK, number % CHUNK);
        if chunk == self.paths.chunks.len() {
            self.paths.chunks.push(Arc::new(Chunk { rows: Vec::with_capacity(CHUNK), names: Vec::new() }));
        }
        let Some(chunk) = self.paths.chunks.get_mut(chunk) else { return };
        let chunk = Arc::make_mut(chunk);
        let row = PathRow {
            dir,
            name: Slice::push(&mut chunk.names, file.name.as_encoded_bytes()),
            format: file.format,
            encoding,
            stamp: file.stamp,
        };
        match chunk.rows.get_mut(at) {
            Some(old) => *old = row,
            None => chunk.rows.push(row),
        }
    }

    fn dir_number(&mut self, dir: &Arc<Path>) -> u32 {
        if let Some(&number) = self.dir_numbers.get(dir) {
            return number;
        }
        let dirs = Arc::make_mut(&mut self.paths.dirs);
        let number = u32::try_from(dirs.len()).unwrap_or(u32::MAX);
        dirs.push(Arc::clone(dir));
        self.dir_numbers.insert(Arc::clone(dir), number);
        number
    }

    fn encoding_number(&mut self, encoding: Option<&'static Encoding>) -> u8 {
        let Some(encoding) = encoding else { return 0 };
        let at = match self.paths.encodings.iter().position(|&e| e == encoding) {
            Some(at) => at,
            None => {
                let encodings = Arc::make_mut(&mut self.paths.encodings);
                encodings.push(encoding);
                encodings.len() - 1
            }
        };
        u8::try_from(at + 1).unwrap_or(0)
    }

    /// The files as they are now, for a search to hold.
    pub fn snapshot(&self) -> Paths {
        self.paths.clone()
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }
}

impl Paths {
    fn row(&self, number: usize) -> Option<(&Chunk, &PathRow)> {
        let chunk = self.chunks.get(number / CHUNK)?;
        Some((chunk, chunk.rows.get(number % CHUNK)?))
    }

    /// Articles with a file recorded.
    pub fn len(&self) -> usize {
        self.chunks.last().map_or(0, |last| (self.chunks.len() - 1) * CHUNK + last.rows.len())
    }

    /// The folder of article `number`, and its number among the folders.
    pub fn dir(&self, number: usize) -> Option<(u32, &Arc<Path>)> {
        let (_, row) = self.row(number)?;
        Some((row.dir, self.dirs.get(row.dir as usize)?))
    }

    /// The file name, exactly as the folder gave it (on unix, any bytes).
    pub fn file_name(&self, number: usize) -> &OsStr {
        let bytes = self.row(number).map_or(&[][..], |(chunk, row)| row.name.of(&chunk.names));
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
    pub fn path(&self, number: usize) -> PathBuf {
        match self.dir(number) {
            Some((_, dir)) => dir.join(self.file_name(number)),
            None => PathBuf::new(),
        }
    }

    pub fn format(&self, number: usize) -> Format {
        self.row(number).map_or(Format::Markdown, |(_, row)| row.format)
    }

    pub fn encoding(&self, number: usize) -> Option<&'static Encoding> {
        let (_, row) = self.row(number)?;
        row.encoding.checked_sub(1).and_then(|at| self.encodings.get(usize::from(at)).copied())
    }

    pub fn stamp(&self, number: usize) -> Option<Stamp> {
        self.row(number)?.1.stamp
    }

    /// Where article `number`'s body is, for the body search.
    pub fn source(&self, number: usize) -> BodySource {
        BodySource {
            index: number,
            path: self.path(number),
            format: self.format(number),
            encoding: self.encoding(number),
            stamp: self.stamp(number),
        }
    }
}

/// The bodies a search is to read: article numbers, and where they are.
#[derive(Debug, Clone)]
pub struct Bodies {
    paths: Paths,
    pub articles: Vec<u32>,
}

impl Bodies {
    pub fn new(paths: Paths, articles: Vec<u32>) -> Bodies {
        Bodies { paths, articles }
    }

    /// Where each body is, a path apiece (for tests and benchmarks; a
    /// search asks for them one at a time).
    pub fn sources(&self) -> Vec<BodySource> {
        self.articles.iter().map(|&number| self.paths.source(number as usize)).collect()
    }
}

impl BodySources for Bodies {
    fn count(&self) -> usize {
        self.articles.len()
    }

    fn source(&self, position: usize) -> Option<BodySource> {
        let number = *self.articles.get(position)? as usize;
        (number < self.paths.len()).then(|| self.paths.source(number))
    }

    fn stamp(&self, position: usize) -> Option<Stamp> {
        self.paths.stamp(*self.articles.get(position)? as usize)
    }
}

impl PartialEq for Bodies {
    fn eq(&self, other: &Bodies) -> bool {
        self.articles == other.articles
            && self.paths.chunks.len() == other.paths.chunks.len()
            && self.paths.chunks.iter().zip(&other.paths.chunks).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

impl Eq for Bodies {}
