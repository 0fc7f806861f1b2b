//! Hostile input made at test time in a temporary folder: a file over the
//! size limit (sparse), symbolic-link loops, a FIFO, a `.git` folder, control
//! characters in file and folder names, a 50 MB body, deep nesting, and
//! hundreds of mangled copies of the fixtures. Loading must finish, never
//! panic, and account for every file.

use crate::common::child::{self, User};
use crate::common::*;
use folio::file::MAX_FILE_SIZE;
use folio::library::load;
use folio::{Library, ProblemKind};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Loads `paths` on another thread and fails if that takes over a minute
/// (a walk that follows a loop forever, a read that blocks on a FIFO).
fn load_within_a_minute(paths: &[PathBuf]) -> Library {
    let (done, result) = mpsc::channel();
    let paths = paths.to_vec();
    std::thread::spawn(move || {
        let _ = done.send(load(&paths));
    });
    result.recv_timeout(Duration::from_secs(60)).expect("the load finished within a minute")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folders");
    }
    fs::write(path, bytes).expect("write a file");
}

const SMALL: &str = "---\ntitle: 'A small neighbour'\ndate: 2022-01-01\n---\nbody\n";

fn kinds(library: &Library) -> Vec<(String, ProblemKind)> {
    library
        .problems
        .iter()
        .map(|p| (p.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), p.kind))
        .collect()
}

#[test]
fn a_file_over_64_mb_is_a_problem_and_not_read() {
    let dir = tempdir();
    let sparse = |name: &str, size: u64| {
        let file = fs::File::create(dir.path().join(name)).expect("create");
        file.set_len(size).expect("sparse length");
    };
    sparse("over-the-limit.md", MAX_FILE_SIZE + 1);
    // Exactly at the limit is read (and is binary: all NUL bytes).
    sparse("at-the-limit.md", MAX_FILE_SIZE);
    write(&dir.path().join("small.md"), SMALL);
    let library = load_within_a_minute(&[dir.path().to_owned()]);
    assert_eq!(MAX_FILE_SIZE, 64 * 1024 * 1024);
    assert_eq!(library.articles.len(), 1);
    assert_eq!(&*library.articles[0].title, "A small neighbour");
    let expected =
        [("at-the-limit.md".to_owned(), ProblemKind::Binary), ("over-the-limit.md".to_owned(), ProblemKind::TooLarge)];
    assert_eq!(kinds(&library), expected);
    let message = &library.problems[1].message;
    assert!(message.starts_with("too large ("), "{message}");
    assert!(message.contains("the limit is 64 MiB"), "{message}");
}

#[test]
fn the_too_large_message_uses_one_unit_for_size_and_limit() {
    let dir = tempdir();
    let file = fs::File::create(dir.path().join("huge.md")).expect("create");
    file.set_len(65 * 1024 * 1024).expect("sparse length");
    let library = load_within_a_minute(&[dir.path().to_owned()]);
    assert_eq!(library.problems.len(), 1);
    assert_eq!(library.problems[0].message, "too large (68157440 bytes; the limit is 64 MiB), not read");
}

#[test]
fn symlink_loops_are_reported_and_do_not_hang() {
    let dir = tempdir();
    let root = dir.path().join("library");
    write(&root.join("a/article.md"), SMALL);
    symlink("..", root.join("a/back-to-root")).expect("symlink");
    symlink(&root, root.join("a/absolute-loop")).expect("symlink");
    symlink("self.md", root.join("self.md")).expect("symlink");
    symlink("nowhere.md", root.join("broken.md")).expect("symlink");
    let outside = dir.path().join("outside.md");
    write(&outside, SMALL.replace("A small neighbour", "Reached through a link"));
    symlink(&outside, root.join("a/linked-file.md")).expect("symlink");
    let library = load_within_a_minute(std::slice::from_ref(&root));
    let mut titles: Vec<&str> = library.articles.iter().map(|a| &*a.title).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["A small neighbour", "Reached through a link"]);
    let linked = library.articles.iter().find(|a| a.path().ends_with("linked-file.md"));
    assert_eq!(linked.map(|a| &*a.group), Some("a"), "a linked file is where its link is");
    let problems = kinds(&library);
    assert_eq!(problems.len(), 4, "{:?}", library.problems);
    for name in ["absolute-loop", "back-to-root"] {
        assert!(problems.contains(&(name.to_owned(), ProblemKind::SymlinkLoop)), "{name}: {problems:?}");
    }
    assert!(problems.contains(&("broken.md".to_owned(), ProblemKind::Unreadable)));
    assert!(problems.contains(&("self.md".to_owned(), ProblemKind::SymlinkLoop)), "{problems:?}");
    let looped = library.problems.iter().find(|p| p.kind == ProblemKind::SymlinkLoop).expect("a loop");
    assert!(looped.message.contains("loops back"), "{}", looped.message);
    let broken = library.problems.iter().find(|p| p.path.ends_with("broken.md")).expect("broken");
    assert_eq!(broken.message, "broken symbolic link");
}

