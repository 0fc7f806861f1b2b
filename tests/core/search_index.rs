//! The body index against reading: over random bodies of Latin, CJK
//! (simplified and traditional), kana, full-width forms, combining marks,
//! compatibility characters, entities and markup, an article the index
//! rules out never passes `body_passes`, and one it says passes does.

use folio::Format;
use folio::document::BodyKind;
use folio::search::index::{BodyIndex, Doc, Stamp, Verdict};
use folio::search::{Clause, Query, Test, body_passes, body_text, fold, parse};
use proptest::prelude::*;
use std::path::Path;

const PIECES: &[&str] = &[
    "kube",
    "Kubernetes",
    "KUBE",
    "docker",
    "cafe",
    "e",
    "fi",
    "a",
    "x86",
    "Ｋｕｂｅ",
    "ｋ",
    "１２",
    "12",
    "乌克兰",
    "烏克蘭",
    "堂本光一",
    "與",
    "与",
    "数据",
    "數據",
    "中心",
    "ひらがな",
    "ヒラガナ",
    "ｶﾞｲﾄﾞ",
    "ガイド",
    "が",
    "\u{301}",
    "\u{308}",
    "e\u{301}",
    "é",
    "É",
    "㎏",
    "kg",
    "ﬁ",
    "Ⅻ",
    "xii",
    "①",
    "㍱",
    "hpa",
    "&#20044;",
    "&amp;",
    "&#769;",
    "&#x4e4c;",
    "&#13199;",
    "&#7",
    "69;",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    " ",
    "  ",
    "\n",
    "<!-- kube -->",
    "<span class=\"kube\">",
    "</span>",
    "<script>kube</script>",
    "，",
    "-",
    ".",
    "*",
    "ß",
    "İ",
    "K",
    "Ä",
    "&#x301;",
    "\\&#769;",
    "`kube`",
    "[kube](http://x.test/kube)",
    "_e_",
    "\u{338}",
    "=",
    "ｋｇ",
    "㋿",
    "ẞ",
    "ﬀ",
    "ǅ",
    "ﾞ",
    "\u{3099}",
    "か",
    "㌀",
    "&#12354;",
    "&lt;",
    "&nbsp;",
];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(vec![Format::Markdown, Format::Html, Format::Text])
}

fn write_doc(dir: &Path, i: usize, body: &str, format: Format) -> Doc {
    let extension = match format {
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Text => "txt",
    };
    let path = dir.join(format!("a{i}.{extension}"));
    std::fs::write(&path, format!("---\ntitle: t\n---\n{body}")).expect("writes");
    // A minute back: files changed in the last seconds are not indexed.
    let file = std::fs::File::options().append(true).open(&path).expect("opens");
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60)).expect("dates");
    Doc {
        key: path.as_os_str().as_encoded_bytes().into(),
        stamp: Stamp::of(&path).expect("stamps"),
        path,
        format,
        encoding: None,
    }
}

fn body_query(terms: &[(&str, bool)]) -> Query {
    Query {
        clauses: terms
            .iter()
            .map(|(term, negated)| Clause { negated: *negated, test: Test::Body((*term).to_owned()) })
            .collect(),
    }
}

/// A term: a window of a body's folded text (so that many match), or
/// pieces folded.
fn terms_for(bodies: &[(String, Format)], picks: &[(usize, usize, usize)], extra: &[String]) -> Vec<String> {
    let mut terms: Vec<String> = extra.iter().map(|t| fold(t)).filter(|t| !t.is_empty()).collect();
    for &(which, start, len) in picks {
        let (body, format) = &bodies[which % bodies.len()];
        let text: Vec<char> = body_text(body, BodyKind::of(*format, body)).chars().collect();
        if text.is_empty() {
            continue;
        }
        let start = start % text.len();
        let end = (start + 1 + len).min(text.len());
        terms.push(text[start..end].iter().collect());
        // And a piece of a run of ASCII letters in the raw body, as the
        // light fold sees them (`cafe` of `cafe\u{301}`).
        let runs: Vec<&str> = body.split(|c: char| !c.is_ascii_alphanumeric()).filter(|r| r.len() >= 2).collect();
        if let Some(run) = runs.get(start % runs.len().max(1)) {
            let run = run.to_ascii_lowercase();
            let from = len % run.len();
            terms.push(run[from.min(run.len() - 2)..].to_owned());
        }
    }
    terms
}

