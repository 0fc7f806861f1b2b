//! The lock file (`state.lock`) that lets one folio at a time read, merge
//! and write the state file: an exclusive `flock`, released when dropped
//! (or when the process dies). Other platforms go without.

use std::io;
use std::path::Path;
use std::time::Duration;

/// Held while merging and writing.
#[derive(Debug)]
pub(crate) struct Lock {
    #[cfg(unix)]
    _file: std::fs::File,
}

impl Lock {
    /// Takes the lock on `path`, creating the file if needed, waiting at most
    /// `wait` for another folio to finish (a stopped one may hold it).
    #[cfg(unix)]
    pub(crate) fn acquire(path: &Path, wait: Duration) -> io::Result<Lock> {
        use rustix::fs::{FlockOperation, flock};
        use rustix::io::Errno;
        let file = crate::persist::open_regular_rw(path)
            // A read-only folder may still hold a lock file to lock.
            .or_else(|_| crate::persist::open_regular(path))?;
        let deadline = std::time::Instant::now() + wait;
        loop {
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(Errno::INTR) => {}
                Err(Errno::WOULDBLOCK) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(Errno::WOULDBLOCK) => {
                    let message = format!("{} is held by another folio", path.display());
                    return Err(io::Error::new(io::ErrorKind::WouldBlock, message));
                }
                Err(errno) => return Err(errno.into()),
            }
        }
    }

    #[cfg(not(unix))]
    pub(crate) fn acquire(_path: &Path, _wait: Duration) -> io::Result<Lock> {
        Ok(Lock {})
    }
}
