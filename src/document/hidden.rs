//! The elements whose content no reader sees: one list, kept by the
//! document builder (what `folio` shows) and by the body search (what
//! `body:` finds), so the two agree on what text is visible.

/// Elements whose content is hidden, up to their end tag (a nested element
/// of the same name nests): scripts and styles, drawings and formulas,
/// form controls, fallbacks for embedded content, dialogs, and the
/// document's `head`, which also ends where `<body>` starts. An `iframe`
/// is shown as a video link, without its content. `noscript` is not
/// hidden: archived pages are read without their scripts, so its content
/// is what a reader sees. Names are lower case.
pub const HIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "svg", "math", "template", "button", "select", "textarea", "head", "noembed", "noframes",
    "title", "object", "canvas", "map", "datalist", "dialog", "iframe",
];

/// Whether the content of the element `name` (lower case) is hidden.
pub fn is_hidden(name: &str) -> bool {
    HIDDEN_ELEMENTS.contains(&name)
}

/// The element whose content is hidden ends early when this one starts:
/// `<body>` ends `<head>`.
pub fn ends_hidden(hidden: &str, starting: &str) -> bool {
    hidden == "head" && starting == "body"
}
