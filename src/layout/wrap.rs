//! Breaking styled text into lines of at most a given display width:
//! break opportunities from the Unicode line-breaking algorithm (UAX #14),
//! tightened by kinsoku rules; greedy filling; words longer than a line
//! split between grapheme clusters.

use super::kinsoku::{no_end, no_start};
use crate::document::{Span, Style, Text};
use crate::persist::hash64;
use crate::width::DisplayWidth;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;

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

/// A piece of text between two break opportunities, measured once: the
/// same at every width, so a new width only refills the lines. Kept small
/// (a CJK text has a unit per character: 8 bytes each): units follow one
/// another, so each keeps only where its visible part ends (its trailing
/// spaces, one byte each, and its forced break, a `\n`, follow); where it
/// starts is where the one before it ended. Widths are in 16 bits (a wider
/// unit is split between clusters whatever its width says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    content_end: u32,
    /// Display width of the visible part.
    width: u16,
    /// The spaces after it (up to `SPACES_KEPT`; more are counted in the
    /// text), and in the top bit whether a forced break follows.
    spaces_and_break: u16,
}

const FORCED_BREAK: u16 = 1 << 15;
/// The most trailing spaces a unit counts itself.
const SPACES_KEPT: usize = (FORCED_BREAK - 1) as usize;

impl Unit {
    fn new(content_end: usize, spaces: usize, width: usize, forced_break: bool) -> Unit {
        let spaces = u16::try_from(spaces.min(SPACES_KEPT)).unwrap_or(0);
        Unit {
            content_end: u32::try_from(content_end).unwrap_or(u32::MAX),
            width: u16::try_from(width).unwrap_or(u16::MAX),
            spaces_and_break: spaces | if forced_break { FORCED_BREAK } else { 0 },
        }
    }

    fn content_end(&self) -> usize {
        self.content_end as usize
    }

    fn width(&self) -> usize {
        usize::from(self.width)
    }

    /// Trailing spaces, as display width (at most `SPACES_KEPT`: already
    /// wider than any line).
    fn spaces(&self) -> usize {
        usize::from(self.spaces_and_break & !FORCED_BREAK)
    }

    fn forced_break(&self) -> bool {
        self.spaces_and_break & FORCED_BREAK != 0
    }

    /// Where the next unit starts: after the trailing spaces (counted in
    /// `plain` when there were more than a unit keeps) and the break.
    fn end(&self, plain: &str) -> usize {
        let spaces = match self.spaces() {
            SPACES_KEPT => plain
                .as_bytes()
                .get(self.content_end()..)
                .map_or(0, |after| after.iter().take_while(|&&byte| byte == b' ').count()),
            spaces => spaces,
        };
        self.content_end() + spaces + usize::from(self.forced_break())
    }
}

/// A text's plain string and its units.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    plain: String,
    units: Vec<Unit>,
}

impl Measured {
    /// The widest unit: the narrowest the text can be wrapped without
    /// splitting a word.
    pub fn longest_unit(&self) -> usize {
        self.units.iter().map(Unit::width).max().unwrap_or(0)
    }

    /// Whether this is the measure of `text`: its spans, one after
    /// another, are the plain string measured.
    fn holds(&self, text: &Text) -> bool {
        let mut rest = self.plain.as_str();
        for span in &text.spans {
            match rest.strip_prefix(span.text.as_str()) {
                Some(after) => rest = after,
                None => return false,
            }
        }
        rest.is_empty()
    }
}

/// Texts' break units, measured once and kept for the next layout of the
/// same document (they do not depend on the width, only on the text).
/// Found by the text itself, hashed and then compared whole, so however
/// a document was put together its texts find their units. Short texts
/// (a caption, a URL: measured again in no time) are not kept, so a page
/// of a million links does not keep a million measures.
#[derive(Debug, Default)]
pub struct Measures {
    known: HashMap<u64, Measured, crate::persist::Quick>,
    /// The last short text measured.
    scratch: Measured,
}

/// Texts shorter than this (in bytes) are measured each time.
const KEPT_FROM: usize = 160;

impl Measures {
    /// The units of `text`, measured now if they are not known yet.
    pub fn of(&mut self, text: &Text) -> &Measured {
        let bytes: usize = text.spans.iter().map(|span| span.text.len()).sum();
        if bytes < KEPT_FROM {
            self.scratch = measure(text.to_plain());
            return &self.scratch;
        }
        let key = text
            .spans
            .iter()
            .fold(text.spans.len() as u64, |key, span| key.rotate_left(7) ^ hash64(span.text.as_bytes()));
        match self.known.entry(key) {
            Entry::Occupied(known) if known.get().holds(text) => known.into_mut(),
            // Another text with the same hash: this one takes its place.
            Entry::Occupied(mut other) => {
                other.insert(measure(text.to_plain()));
                other.into_mut()
            }
            Entry::Vacant(slot) => slot.insert(measure(text.to_plain())),
        }
    }
}

