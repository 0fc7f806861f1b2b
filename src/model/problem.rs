//! Problems met while loading: a file that could not be read, or that
//! loaded with something worth knowing.

use std::path::PathBuf;

/// What kind of trouble a file gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A PATH given on the command line does not exist or cannot be read.
    MissingPath,
    /// The file or folder could not be read (permissions, I/O).
    Unreadable,
    /// NUL bytes: not a text file.
    Binary,
    /// Over the size limit; not read.
    TooLarge,
    /// Nothing but whitespace.
    Empty,
    /// A symbolic link that leads back into a folder being walked.
    SymlinkLoop,
    /// The article loaded, with something worth knowing (bad YAML, bad date).
    Warning,
    /// folio itself failed on the file (a bug).
    Internal,
    /// A mistake in config.toml (the file's default used there).
    Config,
}

/// A file that could not be loaded, or loaded with a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub kind: ProblemKind,
    pub message: String,
}