#[test]
fn a_fifo_named_like_an_article_does_not_block_the_load() {
    let dir = tempdir();
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo (coreutils) made no FIFO: {}", fifo.display());
    write(&dir.path().join("small.md"), SMALL);
    let library = load_within_a_minute(&[dir.path().to_owned()]);
    assert_eq!(library.articles.len(), 1);
    let said: Vec<&str> = library.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(said, ["not a file: it is a FIFO; not read"], "the FIFO is said, once");
    assert_eq!(library.problems[0].path, fifo);
    let library = load_within_a_minute(&[fifo]);
    assert!(library.articles.is_empty());
    assert_eq!(library.problems.len(), 1, "{:?}", library.problems);
}

#[test]
fn git_and_other_hidden_folders_are_skipped_but_a_hidden_root_is_walked() {
    let dir = tempdir();
    let root = dir.path().join(".articles");
    write(&root.join(".git/objects/ab/stray.md"), SMALL);
    write(&root.join(".git/README.md"), SMALL);
    write(&root.join("notes/.draft.md"), SMALL);
    write(&root.join("notes/kept.md"), SMALL.replace("A small neighbour", "Kept"));
    let library = load_within_a_minute(&[root]);
    let titles: Vec<&str> = library.articles.iter().map(|a| &*a.title).collect();
    assert_eq!(titles, ["Kept"]);
    assert_eq!(&*library.articles[0].group, "notes");
    assert!(library.problems.is_empty(), "{:?}", library.problems);
}

#[test]
fn control_characters_in_file_and_folder_names_are_removed() {
    let dir = tempdir();
    let folder = dir.path().join("grp\u{1b}]52;c;ZXZpbA==\u{7}x");
    write(&folder.join("evil\u{1b}[2Jname.md"), "no front matter, no heading\n");
    // A GBK file name is no UTF-8: still loaded, and the title is text.
    let gbk = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"gbk-\xc4\xe3\xba\xc3.md");
    write(&dir.path().join("names").join(gbk), "no front matter\n");
    let library = load_within_a_minute(&[dir.path().to_owned()]);
    assert_eq!(library.articles.len(), 2, "{:?}", library.problems);
    let evil = library.articles.iter().find(|a| &*a.group == "grpx").expect("evil");
    assert_eq!(&*evil.title, "evilname");
    let named = library.articles.iter().find(|a| &*a.group == "names").expect("GBK");
    assert!(named.title.starts_with("gbk-") && named.title.contains('\u{fffd}'), "{:?}", named.title);
}

/// Loads `folder`, which holds only `locked.md`, unreadable to this process.
fn an_unreadable_file_is_reported(folder: &Path) {
    let locked = folder.join("locked.md");
    assert!(fs::read(&locked).is_err(), "{} can be read: the check proves nothing", locked.display());
    let library = load_within_a_minute(&[folder.to_owned()]);
    assert!(library.articles.is_empty());
    assert_eq!(kinds(&library), [("locked.md".to_owned(), ProblemKind::Unreadable)]);
    assert!(library.problems[0].message.starts_with("cannot be read"));
}

#[test]
fn an_unreadable_file_is_a_problem() {
    use std::os::unix::fs::PermissionsExt;
    if let Some(folder) = child::handed() {
        an_unreadable_file_is_reported(Path::new(&folder));
        return;
    }
    let dir = tempdir();
    let locked = dir.path().join("locked.md");
    write(&locked, SMALL);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    if child::is_root() {
        // Root reads any file: the check runs in a process of its own as
        // nobody, who may list the folder but not read the file.
        child::open_to_all(dir.path());
        child::rerun("loader_hostile::an_unreadable_file_is_a_problem", dir.path().as_os_str(), User::Nobody);
    } else {
        an_unreadable_file_is_reported(dir.path());
    }
}

