//! Block containers: headings, quotes, lists and their items, preformatted
//! text, figures with their captions, and tables (a table inside a cell is
//! flattened into its text); where a paragraph ends, and what each
//! container becomes when it closes.

use super::numbering::{format_number, number_style};
use super::{Builder, Container, Kind, MAX_DEPTH, attr};
use crate::document::inline::Inline;
use crate::document::{Block, ListItem, Style, Table, TableRow, Text};

impl Builder {
    // ----- start tags -----

    /// `<h1>`…`<h6>`: a heading closes the one still open.
    pub(super) fn open_heading(&mut self, name: &str) {
        let Some(level) = name.strip_prefix('h').and_then(|digit| digit.parse().ok()) else {
            return;
        };
        if matches!(self.top(), Kind::Heading { .. }) {
            self.close_top();
        }
        self.open_block(Kind::Heading { level }, name);
    }

    /// Any heading's end tag closes the open heading.
    pub(super) fn close_heading(&mut self) {
        if let Some(at) = self.find(|kind, _| matches!(kind, Kind::Heading { .. })) {
            self.close_down_to(at);
        }
    }

    /// An element that only ends the paragraph before it (`<p>`, `<div>`,
    /// `<section>`…); a `<dt>` is also strong.
    pub(super) fn start_flow(&mut self, name: &str) {
        self.block_boundary();
        if name == "dt" {
            // A term in a `<dl>` is an item of its own, flush left, its
            // definitions indented under it.
            if let Some(at) = self.find(|kind, _| matches!(kind, Kind::Item { .. }))
                && !self.containers[at + 1..].iter().any(|c| matches!(c.kind, Kind::List { .. }))
            {
                self.close_down_to(at);
            }
            if matches!(self.top(), Kind::List { .. }) {
                self.push_container(Kind::Item { marker: String::new() }, "li");
            }
            self.open_frame(name, Style::STRONG);
        }
    }

