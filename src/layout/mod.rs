//! Layout: a document at a width → lines of styled spans that fit exactly,
//! with hanging indents for lists and quotes, code kept line by line, and
//! tables drawn by display width. Each line knows where in the text it
//! starts, so a reader keeps its place when the width changes.

mod figures;
mod kinsoku;
mod lines;
mod table;
mod wrap;

pub use figures::{Figure, image_markers, place as place_figures};
pub use kinsoku::{no_end, no_start};
pub use lines::{Line, Lines, Piece};
pub use wrap::{Measured, Measures, measure, wrap, wrap_with};

use crate::document::{Block, Document, ListItem, Span, Style, Text};
use crate::width::DisplayWidth;

/// A line-drawing character, or its ASCII stand-in where box drawing is
/// two columns wide (`ambiguous_width = 2`): rules and borders are counted
/// by characters, so each must take one column.
pub(crate) fn glyph(drawn: &'static str, ascii: &'static str) -> &'static str {
    if crate::width::ambiguous_wide() { ascii } else { drawn }
}

/// A line being put together (a table's row, a rule): its spans and its
/// text position, before it joins the layout's `Lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Draft {
    spans: Vec<Span>,
    pos: usize,
}

/// How to lay out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Draw a rule under headings (for plain text, which has no bold).
    pub heading_rules: bool,
}

/// A document laid out at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub lines: Lines,
    /// Drawn images and their rows (blank lines of `lines`), in order;
    /// none until [`place_figures`] puts them in.
    pub figures: Vec<Figure>,
    /// The document's headings, in order, by text position (their lines
    /// move when figures are placed; the positions do not).
    pub headings: Vec<Heading>,
}

/// A heading of the laid-out document, for the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The text position where it starts.
    pub pos: usize,
    pub level: u8,
    pub text: String,
}

impl Layout {
    /// The line showing text position `pos`.
    pub fn line_at(&self, pos: usize) -> usize {
        self.lines.partition_by_pos(pos).saturating_sub(1)
    }

    /// The text position at the start of line `line`.
    pub fn pos_at(&self, line: usize) -> usize {
        self.lines.get(line).or(self.lines.last()).map_or(0, |l| l.pos)
    }
}

/// Lays `document` out at `width` columns (any width ≥ 1 works; below 10
/// indentation gives way to text).
pub fn layout(document: &Document, width: usize, options: Options) -> Layout {
    layout_with(document, width, options, &mut Measures::default())
}

/// `layout`, with the texts' break units kept in `measures`: laying the
/// same document out again (at another width) measures nothing again.
pub fn layout_with(document: &Document, width: usize, options: Options, measures: &mut Measures) -> Layout {
    let width = width.max(1);
    let mut out = Writer { lines: Lines::default(), pos: 0, width, options, measures, headings: Vec::new() };
    out.blocks(&document.blocks, &mut Prefix::none(), Spacing::Loose);
    while out.lines.last().is_some_and(|l| l.text().trim().is_empty()) {
        out.lines.pop();
    }
    out.lines.shrink_to_fit();
    Layout { width, lines: out.lines, figures: Vec::new(), headings: out.headings }
}

/// What goes before each line of a block: a bullet or number on the first
/// line, spaces or quote bars on the others.
#[derive(Debug, Clone, Default)]
struct Prefix {
    first: Option<Vec<Span>>,
    rest: Vec<Span>,
}

impl Prefix {
    fn none() -> Prefix {
        Prefix::default()
    }

    fn width(&self) -> usize {
        self.rest.iter().map(|s| s.text.width()).sum()
    }

    /// The prefix for the next line (the first-line one, once).
    fn next(&mut self) -> Vec<Span> {
        self.first.take().unwrap_or_else(|| self.rest.clone())
    }

    /// Begins a line at `pos` in `lines` with this prefix (the first-line
    /// one, once).
    fn begin_line(&mut self, lines: &mut Lines, pos: usize) {
        lines.begin(pos);
        let first = self.first.take();
        for span in first.as_ref().unwrap_or(&self.rest) {
            lines.push(&span.text, span.style);
        }
    }