/// Measures `plain`: break opportunities from UAX #14, minus those kinsoku
/// forbids, plus those CJK quotes allow.
pub fn measure(plain: String) -> Measured {
    let mut units = Vec::with_capacity(plain.len() / 3 + 1);
    let mut segment_start = 0;
    for segment in plain.split('\n') {
        let mut start = 0;
        let mut push = |start: usize, end: usize, forced_break: bool| {
            let unit = &segment[start..end];
            let content_end = start + unit.trim_end_matches(' ').len();
            let width = segment[start..content_end].width();
            units.push(Unit::new(segment_start + content_end, end - content_end, width, forced_break));
        };
        for at in opportunities(segment) {
            push(start, at, false);
            start = at;
        }
        push(start, segment.len(), true);
        segment_start += segment.len() + 1;
    }
    if let Some(last) = units.last_mut() {
        last.spaces_and_break &= !FORCED_BREAK;
    }
    units.shrink_to_fit();
    Measured { plain, units }
}

/// Where `segment` may break: UAX #14's opportunities that kinsoku allows,
/// and the place before an opening (after a closing) curly quote next to
/// CJK text, which UAX #14 treats as ambiguous.
fn opportunities(segment: &str) -> impl Iterator<Item = usize> + '_ {
    let quote_breaks = segment.char_indices().filter_map(move |(at, c)| {
        let before = segment[..at].chars().next_back()?;
        let wide = |c: char| crate::width::char_width(c) == 2;
        let opens = matches!(c, '“' | '‘') && wide(before) && !no_end(before);
        let closes = matches!(before, '”' | '’') && wide(c) && !no_start(c);
        (opens || closes).then_some(at)
    });
    let mut merged: Vec<usize> = linebreaks(segment).map(|(at, _)| at).filter(|&at| at < segment.len()).collect();
    let before_quotes = merged.len();
    merged.extend(quote_breaks);
    if merged.len() > before_quotes {
        merged.sort_unstable();
        merged.dedup();
    }
    merged.into_iter().filter(move |&at| {
        // Spaces, ideographic spaces and zero-width characters do not count:
        // `（\u{200b}` still ends with `（`.
        let before = segment[..at].chars().rev().find(|&c| is_visible(c));
        let after = segment[at..].chars().find(|&c| is_visible(c));
        !(before.is_none() || before.is_some_and(no_end) || after.is_some_and(no_start))
    })
}

/// `text` broken into lines no wider than `width` (at least 1).
pub fn wrap(text: &Text, width: usize) -> Vec<Wrapped> {
    wrap_measured(text, &measure(text.to_plain()), width)
}

/// `wrap`, with the text's units from `measures`.
pub fn wrap_with(text: &Text, width: usize, measures: &mut Measures) -> Vec<Wrapped> {
    wrap_measured(text, measures.of(text), width)
}

fn wrap_measured(text: &Text, measured: &Measured, width: usize) -> Vec<Wrapped> {
    let mut lines = Vec::new();
    wrap_lines(text, measured, width, |start, pieces| {
        let mut spans = Vec::with_capacity(pieces.len());
        for &(piece, style) in pieces {
            push_span(&mut spans, piece, style);
        }
        lines.push(Wrapped { spans, start });
    });
    lines
}

