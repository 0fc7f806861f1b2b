//! Terminal events into app actions: keys through the key map (or into
//! the filter line), the mouse, pasted text, resizes.

use crate::app::{Action, App, Command, Overlay};
use crate::model::Key;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

/// What `event` means to `app` now, if anything.
pub fn action_for(event: Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, app),
        // Pasted text goes to the filter (starting one): the way CJK text often arrives.
        Event::Paste(text) if app.reading.editing_find => Some(Action::FindText(text)),
        Event::Paste(text) => Some(Action::FilterText(text)),
        Event::Resize(columns, rows) => Some(Action::Resize(columns, rows)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll { column: mouse.column, row: mouse.row, lines: 1 }),
            MouseEventKind::ScrollUp => Some(Action::Scroll { column: mouse.column, row: mouse.row, lines: -1 }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column: mouse.column, row: mouse.row }),
            _ => None,
        },
        _ => None,
    }
}

fn key_action(event: KeyEvent, app: &App) -> Option<Action> {
    let key = key_of(event)?;
    if app.reading.editing_find {
        return match key {
            Key::Enter => Some(Action::FindAccept),
            Key::Esc => Some(Action::FindCancel),
            Key::Backspace => Some(Action::FindBackspace),
            // As in a shell's line: Ctrl-c drops what is being typed.
            Key::Ctrl('c') => Some(Action::FindCancel),
            Key::Char(c) => Some(Action::FindText(c.to_string())),
            _ => None,
        };
    }
    if app.list.editing_filter {
        return match key {
            Key::Enter => Some(Action::FilterAccept),
            Key::Esc => Some(Action::FilterCancel),
            Key::Backspace => Some(Action::FilterBackspace),
            // As in a shell's line: Ctrl-c drops the half-typed filter (it
            // is not kept as the last filter); Ctrl-c again quits.
            Key::Ctrl('c') => Some(Action::FilterCancel),
            Key::Ctrl('z') => Some(Action::Command(Command::Suspend)),
            Key::Char(c) => Some(Action::FilterText(c.to_string())),
            _ => None,
        };
    }
    if let Some(overlay) = app.panels.overlay {
        let panel = matches!(overlay, Overlay::Images { .. } | Overlay::Links { .. });
        if let Key::Char(digit @ '1'..='9') = key
            && panel
        {
            return digit.to_digit(10).map(|n| Action::OpenNumber(n as usize));
        }
    }
    app.keymap.command_for(key, app.scope()).map(Action::Command)
}

fn key_of(event: KeyEvent) -> Option<Key> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        _ => return None,
    })
}
