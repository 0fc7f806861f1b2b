//! Building a document from a stream of tags and text: a stack of open
//! containers (quotes, lists, tables, figures…) with lenient, bounded
//! recovery from broken HTML, so any input, however deep, builds in linear
//! time without recursion.

use super::inline::Inline;
use super::{Base, Block, Document, Image, Link, LinkKind, ListItem, Style, Table, TableRow, Text};

/// Containers nest at most this deep; deeper ones flow into their parent.
const MAX_DEPTH: usize = 48;
/// An end tag looks this far down the stack for its start tag.
const END_TAG_REACH: usize = 64;

#[derive(Debug)]
enum Kind {
    Root,
    Quote,
    List {
        ordered: Option<NumberStyle>,
        next: u64,
        items: Vec<ListItem>,
    },
    Item {
        marker: String,
    },
    Figure {
        image: Option<usize>,
    },
    Heading {
        level: u8,
    },
    /// `<figcaption>`, or a table's `<caption>`.
    Caption,
    Table {
        table: Table,
    },
    /// A row, and how many of its cells are `<th>`.
    Row {
        row: TableRow,
        headers: usize,
    },
    Cell {
        header: bool,
    },
    Pre,
}

#[derive(Debug, Clone, Copy)]
enum NumberStyle {
    Decimal,
    Lower,
    Upper,
    Roman,
}

#[derive(Debug)]
struct Container {
    kind: Kind,
    /// The tag that closes it (empty for implied containers).
    tag: String,
    blocks: Vec<Block>,
    /// The inline text under construction when this container opened,
    /// put back when it closes (a heading inside a paragraph, say).
    outer_inline: Option<Inline>,
}

/// An open inline element: its tag and the style of the text inside it
/// (its own style added to those of the frames below).
#[derive(Debug)]
struct Frame {
    tag: String,
    adds: Style,
    style: Style,
    /// For `<a>`: the link's number index and where its text starts.
    link: Option<(usize, usize, usize)>,
}

/// Turns tags and text into a [`Document`].
#[derive(Debug)]
pub struct Builder {
    base: Base,
    images: Vec<Image>,
    links: Vec<Link>,
    containers: Vec<Container>,
    inline: Inline,
    frames: Vec<Frame>,
    /// Inside an element whose content is dropped: its tag and depth.
    skip: Option<(String, usize)>,
    /// Inside `<video>`/`<audio>` without `src`: waiting for a `<source>`.
    pending_media: Option<LinkKind>,
    /// Tables opened inside a table cell, flattened into its text.
    nested_tables: usize,
}

impl Builder {
    pub fn new(base: Base) -> Builder {
        Builder {
            base,
            images: Vec::new(),
            links: Vec::new(),
            containers: vec![Container {
                kind: Kind::Root,
                tag: String::new(),
                blocks: Vec::new(),
                outer_inline: None,
            }],
            inline: Inline::default(),
            frames: Vec::new(),
            skip: None,
            pending_media: None,
            nested_tables: 0,
        }
    }

    /// The number (1-based) of the image at `url`, numbering it if new.
    pub fn number_image(&mut self, url: &str, alt: Option<String>) -> Option<usize> {
        let url = self.base.resolve(url).filter(|u| !is_refused(u))?;
        if let Some(at) = self.images.iter().position(|i| i.url == url) {
            if self.images[at].alt.is_none() {
                self.images[at].alt = alt;
            }
            return Some(at + 1);
        }
        self.images.push(Image { url, alt, caption: None });
        Some(self.images.len())
    }

    fn number_link(&mut self, url: &str, kind: LinkKind) -> Option<usize> {
        let url = self.base.resolve(url).filter(|u| !is_refused(u))?;
        if let Some(at) = self.links.iter().position(|l| l.url == url && l.kind == kind) {
            return Some(at + 1);
        }
        self.links.push(Link { url, text: String::new(), kind });
        Some(self.links.len())
    }

