//! Where an image's pixels come from and what is refused: fixtures of
//! known colours, a decompression bomb, a truncated file, a page with an
//! image's name; and the web through a local server answering each way a
//! real one does, each an image or a reason within the timeouts.

use crate::http::Server;
use folio::images::{self, Fetcher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images").join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture")
}

#[test]
fn a_picture_of_known_colours_decodes_to_them() {
    let png = bytes("colours.png");
    assert_eq!(images::decode::dimensions(&png), Ok((40, 40)));
    let pixels = images::decode::decode(&png).expect("decodes").to_rgb8();
    assert_eq!(pixels.get_pixel(0, 0).0, [255, 0, 0]);
    assert_eq!(pixels.get_pixel(39, 0).0, [0, 0, 255]);
    assert_eq!(pixels.get_pixel(0, 39).0, [0, 255, 0]);
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let bomb = bytes("bomb.png");
    assert!(bomb.len() < 200_000, "a small file");
    let started = Instant::now();
    let why = images::decode::decode(&bomb).expect_err("refused");
    assert!(why.contains("too large") && why.contains("20000×20000"), "{why}");
    assert!(started.elapsed() < Duration::from_secs(1), "refused before decoding");
    let file = std::io::BufReader::new(std::fs::File::open(fixture("bomb.png")).expect("open"));
    assert!(images::decode::dimensions_in(file).expect_err("refused").contains("too large"));
}

#[test]
fn broken_and_false_images_say_why() {
    let cut = images::decode::decode(&bytes("truncated.png")).expect_err("cut short");
    assert!(cut.contains("cut short") || cut.contains("broken"), "{cut}");
    let page = images::decode::decode(&bytes("page.png")).expect_err("no image");
    assert!(page.contains("not an image"), "{page}");
    assert!(images::decode::decode(b"").expect_err("empty").contains("empty"));
    let svg = images::decode::decode(b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>");
    assert!(svg.expect_err("svg").contains("SVG"));
}

#[test]
fn the_size_of_a_file_or_a_cached_web_image_is_known_at_once() {
    let path = fixture("colours.png");
    assert_eq!(images::known_size(&path.to_string_lossy(), None), Some(Ok((40, 40))));
    let missing = images::known_size("/no/such/folio/image.png", None);
    assert_eq!(missing, Some(Err("no such file".to_owned())));
    let dir = tempfile::tempdir().expect("temp");
    let cache = images::DiskCache::new(dir.path().to_owned(), images::CACHE_CAP);
    assert_eq!(images::known_size("https://example.test/a.png", Some(&cache)), None);
    cache.put("https://example.test/a.png", &bytes("colours.png")).expect("put");
    assert_eq!(images::known_size("https://example.test/a.png", Some(&cache)), Some(Ok((40, 40))));
}

/// Fetches `path` from `server` with a 3-second limit: what came, and how long it took.
fn fetch(server: &Server, path: &str) -> (Result<Vec<u8>, String>, Duration) {
    let started = Instant::now();
    let fetched = Fetcher::new(Duration::from_secs(3), images::MAX_BYTES).fetch(&server.url(path));
    (fetched, started.elapsed())
}

#[test]
fn web_images_come_or_say_why_within_the_timeouts() {
    let server = Server::start(bytes("colours.png"));
    let (ok, _) = fetch(&server, "/ok.png");
    assert_eq!(ok.expect("the image"), bytes("colours.png"));
    let cases = [
        ("/slow.png", "no answer in time"),
        ("/loop.png", "too many redirects"),
        ("/huge.png", "larger than 20 MB"),
        ("/endless.png", "larger than 20 MB"),
        ("/page.png", "not an image (text/html)"),
        ("/missing.png", "404"),
    ];
    for (path, reason) in cases {
        let (fetched, took) = fetch(&server, path);
        let why = fetched.expect_err(path);
        assert!(why.contains(reason), "{path}: {why}");
        assert!(took < Duration::from_secs(6), "{path} took {took:?}");
    }
}

#[test]
fn an_unknown_server_or_a_closed_port_says_so() {
    let fetcher = Fetcher::new(Duration::from_secs(3), images::MAX_BYTES);
    let unknown = fetcher.fetch("http://no-such-host.invalid/a.png").expect_err("no such host");
    assert!(unknown.contains("not known"), "{unknown}");
    // A port nobody listens on (bound, then closed).
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let refused = fetcher.fetch(&format!("http://127.0.0.1:{port}/a.png")).expect_err("refused");
    assert!(refused.contains("refused") || refused.contains("cannot connect"), "{refused}");
}

/// `pixels` (3 bytes a pixel, `width` wide) written as `format` by the image crate.
fn encoded(format: image::ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 { image::Rgb([255, 0, 0]) } else { image::Rgb([0, 0, 255]) }
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture).write_to(&mut bytes, format).expect("encode");
    bytes.into_inner()
}

#[test]
fn jpeg_gif_and_webp_decode_as_png_does() {
    for format in [image::ImageFormat::Jpeg, image::ImageFormat::Gif, image::ImageFormat::WebP, image::ImageFormat::Png]
    {
        let bytes = encoded(format, 64, 32);
        assert_eq!(images::decode::dimensions(&bytes), Ok((64, 32)), "{format:?}");
        let pixels = images::decode::decode(&bytes).expect("decodes").to_rgb8();
        let [r, _, b] = pixels.get_pixel(4, 16).0;
        assert!(r > 200 && b < 60, "{format:?}: left is red, got {:?}", pixels.get_pixel(4, 16));
        let [r, _, b] = pixels.get_pixel(60, 16).0;
        assert!(b > 200 && r < 60, "{format:?}: right is blue, got {:?}", pixels.get_pixel(60, 16));
    }
}

#[test]
fn a_web_image_not_fetched_yet_reserves_the_size_its_page_gives() {
    let document = folio::document::Document::parse(
        "<p><img src='https://example.test/a.jpg' width='800' height='450'><img src='https://example.test/b.jpg' width='100%'></p>",
        folio::document::BodyKind::Html,
        &folio::document::Base::Folder(std::path::PathBuf::from("/tmp")),
        &[],
    );
    assert_eq!(document.images[0].size_hint, Some((800, 450)));
    assert_eq!(document.images[1].size_hint, None);
    let dir = tempfile::tempdir().expect("temp");
    let cache = images::DiskCache::new(dir.path().to_owned(), images::CACHE_CAP);
    assert_eq!(images::expected_size(&document.images[0], Some(&cache)), Some(Ok((800, 450))));
    assert_eq!(images::expected_size(&document.images[1], Some(&cache)), None);
    // Web images off: nothing is reserved for what will never come.
    assert_eq!(images::expected_size(&document.images[0], None), None);
    // Once fetched, its own size wins.
    cache.put("https://example.test/a.jpg", &bytes("colours.png")).expect("put");
    assert_eq!(images::expected_size(&document.images[0], Some(&cache)), Some(Ok((40, 40))));
}
