//! Inline elements: line breaks, styled text (frames: `<em>`, `<b>`,
//! `<code>`…, whose styles add up), links with their `[N]` markers, and
//! what an article embeds: images (`[image N: alt]`), iframes, video and
//! audio (`[video N]`).

use super::numbering::is_refused;
use super::{Builder, Frame, Kind, attr};
use crate::document::inline::Inline;
use crate::document::{Block, LinkKind, Style};

impl Builder {
    /// `<br>` (a space in a heading or caption) or `<wbr>`.
    pub(super) fn line_break(&mut self, name: &str) {
        match name {
            "br" if self.in_heading_or_caption() => self.inline.soft_space(),
            "br" => self.inline.hard_break(),
            "wbr" => self.inline.push_marker("\u{200b}", Style::PLAIN),
            _ => {}
        }
    }

    /// An element that styles its text: emphasis, strong, code, struck out.
    pub(super) fn open_styled(&mut self, name: &str) {
        let adds = match name {
            "em" | "i" | "cite" | "var" | "dfn" | "q" => Style::EMPHASIS,
            "strong" | "b" => Style::STRONG,
            "code" | "kbd" | "samp" | "tt" => Style::CODE,
            "s" | "strike" | "del" => Style::STRIKE,
            // Their text is written in super- or subscript characters.
            "sup" | "sub" => Style::PLAIN,
            _ => return,
        };
        self.open_frame(name, adds);
    }

    /// Inside `<sup>` or `<sub>` (the innermost, among the frames an end
    /// tag reaches: a text never looks through a hundred thousand).
    pub(super) fn script(&self) -> Option<Script> {
        self.frames.iter().rev().take(super::END_TAG_REACH).find_map(|frame| match frame.tag.as_str() {
            "sup" => Some(Script::Super),
            "sub" => Some(Script::Sub),
            _ => None,
        })
    }

    /// `<rt>`: a ruby's reading, after its base: `漢字(かんじ)`. The
    /// parentheses are the ruby's own `<rp>` where it has them.
    pub(super) fn open_reading(&mut self) {
        self.in_reading += 1;
        self.reading_in_parentheses = !self.ruby_parenthesis && super::super::ruby_readings();
        if self.reading_in_parentheses {
            let style = self.style();
            self.inline.push_marker("(", style);
        }
    }

    pub(super) fn close_reading(&mut self) {
        self.in_reading = self.in_reading.saturating_sub(1);
        if std::mem::take(&mut self.reading_in_parentheses) {
            let style = self.style();
            self.inline.push_marker(")", style);
        }
    }

    pub(super) fn open_frame(&mut self, tag: &str, adds: Style) {
        self.push_frame(tag, adds, None);
    }

    fn push_frame(&mut self, tag: &str, adds: Style, link: Option<(usize, usize, usize)>) {
        let style = self.style().with(adds);
        self.frames.push(Frame { tag: tag.to_owned(), adds, style, link });
    }

    fn find_frame(&self, tag: &str) -> Option<usize> {
        let reach = self.frames.len().saturating_sub(super::END_TAG_REACH);
        (reach..self.frames.len()).rev().find(|&i| self.frames[i].tag == tag)
    }

    pub(super) fn close_frame(&mut self, tag: &str) -> Option<Frame> {
        let at = self.find_frame(tag)?;
        let frame = self.frames.remove(at);
        // The frames above it lose its style.
        for i in at..self.frames.len() {
            let below = if i == 0 { Style::PLAIN } else { self.frames[i - 1].style };
            self.frames[i].style = below.with(self.frames[i].adds);
        }
        Some(frame)
    }

    // ----- links -----

    pub(super) fn open_link(&mut self, href: Option<&str>) {
        if self.find_frame("a").is_some() {
            self.close_link();
        }
        self.ensure_inline_home();
        let number = href.and_then(|href| self.numbering.link(href, LinkKind::Link));
        let link = number.map(|n| (n, self.inline.span_count().saturating_sub(1), self.inline.last_span_len()));
        let style = if number.is_some() { Style::LINK } else { Style::PLAIN };
        self.push_frame("a", style, link);
    }

    pub(super) fn close_link(&mut self) {
        let Some(frame) = self.close_frame("a") else {
            return;
        };
        let Some((number, span, offset)) = frame.link else {
            return;
        };
        let text = self.inline.text_since(span, offset);
        let text = crate::text::collapse_whitespace(text.trim()).into_owned();
        if let Some(link) = self.numbering.link_mut(number)
            && link.text.is_empty()
        {
            link.text = text;
        }
        self.inline.push_marker(&format!("[{number}]"), Style::MARKER);
    }

    // ----- embedded content -----

