//! List order and groups through the library API: newest first with
//! undated articles last, sorting by date, title, author and path in both
//! directions, ties, the date forms of other archives, and groups relative
//! to the library root.

use crate::common::*;
use folio::SortOrder;
use folio::library::load;
use folio::text::compare_titles;
use std::path::Path;

#[test]
fn load_is_newest_first_with_undated_last() {
    let library = load_fixtures();
    assert_eq!(&*library.articles[0].title, "Apple's \"Far Out\" keynote recap");
    assert_sorted_by(&library, "date", |a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => x >= y,
        (_, None) => true,
        (None, Some(_)) => false,
    });
    let undated = library.articles.iter().filter(|a| a.date.is_none()).count();
    assert_eq!(undated, 5);
}

#[test]
fn sort_by_date_reversed_is_oldest_first_with_undated_still_last() {
    let mut library = load_fixtures();
    library.sort(SortOrder::Date, true);
    assert_eq!(&*library.articles[0].title, "\u{2764}\u{fe0f} 心 مرحبا بالعالم 👍🏽 cafe\u{301}");
    assert_sorted_by(&library, "date reversed", |a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => x <= y,
        (_, None) => true,
        (None, Some(_)) => false,
    });
}

#[test]
fn sort_by_title_both_directions() {
    let mut library = load_fixtures();
    library.sort(SortOrder::Title, false);
    // Punctuation weighs nothing and a space is lighter than a letter:
    // `A .txt` (a, space, t) before `_AC_` (a, c).
    assert_eq!(&*library.articles[0].title, "A heading in an .htm file");
    let at = |title: &str| library.articles.iter().position(|a| a.title.starts_with(title));
    assert!(at("A .txt file") < at("_AC_ SQUARE ENIX"));
    assert_sorted_by(&library, "title", |a, b| compare_titles(&a.title, &b.title).is_le());
    library.sort(SortOrder::Title, true);
    // Chinese titles last, by pinyin: 心 (xin), after the emoji, the last.
    assert_eq!(&*library.articles[0].title, "\u{2764}\u{fe0f} 心 مرحبا بالعالم 👍🏽 cafe\u{301}");
    assert_sorted_by(&library, "title reversed", |a, b| compare_titles(&a.title, &b.title).is_ge());
}

#[test]
fn sort_by_author_both_directions_without_author_last() {
    let mut library = load_fixtures();
    for reverse in [false, true] {
        library.sort(SortOrder::Author, reverse);
        assert_sorted_by(&library, "author", |a, b| match (&a.author, &b.author) {
            (Some(x), Some(y)) if reverse => lower(x) >= lower(y),
            (Some(x), Some(y)) => lower(x) <= lower(y),
            (_, None) => true,
            (None, Some(_)) => false,
        });
        let first = library.articles[0].author.as_deref();
        assert_eq!(first, Some(if reverse { "随笔集" } else { "9To5" }));
        assert_eq!(library.articles.last().and_then(|a| a.author.as_deref()), None);
    }
}

#[test]
fn sort_by_path_both_directions() {
    let mut library = load_fixtures();
    library.sort(SortOrder::Path, false);
    assert_sorted_by(&library, "path", |a, b| a.path() < b.path());
    assert_eq!(relative(&library.articles[0].path()), "encodings/big5.md");
    library.sort(SortOrder::Path, true);
    assert_sorted_by(&library, "path reversed", |a, b| a.path() > b.path());
    assert!(relative(&library.articles[0].path()).starts_with(POSTS));
}

#[test]
fn groups_are_relative_to_the_root_without_the_hexo_prefix() {
    let base = fixtures();
    let normal = "新媒体/Aljazeera 半岛网/新闻/normal-template-leading-blank-line.md";
    for root in [base.clone(), base.join("source"), base.join("source/_posts")] {
        let library = load(std::slice::from_ref(&root));
        let a = library.articles.iter().find(|a| a.path().ends_with(normal)).expect("found");
        assert_eq!(&*a.group, "新媒体/Aljazeera 半岛网/新闻", "root {}", root.display());
    }
    let library = load(&[base.join("source/_posts/新媒体")]);
    assert!(library.articles.iter().any(|a| &*a.group == "Aljazeera 半岛网/新闻"));
    let library = load(&[base.join("encodings")]);
    assert_eq!(library.articles.len(), 6);
    assert!(library.articles.iter().all(|a| a.group.is_empty()), "files at the root");
    let library = load(&[base.join(POSTS).join(normal)]);
    assert_eq!(library.articles.len(), 1);
    assert_eq!(&*library.articles[0].group, "", "a file given directly");
}

