//! How query words match: `body:` the visible text only (never markup,
//! with a control that body search finds at all), pinyin readings and
//! initials, fuzzy title matching and its ranking, images in the text.

use crate::cli_query::*;
use crate::common::cli::{records, titles};

#[test]
fn body_matches_the_visible_text_only() {
    let hidden: &[&str] = &[TAG, ATTRIBUTE, COMMENT, SCRIPT, STYLE];
    library().check(&[
        ("body:zeppelin", &[AIRSHIP]),
        ("body:ZEPPELIN", &[AIRSHIP]),
        ("body:zeppelin-card", &[]),
        ("body:href", &[]),
        ("body:example.test", &[]),
        ("body:\"city & the bay\"", &[AIRSHIP]),
        ("body:amp", &[]),
        ("body:<hot>", &[AIRSHIP]),
        ("body:hello", &[TAG]),
        ("body:text", &[COMMENT, SCRIPT, STYLE]),
        ("in:bodies -body:zeppelin", hidden),
        ("body:zeppelin title:airship", &[AIRSHIP]),
        ("body:zeppelin in:tech", &[]),
        // Chinese bodies fold too, either way.
        ("body:烏克蘭", &[UA_TRAD, RU_SIMP]),
        ("body:顿涅茨克", &[UA_TRAD]),
        ("body:頓涅茨克 body:局势", &[UA_TRAD]),
    ]);
}

// ----- markup that once matched, and text that once went missing -----

/// A library of one article per `(body, word)`, where `zeppelin` is only
/// markup and `word` is shown, beside a control article where `zeppelin` is
/// shown: `body:zeppelin` finds the control alone, and each `word` its own
/// article (a body search that finds nothing fails here).
fn no_body_matches(bodies: &[(&str, &str)], extension: &str) {
    let lib = Lib::new();
    for (n, (body, _)) in bodies.iter().enumerate() {
        lib.add(&format!("b/{n}.{extension}"), &format!("title: 'Body {n}'\n"), body);
    }
    lib.add(&format!("b/control.{extension}"), "title: 'Control'\n", "<p>A zeppelin over the bay.</p>");
    assert_eq!(lib.titles("body:zeppelin"), ["Control"], "markup matched");
    for (n, (_, word)) in bodies.iter().enumerate() {
        let found = lib.titles(&format!("body:{word}"));
        assert!(found.contains(&format!("Body {n}")), "body:{word} did not find Body {n}: {found:?}");
    }
}

#[test]
fn an_attribute_holding_a_greater_than_sign_is_not_text() {
    no_body_matches(&[("<p><a href=\"#\" title=\"a > zeppelin\">link</a></p>", "link")], "md");
}

#[test]
fn markup_inside_a_markdown_body_is_not_text() {
    no_body_matches(
        &[("Some *text* and <span class=\"zeppelin\">more</span>.", "more"), ("Text <!-- zeppelin --> here.", "here")],
        "md",
    );
}

#[test]
fn text_the_reader_hides_is_not_searched() {
    no_body_matches(
        &[
            ("<div><template><p>zeppelin</p></template><p>shown</p></div>", "shown"),
            ("<html><head><title>zeppelin</title></head><body><p>shown</p></body></html>", "shown"),
        ],
        "html",
    );
}

#[test]
fn inline_tags_do_not_split_words() {
    let lib = Lib::new();
    lib.add(
        "b/a.md",
        "title: 'Bold'\n",
        "<p><strong>乌克兰</strong>局势。Ukr<b>aine</b>, <a href=\"#\">Kyiv</a>-based.</p>",
    );
    for query in ["body:乌克兰局势", "body:ukraine", "body:kyiv-based"] {
        assert_eq!(lib.titles(query), ["Bold"], "{query}");
    }
}

#[test]
fn a_bare_less_than_sign_hides_no_text() {
    let lib = Lib::new();
    lib.add("b/a.md", "title: 'Less'\n", "<p>1 < 2 giraffe, and 3 > 2.</p>");
    assert_eq!(lib.titles("body:giraffe"), ["Less"]);
}

#[test]
fn pinyin_knows_the_reading_of_common_words() {
    let lib = Lib::new();
    for title in ["重庆火锅", "中国银行", "长城脚下", "厦门大学", "音乐节"] {
        lib.add(&format!("p/{title}.md"), &format!("title: '{title}'\n"), "<p>x</p>");
    }
    let words = ["chongqing", "yinhang", "changcheng", "xiamen", "yinyue"];
    let found: Vec<Vec<String>> = words.iter().map(|word| lib.titles(word)).collect();
    assert_eq!(found, [["重庆火锅"], ["中国银行"], ["长城脚下"], ["厦门大学"], ["音乐节"]], "{words:?}");
}

#[test]
fn pinyin_mixing_initials_and_syllables() {
    library().check(&[
        ("elsi", &[UA_TRAD, RU_SIMP]),
        ("eluos", &[UA_TRAD, RU_SIMP]),
        ("elus", &[]),
        ("wkelan", &[UA_TRAD, UA_SIMP]),
        ("wukel", &[UA_TRAD, UA_SIMP]),
        ("title:elsi", &[UA_TRAD, RU_SIMP]),
        ("eluosi -wkl", &[RU_SIMP]),
        ("nanmind", &[UA_SIMP]),
        ("nmdd", &[UA_SIMP]),
        ("nmddx", &[]),
    ]);
}

