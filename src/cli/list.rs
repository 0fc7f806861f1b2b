//! `folio list` output: aligned columns cut to the terminal, or JSON Lines.

use crate::library::Library;
use crate::model::{Article, ExtraValue};
use crate::width::{fit, truncate, width};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::Arc;

/// The widest the author column gets.
const AUTHOR_MAX: usize = 24;
/// Titles are padded to at most this many columns when the output has no width.
const TITLE_PAD_MAX: usize = 80;

/// Date, title and author in aligned columns, cut to the terminal width by
/// display width (not cut when the output is no terminal and `COLUMNS` is unset).
pub fn write_columns(library: &Library) -> io::Result<()> {
    let out = io::stdout();
    let total = super::output_width(out.is_terminal());
    let mut out = BufWriter::new(out.lock());
    let articles = &library.articles;
    let author_width = widest(articles.iter().filter_map(|a| a.author.as_deref()), AUTHOR_MAX);
    let widest_title = widest(articles.iter().map(|a| &*a.title), total.unwrap_or(TITLE_PAD_MAX));
    let layout = ColumnWidths::new(total, author_width, widest_title);
    for article in &library.articles {
        layout.write_line(&mut out, article)?;
    }
    out.flush()
}

/// The widest of `texts` in columns, at most `cap` (the scan stops there).
fn widest<'a>(texts: impl Iterator<Item = &'a str>, cap: usize) -> usize {
    let mut widest = 0;
    for text in texts {
        widest = widest.max(width(text));
        if widest >= cap {
            return cap;
        }
    }
    widest
}

/// Column widths for one listing.
struct ColumnWidths {
    /// The date column is shown (dropped when the terminal is very narrow).
    date: bool,
    title: usize,
    author: usize,
    /// The title is cut to `title` columns (a width was known).
    cut: bool,
}

const DATE: usize = 10;
const GAP: usize = 2;

impl ColumnWidths {
    fn new(total: Option<usize>, author: usize, widest_title: usize) -> ColumnWidths {
        match total {
            None => ColumnWidths { date: true, title: widest_title.min(TITLE_PAD_MAX), author, cut: false },
            // Too narrow for a date and a useful title: the title alone.
            Some(total) if total < DATE + GAP + 10 => ColumnWidths { date: false, title: total, author: 0, cut: true },
            Some(total) => {
                let room = total.saturating_sub(DATE + GAP);
                let widest_author = author;
                let author = author.min(room / 4);
                let with_author = room.saturating_sub(GAP + author);
                // An author cut to a stub says nothing: give its room to the title.
                let stub = author < widest_author.min(6);
                // The author stands right after the widest title, not at the far edge.
                if author == 0 || stub || with_author < 10 {
                    ColumnWidths { date: true, title: room, author: 0, cut: true }
                } else {
                    ColumnWidths { date: true, title: with_author.min(widest_title.max(10)), author, cut: true }
                }
            }
        }
    }

    fn write_line(&self, out: &mut impl Write, article: &Article) -> io::Result<()> {
        if self.date {
            match article.date {
                Some(date) => out.write_all(&iso_day(date))?,
                None => pad(out, DATE)?,
            }
            pad(out, GAP)?;
        }
        // Titles and authors hold no control characters: the loader removed them.
        let title = &*article.title;
        let author = article.author.as_deref().unwrap_or_default();
        let title_width = width(title);
        if self.author == 0 || author.is_empty() {
            return if self.cut && title_width > self.title {
                writeln!(out, "{}", truncate(title, self.title))
            } else {
                writeln!(out, "{title}")
            };
        }
        if title_width <= self.title {
            out.write_all(title.as_bytes())?;
            pad(out, self.title - title_width)?;
        } else if self.cut {
            out.write_all(fit(title, self.title).as_bytes())?;
        } else {
            out.write_all(title.as_bytes())?;
        }
        pad(out, GAP)?;
        if width(author) <= self.author {
            writeln!(out, "{author}")
        } else {
            writeln!(out, "{}", truncate(author, self.author))
        }
    }
}

