//! What tells that a file changed since it was read: its size and
//! modification time.

use std::io;
use std::path::Path;

/// A file's size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Stamp {
    pub size: u64,
    /// Seconds since the Unix epoch (negative before it).
    pub seconds: i64,
    pub nanos: u32,
}

impl Stamp {
    pub fn of(path: &Path) -> io::Result<Stamp> {
        Ok(Stamp::from_metadata(&std::fs::metadata(path)?))
    }

    pub fn from_metadata(metadata: &std::fs::Metadata) -> Stamp {
        let (seconds, nanos) = match metadata.modified() {
            Ok(time) => match time.duration_since(std::time::UNIX_EPOCH) {
                Ok(after) => (i64::try_from(after.as_secs()).unwrap_or(i64::MAX), after.subsec_nanos()),
                Err(before) => {
                    let before = before.duration();
                    let seconds = -i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                    match before.subsec_nanos() {
                        0 => (seconds, 0),
                        nanos => (seconds - 1, 1_000_000_000 - nanos),
                    }
                }
            },
            // No modification time: a stamp that never settles, so the
            // file is never trusted to a cache.
            Err(_) => (i64::MAX, 0),
        };
        Stamp { size: metadata.len(), seconds, nanos }
    }
}
