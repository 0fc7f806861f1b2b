//! The loader through the library API, over the committed fixture library
//! (`tests/fixtures/library`): every real-file quirk and hostile file loads
//! as the spec says, nothing else loads, and the problems are exactly the
//! expected ones.

use crate::common::*;
use folio::ProblemKind;
use folio::library::load;

/// (path, title, date, author, categories, group) of every article.
type Row =
    (&'static str, &'static str, Option<&'static str>, Option<&'static str>, &'static [&'static str], &'static str);

#[rustfmt::skip]
const ARTICLES: &[Row] = &[
    ("新媒体/Aljazeera 半岛网/新闻/normal-template-leading-blank-line.md", "联合国：今年是难民海上旅行最危险的一年 多国协调救援", Some("2021-12-30T12:42:52Z"), Some("Aljazeera 半岛网"), &["新媒体", "Aljazeera 半岛网", "新闻"], "新媒体/Aljazeera 半岛网/新闻"),
    ("新媒体/cnBeta/最新/old-template-no-headimg-4space-indent.md", "旧模板：没有 headimg，列表缩进四个空格", Some("2021-11-22T03:02:56Z"), Some("cnBeta"), &["新媒体", "cnBeta", "最新"], "新媒体/cnBeta/最新"),
    ("新媒体/cnBeta/最新/invalid-yaml-pipe-in-category-item.md", "分类项写成了竖线", Some("2022-08-25T02:44:15Z"), Some("cnBeta"), &["新媒体", "cnBeta", "最新"], "新媒体/cnBeta/最新"),
    ("博客/随笔集/Essays/double-quoted-title-with-apostrophe.md", "A Reader's Guide to One's Own Archive", Some("2021-12-27T06:12:39Z"), Some("随笔集"), &["博客", "随笔集", "Essays"], "博客/随笔集/Essays"),
    ("新媒体/9To5/9To5 分站/invalid-yaml-title-with-both-quote-kinds.md", "Apple's \"Far Out\" keynote recap", Some("2022-09-07T17:00:00Z"), Some("9To5"), &["新媒体", "9To5", "9To5 分站"], "新媒体/9To5/9To5 分站"),
    ("游戏/巴哈姆特/GNN 新聞/entities-in-title-and-urls.md", "_AC_ SQUARE ENIX 新作 JSON {\"a\":1} 与 ${x} & more", Some("2021-09-16T00:00:00Z"), Some("巴哈姆特"), &["游戏", "巴哈姆特", "GNN 新聞"], "游戏/巴哈姆特/GNN 新聞"),
    ("encodings/utf8-bom-crlf.md", "BOM 与 CRLF 的文章", Some("2022-01-15T01:30:00Z"), Some("Windows"), &["新媒体", "Windows", "测试"], "encodings"),
    ("encodings/gb18030.md", "国标编码的文章：联合国难民署发布年度报告㐀", Some("2022-02-01T08:00:00Z"), Some("国标新闻"), &["新媒体", "国标新闻", "要闻"], "encodings"),
    ("encodings/big5.md", "繁體中文的文章：遊戲公司發表新作影像", Some("2021-05-01T08:02:48Z"), Some("繁體新聞"), &["遊戲", "繁體新聞", "電玩"], "encodings"),
    ("encodings/shift-jis.md", "日本語の記事：アニメの放送日が決まりました", Some("2022-03-17T00:00:00Z"), Some("シフトジス"), &["二次元", "シフトジス", "放送"], "encodings"),
    ("encodings/utf16le-with-bom.md", "UTF-16 小端 with BOM", Some("2022-04-01T12:00:00Z"), Some("utf16"), &["test", "utf16", "le"], "encodings"),
    ("encodings/utf16be-without-bom.md", "UTF-16 big endian without BOM 大端", Some("2022-04-02T12:00:00Z"), Some("utf16"), &["test", "utf16", "be"], "encodings"),
    ("hostile/unclosed-block.md", "前言块没有结束", Some("2022-05-05T05:05:05Z"), Some("未闭合"), &["测试", "未闭合"], "hostile"),
    ("hostile/unreadable-date.md", "An article whose date nobody can read", None, Some("Nobody"), &[], "hostile"),
    ("hostile/control-characters-in-fields.md", "Evil clear and red C1 end", Some("2022-06-06T06:06:06Z"), Some("Mallory Corp"), &["坏分类", "正常"], "hostile"),
    ("hostile/control-characters-in-invalid-yaml.md", "He said \"stop\" it's over", Some("2022-07-07T00:00:00Z"), Some("Eve"), &[], "hostile"),
    ("hostile/emoji-and-right-to-left-title.md", "\u{2764}\u{fe0f} 心 مرحبا بالعالم 👍🏽 cafe\u{301}", Some("2019-09-09T00:00:00Z"), Some("שלום"), &[], "hostile"),
    ("no-front-matter/html-with-title.html", "Tom & Jerry：一份没有前言块的 HTML", None, None, &[], "no-front-matter"),
    ("no-front-matter/markdown-with-heading.md", "日本語の見出し：前言のない Markdown", None, None, &[], "no-front-matter"),
    ("no-front-matter/markdown-with-nothing.md", "markdown-with-nothing", None, None, &[], "no-front-matter"),
    ("no-front-matter/htm-with-heading-only.htm", "A heading in an .htm file", None, None, &[], "no-front-matter"),
    ("other-archives/single-string-category-and-tags.md", "单字符串分类与标签", Some("2020-01-01T00:00:00Z"), None, &["随笔"], "other-archives"),
    ("other-archives/flow-list-tags-and-iso-date.markdown", "Flow tags, a .markdown file and an ISO date with zone", Some("2019-10-10T15:10:10.5Z"), None, &["笔记"], "other-archives"),
    ("other-archives/link-url-and-image-keys.md", "Links and images of other archives", Some("2020-02-02T02:02:02Z"), None, &[], "other-archives"),
    ("other-archives/url-key-only.md", "Only a url key", Some("2020-02-01T00:00:00Z"), None, &[], "other-archives"),
    ("other-archives/empty-title-uses-file-name.md", "empty-title-uses-file-name", Some("2022-01-01T00:00:00Z"), Some("财联社"), &["金融", "财联社", "电报"], "other-archives"),
    ("notes/txt-with-front-matter.txt", "A .txt file with front matter is an article", Some("2020-04-04T00:00:00Z"), None, &[], "notes"),
    ("nested/folder-named-like-an-article.md/article-inside-folder-named-md.md", "Inside a folder whose name ends in .md", Some("2020-03-03T00:00:00Z"), None, &[], "nested/folder-named-like-an-article.md"),
];

