//! The document: an article body as blocks of styled text, with its images
//! and links numbered once, ready to be laid out at any width.

mod builder;
pub mod export;
mod generator_tags;
mod hidden;
mod html;
mod inline;
mod markdown;
mod plain;
mod urls;

pub use hidden::{HIDDEN_ELEMENTS, Visibility, ends_hidden, hidden_attribute, is_hidden};
pub use html::is_raw_text;
pub use markdown::to_html as markdown_to_html;
pub use urls::Base;

use std::sync::atomic::{AtomicBool, Ordering};

/// Ruby readings shown (config.toml's `ruby_readings`), for the whole run.
static RUBY_READINGS: AtomicBool = AtomicBool::new(true);

/// Sets whether ruby readings (`<rt>`) are shown, for the whole run.
pub fn set_ruby_readings(shown: bool) {
    RUBY_READINGS.store(shown, Ordering::Relaxed);
}

fn ruby_readings() -> bool {
    RUBY_READINGS.load(Ordering::Relaxed)
}

use crate::model::Format;

/// How a piece of text looks. Layout keeps it; the screen gives it colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Style(u16);

impl Style {
    pub const PLAIN: Style = Style(0);
    pub const EMPHASIS: Style = Style(1);
    pub const STRONG: Style = Style(1 << 1);
    pub const CODE: Style = Style(1 << 2);
    pub const LINK: Style = Style(1 << 3);
    /// `[image N: alt]`, `[video N]` and a link's `[N]`.
    pub const MARKER: Style = Style(1 << 4);
    pub const STRIKE: Style = Style(1 << 5);
    pub const HEADING: Style = Style(1 << 6);
    pub const CAPTION: Style = Style(1 << 7);
    /// Decoration made by layout: bullets, quote bars, borders, rules.
    pub const DECORATION: Style = Style(1 << 8);
    /// The article's title and its metadata line in `folio show`.
    pub const TITLE: Style = Style(1 << 9);
    pub const META: Style = Style(1 << 10);

    pub fn with(self, other: Style) -> Style {
        Style(self.0 | other.0)
    }

    pub fn has(self, other: Style) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// Inline text: spans in reading order. A `\n` inside is a forced break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub spans: Vec<Span>,
}

impl Text {
    pub fn new(spans: Vec<Span>) -> Text {
        Text { spans }
    }

    pub fn plain(text: &str) -> Text {
        Text::new(vec![Span { text: text.to_owned(), style: Style::PLAIN }])
    }

    pub fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| s.text.is_empty())
    }

    /// All the text, without styles.
    pub fn to_plain(&self) -> String {
        let mut plain = String::with_capacity(self.spans.iter().map(|s| s.text.len()).sum());
        for span in &self.spans {
            plain.push_str(&span.text);
        }
        plain
    }
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: Text,
    },
    Paragraph(Text),
    /// A figure's caption (or text that stands in for one).
    Caption(Text),
    /// Items with their markers (`•`, `3.`), each a list of blocks.
    List(Vec<ListItem>),
    Quote(Vec<Block>),
    /// Preformatted text, kept line by line, and the language its source
    /// names (`<code class="language-rust">`, a fence's ```` ```rust ````).
    Code {
        text: String,
        language: Option<String>,
    },
    Table(Table),
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub marker: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Rows of cells; `header` marks rows of `<th>` cells.
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableRow {
    pub header: bool,
    pub cells: Vec<Text>,
}

/// An image of the article, numbered by its place in `Document::images`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Absolute: a URL, or a path for a local file.
    pub url: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    /// Its marker (`[image N]`) stands in the text (a front matter's
    /// image may be in the list only).
    pub in_text: bool,
    /// Its size in pixels as the page gives it (`<img width height>`),
    /// until the image itself tells.
    pub size_hint: Option<(u32, u32)>,
}

/// What a numbered link leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    Link,
    Video,
    Audio,
}

/// A link (or embedded video/audio), numbered by its place in `Document::links`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub text: String,
    pub kind: LinkKind,
}

/// An article body, parsed once and laid out at any width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Image `N` is `images[N - 1]`.
    pub images: Vec<Image>,
    /// Link `N` is `links[N - 1]`.
    pub links: Vec<Link>,
}

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Html,
    Markdown,
    Plain,
}

impl BodyKind {
    /// What a body of a file in `format` is. A `.md` body is Markdown
    /// (raw HTML inside passes through), except the HTML that archives
    /// write into `.md` files: a body that opens with a tag (a comment such
    /// as `<!-- more -->` or an autolink `<https://…>` is no tag) and reads
    /// as HTML (`markdown::reads_as_markdown`). A `.txt` body that opens
    /// with a tag is HTML.
    pub fn of(format: Format, body: &str) -> BodyKind {
        match format {
            Format::Html => BodyKind::Html,
            Format::Markdown if opens_with_tag(body) && !markdown::reads_as_markdown(body) => BodyKind::Html,
            Format::Markdown => BodyKind::Markdown,
            Format::Text if opens_with_tag(body) => BodyKind::Html,
            Format::Text => BodyKind::Plain,
        }
    }
}

/// Whether `body`, after blank space and comments, opens with an element's
/// tag (`<p`, `<div`, `<!DOCTYPE`), not an autolink (`<https://…>`).
fn opens_with_tag(body: &str) -> bool {
    let mut rest = body.trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = comment.split_once("-->").map_or("", |(_, after)| after).trim_start();
    }
    let Some(tag) = rest.strip_prefix('<') else { return false };
    let name_len = tag.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
    let starts_name = tag.as_bytes().first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'!');
    starts_name && !tag[name_len..].starts_with(':')
}

impl Document {
    /// Parses a body. `front_images` (the front matter's images) take the
    /// first numbers; relative URLs resolve against `base`.
    pub fn parse(body: &str, kind: BodyKind, base: &Base, front_images: &[&str]) -> Document {
        let mut builder = builder::Builder::new(base.clone());
        for url in front_images {
            builder.number_image(url, None);
        }
        match kind {
            BodyKind::Html => html::parse(body, &mut builder),
            BodyKind::Markdown => html::parse(&markdown::to_html(body), &mut builder),
            BodyKind::Plain => plain::parse(body, &mut builder),
        }
        builder.finish()
    }
}

#[cfg(test)]
mod tests;
