//! A block's inline text as a tree, for the writers: the document keeps
//! flat spans (styles as bits; a link's `[N]` and an image's `[image N]` as
//! markers after or in the text), which nest here into emphasis, code,
//! links and images carrying their real URLs.

use super::urls::is_safe;
use crate::document::{Document, LinkKind, Style, Text};

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A forced line break (`<br>`).
    Break,
    Styled(Styling, Vec<Inline>),
    Code(String),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    Image {
        url: String,
        alt: String,
    },
    /// An embedded video or audio, as a link to it.
    Media {
        kind: LinkKind,
        url: String,
    },
    /// A task list's box.
    Task {
        done: bool,
    },
}

/// The styles that nest (code is a leaf).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Styling {
    Strong,
    Emphasis,
    Strike,
}

const NESTING: [(Style, Styling); 3] =
    [(Style::STRONG, Styling::Strong), (Style::EMPHASIS, Styling::Emphasis), (Style::STRIKE, Styling::Strike)];

/// What a span of text or a marker is, before nesting.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text { text: String, style: Style, from_marker: bool },
    Break,
    Image(usize),
    LinkEnd(usize),
    Media(LinkKind, usize),
    Task(bool),
}

/// A token with a link resolved: a link holds the tokens of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Token(Token),
    Link { url: String, style: Style, content: Vec<Piece> },
}

/// `text` as a tree, its links and images looked up in `document`.
pub fn tree(text: &Text, document: &Document) -> Vec<Inline> {
    let mut tokens = Vec::new();
    for span in &text.spans {
        if span.style.has(Style::MARKER) {
            markers(&span.text, document, &mut tokens);
        } else {
            split_breaks(&span.text, span.style, &mut tokens);
        }
    }
    nest(&links(tokens, document), document)
}

fn split_breaks(text: &str, style: Style, tokens: &mut Vec<Token>) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            tokens.push(Token::Break);
        }
        if !line.is_empty() {
            tokens.push(Token::Text { text: line.to_owned(), style, from_marker: false });
        }
    }
}

/// The markers in a marker span (`[image 2: alt] [3]`, `[video 1]`,
/// `[x]`), which the builder writes one after another with spaces between.
fn markers(mut rest: &str, document: &Document, tokens: &mut Vec<Token>) {
    while !rest.is_empty() {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 0 {
            tokens.push(Token::Text { text: rest[..spaces].to_owned(), style: Style::PLAIN, from_marker: true });
            rest = &rest[spaces..];
            continue;
        }
        let (token, len) = marker(rest, document).unwrap_or_else(|| {
            // Not a marker folio writes: kept as text, up to the next one.
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let len = rest[first..].find([' ', '[']).map_or(rest.len(), |at| at + first);
            (Token::Text { text: rest[..len].to_owned(), style: Style::PLAIN, from_marker: true }, len)
        });
        tokens.push(token);
        rest = &rest[len..];
    }
}

/// The marker at the start of `text`, and its length.
fn marker(text: &str, document: &Document) -> Option<(Token, usize)> {
    let inside = text.strip_prefix('[')?;
    if inside.starts_with("x]") || inside.starts_with(" ]") {
        return Some((Token::Task(inside.starts_with('x')), 3));
    }
    let (word, after_word) = match inside.split_once(' ') {
        Some((word @ ("image" | "video" | "audio"), after)) => (word, after),
        _ => ("", inside),
    };
    let digits = after_word.bytes().take_while(u8::is_ascii_digit).count();
    let number: usize = after_word[..digits].parse().ok()?;
    let after_number = &after_word[digits..];
    let head = text.len() - after_number.len();
    match word {
        "image" => {
            let image = document.images.get(number.checked_sub(1)?)?;
            let tail = match after_number.strip_prefix(": ") {
                None => after_number.starts_with(']').then_some(1)?,
                Some(alt) => alt_end(alt, image.alt.as_deref()) + 2,
            };
            Some((Token::Image(number), head + tail))
        }
        "video" | "audio" => {
            document.links.get(number.checked_sub(1)?)?;
            after_number.starts_with(']').then_some(())?;
            let kind = if word == "video" { LinkKind::Video } else { LinkKind::Audio };
            Some((Token::Media(kind, number), head + 1))
        }
        _ => {
            document.links.get(number.checked_sub(1)?)?;
            after_number.starts_with(']').then_some(())?;
            Some((Token::LinkEnd(number), head + 1))
        }
    }
}