/// The Hexo rows are listed without their `source/_posts/` prefix.
fn full_path(row: &Row) -> String {
    let plain = ["encodings/", "hostile/", "no-front-matter/", "other-archives/", "notes/", "nested/"];
    if plain.iter().any(|p| row.0.starts_with(p)) { row.0.to_owned() } else { format!("{POSTS}{}", row.0) }
}

#[test]
fn every_article_fixture_loads_with_its_fields() {
    let library = load_fixtures();
    for row in ARTICLES {
        let (_, title, when, author, categories, group) = *row;
        let a = article(&library, &full_path(row));
        assert_eq!(&*a.title, title, "{}", row.0);
        assert_eq!(date(a).as_deref(), when, "{}", row.0);
        assert_eq!(a.author.as_deref(), author, "{}", row.0);
        assert_eq!(strs(&a.categories[..]), categories, "{}", row.0);
        assert_eq!(&*a.group, group, "{}", row.0);
    }
    assert_eq!(library.articles.len(), ARTICLES.len(), "no other article");
}

#[test]
fn skipped_files_are_neither_articles_nor_problems() {
    let library = load_fixtures();
    let seen: Vec<String> = (library.articles.iter().map(|a| relative(&a.path())))
        .chain(library.problems.iter().map(|p| relative(&p.path)))
        .collect();
    for skipped in [
        ".trash/article-in-hidden-folder.md",
        "notes/.hidden-draft.md",
        "notes/unknown-extension.rst",
        "notes/plain-note-without-front-matter.txt",
    ] {
        assert!(!seen.iter().any(|s| s == skipped), "{skipped} was loaded");
    }
    assert!(library.articles.iter().all(|a| !a.title.starts_with("Must be skipped")));
}

