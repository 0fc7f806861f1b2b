//! Breaking styled text into lines of at most a given display width:
//! break opportunities from the Unicode line-breaking algorithm (UAX #14),
//! tightened by kinsoku rules; greedy filling; words longer than a line
//! split between grapheme clusters.

use super::kinsoku::{no_end, no_start};
use crate::document::{Span, Style, Text};
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One wrapped line: its spans and where its text starts (in characters
/// from the start of the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub spans: Vec<Span>,
    pub start: usize,
}

/// Stands in for a character wider than the whole line (a CJK character
/// at width 1): the line must never overflow.
const TOO_WIDE: &str = "?";

/// `text` broken into lines no wider than `width` (at least 1).
pub fn wrap(text: &Text, width: usize) -> Vec<Wrapped> {
    let width = width.max(1);
    let plain = text.to_plain();
    let ranges = line_ranges(&plain, width);
    let mut lines = Vec::with_capacity(ranges.len());
    let mut chars_before = 0;
    let mut counted_to = 0;
    for (start, end) in ranges {
        chars_before += plain[counted_to..start].chars().count();
        counted_to = start;
        let spans = styled(text, start, end, width);
        lines.push(Wrapped { spans, start: chars_before });
    }
    lines
}

/// Byte ranges of `text`, one per line.
fn line_ranges(text: &str, width: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut segment_start = 0;
    for segment in text.split('\n') {
        fill(segment_start, segment, width, &mut lines);
        segment_start += segment.len() + 1;
    }
    lines
}

/// Greedy filling of one segment (text between forced breaks).
fn fill(offset: usize, segment: &str, width: usize, lines: &mut Vec<(usize, usize)>) {
    if segment.is_empty() {
        lines.push((offset, offset));
        return;
    }
    let mut line_start: Option<usize> = None;
    let mut content_end = 0;
    let mut used = 0;
    let mut pending_space = 0;
    for (start, end) in units(segment) {
        let unit = &segment[start..end];
        let content = unit.trim_end_matches(' ');
        let content_width = content.width();
        let space_width = unit.len() - content.len();
        let fits = used + pending_space + content_width <= width;
        if line_start.is_some() && content_width == 0 && !fits {
            // Invisible (a zero-width space): left out rather than let it
            // overflow the line or stand alone on the next.
            pending_space += space_width;
            continue;
        }
        match line_start {
            Some(_) if fits => {
                used += pending_space + content_width;
            }
            _ => {
                if let Some(begin) = line_start.take() {
                    lines.push((offset + begin, offset + content_end));
                }
                if content_width <= width {
                    line_start = Some(start);
                    used = content_width;
                } else {
                    // Longer than a whole line: split it between clusters.
                    let pieces = split_long(content, width);
                    let last = pieces.len() - 1;
                    for (i, (piece_start, piece_end, piece_width)) in pieces.into_iter().enumerate() {
                        if i < last {
                            lines.push((offset + start + piece_start, offset + start + piece_end));
                        } else {
                            line_start = Some(start + piece_start);
                            used = piece_width;
                        }
                    }
                }
            }
        }
        content_end = start + content.len();
        pending_space = space_width;
    }
    if let Some(begin) = line_start {
        lines.push((offset + begin, offset + content_end));
    }
}

/// The unbreakable units of a segment (each with its trailing spaces):
/// UAX #14 opportunities, minus those kinsoku forbids.
fn units(segment: &str) -> Vec<(usize, usize)> {
    let mut units = Vec::new();
    let mut start = 0;
    for (at, _) in linebreaks(segment) {
        if at >= segment.len() {
            break;
        }
        let before = segment[..at].trim_end_matches(' ').chars().next_back();
        let after = segment[at..].chars().next();
        let forbidden = before.is_some_and(no_end) || after.is_some_and(no_start) || before.is_none();
        if !forbidden {
            units.push((start, at));
            start = at;
        }
    }
    units.push((start, segment.len()));
    units
}

/// Splits a unit wider than `width` into pieces that fit, between grapheme
/// clusters, carrying a character over so that no piece after the first
/// starts with closing punctuation when that can be helped.
fn split_long(unit: &str, width: usize) -> Vec<(usize, usize, usize)> {
    let clusters: Vec<(usize, &str)> = unit.grapheme_indices(true).collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < clusters.len() {
        let begin = i;
        let mut used = 0;
        while i < clusters.len() {
            let w = clusters[i].1.width();
            if used + w > width && i > begin {
                break;
            }
            used += w;
            i += 1;
        }
        // Carry one cluster over when the next piece would start badly.
        let starts_badly = |at: usize| clusters.get(at).and_then(|(_, c)| c.chars().next()).is_some_and(no_start);
        if i < clusters.len() && i - begin > 1 && starts_badly(i) && !starts_badly(i - 1) {
            i -= 1;
            used -= clusters[i].1.width();
        }
        let start = clusters[begin].0;
        let end = clusters.get(i).map_or(unit.len(), |(at, _)| *at);
        pieces.push((start, end, used));
    }
    pieces
}

/// Marks the continuation of a code line too long for the width.
pub const CONTINUATION: &str = "↪";

/// A line of code cut into pieces that fit `width`, each with its offset
/// in characters; pieces after the first leave a column for `CONTINUATION`.
pub fn split_code_line(line: &str, width: usize) -> Vec<(String, usize)> {
    let width = width.max(1);
    if line.width() <= width {
        return vec![(line.to_owned(), 0)];
    }
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut used = 0;
    let mut offset = 0;
    let mut piece_offset = 0;
    let mut room = width;
    for cluster in line.graphemes(true) {
        let w = cluster.width();
        if used + w > room && !piece.is_empty() {
            pieces.push((std::mem::take(&mut piece), piece_offset));
            piece_offset = offset;
            used = 0;
            room = if width > 1 { width - CONTINUATION.width() } else { width };
        }
        piece.push_str(if w > room { TOO_WIDE } else { cluster });
        used += w.min(room);
        offset += cluster.chars().count();
    }
    pieces.push((piece, piece_offset));
    pieces
}

/// The spans of `text` between byte offsets `start` and `end` of its plain
/// text, with any cluster wider than the line replaced.
fn styled(text: &Text, start: usize, end: usize, width: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for span in &text.spans {
        let (span_start, span_end) = (offset, offset + span.text.len());
        offset = span_end;
        let (from, to) = (start.max(span_start), end.min(span_end));
        if from >= to {
            continue;
        }
        let piece = &span.text[from - span_start..to - span_start];
        let piece = if piece.width() > width { narrow(piece, width) } else { piece.to_owned() };
        push_span(&mut spans, piece, span.style);
    }
    spans
}

fn narrow(piece: &str, width: usize) -> String {
    piece.graphemes(true).map(|c| if c.width() > width { TOO_WIDE } else { c }).collect()
}

fn push_span(spans: &mut Vec<Span>, text: String, style: Style) {
    match spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(&text),
        _ => spans.push(Span { text, style }),
    }
}

#[cfg(test)]
mod tests;
