//! The filter and find lines in the status bar's place: the prompt, the
//! text scrolled so the cursor stays in view, and after it what helps —
//! the query fields while the line is empty, Tab's choices, a query's
//! error, the find's count.

use super::style::{bold, coloured, dim};
use crate::app::query_line::{Completion, FIELDS};
use crate::app::{App, Area};
use crate::config::Element;
use crate::text::Line as TextLine;
use crate::width::{truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Draws the line being typed, if one is; whether it did.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Area) -> bool {
    let rect = Rect::new(area.x, area.y, area.width, area.height);
    let columns = usize::from(area.width);
    let (prompt, line, after) = if app.reading.editing_find {
        let find = app.reading.open.as_ref().and_then(|r| r.find.as_ref());
        let Some(find) = find else { return false };
        let after = if find.line.text.is_empty() {
            Trailer::Hint("type to find in the article · ↑ earlier finds · Enter keeps · Esc clears".to_owned())
        } else {
            Trailer::Count(count(find))
        };
        ("find: ", &find.line, after)
    } else if app.list.editing_filter {
        let line = &app.list.filter;
        let after = match (&app.list.query_error, app.list.filter_aid.completion()) {
            (_, Some(completion)) if completion.choices.len() > 1 => Trailer::Choices(completion),
            (_, Some(completion)) if completion.choices.is_empty() => Trailer::Hint("nothing to complete".to_owned()),
            (Some(error), _) => Trailer::Error(error.clone()),
            _ if line.text.is_empty() => Trailer::Hint(fields_hint()),
            _ => Trailer::None,
        };
        ("/", line, after)
    } else {
        return false;
    };
    // The trailer gets what the text leaves, at least a third of the line
    // when there is one.
    let trailer_room = if matches!(after, Trailer::None) { 0 } else { columns / 3 };
    let text_room = columns.saturating_sub(trailer_room.max(1)).max(1);
    let (shown, cursor) = window(prompt, line, text_room);
    let used = width(&shown);
    let mut spans = vec![Span::raw(shown)];
    let room = columns.saturating_sub(used + 3);
    if room > 3 {
        let gap = Span::raw("   ");
        match after {
            Trailer::None => {}
            Trailer::Hint(hint) => spans.extend([gap, Span::styled(truncate(&hint, room), dim())]),
            Trailer::Error(error) => {
                spans.extend([gap, Span::styled(truncate(&error, room), coloured(Element::Error))])
            }
            Trailer::Count(count) => spans.extend([gap, Span::styled(truncate(&count, room), dim())]),
            Trailer::Choices(completion) => {
                spans.push(gap);
                spans.extend(choices(completion, room));
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), rect);
    let cursor = u16::try_from(cursor).unwrap_or(u16::MAX).min(area.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(area.x + cursor, area.y));
    true
}

/// What follows the text.
enum Trailer<'a> {
    None,
    Hint(String),
    Error(String),
    Count(String),
    Choices(&'a Completion),
}

/// The query fields, for a line with nothing typed yet.
fn fields_hint() -> String {
    let fields: Vec<String> = FIELDS.iter().map(|(name, ..)| format!("{name}:")).collect();
    format!("{} · Tab completes · ↑ earlier · ? help", fields.join(" "))
}

/// Tab's choices in `room` columns, the chosen one picked out, starting
/// so that it is in view.
fn choices(completion: &Completion, room: usize) -> Vec<Span<'static>> {
    let chosen = completion.chosen.unwrap_or(0);
    let widths: Vec<usize> = completion.choices.iter().map(|c| width(c) + 1).collect();
    // From the chosen one back, as many as fit before it with it.
    let mut first = chosen;
    let mut used = widths.get(chosen).copied().unwrap_or(0);
    while first > 0 && used + widths[first - 1] <= room * 2 / 3 {
        first -= 1;
        used += widths[first];
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for (at, choice) in completion.choices.iter().enumerate().skip(first) {
        let shown = truncate(choice, room.saturating_sub(used));
        if shown.is_empty() {
            break;
        }
        used += width(&shown) + 1;
        let style = if Some(at) == completion.chosen { bold() } else { dim() };
        spans.push(Span::styled(shown, style));
        spans.push(Span::raw(" "));
        if used >= room {
            break;
        }
    }
    spans
}

/// `prompt` and `line` in `room` columns with the cursor in view: the
/// start when it fits, else the text up to the cursor's end shown, then
/// what follows as far as it goes. Returns the text and the cursor's
/// column.
fn window(prompt: &str, line: &TextLine, room: usize) -> (String, usize) {
    let before = format!("{prompt}{}", line.before_cursor());
    let rest = &line.text[line.cursor()..];
    // The cursor's own column must fit too.
    let kept_before = if before.width() < room { before } else { tail(&before, room.saturating_sub(1)) };
    let cursor = kept_before.width();
    let shown = format!("{kept_before}{}", head(rest, room.saturating_sub(cursor)));
    (shown, cursor)
}

/// The first `columns` columns of `text`, whole characters.
fn head(text: &str, columns: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|&c| {
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            used <= columns
        })
        .collect()
}

/// The last `columns` columns of `text`, whole characters.
pub fn tail(text: &str, columns: usize) -> String {
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.into_iter().rev().collect()
}

/// `3/17` for the current match, or `no match`.
pub fn count(find: &crate::app::Find) -> String {
    if find.matches.is_empty() { "no match".to_owned() } else { format!("{}/{}", find.current + 1, find.matches.len()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Edit;

    #[test]
    fn the_cursor_stays_in_view() {
        let mut line = TextLine::new("乌克兰 北约 cat:rust");
        assert_eq!(window("/", &line, 40), ("/乌克兰 北约 cat:rust".to_owned(), 21));
        line.apply(&Edit::Home);
        assert_eq!(window("/", &line, 10), ("/乌克兰 北".to_owned(), 1));
        line.apply(&Edit::End);
        let (shown, cursor) = window("/", &line, 10);
        assert_eq!((shown.as_str(), cursor), (" cat:rust", 9));
        for _ in 0..8 {
            line.apply(&Edit::Left);
        }
        let (shown, cursor) = window("/", &line, 10);
        assert_eq!((shown.as_str(), cursor), ("兰 北约 ca", 8));
    }
}