    /// This prefix followed by `first` on the next line and `rest` after.
    fn nested(&mut self, first: &str, rest: &str, style: Style) -> Prefix {
        let mut nested_first = self.next();
        append(&mut nested_first, first, style);
        let mut nested_rest = self.rest.clone();
        append(&mut nested_rest, rest, style);
        Prefix { first: Some(nested_first), rest: nested_rest }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spacing {
    /// A blank line between blocks.
    Loose,
    /// List items: blank lines only between paragraphs.
    Tight,
}

struct Writer<'m> {
    lines: Lines,
    pos: usize,
    width: usize,
    options: Options,
    measures: &'m mut Measures,
    headings: Vec<Heading>,
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block], prefix: &mut Prefix, spacing: Spacing) {
        let mut previous: Option<&Block> = None;
        for block in blocks {
            if let Some(before) = previous {
                // A caption belongs to the image just above it.
                let caption = matches!(block, Block::Caption(_)) && matches!(before, Block::Paragraph(_));
                let gap = !caption
                    && match spacing {
                        Spacing::Loose => true,
                        Spacing::Tight => matches!(before, Block::Paragraph(_)) && matches!(block, Block::Paragraph(_)),
                    };
                if gap {
                    self.blank(prefix);
                }
            }
            self.block(block, prefix);
            previous = Some(block);
        }
    }

    fn block(&mut self, block: &Block, prefix: &mut Prefix) {
        match block {
            Block::Paragraph(text) => self.text(text, Style::PLAIN, prefix),
            Block::Caption(text) => self.text(text, Style::CAPTION, prefix),
            Block::Heading { level, text } => {
                let plain: String = text.spans.iter().map(|span| span.text.as_str()).collect();
                let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
                if !plain.is_empty() {
                    self.headings.push(Heading { pos: self.pos, level: *level, text: plain });
                }
                let before = self.lines.len();
                self.text(text, Style::HEADING.with(Style::STRONG), prefix);
                if self.options.heading_rules {
                    let widest = (before..self.lines.len())
                        .filter_map(|line| self.lines.get(line))
                        .map(|line| line.width())
                        .max()
                        .unwrap_or(0);
                    let used = prefix.width();
                    let rule = if *level == 1 { glyph("═", "=") } else { glyph("─", "-") };
                    let rule = rule.repeat(widest.saturating_sub(used).max(1).min(self.room(prefix)));
                    self.line(prefix, &[(&rule, Style::DECORATION)]);
                }
            }
            Block::List(items) => self.list(items, prefix),
            Block::Quote(blocks) => {
                let bar = glyph("│ ", "| ");
                let mut inner = prefix.nested(bar, bar, Style::DECORATION);
                if self.too_deep(&inner) {
                    inner = prefix.clone();
                }
                self.blocks(blocks, &mut inner, Spacing::Loose);
                prefix.first = None;
            }
            Block::Code { text, .. } => self.code(text, prefix),
            Block::Table(table) => {
                let room = self.room(prefix);
                let (lines, chars) = table::layout(table, room, self.pos, self.measures);
                for line in lines {
                    prefix.begin_line(&mut self.lines, line.pos);
                    for span in &line.spans {
                        self.lines.push(&span.text, span.style);
                    }
                }
                self.pos += chars;
            }
            Block::Rule => {
                let rule = glyph("─", "-").repeat(self.room(prefix));
                self.line(prefix, &[(&rule, Style::DECORATION)]);
            }
        }
    }

    fn list(&mut self, items: &[ListItem], prefix: &mut Prefix) {
        let widest_marker = items.iter().map(|i| i.marker.width()).max().unwrap_or(0);
        for item in items {
            let marker = if item.marker.trim().is_empty() {
                item.marker.clone()
            } else {
                // Numbers align on their right: " 9." above "10.".
                format!("{:>1$} ", item.marker, widest_marker)
            };
            let indent = " ".repeat(marker.width());
            let mut inner = prefix.nested(&marker, &indent, Style::DECORATION);
            if self.too_deep(&inner) {
                inner = prefix.clone();
            }
            if item.blocks.is_empty() {
                self.line(&mut inner, &[]);
            }
            self.blocks(&item.blocks, &mut inner, Spacing::Tight);
            prefix.first = None;
        }
    }

    fn code(&mut self, code: &str, prefix: &mut Prefix) {
        let mut inner = prefix.nested("  ", "  ", Style::PLAIN);
        if self.room(&inner) < 10 {
            inner = prefix.clone();
        }
        let room = self.room(&inner);
        for source_line in code.split('\n') {
            let start = self.pos;
            // Code is never reflowed: a long line is cut where it must be
            // and its continuation marked.
            let pieces = wrap::split_code_line(source_line, room);
            for (i, (piece, offset)) in pieces.into_iter().enumerate() {
                inner.begin_line(&mut self.lines, start + offset);
                if i > 0 && room > 1 {
                    self.lines.push(wrap::CONTINUATION, Style::DECORATION);
                }
                self.lines.push(&piece, Style::CODE);
            }
            self.pos += source_line.chars().count() + 1;
        }
        prefix.first = None;
    }

    /// Wraps `text` into lines after `prefix`.
    fn text(&mut self, text: &Text, extra: Style, prefix: &mut Prefix) {
        let room = self.room(prefix);
        let start = self.pos;
        let lines = &mut self.lines;
        wrap::wrap_lines(text, self.measures.of(text), room, |line_start, pieces| {
            prefix.begin_line(lines, start + line_start);
            for &(piece, style) in pieces {
                lines.join(piece, style.with(extra), style);
            }
        });
        self.pos += text.spans.iter().map(|s| s.text.chars().count()).sum::<usize>() + 1;
    }

    /// Indentation may take at most half the width: deeper levels stay put.
    fn too_deep(&self, prefix: &Prefix) -> bool {
        prefix.width() > self.width / 2
    }

    /// Columns left after `prefix`; at least 1.
    fn room(&self, prefix: &Prefix) -> usize {
        self.width.saturating_sub(prefix.width()).max(1)
    }

    fn line(&mut self, prefix: &mut Prefix, spans: &[(&str, Style)]) {
        prefix.begin_line(&mut self.lines, self.pos);
        for &(text, style) in spans {
            self.lines.push(text, style);
        }
    }

    /// A blank line; inside a quote it keeps the bar.
    fn blank(&mut self, prefix: &Prefix) {
        if self.lines.last().is_none_or(|l| l.text().trim().is_empty()) {
            return;
        }
        self.lines.begin(self.pos);
        let last = prefix.rest.len().saturating_sub(1);
        for (i, span) in prefix.rest.iter().enumerate() {
            let text = if i == last { span.text.trim_end() } else { span.text.as_str() };
            self.lines.push(text, span.style);
        }
    }
}

/// Adds `text` to a prefix, in its last span when the style is the same
/// (deep nesting makes one span, not one per level).
fn append(spans: &mut Vec<Span>, text: &str, style: Style) {
    match spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => spans.push(Span { text: text.to_owned(), style }),
    }
}

#[cfg(test)]
mod tests;
