//! The threads that get images ready, away from the keys and the screen:
//! two decode (read the file or the cache, decode within limits, scale,
//! encode for the terminal's protocol), three fetch from the web (into the
//! disk cache). A job of an article no longer open is dropped unstarted.

use super::cache::DiskCache;
use super::fetch::Fetcher;
use super::fit::fit;
use super::source::Source;
use image::DynamicImage;
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::kitty::Kitty;
use ratatui_image::sliced::SlicedProtocol;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// The most bytes a local image file may have.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
const DECODERS: usize = 2;
const FETCHERS: usize = 3;

/// An image encoded for the terminal at one size.
pub struct Picture {
    pub protocol: SlicedProtocol,
    pub cols: u16,
    pub rows: u16,
    /// The image's id in a kitty terminal (to delete it by).
    pub kitty_id: Option<u32>,
}

/// A kitty image id of folio's own: from a per-process start, so that two
/// readers in one terminal do not share ids (never 0).
fn next_kitty_id() -> u32 {
    use std::sync::atomic::AtomicU32;
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let start = || {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        (std::process::id().wrapping_mul(2_654_435_761) ^ nanos) | 1
    };
    let _ = NEXT.compare_exchange(0, start(), Ordering::Relaxed, Ordering::Relaxed);
    match NEXT.fetch_add(1, Ordering::Relaxed) {
        0 => NEXT.fetch_add(1, Ordering::Relaxed),
        id => id,
    }
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Picture({}×{})", self.cols, self.rows)
    }
}

/// How to draw an image: the protocol, and the room it has.
#[derive(Clone)]
pub struct Draw {
    pub picker: Picker,
    pub room: u16,
    pub max_rows: u16,
}

/// Image `image` of the document opened as `generation`.
pub struct Job {
    pub generation: u64,
    pub image: usize,
    pub source: Source,
    /// Encode it to draw (else only its size is wanted).
    pub draw: Option<Draw>,
    /// Its bytes, once fetched.
    bytes: Option<Arc<Vec<u8>>>,
}

impl Job {
    pub fn new(generation: u64, image: usize, source: Source, draw: Option<Draw>) -> Job {
        Job { generation, image, source, draw, bytes: None }
    }
}

/// What a job gave.
pub enum Done {
    /// The image's size in pixels, or why it cannot be drawn.
    Size {
        generation: u64,
        image: usize,
        size: Result<(u32, u32), String>,
    },
    Picture {
        generation: u64,
        image: usize,
        picture: Result<Picture, String>,
    },
}

/// The image threads; dropping it ends them once their jobs are done.
pub struct Workers {
    decode: Sender<Job>,
    current: Arc<AtomicU64>,
}

type Queue = Arc<Mutex<Receiver<Job>>>;

impl Workers {
    /// Threads that answer through `answer` (false: nobody listens any
    /// more); `cache` keeps web images, `remote` allows fetching them.
    pub fn start(
        answer: impl Fn(Done) -> bool + Send + Sync + 'static,
        cache: Option<DiskCache>,
        remote: bool,
    ) -> Workers {
        let answer: Arc<Answer> = Arc::new(answer);
        let current = Arc::new(AtomicU64::new(0));
        let (decode, decodes) = channel::<Job>();
        let (fetch, fetches) = channel::<Job>();
        let decodes: Queue = Arc::new(Mutex::new(decodes));
        let fetches: Queue = Arc::new(Mutex::new(fetches));
        let cache = Arc::new(cache);
        for _ in 0..DECODERS {
            let (queue, answer, current, cache) = (decodes.clone(), answer.clone(), current.clone(), cache.clone());
            let fetch = remote.then(|| fetch.clone());
            std::thread::spawn(move || {
                serve(&queue, &current, answer.as_ref(), |job| {
                    decode_job(job, answer.as_ref(), cache.as_ref().as_ref(), fetch.as_ref(), &current);
                });
            });
        }
        if remote {
            let fetcher = Fetcher::default();
            for _ in 0..FETCHERS {
                let (queue, answer, current, cache) = (fetches.clone(), answer.clone(), current.clone(), cache.clone());
                let (decode, fetcher) = (decode.clone(), fetcher.clone());
                std::thread::spawn(move || {
                    serve(&queue, &current, answer.as_ref(), |job| {
                        fetch_job(job, answer.as_ref(), cache.as_ref().as_ref(), &fetcher, &decode);
                    });
                });
            }
        }
        Workers { decode, current }
    }

    /// Jobs of other generations are dropped from now on.
    pub fn set_generation(&self, generation: u64) {
        self.current.store(generation, Ordering::Relaxed);
    }

