//! A pseudo-terminal harness for the end-to-end tests: the real `folio`
//! binary run in a pty, its output fed to a `vt100` screen, the screen kept
//! as of the end of each frame the reader drew, and waits that fail with the
//! screen printed.
#![allow(dead_code)]

mod library;

pub use library::*;

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The sequences crossterm writes to give the terminal back: bracketed paste,
/// the five mouse modes, the alternate screen, the cursor.
pub const RESTORE: [&[u8]; 8] = [
    b"\x1b[?2004l",
    b"\x1b[?1006l",
    b"\x1b[?1015l",
    b"\x1b[?1003l",
    b"\x1b[?1002l",
    b"\x1b[?1000l",
    b"\x1b[?1049l",
    b"\x1b[?25h",
];
pub const ENTER_ALTERNATE: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";

/// The lock, even if a failed assertion poisoned it.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Finds where the reader's frames end in its output. ratatui ends every
/// frame by hiding the cursor (`ESC [ ? 25 l`), or by showing it
/// (`ESC [ ? 25 h`) and moving it (`ESC [ row ; column H`) when a line is
/// being typed; nothing else folio writes does either. The screen as of a
/// frame's end is whole: its output is seldom read in one piece, and a test
/// looking in between would see half of one frame over the last.
#[derive(Default)]
struct FrameEnds {
    /// The escape sequence being read, from its ESC.
    sequence: Vec<u8>,
    /// The cursor was just shown: a move next ends the frame.
    shown: bool,
}

impl FrameEnds {
    /// Reads `byte`: whether a frame ends with it.
    fn ends_with(&mut self, byte: u8) -> bool {
        if self.sequence.is_empty() {
            if byte == 0x1b {
                self.sequence.push(byte);
            } else {
                self.shown = false;
            }
            return false;
        }
        self.sequence.push(byte);
        if self.sequence.len() == 2 && byte != b'[' || self.sequence.len() > 64 {
            // Not a control sequence (or not one of ratatui's).
            self.sequence.clear();
            self.shown = false;
            return false;
        }
        if self.sequence.len() == 2 || !(0x40..=0x7e).contains(&byte) {
            return false;
        }
        let ends = match &self.sequence[2..] {
            b"?25l" => true,
            b"?25h" => {
                self.shown = true;
                self.sequence.clear();
                return false;
            }
            _ => self.shown && byte == b'H',
        };
        self.sequence.clear();
        self.shown = false;
        ends
    }
}

/// The questions a program asks its terminal, found in its output (also
/// across reads), each with the answer a plain VT220-like terminal gives.
#[derive(Default)]
struct Questions {
    tail: Vec<u8>,
}

impl Questions {
    const ASKED: [(&'static [u8], &'static [u8]); 2] = [(b"\x1b[5n", b"\x1b[0n"), (b"\x1b[c", b"\x1b[?62;22c")];

    fn answers(&mut self, bytes: &[u8]) -> Vec<&'static [u8]> {
        let mut seen = std::mem::take(&mut self.tail);
        let kept = seen.len();
        seen.extend_from_slice(bytes);
        let mut answers = Vec::new();
        // In order of where each question stands.
        let mut found: Vec<(usize, &'static [u8])> = Vec::new();
        for (question, answer) in Questions::ASKED {
            let mut from = 0;
            while let Some(at) = find(&seen[from..], question) {
                if from + at + question.len() > kept {
                    found.push((from + at, answer));
                }
                from += at + question.len();
            }
        }
        found.sort_by_key(|(at, _)| *at);
        answers.extend(found.into_iter().map(|(_, answer)| answer));
        let keep = seen.len().saturating_sub(4);
        self.tail = seen.split_off(keep);
        answers
    }
}

/// The screen as of the end of the last frame, and how many there were.
#[derive(Default)]
struct Frames {
    last: Option<vt100::Screen>,
    count: u64,
}

/// A program running in a pseudo-terminal, its screen and its raw output.
pub struct Term {
    /// The screen as the bytes come (also what a shell writes).
    live: Arc<Mutex<vt100::Parser>>,
    frames: Arc<Mutex<Frames>>,
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
}

impl Term {
    /// Runs `argv` in a 30 × 100 pty with `env` added, in `cwd`.
    pub fn spawn<S: AsRef<OsStr>>(argv: &[S], env: &[(String, String)], cwd: &Path) -> Term {
        Term::spawn_sized(argv, env, cwd, (30, 100))
    }

