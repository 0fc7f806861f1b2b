//! Bodies: HTML (paragraphs, headings, figures, links, lists, code), `<br><br>` text or plain lines, by the
//! source's style.

use std::fmt::Write as _;

use super::date::MONTHS;
use super::rng::Rng;
use super::words::{Lang, Source, Style, Words};

pub(super) fn make_body(
    rng: &mut Rng,
    w: &Words,
    source: &Source,
    target: usize,
    out: &mut String,
    first_image: &mut String,
) {
    match source.style {
        Style::Html => html_body(rng, w, source, target, out, first_image),
        Style::Br => br_body(rng, w, source, target, out),
        Style::Plain => plain_body(rng, w, source, target, out),
    }
}

fn html_body(rng: &mut Rng, w: &Words, source: &Source, target: usize, out: &mut String, first_image: &mut String) {
    let sep = source.sep.as_str();
    if rng.percent(45) {
        figure(rng, w, source, out, first_image);
        out.push_str(sep);
    }
    while out.len() < target {
        match rng.below(100) {
            0..=63 => {
                let class = if rng.percent(10) { " style=\"text-align: left;\"" } else { "" };
                let _ = write!(out, "<p{class}>");
                paragraph(rng, w, source, out, true);
                out.push_str("</p>");
            }
            64..=71 => {
                let level = [3, 3, 3, 2, 4][rng.below(5)];
                let _ = write!(out, "<h{level}>");
                heading(rng, w, source.lang, out);
                let _ = write!(out, "</h{level}>");
            }
            72..=80 => figure(rng, w, source, out, first_image),
            81..=84 => {
                out.push_str("<blockquote>\n<p>");
                paragraph(rng, w, source, out, false);
                out.push_str("</p>\n</blockquote>");
            }
            85..=88 => {
                let list = if rng.percent(70) { "ul" } else { "ol" };
                let _ = write!(out, "<{list}>");
                for _ in 0..rng.range(2, 6) {
                    out.push_str("<li>");
                    sentence(rng, w, source.lang, out);
                    out.push_str("</li>");
                }
                let _ = write!(out, "</{list}>");
            }
            89..=90 => {
                out.push_str("<pre><code>");
                out.push_str(rng.pick(&w.code));
                out.push_str("</code></pre>");
            }
            91..=92 => {
                out.push_str("<p>");
                sentence(rng, w, source.lang, out);
                out.push_str(rng.pick(&w.inline_braces));
                sentence(rng, w, source.lang, out);
                out.push_str("</p>");
            }
            93..=94 => {
                out.push_str("<p><strong>");
                sentence(rng, w, source.lang, out);
                out.push_str("</strong>");
                paragraph(rng, w, source, out, false);
                out.push_str("</p>");
            }
            _ => {
                out.push_str("<p>");
                sentence(rng, w, source.lang, out);
                out.push_str("<br>\n");
                sentence(rng, w, source.lang, out);
                out.push_str("</p>");
            }
        }
        out.push_str(sep);
    }
}

/// Paul Graham style: hard-wrapped text, `<br><br>` between paragraphs.
fn br_body(rng: &mut Rng, w: &Words, source: &Source, target: usize, out: &mut String) {
    let _ = write!(out, "{} {}<br><br>", MONTHS[rng.below(12)], rng.range(2005, 2024));
    while out.len() < target {
        let mut line_start = out.len();
        for _ in 0..rng.range(2, 7) {
            sentence(rng, w, source.lang, out);
            out.push(' ');
            if out.len() - line_start > 60 {
                out.pop();
                out.push('\n');
                line_start = out.len();
            }
        }
        while out.ends_with(' ') || out.ends_with('\n') {
            out.pop();
        }
        out.push_str("<br><br>");
    }
}

/// Event-listing style: plain lines with raw newlines.
fn plain_body(rng: &mut Rng, w: &Words, source: &Source, target: usize, out: &mut String) {
    out.push_str("イベント ");
    heading(rng, w, source.lang, out);
    let _ = write!(
        out,
        "\n開催場所 {}\n開場 2022-{:02}-{:02} 17:00\n開演 2022-06-12 18:00\n終演 2022-06-12 21:21\n",
        rng.pick(&w.ja),
        rng.range(1, 12),
        rng.range(1, 28)
    );
    while out.len() < target {
        sentence(rng, w, source.lang, out);
        out.push('\n');
    }
}

