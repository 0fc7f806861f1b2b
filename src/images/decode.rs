//! Image bytes into pixels, within limits: a decompression bomb or a
//! picture too large to draw is refused (never gigabytes of memory), a
//! broken or truncated file says so; GIFs give their first frame.

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The largest side decoded, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most memory one decoding may take.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// The types folio draws, by their first bytes.
pub fn kind(bytes: &[u8]) -> Option<ImageFormat> {
    image::guess_format(bytes)
        .ok()
        .filter(|f| matches!(f, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP))
}

/// Whether `bytes` read as an SVG drawing.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    head.contains("<svg")
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// A reader of `bytes`, with the limits set when `limited` (reading a
/// header needs none: it allocates no pixels, and its size is reported).
fn reader(bytes: &[u8], limited: bool) -> Result<ImageReader<Cursor<&[u8]>>, String> {
    let Some(format) = kind(bytes) else {
        return Err(if looks_like_svg(bytes) {
            "an SVG drawing (folio draws pictures only)".to_owned()
        } else if bytes.is_empty() {
            "an empty file".to_owned()
        } else {
            "not an image folio draws (JPEG, PNG, GIF or WebP)".to_owned()
        });
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    if limited {
        reader.limits(limits());
    }
    Ok(reader)
}

/// The image's size in pixels, from its header.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), String> {
    let (width, height) = reader(bytes, false)?.into_dimensions().map_err(|e| why(&e))?;
    check_size(width, height)?;
    Ok((width, height))
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) * 4 > MAX_ALLOC {
        return Err(format!("too large to draw ({width}×{height} pixels)"));
    }
    if width == 0 || height == 0 {
        return Err("an image without pixels".to_owned());
    }
    Ok(())
}

/// The image's pixels.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let (width, height) = reader(bytes, false)?.into_dimensions().map_err(|e| why(&e))?;
    check_size(width, height)?;
    reader(bytes, true)?.decode().map_err(|e| why(&e))
}

/// The size of the image in the file `read` gives (its header only is read).
pub fn dimensions_in(read: impl std::io::BufRead + std::io::Seek) -> Result<(u32, u32), String> {
    let reader = ImageReader::new(read).with_guessed_format().map_err(|e| format!("cannot read it: {e}"))?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP) => {}
        _ => return Err("not an image folio draws (JPEG, PNG, GIF or WebP)".to_owned()),
    }
    let (width, height) = reader.into_dimensions().map_err(|e| why(&e))?;
    check_size(width, height)?;
    Ok((width, height))
}

fn why(error: &image::ImageError) -> String {
    match error {
        image::ImageError::Limits(_) => "too large to draw".to_owned(),
        image::ImageError::Unsupported(e) => format!("a kind of image folio does not draw ({e})"),
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the file is cut short".to_owned()
        }
        other => format!("broken image: {other}"),
    }
}
