//! Images drawn in the reading pane, where they stand in the text: the
//! protocol the terminal speaks (kitty, iTerm2, sixel, else half-blocks),
//! where the pixels come from (files, the web through a disk cache), and
//! the threads that decode, scale and encode them off the main thread.

mod cache;
pub mod decode;
pub mod detect;
mod fetch;
mod fit;
mod mode;
mod source;
mod work;

pub use cache::{CAP as CACHE_CAP, DiskCache};
pub use fetch::{Fetcher, MAX_BYTES};
pub use fit::{Fit, fit, max_rows};
pub use mode::ImageMode;
pub use source::{Source, source};
pub use work::{Done, Draw, Job, Picture, Workers, encode, read_file};

/// The disk cache of web images under folio's cache folder.
pub fn disk_cache(paths: &crate::config::Paths) -> DiskCache {
    DiskCache::new(paths.cache.join("images"), CACHE_CAP)
}

/// The size to reserve for `image` when its article opens: what
/// [`known_size`] tells, else (for a web image to be fetched, when web
/// images are: `cache` given) the size its page gives.
pub fn expected_size(image: &crate::document::Image, cache: Option<&DiskCache>) -> Option<Result<(u32, u32), String>> {
    known_size(&image.url, cache).or_else(|| cache.and(image.size_hint).map(Ok))
}

/// The size in pixels of the image at `url`, when it can be told without
/// waiting: a file's header, or a web image already in `cache`. `None`:
/// not known yet (a web image to fetch, or web images are off).
pub fn known_size(url: &str, cache: Option<&DiskCache>) -> Option<Result<(u32, u32), String>> {
    match source(url) {
        Ok(Source::File(path)) => Some(match std::fs::File::open(&path) {
            Ok(file) => decode::dimensions_in(std::io::BufReader::new(file)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err("no such file".to_owned()),
            Err(e) => Err(format!("cannot read it: {e}")),
        }),
        Ok(Source::Web(url)) => cache?.get(&url).map(|bytes| decode::dimensions(&bytes)),
        Err(why) => Some(Err(why)),
    }
}
