//! Terminal events into app actions: keys through the key map (or into
//! the filter line), the mouse, pasted text, resizes.

use crate::app::query_line::LineKey;
use crate::app::{Action, App, Command, Overlay};
use crate::model::Key;
use crate::text::Edit;
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
    // A question in the status bar: `y` says yes, any other key no.
    if app.marking.question.is_some() {
        let yes = matches!(event.code, KeyCode::Char('y' | 'Y')) && !event.modifiers.contains(KeyModifiers::CONTROL);
        return Some(Action::Answer(yes));
    }
    if app.reading.editing_find || app.list.editing_filter {
        let find = app.reading.editing_find;
        return Some(match line_input(event)? {
            LineInput::Key(key) if find => Action::FindKey(key),
            LineInput::Key(key) => Action::FilterKey(key),
            LineInput::Accept if find => Action::FindAccept,
            LineInput::Accept => Action::FilterAccept,
            // As in a shell's line: Ctrl-c drops what is being typed (a
            // half-typed filter is not kept as the last one); Ctrl-c again quits.
            LineInput::Cancel if find => Action::FindCancel,
            LineInput::Cancel => Action::FilterCancel,
            LineInput::Suspend => Action::Command(Command::Suspend),
        });
    }
    let key = key_of(event)?;
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

/// What a key does in the filter or find line.
enum LineInput {
    Key(LineKey),
    Accept,
    Cancel,
    Suspend,
}

/// The line's keys, as in readline and emacs (and the arrows, Home, End,
/// Delete); `None` for a key the line does not take.
fn line_input(event: KeyEvent) -> Option<LineInput> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let edit = |edit| Some(LineInput::Key(LineKey::Edit(edit)));
    match event.code {
        KeyCode::Enter => Some(LineInput::Accept),
        KeyCode::Esc => Some(LineInput::Cancel),
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'c' | 'g' => Some(LineInput::Cancel),
            'z' => Some(LineInput::Suspend),
            'a' => edit(Edit::Home),
            'e' => edit(Edit::End),
            'b' => edit(Edit::Left),
            'f' => edit(Edit::Right),
            'h' => edit(Edit::Backspace),
            'd' => edit(Edit::Delete),
            'u' => edit(Edit::KillToStart),
            'k' => edit(Edit::KillToEnd),
            'w' => edit(Edit::KillWordBack),
            'p' => Some(LineInput::Key(LineKey::Older)),
            'n' => Some(LineInput::Key(LineKey::Newer)),
            'j' | 'm' => Some(LineInput::Accept),
            _ => None,
        },
        KeyCode::Char(c) if alt => match c {
            'b' => edit(Edit::WordLeft),
            'f' => edit(Edit::WordRight),
            'd' => edit(Edit::KillWordForward),
            _ => None,
        },
        KeyCode::Char(c) => edit(Edit::Insert(c.to_string())),
        KeyCode::Backspace if alt || ctrl => edit(Edit::KillWordBack),
        KeyCode::Backspace => edit(Edit::Backspace),
        KeyCode::Delete => edit(Edit::Delete),
        KeyCode::Left if alt || ctrl => edit(Edit::WordLeft),
        KeyCode::Right if alt || ctrl => edit(Edit::WordRight),
        KeyCode::Left => edit(Edit::Left),
        KeyCode::Right => edit(Edit::Right),
        KeyCode::Home => edit(Edit::Home),
        KeyCode::End => edit(Edit::End),
        KeyCode::Up => Some(LineInput::Key(LineKey::Older)),
        KeyCode::Down => Some(LineInput::Key(LineKey::Newer)),
        KeyCode::Tab => Some(LineInput::Key(LineKey::Complete { forward: true })),
        KeyCode::BackTab => Some(LineInput::Key(LineKey::Complete { forward: false })),
        _ => None,
    }
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
