//! Table-driven tests of the query parser.

use super::*;

fn ts(text: &str) -> Timestamp {
    text.parse().expect("a timestamp")
}

fn one(text: &str) -> Clause {
    let query = parse(text).expect("parses");
    assert_eq!(query.clauses.len(), 1, "{text}");
    query.clauses[0].clone()
}

#[test]
fn clauses() {
    let cases: Vec<(&str, bool, Test)> = vec![
        ("乌克兰", false, Test::Anywhere("乌克兰".into())),
        ("烏克蘭", false, Test::Anywhere("乌克兰".into())),
        ("-Ukraine", true, Test::Anywhere("ukraine".into())),
        ("\"Far Out\"", false, Test::Anywhere("far out".into())),
        ("title:Grace", false, Test::Title("grace".into())),
        ("-author:半岛", true, Test::Author("半岛".into())),
        ("cat:新媒体", false, Test::Category("新媒体".into())),
        ("in:新媒体/Aljazeera/", false, Test::In("新媒体/aljazeera".into())),
        ("body:\"north atlantic\"", false, Test::Body("north atlantic".into())),
        ("is:draft", false, Test::Draft),
        ("-is:draft", true, Test::Draft),
        ("has:image", false, Test::HasImage),
        ("has:link", false, Test::HasLink),
        ("newer:7d", false, Test::Newer(7 * 86_400)),
        ("newer:2w", false, Test::Newer(14 * 86_400)),
        ("date:2021-12", false, Test::Dated { from: ts("2021-12-01T00:00:00Z"), to: ts("2022-01-01T00:00:00Z") }),
        ("date:2021", false, Test::Dated { from: ts("2021-01-01T00:00:00Z"), to: ts("2022-01-01T00:00:00Z") }),
        (
            "date:2021-12-01..2021-12-31",
            false,
            Test::Dated { from: ts("2021-12-01T00:00:00Z"), to: ts("2022-01-01T00:00:00Z") },
        ),
        ("after:2021-12-30", false, Test::Dated { from: ts("2021-12-30T00:00:00Z"), to: Timestamp::MAX }),
        ("before:2021-12-30", false, Test::Dated { from: Timestamp::MIN, to: ts("2021-12-31T00:00:00Z") }),
        ("12:30", false, Test::Anywhere("12:30".into())),
        ("https://a.test", false, Test::Anywhere("https://a.test".into())),
    ];
    for (text, negated, test) in cases {
        assert_eq!(one(text), Clause { negated, test }, "{text}");
    }
}

#[test]
fn several_clauses_and_spaces() {
    let query = parse("  日内瓦   -author:cnbeta  \"a b\"  ").expect("parses");
    assert_eq!(query.clauses.len(), 3);
    assert!(parse("").expect("empty").is_empty());
    assert!(parse("body:x").expect("body").needs_bodies());
}

#[test]
fn errors_say_what_is_wrong() {
    for (text, says) in [
        ("foo:bar", "unknown field `foo:`"),
        ("date:2021-13", "is not a date"),
        ("date:yesterday", "is not a date"),
        ("after:2021/12/01", "is not a date"),
        ("newer:7x", "newer:7x"),
        ("newer:-3d", "newer:-3d"),
        ("has:video", "has:video"),
        ("is:later", "is:unread, is:read, is:starred and is:draft"),
        ("title:", "needs a value"),
        ("\"open", "quote"),
    ] {
        let error = parse(text).expect_err(text);
        assert!(error.contains(says), "{text}: {error}");
    }
}

#[test]
fn is_reads_the_marks() {
    let marks = |text: &str, read, starred| parse(text).expect(text).passes_read_state(read, starred);
    assert!(marks("is:unread", false, false));
    assert!(!marks("is:unread", true, false));
    assert!(marks("is:read", true, false));
    assert!(!marks("-is:read", true, false));
    assert!(marks("is:starred", true, true));
    assert!(!marks("is:starred is:unread", true, true));
    assert!(marks("-is:starred", false, false));
    assert!(parse("is:UNREAD").expect("case").needs_read_state());
    assert!(!parse("has:image").expect("has").needs_read_state());
}
