//! The end-to-end tests' fixture: a small library in the archive layout in a
//! temporary folder, with a recording opener and folders of its own for
//! folio's config, state and cache; and polls of the files folio writes.

use std::path::{Path, PathBuf};
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
/// The title of the newest article, selected first.
pub const PLAIN: &str = "A Reader's Case for Plain Text";

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
        write(&library.plain(), &plain_text(PLAIN));
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

    /// The newest article, in English: first in the list.
    pub fn plain(&self) -> PathBuf {
        self.posts().join("plain.md")
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

    /// `config.toml` in the config folder the runs get.
    pub fn write_config(&self, text: &str) {
        write(&self.path("config/config.toml"), text);
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
            // The library's web images cannot be fetched: their failures
            // would come at any moment. The image tests turn images on.
            ("FOLIO_IMAGES".to_owned(), "off".to_owned()),
            // Split as a shell would: the quotes keep the space.
            ("FOLIO_OPENER".to_owned(), format!("'{}'", self.opener().display())),
            var("OUT", &self.opened()),
            var("FOLIO", Path::new(FOLIO)),
            var("LIB", &self.root()),
        ]
    }

    /// The marks `state.json` in the data folder holds for the article
    /// whose path ends in `file_name`: (read, starred), or `None` when the
    /// file or the article is not there (or the file is not JSON yet).
    pub fn saved_marks(&self, file_name: &str) -> Option<(bool, bool)> {
        let text = std::fs::read_to_string(self.path("data/state.json")).ok()?;
        let state: serde_json::Value = serde_json::from_str(&text).ok()?;
        let libraries = state.get("libraries")?.as_object()?;
        let articles = libraries.values().filter_map(|library| library.get("articles")?.as_object());
        let (_, marks) = articles.flat_map(|a| a.iter()).find(|(key, _)| key.ends_with(file_name))?;
        let flag = |name: &str| marks.get(name).and_then(serde_json::Value::as_bool).unwrap_or(false);
        Some((flag("read"), flag("starred")))
    }

    /// The text of `state.json` (for messages), or why there is none.
    pub fn state_text(&self) -> String {
        std::fs::read_to_string(self.path("data/state.json")).unwrap_or_else(|error| format!("({error})"))
    }
}

/// The plain-text essay's file, titled `title`.
pub fn plain_text(title: &str) -> String {
    format!(
        "---\ntitle: '{}'\nauthor: Lamplight Review\ndate: 2022-11-18\n\
         headimg: 'https://example.test/plain.jpg'\nlink: 'javascript:alert(1)'\n---\n<p>Plain text outlives every format.</p>\n",
        title.replace('\'', "''")
    )
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    std::fs::write(path, text).expect("write a fixture");
}

pub fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// Polls every 10 ms until `ready`, failing after `timeout` with `what`
/// and what `show` says then.
pub fn poll(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool, show: impl Fn() -> String) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}; {}", show());
        thread::sleep(Duration::from_millis(10));
    }
}

/// Polls `path` until what it holds is `complete` (a writer may be half-way
/// through), and returns it.
pub fn wait_for_file(path: &Path, what: &str, complete: impl Fn(&str) -> bool) -> String {
    let read = || std::fs::read_to_string(path).unwrap_or_default();
    poll(
        &format!("{} to hold {what}", path.display()),
        TIMEOUT,
        || complete(&read()),
        || format!("it holds {:?}", read()),
    );
    read()
}

/// Polls `path` until it holds at least one whole line (a recorded opener
/// run, a pid), and returns it.
pub fn wait_for_line(path: &Path) -> String {
    wait_for_file(path, "a whole line", |text| text.ends_with('\n'))
}