fn figure(rng: &mut Rng, w: &Words, source: &Source, out: &mut String, first_image: &mut String) {
    let start = out.len();
    image_url(rng, source, out);
    let url_end = out.len();
    if first_image.is_empty() {
        first_image.push_str(&out[start..url_end]);
    }
    let url = out.split_off(start);
    match rng.below(4) {
        0 => {
            let _ =
                write!(out, "<figure class=\"wp-block-image\"><img src=\"{url}\" alt referrerpolicy=\"no-referrer\">(");
            out.push_str(rng.pick(&w.zh));
            out.push_str(")</figure>");
        }
        1 => {
            let _ = write!(out, "<figure><img src=\"{url}\" referrerpolicy=\"no-referrer\"><figcaption>");
            heading(rng, w, source.lang, out);
            out.push_str("</figcaption></figure>");
        }
        2 => {
            let _ = write!(
                out,
                "<p class=\"image-wrapper\"><img data-img-size-val=\"700,394\" src=\"{url}\" referrerpolicy=\"no-referrer\"></p>"
            );
        }
        _ => {
            let _ = write!(out, "<img src=\"{url}\" referrerpolicy=\"no-referrer\">");
        }
    }
}

fn image_url(rng: &mut Rng, source: &Source, out: &mut String) {
    let (y, m) = (rng.range(2019, 2024), rng.range(1, 12));
    let hash = rng.next();
    match rng.below(3) {
        0 => {
            let _ = write!(
                out,
                "https://{}/wp-content/uploads/{y}/{m:02}/image-{}-{}.jpg?w=770&resize=770%2C433",
                source.host,
                rng.below(9),
                rng.below(40)
            );
        }
        1 => {
            let _ = write!(out, "https://img.{}/{y}{m:02}{:02}/v2_{hash:016x}_img_jpg", source.host, rng.range(1, 28));
        }
        _ => {
            let _ = write!(
                out,
                "https://static.{}/thumb/article/{y}/{m:02}{:02}/{:015x}.png",
                source.host,
                rng.range(1, 28),
                hash >> 4
            );
        }
    }
}

fn heading(rng: &mut Rng, w: &Words, lang: Lang, out: &mut String) {
    let words = w.for_lang(lang);
    for _ in 0..rng.range(2, 4) {
        out.push_str(rng.pick(words));
        if lang == Lang::En {
            out.push(' ');
        }
    }
    if lang == Lang::En {
        out.pop();
    }
}

fn paragraph(rng: &mut Rng, w: &Words, source: &Source, out: &mut String, links: bool) {
    if source.lang == Lang::Tw && rng.percent(30) {
        out.push_str("\u{3000}\u{3000}");
    }
    for _ in 0..rng.range(1, 5) {
        if links && rng.percent(8) {
            let _ = write!(
                out,
                "<a href=\"https://{}/{}/{:02}/{:x}.html\" target=\"_blank\">",
                source.host,
                rng.range(2019, 2024),
                rng.range(1, 12),
                rng.next() >> 40
            );
            heading(rng, w, source.lang, out);
            out.push_str("</a>");
        }
        sentence(rng, w, source.lang, out);
    }
}

fn sentence(rng: &mut Rng, w: &Words, lang: Lang, out: &mut String) {
    match lang {
        Lang::En => {
            out.push_str(rng.pick(&w.en_start));
            for _ in 0..rng.range(6, 22) {
                out.push(' ');
                if rng.percent(4) {
                    out.push_str(rng.pick(&w.latin));
                } else {
                    out.push_str(rng.pick(&w.en));
                }
                if rng.percent(6) {
                    out.push(',');
                }
            }
            if out.ends_with(',') {
                out.pop();
            }
            out.push_str(if rng.percent(95) { ". " } else { "? " });
        }
        Lang::Ja => {
            for _ in 0..rng.range(3, 9) {
                out.push_str(rng.pick(&w.ja));
                out.push_str(rng.pick(&w.ja_particles));
                if rng.percent(15) {
                    out.push('、');
                }
            }
            out.push_str(rng.pick(&w.ja_endings));
        }
        Lang::Zh | Lang::Tw | Lang::Mixed => {
            let words = w.cjk(lang);
            let latin = if lang == Lang::Mixed { 20 } else { 3 };
            for i in 0..rng.range(6, 20) {
                if rng.percent(latin) {
                    let spaced = rng.percent(60);
                    if spaced {
                        out.push(' ');
                    }
                    out.push_str(rng.pick(&w.latin));
                    if spaced {
                        out.push(' ');
                    }
                } else if rng.percent(3) {
                    let _ = write!(out, " {} ", rng.range(2, 2024));
                }
                out.push_str(rng.pick(words));
                if i > 2 && rng.percent(12) {
                    out.push_str(if lang == Lang::Tw {
                        "，"
                    } else {
                        rng.pick(&["，", "，", "，", "、", "——"])
                    });
                }
            }
            out.push_str(rng.pick(&["。", "。", "。", "。", "。", "！", "？", "。”"]));
        }
    }
}