fn write_article(dir: &Path, name: &str, title: &str, date: Option<&str>) {
    let date = date.map(|d| format!("date: {d}\n")).unwrap_or_default();
    std::fs::write(dir.join(name), format!("---\ntitle: '{title}'\n{date}---\nbody\n")).expect("write");
}

fn titles_and_names(library: &folio::Library) -> Vec<String> {
    library
        .articles
        .iter()
        .map(|a| format!("{} {}", a.title, a.path().file_name().expect("a file").to_string_lossy()))
        .collect()
}

#[test]
fn ties_are_broken_by_title_then_path_in_both_directions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let day = Some("2021-01-01 00:00:00");
    write_article(dir.path(), "b.md", "beta", day);
    write_article(dir.path(), "a.md", "alpha", day);
    write_article(dir.path(), "c.md", "Alpha", day);
    write_article(dir.path(), "y.md", "Same", day);
    write_article(dir.path(), "x.md", "Same", day);
    write_article(dir.path(), "new.md", "Zed", Some("2022-06-01"));
    write_article(dir.path(), "u1.md", "b undated", None);
    write_article(dir.path(), "u2.md", "A undated", None);
    let mut library = load(&[dir.path().to_owned()]);
    let ties = ["Alpha c.md", "alpha a.md", "beta b.md", "Same x.md", "Same y.md"];
    let undated = ["A undated u2.md", "b undated u1.md"];
    let newest_first: Vec<&str> = ["Zed new.md"].iter().chain(&ties).chain(&undated).copied().collect();
    assert_eq!(titles_and_names(&library), newest_first);
    library.sort(SortOrder::Date, true);
    let oldest_first: Vec<&str> = ties.iter().chain(&["Zed new.md"]).chain(&undated).copied().collect();
    assert_eq!(titles_and_names(&library), oldest_first);
}

#[test]
fn date_forms_of_other_archives_sort_by_their_instant() {
    let dir = tempfile::tempdir().expect("tempdir");
    let forms = [
        ("rfc2822-offset.md", "Mon, 27 Dec 2021 06:12:39 +0800", "2021-12-26T22:12:39Z"),
        ("rfc2822-est.md", "Thu, 30 Dec 2021 12:42:52 EST", "2021-12-30T17:42:52Z"),
        ("iso-basic-offset.md", "2021-12-27T06:12:39+0800", "2021-12-26T22:12:39Z"),
        ("yaml-short-zone.md", "2021-12-27 06:12:39 -5", "2021-12-27T11:12:39Z"),
        ("nanoseconds.md", "2021-12-27 06:12:39.123456789Z", "2021-12-27T06:12:39.123456789Z"),
        ("slashes.md", "2021/12/28 06:12", "2021-12-28T06:12:00Z"),
        ("bare.md", "2021-12-29", "2021-12-29T00:00:00Z"),
    ];
    for (name, raw, _) in forms {
        write_article(dir.path(), name, name, Some(raw));
    }
    let library = load(&[dir.path().to_owned()]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let got: Vec<(String, String)> =
        library.articles.iter().map(|a| (a.title.to_string(), date(a).unwrap_or_default())).collect();
    let mut want: Vec<(String, String)> =
        forms.iter().map(|(name, _, iso)| (name.to_string(), iso.to_string())).collect();
    want.sort_by(|a, b| b.1.parse::<jiff::Timestamp>().ok().cmp(&a.1.parse().ok()).then(a.0.cmp(&b.0)));
    assert_eq!(got, want);
}

#[test]
fn a_date_with_a_space_and_a_four_digit_offset_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_article(dir.path(), "jekyll.md", "Jekyll", Some("2021-12-27 06:12:39 +0800"));
    let library = load(&[dir.path().to_owned()]);
    assert_eq!(library.articles.len(), 1);
    assert_eq!(date(&library.articles[0]).as_deref(), Some("2021-12-26T22:12:39Z"));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
}
