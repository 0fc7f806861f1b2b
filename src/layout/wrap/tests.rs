//! Exact cases for each break rule.

use super::*;

fn wrapped(text: &str, width: usize) -> Vec<String> {
    wrap(&Text::plain(text), width)
        .into_iter()
        .map(|line| line.spans.iter().map(|s| s.text.as_str()).collect())
        .collect()
}

#[test]
fn cjk_breaks_anywhere_but_not_before_closing_punctuation() {
    assert_eq!(wrapped("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
    // `，` may not start a line: `文` is carried over with it.
    assert_eq!(wrapped("中文中文，中文", 8), ["中文中", "文，中文"]);
    assert_eq!(wrapped("ちょっと待って", 4), ["ちょ", "っと", "待っ", "て"]);
}

#[test]
fn opening_punctuation_does_not_end_a_line() {
    assert_eq!(wrapped("中文中「引用」", 8), ["中文中", "「引用」"]);
}

#[test]
fn latin_words_are_not_split() {
    assert_eq!(wrapped("Joe Biden met Vladimir Putin", 10), ["Joe Biden", "met", "Vladimir", "Putin"]);
    assert_eq!(wrapped("美国总统乔·拜登（Joe Biden）说", 12), ["美国总统乔·", "拜登（Joe", "Biden）说"]);
}

#[test]
fn words_longer_than_the_line_are_hard_split() {
    assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    let url = wrapped("x https://example.org/a/very/long/path", 12);
    assert!(url.iter().all(|l| l.len() <= 12), "{url:?}");
}

#[test]
fn forced_breaks_and_positions() {
    let lines = wrap(&Text::plain("ab cd\nef"), 3);
    let starts: Vec<usize> = lines.iter().map(|l| l.start).collect();
    assert_eq!(starts, [0, 3, 6]);
}

#[test]
fn emoji_with_variation_selector_counts_two() {
    assert_eq!(wrapped("❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}", 4), ["❤\u{fe0f}❤\u{fe0f}", "❤\u{fe0f}"]);
}

#[test]
fn narrower_than_a_character() {
    assert_eq!(wrapped("中a", 1), ["?", "a"]);
}

#[test]
fn closing_punctuation_after_a_long_word_is_carried_with_it() {
    for (text, width) in [
        ("（Interpretability）、公平性", 20),
        ("abcdefghijklmnopqrs）」中", 20),
        ("中中中中中中中中（Interpretability）。中", 21),
    ] {
        let lines = wrapped(text, width);
        for line in &lines[1..] {
            assert!(!line.starts_with(no_start), "{text} at {width}: {lines:?}");
        }
    }
}

#[test]
fn curly_quotes_next_to_cjk_may_break() {
    // `号“NO.…”` need not move whole: the line may end before `“`.
    assert_eq!(wrapped("订单号“NO.11089999”已创建", 14), ["订单号", "“NO.11089999”", "已创建"]);
    assert_eq!(wrapped("他说“好”然后走了", 8), ["他说“好”", "然后走了"]);
}

#[test]
fn an_en_dash_may_start_a_line() {
    assert_eq!(wrapped("open today – closed", 11), ["open today", "– closed"]);
}

#[test]
fn more_spaces_than_a_unit_counts_keep_every_start_exact() {
    // 40,000 spaces after a word: more than a unit keeps; the next word
    // still starts where it is, and so do positions after it.
    let text = format!("ab{}cd ef\ngh", " ".repeat(40_000));
    let lines = wrap(&Text::plain(&text), 5);
    let shown: Vec<(String, usize)> =
        lines.iter().map(|l| (l.spans.iter().map(|s| s.text.as_str()).collect(), l.start)).collect();
    assert_eq!(shown, [("ab".to_owned(), 0), ("cd ef".to_owned(), 40_002), ("gh".to_owned(), 40_008)]);
}

#[test]
fn a_unit_is_eight_bytes() {
    assert_eq!(std::mem::size_of::<Unit>(), 8);
}
