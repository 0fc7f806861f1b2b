//! The elements whose content no reader sees (and those with the `hidden`
//! attribute): one list, kept by the document builder (what `folio`
//! shows) and by the body search (what `body:` finds), so the two agree on
//! what text is visible.

/// Elements whose content is hidden, up to their end tag (a nested element
/// of the same name nests): scripts and styles, drawings and formulas,
/// form controls, dialogs, and the document's `head`. An `iframe` is shown
/// as a video link, without its content. `noscript` and `object` are not
/// hidden: archived pages are read without their scripts and plugins, so
/// their fallback content is what a reader sees. Names are lower case.
/// How far hiding reaches when the end tag is missing: see `Visibility`.
pub const HIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "svg", "math", "template", "button", "select", "textarea", "head", "noembed", "noframes",
    "title", "canvas", "map", "datalist", "dialog", "iframe",
];

/// Whether the content of the element `name` (lower case) is hidden.
pub fn is_hidden(name: &str) -> bool {
    HIDDEN_ELEMENTS.contains(&name)
}

/// The element whose content is hidden ends early when this one starts,
/// as a browser's tree builder ends it: anything but head content ends a
/// `<head>`, and the HTML elements that break out of foreign content end an
/// `<svg>` or `<math>` (so `<svg>` left open in prose hides nothing after
/// the paragraph); a block ends a `<select>`, which holds only options.
pub fn ends_hidden(hidden: &str, starting: &str) -> bool {
    match hidden {
        "head" => !HEAD_CONTENT.contains(&starting),
        "svg" | "math" => BREAKS_OUT_OF_FOREIGN.contains(&starting),
        "select" => BLOCK_STARTS.contains(&starting),
        _ => false,
    }
}

const HEAD_CONTENT: [&str; 9] = ["title", "meta", "link", "style", "script", "base", "noscript", "template", "head"];

/// The HTML standard's list (foreign content, "any other start tag").
const BREAKS_OUT_OF_FOREIGN: [&str; 44] = [
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

const BLOCK_STARTS: [&str; 22] = [
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "ol",
    "p",
    "ul",
];

/// Elements whose end tag may be left out (the next one ends them): the
/// `hidden` attribute hides nothing on them, lest text after them vanish.
const ENDS_OPTIONAL: [&str; 16] = [
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt", "rp", "colgroup",
    "caption",
];

/// Whether attributes holding `hidden` (not `hidden="until-found"`, which
/// a search shows) hide the element, as a browser does.
pub fn hidden_attribute<'a>(mut attributes: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    attributes.any(|(name, value)| name.eq_ignore_ascii_case("hidden") && !value.eq_ignore_ascii_case("until-found"))
}

/// Elements without content (and so without an end tag).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "image"
            | "frame"
    )
}

/// The open elements kept at most (deeper ones are not followed).
const MAX_OPEN: usize = 4096;
/// An end tag looks this far down the open elements for its start tag.
const REACH: usize = 64;

/// What of a body no reader sees, followed tag by tag — one state machine
/// for the builder (what `folio` shows) and the body search (what `body:`
/// finds). A hidden element's content is hidden up to its end tag, and no
/// further than its parent: the end tag of an element open around it ends
/// it too, as does a tag `ends_hidden` names. A hidden element whose end
/// tag appears nowhere in the body (`<template>` written in prose) hides
/// nothing. Linear: each tag is looked at once, end tags at most `REACH`
/// elements down.
#[derive(Debug, Default)]
pub struct Visibility {
    /// Names of the open elements (lower case).
    open: Vec<Box<str>>,
    /// The hidden element being in: its name and place in `open`.
    hiding: Option<(Box<str>, usize)>,
    /// Hidden elements never closed in this body.
    never_closed: Vec<&'static str>,
}

impl Visibility {
    /// Visibility for `body` (looked at once for end tags).
    pub fn new(body: &str) -> Visibility {
        let closed = end_tags_of_hidden(body);
        let never_closed = HIDDEN_ELEMENTS
            .iter()
            .zip(closed)
            .filter(|&(name, closed)| !closed && !is_raw_text_name(name))
            .map(|(name, _)| *name)
            .collect();
        Visibility { open: Vec::new(), hiding: None, never_closed }
    }

    /// Inside hidden content now.
    pub fn hidden(&self) -> bool {
        self.hiding.is_some()
    }

    /// A start tag: whether it is shown (to be handled by the caller).
    /// `hidden_attribute`: the tag has the `hidden` attribute.
    pub fn start(&mut self, name: &str, self_closing: bool, hidden_attribute: bool) -> bool {
        if let Some((hidden, at)) = &self.hiding {
            if !ends_hidden(hidden, name) {
                self.push(name, self_closing);
                return false;
            }
            self.open.truncate(*at);
            self.hiding = None;
        }
        let at = self.open.len();
        let pushed = self.push(name, self_closing);
        let hides = (is_hidden(name) && !self.never_closed.contains(&name))
            || (hidden_attribute && !ENDS_OPTIONAL.contains(&name));
        if pushed && hides {
            self.hiding = Some((name.into(), at));
        }
        true
    }

    /// An end tag: whether it is shown (to be handled by the caller).
    pub fn end(&mut self, name: &str) -> bool {
        let reach = self.open.len().saturating_sub(REACH);
        let found = (reach..self.open.len()).rev().find(|&i| &*self.open[i] == name);
        let Some((_, at)) = &self.hiding else {
            if let Some(i) = found {
                self.open.truncate(i);
            }
            return true;
        };
        let at = *at;
        match found {
            None => false,
            Some(i) => {
                self.open.truncate(i);
                if i <= at {
                    self.hiding = None;
                }
                // The parent's end tag is the parent's: handled as usual.
                i < at
            }
        }
    }

    /// Text: whether it is shown. Text in a `<head>` ends it (a browser
    /// moves it to the body).
    pub fn text(&mut self, text: &str) -> bool {
        match &self.hiding {
            // Directly in the head, not in its title.
            Some((hidden, at)) if &**hidden == "head" && self.open.len() == at + 1 && !text.trim().is_empty() => {
                self.open.truncate(*at);
                self.hiding = None;
                true
            }
            Some(_) => false,
            None => true,
        }
    }

    fn push(&mut self, name: &str, self_closing: bool) -> bool {
        if self_closing || is_void(name) || self.open.len() >= MAX_OPEN {
            return false;
        }
        self.open.push(name.into());
        true
    }
}

fn is_raw_text_name(name: &str) -> bool {
    crate::document::is_raw_text(name)
}

/// For each of `HIDDEN_ELEMENTS`, whether `body` has its end tag anywhere
/// (in any case), in one pass over the body's `</`.
fn end_tags_of_hidden(body: &str) -> [bool; HIDDEN_ELEMENTS.len()] {
    let mut closed = [false; HIDDEN_ELEMENTS.len()];
    let bytes = body.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"</") {
        let after = &bytes[at + 2..];
        let len = after.iter().take(16).take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = &after[..len];
        if let Some(i) = HIDDEN_ELEMENTS.iter().position(|hidden| hidden.as_bytes().eq_ignore_ascii_case(name)) {
            closed[i] = true;
        }
    }
    closed
}