/// `YYYY-MM-DD` of `date` in UTC.
fn iso_day(date: jiff::Timestamp) -> [u8; DATE] {
    let day = jiff::tz::Offset::UTC.to_datetime(date).date();
    let mut out = *b"0000-00-00";
    let year = day.year().clamp(0, 9999) as u16;
    for (i, digit) in [year / 1000, year / 100 % 10, year / 10 % 10, year % 10].into_iter().enumerate() {
        out[i] = b'0' + digit as u8;
    }
    let (month, dom) = (day.month() as u8, day.day() as u8);
    out[5] = b'0' + month / 10;
    out[6] = b'0' + month % 10;
    out[8] = b'0' + dom / 10;
    out[9] = b'0' + dom % 10;
    out
}

/// Writes `count` spaces.
fn pad(out: &mut impl Write, mut count: usize) -> io::Result<()> {
    const SPACES: [u8; 64] = [b' '; 64];
    while count > 0 {
        let now = count.min(SPACES.len());
        out.write_all(&SPACES[..now])?;
        count -= now;
    }
    Ok(())
}

/// One article as a JSON Lines object.
#[derive(Serialize)]
struct JsonArticle<'a> {
    path: String,
    title: &'a str,
    /// RFC 3339 in UTC.
    date: Option<String>,
    author: Option<&'a str>,
    categories: &'a [Arc<str>],
    tags: &'a [Arc<str>],
    group: &'a str,
    images: &'a [Arc<str>],
    link: Option<&'a str>,
    /// `description`, `summary` or `excerpt`.
    summary: Option<&'a str>,
    draft: bool,
    warnings: &'a [Box<str>],
    /// Front-matter keys folio does not use, with their types.
    extra: BTreeMap<&'a str, serde_json::Value>,
}

/// Writes serialized JSON with DEL and the C1 controls (U+0080–U+009F, which
/// some terminals obey) escaped as `\u00XX`, as serde_json does only for C0.
/// They can only occur inside strings, so the JSON keeps its meaning.
fn write_escaping_c1(out: &mut impl Write, json: &[u8]) -> io::Result<()> {
    let mut start = 0;
    let mut i = 0;
    while i < json.len() {
        let escaped = match (json[i], json.get(i + 1)) {
            (0x7f, _) => Some((0x7f, 1)),
            (0xc2, Some(&next)) if (0x80..=0x9f).contains(&next) => Some((next, 2)),
            _ => None,
        };
        match escaped {
            Some((code, len)) => {
                out.write_all(&json[start..i])?;
                write!(out, "\\u{code:04x}")?;
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    out.write_all(&json[start..])
}

/// A front-matter value folio does not use, as JSON: text as a string,
/// anything else with its type.
fn extra_json(value: &ExtraValue) -> serde_json::Value {
    match value.json() {
        // Written by the loader; should it not read back, it is text.
        Some(json) => serde_json::from_str(json).unwrap_or_else(|_| json.into()),
        None => value.stored().into(),
    }
}

/// JSON Lines, one object per article, in list order.
pub fn write_json(library: &Library) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut line = Vec::with_capacity(1024);
    for article in &library.articles {
        let record = JsonArticle {
            path: article.path().to_string_lossy().into_owned(),
            title: &article.title,
            date: article.date.map(|d| d.to_string()),
            author: article.author.as_deref(),
            categories: &article.categories,
            tags: &article.tags,
            group: &article.group,
            images: &article.images,
            link: article.link.as_deref(),
            summary: article.summary.as_deref(),
            draft: article.draft,
            warnings: &article.warnings,
            extra: article.extra.iter().map(|(key, value)| (&**key, extra_json(value))).collect(),
        };
        line.clear();
        serde_json::to_writer(&mut line, &record)?;
        write_escaping_c1(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_iso_in_utc() {
        let day = |text: &str| iso_day(text.parse().expect("timestamp")).to_vec();
        assert_eq!(day("2021-12-30T23:59:59-01:00"), b"2021-12-31");
        assert_eq!(day("0987-03-04T00:00:00Z"), b"0987-03-04");
    }

    #[test]
    fn c1_and_del_are_escaped_in_json() {
        let json = serde_json::to_vec(&"a\u{9b}2J\u{7f}é\u{85}中").expect("serialize");
        let mut out = Vec::new();
        write_escaping_c1(&mut out, &json).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text, "\"a\\u009b2J\\u007fé\\u0085中\"");
        let back: String = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, "a\u{9b}2J\u{7f}é\u{85}中");
    }
}
