//! A pseudo-terminal harness for the end-to-end tests: a small library in
//! the archive layout, the real `folio` binary run in a pty, its output fed
//! to a `vt100` screen, and waits that fail with the screen printed.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A hang guard, not a performance assertion.
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// The Chinese article the tests look for, and its body's images in order.
pub const TITLE: &str = "灯塔守夜人的第二张照片：终端里读一篇长文章";
pub const IMAGES: [&str; 3] = [
    "https://example.test/one.jpg",
    "https://example.test/two.jpg?w=770&resize=770%2C433",
    "https://example.test/three.jpg",
];
/// The long article's original link.
pub const ORIGINAL: &str = "https://example.test/original?a=1&b=2";
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

const NUMERALS: [&str; 11] = ["六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"];

/// Paragraph `n` (6 to 16) of the long article: one marker, the same length.
pub fn paragraph(n: usize) -> String {
    let n = NUMERALS[n - 6];
    format!(
        "第{n}段：守夜人在第{n}个夜晚记下了风向、潮水和远处渔船的灯光，又把这些记录抄进一本厚厚的笔记本，留给下一个值班的人。"
    )
}

/// A temporary folder: `lib/` (three articles), a recording opener, a cache.
pub struct Library {
    pub dir: tempfile::TempDir,
}

impl Library {
    pub fn new() -> Library {
        let dir = tempfile::tempdir().expect("tempdir");
        let library = Library { dir };
        let mut body = String::from(
            "<div>\n<p>第一段：这是一篇为端到端测试而写的短文，讲一位灯塔守夜人在海边拍下的几张照片。</p>\n\
             <figure><img src=\"https://example.test/one.jpg\" alt=\"第一张照片\"><figcaption>海边的灯塔</figcaption></figure>\n\
             <p>第二段：夜里风很大，他把相机放在窗台上，等云散开，再按下快门。</p>\n\
             <p><img src=\"https://example.test/two.jpg?w=770&amp;resize=770%2C433\" alt=\"第二张照片\"></p>\n\
             <p>第三段：第二张照片里有一艘远处的渔船。</p>\n<p><img src=\"https://example.test/three.jpg\" alt=\"第三张\"></p>\n\
             <p>第四段：天亮以后他把照片洗出来，贴在值班室的墙上。</p>\n<p>第五段：他说只是想记住每一个夜晚的样子。</p>\n",
        );
        for n in 6..=16 {
            body.push_str(&format!("<p>{}</p>\n", paragraph(n)));
        }
        body.push_str("</div>\n");
        let front = format!(
            "\n---\ntitle: '{TITLE}'\ncategories: \n - 新媒体\n - 测试台\n - 新闻\nauthor: 测试台\nlink: '{ORIGINAL}'\n\
             date: Thu, 30 Dec 2021 12:42:52 GMT\n---\n\n"
        );
        write(&library.article(), &(front + &body));
        write(
            &library.posts().join("plain.md"),
            "---\ntitle: 'A Reader''s Case for Plain Text'\nauthor: Lamplight Review\ndate: 2022-11-18\n\
             headimg: 'https://example.test/plain.jpg'\nlink: 'javascript:alert(1)'\n---\n<p>Plain text outlives every format.</p>\n",
        );
        write(
            &library.posts().join("rain.md"),
            "---\ntitle: '雨天的旧书店'\nauthor: 拾遗书房\ndate: 2021-03-13\n---\n<p>雨天适合去旧书店。</p>\n",
        );
        write(&library.opener(), "#!/bin/sh\nprintf '%s\\n' \"$@\" >> \"$OUT\"\n");
        make_executable(&library.opener());
        library
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("lib")
    }

    pub fn posts(&self) -> PathBuf {
        self.root().join("source/_posts/新媒体/测试台/新闻")
    }

    /// The long Chinese article.
    pub fn article(&self) -> PathBuf {
        self.posts().join("lighthouse.md")
    }

    /// The recording opener, in a folder with a space in its name.
    pub fn opener(&self) -> PathBuf {
        self.dir.path().join("opener bin/record.sh")
    }