/// Breaks `text` (measured as `measured`) into lines no wider than `width`,
/// handing each to `each` in order: where its text starts (in characters)
/// and its pieces, borrowed from `text` (adjacent pieces may share a style).
pub(crate) fn wrap_lines<'t>(
    text: &'t Text,
    measured: &Measured,
    width: usize,
    mut each: impl FnMut(usize, &[(&'t str, Style)]),
) {
    let width = width.max(1);
    let mut chars_before = 0;
    let mut counted_to = 0;
    // Lines come in order: the spans are walked once for all of them.
    let mut spans_from = SpanCursor::default();
    let mut pieces = Vec::new();
    for (start, end, too_wide) in fill(measured, width) {
        chars_before += measured.plain.get(counted_to..start).map_or(0, |before| before.chars().count());
        counted_to = start;
        pieces.clear();
        spans_from.pieces(text, start, end, &mut pieces);
        // A line that is one cluster wider than the line shows a stand-in.
        if too_wide {
            let style = pieces.first().map_or(Style::PLAIN, |&(_, style)| style);
            pieces.clear();
            pieces.push((TOO_WIDE, style));
        }
        each(chars_before, &pieces);
    }
}

/// Shows on screen: not a space of any kind, not zero-width.
fn is_visible(c: char) -> bool {
    !c.is_whitespace() && crate::width::char_width(c) > 0
}

/// Greedy filling: byte ranges of the text, one per line.
fn fill(measured: &Measured, width: usize) -> Vec<(usize, usize, bool)> {
    let mut lines = Vec::new();
    // The line being filled is one cluster wider than the whole line.
    let mut too_wide = false;
    let mut line_start: Option<usize> = None;
    let mut content_end = 0;
    let mut used = 0;
    let mut pending_space = 0;
    let mut next_start = 0;
    for unit in &measured.units {
        let unit_start = next_start;
        next_start = unit.end(&measured.plain);
        let fits = used + pending_space + unit.width() <= width;
        let left_out = line_start.is_some() && unit.width() == 0 && !fits;
        if left_out {
            // Invisible (a zero-width space): left out rather than let it
            // overflow the line or stand alone on the next.
            pending_space += unit.spaces();
        } else {
            match line_start {
                Some(_) if fits => used += pending_space + unit.width(),
                _ => {
                    if let Some(begin) = line_start.take() {
                        lines.push((begin, content_end, too_wide));
                    }
                    too_wide = false;
                    if unit.width() <= width {
                        line_start = Some(unit_start);
                        used = unit.width();
                    } else {
                        // Longer than a whole line: split it between clusters.
                        let content = &measured.plain[unit_start..unit.content_end()];
                        let pieces = split_long(content, width);
                        let last = pieces.len() - 1;
                        for (i, (piece_start, piece_end, piece_width)) in pieces.into_iter().enumerate() {
                            if i < last {
                                lines.push((unit_start + piece_start, unit_start + piece_end, piece_width > width));
                            } else {
                                line_start = Some(unit_start + piece_start);
                                used = piece_width;
                                too_wide = piece_width > width;
                            }
                        }
                    }
                }
            }
            content_end = unit.content_end();
            pending_space = unit.spaces();
        }
        if unit.forced_break() {
            // A unit left out ends nothing: the line ends where its text does.
            let end = if left_out { content_end } else { content_end.max(unit_start) };
            lines.push((line_start.take().unwrap_or(unit_start), end, too_wide));
            too_wide = false;
            used = 0;
            pending_space = 0;
        }
    }
    if let Some(begin) = line_start {
        lines.push((begin, content_end, too_wide));
    }
    if lines.is_empty() {
        lines.push((0, 0, false));
    }
    lines
}

/// Splits a unit wider than `width` into pieces that fit, between grapheme
/// clusters, carrying a character over so that no piece after the first
/// starts with closing punctuation when that can be helped.
fn split_long(unit: &str, width: usize) -> Vec<(usize, usize, usize)> {
    let clusters: Vec<(usize, &str)> = unit.grapheme_indices(true).collect();
    let visible = |(_, cluster): &&(usize, &str)| cluster.chars().any(is_visible);
    // The first visible character from cluster `at` on, and the last before it.
    let starts_badly = |at: usize| {
        let first = clusters[at..].iter().find(visible).and_then(|(_, c)| c.chars().find(|&c| is_visible(c)));
        first.is_some_and(no_start)
    };
    let ends_badly = |at: usize| {
        let last =
            clusters[..at].iter().rev().find(visible).and_then(|(_, c)| c.chars().rev().find(|&c| is_visible(c)));
        last.is_some_and(no_end)
    };
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
        // Carry clusters over while the next piece would start with closing
        // punctuation or this one end with an opening one (`abc）、` moves
        // `c）、` down together; `ab(c` moves `(c`).
        // Where neither rule can hold, the line start wins.
        let fine = |cut: usize| !starts_badly(cut) && !ends_badly(cut);
        if i < clusters.len() && !fine(i) {
            let earlier = |ok: &dyn Fn(usize) -> bool| (begin + 1..i).rev().find(|&cut| ok(cut));
            if let Some(cut) = earlier(&fine).or_else(|| earlier(&|cut| !starts_badly(cut))) {
                for cluster in &clusters[cut..i] {
                    used -= cluster.1.width();
                }
                i = cut;
            }
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
/// text.
/// Where in a text's spans the last line ended: the first span not wholly
/// before it, and that span's byte offset in the text.
#[derive(Debug, Default)]
struct SpanCursor {
    span: usize,
    offset: usize,
}

impl SpanCursor {
    /// The pieces of bytes `start..end` of `text`, added to `pieces`;
    /// `start` is never before the last call's (lines come in order), so
    /// a text of a million spans is walked once, not once per line.
    fn pieces<'t>(&mut self, text: &'t Text, start: usize, end: usize, pieces: &mut Vec<(&'t str, Style)>) {
        while let Some(span) = text.spans.get(self.span).filter(|span| self.offset + span.text.len() <= start) {
            self.offset += span.text.len();
            self.span += 1;
        }
        let mut offset = self.offset;
        for span in text.spans.get(self.span..).unwrap_or_default() {
            if offset >= end {
                break;
            }
            let (span_start, span_end) = (offset, offset + span.text.len());
            offset = span_end;
            let (from, to) = (start.max(span_start), end.min(span_end));
            if let Some(piece) = span.text.get(from.saturating_sub(span_start)..to.saturating_sub(span_start))
                && from < to
            {
                pieces.push((piece, span.style));
            }
        }
    }
}

fn push_span(spans: &mut Vec<Span>, text: &str, style: Style) {
    match spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => spans.push(Span { text: text.to_owned(), style }),
    }
}

#[cfg(test)]
mod tests;