#[test]
fn problems_are_exactly_the_hostile_files() {
    let library = load_fixtures();
    let yaml = "front matter is not valid YAML";
    let expected: [(&str, ProblemKind, &str); 9] = [
        ("hostile/binary-nul-after-front-matter.md", ProblemKind::Binary, "binary file (NUL bytes), not an article"),
        ("hostile/binary-png-bytes-named-md.md", ProblemKind::Binary, "binary file (NUL bytes), not an article"),
        ("hostile/control-characters-in-invalid-yaml.md", ProblemKind::Warning, yaml),
        ("hostile/empty-file.md", ProblemKind::Empty, "empty file"),
        ("hostile/unclosed-block.md", ProblemKind::Warning, "front matter is never closed by `---`"),
        (
            "hostile/unreadable-date.md",
            ProblemKind::Warning,
            "unreadable date `sometime before the war`; sorted as undated",
        ),
        ("hostile/whitespace-only.md", ProblemKind::Empty, "empty file"),
        ("source/_posts/新媒体/9To5/9To5 分站/invalid-yaml-title-with-both-quote-kinds.md", ProblemKind::Warning, yaml),
        ("source/_posts/新媒体/cnBeta/最新/invalid-yaml-pipe-in-category-item.md", ProblemKind::Warning, yaml),
    ];
    let got: Vec<(String, ProblemKind)> = library.problems.iter().map(|p| (relative(&p.path), p.kind)).collect();
    let want: Vec<(String, ProblemKind)> = expected.iter().map(|(p, k, _)| (p.to_string(), *k)).collect();
    assert_eq!(got, want, "problems, sorted by path");
    for (problem, (_, _, message)) in library.problems.iter().zip(expected) {
        if message == yaml {
            assert!(problem.message.starts_with(yaml), "{}", problem.message);
            assert!(problem.message.ends_with("read it line by line"), "{}", problem.message);
        } else {
            assert_eq!(problem.message, message);
        }
    }
    // An article's warnings are its problem's message.
    for problem in library.problems.iter().filter(|p| p.kind == ProblemKind::Warning) {
        let a = article(&library, &relative(&problem.path));
        assert_eq!(a.warnings.join("; "), problem.message);
    }
    let warned = library.articles.iter().filter(|a| !a.warnings.is_empty()).count();
    assert_eq!(warned, 5);
}

#[test]
fn images_links_and_tags() {
    let library = load_fixtures();
    let get = |rel: &str| article(&library, rel);
    let normal = get("source/_posts/新媒体/Aljazeera 半岛网/新闻/normal-template-leading-blank-line.md");
    assert_eq!(
        strs(&normal.images[..]),
        ["https://img.example.test/uploads/2021/12/boat-1.jpg?w=770&resize=770%2C433"]
    );
    assert_eq!(normal.link.as_deref(), None);
    assert!(normal.extra.iter().any(|(k, _)| &**k == "comments"), "unknown keys are kept");
    let old = get("source/_posts/新媒体/cnBeta/最新/old-template-no-headimg-4space-indent.md");
    assert!(old.images.is_empty(), "thumbnail '' is no image: {:?}", old.images);
    let entities = get("source/_posts/游戏/巴哈姆特/GNN 新聞/entities-in-title-and-urls.md");
    assert_eq!(strs(&entities.images[..]), ["https://img.example.test/{id}.JPG?v=1&w=2"]);
    assert_eq!(entities.link.as_deref(), Some("https://news.example.test/a?x=1&reg=2&y={3}"));
    let keys = get("other-archives/link-url-and-image-keys.md");
    assert_eq!(strs(&keys.images[..]), ["https://img.example.test/head.png", "https://img.example.test/cover.png"]);
    assert_eq!(keys.link.as_deref(), Some("https://link.example.test/post"), "link before url");
    assert!(keys.extra.iter().any(|(k, _)| &**k == "layout"));
    assert_eq!(
        get("other-archives/url-key-only.md").link.as_deref(),
        Some("https://source.example.test/x"),
        "a clipper's source (the original) before a site's own url"
    );
    let single = get("other-archives/single-string-category-and-tags.md");
    assert_eq!(strs(&single.tags[..]), ["rust", "终端"]);
    let flow = get("other-archives/flow-list-tags-and-iso-date.markdown");
    assert_eq!(strs(&flow.tags[..]), ["rust", "tui"]);
    assert!(flow.warnings.is_empty(), "{:?}", flow.warnings);
    let pipe = get("source/_posts/新媒体/cnBeta/最新/invalid-yaml-pipe-in-category-item.md");
    assert_eq!(strs(&pipe.images[..]), ["https://img.example.test/pipe.jpg"]);
}

#[test]
fn control_characters_never_survive_loading() {
    let library = load_fixtures();
    let evil = article(&library, "hostile/control-characters-in-fields.md");
    assert_eq!(strs(&evil.images[..]), ["https://img.example.test/a.png?x=1"]);
    assert_eq!(evil.link.as_deref(), Some("https://evil.example.test/page"));
    let extra: Vec<(&str, &str)> = evil.extra.iter().map(|(k, v)| (&**k, v.stored())).collect();
    assert_eq!(extra, [("layout", "post")], "unknown keys are cleaned too");
    assert!(evil.warnings.is_empty(), "the fast path reads it: {:?}", evil.warnings);
    let clean = |text: &str, what: &str| {
        assert!(!text.chars().any(char::is_control), "{what}: {text:?}");
    };
    for a in &library.articles {
        clean(&a.title, "title");
        clean(&a.group, "group");
        a.author.iter().for_each(|t| clean(t, "author"));
        a.link.iter().for_each(|t| clean(t, "link"));
        a.unreadable_date.iter().for_each(|t| clean(t, "date"));
        let lists = [strs(&a.categories[..]), strs(&a.tags[..])];
        lists.iter().flatten().for_each(|t| clean(t, "list item"));
        a.images.iter().for_each(|t| clean(t, "image"));
        a.warnings.iter().for_each(|t| clean(t, "warning"));
    }
    for p in &library.problems {
        clean(&p.message, "problem message");
    }
}

