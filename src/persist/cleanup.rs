//! Caches of libraries not opened for a month (folders since moved or
//! deleted, temporary ones) are removed, so the cache folder does not grow
//! forever.

use std::path::Path;
use std::time::Duration;

/// Unused this long, a cache goes.
const MONTH: Duration = Duration::from_secs(30 * 24 * 3600);

/// Removes the files `<prefix>*.bin` beside `kept` (which was just written)
/// not modified for a month.
pub fn forget_unused(kept: &Path, prefix: &str) {
    let Some(entries) = kept.parent().and_then(|folder| std::fs::read_dir(folder).ok()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|n| n.starts_with(prefix) && n.ends_with(".bin"));
        let old =
            || entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age > MONTH));
        if ours && entry.path() != kept && old() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{File, FileTimes};
    use std::time::SystemTime;

    #[test]
    fn month_old_caches_of_the_same_kind_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = |name: &str| dir.path().join(name);
        let two_months_ago = SystemTime::now() - 2 * MONTH;
        for name in ["index-old.bin", "body-index-old.bin", "index-kept.bin", "index-new.bin", "index-old.txt"] {
            let file = File::create(path(name)).expect("created");
            if name.contains("old") || name == "index-kept.bin" {
                file.set_times(FileTimes::new().set_modified(two_months_ago)).expect("aged");
            }
        }
        forget_unused(&path("index-kept.bin"), "index-");
        let left = |name: &str| path(name).exists();
        assert!(!left("index-old.bin"), "a month-old index cache goes");
        assert!(left("index-kept.bin"), "the one just written stays, however old its time");
        assert!(left("index-new.bin") && left("index-old.txt"), "new ones and other files stay");
        assert!(left("body-index-old.bin"), "another kind of cache is not this one's to remove");
        forget_unused(&path("body-index-new.bin"), "body-index-");
        assert!(!left("body-index-old.bin"));
    }
}
