//! The sample library embedded in the binary, unpacked on first use into
//! the cache folder so that its local images open like any file.

use include_dir::{Dir, include_dir};
use std::io;
use std::path::{Path, PathBuf};

static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/sample");

/// Marks a completely unpacked copy.
const COMPLETE: &str = ".complete";

/// The folder holding the sample library, unpacked if needed: under the
/// cache folder `cache`, else under the temp folder.
pub fn sample_library(cache: &Path) -> io::Result<PathBuf> {
    let mut last_error = None;
    let private_temp = std::env::temp_dir().join(format!("folio-{}", user_tag()));
    for base in [cache.to_owned(), private_temp] {
        match sample_library_in(&base) {
            Ok(target) => return Ok(target),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no folder to unpack the sample library into")))
}

/// The sample library unpacked under `base` (once; later calls reuse it).
pub fn sample_library_in(base: &Path) -> io::Result<PathBuf> {
    let name = format!("sample-{}-{:016x}", env!("CARGO_PKG_VERSION"), fingerprint(&SAMPLE));
    let target = base.join(name);
    if base.starts_with(std::env::temp_dir()) && base.exists() {
        owned_by_us(base)?;
    }
    if !target.join(COMPLETE).is_file() {
        unpack(base, &target)?;
    }
    Ok(target)
}

/// A folder in the shared temp folder must be ours alone: another user
/// could have made it first and filled it with anything.
#[cfg(unix)]
fn owned_by_us(folder: &Path) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(folder)?;
    let ours = meta.is_dir() && meta.uid() == rustix::process::getuid().as_raw() && meta.mode() & 0o022 == 0;
    if ours { Ok(()) } else { Err(io::Error::other(format!("{} is not a private folder of ours", folder.display()))) }
}

#[cfg(not(unix))]
fn owned_by_us(_folder: &Path) -> io::Result<()> {
    Ok(())
}

/// Something that keeps users apart in a shared temp folder.
fn user_tag() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "user".to_owned())
}

/// Writes the sample into a fresh folder beside `target`, then renames it
/// into place, so a half-written copy is never used.
fn unpack(base: &Path, target: &Path) -> io::Result<()> {
    std::fs::create_dir_all(base)?;
    if base.starts_with(std::env::temp_dir()) {
        owned_by_us(base)?;
    }
    let staging = base.join(format!(".unpacking-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    write_dir(&SAMPLE, &staging)?;
    std::fs::write(staging.join(COMPLETE), b"")?;
    match std::fs::rename(&staging, target) {
        Ok(()) => Ok(()),
        // Another folio unpacked it at the same time.
        Err(_) if target.join(COMPLETE).is_file() => std::fs::remove_dir_all(&staging),
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(error)
        }
    }
}

fn write_dir(dir: &Dir<'_>, into: &Path) -> io::Result<()> {
    std::fs::create_dir_all(into)?;
    for file in dir.files() {
        std::fs::write(into.join(file.path().file_name().unwrap_or_default()), file.contents())?;
    }
    for sub in dir.dirs() {
        write_dir(sub, &into.join(sub.path().file_name().unwrap_or_default()))?;
    }
    Ok(())
}

/// FNV-1a over every path and content, so a changed sample unpacks anew.
fn fingerprint(dir: &Dir<'_>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            feed(file.path().as_os_str().as_encoded_bytes());
            feed(file.contents());
        }
        stack.extend(dir.dirs());
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() != COMPLETE)
            .map(|e| {
                let rel = e.path().strip_prefix(dir).expect("inside").to_owned();
                (rel, std::fs::read(e.path()).expect("readable"))
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn unpacks_every_file_exactly_once() {
        let base = tempfile::tempdir().expect("tempdir");
        let first = sample_library_in(base.path()).expect("unpacked");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
        assert_eq!(files_under(&first), files_under(&source));
        let modified = std::fs::metadata(first.join(COMPLETE)).and_then(|m| m.modified()).expect("marker");
        let second = sample_library_in(base.path()).expect("reused");
        assert_eq!(first, second);
        let again = std::fs::metadata(second.join(COMPLETE)).and_then(|m| m.modified()).expect("marker");
        assert_eq!(modified, again, "not unpacked twice");
    }
}
