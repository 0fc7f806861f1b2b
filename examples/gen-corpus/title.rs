//! Titles: Chinese, Traditional Chinese, Japanese, English or mixed, cleaned like the archive cleans them and made
//! unique by the article's number.

use std::fmt::Write as _;

use super::rng::Rng;
use super::words::{Lang, Words};

pub(super) fn make_title(rng: &mut Rng, w: &Words, lang: Lang, index: usize, out: &mut String) {
    // Raw title (before the archive's character cleaning), under ~180 bytes
    // so that title + number + `.md` stays below the 255-byte name limit.
    let mut raw = String::with_capacity(200);
    match lang {
        Lang::Zh | Lang::Tw | Lang::Mixed => cjk_title(rng, w, lang, &mut raw),
        Lang::Ja => ja_title(rng, w, &mut raw),
        Lang::En => en_title(rng, w, &mut raw),
    }
    if rng.below(200) == 0 {
        raw.push_str(" JSON &#123;\"id\":1&#125;");
    }
    if rng.below(100) == 0 {
        raw.insert_str(0, "_AC_&nbsp;");
    }
    // A title holding both quote kinds would be invalid YAML; the archive
    // can write that, but this corpus is meant to load cleanly.
    if raw.contains('\'') {
        raw.retain(|c| c != '"');
    }
    raw.truncate(raw.trim_end().len());
    // The number that makes every title unique: each form ends in a way no
    // other form and no word does, so the title determines the index.
    match rng.below(5) {
        0 => {
            let _ = write!(raw, " #{index}");
        }
        1 => {
            let _ = write!(raw, " ({index})");
        }
        2 if lang != Lang::En => {
            let _ = write!(raw, "（{index}）");
        }
        3 if lang == Lang::Zh || lang == Lang::Mixed => {
            let _ = write!(raw, " 第{index}期");
        }
        _ => {
            let _ = write!(raw, " No.{index}");
        }
    }
    for c in raw.chars() {
        out.push(match c {
            ':' | '/' | '\\' | '?' | '*' | '“' | '”' | '<' | '>' | '|' | '[' | ']' => '_',
            c => c,
        });
    }
}

const TITLE_MAX: usize = 150;

fn cjk_title(rng: &mut Rng, w: &Words, lang: Lang, raw: &mut String) {
    let words = w.cjk(lang);
    let r = rng.below(100);
    if r < 6 {
        raw.push_str(rng.pick(&w.title_tags));
    } else if r < 9 {
        raw.push_str("[AC] ");
    }
    let parts = rng.range(3, 8);
    for i in 0..parts {
        if raw.len() > TITLE_MAX {
            break;
        }
        let word = rng.pick(words);
        match rng.below(60) {
            0 | 1 => {
                raw.push('“');
                raw.push_str(word);
                raw.push('”');
            }
            3 => {
                raw.push('"');
                raw.push_str(word);
                raw.push('"');
            }
            4 | 5 => {
                raw.push('「');
                raw.push_str(word);
                raw.push('」');
            }
            _ => raw.push_str(word),
        }
        if (lang == Lang::Mixed && rng.percent(35)) || rng.percent(6) {
            if rng.percent(50) {
                raw.push(' ');
            }
            raw.push_str(rng.pick(&w.latin));
            if rng.percent(50) {
                raw.push(' ');
            }
        }
        if i + 1 < parts {
            match rng.below(30) {
                0 => raw.push('：'),
                1 => raw.push(':'),
                2 => raw.push('，'),
                3 | 4 => raw.push(' '),
                5 => raw.push_str(" | "),
                6 => raw.push('｜'),
                _ => {}
            }
        }
    }
    match rng.below(40) {
        0 => raw.push('？'),
        1 => raw.push('?'),
        2 => raw.push('！'),
        _ => {}
    }
}

fn ja_title(rng: &mut Rng, w: &Words, raw: &mut String) {
    let (open, close) = [("「", "」"), ("『", "』"), ("【", "】"), ("", "")][rng.below(4)];
    raw.push_str(open);
    let parts = rng.range(2, 6);
    for i in 0..parts {
        if raw.len() > TITLE_MAX {
            break;
        }
        raw.push_str(rng.pick(&w.ja));
        if i + 1 < parts && rng.percent(60) {
            raw.push_str(rng.pick(&w.ja_particles));
        }
    }
    raw.push_str(close);
    match rng.below(10) {
        0 => {
            raw.push('｜');
            raw.push_str(rng.pick(&w.latin));
            raw.push('｜');
            raw.push_str(rng.pick(&w.zh));
        }
        1 => raw.push_str("【夜の部】"),
        2 => raw.push_str(" / 第2期"),
        3 => raw.push_str(" [Blu-ray]"),
        _ => {}
    }
}

fn en_title(rng: &mut Rng, w: &Words, raw: &mut String) {
    raw.push_str(rng.pick(&w.en_title));
    let words = rng.range(3, 11);
    for i in 0..words {
        if raw.len() > TITLE_MAX {
            break;
        }
        raw.push(' ');
        match rng.below(25) {
            0 => {
                raw.push('‘');
                raw.push_str(rng.pick(&w.en_title));
                raw.push_str(" Act’");
            }
            1 => raw.push_str("One's"),
            2 if i > 0 => raw.push_str("Isn't"),
            3 => raw.push_str(rng.pick(&w.latin)),
            _ => raw.push_str(rng.pick(&w.en_title)),
        }
        if rng.below(30) == 0 {
            raw.push(':');
        }
    }
    match rng.below(20) {
        0 => raw.push_str(" [U]"),
        1 => raw.push('?'),
        2 => raw.push_str(" <video>"),
        3 => raw.push_str(" *updated*"),
        _ => {}
    }
}
