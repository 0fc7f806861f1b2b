//! Images fetched from the web, kept on disk (in the cache folder's
//! `images`): keyed by their URL, used again when an article is reopened
//! and offline; the least recently used go when the folder passes its cap.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The folder's cap in bytes.
pub const CAP: u64 = 200 * 1024 * 1024;

/// What opens each cached file, before the URL and the image's bytes.
const MAGIC: &[u8] = b"folio image 1\n";

#[derive(Debug, Clone)]
pub struct DiskCache {
    folder: PathBuf,
    cap: u64,
}

/// FNV-1a: a stable hash of the URL for the file's name.
fn key(url: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in url.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl DiskCache {
    /// The cache in `folder` (made when first written), holding at most `cap` bytes.
    pub fn new(folder: PathBuf, cap: u64) -> DiskCache {
        DiskCache { folder, cap }
    }

    fn path(&self, url: &str) -> PathBuf {
        self.folder.join(key(url))
    }

    /// The image kept for `url`, if any (marked as used now).
    pub fn get(&self, url: &str) -> Option<Vec<u8>> {
        let path = self.path(url);
        let mut bytes = Vec::new();
        fs::File::open(&path).ok()?.read_to_end(&mut bytes).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let newline = rest.iter().position(|&b| b == b'\n')?;
        if &rest[..newline] != url.as_bytes() {
            return None;
        }
        let start = MAGIC.len() + newline + 1;
        touch(&path);
        bytes.drain(..start);
        Some(bytes)
    }

    /// Whether an image is kept for `url` (without reading it).
    pub fn has(&self, url: &str) -> bool {
        self.path(url).is_file()
    }

    /// Keeps `image` for `url`, then makes room under the cap.
    pub fn put(&self, url: &str, image: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.folder)?;
        let path = self.path(url);
        let partial = path.with_extension("partial");
        let mut file = fs::File::create(&partial)?;
        file.write_all(MAGIC)?;
        file.write_all(url.as_bytes())?;
        file.write_all(b"\n")?;
        file.write_all(image)?;
        file.sync_all()?;
        fs::rename(&partial, &path)?;
        self.evict(&path);
        Ok(())
    }

    /// Removes the least recently used files until the folder is under
    /// its cap (`keep`, just written, stays).
    fn evict(&self, keep: &Path) {
        let Ok(entries) = fs::read_dir(&self.folder) else { return };
        let mut files: Vec<(SystemTime, u64, PathBuf)> = entries
            .flatten()
            .filter_map(|entry| {
                let meta = entry.metadata().ok()?;
                meta.is_file().then(|| (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len(), entry.path()))
            })
            .collect();
        let mut total: u64 = files.iter().map(|(_, len, _)| len).sum();
        if total <= self.cap {
            return;
        }
        files.sort();
        for (_, len, path) in files {
            if total <= self.cap {
                break;
            }
            if path != keep && fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }
}

/// Marks `path` as used now (its modification time is the recency).
fn touch(path: &Path) {
    if let Ok(file) = fs::File::options().append(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_by_url_and_read_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = DiskCache::new(dir.path().join("images"), CAP);
        assert_eq!(cache.get("https://a/x.png"), None);
        cache.put("https://a/x.png", b"PNGDATA").expect("put");
        assert!(cache.has("https://a/x.png"));
        assert_eq!(cache.get("https://a/x.png").as_deref(), Some(&b"PNGDATA"[..]));
        assert_eq!(cache.get("https://a/y.png"), None);
    }

    #[test]
    fn the_least_recently_used_go_past_the_cap() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = DiskCache::new(dir.path().to_owned(), 3000);
        let old = SystemTime::now() - std::time::Duration::from_secs(100);
        for (i, url) in ["u1", "u2", "u3"].iter().enumerate() {
            cache.put(url, &[0u8; 900]).expect("put");
            let file = fs::File::options().append(true).open(cache.path(url)).expect("open");
            file.set_modified(old + std::time::Duration::from_secs(i as u64)).expect("time");
        }
        // u1 is used again: u2 is now the least recently used.
        assert!(cache.get("u1").is_some());
        cache.put("u4", &[0u8; 900]).expect("put");
        assert!(cache.has("u1") && cache.has("u3") && cache.has("u4"));
        assert!(!cache.has("u2"));
    }
}