/// The length of `alt]` at the start of `text`: the image's own alt when
/// the marker holds it, else up to the first `]` that ends a marker (the
/// end of the span, a space or another marker after it).
fn alt_end(text: &str, known: Option<&str>) -> usize {
    if let Some(known) = known
        && text.strip_prefix(known).is_some_and(|rest| rest.starts_with(']'))
    {
        return known.len() + 1;
    }
    let mut from = 0;
    while let Some(at) = text[from..].find(']') {
        let end = from + at + 1;
        if text[end..].is_empty() || text[end..].starts_with([' ', '[']) {
            return end;
        }
        from = end;
    }
    text.len()
}

/// Each `[N]` marker gathers the link text before it: the text styled as
/// a link (with the images among it), or, for a link around an image
/// alone, that image.
fn links(tokens: Vec<Token>, document: &Document) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(tokens.len());
    for token in tokens {
        let Token::LinkEnd(number) = token else {
            out.push(Piece::Token(token));
            continue;
        };
        let Some(link) = number.checked_sub(1).and_then(|i| document.links.get(i)) else { continue };
        let start = link_start(&out);
        let mut content = out.split_off(start);
        // The spaces between markers at its end are outside it.
        let mut after = Vec::new();
        while let Some(Piece::Token(Token::Text { text, from_marker: true, .. })) = content.last() {
            if !text.trim().is_empty() {
                break;
            }
            after.extend(content.pop());
        }
        if content.is_empty() {
            let text = if link.text.is_empty() { link.url.clone() } else { link.text.clone() };
            content.push(Piece::Token(Token::Text { text, style: Style::PLAIN, from_marker: false }));
        }
        if !is_safe(&link.url) {
            // No link to a `vbscript:` or the like: its text stays, as text.
            out.extend(content.iter().map(|piece| without(piece, Style::LINK)));
            out.extend(after);
            continue;
        }
        // The styles all its text shares are the link's own (bold around
        // the link, not inside it).
        let styles: Vec<Style> = content
            .iter()
            .filter_map(|piece| match piece {
                Piece::Token(Token::Text { style, from_marker: false, .. }) => Some(*style),
                _ => None,
            })
            .collect();
        let shared = NESTING
            .iter()
            .filter(|(bit, _)| !styles.is_empty() && styles.iter().all(|style| style.has(*bit)))
            .fold(Style::PLAIN, |shared, (bit, _)| shared.with(*bit));
        out.push(Piece::Link { url: link.url.clone(), style: shared, content });
        out.extend(after);
    }
    out
}

/// Where the text of a link whose `[N]` comes after `out` starts: at the
/// first text styled as a link among the pieces that can be in one (link
/// text, images, breaks, spaces between markers), or, for a link around an
/// image alone, at that image.
fn link_start(out: &[Piece]) -> usize {
    let is_link_text =
        |piece: &Piece| matches!(piece, Piece::Token(Token::Text { style, .. }) if style.has(Style::LINK));
    let can_be_inside = |piece: &Piece| {
        is_link_text(piece)
            || matches!(piece, Piece::Token(Token::Break | Token::Image(_) | Token::Text { from_marker: true, .. }))
    };
    let reach = out.iter().rposition(|piece| !can_be_inside(piece)).map_or(0, |at| at + 1);
    match out[reach..].iter().position(is_link_text) {
        Some(first) => reach + first,
        None => out[reach..]
            .iter()
            .rposition(|piece| matches!(piece, Piece::Token(Token::Image(_))))
            .map_or(out.len(), |at| reach + at),
    }
}