    /// `spawn` in a pty of (rows, columns).
    pub fn spawn_sized<S: AsRef<OsStr>>(
        argv: &[S],
        env: &[(String, String)],
        cwd: &Path,
        (rows, cols): (u16, u16),
    ) -> Term {
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("openpty");
        let mut command = CommandBuilder::new(&argv[0]);
        command.args(&argv[1..]);
        command.cwd(cwd);
        for key in ["FOLIO_OPENER", "FOLIO_TEST_PANIC", "COLUMNS", "LINES", "NO_COLOR"] {
            command.env_remove(key);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        // Only the child holds the terminal side now, so its end is our EOF.
        drop(pair.slave);
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
        let live = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let frames = Arc::new(Mutex::new(Frames::default()));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let (to_live, to_frames, to_raw, to_closed) = (live.clone(), frames.clone(), raw.clone(), closed.clone());
        let answers = writer.clone();
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            let mut ends = FrameEnds::default();
            let mut questions = Questions::default();
            // Linux answers EIO once the last terminal-side descriptor closes.
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                lock(&to_raw).extend_from_slice(&buffer[..n]);
                // As a terminal does: the device attributes (a VT220 without
                // sixel) and the status report; nothing to kitty's query.
                for answer in questions.answers(&buffer[..n]) {
                    let mut writer = lock(&answers);
                    let _ = writer.write_all(answer).and_then(|()| writer.flush());
                }
                let mut parser = lock(&to_live);
                let mut from = 0;
                for at in 0..n {
                    if ends.ends_with(buffer[at]) {
                        parser.process(&buffer[from..=at]);
                        from = at + 1;
                        let mut frames = lock(&to_frames);
                        frames.last = Some(parser.screen().clone());
                        frames.count += 1;
                    }
                }
                parser.process(&buffer[from..n]);
            }
            to_closed.store(true, Ordering::SeqCst);
        });
        Term { live, frames, raw, closed, writer, master: pair.master, child }
    }

    /// `folio ARGS...` over `library`, with `extra` environment.
    pub fn folio<S: AsRef<OsStr>>(library: &Library, args: &[S], extra: &[(&str, &str)]) -> Term {
        let mut argv = vec![FOLIO.as_ref()];
        argv.extend(args.iter().map(|a| a.as_ref()));
        Term::spawn(&argv, &with(library, extra), library.dir.path())
    }

    /// `folio` as above in a pty of (rows, columns).
    pub fn folio_sized<S: AsRef<OsStr>>(library: &Library, args: &[S], size: (u16, u16)) -> Term {
        let mut argv = vec![FOLIO.as_ref()];
        argv.extend(args.iter().map(|a| a.as_ref()));
        Term::spawn_sized(&argv, &with(library, &[]), library.dir.path(), size)
    }

    /// `sh -c SCRIPT` with the library's environment (`$FOLIO`, `$LIB`...).
    pub fn sh(library: &Library, script: &str, extra: &[(&str, &str)]) -> Term {
        Term::spawn(&["sh", "-c", script], &with(library, extra), library.dir.path())
    }

    /// Types `bytes`, as a terminal would send them.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        let mut writer = lock(&self.writer);
        writer.write_all(bytes.as_ref()).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits until a frame the reader drew shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contents().contains(text));
    }

    /// Waits until `ok` holds for a frame the reader drew.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        self.wait_until_in(TIMEOUT, what, ok);
    }

    /// Waits until `ok` holds for a frame drawn after the first `frames`
    /// (see `frame_count`): the last frame before may well show it too.
    pub fn wait_until_after(&self, frames: u64, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let drawn = || {
            let frames_now = lock(&self.frames);
            frames_now.count > frames && frames_now.last.as_ref().is_some_and(&ok)
        };
        poll(&format!("{what} (in a new frame)"), TIMEOUT, drawn, || self.describe());
    }

    /// `wait_until`, failing after `timeout`.
    pub fn wait_until_in(&self, timeout: Duration, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let drawn = || lock(&self.frames).last.as_ref().is_some_and(&ok);
        poll(what, timeout, drawn, || self.describe());
    }

    /// Waits until the screen as written so far shows `text`: what a shell
    /// prints, not only the reader's frames.
    pub fn wait_for_output(&self, text: &str) {
        let shown = || lock(&self.live).screen().contents().contains(text);
        poll(&format!("{text:?} written"), TIMEOUT, shown, || self.describe());
    }

    /// The last frame and the screen as written since, for a failure.
    fn describe(&self) -> String {
        let frame = self.contents();
        let live = self.live_contents();
        if frame == live {
            format!("the screen:\n{frame}")
        } else {
            format!("the last frame:\n{frame}\nthe screen as written since:\n{live}")
        }
    }

    /// Runs `look` on the last frame the reader drew (an empty screen
    /// before the first).
    pub fn look<R>(&self, look: impl FnOnce(&vt100::Screen) -> R) -> R {
        let frames = lock(&self.frames);
        match &frames.last {
            Some(screen) => look(screen),
            None => look(vt100::Parser::default().screen()),
        }
    }

    /// The last frame's text.
    pub fn contents(&self) -> String {
        self.look(|s| s.contents())
    }

    /// The last frame's rows, cut to `width` columns from `column`.
    pub fn rows(&self, column: u16, width: u16) -> Vec<String> {
        self.look(|s| s.rows(column, width).collect())
    }

    /// How many frames the reader has drawn.
    pub fn frame_count(&self) -> u64 {
        lock(&self.frames).count
    }

    /// Runs `look` on the screen as written so far.
    pub fn look_live<R>(&self, look: impl FnOnce(&vt100::Screen) -> R) -> R {
        look(lock(&self.live).screen())
    }

    pub fn live_contents(&self) -> String {
        self.look_live(|s| s.contents())
    }

    /// Writes `text` to `path`, again every 300 ms, until a frame shows
    /// `ok`; returns how long that took from the first write. Live reload
    /// starts once the list is complete, in the background, with nothing on
    /// screen to say it runs: a file written before it began goes unseen, but
    /// each write is an event it sees once it runs.
    pub fn write_until(&self, path: &Path, text: &str, what: &str, ok: impl Fn(&vt100::Screen) -> bool) -> Duration {
        let start = Instant::now();
        let mut written: Option<Instant> = None;
        let drawn = || lock(&self.frames).last.as_ref().is_some_and(&ok);
        while !drawn() {
            if written.is_none_or(|at| at.elapsed() >= Duration::from_millis(300)) {
                write(path, text);
                written = Some(Instant::now());
            }
            assert!(start.elapsed() < TIMEOUT, "timed out after {TIMEOUT:?} waiting for {what}; {}", self.describe());
            thread::sleep(Duration::from_millis(10));
        }
        start.elapsed()
    }

    /// Resizes the screen first, then the pty (which signals the program).
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
        lock(&self.live).set_size(size(rows), size(cols));
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits for the program to end, then for the last of its output.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "still running after {TIMEOUT:?}; {}", self.describe());
            thread::sleep(Duration::from_millis(10));
        };
        while !self.closed.load(Ordering::SeqCst) {
            assert!(start.elapsed() < TIMEOUT * 2, "the pty never closed; {}", self.describe());
            thread::sleep(Duration::from_millis(10));
        }
        status
    }

    /// Everything written to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.raw).clone()
    }

    /// Checks that the terminal was given back after the last time the
    /// alternate screen was entered; returns where it was left in `raw()`.
    pub fn assert_restored(&self) -> usize {
        let raw = self.raw();
        let enter = rfind(&raw, ENTER_ALTERNATE).expect("the reader entered the alternate screen");
        for sequence in RESTORE {
            assert!(
                find(&raw[enter..], sequence).is_some(),
                "{} never written after entering the alternate screen; the output after it:\n{}",
                sequence.escape_ascii(),
                raw[enter..].escape_ascii()
            );
        }
        self.look_live(|s| {
            assert!(!s.alternate_screen(), "still on the alternate screen");
            assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting still on");
            assert!(!s.bracketed_paste(), "bracketed paste still on");
            assert!(!s.hide_cursor(), "the cursor is still hidden");
        });
        enter + find(&raw[enter..], LEAVE_ALTERNATE).expect("left")
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // A test that failed halfway leaves no program behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn with(library: &Library, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut env = library.env();
    env.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    env
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn frame_ends_are_found_across_reads() {
    let mut ends = FrameEnds::default();
    let mut found = |bytes: &[u8]| bytes.iter().filter(|&&b| ends.ends_with(b)).count();
    // A diff with moves and colours, ended by hiding the cursor.
    assert_eq!(found(b"\x1b[1;1Htext\x1b[38;5;3mx\x1b[0m\x1b[?25"), 0);
    assert_eq!(found(b"l"), 1);
    // The cursor shown and moved ends one; a move inside the next does not.
    assert_eq!(found(b"\x1b[30;1H/q\x1b[?25h\x1b[30;3H"), 1);
    assert_eq!(found(b"\x1b[2;1Hmore"), 0);
    // Showing the cursor on the way out ends none.
    assert_eq!(found(b"\x1b[?1049l\x1b[?25hfolio exited"), 0);
}
