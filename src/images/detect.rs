//! Which image protocol the terminal speaks, and its font's cell size:
//! asked once when the reader starts (kitty graphics, the device
//! attributes that tell sixel, the cell size, then a status report every
//! terminal answers), read back with a deadline, half-blocks when it does
//! not answer in time. Inside tmux the question goes through to the outer
//! terminal (passthrough is turned on for the pane).

use super::ImageMode;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};
use std::time::{Duration, Instant};

/// How long the terminal has to answer; the reader draws meanwhile.
pub const ANSWER_WITHIN: Duration = Duration::from_millis(1000);

/// A question written to the terminal, its answer still to be read.
#[derive(Debug, Clone)]
pub struct Asked {
    is_tmux: bool,
    blacklist: Vec<ProtocolType>,
}

fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// Whether folio runs inside tmux (as `ratatui-image` tells it).
fn inside_tmux() -> bool {
    std::env::var("TERM").is_ok_and(|t| t.starts_with("tmux"))
        || std::env::var("TERM_PROGRAM").is_ok_and(|t| t == "tmux")
}

/// The picker for `mode` when no question is needed: `None` for `Off`
/// and `Auto` (ask with [`ask`]).
pub fn forced(mode: ImageMode) -> Option<Picker> {
    let protocol = match mode {
        ImageMode::Auto | ImageMode::Off => return None,
        ImageMode::Halfblocks => return Some(Picker::halfblocks()),
        ImageMode::Kitty => ProtocolType::Kitty,
        ImageMode::Iterm2 => ProtocolType::Iterm2,
        ImageMode::Sixel => ProtocolType::Sixel,
    };
    Some(picker(font_from_window().unwrap_or(FALLBACK_FONT), protocol))
}

/// The font cell folio assumes when the terminal gives no size.
const FALLBACK_FONT: (u16, u16) = (10, 20);

fn picker(font: (u16, u16), protocol: ProtocolType) -> Picker {
    // The one constructor that takes a font size; it also turns on tmux's
    // passthrough when inside tmux.
    #[allow(deprecated)]
    let mut picker = Picker::from_fontsize(font.into());
    picker.set_protocol_type(protocol);
    picker
}

/// The cell size from the window's size in pixels, when the terminal
/// tells it.
fn font_from_window() -> Option<(u16, u16)> {
    let size = rustix::termios::tcgetwinsize(rustix::stdio::stdout()).ok()?;
    if size.ws_xpixel == 0 || size.ws_ypixel == 0 || size.ws_col == 0 || size.ws_row == 0 {
        return None;
    }
    Some((size.ws_xpixel / size.ws_col, size.ws_ypixel / size.ws_row))
}

