//! Markdown bodies: pulldown-cmark turns them into HTML (tables,
//! strikethrough and task lists on), which the HTML reader then reads.

use pulldown_cmark::{Options, Parser, html};

/// Whether a body that opens with a tag is Markdown after all: its lines
/// of Markdown structure outside `<pre>` (ATX headings, code fences, list
/// items, quotes, `[text](url)` links) are at least a quarter as many as
/// its HTML block ends (`</p>`, `</div>`, `<br>`…). An HTML body written
/// into a `.md` file has none, or a few strays in a page of paragraphs.
pub fn reads_as_markdown(body: &str) -> bool {
    let mut pre_depth: usize = 0;
    let mut structure = 0;
    for line in body.lines() {
        let (opens, closes) = if line.contains('<') {
            (count_ignoring_case(line, b"<pre"), count_ignoring_case(line, b"</pre"))
        } else {
            (0, 0)
        };
        let was_in_pre = pre_depth > 0;
        pre_depth = (pre_depth + opens).saturating_sub(closes);
        if !was_in_pre && opens == 0 && closes == 0 && is_structure_line(line) {
            structure += 1;
        }
    }
    if structure == 0 {
        return false;
    }
    let block_ends: usize =
        ["</p>", "</div>", "</li>", "</h1>", "</h2>", "</h3>", "</h4>", "</table>", "</blockquote>", "<br"]
            .iter()
            .map(|tag| count_ignoring_case(body, tag.as_bytes()))
            .sum();
    structure * 4 >= block_ends
}

fn count_ignoring_case(line: &str, needle: &[u8]) -> usize {
    line.as_bytes().windows(needle.len()).filter(|window| window.eq_ignore_ascii_case(needle)).count()
}

/// A line that only Markdown writes (at most three spaces in).
fn is_structure_line(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let rest = &line[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let heading = (1..=6).contains(&hashes) && rest[hashes..].starts_with(' ');
    let fence = rest.starts_with("```") || rest.starts_with("~~~");
    let bullet = rest.starts_with(['-', '*', '+']) && rest[1..].starts_with(' ') && !rest[1..].trim().is_empty();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (1..=9).contains(&digits) && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") "));
    let quote = rest.starts_with("> ");
    let link = rest.find("](").is_some_and(|at| rest[..at].contains('[') && rest[at..].contains(')'));
    heading || fence || bullet || numbered || quote || link
}

