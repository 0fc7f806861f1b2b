//! Document tests: HTML, Markdown and plain bodies into blocks, numbering.

use super::*;
use std::path::Path;

fn parse(html: &str) -> Document {
    let base = Base::for_article(None, Path::new("/lib/a/post.md"));
    Document::parse(html, BodyKind::Html, &base, &[])
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) | Block::Caption(t) | Block::Heading { text: t, .. } => Some(t.to_plain()),
            _ => None,
        })
        .collect()
}

#[test]
fn paragraphs_headings_and_dropped_elements() {
    let doc = parse(
        "<div>   \n<p>第一段，<b>粗体</b>。</p><script>alert('x')</script><style>p{}</style>\
         <h3>威慑俄罗斯</h3><!-- comment --><svg><text>no</text></svg><p>second<br>line</p><button>Click</button></div>",
    );
    assert_eq!(paragraphs(&doc), ["第一段，粗体。", "威慑俄罗斯", "second\nline"]);
    assert!(matches!(doc.blocks[1], Block::Heading { level: 3, .. }));
}

#[test]
fn images_links_and_videos_are_numbered_once() {
    let base = Base::for_article(None, Path::new("/lib/a/post.md"));
    let html = "<p><img src=\"https://x.test/head.jpg\">Text <a href=\"https://a.test/\">one</a> and \
                <a href=\"https://a.test/\">again</a> <a href=\"javascript:void(0)\">js</a></p>\
                <figure><img src=\"pics/b.png\" alt=\"A cat\"><figcaption>The cat</figcaption></figure>\
                <iframe src=\"https://video.test/embed/1\"></iframe><img src=\"https://x.test/head.jpg\">";
    let doc = Document::parse(html, BodyKind::Html, &base, &["https://x.test/head.jpg", ""]);
    let urls: Vec<&str> = doc.images.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(urls, ["https://x.test/head.jpg", "/lib/a/pics/b.png"]);
    assert_eq!(doc.images[1].alt.as_deref(), Some("A cat"));
    assert_eq!(doc.images[1].caption.as_deref(), Some("The cat"));
    assert_eq!(doc.links.len(), 2);
    assert_eq!(doc.links[0].text, "one");
    assert_eq!(doc.links[1].kind, LinkKind::Video);
    let text = paragraphs(&doc).join("|");
    assert_eq!(text, "[image 1] Text one[1] and again[1] js|[image 2: A cat]|The cat|[video 2] [image 1]");
}

#[test]
fn figure_text_after_an_image_is_its_caption() {
    let doc = parse("<figure class=x><img src=\"a.jpg\" alt>(半岛电视台)</figure>");
    assert_eq!(paragraphs(&doc), ["[image 1]", "(半岛电视台)"]);
    assert!(matches!(doc.blocks[1], Block::Caption(_)));
    assert_eq!(doc.images[0].caption.as_deref(), Some("(半岛电视台)"));
}

#[test]
fn lists_nest_and_number() {
    let doc = parse("<ol start=3><li>three<ul><li>inner</li></ul></li><li>four</ol><ul><li>a<li>b</ul>");
    let Block::List(items) = &doc.blocks[0] else { panic!("{:?}", doc.blocks) };
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].marker, "3.");
    assert_eq!(items[1].marker, "4.");
    assert!(matches!(&items[0].blocks[1], Block::List(inner) if inner[0].marker == "◦"));
    let Block::List(items) = &doc.blocks[1] else { panic!() };
    assert_eq!(items.iter().map(|i| i.marker.as_str()).collect::<Vec<_>>(), ["•", "•"]);
}

#[test]
fn tables_keep_rows_and_headers() {
    let doc = parse("<table><thead><tr><th>名称</th><th>Width</th></tr></thead><tr><td>中<td>2</table>");
    let Block::Table(table) = &doc.blocks[0] else { panic!("{:?}", doc.blocks) };
    assert_eq!(table.rows.len(), 2);
    assert!(table.rows[0].header);
    assert!(!table.rows[1].header);
    assert_eq!(table.rows[1].cells[0].to_plain(), "中");
}

#[test]
fn pre_keeps_lines_and_generics() {
    let doc = parse("<pre><code>fn main() &#123;\n\tlet v: Vec<String> = vec![];\n}</code></pre>");
    let code = "fn main() {\n    let v: Vec<String> = vec![];\n}".to_owned();
    assert_eq!(doc.blocks, [Block::Code { text: code, language: None }]);
}