    /// `<img>`, `<iframe>` (whose content is dropped), `<embed>`,
    /// `<frame>`, `<video>` and `<audio>` (with a `src` or a `<source>`).
    pub(super) fn start_embedded(&mut self, name: &str, attrs: &[(&str, &str)]) {
        match name {
            "img" | "image" => self.image(attrs),
            "iframe" | "embed" | "frame" => {
                let src = attr(attrs, "src").or_else(|| attr(attrs, "data-src"));
                self.media(src, LinkKind::Video);
            }
            "video" | "audio" => {
                let kind = if name == "video" { LinkKind::Video } else { LinkKind::Audio };
                match attr(attrs, "src") {
                    Some(src) => self.media(Some(src), kind),
                    None => self.pending_media = Some(kind),
                }
            }
            "source" => {
                if let Some(kind) = self.pending_media.take() {
                    self.media(attr(attrs, "src"), kind);
                }
            }
            _ => {}
        }
    }

    fn image(&mut self, attrs: &[(&str, &str)]) {
        /// `data:` images this small are placeholders (a 1×1 GIF is ~70).
        const INLINE_PLACEHOLDER: usize = 200;
        let trimmed = |wanted: &str| attr(attrs, wanted).map(str::trim);
        // A 1×1 image is a tracking pixel, not a picture.
        if matches!(trimmed("width"), Some("0" | "1")) && matches!(trimmed("height"), Some("0" | "1")) {
            return;
        }
        let srcset = trimmed("srcset").and_then(|set| set.split_whitespace().next());
        let url = [trimmed("src"), trimmed("data-src"), trimmed("data-original"), trimmed("data-lazy-src"), srcset]
            .into_iter()
            .flatten()
            .find(|url| !url.is_empty() && !is_refused(url));
        let alt = trimmed("alt").or_else(|| trimmed("title")).map(|alt| crate::text::clean_field(alt).into_owned());
        let alt = alt.filter(|alt| !alt.is_empty() && !is_placeholder_alt(alt));
        // Only in the page (SingleFile's `data:` images; a tiny one is a
        // lazy-loading placeholder): numbered, described, not openable.
        let inline = || {
            let src = trimmed("src")?;
            let kind = src.get(..11).filter(|p| p.eq_ignore_ascii_case("data:image/")).map(|_| &src[5..])?;
            let kind = kind.split([';', ',']).next().unwrap_or("image");
            (src.len() > INLINE_PLACEHOLDER)
                .then(|| format!("{kind} in the page ({} KB)", src.len() * 3 / 4 / 1024 + 1))
        };
        let number = match url {
            Some(url) => self.numbering.image(url, alt.clone()),
            None => inline().map(|description| self.numbering.inline_image(description, alt.clone())),
        };
        let Some(number) = number else {
            if let Some(alt) = alt {
                self.text(&alt);
            }
            return;
        };
        self.numbering.placed(number);
        // A size the page gives in pixels (not `100%`, not `auto`).
        let pixels = |name: &str| {
            trimmed(name).map(|v| v.trim_end_matches("px")).and_then(|v| v.parse::<u32>().ok()).filter(|&v| v > 1)
        };
        if let (Some(width), Some(height)) = (pixels("width"), pixels("height")) {
            self.numbering.hint_size(number, (width, height));
        }
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
        let Some(number) = src.and_then(|src| self.numbering.link(src, kind)) else {
            return;
        };
        self.ensure_inline_home();
        let label = if kind == LinkKind::Audio { "audio" } else { "video" };
        self.inline.soft_space();
        self.inline.push_marker(&format!("[{label} {number}]"), Style::MARKER);
        self.inline.soft_space();
    }
}

/// Alt text that says nothing (`image`, `图片`), as CMSs fill it in.
fn is_placeholder_alt(alt: &str) -> bool {
    const EMPTY: [&str; 8] = ["image", "img", "picture", "photo", "图片", "圖片", "画像", "写真"];
    let file_name =
        [".jpg", ".jpeg", ".png", ".gif", ".webp"].iter().any(|ext| alt.to_ascii_lowercase().ends_with(ext));
    file_name || EMPTY.iter().any(|word| alt.eq_ignore_ascii_case(word))
}

/// Superscript or subscript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Super,
    Sub,
}

/// `text` in superscript or subscript characters (`x²`, `H₂O`) when Unicode
/// has one for every character of it; else as it is.
pub(super) fn scripted(text: &str, script: Script) -> std::borrow::Cow<'_, str> {
    let map = |c: char| match script {
        Script::Super => superscript(c),
        Script::Sub => subscript(c),
    };
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.chars().all(|c| map(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| if c.is_whitespace() { c } else { map(c).unwrap_or(c) }).collect())
}

fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4'..='9' => char::from_u32(0x2074 + (c as u32 - '4' as u32))?,
        '+' => '⁺',
        '-' | '−' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'n' => 'ⁿ',
        'i' => 'ⁱ',
        _ => return None,
    })
}

fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0'..='9' => char::from_u32(0x2080 + (c as u32 - '0' as u32))?,
        '+' => '₊',
        '-' | '−' => '₋',
        '=' => '₌',
        '(' => '₍',
        ')' => '₎',
        'a' => 'ₐ',
        'e' => 'ₑ',
        'o' => 'ₒ',
        'x' => 'ₓ',
        'h' => 'ₕ',
        'k' => 'ₖ',
        'l' => 'ₗ',
        'm' => 'ₘ',
        'n' => 'ₙ',
        'p' => 'ₚ',
        's' => 'ₛ',
        't' => 'ₜ',
        _ => return None,
    })
}
