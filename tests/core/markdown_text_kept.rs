//! Property test: every visible character of random Markdown with raw
//! HTML in it reaches the reader — words (Latin and CJK) with emphasis,
//! generics and unknown tags written in prose (`List<Object>`,
//! `<Custom-Thing>`), comments, autolinks, known inline tags, and hidden
//! elements left open (`<svg>`, `<template>`, `<select>`, `<head>` with no
//! end tag anywhere), across paragraphs. What each piece shows is known
//! from how it was made, not from folio's own reading.

use crate::common::persisted;
use folio::document::{Base, BodyKind, Document};
use folio::layout::{Options, layout};
use proptest::prelude::*;
use std::path::Path;

const REGRESSIONS: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/tests/core/markdown_text_kept.txt");

/// A piece of Markdown and the text it shows.
fn piece() -> impl Strategy<Value = (String, String)> {
    let word = prop_oneof!["[a-z]{1,8}", "[\u{4e00}-\u{4e80}]{1,4}", "[A-Z][a-z]{0,6}"];
    prop_oneof![
        4 => word.clone().prop_map(|w| (w.clone(), w)),
        1 => word.clone().prop_map(|w| (format!("**{w}**"), w)),
        1 => word.clone().prop_map(|w| (format!("<b>{w}</b>"), w)),
        1 => word.clone().prop_map(|w| (format!("<em>{w}</em>"), w)),
        1 => ("[A-Z][a-z]{1,6}", "[A-Z][a-z]{1,6}").prop_map(|(a, b)| {
            let generic = format!("{a}<{b}>");
            (generic.clone(), generic)
        }),
        1 => ("[a-z]{1,5}", word.clone()).prop_map(|(name, w)| {
            let source = format!("<Custom-{name}>{w}</Custom-{name}>");
            (source.clone(), source)
        }),
        1 => word.clone().prop_map(|w| (format!("<!-- {w} -->"), String::new())),
        1 => "[a-z]{1,8}".prop_map(|w| (format!("<https://x.test/{w}>"), format!("https://x.test/{w}"))),
        1 => prop_oneof![Just("<svg>"), Just("<template>"), Just("<select>"), Just("<head>")]
            .prop_map(|tag| (tag.to_owned(), String::new())),
        1 => Just(("\n\n".to_owned(), String::new())),
    ]
}

proptest! {
    #![proptest_config(persisted(256, REGRESSIONS))]

    #[test]
    fn every_visible_character_reaches_the_reader(pieces in proptest::collection::vec(piece(), 1..40)) {
        let source: String = pieces.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(" ");
        let wanted: String = pieces.iter().flat_map(|(_, v)| v.chars()).filter(|c| !c.is_whitespace()).collect();
        let base = Base::for_article(None, Path::new("/lib/a.md"));
        let document = Document::parse(&source, BodyKind::Markdown, &base, &[]);
        let laid_out = layout(&document, 200, Options::default());
        let shown: String = laid_out.lines.iter().flat_map(|l| l.text().chars().collect::<Vec<_>>()).filter(|c| !c.is_whitespace()).collect();
        // In order: each wanted character found after the one before.
        let mut rest = shown.as_str();
        for (i, c) in wanted.chars().enumerate() {
            match rest.find(c) {
                Some(at) => rest = &rest[at + c.len_utf8()..],
                None => prop_assert!(false, "character {i} {c:?} of {wanted:?} lost from {source:?}:\n{shown}"),
            }
        }
    }
}