/// The pieces nested by their emphasis: one that opened earlier holds the
/// ones that open inside it.
fn nest(pieces: &[Piece], document: &Document) -> Vec<Inline> {
    let mut root: Vec<Inline> = Vec::new();
    let mut open: Vec<(Styling, Vec<Inline>)> = Vec::new();
    let mut current = Style::PLAIN;
    for piece in pieces {
        let (style, leaf) = match piece {
            Piece::Token(token) => match leaf(token, document) {
                Some(found) => found,
                None => continue,
            },
            Piece::Link { url, style, content } => {
                let inner: Vec<Piece> = content.iter().map(|p| without(p, *style)).collect();
                (*style, Inline::Link { url: url.clone(), content: nest(&inner, document) })
            }
        };
        // A break or a space keeps the emphasis around it.
        let style = match &leaf {
            Inline::Break => current,
            Inline::Text(text) if text.trim().is_empty() => current,
            _ => style,
        };
        current = style;
        let wanted: Vec<Styling> = NESTING.iter().filter(|(bit, _)| style.has(*bit)).map(|(_, e)| *e).collect();
        let kept = open.iter().take_while(|(emphasis, _)| wanted.contains(emphasis)).count();
        while open.len() > kept {
            close(&mut open, &mut root);
        }
        for emphasis in wanted {
            if !open.iter().any(|(e, _)| *e == emphasis) {
                open.push((emphasis, Vec::new()));
            }
        }
        push(open.last_mut().map_or(&mut root, |(_, children)| children), leaf);
    }
    while !open.is_empty() {
        close(&mut open, &mut root);
    }
    root
}

/// Closes the innermost emphasis; the spaces and line breaks at its end go
/// after it (the builder gives a space to the text before it, and a break
/// keeps the emphasis it falls in).
fn close(open: &mut Vec<(Styling, Vec<Inline>)>, root: &mut Vec<Inline>) {
    let Some((emphasis, mut children)) = open.pop() else { return };
    let mut after = Vec::new();
    loop {
        match children.last_mut() {
            Some(Inline::Break) => after.extend(children.pop()),
            Some(Inline::Text(text)) if text.ends_with(' ') => {
                let kept = text.trim_end_matches(' ').len();
                after.push(Inline::Text(text.split_off(kept)));
                if text.is_empty() {
                    children.pop();
                }
            }
            _ => break,
        }
    }
    let parent = open.last_mut().map_or(root, |(_, children)| children);
    if !children.is_empty() {
        parent.push(Inline::Styled(emphasis, children));
    }
    for inline in after.into_iter().rev() {
        push(parent, inline);
    }
}

/// Adds `leaf`, merged into the text or code before it (two spaces met,
/// the one a link's end moved and the one after its marker, are one).
fn push(children: &mut Vec<Inline>, leaf: Inline) {
    match (children.last_mut(), leaf) {
        (Some(Inline::Text(before)), Inline::Text(text)) => {
            let text = if before.ends_with(' ') { text.strip_prefix(' ').unwrap_or(&text) } else { &text };
            before.push_str(text)
        }
        (Some(Inline::Code(before)), Inline::Code(text)) => before.push_str(&text),
        (_, leaf) => children.push(leaf),
    }
}

/// A piece's style without the bits of `shared`.
fn without(piece: &Piece, shared: Style) -> Piece {
    match piece {
        Piece::Token(Token::Text { text, style, from_marker }) => {
            let kept = [Style::STRONG, Style::EMPHASIS, Style::STRIKE, Style::CODE, Style::LINK]
                .into_iter()
                .filter(|bit| style.has(*bit) && !shared.has(*bit))
                .fold(Style::PLAIN, Style::with);
            Piece::Token(Token::Text { text: text.clone(), style: kept, from_marker: *from_marker })
        }
        other => other.clone(),
    }
}

fn leaf(token: &Token, document: &Document) -> Option<(Style, Inline)> {
    Some(match token {
        Token::Text { text, style, .. } if style.has(Style::CODE) => (*style, Inline::Code(text.clone())),
        Token::Text { text, style, .. } => (*style, Inline::Text(text.clone())),
        Token::Break => (Style::PLAIN, Inline::Break),
        Token::Task(done) => (Style::PLAIN, Inline::Task { done: *done }),
        Token::Image(number) => {
            let image = document.images.get(number.checked_sub(1)?)?;
            let alt = image.alt.clone().unwrap_or_default();
            if !super::urls::is_openable(&image.url) {
                // Held in the page only (`data:`): described, not linked.
                let text = if alt.is_empty() { format!("[{}]", image.url) } else { format!("[{alt}: {}]", image.url) };
                return Some((Style::PLAIN, Inline::Text(text)));
            }
            (Style::PLAIN, Inline::Image { url: image.url.clone(), alt })
        }
        Token::Media(kind, number) => {
            let link = document.links.get(number.checked_sub(1)?)?;
            if !is_safe(&link.url) {
                return None;
            }
            (Style::PLAIN, Inline::Media { kind: *kind, url: link.url.clone() })
        }
        Token::LinkEnd(_) => return None,
    })
}
