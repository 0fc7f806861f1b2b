//! The terminal comes back however the reader ends: a panic, SIGTERM,
//! SIGHUP, SIGINT (the reading state saved first), Ctrl-z and `fg`; and an
//! idle reader uses no CPU. The real binary in a pseudo-terminal, often
//! under `sh` so `stty` can look afterwards.

use crate::pty::{Library, PLAIN, TIMEOUT, Term, find};
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
    crate::pty::wait_for_line(&library.path("pid")).trim().to_owned()
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
    let screen = term.live_contents();
    assert!(screen.contains("folio: internal error:"), "unreadable:\n{screen}");

    // And raw mode is off: `stty` in the same terminal after the panic.
    let mut term = wrapped(&library, &[("FOLIO_TEST_PANIC", "1")]);
    assert!(term.wait_exit().success());
    assert!(term.live_contents().contains("folio exited: 101"), "{}", term.live_contents());
    term.assert_restored();
    assert_cooked_after(&term, "folio exited:");
}

/// `signal` sent to folio right after an article was marked read: the
/// terminal is given back, and the mark is in `state.json` although the
/// usual save (a second after the change) had no time to happen.
fn killed_by(signal: &str) {
    let library = Library::new();
    let mut term = wrapped(&library, &[]);
    term.wait_for("3/3 articles · 3 unread");
    let pid = folio_pid(&library);
    // The selected article, the newest: the plain-text essay.
    let marked = Instant::now();
    term.send("m");
    term.wait_for("2 unread");
    let unsaved = library.saved_marks("plain.md").is_none();
    let sent = marked.elapsed();
    let kill = std::process::Command::new("kill").args([&format!("-{signal}"), &pid]).status().expect("run kill");
    assert!(kill.success());
    term.wait_for_output("stty done");
    assert!(term.wait_exit().success());
    let screen = term.live_contents();
    assert!(screen.contains("folio exited: "), "{screen}");
    term.assert_restored();
    assert_cooked_after(&term, "folio exited:");
    assert_eq!(
        library.saved_marks("plain.md"),
        Some((true, false)),
        "{PLAIN} read; the state: {}",
        library.state_text()
    );
    // The usual save waits a second after the change (which came after
    // `marked`): within it, the file cannot hold the mark yet.
    if sent < Duration::from_secs(1) {
        assert!(unsaved, "the mark saved before the signal, {sent:?} after the key");
    } else {
        println!("SIG{signal} sent {sent:?} after the mark: too late to tell which save wrote it");
    }
}

#[test]
fn sigterm_gives_the_terminal_back_and_saves_the_state() {
    killed_by("TERM");
}

#[test]
fn sighup_gives_the_terminal_back_and_saves_the_state() {
    killed_by("HUP");
}

#[test]
fn sigint_gives_the_terminal_back_and_saves_the_state() {
    killed_by("INT");
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
    term.wait_for_output("Stopped");
    assert!(!term.look_live(|s| s.alternate_screen()), "still on the alternate screen while stopped");
    let frames = term.frame_count();
    term.send("stty -a; fg\r");
    term.wait_until_after(frames, "the reader back", |s| s.alternate_screen() && s.contents().contains(LISTED));
    assert_cooked_after(&term, "Stopped");
    // Resuming must not ask the terminal anything (the cursor position, its
    // keyboard modes): the input thread would take the answer and crossterm
    // give up after 2 s with "the terminal failed". This pty never answers, so
    // any such question in the output since Ctrl-z is that failure to come.
    let raw = term.raw();
    let stopped = find(&raw, b"Stopped").expect("Stopped");
    for question in [&b"\x1b[6n"[..], b"\x1b[?u", b"\x1b[c"] {
        assert!(find(&raw[stopped..], question).is_none(), "{} asked after fg", question.escape_ascii());
    }
    term.send("/雨天");
    term.wait_for("/雨天");
    term.send("\x1b");
    term.wait_for("3/3 articles");
    term.send("q");
    crate::pty::poll("the shell back", TIMEOUT, || !term.look_live(|s| s.alternate_screen()), || term.live_contents());
    term.send("echo \"status=$?\"; exit\r");
    assert!(term.wait_exit().success());
    let screen = term.live_contents();
    assert!(screen.contains("status=0"), "{screen}");
    assert!(!screen.contains("terminal failed"), "{screen}");
    term.assert_restored();
}

/// CPU time (user + system, in clock ticks) of `pid`, from /proc on Linux.
#[cfg(target_os = "linux")]
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')').expect("(comm)").1.split_whitespace().collect();
    let field = |n: usize| fields.get(n).and_then(|f| f.parse::<u64>().ok()).expect("utime and stime");
    field(11) + field(12)
}

/// Linux only: the CPU time is read from /proc.
#[cfg(target_os = "linux")]
#[test]
fn an_idle_reader_uses_no_cpu() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for("3/3 articles · 3 unread");
    term.send("/守夜人\r\r");
    // The article open and the load over: nothing left to do but wait for keys.
    term.wait_until("the article open, the list loaded", |s| {
        s.contents().contains("第一段")
            && s.rows(0, 100).nth(29).is_some_and(|r| r.contains('%') && !r.contains("loading"))
    });
    let before = cpu_ticks(term.pid());
    let start = Instant::now();
    // What is measured is the absence of work over time: this needs a window
    // of time, and 2 s of it shows a busy loop (about 200 ticks) plainly.
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(term.pid()) - before;
    // 100 ticks a second on Linux.
    assert!(used <= 10, "{used} ticks of CPU in {:?} doing nothing", start.elapsed());
    term.send("q");
    assert!(term.wait_exit().success());
    assert!(start.elapsed() < TIMEOUT);
}

/// `kill -TSTP` from outside (as a script or a window manager sends it)
/// gives the terminal back as Ctrl-z does, and `kill -CONT` takes it again:
/// raw mode back (a key acts at once), the screen redrawn — every time.
#[test]
fn an_outside_sigtstp_suspends_like_ctrl_z_and_sigcont_resumes() {
    let library = Library::new();
    let mut term = Term::folio(&library, &[library.root()], &[]);
    term.wait_for(LISTED);
    let pid = term.pid().to_string();
    let signal = |name: &str| {
        let status = std::process::Command::new("kill").args([&format!("-{name}"), &pid]).status().expect("kill");
        assert!(status.success(), "kill -{name}");
    };
    signal("TSTP");
    crate::pty::poll(
        "the alternate screen left",
        TIMEOUT,
        || !term.look_live(|s| s.alternate_screen()),
        || term.live_contents(),
    );
    assert_eq!(term.look_live(|s| s.mouse_protocol_mode()), vt100::MouseProtocolMode::None, "mouse still on");
    // Stopped: nothing more is drawn.
    let frames = term.frame_count();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(term.frame_count(), frames, "drew while stopped");
    signal("CONT");
    term.wait_until_after(frames, "the reader back", |s| s.alternate_screen() && s.contents().contains(LISTED));
    // Raw mode again: one key, no Enter, acts.
    term.send("/雨天");
    term.wait_for("/雨天");
    term.send("\x1b");
    term.wait_for("3/3 articles");
    // And again: every SIGTSTP, not only the first.
    signal("TSTP");
    crate::pty::poll("left again", TIMEOUT, || !term.look_live(|s| s.alternate_screen()), || term.live_contents());
    let frames = term.frame_count();
    signal("CONT");
    term.wait_until_after(frames, "back again", |s| s.alternate_screen() && s.contents().contains(LISTED));
    term.send("q");
    assert!(term.wait_exit().success());
    term.assert_restored();
}