/// Writes the question to the terminal (in raw mode, before anything
/// reads the keyboard). `None` when stdin or stdout is no terminal.
pub fn ask() -> Option<Asked> {
    use std::io::{IsTerminal, Write};
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return None;
    }
    let is_tmux = inside_tmux();
    if is_tmux {
        let _ = std::process::Command::new("tmux")
            .args(["set", "-p", "allow-passthrough", "on"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
    // WezTerm and Konsole say kitty or sixel but draw them badly.
    let blacklist = if env_set("WEZTERM_EXECUTABLE") || env_set("KONSOLE_VERSION") {
        vec![ProtocolType::Kitty, ProtocolType::Sixel]
    } else {
        Vec::new()
    };
    let options = QueryStdioOptions { blacklist_protocols: blacklist.clone(), ..QueryStdioOptions::default() };
    let mut stdout = std::io::stdout();
    stdout.write_all(with_version_question(&Parser::query(is_tmux, options), is_tmux).as_bytes()).ok()?;
    stdout.flush().ok()?;
    Some(Asked { is_tmux, blacklist })
}

/// `query` with the terminal's name and version asked too (XTVERSION),
/// before the status report that ends it: kitty before 0.28 answers the
/// graphics query but cannot draw the placeholders folio places images with.
fn with_version_question(query: &str, is_tmux: bool) -> String {
    let escape = if is_tmux { "\x1b\x1b" } else { "\x1b" };
    let status = format!("{escape}[5n");
    match query.rfind(&status) {
        Some(at) => format!("{}{escape}[>q{}", &query[..at], &query[at..]),
        None => query.to_owned(),
    }
}

/// Whether the terminal's XTVERSION answer names a kitty too old for
/// Unicode placeholders (before 0.28).
fn kitty_without_placeholders(version: &str) -> bool {
    let Some(rest) = version.split_once("kitty(").map(|(_, rest)| rest) else { return false };
    let mut numbers = rest.split(['.', ')']).map(|n| n.parse::<u32>().ok());
    match (numbers.next().flatten(), numbers.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) < (0, 28),
        _ => false,
    }
}

/// Reads the terminal's answer to `asked` from stdin (up to the status
/// report that ends it, or until `within` has passed) and picks the
/// protocol: kitty, else sixel, else iTerm2 by the environment, else
/// half-blocks.
pub fn answer(asked: &Asked, within: Duration) -> Picker {
    let (responses, version) = read_answer(within);
    let mut asked = asked.clone();
    if kitty_without_placeholders(&version) {
        asked.blacklist.push(ProtocolType::Kitty);
    }
    pick(&asked, &responses, font_from_window())
}

/// The picker the responses call for; `window_font` is the cell size
/// from the window's pixel size.
fn pick(asked: &Asked, responses: &[Response], window_font: Option<(u16, u16)>) -> Picker {
    let mut protocol = None;
    let mut font = None;
    for response in responses {
        match response {
            Response::Kitty if !asked.blacklist.contains(&ProtocolType::Kitty) => protocol = Some(ProtocolType::Kitty),
            Response::Sixel if protocol.is_none() && !asked.blacklist.contains(&ProtocolType::Sixel) => {
                protocol = Some(ProtocolType::Sixel);
            }
            Response::CellSize(Some((w, h))) if *w > 0 && *h > 0 => font = Some((*w, *h)),
            _ => {}
        }
    }
    let protocol = protocol.or_else(|| iterm2_by_environment(asked.is_tmux));
    // Inside tmux only kitty's placeholders survive: they are text tmux
    // keeps and redraws, while a sixel or iTerm2 picture passed through
    // is painted over by tmux's next redraw.
    let protocol = protocol.filter(|p| !asked.is_tmux || *p == ProtocolType::Kitty);
    match (protocol, font.or(window_font)) {
        (Some(protocol), Some(font)) => picker(font, protocol),
        _ => Picker::halfblocks(),
    }
}

/// Terminals that draw iTerm2's images without saying so.
fn iterm2_by_environment(is_tmux: bool) -> Option<ProtocolType> {
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    let named = ["iTerm", "WezTerm", "mintty", "vscode", "Tabby", "Hyper", "rio", "Bobcat", "WarpTerminal"]
        .iter()
        .any(|name| program.contains(name));
    let lc = std::env::var("LC_TERMINAL").is_ok_and(|t| t.contains("iTerm"));
    let outer = is_tmux && (env_set("ITERM_SESSION_ID") || env_set("WEZTERM_EXECUTABLE"));
    (named || lc || outer).then_some(ProtocolType::Iterm2)
}

/// The responses read from stdin until the status report, or what came
/// before the deadline, and the text of the device control strings (the
/// version answer) kept out of the parser. Reads the descriptor itself (no
/// buffer that would keep bytes from the keyboard reader that comes after).
fn read_answer(within: Duration) -> (Vec<Response>, String) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let deadline = Instant::now() + within;
    let stdin = rustix::stdio::stdin();
    let mut parser = Parser::new();
    let mut responses = Vec::new();
    let mut strings = DeviceStrings::default();
    let mut buffer = [0u8; 256];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (responses, strings.text);
        }
        let timeout = Timespec {
            tv_sec: i64::try_from(left.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => return (responses, strings.text),
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return (responses, strings.text),
        }
        let read = match rustix::io::read(stdin, &mut buffer) {
            Ok(0) | Err(_) => return (responses, strings.text),
            Ok(read) => read,
        };
        let mut plain = Vec::with_capacity(read + 1);
        for &byte in &buffer[..read] {
            strings.feed(byte, &mut plain);
        }
        for byte in plain {
            for response in parser.push(char::from(byte)) {
                if response == Response::Status {
                    return (responses, strings.text);
                }
                responses.push(response);
            }
        }
    }
}

/// Device control strings (`ESC P … ESC \`) taken out of the answer.
#[derive(Default)]
struct DeviceStrings {
    /// In one: after its `ESC P`.
    inside: bool,
    /// An ESC was seen and held back until the next byte tells what it starts.
    escape: bool,
    text: String,
}