#[test]
fn encodings_are_detected() {
    let library = load_fixtures();
    let name = |rel: &str| article(&library, rel).encoding.map(|e| e.name());
    assert!(matches!(name("encodings/gb18030.md"), Some("GBK" | "gb18030")), "{:?}", name("encodings/gb18030.md"));
    assert_eq!(name("encodings/big5.md"), Some("Big5"));
    assert_eq!(name("encodings/shift-jis.md"), Some("Shift_JIS"));
    assert_eq!(name("encodings/utf16le-with-bom.md"), Some("UTF-16LE"));
    assert_eq!(name("encodings/utf16be-without-bom.md"), Some("UTF-16BE"));
    assert_eq!(name("encodings/utf8-bom-crlf.md"), None);
    assert_eq!(name("hostile/emoji-and-right-to-left-title.md"), None);
}

#[test]
fn unreadable_date_is_kept_as_text() {
    let library = load_fixtures();
    let a = article(&library, "hostile/unreadable-date.md");
    assert_eq!(a.date, None);
    assert_eq!(a.unreadable_date.as_deref(), Some("sometime before the war"));
    assert_eq!(strs(&a.warnings[..]), ["unreadable date `sometime before the war`; sorted as undated"]);
    let position = library.articles.iter().position(|x| x.path() == a.path()).expect("listed");
    let first_undated = library.articles.iter().position(|x| x.date.is_none()).expect("some");
    assert!(position >= first_undated, "sorted among the undated");
}

#[test]
fn a_file_given_directly_is_read_whatever_its_extension() {
    let library = load(&[fixtures().join("notes/unknown-extension.rst")]);
    assert_eq!(library.articles.len(), 1, "{:?}", library.problems);
    assert_eq!(&*library.articles[0].title, "An .rst file is not read when walking a folder");
}

#[test]
fn the_same_root_twice_is_loaded_once() {
    let once = load_fixtures();
    let twice = load(&[fixtures(), fixtures().join("../library")]);
    assert_eq!(twice.articles.len(), once.articles.len());
    assert_eq!(twice.problems.len(), once.problems.len());
}

#[test]
fn a_missing_path_is_a_problem_and_the_rest_still_loads() {
    let missing = fixtures().join("no such folder");
    let library = load(&[missing.clone(), fixtures().join("encodings")]);
    assert_eq!(library.articles.len(), 6);
    assert!(library.has_missing_path());
    assert_eq!(library.problems.len(), 1);
    assert_eq!(library.problems[0].path, missing);
    assert_eq!(library.problems[0].kind, ProblemKind::MissingPath);
    assert_eq!(library.problems[0].message, "no such file or folder");
    assert!(!load_fixtures().has_missing_path());
}

#[test]
fn a_numeric_title_reads_the_same_whatever_the_rest_of_the_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, block) in [
        ("fast.md", "title: 1.10\n"),
        ("yaml.md", "title: 1.10\ntags: [a, b]\n"),
        ("hex.md", "title: 0x1F\ntags: [a]\n"),
    ] {
        std::fs::write(dir.path().join(name), format!("---\n{block}---\n")).expect("write");
    }
    let library = load(&[dir.path().to_owned()]);
    let title = |name: &str| {
        let found = library.articles.iter().find(|a| a.path().ends_with(name));
        found.map(|a| a.title.to_string()).unwrap_or_default()
    };
    assert_eq!(title("fast.md"), "1.10");
    assert_eq!(title("yaml.md"), "1.10");
    assert_eq!(title("hex.md"), "0x1F");
}

#[test]
fn cjk_utf16_without_bom_is_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "联合国难民署表示，这是有记录以来最危险的一年，许多人在海上失去了生命。".repeat(20);
    let text = format!("\n---\ntitle: '难民署年度报告'\ndate: 2022-01-01\n---\n\n<div><p>{body}</p></div>\n");
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("be.md"), be).expect("write");
    std::fs::write(dir.path().join("le.md"), le).expect("write");
    let library = load(&[dir.path().to_owned()]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let titles: Vec<&str> = library.articles.iter().map(|a| &*a.title).collect();
    assert_eq!(titles, ["难民署年度报告", "难民署年度报告"]);
}