    pub fn submit(&self, job: Job) {
        let _ = self.decode.send(job);
    }
}

/// Takes `queue`'s jobs one by one until it closes, doing those of the
/// `current` document; a job that panics (a bug in a decoder) is that
/// image's failure, and the thread goes on.
fn serve(queue: &Queue, current: &AtomicU64, answer: &Answer, work: impl Fn(Job)) {
    while let Some(job) = next(queue) {
        if job.generation != current.load(Ordering::Relaxed) {
            continue;
        }
        let (generation, image) = (job.generation, job.image);
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(job))).is_err() {
            let size = Err("it could not be decoded (an internal error)".to_owned());
            let _ = answer(Done::Size { generation, image, size });
        }
    }
}

fn next(queue: &Queue) -> Option<Job> {
    queue.lock().ok()?.recv().ok()
}

type Answer = dyn Fn(Done) -> bool + Send + Sync;

fn decode_job(
    mut job: Job,
    answer: &Answer,
    cache: Option<&DiskCache>,
    fetch: Option<&Sender<Job>>,
    current: &AtomicU64,
) {
    let bytes = match (&job.source, job.bytes.take()) {
        (_, Some(bytes)) => Ok(bytes),
        (Source::File(path), None) => read_file(path).map(Arc::new),
        (Source::Web(url), None) => match cache.and_then(|cache| cache.get(url)) {
            Some(bytes) => Ok(Arc::new(bytes)),
            None => match fetch {
                Some(fetch) => {
                    let _ = fetch.send(job);
                    return;
                }
                None => Err("images from the web are off (images_remote = false)".to_owned()),
            },
        },
    };
    let (generation, image) = (job.generation, job.image);
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(why) => {
            let _ = answer(Done::Size { generation, image, size: Err(why) });
            return;
        }
    };
    let size = super::decode::dimensions(&bytes);
    let failed = size.is_err();
    if !answer(Done::Size { generation, image, size }) || failed {
        return;
    }
    if let Some(draw) = job.draw {
        let pixels = super::decode::decode(&bytes);
        drop(bytes);
        // Another article opened meanwhile: no encoding for this one.
        if current.load(Ordering::Relaxed) != generation {
            return;
        }
        let picture = pixels.and_then(|pixels| encode(pixels, &draw));
        let _ = answer(Done::Picture { generation, image, picture });
    }
}

fn fetch_job(mut job: Job, answer: &Answer, cache: Option<&DiskCache>, fetcher: &Fetcher, decode: &Sender<Job>) {
    let Source::Web(url) = &job.source else { return };
    match fetcher.fetch_into(url, cache) {
        Ok(bytes) => {
            job.bytes = Some(Arc::new(bytes));
            let _ = decode.send(job);
        }
        Err(why) => {
            let _ = answer(Done::Size { generation: job.generation, image: job.image, size: Err(why) });
        }
    }
}

/// The file's bytes, up to the cap, or why not.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        _ => format!("cannot read it: {e}"),
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("larger than {} MB", MAX_FILE_BYTES / (1024 * 1024)));
    }
    Ok(bytes)
}

/// `pixels` scaled to fit `draw`'s room and encoded for its protocol.
pub fn encode(pixels: DynamicImage, draw: &Draw) -> Result<Picture, String> {
    let font = draw.picker.font_size();
    let fitted = fit((pixels.width(), pixels.height()), (font.width, font.height), draw.room, draw.max_rows)
        .ok_or_else(|| "no room to draw it".to_owned())?;
    let pixels = if (fitted.width, fitted.height) == (pixels.width(), pixels.height()) {
        pixels
    } else {
        pixels.thumbnail_exact(fitted.width, fitted.height)
    };
    let size = Size::new(fitted.cols, fitted.rows);
    let cannot = |e: ratatui_image::errors::Errors| format!("cannot encode it: {e}");
    if draw.picker.protocol_type() == ProtocolType::Kitty {
        // An id of folio's own, to delete the image by when it is done with.
        let id = next_kitty_id();
        let kitty = Kitty::new(pixels, size, id, draw.picker.tmux_detected(), false).map_err(cannot)?;
        let protocol = SlicedProtocol::Kitty(kitty);
        return Ok(Picture { protocol, cols: fitted.cols, rows: fitted.rows, kitty_id: Some(id) });
    }
    let protocol = SlicedProtocol::new(&draw.picker, pixels, Some(size)).map_err(cannot)?;
    Ok(Picture { protocol, cols: fitted.cols, rows: fitted.rows, kitty_id: None })
}
