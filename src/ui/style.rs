//! How the document's styles look on screen: one palette, used by the
//! reader (ratatui) and by `folio show` (plain ANSI).

use crate::config::{Colour, Element, Theme};
use crate::document::Style as TextStyle;
use ratatui::style::{Color, Modifier, Style};
use std::sync::OnceLock;

static THEME: OnceLock<Theme> = OnceLock::new();

/// Sets the colours (config.toml's `[theme]`, NO_COLOR applied) for the
/// whole run; the first call wins, before it the defaults apply.
pub fn set_theme(theme: Theme) {
    let _ = THEME.set(theme);
}

/// The colour of `element`, if it has one.
pub fn colour(element: Element) -> Option<Color> {
    THEME.get_or_init(Theme::default).colour(element).map(terminal_colour)
}

/// config.toml's colour as ratatui's.
fn terminal_colour(colour: Colour) -> Color {
    match colour {
        Colour::Black => Color::Black,
        Colour::Red => Color::Red,
        Colour::Green => Color::Green,
        Colour::Yellow => Color::Yellow,
        Colour::Blue => Color::Blue,
        Colour::Magenta => Color::Magenta,
        Colour::Cyan => Color::Cyan,
        Colour::Gray => Color::Gray,
        Colour::DarkGray => Color::DarkGray,
        Colour::LightRed => Color::LightRed,
        Colour::LightGreen => Color::LightGreen,
        Colour::LightYellow => Color::LightYellow,
        Colour::LightBlue => Color::LightBlue,
        Colour::LightMagenta => Color::LightMagenta,
        Colour::LightCyan => Color::LightCyan,
        Colour::White => Color::White,
        Colour::Indexed(n) => Color::Indexed(n),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// The default look with `element`'s colour, if any.
pub fn coloured(element: Element) -> Style {
    let style = Style::default();
    match colour(element) {
        Some(c) => style.fg(c),
        None => style,
    }
}

/// The look of a laid-out span: a colour and text attributes.
pub fn span_style(style: TextStyle) -> Style {
    let mut look = Style::default();
    for (when, element) in [
        (TextStyle::TITLE, Element::Title),
        (TextStyle::HEADING, Element::Heading),
        (TextStyle::CODE, Element::Code),
        (TextStyle::LINK, Element::Link),
        (TextStyle::MARKER, Element::Marker),
        (TextStyle::META, Element::Meta),
    ] {
        if let Some(c) = colour(element).filter(|_| style.has(when)) {
            look = look.fg(c);
        }
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
    let mut codes: Vec<String> = codes.into_iter().map(str::to_owned).collect();
    codes.extend(look.fg.and_then(sgr_foreground));
    if codes.is_empty() { (String::new(), "") } else { (format!("\u{1b}[{}m", codes.join(";")), "\u{1b}[0m") }
}

/// The SGR parameters that set `colour` as the text colour.
fn sgr_foreground(colour: Color) -> Option<String> {
    let basic = |n: u8| Some(n.to_string());
    match colour {
        Color::Reset => None,
        Color::Black => basic(30),
        Color::Red => basic(31),
        Color::Green => basic(32),
        Color::Yellow => basic(33),
        Color::Blue => basic(34),
        Color::Magenta => basic(35),
        Color::Cyan => basic(36),
        Color::Gray => basic(37),
        Color::DarkGray => basic(90),
        Color::LightRed => basic(91),
        Color::LightGreen => basic(92),
        Color::LightYellow => basic(93),
        Color::LightBlue => basic(94),
        Color::LightMagenta => basic(95),
        Color::LightCyan => basic(96),
        Color::White => basic(97),
        Color::Indexed(n) => Some(format!("38;5;{n}")),
        Color::Rgb(r, g, b) => Some(format!("38;2;{r};{g};{b}")),
    }
}

pub fn dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

/// The selection bar: the theme's colour behind the text, else reversed.
pub fn selected() -> Style {
    match colour(Element::Selected) {
        Some(c) => Style::default().bg(c),
        None => Style::default().add_modifier(Modifier::REVERSED),
    }
}

/// A match of the filter or the find: bold in the theme's colour.
pub fn matched() -> Style {
    coloured(Element::Match).add_modifier(Modifier::BOLD)
}

/// The current match of the find: the theme's colour behind the text.
pub fn current_match() -> Style {
    match colour(Element::Match) {
        Some(c) => Style::default().bg(c).fg(Color::Black),
        None => Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
    }
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
