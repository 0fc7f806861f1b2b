//! Lock files that let one folio at a time do a thing (read, merge and
//! write the state file; build a library's body index): an exclusive
//! `flock`, released when dropped (or when the process dies). Other
//! platforms go without.

use std::io;
use std::path::Path;
use std::time::Duration;

/// Held while merging and writing.
#[derive(Debug)]
pub struct Lock {
    #[cfg(unix)]
    _file: std::fs::File,
}

impl Lock {
    /// Takes the lock on `path`, creating the file if needed, waiting at most
    /// `wait` for another folio to finish (a stopped one may hold it).
    #[cfg(unix)]
    pub fn acquire(path: &Path, wait: Duration) -> io::Result<Lock> {
        use rustix::fs::{FlockOperation, flock};
        use rustix::io::Errno;
        let file = lock_file(path)?;
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

    /// Takes the lock on `path`, waiting as long as another folio holds it
    /// (for work that is only worth doing once, one after the other).
    #[cfg(unix)]
    pub fn wait_for(path: &Path) -> io::Result<Lock> {
        use rustix::fs::{FlockOperation, flock};
        use rustix::io::Errno;
        let file = lock_file(path)?;
        loop {
            match flock(&file, FlockOperation::LockExclusive) {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(Errno::INTR) => {}
                Err(errno) => return Err(errno.into()),
            }
        }
    }

    #[cfg(not(unix))]
    pub fn acquire(_path: &Path, _wait: Duration) -> io::Result<Lock> {
        Ok(Lock {})
    }

    #[cfg(not(unix))]
    pub fn wait_for(_path: &Path) -> io::Result<Lock> {
        Ok(Lock {})
    }
}

/// The lock file at `path`, created if needed.
#[cfg(unix)]
fn lock_file(path: &Path) -> io::Result<std::fs::File> {
    crate::persist::open_regular_rw(path)
        // A read-only folder may still hold a lock file to lock.
        .or_else(|_| crate::persist::open_regular(path))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_waited_for_and_then_taken() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.lock");
        let held = Lock::wait_for(&path).expect("first");
        assert!(Lock::acquire(&path, Duration::from_millis(20)).is_err(), "held elsewhere");
        let (sender, receiver) = std::sync::mpsc::channel();
        let waiting = std::thread::spawn({
            let path = path.clone();
            move || {
                let lock = Lock::wait_for(&path);
                let _ = sender.send(());
                lock.is_ok()
            }
        });
        assert!(receiver.recv_timeout(Duration::from_millis(100)).is_err(), "still waiting");
        drop(held);
        assert!(receiver.recv_timeout(Duration::from_secs(5)).is_ok(), "taken once let go");
        assert!(waiting.join().unwrap_or(false));
    }
}
