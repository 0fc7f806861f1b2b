//! How the document's styles look on screen: one palette, used by the
//! reader (ratatui) and by `folio show` (plain ANSI).

use crate::document::Style as TextStyle;
use ratatui::style::{Color, Modifier, Style};

/// The look of a laid-out span: a colour and text attributes.
pub fn span_style(style: TextStyle) -> Style {
    let mut look = Style::default();
    let mut colour = |c: Color| look = look.fg(c);
    if style.has(TextStyle::TITLE) {
        colour(Color::Yellow);
    }
    if style.has(TextStyle::HEADING) {
        colour(Color::Cyan);
    }
    if style.has(TextStyle::CODE) {
        colour(Color::Green);
    }
    if style.has(TextStyle::LINK) {
        colour(Color::Blue);
    }
    if style.has(TextStyle::MARKER) {
        colour(Color::Magenta);
    }
    let attributes = [
        (TextStyle::TITLE, Modifier::BOLD),
        (TextStyle::HEADING, Modifier::BOLD),
        (TextStyle::STRONG, Modifier::BOLD),
        (TextStyle::EMPHASIS, Modifier::ITALIC),
        (TextStyle::CAPTION, Modifier::ITALIC),
        (TextStyle::LINK, Modifier::UNDERLINED),
        (TextStyle::STRIKE, Modifier::CROSSED_OUT),
        (TextStyle::META, Modifier::DIM),
        (TextStyle::DECORATION, Modifier::DIM),
        (TextStyle::CAPTION, Modifier::DIM),
    ];
    for (when, modifier) in attributes {
        if style.has(when) {
            look = look.add_modifier(modifier);
        }
    }
    look
}

/// `span_style` as ANSI escape sequences (SGR), for `folio show`.
pub fn ansi(style: TextStyle) -> (String, &'static str) {
    let look = span_style(style);
    let mut codes: Vec<&str> = Vec::new();
    for (modifier, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if look.add_modifier.contains(modifier) {
            codes.push(code);
        }
    }
    let colour = match look.fg {
        Some(Color::Yellow) => Some("33"),
        Some(Color::Cyan) => Some("36"),
        Some(Color::Green) => Some("32"),
        Some(Color::Blue) => Some("34"),
        Some(Color::Magenta) => Some("35"),
        _ => None,
    };
    codes.extend(colour);
    if codes.is_empty() { (String::new(), "") } else { (format!("\u{1b}[{}m", codes.join(";")), "\u{1b}[0m") }
}

pub fn dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_palette_for_both() {
        assert_eq!(ansi(TextStyle::PLAIN), (String::new(), ""));
        assert_eq!(ansi(TextStyle::HEADING.with(TextStyle::STRONG)).0, "\u{1b}[1;36m");
        assert_eq!(ansi(TextStyle::LINK).0, "\u{1b}[4;34m");
        assert_eq!(span_style(TextStyle::CAPTION), Style::default().add_modifier(Modifier::ITALIC | Modifier::DIM));
    }
}
