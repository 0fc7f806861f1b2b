//! How the document's styles look on screen.

use crate::document::Style as TextStyle;
use ratatui::style::{Color, Modifier, Style};

/// The screen style of a laid-out span.
pub fn span_style(style: TextStyle) -> Style {
    let mut look = Style::default();
    if style.has(TextStyle::TITLE) {
        look = look.fg(Color::Yellow).add_modifier(Modifier::BOLD);
    }
    if style.has(TextStyle::HEADING) {
        look = look.fg(Color::Cyan).add_modifier(Modifier::BOLD);
    }
    if style.has(TextStyle::STRONG) {
        look = look.add_modifier(Modifier::BOLD);
    }
    if style.has(TextStyle::EMPHASIS) || style.has(TextStyle::CAPTION) {
        look = look.add_modifier(Modifier::ITALIC);
    }
    if style.has(TextStyle::CODE) {
        look = look.fg(Color::Green);
    }
    if style.has(TextStyle::LINK) {
        look = look.fg(Color::Blue).add_modifier(Modifier::UNDERLINED);
    }
    if style.has(TextStyle::STRIKE) {
        look = look.add_modifier(Modifier::CROSSED_OUT);
    }
    if style.has(TextStyle::MARKER) {
        look = look.fg(Color::Magenta);
    }
    if style.has(TextStyle::META) || style.has(TextStyle::DECORATION) || style.has(TextStyle::CAPTION) {
        look = look.add_modifier(Modifier::DIM);
    }
    look
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
