//! `folio show --format markdown|html`: snapshots of a fixture article with
//! every construct, the Markdown read back by pulldown-cmark (same headings,
//! link and image URLs, table cells), the HTML read by html5ever (no
//! scripts, no `on…` attributes, every text of the text format in it),
//! `--format text` as without `--format`, and the formats' errors.

use crate::common::cli::*;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export").join(name)
}

fn export(path: &Path, format: &str) -> String {
    let run = folio(&["show", "--format", format, &path.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // Local paths hold the checkout's folder.
    run.stdout.replace(env!("CARGO_MANIFEST_DIR"), "<ROOT>")
}

#[test]
fn markdown_and_html_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::assert_snapshot!("everything_markdown", export(&fixture("everything.md"), "markdown"));
        insta::assert_snapshot!("everything_html", export(&fixture("everything.md"), "html"));
        insta::assert_snapshot!("hostile_markdown", export(&fixture("hostile.html"), "markdown"));
        insta::assert_snapshot!("hostile_html", export(&fixture("hostile.html"), "html"));
    });
}

/// What Markdown reads back: headings, link URLs, image URLs, table cells.
#[derive(Debug, Default, PartialEq)]
struct ReadBack {
    headings: Vec<String>,
    links: Vec<String>,
    images: Vec<String>,
    cells: Vec<String>,
}