    /// Where the opener writes its arguments, one a line.
    pub fn opened(&self) -> PathBuf {
        self.dir.path().join("opened.txt")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The environment every run gets.
    pub fn env(&self) -> Vec<(String, String)> {
        let var = |key: &str, value: &Path| (key.to_owned(), value.to_string_lossy().into_owned());
        vec![
            var("FOLIO_CACHE_DIR", &self.path("cache")),
            var("FOLIO_CONFIG_DIR", &self.path("config")),
            var("FOLIO_DATA_DIR", &self.path("data")),
            ("TERM".to_owned(), "xterm-256color".to_owned()),
            ("TZ".to_owned(), "UTC".to_owned()),
            // Split as a shell would: the quotes keep the space.
            ("FOLIO_OPENER".to_owned(), format!("'{}'", self.opener().display())),
            var("OUT", &self.opened()),
            var("FOLIO", Path::new(FOLIO)),
            var("LIB", &self.root()),
        ]
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    std::fs::write(path, text).expect("write a fixture");
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// Fails the test, showing `screen`, unless `text` appears on it in time.
pub fn wait_for(screen: &Mutex<vt100::Parser>, text: &str, timeout: Duration) {
    wait_until(screen, &format!("{text:?} on screen"), timeout, |s| s.contents().contains(text));
}

/// Fails the test, showing `screen`, unless `ok` holds in time.
pub fn wait_until(screen: &Mutex<vt100::Parser>, what: &str, timeout: Duration, ok: impl Fn(&vt100::Screen) -> bool) {
    let start = Instant::now();
    loop {
        let contents = {
            let parser = lock(screen);
            if ok(parser.screen()) {
                return;
            }
            parser.screen().contents()
        };
        assert!(start.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}; the screen:\n{contents}");
        thread::sleep(Duration::from_millis(10));
    }
}

/// The lock, even if a failed assertion poisoned it.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A program running in a pseudo-terminal, its screen and its raw output.
pub struct Term {
    pub screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
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
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (to_screen, to_raw, to_closed) = (screen.clone(), raw.clone(), closed.clone());
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            // Linux answers EIO once the last terminal-side descriptor closes.
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                lock(&to_raw).extend_from_slice(&buffer[..n]);
                lock(&to_screen).process(&buffer[..n]);
            }
            to_closed.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Term { screen, raw, closed, writer, master: pair.master, child }
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
        self.writer.write_all(bytes.as_ref()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    pub fn wait_for(&self, text: &str) {
        wait_for(&self.screen, text, TIMEOUT);
    }

    pub fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        wait_until(&self.screen, what, TIMEOUT, ok);
    }

    /// Waits until the screen has not changed for 150 ms (a redraw is over).
    pub fn settled(&self) {
        let start = Instant::now();
        let mut before = self.contents();
        loop {
            thread::sleep(Duration::from_millis(150));
            let now = self.contents();
            if now == before {
                return;
            }
            assert!(start.elapsed() < TIMEOUT, "the screen never settled:\n{now}");
            before = now;
        }
    }

    /// Runs `look` on the screen as it is now.
    pub fn look<R>(&self, look: impl FnOnce(&vt100::Screen) -> R) -> R {
        look(lock(&self.screen).screen())
    }

    pub fn contents(&self) -> String {
        self.look(|s| s.contents())
    }

    /// The screen's rows, cut to `width` columns from `column`.
    pub fn rows(&self, column: u16, width: u16) -> Vec<String> {
        self.look(|s| s.rows(column, width).collect())
    }

    /// Resizes the screen first, then the pty (which signals the program).
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
        lock(&self.screen).set_size(size(rows), size(cols));
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Waits for the program to end, then for the last of its output.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "still running after {TIMEOUT:?}; the screen:\n{}", self.contents());
            thread::sleep(Duration::from_millis(10));
        };
        while !self.closed.load(Ordering::SeqCst) {
            assert!(start.elapsed() < TIMEOUT * 2, "the pty never closed; the screen:\n{}", self.contents());
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
        self.look(|s| {
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

/// Polls `path` until it holds something, then lets it settle.
pub fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    while std::fs::metadata(path).map_or(true, |m| m.len() == 0) {
        assert!(start.elapsed() < TIMEOUT, "{} was never written", path.display());
        thread::sleep(Duration::from_millis(10));
    }
    // A second run of the opener would show up by now.
    thread::sleep(Duration::from_millis(300));
    std::fs::read_to_string(path).expect("read a recorded file")
}
