//! The text a reader sees in an HTML body, for the body search: markup,
//! comments and the content of hidden elements left out, a space where a
//! block ends, entities decoded; in one pass, without building a document.

/// Elements whose content no reader sees.
const HIDDEN: [&str; 8] = ["script", "style", "svg", "template", "head", "title", "noscript", "textarea"];

/// Elements that break the text: a word never runs across them.
const BLOCKS: [&str; 24] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "p",
    "pre",
    "td",
];

/// HTML without its markup: tags (with their attributes, quoted `>`
/// included), comments, and hidden elements' content dropped; a space only
/// where a block ends, so `<b>乌克兰</b>局势` stays one phrase; entities
/// decoded. A `<` that opens no tag (`1 < 2`) is text.
pub(super) fn strip_html(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut text = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        text.push_str(&html[at..open]);
        let next = bytes.get(open + 1).copied().unwrap_or(b' ');
        if html[open..].starts_with("<!--") {
            at = html[open..].find("-->").map_or(html.len(), |i| open + i + 3);
            continue;
        }
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            text.push('<');
            at = open + 1;
            continue;
        }
        let end = tag_end(bytes, open);
        let name = tag_name(&html[open + 1..end]);
        if BLOCKS.contains(&name.as_str()) {
            text.push(' ');
        }
        at = end;
        if next != b'/' && HIDDEN.contains(&name.as_str()) {
            let closing = format!("</{name}");
            let lower = html[at..].to_ascii_lowercase();
            at = lower.find(&closing).map_or(html.len(), |i| tag_end(bytes, at + i));
        }
    }
    text.push_str(&html[at.min(html.len())..]);
    crate::text::decode_entities(&text).into_owned()
}

/// Just past the `>` that ends the tag opening at `open`, skipping quoted
/// attribute values.
fn tag_end(bytes: &[u8], open: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// The lower-cased element name of a tag's inside (`/p class=x` → `p`).
fn tag_name(inside: &str) -> String {
    inside
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use crate::document::BodyKind;
    use crate::search::body_text;

    #[test]
    fn markup_is_never_text() {
        let html = "<div class=\"ukraine\"><a href=\"https://ukraine.test\" title='Ukraine'>Kyiv</a><!-- Ukraine -->\
                    <script>var ukraine = 1;</script><style>.ukraine{}</style><svg><text>ukraine</text></svg>\
                    <p>&#20044;克兰 &amp; more</p></div>";
        let text = body_text(html, BodyKind::Html);
        assert!(!text.contains("ukraine"), "{text}");
        assert!(text.contains("kyiv"));
        assert!(text.contains("乌克兰 & more"), "{text}");
    }

    #[test]
    fn words_split_only_by_blocks() {
        assert!(
            body_text("<p><strong>乌克兰</strong>局势 Ukr<b>aine</b></p><p>next</p>", BodyKind::Html)
                .contains("乌克兰局势 ukraine next")
        );
        assert!(body_text("<p>North\n   Atlantic</p>", BodyKind::Html).contains("north atlantic"));
        assert!(body_text("<p>1 < 2 giraffe</p>", BodyKind::Html).contains("1 < 2 giraffe"));
        let hidden = body_text(
            "<head><title>zeppelin</title></head><a title=\"a > zeppelin\">x</a><template>zeppelin</template>",
            BodyKind::Html,
        );
        assert!(!hidden.contains("zeppelin"), "{hidden}");
        assert!(
            !body_text("Text <span class=\"zeppelin\">x</span> <!-- zeppelin -->", BodyKind::Markdown)
                .contains("zeppelin")
        );
    }
}
