//! The terminal comes back however the reader ends: a panic, SIGTERM,
//! SIGHUP, Ctrl-z and `fg`; and an idle reader uses no CPU. The real binary
//! in a pseudo-terminal, often under `sh` so `stty` can look afterwards.

use crate::pty::{Library, TIMEOUT, Term, find};
use std::time::{Duration, Instant};

const LISTED: &str = "灯塔守夜人的第二张照片";

/// folio under `sh`, its pid in `$PIDFILE` (`exec` keeps it), then its
/// exit status and the terminal's modes.
const WRAPPED: &str =
    r#"sh -c 'echo $$ > "$PIDFILE"; exec "$FOLIO" "$LIB"'; echo "folio exited: $?"; stty -a; echo "stty done""#;

fn wrapped(library: &Library, extra: &[(&str, &str)]) -> Term {
    let pidfile = library.path("pid");
    let mut env = vec![("PIDFILE", pidfile.to_str().expect("a UTF-8 path"))];
    env.extend_from_slice(extra);
    Term::sh(library, WRAPPED, &env)
}

fn folio_pid(library: &Library) -> String {
    crate::pty::wait_for_file(&library.path("pid")).trim().to_owned()
}

/// Raw mode is off in what `stty -a` printed after `marker`: line editing,
/// echo, signals, output processing.
fn assert_cooked_after(term: &Term, marker: &str) {
    let raw = term.raw();
    let at = find(&raw, marker.as_bytes()).unwrap_or_else(|| panic!("no {marker:?} in the output"));
    let words: Vec<&str> = std::str::from_utf8(&raw[at..]).expect("UTF-8").split_whitespace().collect();
    assert!(words.contains(&"speed"), "no stty output after {marker:?}: {words:?}");
    for mode in ["icanon", "echo", "isig", "opost", "icrnl"] {
        assert!(words.contains(&mode), "{mode} is off after folio: {words:?}");
        assert!(!words.contains(&format!("-{mode}").as_str()), "-{mode} after folio: {words:?}");
    }
}

#[test]
fn a_panic_gives_the_terminal_back_then_prints_its_message() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[("FOLIO_TEST_PANIC", "1")]);
    let status = term.wait_exit();
    assert!(!status.success(), "{status}");
    let left = term.assert_restored();
    let raw = term.raw();
    let message = find(&raw, b"folio: internal error:").expect("the panic message");
    assert!(message > left, "the message was written on the alternate screen: {}", raw.escape_ascii());
    assert!(term.contents().contains("folio: internal error:"), "unreadable:\n{}", term.contents());

    // And raw mode is off: `stty` in the same terminal after the panic.
    let mut term = wrapped(&library, &[("FOLIO_TEST_PANIC", "1")]);
    assert!(term.wait_exit().success());
    assert!(term.contents().contains("folio exited: 101"), "{}", term.contents());
    term.assert_restored();
    assert_cooked_after(&term, "folio exited:");
}

fn killed_by(signal: &str) {
    let library = Library::new();
    let mut term = wrapped(&library, &[]);
    term.wait_for(LISTED);
    let pid = folio_pid(&library);
    let kill = std::process::Command::new("kill").args([&format!("-{signal}"), &pid]).status().expect("run kill");
    assert!(kill.success());
    term.wait_for("stty done");
    assert!(term.wait_exit().success());
    let screen = term.contents();
    assert!(screen.contains("folio exited: "), "{screen}");
    term.assert_restored();
    assert_cooked_after(&term, "folio exited:");
}

#[test]
fn sigterm_gives_the_terminal_back() {
    killed_by("TERM");
}

#[test]
fn sighup_gives_the_terminal_back() {
    killed_by("HUP");
}

/// Ctrl-z under an interactive shell: the terminal is the shell's while
/// folio is stopped, and `fg` brings the reader back, still working.
#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let library = Library::new();
    let mut env = library.env();
    // An interactive bash saves its history on exit: not into $HOME.
    env.push(("HISTFILE".to_owned(), library.path("history").to_string_lossy().into_owned()));
    let mut term = Term::spawn(&["bash", "--norc", "--noprofile", "-i"], &env, library.dir.path());
    term.send("PS1='$ '\r");
    term.send("\"$FOLIO\" \"$LIB\"\r");
    term.wait_for(LISTED);
    term.send("\x1a");
    term.wait_for("Stopped");
    assert!(!term.look(|s| s.alternate_screen()), "still on the alternate screen while stopped");
    term.send("stty -a; fg\r");
    term.wait_until("the reader back", |s| s.alternate_screen() && s.contents().contains(LISTED));
    assert_cooked_after(&term, "Stopped");
    // Past crossterm's 2 s cursor query: the reader must still be there, and answer keys.
    std::thread::sleep(Duration::from_millis(2500));
    term.send("/雨天");
    term.wait_for("/雨天");
    term.send("\x1b");
    term.wait_for("3/3 articles");
    term.send("q");
    term.wait_until("the shell back", |s| !s.alternate_screen());
    term.send("echo \"status=$?\"; exit\r");
    assert!(term.wait_exit().success());
    let screen = term.contents();
    assert!(screen.contains("status=0"), "{screen}");
    assert!(!screen.contains("terminal failed"), "{screen}");
    term.assert_restored();
}

/// CPU time (user + system, in clock ticks) of `pid`, from /proc on Linux.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

#[test]
fn an_idle_reader_uses_no_cpu() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles");
    term.send("/守夜人\r\r");
    term.wait_for("第一段");
    term.settled();
    let Some(before) = cpu_ticks(term.pid()) else { return };
    let start = Instant::now();
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(term.pid()).expect("still running") - before;
    // 100 ticks a second on Linux: a busy loop would use about 200.
    assert!(used <= 10, "{used} ticks of CPU in {:?} doing nothing", start.elapsed());
    term.send("q");
    assert!(term.wait_exit().success());
    assert!(start.elapsed() < TIMEOUT);
}
