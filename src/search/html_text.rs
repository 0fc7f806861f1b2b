//! The text a reader sees in an HTML body, for the body search: markup,
//! comments and the content of the elements the reader hides
//! (`document::HIDDEN_ELEMENTS`) left out, a space where a block ends,
//! entities decoded; in one linear pass, without building a document.

use crate::document::{Visibility, hidden_attribute, is_raw_text};

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
/// included), comments, and the content of hidden elements (those the
/// reader hides, as far as it hides them: `document::Visibility`) dropped;
/// a space only where a block ends, so `<b>乌克兰</b>局势` stays one
/// phrase; entities decoded. A `<` that opens no tag (`1 < 2`) is text.
pub(super) fn strip_html(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut visibility = Visibility::new(html);
    let mut text = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let before = &html[at..open];
        if visibility.text(before) {
            text.push_str(before);
        }
        let next = bytes.get(open + 1).copied().unwrap_or(b' ');
        if html[open..].starts_with("<!--") {
            at = comment_end(bytes, open);
            continue;
        }
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            if visibility.text("<") {
                text.push('<');
            }
            at = open + 1;
            continue;
        }
        let end = tag_end(bytes, open);
        at = end;
        if next == b'!' || next == b'?' {
            continue; // a doctype or a processing instruction
        }
        let name = tag_name(&html[open + 1..end]);
        let closing = next == b'/';
        let self_closing = is_self_closing(bytes, end);
        let shown = if closing {
            visibility.end(&name)
        } else {
            let hidden = hidden_attribute(attributes(&html[open + 1..end]));
            visibility.start(&name, self_closing, hidden)
        };
        if shown && BLOCKS.contains(&name.as_str()) {
            text.push(' ');
        }
        if !closing && !self_closing && is_raw_text(&name) {
            // Read as raw text up to its end tag, as the tokenizer reads it.
            let close = raw_text_end(bytes, &name, end);
            let raw = &html[end..close];
            if visibility.text(raw) {
                text.push_str(raw);
            }
            at = close;
        }
    }
    let rest = &html[at.min(html.len())..];
    if visibility.text(rest) {
        text.push_str(rest);
    }
    crate::text::decode_entities(&text).into_owned()
}

/// Where the raw text of element `name` from `from` ends: at its first end
/// tag (the end of the text if there is none).
fn raw_text_end(bytes: &[u8], name: &str, from: usize) -> usize {
    memchr::memmem::find_iter(&bytes[from..], b"</")
        .map(|i| from + i)
        .find(|&open| names(&bytes[open + 2..], name))
        .unwrap_or(bytes.len())
}

