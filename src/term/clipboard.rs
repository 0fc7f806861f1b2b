//! Copying to the terminal's clipboard with OSC 52: it works over SSH and
//! needs no clipboard program; inside tmux the sequence passes through to
//! the outer terminal (tmux ignores an application's OSC 52 by default).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The bytes that put `text` on the clipboard (`in_tmux`: wrapped in
/// tmux's passthrough, its escapes doubled). The text itself never reaches
/// the terminal: only its base64 does.
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let sequence = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    if in_tmux { format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")) } else { sequence }
}

/// Whether folio runs inside tmux.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::osc52;

    #[test]
    fn the_text_goes_as_base64() {
        assert_eq!(osc52("https://example.test/a?b=1", false), "\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLnRlc3QvYT9iPTE=\x07");
        // A control character in a URL is encoded, never written.
        assert!(!osc52("a\x1b[31mb", false)[1..].contains('\x1b'));
        assert_eq!(osc52("乌", false), "\x1b]52;c;5LmM\x07");
    }

    #[test]
    fn inside_tmux_it_passes_through() {
        assert_eq!(osc52("x", true), "\x1bPtmux;\x1b\x1b]52;c;eA==\x07\x1b\\");
    }
}
