//! Opening article files relative to their folder: the folder is opened
//! once per run of its files, so the kernel does not look up the whole
//! path again for each of thousands of files. Only regular files are
//! opened (checked on the descriptor, never waiting on a FIFO).

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

use crate::persist::{Stamp, check_regular, open_regular};

/// The folder a reader thread opened last.
#[derive(Debug, Default)]
pub struct FolderCache {
    #[cfg(unix)]
    folder: Option<(Arc<Path>, Option<std::os::fd::OwnedFd>)>,
}

impl FolderCache {
    /// Opens `dir` unless it is the folder open already.
    #[cfg(unix)]
    fn enter(&mut self, dir: &Arc<Path>) {
        use rustix::fs::{Mode, OFlags, open};
        let cached = matches!(&self.folder, Some((open_dir, _)) if Arc::ptr_eq(open_dir, dir));
        if !cached {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            // A folder that cannot be opened still lets its files be opened by path.
            let fd = open(&**dir, flags, Mode::empty()).ok();
            self.folder = Some((Arc::clone(dir), fd));
        }
    }

    /// Opens `name` in `dir`; `full` is the same file as one path.
    #[cfg(unix)]
    pub fn open(&mut self, dir: &Arc<Path>, name: &std::ffi::OsStr, full: &Path) -> io::Result<File> {
        use rustix::fs::{Mode, OFlags, openat};
        self.enter(dir);
        match &self.folder {
            Some((_, Some(fd))) => {
                // Never waiting on a FIFO swapped in since the walk.
                let flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NONBLOCK;
                let file = File::from(openat(fd, name, flags, Mode::empty())?);
                check_regular(&file)?;
                Ok(file)
            }
            _ => open_regular(full),
        }
    }

    /// The size and modification time of `name` in `dir` (`full`), links followed.
    #[cfg(unix)]
    pub fn stamp(&mut self, dir: &Arc<Path>, name: &std::ffi::OsStr, full: &Path) -> io::Result<Stamp> {
        use rustix::fs::{AtFlags, statat};
        self.enter(dir);
        let stat = match &self.folder {
            Some((_, Some(fd))) => statat(fd, name, AtFlags::empty())?,
            _ => rustix::fs::stat(full)?,
        };
        let number = |n: i128| u64::try_from(n).map_err(io::Error::other);
        Ok(Stamp {
            size: number(i128::from(stat.st_size))?,
            seconds: i64::try_from(i128::from(stat.st_mtime)).map_err(io::Error::other)?,
            nanos: u32::try_from(i128::from(stat.st_mtime_nsec)).map_err(io::Error::other)?,
        })
    }

    /// The size and modification time of `full`.
    #[cfg(not(unix))]
    pub fn stamp(&mut self, _dir: &Arc<Path>, _name: &std::ffi::OsStr, full: &Path) -> io::Result<Stamp> {
        Stamp::of(full)
    }

    /// Opens `full` (other platforms have no `openat`).
    #[cfg(not(unix))]
    pub fn open(&mut self, _dir: &Arc<Path>, _name: &std::ffi::OsStr, full: &Path) -> io::Result<File> {
        open_regular(full)
    }
}