    fn style(&self) -> Style {
        self.frames.last().map_or(Style::PLAIN, |frame| frame.style)
    }

    fn top(&self) -> &Kind {
        match self.containers.last() {
            Some(container) => &container.kind,
            None => &Kind::Root,
        }
    }

    fn in_pre(&self) -> bool {
        matches!(self.top(), Kind::Pre)
    }

    fn in_cell(&self) -> bool {
        matches!(self.top(), Kind::Cell { .. })
    }

    // ----- text -----

    pub fn text(&mut self, text: &str) {
        if self.skip.is_some() {
            return;
        }
        if self.in_pre() {
            let text = expand_tabs(text);
            self.inline.push_raw(&text, Style::CODE);
            return;
        }
        // Whitespace between list items or table cells is no text.
        let structural = matches!(self.top(), Kind::List { .. } | Kind::Table { .. } | Kind::Row { .. });
        if structural && self.inline.is_empty() && text.trim_ascii().is_empty() {
            return;
        }
        self.ensure_inline_home();
        let style = self.style();
        self.inline.push_text(text, style);
    }

    /// Text needs a container that takes inline content: a stray word in a
    /// `<ul>` gets an item, one in a `<table>` a cell.
    fn ensure_inline_home(&mut self) {
        match self.top() {
            Kind::List { .. } => self.open_item(""),
            Kind::Table { .. } => {
                self.push_container(Kind::Row { row: TableRow::default(), headers: 0 }, "");
                self.push_container(Kind::Cell { header: false }, "");
            }
            Kind::Row { .. } => self.push_container(Kind::Cell { header: false }, ""),
            _ => {}
        }
    }

    // ----- tags -----