#[test]
fn pinyin_matches_start_at_a_syllable() {
    let lib = Lib::new();
    lib.add("p/a.md", "title: '上海新闻'\n", "<p>x</p>").add("p/b.md", "title: '俄罗斯'\n", "<p>x</p>");
    lib.check(&[("ai", &[]), ("os", &[]), ("hai", &["上海新闻"]), ("luosi", &["俄罗斯"])]);
}

#[test]
fn pinyin_while_typing_and_with_zh_ch_sh() {
    let lib = Lib::new();
    for title in ["中国银行", "重庆火锅", "上海新闻", "长城脚下"] {
        lib.add(&format!("p/{title}.md"), &format!("title: '{title}'\n"), "<p>x</p>");
    }
    let typing: Vec<(String, Vec<String>)> = ["z", "zh", "zho", "zhon", "zhong", "zhongg", "zhonggu", "zhongguo"]
        .iter()
        .map(|t| (t.to_string(), lib.titles(t)))
        .collect();
    for (typed, found) in &typing {
        assert!(found.contains(&"中国银行".to_owned()), "{typed}: {found:?}");
    }
    lib.check(&[
        ("zhg", &["中国银行"]),
        ("zgyh", &["中国银行"]),
        ("zhongguoyh", &["中国银行"]),
        ("chq", &["重庆火锅"]),
        ("cqhg", &["重庆火锅"]),
        ("shhxw", &["上海新闻"]),
        ("chch", &["长城脚下"]),
        ("changc", &["长城脚下"]),
        ("hx", &["上海新闻"]),
        ("angh", &[]),
    ]);
}

const KUBE: &str = "Kubernetes in Production";
const PERIOD: &str = "A Period Piece";
const PROD: &str = "Prod";
const PRODUCTION: &str = "Production Notes";
const PARDON: &str = "Pardon the Noise";

/// Titles for fuzzy matching and ranking, oldest first.
fn fuzzy_library() -> Lib {
    let lib = library();
    for (day, title) in [KUBE, PERIOD, PROD, PRODUCTION, PARDON].into_iter().enumerate() {
        lib.add(&format!("fuzzy/{day}.md"), &format!("title: '{title}'\ndate: 2018-01-0{}\n", day + 1), "<p>x</p>");
    }
    lib
}

#[test]
fn titles_match_fuzzily_from_a_word_start() {
    fuzzy_library().check(&[
        ("kbrnts", &[KUBE]),
        ("KBRNTS", &[KUBE]),
        ("kubernets", &[KUBE]),
        ("prdctn", &[KUBE, PRODUCTION]),
        ("title:kbrnts", &[KUBE]),
        ("kbrnts in:fuzzy", &[KUBE]),
        ("kbrnts in:tech", &[]),
        ("lghths", &[QUIET, NOTES]),
        ("lghths kpr", &[QUIET]),
        ("mntnc", &[NOTES]),
        // Not from the start of a word, not in order, not close, too short.
        ("brnts", &[]),
        ("kbrntsx", &[]),
        ("ksbr", &[]),
        ("kb", &[]),
        // Only Latin letters and digits match fuzzily.
        ("k-b-r", &[]),
        // `-word` removes what holds the word, not what matches fuzzily.
        ("in:fuzzy -kbrnts", &[KUBE, PERIOD, PROD, PRODUCTION, PARDON]),
        ("in:fuzzy -kubernetes", &[PERIOD, PROD, PRODUCTION, PARDON]),
        ("author:kbrnts", &[]),
    ]);
}

#[test]
fn a_short_word_does_not_match_everything_fuzzily() {
    let lib = fuzzy_library();
    let all = lib.titles("").len();
    for word in ["ten", "ace", "rse", "oit", "qzx", "tne", "esn"] {
        let found = lib.titles(word);
        assert!(found.len() <= 2, "{word} found {} of {all}: {found:?}", found.len());
    }
}

#[test]
fn relevance_ranks_exact_prefix_holding_then_fuzzy() {
    let lib = fuzzy_library();
    let run = lib.list(&["--sort", "relevance", "--query", "prod"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = records(&run.stdout);
    assert_eq!(titles(&records), [PROD, PRODUCTION, KUBE, PERIOD]);
}

#[test]
fn has_image_sees_images_in_the_text_too() {
    let lib = Lib::new();
    lib.add("i/a.md", "title: 'Head image'\nheadimg: 'https://x.test/a.jpg'\n", "<p>text</p>")
        .add("i/b.md", "title: 'Inline image'\n", "<p>see <img src=\"https://x.test/b.png\"></p>")
        .add("i/c.md", "title: 'Markdown image'\n", "Text ![a cat](cat.jpg) here.\n")
        .add("i/d.md", "title: 'No image'\n", "<p>words about an imgur link</p>");
    lib.check(&[("has:image", &["Head image", "Inline image", "Markdown image"]), ("-has:image", &["No image"])]);
}
