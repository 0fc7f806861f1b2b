//! A small HTTP server on 127.0.0.1 for the image tests, started by the
//! test itself: each path a case a real server gives — an image, a slow
//! answer, a redirect loop, a body too large, a page with an image's
//! name, a missing file.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

pub struct Server {
    pub base: String,
    stop: Arc<AtomicBool>,
    /// Requests answered, by everyone.
    pub served: Arc<AtomicUsize>,
}

impl Server {
    /// Serves `image` (PNG bytes) at `/ok.png`.
    pub fn start(image: Vec<u8>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let stop = Arc::new(AtomicBool::new(false));
        let served = Arc::new(AtomicUsize::new(0));
        let (stopping, counting) = (stop.clone(), served.clone());
        let image = Arc::new(image);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let (image, counting) = (image.clone(), counting.clone());
                thread::spawn(move || {
                    counting.fetch_add(1, Ordering::SeqCst);
                    let _ = answer(stream, &image);
                });
            }
        });
        Server { base, stop, served }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so it sees the stop.
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
    }
}

fn answer(mut stream: TcpStream, image: &[u8]) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? <= 2 {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let head = |status: &str, kind: &str, length: usize| {
        format!("HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n")
    };
    match path.as_str() {
        "/ok.png" => {
            stream.write_all(head("200 OK", "image/png", image.len()).as_bytes())?;
            stream.write_all(image)?;
        }
        "/slow.png" => {
            // The headers, then a byte now and then, for a minute.
            stream.write_all(head("200 OK", "image/png", image.len()).as_bytes())?;
            for byte in image.iter().take(60) {
                stream.write_all(&[*byte])?;
                stream.flush()?;
                thread::sleep(Duration::from_secs(1));
            }
        }
        "/loop.png" => {
            stream.write_all(
                b"HTTP/1.1 302 Found\r\nLocation: /loop.png\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            )?;
        }
        "/huge.png" => {
            // 50 MB, said so up front.
            let size = 50 * 1024 * 1024;
            stream.write_all(head("200 OK", "image/png", size).as_bytes())?;
            let chunk = vec![0u8; 1024 * 1024];
            stream.write_all(image)?;
            for _ in 0..50 {
                stream.write_all(&chunk)?;
            }
        }
        "/endless.png" => {
            // No length: the body just goes on (a cap must stop it).
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n")?;
            stream.write_all(image)?;
            let chunk = vec![0u8; 1024 * 1024];
            for _ in 0..50 {
                stream.write_all(&chunk)?;
            }
        }
        "/page.png" => {
            let page = b"<!DOCTYPE html><html><body>Not found, but with a 200</body></html>";
            stream.write_all(head("200 OK", "text/html; charset=utf-8", page.len()).as_bytes())?;
            stream.write_all(page)?;
        }
        _ => {
            let body = b"no such image";
            stream.write_all(head("404 Not Found", "text/plain", body.len()).as_bytes())?;
            stream.write_all(body)?;
        }
    }
    stream.flush()
}
