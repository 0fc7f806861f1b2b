//! The real `folio` binary in a pseudo-terminal, watched as a person sees
//! it: its output is kept as it comes (a thread only appends bytes, so the
//! reader is never slowed by the watching), the screen is parsed only when
//! asked, and a keystroke is timed from writing it to the end of the frame
//! that answers it.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// What ratatui writes at the end of a frame that shows the cursor (the
/// filter line): show it, then move it (`ESC [ row ; col H`).
const SHOW_CURSOR: &[u8] = b"\x1b[?25h\x1b[";
/// …and at the end of a frame that hides it.
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

/// Everything the reader wrote, and whether it has closed the terminal.
#[derive(Default)]
struct Output {
    bytes: Vec<u8>,
    closed: bool,
}

pub struct Reader {
    output: Arc<(Mutex<Output>, Condvar)>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: vt100::Parser,
    /// How much of the output `screen` has seen.
    parsed: usize,
    pub started: Instant,
}

fn lock(output: &Mutex<Output>) -> MutexGuard<'_, Output> {
    output.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Reader {
    /// `folio ARGS` in a pty of `size` (columns, rows) with `env`.
    pub fn start(folio: &Path, args: &[&Path], env: &[(&str, &Path)], size: (u16, u16)) -> Result<Reader, String> {
        let (cols, rows) = size;
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .map_err(|e| format!("openpty: {e}"))?;
        let mut command = CommandBuilder::new(folio);
        command.args(args);
        for key in ["FOLIO_OPENER", "FOLIO_TEST_PANIC", "COLUMNS", "LINES", "NO_COLOR", "FOLIO_NO_CACHE"] {
            command.env_remove(key);
        }
        command.env("TERM", "xterm-256color");
        for (key, value) in env {
            command.env(key, value);
        }
        let started = Instant::now();
        let child = pair.slave.spawn_command(command).map_err(|e| format!("cannot start folio: {e}"))?;
        drop(pair.slave);
        let output = Arc::new((Mutex::new(Output::default()), Condvar::new()));
        let mut from = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
        let to = Arc::clone(&output);
        let writer = Arc::new(Mutex::new(pair.master.take_writer().map_err(|e| e.to_string())?));
        let answers = Arc::clone(&writer);
        thread::spawn(move || {
            let mut buffer = vec![0u8; 1 << 16];
            let mut tail: Vec<u8> = Vec::new();
            while let Ok(n @ 1..) = from.read(&mut buffer) {
                lock(&to.0).bytes.extend_from_slice(&buffer[..n]);
                to.1.notify_all();
                // As a terminal does, the status report and the device
                // attributes (no sixel) are answered: folio asks them at start.
                tail.extend_from_slice(&buffer[..n]);
                let mut answered = false;
                for (question, answer) in [(&b"\x1b[c"[..], &b"\x1b[?62;22c"[..]), (b"\x1b[5n", b"\x1b[0n")] {
                    if find(&tail, question).is_some() {
                        let mut writer = answers.lock().unwrap_or_else(|p| p.into_inner());
                        let _ = writer.write_all(answer).and_then(|()| writer.flush());
                        answered = true;
                    }
                }
                let keep = if answered { tail.len() } else { tail.len().saturating_sub(4) };
                tail.drain(..keep);
            }
            lock(&to.0).closed = true;
            to.1.notify_all();
        });
        let non_zero = |n: u16| std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN);
        let screen = vt100::Parser::new(non_zero(rows), non_zero(cols), 0);
        Ok(Reader { output, writer, _master: pair.master, child, screen, parsed: 0, started })
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits until the output after `from` holds `needle` `count` times,
    /// and the frame that wrote the last one ends: when, or `None` after `limit`.
    pub fn until_written(&self, from: usize, needle: &[u8], count: usize, limit: Duration) -> Option<Instant> {
        // Scanned as the bytes come (a transmission is megabytes: scanning
        // it all again at every read would hold the reader's writes up).
        // Where the next look starts: past the last one found, and no
        // further back than a needle's length before the end of the last look.
        let next = std::cell::Cell::new(0usize);
        let seen = std::cell::Cell::new(0usize);
        let last_end = std::cell::Cell::new(None::<usize>);
        self.wait_output(from, limit, |new| {
            if last_end.get().is_none() {
                let mut at = next.get();
                while let Some(found) = find(&new[at..], needle) {
                    at += found + needle.len();
                    seen.set(seen.get() + 1);
                    if seen.get() == count {
                        last_end.set(Some(at));
                        break;
                    }
                }
                next.set(at.max((new.len() + 1).saturating_sub(needle.len())));
            }
            last_end.get().is_some_and(|end| find(&new[end..], HIDE_CURSOR).is_some() || frame_ends(&new[end..]))
        })
    }

    /// Bytes written so far.
    pub fn written(&self) -> usize {
        lock(&self.output.0).bytes.len()
    }

    /// Waits until the output from `from` on satisfies `done` (given the new
    /// bytes), at most `limit`; the time it took.
    fn wait_output(&self, from: usize, limit: Duration, done: impl Fn(&[u8]) -> bool) -> Option<Instant> {
        let deadline = Instant::now() + limit;
        let (output, changed) = &*self.output;
        let mut guard = lock(output);
        loop {
            if guard.bytes.len() > from && done(&guard.bytes[from..]) {
                return Some(Instant::now());
            }
            let now = Instant::now();
            if guard.closed || now >= deadline {
                return None;
            }
            guard = changed.wait_timeout(guard, deadline - now).map(|(g, _)| g).unwrap_or_else(|p| p.into_inner().0);
        }
    }

    /// The time of the end of the first frame.
    pub fn first_frame(&self, limit: Duration) -> Option<Duration> {
        let at =
            self.wait_output(0, limit, |new| find(new, HIDE_CURSOR).is_some() || find(new, SHOW_CURSOR).is_some())?;
        Some(at - self.started)
    }

    /// Types `key` and waits for the end of the frame that shows it: the
    /// typed text itself, then the cursor put back on the filter line.
    pub fn keystroke(&mut self, key: &str, limit: Duration) -> Result<Duration, String> {
        let from = self.written();
        let start = Instant::now();
        self.send(key.as_bytes())?;
        let echoed = |new: &[u8]| find(new, key.as_bytes()).is_some_and(|at| frame_ends(&new[at..]));
        match self.wait_output(from, limit, echoed) {
            Some(at) => Ok(at - start),
            None => Err(format!("no frame showed {key:?} within {limit:?}:\n{}", self.screen_text())),
        }
    }

    /// Sends a key that changes the screen without echoing (a move, Enter)
    /// and waits for the next frame to end.
    pub fn frame_after(&mut self, key: &str, limit: Duration) -> Result<Duration, String> {
        let from = self.written();
        let start = Instant::now();
        self.send(key.as_bytes())?;
        let ended = |new: &[u8]| find(new, HIDE_CURSOR).is_some() || frame_ends(new);
        match self.wait_output(from, limit, ended) {
            Some(at) => Ok(at - start),
            None => Err(format!("no frame followed {key:?} within {limit:?}:\n{}", self.screen_text())),
        }
    }

    pub fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        writer.write_all(bytes).and_then(|()| writer.flush()).map_err(|e| format!("cannot type: {e}"))
    }

    /// The screen now (parsing what came since the last look).
    pub fn screen_text(&mut self) -> String {
        let (output, _) = &*self.output;
        let guard = lock(output);
        self.screen.process(&guard.bytes[self.parsed..]);
        self.parsed = guard.bytes.len();
        drop(guard);
        self.screen.screen().contents()
    }

    /// Polls the screen until `ok` holds, at most `limit`: the time since start.
    pub fn until(&mut self, limit: Duration, ok: impl Fn(&str) -> bool) -> Result<Duration, String> {
        let deadline = Instant::now() + limit;
        loop {
            let text = self.screen_text();
            if ok(&text) {
                return Ok(self.started.elapsed());
            }
            if Instant::now() >= deadline {
                return Err(format!("the screen never got there within {limit:?}:\n{text}"));
            }
            let from = self.written();
            let _ = self.wait_output(from, Duration::from_millis(50), |_| true);
        }
    }

    /// The reader's peak resident memory so far, in bytes (VmHWM).
    pub fn peak_rss(&self) -> Option<u64> {
        peak_rss(self.pid()?)
    }

    /// Quits (q) and waits for the process to end.
    pub fn quit(mut self) -> Result<(), String> {
        self.send(b"\x1b")?;
        self.send(b"q")?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        Err("folio did not quit".to_owned())
    }
}

/// Whether `bytes` hold the end of a frame that shows the cursor: the show,
/// and the whole cursor move after it.
fn frame_ends(bytes: &[u8]) -> bool {
    let Some(at) = find(bytes, SHOW_CURSOR) else { return false };
    let rest = &bytes[at + SHOW_CURSOR.len()..];
    rest.iter().position(|&b| b == b'H').is_some_and(|end| rest[..end].iter().all(|b| b.is_ascii_digit() || *b == b';'))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// Peak resident memory of process `pid` in bytes (VmHWM).
pub fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
