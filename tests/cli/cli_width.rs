//! One width for every command: `COLUMNS` when set, else the terminal's,
//! else the command's default — `folio show` and `folio list` alike.

use crate::common::cli::folio_env;
use unicode_width::UnicodeWidthStr;

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn folio_show_follows_columns_like_folio_list() {
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/library/source/_posts/新媒体/Aljazeera 半岛网/新闻/normal-template-leading-blank-line.md"
    );
    let piped = folio_env(&["show", article], &[]);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    let at_80 = widest(&piped.stdout);
    assert!(at_80 <= 80 && at_80 > 50, "piped: laid out at 80 ({at_80})");
    let narrow = folio_env(&["show", article], &[("COLUMNS", "36")]);
    assert!(widest(&narrow.stdout) <= 36, "COLUMNS=36:\n{}", narrow.stdout);
    assert!(narrow.stdout.lines().count() > piped.stdout.lines().count(), "narrower means more lines");
    let given = folio_env(&["show", "--width", "50", article], &[("COLUMNS", "36")]);
    let at_50 = widest(&given.stdout);
    assert!(at_50 <= 50 && at_50 > 36, "--width wins over COLUMNS ({at_50})");
    let list =
        folio_env(&["list", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library")], &[("COLUMNS", "36")]);
    assert!(widest(&list.stdout) <= 36, "folio list cuts to COLUMNS too:\n{}", list.stdout);
}