fn check(index: &BodyIndex, docs: &[Doc], bodies: &[(String, Format)], query: &Query) -> Result<(), TestCaseError> {
    let verdicts = index.verdicts(query, docs);
    let may = index.may_match(query, docs);
    for ((verdict, may), (body, format)) in verdicts.iter().zip(may).zip(bodies) {
        let passes = body_passes(query, body, BodyKind::of(*format, body));
        prop_assert_eq!(may, *verdict != Verdict::No);
        match verdict {
            Verdict::No => prop_assert!(!passes, "{:?} ruled out {:?} ({:?})", query, body, format),
            Verdict::Yes => prop_assert!(passes, "{:?} claimed {:?} ({:?})", query, body, format),
            Verdict::Maybe => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::common::persisted(160, concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/tests/core/search_index.txt")))]

    #[test]
    fn the_index_never_drops_a_match(
        bodies in prop::collection::vec((body(), format()), 1..5),
        picks in prop::collection::vec((0..5usize, 0..400usize, 0..6usize), 1..5),
        extra in prop::collection::vec(prop::sample::select(PIECES).prop_map(str::to_owned), 0..3),
        negate in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let docs: Vec<Doc> =
            bodies.iter().enumerate().map(|(i, (body, format))| write_doc(dir.path(), i, body, *format)).collect();
        let index = BodyIndex::build(&docs, 2);
        let terms = terms_for(&bodies, &picks, &extra);
        for term in &terms {
            check(&index, &docs, &bodies, &body_query(&[(term, false)]))?;
        }
        for pair in terms.windows(2) {
            check(&index, &docs, &bodies, &body_query(&[(&pair[0], false), (&pair[1], negate)]))?;
        }
        // The same after a round trip through the file.
        index.save(dir.path(), "p").expect("saves");
        let opened = BodyIndex::open(dir.path(), "p").expect("opens");
        for term in &terms {
            check(&opened, &docs, &bodies, &body_query(&[(term, false)]))?;
        }
    }
}

#[test]
fn parsed_queries_fold_like_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bodies = [
        ("<p>ＫＵＢＥＲＮＥＴＥＳ 與堂本光一</p>", Format::Html),
        ("<p>cafe\u{301} and ㎏</p>", Format::Html),
        ("ガイド ｶﾞｲﾄﾞ ひらがな", Format::Text),
        ("<p>nothing</p>", Format::Markdown),
    ];
    let docs: Vec<Doc> =
        bodies.iter().enumerate().map(|(i, (body, format))| write_doc(dir.path(), i, body, *format)).collect();
    let owned: Vec<(String, Format)> = bodies.iter().map(|(b, f)| ((*b).to_owned(), *f)).collect();
    let index = BodyIndex::build(&docs, 2);
    for text in [
        "body:Kubernetes",
        "body:与堂本光一",
        "body:cafe",
        "body:café",
        "body:kg",
        "body:がいど",
        "body:ヒラガナ",
        "body:\"kubernetes 与\"",
        "body:kubernetes -body:cafe",
    ] {
        let query = parse(text).expect("parses");
        check(&index, &docs, &owned, &query).expect(text);
    }
    let kube = index.verdicts(&parse("body:kubernetes").expect("parses"), &docs);
    assert_eq!(kube, [Verdict::Yes, Verdict::No, Verdict::No, Verdict::No]);
    // Composed letters and `㎏`: the light and full folds differ, so maybe.
    let cafe = index.verdicts(&parse("body:cafe").expect("parses"), &docs);
    assert_eq!(cafe, [Verdict::No, Verdict::Maybe, Verdict::No, Verdict::No]);
    let guide = index.may_match(&parse("body:がいど").expect("parses"), &docs);
    assert_eq!(guide, [false, false, true, false]);
}
