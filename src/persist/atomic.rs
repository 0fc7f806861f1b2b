//! Atomic file replacement: write a temporary file in the same folder,
//! rename it over the target. With [`Durability::Synced`] the file and the
//! folder are also fsynced, so a crash at any point leaves either the old
//! file or the new one, never a mix; caches skip that (a file cut short
//! fails its checksum and is rebuilt).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers the temporary files of this process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Whether a replaced file must survive a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync the file and its folder (the reading state).
    Synced,
    /// Only rename (caches: rebuilt when found damaged).
    Unsynced,
}

/// Replaces `path` with `bytes` atomically (see the module docs).
pub fn write_atomic(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
    write_atomic_with(path, durability, |writer| writer.write_all(bytes))
}

/// Replaces `path` atomically with what `fill` writes (buffered), e.g.
/// `serde_json::to_writer` without building the text in memory first. If
/// `fill` or anything after fails, the old file is untouched and the
/// temporary file (`.<name>.tmp-<pid>-<n>` beside it) is removed.
pub fn write_atomic_with(
    path: &Path,
    durability: Durability,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let (folder, temp) = temp_path(path)?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // What was read is nobody else's business.
        options.mode(0o600);
    }
    let file = options.open(&temp)?;
    let written = fill_and_sync(file, fill, durability).and_then(|()| fs::rename(&temp, path));
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    match durability {
        Durability::Synced => sync_folder(folder),
        Durability::Unsynced => Ok(()),
    }
}

/// The folder of `path` and a fresh temporary name in it.
fn temp_path(path: &Path) -> io::Result<(&Path, PathBuf)> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("{} names no file", path.display())))?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = folder.join(format!(".{}.tmp-{}-{n}", name.to_string_lossy(), std::process::id()));
    Ok((folder, temp))
}

/// Whether `name` is one of the temporary names for `target` (any process).
pub fn is_temp_name(name: &str, target: &str) -> bool {
    name.strip_prefix('.').and_then(|n| n.strip_prefix(target)).is_some_and(|n| n.starts_with(".tmp-"))
}

fn fill_and_sync(
    file: File,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    durability: Durability,
) -> io::Result<()> {
    let mut writer = BufWriter::with_capacity(64 * 1024, file);
    fill(&mut writer)?;
    let file = writer.into_inner().map_err(io::IntoInnerError::into_error)?;
    match durability {
        Durability::Synced => file.sync_all(),
        Durability::Unsynced => Ok(()),
    }
}

/// Makes the rename itself durable.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    match File::open(folder).and_then(|dir| dir.sync_all()) {
        // Some file systems cannot sync a folder; the rename stands.
        Err(error) if matches!(error.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => Ok(()),
        result => result,
    }
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised() {
        let (_, temp) = temp_path(Path::new("/x/state.json")).expect("temp");
        let name = temp.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(is_temp_name(name, "state.json"), "{name}");
        assert!(!is_temp_name("state.json", "state.json"));
        assert!(!is_temp_name(".state.json.tmp", "state.json"));
    }
}