#[test]
fn a_50_mb_body_deep_nesting_and_a_5000_char_url_load() {
    let dir = tempdir();
    let url = format!("https://img.example.test/{}.png", "a".repeat(5000));
    let mut big = format!("\n---\ntitle: 'Big body'\nheadimg: '{url}'\ndate: 2022-01-01\n---\n");
    let paragraph = "<p>段落 paragraph \u{1b}[2J text</p>\n";
    big.push_str(&paragraph.repeat(50_000_000 / paragraph.len()));
    write(&dir.path().join("big-body.md"), &big);
    // The same without the closing `---`: the whole file is scanned.
    write(&dir.path().join("big-unclosed.md"), big.replacen("\n---\n<p>", "\n<p>", 1));
    let depth = 50_000;
    let nested = format!("{}<h1>Deep heading</h1>{}", "<div>".repeat(depth), "</div>".repeat(depth));
    write(&dir.path().join("deep.html"), nested);
    let library = load_within_a_minute(&[dir.path().to_owned()]);
    let get = |name: &str| {
        let found = library.articles.iter().find(|a| a.path().ends_with(name));
        found.unwrap_or_else(|| panic!("{name}: {:?}", library.problems))
    };
    assert_eq!(&*get("big-body.md").title, "Big body");
    assert_eq!(strs(&get("big-body.md").images[..]), [url.as_str()]);
    assert_eq!(&*get("big-unclosed.md").title, "Big body");
    assert_eq!(strs(&get("big-unclosed.md").warnings[..]), ["front matter is never closed by `---`"]);
    assert_eq!(&*get("deep.html").title, "Deep heading");
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn fixture_files(dir: &Path, out: &mut Vec<Vec<u8>>) {
    for entry in fs::read_dir(dir).expect("read the fixtures") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else {
            out.push(fs::read(&path).expect("read a fixture"));
        }
    }
}

/// One of a few kinds of damage: a cut, flipped bytes, inserted bytes
/// (delimiters, quotes, escapes, invalid UTF-8), or a repeated slice.
fn mangle(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => out.truncate(at),
            1 => {
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(out.len());
                    if i < out.len() {
                        out[i] = rng.next() as u8;
                    }
                }
            }
            2 => {
                let pieces: [&[u8]; 9] =
                    [b"\n---\n", b"\r\n...\r\n", b"'", b"\"", b"\x1b[", b"\xff\xfe", b"\xe4\xb8", b": |\n - ", b"&#"];
                let piece = pieces[rng.below(pieces.len())];
                out.splice(at..at, piece.iter().copied());
            }
            _ => {
                let end = (at + rng.below(200)).min(out.len());
                let slice = out[at..end].to_vec();
                out.splice(at..at, slice.iter().copied().chain(slice.iter().copied()));
            }
        }
    }
    out
}

#[test]
fn mangled_fixtures_never_panic_and_every_file_is_accounted_for() {
    let mut originals = Vec::new();
    fixture_files(&fixtures(), &mut originals);
    assert!(originals.len() >= 30);
    let dir = tempdir();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut count = 0;
    for (i, original) in originals.iter().enumerate() {
        for j in 0..20 {
            write(&dir.path().join(format!("m{i:02}-{j:02}.md")), mangle(original, &mut rng));
            count += 1;
        }
    }
    let library = load_within_a_minute(&[dir.path().to_owned()]);
    // A reader thread that panicked would lose its files: count them all.
    let failed = library.problems.iter().filter(|p| p.kind != ProblemKind::Warning).count();
    assert_eq!(library.articles.len() + failed, count, "{:?}", kinds(&library));
    for a in &library.articles {
        assert!(!a.title.is_empty(), "{}", a.path().display());
        assert!(!a.title.chars().any(char::is_control), "{:?}", a.title);
    }
}

#[test]
fn a_file_of_only_a_bom_and_whitespace_is_empty() {
    let dir = tempdir();
    write(&dir.path().join("bom-only.md"), b"\xef\xbb\xbf");
    write(&dir.path().join("bom-and-blank-lines.md"), b"\xef\xbb\xbf\r\n  \r\n");
    let library = load_within_a_minute(&[dir.path().to_owned()]);
    assert!(library.articles.is_empty(), "{:?}", library.articles);
    let expected =
        [("bom-and-blank-lines.md".to_owned(), ProblemKind::Empty), ("bom-only.md".to_owned(), ProblemKind::Empty)];
    assert_eq!(kinds(&library), expected);
}