fn read_markdown(markdown: &str) -> ReadBack {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut back = ReadBack::default();
    let mut text: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => text = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => back.headings.extend(text.take()),
            Event::End(TagEnd::TableCell) => back.cells.extend(text.take()),
            Event::Start(Tag::Link { dest_url, .. }) => back.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => back.images.push(dest_url.to_string()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(text) = &mut text {
                    text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    back
}

/// The same from folio's own document of the article.
fn expected(path: &Path) -> ReadBack {
    use folio::document::{Block, Document};
    let library = folio::library::load(&[path.to_owned()]);
    let article = library.articles.first().expect("an article");
    let body = folio::file::read_body(article).expect("its body");
    let document: Document = folio::page::body(article, &body);
    let mut back = ReadBack { headings: vec![article.title.to_string()], ..ReadBack::default() };
    if let Some(link) = &article.link {
        back.links.push(link.to_string());
    }
    fn walk(blocks: &[Block], back: &mut ReadBack) {
        for block in blocks {
            match block {
                Block::Heading { text, .. } => back.headings.push(text.to_plain()),
                Block::List(items) => items.iter().for_each(|item| walk(&item.blocks, back)),
                Block::Quote(inner) => walk(inner, back),
                Block::Table(table) => {
                    let columns = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
                    for row in &table.rows {
                        for i in 0..columns {
                            back.cells
                                .push(row.cells.get(i).map(|c| c.to_plain().replace('\n', "")).unwrap_or_default());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    walk(&document.blocks, &mut back);
    back.links.extend(document.links.iter().map(|l| l.url.clone()).filter(|u| !u.starts_with("vbscript:")));
    back.images.extend(document.images.iter().filter(|i| i.in_text).map(|i| i.url.clone()));
    back
}

#[test]
fn markdown_reads_back_to_the_same_headings_urls_and_cells() {
    for name in ["everything.md", "hostile.html"] {
        let path = fixture(name);
        let run = folio(&["show", "--format", "markdown", &path.to_string_lossy()]);
        let mut back = read_markdown(&run.stdout);
        let mut want = expected(&path);
        // Each URL once, in any order (the document lists each once).
        for list in [&mut back.links, &mut back.images, &mut want.links, &mut want.images] {
            list.sort();
            list.dedup();
        }
        assert_eq!(back, want, "{name}:\n{}", run.stdout);
    }
}

/// What html5ever's tokenizer sees: tag names, attribute names, text.
#[derive(Default)]
struct Seen {
    tags: Vec<String>,
    attributes: Vec<String>,
    /// Images' alt texts.
    alts: String,
    text: String,
}

struct Sink<'a>(&'a RefCell<Seen>);

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut seen = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                seen.tags.push(tag.name.to_string());
                seen.attributes.extend(tag.attrs.iter().map(|a| a.name.local.to_string()));
                let alts: Vec<String> =
                    tag.attrs.iter().filter(|a| &*a.name.local == "alt").map(|a| a.value.to_string()).collect();
                seen.alts.extend(alts);
            }
            Token::CharacterTokens(text) => seen.text.push_str(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn read_html(html: &str) -> Seen {
    let seen = RefCell::new(Seen::default());
    let tokenizer = Tokenizer::new(Sink(&seen), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    seen.into_inner()
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn html_has_no_scripts_nor_event_attributes_and_all_the_text() {
    for name in ["everything.md", "hostile.html"] {
        let path = fixture(name);
        let html = export(&path, "html");
        assert!(html.starts_with("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">"), "{html}");
        let seen = read_html(&html);
        assert!(
            !seen.tags.iter().any(|t| matches!(t.as_str(), "script" | "style" | "iframe")),
            "{name}: {:?}",
            seen.tags
        );
        assert!(!seen.attributes.iter().any(|a| a.starts_with("on") || a == "style"), "{name}: {:?}", seen.attributes);
        assert!(!seen.text.contains("alert") && !seen.text.contains("display"), "{name}");
        // Every word of the text format (its body, not its lists) is there.
        let text = folio(&["show", "--plain", "--width", "10000", &path.to_string_lossy()]).stdout;
        let body = text.split("\nImages\n").next().unwrap_or_default().split("\nLinks\n").next().unwrap_or_default();
        // An image's marker holds its alt, which is the `<img>`'s.
        let all = squeezed(&format!("{}{}", seen.text, seen.alts));
        // Struck-out text is drawn with a combining stroke in plain text.
        let body = body.replace('\u{336}', "");
        for line in body.lines().skip(2) {
            for word in line.split(['[', ']', '•', '│', '─', '┌', '┐', '└', '┘', '├', '┤', '┬', '┴', '┼', ' '])
            {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                if word.chars().count() > 1 && !word.starts_with("image") && word.parse::<u32>().is_err() {
                    assert!(all.contains(&squeezed(word)), "{name}: {word:?} missing from\n{html}");
                }
            }
        }
    }
}

#[test]
fn format_text_is_the_default() {
    let path = fixture("everything.md");
    let path = path.to_string_lossy();
    let plain = folio(&["show", "--plain", "--width", "60", &path]);
    let text = folio(&["show", "--format", "text", "--plain", "--width", "60", &path]);
    assert_eq!(text.code, 0);
    assert_eq!(plain.raw, text.raw);
}

#[test]
fn an_unknown_format_and_text_only_flags_are_usage_errors() {
    let path = fixture("everything.md");
    let path = path.to_string_lossy();
    let run = folio(&["show", "--format", "pdf", &path]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value 'pdf'") && run.stderr.contains("text, markdown, html"),
        "{}",
        run.stderr
    );
    let run = folio(&["show", "--format", "markdown", "--width", "40", &path]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--width applies to --format text only"), "{}", run.stderr);
    let run = folio(&["show", "--format", "html", "--images", &path]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--images applies to --format text only"), "{}", run.stderr);
}

#[test]
fn cjk_text_survives_unchanged() {
    let path = fixture("everything.md");
    let markdown = export(&path, "markdown");
    let html = export(&path, "html");
    for text in ["导出", "作者", "技术", "中文的**粗体**和", "「引号」", "日本語の*強調*もそのまま。", "名前", "値"]
    {
        assert!(markdown.contains(text), "{text:?} in\n{markdown}");
    }
    for text in [
        "导出",
        "中文的<strong>粗体</strong>和",
        "「<strong>「引号」</strong>」不变。",
        "日本語の<em>強調</em>もそのまま。",
    ] {
        assert!(html.contains(text), "{text:?} in\n{html}");
    }
}