#[test]
fn quotes_rules_and_plain_and_markdown_bodies() {
    let doc = parse("<blockquote><p>quoted</p></blockquote><hr>");
    assert!(matches!(&doc.blocks[0], Block::Quote(inner) if inner.len() == 1));
    assert_eq!(doc.blocks[1], Block::Rule);
    let base = Base::for_article(None, Path::new("/lib/a.md"));
    let md = Document::parse(
        "# Title\n\nSome *text* and [a link](b.html).\n\n- one\n- two\n",
        BodyKind::Markdown,
        &base,
        &[],
    );
    assert!(matches!(&md.blocks[0], Block::Heading { level: 1, .. }));
    assert_eq!(md.links[0].url, "/lib/b.html");
    let plain =
        Document::parse("line one\nline two\n\n    kept  as\n    is\n\n第三段\n文字", BodyKind::Plain, &base, &[]);
    assert_eq!(paragraphs(&plain), ["line one line two", "第三段文字"]);
    assert_eq!(plain.blocks[1], Block::Code { text: "    kept  as\n    is".to_owned(), language: None });
}

#[test]
fn deep_nesting_and_broken_tags_do_not_hurt() {
    let deep = format!("{}deep{}", "<div><blockquote><ul><li>".repeat(30_000), "</map<string,>".repeat(10));
    let doc = parse(&deep);
    assert!(paragraphs(&doc).is_empty() || !doc.blocks.is_empty());
    let inline = format!("{}bold", "<b><i>".repeat(50_000));
    let doc = parse(&inline);
    assert_eq!(paragraphs(&doc), ["bold"]);
}

#[test]
fn body_kinds() {
    use crate::model::Format;
    assert_eq!(BodyKind::of(Format::Markdown, "\n<div>x</div>"), BodyKind::Html);
    assert_eq!(BodyKind::of(Format::Markdown, "# x"), BodyKind::Markdown);
    // Markdown that begins with a tag, a comment or an autolink.
    for markdown in [
        "<!-- more -->\n\n# Title\n\ntext",
        "<https://example.org> is the site\n",
        "<div align=center><img src=a.png></div>\n\n* Vim: [patch 8.0.0056](https://github.com/vim/vim)\n",
        "<p>intro</p>\n\n1. first\n2. second\n",
    ] {
        assert_eq!(BodyKind::of(Format::Markdown, markdown), BodyKind::Markdown, "{markdown:?}");
    }
    // HTML written into a `.md` file: its code's `# comment` lines are in `<pre>`.
    for html in [
        "<!-- saved --><p>text</p>\n\n<p>more</p>",
        "<p>a</p><pre><code>\n# a shell comment\n* not a list\n</code></pre>\n\n<p>b</p>",
        // A stray bullet line among many paragraphs (feeds do that).
        "<div><p>a</p>\n* stray\n<p>b</p><p>c</p><p>d</p><p>e</p></div>",
    ] {
        assert_eq!(BodyKind::of(Format::Markdown, html), BodyKind::Html, "{html:?}");
    }
    assert_eq!(BodyKind::of(Format::Text, "plain < text"), BodyKind::Plain);
    assert_eq!(BodyKind::of(Format::Html, "plain"), BodyKind::Html);
}

#[test]
fn images_held_in_the_page_are_numbered_and_described() {
    let data = format!("data:image/png;base64,{}", "QUFB".repeat(200));
    let doc = parse(&format!(
        "<p>a <img src=\"{data}\" alt=\"A chart\"> b <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"dot\"></p>"
    ));
    let urls: Vec<&str> = doc.images.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(urls, ["image/png in the page (1 KB)"], "a tiny placeholder is no image");
    assert_eq!(paragraphs(&doc), ["a [image 1: A chart] b dot"]);
}

#[test]
fn code_blocks_keep_the_language_their_source_names() {
    let language = |body: &str, kind: BodyKind| {
        let doc = Document::parse(body, kind, &Base::for_article(None, Path::new("/lib/a.md")), &[]);
        match doc.blocks.as_slice() {
            [Block::Code { language, .. }] => language.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(language("```rust\nfn main() {}\n```\n", BodyKind::Markdown).as_deref(), Some("rust"));
    assert_eq!(language("```\nplain\n```\n", BodyKind::Markdown), None);
    assert_eq!(language("<pre class=\"language-py\">x = 1</pre>", BodyKind::Html).as_deref(), Some("py"));
    assert_eq!(
        language("<pre><code class=\"hljs lang-c++\">int x;</code></pre>", BodyKind::Html).as_deref(),
        Some("c++")
    );
    assert_eq!(
        language("<pre lang=\"go\"><code class=\"language-js\">x</code></pre>", BodyKind::Html).as_deref(),
        Some("go")
    );
    assert_eq!(language("<pre data-lang=\"shell\">ls</pre>", BodyKind::Html).as_deref(), Some("shell"));
    // Only a plain name: nothing that could break out of a fence or a class.
    assert_eq!(language("<pre class=\"language-a`b\">x</pre>", BodyKind::Html), None);
    assert_eq!(language("<pre lang=\"a b\">x</pre>", BodyKind::Html), None);
}