impl DeviceStrings {
    /// Reads `byte`; what is not part of a device control string is put
    /// in `out`, for the parser (a held ESC with the byte after it).
    fn feed(&mut self, byte: u8, out: &mut Vec<u8>) {
        if self.inside {
            if self.escape && byte == b'\\' {
                self.inside = false;
                self.text.push('\n');
            } else if byte != 0x1b {
                self.text.push(char::from(byte));
            }
            self.escape = byte == 0x1b;
            return;
        }
        if std::mem::take(&mut self.escape) {
            if byte == b'P' {
                self.inside = true;
                return;
            }
            out.push(0x1b);
        }
        if byte == 0x1b {
            self.escape = true;
        } else {
            out.push(byte);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked() -> Asked {
        Asked { is_tmux: false, blacklist: Vec::new() }
    }

    #[test]
    fn kitty_wins_over_sixel_and_the_cell_size_is_used() {
        let picker = pick(&asked(), &[Response::Sixel, Response::Kitty, Response::CellSize(Some((9, 18)))], None);
        assert_eq!(picker.protocol_type(), ProtocolType::Kitty);
        assert_eq!((picker.font_size().width, picker.font_size().height), (9, 18));
    }

    #[test]
    fn sixel_with_the_window_size_as_the_cell() {
        let picker = pick(&asked(), &[Response::Sixel], Some((8, 16)));
        assert_eq!(picker.protocol_type(), ProtocolType::Sixel);
        assert_eq!(picker.font_size().height, 16);
    }

    #[test]
    fn no_answer_or_no_font_size_is_half_blocks() {
        assert_eq!(pick(&asked(), &[], Some((8, 16))).protocol_type(), ProtocolType::Halfblocks);
        assert_eq!(pick(&asked(), &[Response::Kitty], None).protocol_type(), ProtocolType::Halfblocks);
    }

    #[test]
    fn the_version_question_comes_before_the_status_report() {
        let query = with_version_question("\x1b_Gi=31;AAAA\x1b\\\x1b[c\x1b[16t\x1b[5n", false);
        assert!(query.ends_with("\x1b[>q\x1b[5n"), "{query:?}");
        let tmux = with_version_question("\x1bPtmux;\x1b\x1b[c\x1b\x1b[5n\x1b\\", true);
        assert!(tmux.ends_with("\x1b\x1b[>q\x1b\x1b[5n\x1b\\"), "{tmux:?}");
    }

    #[test]
    fn an_old_kitty_is_known_by_its_version() {
        assert!(kitty_without_placeholders("P>|kitty(0.26.5)\n"));
        assert!(!kitty_without_placeholders(">|kitty(0.31.0)\n"));
        assert!(!kitty_without_placeholders(">|XTerm(379)\n"));
        assert!(!kitty_without_placeholders(""));
    }

    #[test]
    fn device_strings_are_kept_from_the_parser() {
        let answer = b"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.26.5)\x1b\\\x1b[?62;4c\x1b[0n";
        let mut strings = DeviceStrings::default();
        let mut plain = Vec::new();
        for &byte in answer {
            strings.feed(byte, &mut plain);
        }
        assert_eq!(strings.text, ">|kitty(0.26.5)\n");
        assert_eq!(plain, b"\x1b_Gi=31;OK\x1b\\\x1b[?62;4c\x1b[0n");
        let mut parser = Parser::new();
        let responses: Vec<Response> = plain.iter().flat_map(|&b| parser.push(char::from(b))).collect();
        assert!(responses.contains(&Response::Kitty), "{responses:?}");
        assert!(responses.contains(&Response::Sixel), "{responses:?}");
        assert!(responses.contains(&Response::Status), "{responses:?}");
    }

    #[test]
    fn inside_tmux_only_kitty_is_taken() {
        let tmux = Asked { is_tmux: true, blacklist: Vec::new() };
        assert_eq!(pick(&tmux, &[Response::Sixel], Some((8, 16))).protocol_type(), ProtocolType::Halfblocks);
        assert_eq!(pick(&tmux, &[Response::Kitty], Some((8, 16))).protocol_type(), ProtocolType::Kitty);
    }

    #[test]
    fn a_blacklisted_protocol_is_not_taken() {
        let asked = Asked { is_tmux: false, blacklist: vec![ProtocolType::Kitty, ProtocolType::Sixel] };
        let picker = pick(&asked, &[Response::Kitty, Response::Sixel], Some((8, 16)));
        assert_ne!(picker.protocol_type(), ProtocolType::Kitty);
        assert_ne!(picker.protocol_type(), ProtocolType::Sixel);
    }
}