/// Whether `after` (what follows `<` or `</`) is the element name `name`,
/// in any case, ended as the tokenizer ends a name.
fn names(after: &[u8], name: &str) -> bool {
    after.get(..name.len()).is_some_and(|start| start.eq_ignore_ascii_case(name.as_bytes()))
        && after.get(name.len()).is_none_or(|b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
}

/// Just past the `-->` of the comment opening at `open` (the end of the
/// text if it never closes).
fn comment_end(bytes: &[u8], open: usize) -> usize {
    memchr::memmem::find(&bytes[open..], b"-->").map_or(bytes.len(), |i| open + i + 3)
}

/// Whether the tag ending just before `end` closes itself (`<svg/>`).
fn is_self_closing(bytes: &[u8], end: usize) -> bool {
    end >= 2 && bytes[end - 1] == b'>' && bytes[end - 2] == b'/'
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

/// The attributes of a tag's inside (`div hidden class="a b">`): names
/// and values as written, quotes taken off.
fn attributes(inside: &str) -> impl Iterator<Item = (&str, &str)> {
    let inside = inside.trim_end_matches('>').trim_end_matches('/');
    let mut rest = inside.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let name = &rest[..name_end.max(1).min(rest.len())];
        rest = rest[name.len()..].trim_start();
        let Some(after) = rest.strip_prefix('=') else { return Some((name, "")) };
        let after = after.trim_start();
        let (value, left) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &after[1..];
                let close = body.find(quote).unwrap_or(body.len());
                (&body[..close], body.get(close + 1..).unwrap_or(""))
            }
            _ => {
                let close = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..close], &after[close..])
            }
        };
        rest = left;
        Some((name, value))
    })
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
    use crate::document::{Base, Block, BodyKind, Document, HIDDEN_ELEMENTS};
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

    /// Elements whose content the reader shows, `noscript` among them.
    const SHOWN_ELEMENTS: &[&str] = &[
        "p",
        "div",
        "span",
        "b",
        "i",
        "em",
        "strong",
        "code",
        "a",
        "h2",
        "blockquote",
        "pre",
        "xmp",
        "noscript",
        "section",
        "article",
        "nav",
        "aside",
        "header",
        "footer",
        "main",
        "small",
        "sup",
        "sub",
        "mark",
        "label",
        "font",
        "abbr",
        "time",
        "q",
        "cite",
        "s",
        "del",
        "ins",
        "u",
        "summary",
        "details",
        "legend",
        "fieldset",
        "form",
        "option",
        "video",
        "audio",
        "picture",
        "center",
        "address",
    ];

    /// The text of every block of a document, one block a line.
    fn document_text(html: &str) -> String {
        fn add(blocks: &[Block], out: &mut String) {
            for block in blocks {
                match block {
                    Block::Heading { text, .. } | Block::Paragraph(text) | Block::Caption(text) => {
                        out.push_str(&text.to_plain())
                    }
                    Block::List(items) => items.iter().for_each(|item| add(&item.blocks, out)),
                    Block::Quote(blocks) => add(blocks, out),
                    Block::Code { text, .. } => out.push_str(text),
                    Block::Table(table) => {
                        for cell in table.rows.iter().flat_map(|row| &row.cells) {
                            out.push_str(&cell.to_plain());
                            out.push('\n');
                        }
                    }
                    Block::Rule => {}
                }
                out.push('\n');
            }
        }
        let base = Base::for_article(None, std::path::Path::new("/library/a.html"));
        let mut out = String::new();
        add(&Document::parse(html, BodyKind::Html, &base, &[]).blocks, &mut out);
        out
    }

    /// Asserts that the reader and the body search see the same of each word.
    fn assert_agree(html: &str, hidden: &[String], shown: &[String]) {
        let read = document_text(html);
        let searched = body_text(html, BodyKind::Html);
        for word in hidden {
            assert!(!read.contains(word.as_str()), "the reader shows {word}: {read}");
            assert!(!searched.contains(word.as_str()), "the search finds {word}: {searched}");
        }
        for word in shown {
            assert!(read.contains(word.as_str()), "the reader hides {word}: {read}");
            assert!(searched.contains(word.as_str()), "the search misses {word}: {searched}");
        }
    }

    #[test]
    fn attributes_are_read_as_a_browser_reads_them() {
        fn read(inside: &str) -> Vec<(&str, &str)> {
            super::attributes(inside).collect()
        }
        assert_eq!(read("div hidden class=\"a b\">"), [("hidden", ""), ("class", "a b")]);
        assert_eq!(read("div title='x > y' HIDDEN=until-found/>"), [("title", "x > y"), ("HIDDEN", "until-found")]);
        assert_eq!(read("p"), []);
        assert_eq!(read("a href = x data-hidden"), [("href", "x"), ("data-hidden", "")]);
    }

    #[test]
    fn the_hidden_attribute_hides_in_the_reader_and_the_search_alike() {
        let html = "<div hidden><p>hiddendivword</p><div>hiddennestedword</div></div>\
                    <section HIDDEN=\"\">hiddensectionword</section><span data-hidden>shownspanword</span>\
                    <div hidden=until-found>shownfoundword</div><p hidden>shownpword<p>shownnextword</p>\
                    <p>shownafterword</p>";
        let hidden = ["hiddendivword", "hiddennestedword", "hiddensectionword"].map(String::from);
        let shown =
            ["shownspanword", "shownfoundword", "shownpword", "shownnextword", "shownafterword"].map(String::from);
        assert_agree(html, &hidden, &shown);
    }

    #[test]
    fn the_reader_and_the_search_see_the_same_text() {
        // Text straight in a `<head>` is moved to the body by browsers: shown.
        let hiding = || HIDDEN_ELEMENTS.iter().filter(|&&name| name != "head");
        let hidden: Vec<String> = hiding().map(|name| format!("hidden{name}word")).collect();
        let mut shown: Vec<String> = SHOWN_ELEMENTS.iter().map(|name| format!("shown{name}word")).collect();
        let mut html = "<!DOCTYPE html><html><head><title>hiddentitleword</title><meta charset=utf-8>\
                        <style>hiddenheadstyle</style></head><body><p>before <head>shownheadword</head> after</p>"
            .to_owned();
        shown.push("shownheadword".to_owned());
        for (name, word) in hiding().zip(&hidden) {
            html.push_str(&format!("<p>before <{name} class=x>{word}</{name}> after</p>\n"));
        }
        for (name, word) in SHOWN_ELEMENTS.iter().zip(&shown) {
            html.push_str(&format!("<{name}>{word}</{name}>\n"));
        }
        html.push_str(
            "<ul><li>shownliword</li></ul><dl><dt>showndtword</dt><dd>shownddword</dd></dl>\
             <table><caption>showncaptionword</caption><tr><th>shownthword</th><td>showntdword</td></tr>\
             <tr><td>a</td><td>b</td></tr></table>\
             <figure><img src=\"a.png\"><figcaption>shownfigcaptionword</figcaption></figure></body></html>",
        );
        for word in ["li", "dt", "dd", "caption", "th", "td", "figcaption"] {
            shown.push(format!("shown{word}word"));
        }
        assert_agree(&html, &hidden, &shown);
    }

    #[test]
    fn hidden_elements_end_where_the_reader_ends_them() {
        let words = |names: &[&str]| names.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        for (html, hidden, shown) in [
            // No `</head>`: `<body>` ends it.
            ("<head><title>hiddentitle</title><body><p>shownbody</p>", &["hiddentitle"][..], &["shownbody"][..]),
            // Text in a head ends it, as a browser's tree builder ends it.
            ("<head><title>t</title>shownhead<body><p>shownbody</p>", &[], &["shownhead", "shownbody"]),
            // Left open, hidden elements end where their parent does, or
            // where a tag ends them; one never closed hides nothing.
            ("<p>a <svg> hiddensvg</p><p>shownnext</p><svg></svg>", &["hiddensvg"], &["shownnext"]),
            ("<p>a <svg> shownnever</p><p>shownnext</p>", &[], &["shownnever", "shownnext"]),
            ("<div><svg><p>shownbreakout</p></svg></div>", &[], &["shownbreakout"]),
            (
                "<p>x <select><option>hiddenoption<p>shownafterselect</p></select>",
                &["hiddenoption"],
                &["shownafterselect"],
            ),
            ("<p>the <template> element</p><p>shownpara</p>", &[], &["element", "shownpara"]),
            ("<p>a <template>hiddentemplate</p><p>shownlater</p></template>", &["hiddentemplate"], &["shownlater"]),
            ("<p>SoftReference<object> o1 = new</p><p>shownobject</p>", &[], &["o1", "shownobject"]),
            ("<svg><svg>a</svg>hiddennested</svg><p>shownafter</p>", &["hiddennested"], &["shownafter"]),
            ("<p><svg/>shownselfclosed</p>", &[], &["shownselfclosed"]),
            ("<SCRIPT type=x>hiddenupper</Script ><p>shownupper</p>", &["hiddenupper"], &["shownupper"]),
            ("<script>a</scripts>hiddenlonger</script><p>shownlonger</p>", &["hiddenlonger"], &["shownlonger"]),
            ("<svg><!-- </svg> -->hiddencomment</svg><p>showncomment</p>", &["hiddencomment"], &["showncomment"]),
            (
                "<svg><style></svg>hiddenraw</style>hiddensvg</svg><p>shownraw</p>",
                &["hiddenraw", "hiddensvg"],
                &["shownraw"],
            ),
            ("<script>if (a <svg) x = '<svg>';</script><p>shownscript</p>", &[], &["shownscript"]),
            ("<noscript><p>shownnoscript</p></noscript>", &[], &["shownnoscript"]),
            (
                "<p>a<button>hiddenbutton</button><select><option>hiddenoption</select></p>",
                &["hiddenbutton", "hiddenoption"],
                &[],
            ),
            (
                "<p>shownbefore<math><mi>hiddenmath</mi></math><template>shownunclosedtemplate",
                &["hiddenmath"],
                &["shownbefore", "shownunclosedtemplate"],
            ),
        ] {
            assert_agree(html, &words(hidden), &words(shown));
        }
    }

    /// Each hidden element once searched the whole rest of the body, lower-cased:
    /// this took hours.
    #[test]
    fn many_hidden_elements_are_passed_in_linear_time() {
        let html = "<p>Shown</p><script>var x = 1;</script><SVG><path/></SVG><style>p{}</style>".repeat(100_000);
        let text = super::strip_html(&html);
        assert_eq!(text.matches("Shown").count(), 100_000);
        assert!(!text.contains("var") && !text.contains("p{}"), "{}", &text[..200]);
    }
}
