//! Bodies as their generators render them, through the real `folio show`:
//! a Markdown body that begins with a comment, an autolink or a tag is
//! still Markdown; text that only looks like a tag (`<Object>`, `List<T>`,
//! `<PackageReference>`) is text; an element left open (`<svg>`, `<head>`,
//! `<template>`, `<select>`) or unknown loses no text after it.

use crate::common::cli::*;
use std::path::Path;

fn show(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bodies").join(file);
    let run = folio(&["show", "--width", "100", &path.to_string_lossy()]);
    assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    run.stdout
}

/// Asserts that `shown` holds every one of `texts`, in order.
fn holds_in_order(file: &str, shown: &str, texts: &[&str]) {
    let mut from = 0;
    for text in texts {
        match shown[from..].find(text) {
            Some(at) => from += at + text.len(),
            None => panic!("{file}: {text:?} missing (or out of order) in:\n{shown}"),
        }
    }
}

#[test]
fn markdown_that_begins_with_a_comment_an_autolink_or_a_tag() {
    let shown = show("comment-first.md");
    holds_in_order("comment-first.md", &shown, &["Heading in the body", "• item one with a link[1]", "• item two"]);
    assert!(!shown.contains("* item") && !shown.contains("](") && !shown.contains("more -->"), "{shown}");

    let shown = show("autolink-first.md");
    holds_in_order(
        "autolink-first.md",
        &shown,
        &["https://example.org/auto", "is where it came from.", "Second paragraph here."],
    );
    assert!(!shown.contains('*'), "{shown}");

    let shown = show("tag-first.md");
    holds_in_order("tag-first.md", &shown, &["[image 1]", "Section", "• alpha", "• beta", "code and bold."]);
    assert!(!shown.contains("##") && !shown.contains("**") && !shown.contains("- alpha"), "{shown}");
}

/// The source's text as a naive stripper sees it: front matter and every
/// `<…>` removed, whitespace dropped. Whatever it keeps, folio must show.
fn naively_stripped(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bodies").join(file);
    let source = std::fs::read_to_string(path).expect("the fixture");
    let body = source.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).map_or(&*source, |(_, b)| b);
    let mut kept = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag && !c.is_whitespace() => kept.push(c),
            _ => {}
        }
    }
    kept
}

/// Every character `naively_stripped` keeps of `file` is shown, in order.
fn loses_no_text(file: &str) {
    let shown: String = show(file).chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = shown.as_str();
    for (i, c) in naively_stripped(file).chars().enumerate() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => panic!("{file}: character {i} {c:?} of the source's text is not shown:\n{shown}"),
        }
    }
}

#[test]
fn an_independent_stripper_finds_every_character_shown() {
    for file in ["generics.md", "left-open.md", "left-open.html"] {
        loses_no_text(file);
    }
}

#[test]
fn text_that_only_looks_like_a_tag_is_text() {
    let shown = show("generics.md");
    holds_in_order(
        "generics.md",
        &shown,
        &[
            "Use SoftReference<Object> o1 = new SoftReference<Object>(x); it is weak.",
            "A List<Object> => x maps; Map<String, List<T>> too.",
            "Add <PackageReference Include=\"Serde\" /> to the project.",
            "After the generics: everything is still here.",
        ],
    );
}

#[test]
fn elements_left_open_lose_no_text_after_them() {
    let shown = show("left-open.md");
    holds_in_order(
        "left-open.md",
        &shown,
        &[
            "A drawing",
            "never closed.",
            "After the svg.",
            "element in prose.",
            "After the head.",
            "Use the",
            "After the template.",
            "Pick one",
            "After the select.",
            "card words",
            "foo words",
            "The very end.",
        ],
    );
    let shown = show("left-open.html");
    holds_in_order(
        "left-open.html",
        &shown,
        &[
            "Before",
            "After the svg paragraph.",
            "After the template paragraph.",
            "After the select.",
            "Unknown widget text shown.",
        ],
    );
}

#[test]
fn generator_tags_become_what_they_stand_for() {
    let shown = show("generator-tags.md");
    holds_in_order(
        "generator-tags.md",
        &shown,
        &[
            "Hexo image: [image 1: The lighthouse]",
            "  fn main() { println!(\"{}\", 1); }",
            "│ The engine weaves algebraic patterns.",
            "[video 1]",
            "Read the first post next.",
            "[image 2: A boat at dawn]",
            "  x := map[string]int{}",
            "Shortcode pairs keep their text.",
            "Liquid {{ braces }} stay.",
            "[1] /images/lighthouse.png",
            "[2] https://example.org/boat.jpg",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
        ],
    );
    for raw in ["{%", "%}", "{{<", ">}}", "{{%", "%}}"] {
        assert!(!shown.contains(raw), "{raw:?} shown:\n{shown}");
    }
}

#[test]
fn ruby_scripts_definitions_details_and_struck_text() {
    let shown = show("html-details.md");
    holds_in_order(
        "html-details.md",
        &shown,
        &[
            "漢字(かんじ)を読(よ)む。",
            "E = mc², H₂O, xⁿ⁺¹, note[a].",
            "\nTerm\n  Its definition, indented.",
            "\nMore about it\n",
            "Hidden until opened, shown here.",
            "Price $\u{336}1\u{336}0\u{336} o\u{336}l\u{336}d\u{336} now $5.",
            "• [x] a task done\n• [ ] a task to do",
        ],
    );
}

#[test]
fn ruby_readings_can_be_left_out() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("config.toml"), "ruby_readings = false\n").expect("config");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bodies/html-details.md");
    let env = [("FOLIO_CONFIG_DIR", dir.path().to_str().expect("UTF-8"))];
    let run = folio_env(&["show", "--width", "100", &path.to_string_lossy()], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("漢字を読む。"), "{}", run.stdout);
    assert!(!run.stdout.contains("かんじ") && !run.stdout.contains('('), "{}", run.stdout);
}