    pub fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)], self_closing: bool) {
        if let Some((skipped, depth)) = &mut self.skip {
            if *skipped == name && !self_closing {
                *depth += 1;
            }
            if name == "body" && skipped == "head" {
                self.skip = None;
            }
            return;
        }
        let attr = |wanted: &str| attrs.iter().find(|(n, _)| *n == wanted).map(|(_, v)| *v);
        if self.in_pre() {
            if name == "br" {
                self.inline.push_raw("\n", Style::CODE);
            }
            return;
        }
        match name {
            "script" | "style" | "svg" | "math" | "template" | "button" | "select" | "textarea" | "head"
            | "noembed" | "noframes" | "title" | "object" | "canvas" | "map" | "datalist" | "dialog" => {
                self.skip_content(name, self_closing)
            }
            "input" | "option" | "meta" | "link" | "base" | "param" | "track" | "area" | "col" => {}
            "br" => {
                if self.in_heading_or_caption() {
                    self.inline.soft_space();
                } else {
                    self.inline.hard_break();
                }
            }
            "wbr" => self.inline.push_marker("\u{200b}", Style::PLAIN),
            "hr" => self.rule(),
            "img" | "image" => self.image(attrs),
            "a" => self.open_link(attr("href")),
            "iframe" | "embed" | "frame" => {
                let src = attr("src").or_else(|| attr("data-src"));
                self.media(src, LinkKind::Video);
                if name == "iframe" && !self_closing {
                    self.skip = Some((name.to_owned(), 1));
                }
            }
            "video" | "audio" => {
                let kind = if name == "video" { LinkKind::Video } else { LinkKind::Audio };
                match attr("src") {
                    Some(src) => self.media(Some(src), kind),
                    None => self.pending_media = Some(kind),
                }
            }
            "source" => {
                if let Some(kind) = self.pending_media.take() {
                    self.media(attr("src"), kind);
                }
            }
            "em" | "i" | "cite" | "var" | "dfn" | "q" => self.open_frame(name, Style::EMPHASIS),
            "strong" | "b" => self.open_frame(name, Style::STRONG),
            "code" | "kbd" | "samp" | "tt" => self.open_frame(name, Style::CODE),
            "s" | "strike" | "del" => self.open_frame(name, Style::STRIKE),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if matches!(self.top(), Kind::Heading { .. }) {
                    self.close_top();
                }
                let level = name.as_bytes()[1] - b'0';
                self.open_block(Kind::Heading { level }, name);
            }
            "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "nav" | "aside" | "address"
            | "center" | "details" | "summary" | "fieldset" | "legend" | "form" | "hgroup" | "dt" | "body" | "html"
            | "noscript" => {
                self.block_boundary();
                if name == "dt" {
                    self.open_frame(name, Style::STRONG);
                }
            }
            "blockquote" => self.open_block(Kind::Quote, name),
            "ul" | "ol" | "menu" | "dl" => {
                let ordered = (name == "ol").then(|| number_style(attr("type")));
                let next = attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                self.open_block(Kind::List { ordered, next, items: Vec::new() }, name);
            }
            "li" => self.list_item(""),
            "dd" => self.list_item("  "),
            "pre" | "listing" | "xmp" | "plaintext" => self.open_block(Kind::Pre, name),
            "figure" => self.open_block(Kind::Figure { image: None }, name),
            "figcaption" => self.open_block(Kind::Caption, name),
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

    pub fn end_tag(&mut self, name: &str) {
        if let Some((skipped, depth)) = &mut self.skip {
            if *skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if self.in_pre() && name != "pre" && name != "listing" && name != "xmp" {
            return;
        }
        match name {
            "a" => self.close_link(),
            "video" | "audio" => self.pending_media = None,
            "em" | "i" | "cite" | "var" | "dfn" | "q" | "strong" | "b" | "code" | "kbd" | "samp" | "tt" | "s"
            | "strike" | "del" | "dt" => {
                self.close_frame(name);
                if name == "dt" {
                    self.block_boundary();
                }
            }
            "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "nav" | "aside" | "address"
            | "center" | "details" | "summary" | "fieldset" | "legend" | "form" | "hgroup" | "noscript" => {
                self.block_boundary();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                // Any heading's end tag closes the open heading.
                if let Some(at) = self.find(|kind, _| matches!(kind, Kind::Heading { .. })) {
                    self.close_down_to(at);
                }
            }
            "table" if self.nested_tables > 0 => {
                self.nested_tables -= 1;
                self.inline.break_if_not_empty();
            }
            "tr" | "td" | "th" if self.nested_tables > 0 => self.inline.soft_space(),
            _ => {
                if let Some(at) = self.find(|_, tag| tag == name) {
                    self.close_down_to(at);
                }
            }
        }
    }

    // ----- inline pieces -----

    fn open_frame(&mut self, tag: &str, adds: Style) {
        self.push_frame(tag, adds, None);
    }

    fn push_frame(&mut self, tag: &str, adds: Style, link: Option<(usize, usize, usize)>) {
        let style = self.style().with(adds);
        self.frames.push(Frame { tag: tag.to_owned(), adds, style, link });
    }

    fn find_frame(&self, tag: &str) -> Option<usize> {
        let reach = self.frames.len().saturating_sub(END_TAG_REACH);
        (reach..self.frames.len()).rev().find(|&i| self.frames[i].tag == tag)
    }

    fn close_frame(&mut self, tag: &str) -> Option<Frame> {
        let at = self.find_frame(tag)?;
        let frame = self.frames.remove(at);
        // The frames above it lose its style.
        for i in at..self.frames.len() {
            let below = if i == 0 { Style::PLAIN } else { self.frames[i - 1].style };
            self.frames[i].style = below.with(self.frames[i].adds);
        }
        Some(frame)
    }

    fn open_link(&mut self, href: Option<&str>) {
        if self.find_frame("a").is_some() {
            self.close_link();
        }
        self.ensure_inline_home();
        let number = href.and_then(|href| self.number_link(href, LinkKind::Link));
        let link = number.map(|n| (n, self.inline.span_count().saturating_sub(1), self.inline.last_span_len()));
        let style = if number.is_some() { Style::LINK } else { Style::PLAIN };
        self.push_frame("a", style, link);
    }

    fn close_link(&mut self) {
        let Some(frame) = self.close_frame("a") else {
            return;
        };
        let Some((number, span, offset)) = frame.link else {
            return;
        };
        let text = self.inline.text_since(span, offset);
        let text = crate::text::collapse_whitespace(text.trim()).into_owned();
        if let Some(link) = self.links.get_mut(number - 1)
            && link.text.is_empty()
        {
            link.text = text;
        }
        self.inline.push_marker(&format!("[{number}]"), Style::MARKER);
    }

    fn image(&mut self, attrs: &[(&str, &str)]) {
        let attr = |wanted: &str| attrs.iter().find(|(n, _)| *n == wanted).map(|(_, v)| v.trim());
        // A 1×1 image is a tracking pixel, not a picture.
        if matches!(attr("width"), Some("0" | "1")) && matches!(attr("height"), Some("0" | "1")) {
            return;
        }
        let srcset = attr("srcset").and_then(|set| set.split_whitespace().next());
        let url = [attr("src"), attr("data-src"), attr("data-original"), attr("data-lazy-src"), srcset]
            .into_iter()
            .flatten()
            .find(|url| !url.is_empty() && !is_refused(url));
        let alt = attr("alt").or_else(|| attr("title")).map(|alt| crate::text::clean_field(alt).into_owned());
        let alt = alt.filter(|alt| !alt.is_empty() && !is_placeholder_alt(alt));
        let Some(number) = url.and_then(|url| self.number_image(url, alt.clone())) else {
            if let Some(alt) = alt {
                self.text(&alt);
            }
            return;
        };
        let marker = match &alt {
            Some(alt) => format!("[image {number}: {alt}]"),
            None => format!("[image {number}]"),
        };
        if matches!(self.top(), Kind::Figure { .. }) {
            // In a figure the image stands alone and what follows is its caption.
            self.flush_paragraph();
            if let Some(Kind::Figure { image }) = self.containers.last_mut().map(|c| &mut c.kind) {
                image.get_or_insert(number);
            }
            let mut text = Inline::default();
            text.push_marker(&marker, Style::MARKER);
            self.push_block(Block::Paragraph(text.take()));
            return;
        }
        self.ensure_inline_home();
        self.inline.soft_space();
        self.inline.push_marker(&marker, Style::MARKER);
        self.inline.soft_space();
    }

    fn media(&mut self, src: Option<&str>, kind: LinkKind) {
        let Some(number) = src.and_then(|src| self.number_link(src, kind)) else {
            return;
        };
        self.ensure_inline_home();
        let label = if kind == LinkKind::Audio { "audio" } else { "video" };
        self.inline.soft_space();
        self.inline.push_marker(&format!("[{label} {number}]"), Style::MARKER);
        self.inline.soft_space();
    }

    // ----- blocks -----

    /// Starts a container that holds blocks or a block's text.
    fn open_block(&mut self, kind: Kind, tag: &str) {
        if self.block_boundary() {
            self.push_container(kind, tag);
        }
    }

    fn rule(&mut self) {
        if self.block_boundary() {
            self.push_block(Block::Rule);
        }
    }

    /// Drops the element's content, up to its end tag.
    fn skip_content(&mut self, tag: &str, self_closing: bool) {
        if !self_closing {
            self.skip = Some((tag.to_owned(), 1));
        }
    }

    fn in_heading_or_caption(&self) -> bool {
        matches!(self.top(), Kind::Heading { .. } | Kind::Caption)
    }

    /// Ends the paragraph being built. Returns whether a block may start
    /// here (not inside a heading, caption or table cell, where block tags
    /// only break or space the text).
    fn block_boundary(&mut self) -> bool {
        match self.top() {
            Kind::Heading { .. } | Kind::Caption => {
                self.inline.soft_space();
                false
            }
            Kind::Cell { .. } => {
                self.inline.break_if_not_empty();
                false
            }
            Kind::Pre => false,
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

    fn flush_paragraph(&mut self) {
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
        if let Some(image) = self.images.get_mut(image - 1)
            && image.caption.is_none()
        {
            image.caption = Some(crate::text::collapse_whitespace(text.to_plain().trim()).into_owned());
        }
    }

    /// Adds a block to the nearest container that holds blocks.
    fn push_block(&mut self, block: Block) {
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

    fn push_container(&mut self, kind: Kind, tag: &str) {
        if self.containers.len() >= MAX_DEPTH {
            return;
        }
        let inline_only = matches!(kind, Kind::Heading { .. } | Kind::Caption | Kind::Cell { .. } | Kind::Pre);
        let outer_inline = inline_only.then(|| std::mem::take(&mut self.inline));
        self.containers.push(Container { kind, tag: tag.to_owned(), blocks: Vec::new(), outer_inline });
    }

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

    fn open_item(&mut self, definition_marker: &str) {
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

    /// The index of the nearest container matching `wanted`, looking no
    /// further than `END_TAG_REACH` down the stack.
    fn find(&self, wanted: impl Fn(&Kind, &str) -> bool) -> Option<usize> {
        let reach = self.containers.len().saturating_sub(END_TAG_REACH).max(1);
        (reach..self.containers.len()).rev().find(|&i| wanted(&self.containers[i].kind, &self.containers[i].tag))
    }

    /// Closes containers until `containers.len() == at`.
    fn close_down_to(&mut self, at: usize) {
        while self.containers.len() > at.max(1) {
            self.close_top();
        }
    }

    fn close_top(&mut self) {
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
            Kind::Pre => {
                let text = inline.take_raw();
                if !text.trim().is_empty() {
                    self.flush_paragraph();
                    self.push_block(Block::Code(text));
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

    /// Closes everything and returns the document.
    pub fn finish(mut self) -> Document {
        self.close_down_to(1);
        self.flush_paragraph();
        let root = self.containers.pop().map(|c| c.blocks).unwrap_or_default();
        Document { blocks: root, images: self.images, links: self.links }
    }
}

/// Alt text that says nothing (`image`, `图片`), as CMSs fill it in.
fn is_placeholder_alt(alt: &str) -> bool {
    const EMPTY: [&str; 8] = ["image", "img", "picture", "photo", "图片", "圖片", "画像", "写真"];
    let file_name =
        [".jpg", ".jpeg", ".png", ".gif", ".webp"].iter().any(|ext| alt.to_ascii_lowercase().ends_with(ext));
    file_name || EMPTY.iter().any(|word| alt.eq_ignore_ascii_case(word))
}

/// Lazy-loading and tracking images are common in archived HTML.
fn is_refused(url: &str) -> bool {
    let lower = url.get(..11).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("data:")
}

fn expand_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

fn number_style(kind: Option<&str>) -> NumberStyle {
    match kind.map(str::trim) {
        Some("a") => NumberStyle::Lower,
        Some("A") => NumberStyle::Upper,
        Some("i" | "I") => NumberStyle::Roman,
        _ => NumberStyle::Decimal,
    }
}

fn format_number(style: NumberStyle, n: u64) -> String {
    match style {
        NumberStyle::Decimal => format!("{n}."),
        NumberStyle::Lower | NumberStyle::Upper if (1..=26).contains(&n) => {
            let base = if matches!(style, NumberStyle::Lower) { b'a' } else { b'A' };
            format!("{}.", (base + (n - 1) as u8) as char)
        }
        NumberStyle::Roman if (1..4000).contains(&n) => format!("{}.", roman(n)),
        _ => format!("{n}."),
    }
}

fn roman(mut n: u64) -> String {
    const NUMERALS: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}