    /// Quotes, lists and their items, preformatted text, figures.
    pub(super) fn start_container(&mut self, name: &str, attrs: &[(&str, &str)]) {
        match name {
            "blockquote" => self.open_block(Kind::Quote, name),
            "ul" | "ol" | "menu" | "dl" => {
                let ordered = (name == "ol").then(|| number_style(attr(attrs, "type")));
                let next = attr(attrs, "start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                self.open_block(Kind::List { ordered, next, items: Vec::new() }, name);
            }
            "li" => self.list_item(""),
            "dd" => self.list_item("  "),
            "pre" | "listing" | "xmp" | "plaintext" => {
                self.open_block(Kind::Pre { language: code_language(attrs) }, name)
            }
            "figure" => self.open_block(Kind::Figure { image: None }, name),
            "figcaption" => self.open_block(Kind::Caption, name),
            _ => {}
        }
    }

    /// `<table>`, its `<caption>`, rows and cells.
    pub(super) fn start_table_part(&mut self, name: &str) {
        match name {
            "table" => self.open_table(),
            "caption" => {
                if matches!(self.top(), Kind::Table { .. }) {
                    self.push_container(Kind::Caption, name);
                }
            }
            "tr" => self.open_row(),
            "td" | "th" => self.open_cell(name == "th"),
            _ => {}
        }
    }

    /// Starts a container that holds blocks or a block's text.
    fn open_block(&mut self, kind: Kind, tag: &str) {
        if self.block_boundary() {
            self.push_container(kind, tag);
        }
    }

    pub(super) fn rule(&mut self) {
        if self.block_boundary() {
            self.push_block(Block::Rule);
        }
    }

    pub(super) fn in_heading_or_caption(&self) -> bool {
        matches!(self.top(), Kind::Heading { .. } | Kind::Caption)
    }

    /// A `<code>` inside `<pre>` names the language when the `<pre>` did not.
    pub(super) fn name_code_language(&mut self, attrs: &[(&str, &str)]) {
        if let Some(Container { kind: Kind::Pre { language: language @ None }, .. }) = self.containers.last_mut() {
            *language = code_language(attrs);
        }
    }

    // ----- paragraphs -----

    /// Ends the paragraph being built. Returns whether a block may start
    /// here (not inside a heading, caption or table cell, where block tags
    /// only break or space the text).
    pub(super) fn block_boundary(&mut self) -> bool {
        match self.top() {
            Kind::Heading { .. } | Kind::Caption => {
                self.inline.soft_space();
                false
            }
            Kind::Cell { .. } => {
                self.inline.break_if_not_empty();
                false
            }
            Kind::Pre { .. } => false,
            Kind::List { .. } | Kind::Table { .. } | Kind::Row { .. } => {
                // Stray text (or text past the depth limit) still has a home.
                self.flush_paragraph();
                true
            }
            _ => {
                self.flush_paragraph();
                true
            }
        }
    }

    pub(super) fn flush_paragraph(&mut self) {
        if self.inline.is_empty() {
            return;
        }
        let text = self.inline.take();
        if text.is_empty() {
            return;
        }
        let figure_image = match self.top() {
            Kind::Figure { image } => *image,
            _ => None,
        };
        match figure_image {
            Some(image) => {
                self.set_caption(image, &text);
                self.push_block(Block::Caption(text));
            }
            None => self.push_block(Block::Paragraph(text)),
        }
    }

    fn set_caption(&mut self, image: usize, text: &Text) {
        if let Some(image) = self.numbering.image_mut(image)
            && image.caption.is_none()
        {
            image.caption = Some(crate::text::collapse_whitespace(text.to_plain().trim()).into_owned());
        }
    }

    /// Adds a block to the nearest container that holds blocks.
    pub(super) fn push_block(&mut self, block: Block) {
        if matches!(self.top(), Kind::List { .. }) {
            self.open_item("");
        }
        if let Some(container) = self
            .containers
            .iter_mut()
            .rev()
            .find(|c| matches!(c.kind, Kind::Root | Kind::Quote | Kind::Item { .. } | Kind::Figure { .. }))
        {
            container.blocks.push(block);
        }
    }

    pub(super) fn push_container(&mut self, kind: Kind, tag: &str) {
        if self.containers.len() >= MAX_DEPTH {
            return;
        }
        let inline_only = matches!(kind, Kind::Heading { .. } | Kind::Caption | Kind::Cell { .. } | Kind::Pre { .. });
        let outer_inline = inline_only.then(|| std::mem::take(&mut self.inline));
        self.containers.push(Container { kind, tag: tag.to_owned(), blocks: Vec::new(), outer_inline });
    }

    // ----- lists -----

    fn list_item(&mut self, definition_marker: &str) {
        if let Some(at) = self.find(|kind, _| matches!(kind, Kind::Item { .. })) {
            // An open item closes before its sibling, unless a list opened inside it.
            if !self.containers[at + 1..].iter().any(|c| matches!(c.kind, Kind::List { .. })) {
                self.close_down_to(at);
            }
        }
        if !self.block_boundary() && !matches!(self.top(), Kind::List { .. }) {
            return;
        }
        if !matches!(self.top(), Kind::List { .. }) {
            self.push_container(Kind::List { ordered: None, next: 1, items: Vec::new() }, "");
        }
        self.open_item(definition_marker);
    }

    pub(super) fn open_item(&mut self, definition_marker: &str) {
        let depth = self.containers.iter().filter(|c| matches!(c.kind, Kind::List { .. })).count();
        let marker = match self.containers.last_mut().map(|c| &mut c.kind) {
            Some(Kind::List { ordered: Some(style), next, .. }) => {
                let marker = format_number(*style, *next);
                *next += 1;
                marker
            }
            _ if !definition_marker.is_empty() => definition_marker.to_owned(),
            _ => ["•", "◦", "▪"][depth.saturating_sub(1) % 3].to_owned(),
        };
        self.push_container(Kind::Item { marker }, "li");
    }

    // ----- tables -----

    fn open_table(&mut self) {
        if self.in_cell() || self.nested_tables > 0 {
            self.nested_tables += 1;
            self.inline.break_if_not_empty();
            return;
        }
        if self.block_boundary() {
            self.push_container(Kind::Table { table: Table::default() }, "table");
        }
    }

    fn open_row(&mut self) {
        if self.nested_tables > 0 {
            self.inline.break_if_not_empty();
            return;
        }
        let Some(table) = self.find(|kind, _| matches!(kind, Kind::Table { .. })) else {
            self.block_boundary();
            return;
        };
        self.close_down_to(table + 1);
        self.push_container(Kind::Row { row: TableRow::default(), headers: 0 }, "tr");
    }

    fn open_cell(&mut self, header: bool) {
        if self.nested_tables > 0 {
            self.inline.soft_space();
            return;
        }
        let Some(table) = self.find(|kind, _| matches!(kind, Kind::Table { .. })) else {
            self.block_boundary();
            return;
        };
        match self.find(|kind, _| matches!(kind, Kind::Row { .. })) {
            Some(row) if row > table => self.close_down_to(row + 1),
            _ => {
                self.close_down_to(table + 1);
                self.push_container(Kind::Row { row: TableRow::default(), headers: 0 }, "");
            }
        }
        self.push_container(Kind::Cell { header }, if header { "th" } else { "td" });
    }

    // ----- closing -----

    /// Closes the top container: what it built goes to the one below.
    pub(super) fn close_top(&mut self) {
        self.block_boundary_for_close();
        let Some(container) = self.containers.pop() else {
            return;
        };
        let mut inline = std::mem::take(&mut self.inline);
        let inline_only = container.outer_inline.is_some();
        if let Some(outer) = container.outer_inline {
            self.inline = outer;
        }
        if !inline_only && !inline.is_empty() {
            // Text a structural container was holding is kept, after it.
            self.inline = inline;
            inline = Inline::default();
        }
        match container.kind {
            Kind::Root => {}
            Kind::Quote => {
                if !container.blocks.is_empty() {
                    self.push_block(Block::Quote(container.blocks));
                }
            }
            Kind::List { items, .. } => {
                if !items.is_empty() {
                    self.push_block(Block::List(items));
                }
            }
            Kind::Item { marker } => {
                if let Some(Kind::List { items, .. }) = self.containers.last_mut().map(|c| &mut c.kind) {
                    items.push(ListItem { marker, blocks: container.blocks });
                }
            }
            Kind::Figure { .. } => {
                for block in container.blocks {
                    self.push_block(block);
                }
            }
            Kind::Heading { level } => {
                let text = inline.take();
                if !text.is_empty() {
                    self.flush_paragraph();
                    self.push_block(Block::Heading { level, text });
                }
            }
            Kind::Caption => {
                let text = inline.take();
                if !text.is_empty() {
                    if let Some(image) = self.figure_image() {
                        self.set_caption(image, &text);
                    }
                    self.flush_paragraph();
                    self.push_block(Block::Caption(text));
                }
            }
            Kind::Pre { language } => {
                let text = inline.take_raw();
                if !text.trim().is_empty() {
                    self.flush_paragraph();
                    self.push_block(Block::Code { text, language });
                }
            }
            Kind::Cell { header } => {
                let text = inline.take();
                if let Some(Kind::Row { row, headers }) = self.containers.last_mut().map(|c| &mut c.kind) {
                    row.cells.push(text);
                    *headers += usize::from(header);
                }
            }
            Kind::Row { row, headers } => {
                if let Some(Kind::Table { table }) = self.containers.last_mut().map(|c| &mut c.kind)
                    && !row.cells.is_empty()
                {
                    let header = headers == row.cells.len();
                    table.rows.push(TableRow { header, cells: row.cells });
                }
            }
            Kind::Table { table } => self.finish_table(table),
        }
    }

    /// Before a container closes, the paragraph inside it ends.
    fn block_boundary_for_close(&mut self) {
        if matches!(self.top(), Kind::Root | Kind::Quote | Kind::Item { .. } | Kind::Figure { .. }) {
            self.flush_paragraph();
        }
    }

    fn figure_image(&self) -> Option<usize> {
        self.containers.iter().rev().find_map(|c| match c.kind {
            Kind::Figure { image } => image,
            _ => None,
        })
    }

    fn finish_table(&mut self, table: Table) {
        if table.rows.is_empty() {
            return;
        }
        // A one-cell table is layout, not data.
        if table.rows.len() == 1 && table.rows[0].cells.len() == 1 {
            let text = table.rows.into_iter().next().map(|r| r.cells).unwrap_or_default().into_iter().next();
            if let Some(text) = text.filter(|t| !t.is_empty()) {
                self.push_block(Block::Paragraph(text));
            }
            return;
        }
        self.push_block(Block::Table(table));
    }
}

/// The language a `<pre>` or `<code>` names: its class `language-rust` or
/// `lang-rust` (as Markdown renderers and highlighters write it), else its
/// `lang`, `data-lang` or `data-language`. Only a plain name (letters,
/// digits, `+#._-`, at most 32 characters) is taken.
fn code_language(attrs: &[(&str, &str)]) -> Option<String> {
    let from_class = attr(attrs, "class").and_then(|class| {
        class.split_ascii_whitespace().find_map(|name| name.strip_prefix("language-").or(name.strip_prefix("lang-")))
    });
    let named = from_class.or_else(|| ["lang", "data-lang", "data-language"].iter().find_map(|key| attr(attrs, key)));
    let name = named?.trim();
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '.' | '_' | '-'));
    (plain && (1..=32).contains(&name.len())).then(|| name.to_owned())
}
