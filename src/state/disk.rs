//! Reading the state file: parsed and checked, or a reason it cannot be
//! used; moving a bad file aside; telling whether the file changed since we
//! last read or wrote it.

use super::model::{StateFile, VERSION};
use crate::persist::Stamp;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Why the state file cannot be used.
#[derive(Debug)]
pub(crate) struct Bad {
    pub(crate) reason: String,
    /// It is a file (or link) that can be moved aside, not a folder.
    pub(crate) movable: bool,
}

/// The file as we last read or wrote it. On unix the file stays open, so
/// its inode number cannot be reused by a later file while we compare.
#[derive(Debug)]
pub(crate) struct Seen {
    #[cfg(unix)]
    _held: File,
    stamp: Identity,
}

/// Which file it is: its stamp and, on unix, its device and inode (every
/// writer replaces the file by renaming, which changes the inode).
#[derive(Debug, PartialEq)]
struct Identity {
    stamp: Stamp,
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
}

impl Identity {
    fn of(meta: &std::fs::Metadata) -> Identity {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Identity {
            stamp: Stamp::from_metadata(meta),
            #[cfg(unix)]
            device: meta.dev(),
            #[cfg(unix)]
            inode: meta.ino(),
        }
    }
}

impl Seen {
    /// Opens the file now at `path` to remember it (after writing it).
    pub(crate) fn now(path: &Path) -> Option<Seen> {
        let file = crate::persist::open_regular(path).ok()?;
        let stamp = Identity::of(&file.metadata().ok()?);
        Some(Seen::from(file, stamp))
    }

    fn from(file: File, stamp: Identity) -> Seen {
        #[cfg(not(unix))]
        drop(file);
        Seen {
            #[cfg(unix)]
            _held: file,
            stamp,
        }
    }

    /// Whether the file at `path` is still the one seen (every writer
    /// replaces it by renaming, which changes the inode).
    pub(crate) fn unchanged(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|meta| Identity::of(&meta) == self.stamp)
    }
}

/// The state at `path`: `None` if there is no file.
pub(crate) fn read(path: &Path) -> Result<Option<(StateFile, Seen)>, Bad> {
    let movable = || std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir());
    let bad = |reason: String| Bad { reason, movable: movable() };
    let mut file = match crate::persist::open_regular(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        // A FIFO, a socket, a device: not ours to read, nor to move aside.
        Err(error) if error.kind() == io::ErrorKind::InvalidInput => {
            return Err(Bad { reason: error.to_string(), movable: false });
        }
        Err(error) => return Err(bad(error.to_string())),
    };
    let meta = file.metadata().map_err(|e| bad(e.to_string()))?;
    let stamp = Identity::of(&meta);
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes).map_err(|e| bad(e.to_string()))?;
    let mut state = parse(&bytes).map_err(bad)?;
    state.tidy();
    Ok(Some((state, Seen::from(file, stamp))))
}

fn parse(bytes: &[u8]) -> Result<StateFile, String> {
    match serde_json::from_slice::<StateFile>(bytes) {
        Ok(state) if state.version == VERSION => Ok(state),
        Ok(state) => Err(version_problem(u64::from(state.version))),
        // A newer folio may have changed more than the version.
        Err(error) => match version_of(bytes) {
            Some(version) if version > u64::from(VERSION) => Err(version_problem(version)),
            _ => Err(error.to_string()),
        },
    }
}

fn version_problem(version: u64) -> String {
    if version > u64::from(VERSION) {
        format!("written by a newer folio, format version {version}")
    } else {
        format!("unknown format version {version}")
    }
}

/// The top-level `version` of a file that did not parse as ours.
fn version_of(bytes: &[u8]) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Probe {
        version: u64,
    }
    serde_json::from_slice::<Probe>(bytes).ok().map(|p| p.version)
}

/// Renames the file at `path` to `<name>.corrupt-<UTC time>` (with `-2`…
/// if taken) beside it and returns the new path.
pub(crate) fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let time = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    for n in 1..1000 {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let aside = path.with_file_name(format!("{name}.corrupt-{time}{suffix}"));
        if std::fs::symlink_metadata(&aside).is_err() {
            std::fs::rename(path, &aside)?;
            return Ok(aside);
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "too many state files moved aside"))
}

/// Removes temporary files left by a folio killed while writing `target`
/// (call with the lock held: nobody else is writing one then).
pub(crate) fn remove_stale_temps(folder: &Path, target: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_str().is_some_and(|name| crate::persist::is_temp_name(name, target)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_other_than_ours_are_refused_with_a_reason() {
        assert!(parse(br#"{"version":1}"#).is_ok());
        assert_eq!(
            parse(br#"{"version":3,"libraries":{}}"#).err().as_deref(),
            Some("written by a newer folio, format version 3")
        );
        let odd = parse(br#"{"version":99999999999,"x":[]}"#).err().unwrap_or_default();
        assert!(odd.contains("newer folio"), "{odd}");
        assert_eq!(parse(br#"{"version":0}"#).err().as_deref(), Some("unknown format version 0"));
        assert!(parse(br#"{"version":"1"}"#).is_err());
    }
}
