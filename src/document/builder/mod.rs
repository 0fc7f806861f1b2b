//! Building a document from a stream of tags and text: the builder, its
//! stack of open containers (quotes, lists, tables, figures…) and the
//! dispatch of start and end tags to the elements' kinds, with lenient,
//! bounded recovery from broken HTML, so any input, however deep, builds in
//! linear time without recursion. Containers are in `blocks`, styled text,
//! links and embedded media in `inline_elements`, numbers in `numbering`.

mod blocks;
mod inline_elements;
mod numbering;

use super::inline::Inline;
use super::{Base, Block, Document, LinkKind, ListItem, Style, Table, TableRow, Visibility, is_hidden};
use numbering::{NumberStyle, Numbering};

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
    /// Preformatted text, and the language its tags name.
    Pre {
        language: Option<String>,
    },
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
    numbering: Numbering,
    containers: Vec<Container>,
    inline: Inline,
    frames: Vec<Frame>,
    /// What of the body no reader sees (hidden elements' content).
    visibility: Visibility,
    /// Inside `<video>`/`<audio>` without `src`: waiting for a `<source>`.
    pending_media: Option<LinkKind>,
    /// Tables opened inside a table cell, flattened into its text.
    nested_tables: usize,
    /// The ruby being read has its own `<rp>` parentheses.
    ruby_parenthesis: bool,
    /// An `<rt>` is open whose reading folio put in parentheses.
    reading_in_parentheses: bool,
    /// Open `<rt>`/`<rp>`: their text is left out when readings are off.
    in_reading: usize,
}

impl Builder {
    pub fn new(base: Base) -> Builder {
        Builder {
            numbering: Numbering::new(base),
            containers: vec![Container {
                kind: Kind::Root,
                tag: String::new(),
                blocks: Vec::new(),
                outer_inline: None,
            }],
            inline: Inline::default(),
            frames: Vec::new(),
            visibility: Visibility::default(),
            pending_media: None,
            nested_tables: 0,
            ruby_parenthesis: false,
            reading_in_parentheses: false,
            in_reading: 0,
        }
    }

    /// Follows what is hidden in `body` (the HTML about to be fed).
    pub fn read_html(&mut self, body: &str) {
        self.visibility = Visibility::new(body);
    }

    /// The number (1-based) of the image at `url`, numbering it if new.
    pub fn number_image(&mut self, url: &str, alt: Option<String>) -> Option<usize> {
        self.numbering.image(url, alt)
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
        matches!(self.top(), Kind::Pre { .. })
    }

    fn in_cell(&self) -> bool {
        matches!(self.top(), Kind::Cell { .. })
    }

    // ----- text -----

    pub fn text(&mut self, text: &str) {
        if !self.visibility.text(text) || (self.in_reading > 0 && !super::ruby_readings()) {
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
        match self.script() {
            Some(script) => self.inline.push_text(&inline_elements::scripted(text, script), style),
            None => self.inline.push_text(text, style),
        }
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
        let hidden = super::hidden_attribute(attrs.iter().copied());
        if !self.visibility.start(name, self_closing, hidden) {
            return;
        }
        if self.in_pre() {
            // Only a line break means something in preformatted text, and
            // the language a `<code>` inside names.
            match name {
                "br" => self.inline.push_raw("\n", Style::CODE),
                "code" => self.name_code_language(attrs),
                _ => {}
            }
            return;
        }
        match name {
            // An iframe is shown as a video link, without its content.
            "img" | "image" | "iframe" | "embed" | "frame" | "video" | "audio" | "source" => {
                self.start_embedded(name, attrs)
            }
            // Its content is hidden (`visibility`).
            _ if is_hidden(name) => {}
            // A task list's box (GFM `- [x] done`): `[x]` or `[ ]`.
            "input" if attr(attrs, "type").is_some_and(|t| t.eq_ignore_ascii_case("checkbox")) => {
                self.ensure_inline_home();
                let mark = if attr(attrs, "checked").is_some() { "[x]" } else { "[ ]" };
                self.inline.push_marker(mark, Style::MARKER);
                self.inline.soft_space();
            }
            "input" | "option" | "meta" | "link" | "base" | "param" | "track" | "area" | "col" => {}
            "br" | "wbr" => self.line_break(name),
            "hr" => self.rule(),
            "a" => self.open_link(attr(attrs, "href")),
            "em" | "i" | "cite" | "var" | "dfn" | "q" | "strong" | "b" | "code" | "kbd" | "samp" | "tt" | "s"
            | "strike" | "del" | "sup" | "sub" => self.open_styled(name),
            "rt" => self.open_reading(),
            "rp" => {
                self.ruby_parenthesis = true;
                self.in_reading += 1;
            }
            "ruby" => self.ruby_parenthesis = false,
            "summary" => {
                self.start_flow(name);
                self.open_frame(name, Style::STRONG);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.open_heading(name),
            "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "nav" | "aside" | "address"
            | "center" | "details" | "fieldset" | "legend" | "form" | "hgroup" | "dt" | "body" | "html"
            | "noscript" => self.start_flow(name),
            "blockquote" | "ul" | "ol" | "menu" | "dl" | "li" | "dd" | "pre" | "listing" | "xmp" | "plaintext"
            | "figure" | "figcaption" => self.start_container(name, attrs),
            "table" | "caption" | "tr" | "td" | "th" => self.start_table_part(name),
            _ => {}
        }
    }

    pub fn end_tag(&mut self, name: &str) {
        if !self.visibility.end(name) {
            return;
        }
        if self.in_pre() && name != "pre" && name != "listing" && name != "xmp" {
            return;
        }
        match name {
            "a" => self.close_link(),
            "video" | "audio" => self.pending_media = None,
            "em" | "i" | "cite" | "var" | "dfn" | "q" | "strong" | "b" | "code" | "kbd" | "samp" | "tt" | "s"
            | "strike" | "del" | "dt" | "sup" | "sub" | "summary" => {
                self.close_frame(name);
                if name == "dt" || name == "summary" {
                    self.block_boundary();
                }
            }
            "rt" => self.close_reading(),
            "rp" => self.in_reading = self.in_reading.saturating_sub(1),
            "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "nav" | "aside" | "address"
            | "center" | "details" | "fieldset" | "legend" | "form" | "hgroup" | "noscript" => {
                self.block_boundary();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.close_heading(),
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

    // ----- the stack -----

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

    /// Closes everything and returns the document.
    pub fn finish(mut self) -> Document {
        self.close_down_to(1);
        self.flush_paragraph();
        let root = self.containers.pop().map(|c| c.blocks).unwrap_or_default();
        let (images, links) = self.numbering.finish();
        Document { blocks: root, images, links }
    }
}

/// The value of attribute `wanted`.
fn attr<'a>(attrs: &[(&str, &'a str)], wanted: &str) -> Option<&'a str> {
    attrs.iter().find(|(name, _)| *name == wanted).map(|(_, value)| *value)
}

/// Preformatted text with its tabs made spaces, to stops every 4 columns.
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