/// The body as HTML, its generator tags first made what they stand for
/// (`generator_tags`). Raw HTML passes through, as Hexo, Jekyll and Hugo
/// pass it; what only looks like a tag — an element HTML does not have
/// (`List<T>`, `<PackageReference>`) or a name in mixed case (`<Object>`,
/// as code in prose writes it) — stays text.
pub fn to_html(markdown: &str) -> String {
    use pulldown_cmark::{CowStr, Event};
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_FOOTNOTES;
    let markdown = super::generator_tags::translate(markdown);
    let events: Vec<Event<'_>> = Parser::new_ext(&markdown, options).collect();
    let closers = raw_text_closers(&events);
    let events = events.into_iter().enumerate().map(|(at, event)| match event {
        // `<style>` or `<script>` in prose with no end tag after it as HTML
        // (one in code is text): a browser would read the rest of the
        // article as its content; it is text.
        Event::InlineHtml(html) | Event::Html(html) if opens_unclosed_raw_text(&html, at, &closers) => {
            Event::Text(CowStr::from(html.into_string()))
        }
        event => event,
    });
    let events = events.map(|event| match event {
        Event::InlineHtml(html) if !is_html_tag(&html) => Event::Text(html),
        Event::Html(html) if !is_html_tag(&html) => Event::Text(CowStr::from(html.into_string())),
        // A line of an HTML block (`<!-- more --> List<T> <https://…>`):
        // what only looks like a tag in it stays text, an autolink is the
        // link it is in Markdown.
        Event::Html(html) if html.contains('<') => {
            Event::Html(CowStr::from(escape_false_tags(&autolinks_as_anchors(&html))))
        }
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Elements whose content a browser reads as raw text, up to their end tag.
const RAW_TEXT: [&str; 9] =
    ["script", "style", "textarea", "title", "iframe", "xmp", "noembed", "noframes", "plaintext"];

/// The name of the raw-text element `html` opens, if it opens one.
fn raw_text_opened(html: &str) -> Option<&'static str> {
    let inside = html.trim_start().strip_prefix('<')?;
    let len = inside.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &inside[..len];
    let ends_name = inside[len..].starts_with(['>', ' ', '/', '\t', '\n', '\r']);
    RAW_TEXT.iter().copied().find(|raw| ends_name && raw.eq_ignore_ascii_case(name))
}

/// For each raw-text element, the last event that holds its end tag as
/// HTML (not as text or code).
fn raw_text_closers(events: &[pulldown_cmark::Event<'_>]) -> [Option<usize>; RAW_TEXT.len()] {
    use pulldown_cmark::Event;
    let mut last = [None; RAW_TEXT.len()];
    for (at, event) in events.iter().enumerate() {
        if let Event::InlineHtml(html) | Event::Html(html) = event {
            for (i, name) in RAW_TEXT.iter().enumerate() {
                if count_ignoring_case(html, format!("</{name}").as_bytes()) > 0 {
                    last[i] = Some(at);
                }
            }
        }
    }
    last
}

/// Whether the raw HTML at event `at` opens a raw-text element that no
/// later event closes (the end tag may also be in the same event).
fn opens_unclosed_raw_text(html: &str, at: usize, closers: &[Option<usize>; RAW_TEXT.len()]) -> bool {
    let Some(name) = raw_text_opened(html) else { return false };
    let i = RAW_TEXT.iter().position(|raw| *raw == name).unwrap_or(0);
    let closed_here = count_ignoring_case(html, format!("</{name}").as_bytes()) > 0;
    !closed_here && closers[i].is_none_or(|last| last <= at)
}

/// Raw HTML with each `<` that opens no HTML tag (`is_html_tag`) escaped.
fn escape_false_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 8);
    let mut last = 0;
    for (at, _) in html.match_indices('<') {
        out.push_str(&html[last..at]);
        out.push_str(if is_html_tag(&html[at..]) { "<" } else { "&lt;" });
        last = at + 1;
    }
    out.push_str(&html[last..]);
    out
}

/// `<https://…>` in raw HTML as the anchor Markdown makes of it.
fn autolinks_as_anchors(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let end = after.find('>').filter(|&end| {
            let inside = &after[..end];
            let scheme = inside.split("://").next().unwrap_or_default();
            inside.contains("://")
                && !scheme.is_empty()
                && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
                && !inside.contains(|c: char| c.is_whitespace() || c == '<')
        });
        match end {
            Some(end) => {
                let url = after[..end].replace('&', "&amp;").replace('"', "&quot;");
                out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
                rest = &after[end + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether raw HTML that Markdown passed through begins with something a
/// browser takes for markup: a comment, a declaration, or a tag of an HTML
/// element written in one case.
fn is_html_tag(html: &str) -> bool {
    let Some(inside) = html.trim_start().strip_prefix('<') else { return true };
    if inside.starts_with(['!', '?']) {
        return true;
    }
    let name = inside.strip_prefix('/').unwrap_or(inside);
    let len = name.bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
    let name = &name[..len];
    if name.is_empty() {
        return true; // not a tag to begin with: Markdown keeps it as it was
    }
    let one_case = name == name.to_ascii_lowercase() || name == name.to_ascii_uppercase();
    one_case && HTML_ELEMENTS.binary_search(&name.to_ascii_lowercase().as_str()).is_ok()
}

/// The elements of HTML (and those of old pages and SVG/MathML roots),
/// sorted.
const HTML_ELEMENTS: [&str; 138] = [
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "image",
    "img",
    "input",
    "ins",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "link",
    "listing",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "menuitem",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "pre",
    "progress",
    "q",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_element_list_is_sorted_for_its_search() {
        assert!(HTML_ELEMENTS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn what_only_looks_like_a_tag_stays_text() {
        let html = to_html(
            "SoftReference<Object> o1 = new SoftReference<Object>(x); List<T> and <PackageReference Include=\"x\" />\n",
        );
        assert!(html.contains("SoftReference&lt;Object&gt; o1"), "{html}");
        assert!(html.contains("List&lt;T&gt;"), "{html}");
        assert!(html.contains("&lt;PackageReference"), "{html}");
        let html = to_html("<!-- more --> <https://x.test/a?b=1&c=2> and <b>b</b>\n");
        assert!(
            html.contains("<a href=\"https://x.test/a?b=1&amp;c=2\">https://x.test/a?b=1&amp;c=2</a> and <b>b</b>"),
            "{html}"
        );
        let html = to_html("The <style> element.\n\nVISIBLE ONE.\n\n```html\n</style>\n```\n");
        assert!(html.contains("&lt;style&gt; element.") && html.contains("VISIBLE ONE."), "{html}");
        let html = to_html("<style>\np { color: red }\n</style>\n\nAfter.\n");
        assert!(html.contains("<style>") && html.contains("After."), "a real style block stays one: {html}");
        let html = to_html("a <b>bold</b> <!-- more --> <DIV>x</DIV>\n");
        assert!(html.contains("<b>bold</b>") && html.contains("<!-- more -->") && html.contains("<DIV>"), "{html}");
    }
}
