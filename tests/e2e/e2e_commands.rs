//! The commands outside the reader, run as a person runs them: `folio show`
//! in a terminal (its width, styled or not) and into a pipe (80 columns,
//! plain); `folio PATH` and `folio list PATH` on a PATH that exists but
//! cannot be read.

use crate::pty::{FOLIO, Library, TIMEOUT, Term, write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use unicode_width::UnicodeWidthStr;

/// Whether `raw` holds an SGR sequence (`ESC [ params m`): bold or colour.
fn has_sgr(raw: &[u8]) -> bool {
    raw.windows(2).enumerate().filter(|(_, w)| w == b"\x1b[").any(|(at, _)| {
        let params = raw[at + 2..].iter().position(|b| !(b.is_ascii_digit() || *b == b';'));
        params.is_some_and(|n| raw[at + 2 + n] == b'm')
    })
}

/// `folio show ARTICLE` in a pty `columns` wide, tall enough to hold it
/// all; its screen once it has ended, and everything it wrote.
fn show_in_a_terminal(library: &Library, columns: u16, extra: &[(String, String)]) -> (vt100::Screen, Vec<u8>) {
    let mut env = library.env();
    env.extend_from_slice(extra);
    let article = library.article();
    let argv = [FOLIO.as_ref(), "show".as_ref(), article.as_os_str()];
    let mut term = Term::spawn_sized(&argv, &env, library.dir.path(), (200, columns));
    assert!(term.wait_exit().success(), "{}", term.live_contents());
    (term.look_live(Clone::clone), term.raw())
}

/// The widest row of `screen` (its last inked column + 1), after checking
/// that none ran past the right edge.
fn widest_row(screen: &vt100::Screen) -> u16 {
    let (rows, columns) = screen.size();
    let (rows, columns) = (rows.get(), columns.get());
    let mut widest = 0;
    for row in 0..rows {
        assert!(!screen.row_wrapped(row), "row {row} is wider than {columns} columns:\n{}", screen.contents());
        let inked = |column: u16| screen.cell(row, column).filter(|cell| !cell.contents().trim().is_empty());
        if let Some(last) = (0..columns).rev().find(|&column| inked(column).is_some()) {
            let wide = inked(last).is_some_and(vt100::Cell::is_wide);
            widest = widest.max(last + if wide { 2 } else { 1 });
        }
    }
    widest
}

#[test]
fn folio_show_in_a_terminal_lays_out_at_its_width_and_styles_unless_no_color() {
    let library = Library::new();
    for columns in [64, 90] {
        let (screen, raw) = show_in_a_terminal(&library, columns, &[]);
        let widest = widest_row(&screen);
        println!("a {columns}-column terminal: the widest line {widest} columns");
        // Long CJK paragraphs fill each line but for a kinsoku break.
        assert!(widest + 2 >= columns, "laid out {widest} wide in a {columns}-column terminal:\n{}", screen.contents());
        assert!(has_sgr(&raw), "no bold or colour at {columns} columns: {}", raw.escape_ascii());
        assert!(screen.contents().contains(crate::pty::TITLE), "{}", screen.contents());
    }
    let (screen, raw) = show_in_a_terminal(&library, 64, &[("NO_COLOR".to_owned(), "1".to_owned())]);
    let widest = widest_row(&screen);
    assert!(widest + 2 >= 64, "laid out {widest} wide with NO_COLOR:\n{}", screen.contents());
    assert!(!has_sgr(&raw), "bold or colour with NO_COLOR: {}", raw.escape_ascii());
}

/// Runs `folio ARGS` with `env`, stdin empty, output captured, within TIMEOUT.
fn run(program: &str, args: &[&str], env: &[(String, String)], cwd: &Path) -> Output {
    let mut command = Command::new(program);
    command.args(args).current_dir(cwd).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for key in ["COLUMNS", "LINES", "NO_COLOR", "FOLIO_OPENER"] {
        command.env_remove(key);
    }
    command.envs(env.iter().map(|(k, v)| (k, v)));
    let child = command.spawn().unwrap_or_else(|e| panic!("run {program}: {e}"));
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    result.recv_timeout(TIMEOUT).expect("it ends").expect("its output")
}

#[test]
fn folio_show_into_a_pipe_lays_out_at_80_columns_without_styling() {
    let library = Library::new();
    let article = library.article();
    let out = run(FOLIO, &["show", article.to_str().expect("UTF-8")], &library.env(), library.dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!text.contains('\x1b'), "escape sequences in a pipe: {text:?}");
    let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    println!("into a pipe: the widest line {widest} columns");
    assert!((78..=80).contains(&widest), "the widest line is {widest} columns, not 80:\n{text}");
}

/// How to run folio so that a permission stops it: tests run as root in CI,
/// and root reads a file whatever its mode. Then folio runs as `nobody`
/// through util-linux's `setpriv`; another user runs it directly.
fn as_a_user(folio_args: &[&str]) -> (String, Vec<String>) {
    let mut args: Vec<String> = folio_args.iter().map(|&a| a.to_owned()).collect();
    if !rustix::process::getuid().is_root() {
        return (FOLIO.to_owned(), args);
    }
    let found = Command::new("setpriv").arg("--version").stdout(Stdio::null()).status();
    assert!(found.is_ok_and(|s| s.success()), "running as root, this test needs setpriv (util-linux) to run as nobody");
    let mut setpriv: Vec<String> =
        ["--reuid=65534", "--regid=65534", "--clear-groups", FOLIO].map(str::to_owned).into();
    setpriv.append(&mut args);
    ("setpriv".to_owned(), setpriv)
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Linux only: the permissions and `setpriv` are.
#[cfg(target_os = "linux")]
#[test]
fn a_path_that_exists_but_cannot_be_read_exits_1_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Every folder on the way open to the user; only the PATHs locked.
    chmod(dir.path(), 0o755);
    let article = "---\ntitle: 'Locked Away'\ndate: 2020-01-01\n---\n<p>text</p>\n";
    write(&dir.path().join("locked/a.md"), article);
    write(&dir.path().join("locked.md"), article);
    // folio's own folders, writable by whoever runs it.
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    chmod(&home, 0o777);
    let env: Vec<(String, String)> = ["FOLIO_CONFIG_DIR", "FOLIO_DATA_DIR", "FOLIO_CACHE_DIR"]
        .iter()
        .map(|key| (key.to_string(), home.join(key).to_string_lossy().into_owned()))
        .collect();
    for name in ["locked", "locked.md"] {
        let path = dir.path().join(name);
        // Readable, it lists (as this user, or as root): the lock is what fails below.
        let open = run(FOLIO, &[name], &env, dir.path());
        assert_eq!(open.status.code(), Some(0), "{name} readable: {}", String::from_utf8_lossy(&open.stderr));
        assert!(String::from_utf8_lossy(&open.stdout).contains("Locked Away"));
        chmod(&path, 0o000);
        // `folio PATH` into a pipe (the list), and `folio list PATH`.
        for args in [&[name][..], &["list", name]] {
            let (program, argv) = as_a_user(args);
            let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
            let out = run(&program, &argv, &env, dir.path());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "folio {args:?}: {stderr}");
            assert!(stderr.contains(&format!("folio: {name}: cannot be read")), "folio {args:?}: {stderr:?}");
            assert!(out.stdout.is_empty(), "folio {args:?} listed: {}", String::from_utf8_lossy(&out.stdout));
        }
        chmod(&path, if name == "locked" { 0o755 } else { 0o644 });
    }
}
