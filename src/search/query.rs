//! The query language of `/` and `folio list --query`: space-separated
//! clauses that must all hold; `-` negates one; `"…"` is a phrase;
//! `field:value` looks in one place (`title:`, `author:`, `cat:`, `in:`,
//! `body:`, `date:`, `after:`, `before:`, `newer:`, `has:`, `is:`).

use super::fold::fold;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan, tz::TimeZone};

/// A parsed query: every clause must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub test: Test,
}

/// What one clause asks. Text is folded (see `fold`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// Title (also by pinyin), author, categories and tags, or folder.
    Anywhere(String),
    Title(String),
    Author(String),
    Category(String),
    /// The folder below the library root starts with this.
    In(String),
    /// The article's text (not its tags or attributes).
    Body(String),
    /// From (inclusive) to (exclusive).
    Dated {
        from: Timestamp,
        to: Timestamp,
    },
    /// At most this many seconds old.
    Newer(i64),
    HasImage,
    HasLink,
    /// `is:draft`: the front matter says `draft: true`.
    Draft,
    /// `is:unread`, `is:read`, `is:starred`: the reader's read state.
    Unread,
    Starred,
}

impl Query {
    /// Whether any clause needs the article's body.
    pub fn needs_bodies(&self) -> bool {
        self.clauses.iter().any(|c| matches!(c.test, Test::Body(_)))
    }

    /// Whether any clause is about dates or `has:` (not text).
    pub fn needs_facts(&self) -> bool {
        self.clauses.iter().any(|c| {
            matches!(c.test, Test::Dated { .. } | Test::Newer(_) | Test::HasImage | Test::HasLink | Test::Draft)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Whether any clause looks at the list's text: words, `title:`,
    /// `author:`, `cat:`, `in:`.
    pub fn needs_text(&self) -> bool {
        self.clauses.iter().any(|c| {
            matches!(c.test, Test::Anywhere(_) | Test::Title(_) | Test::Author(_) | Test::Category(_) | Test::In(_))
        })
    }

    /// Whether any clause is about read state (`is:`).
    pub fn needs_read_state(&self) -> bool {
        self.clauses.iter().any(|c| matches!(c.test, Test::Unread | Test::Starred))
    }

    /// Whether an article read or not, starred or not passes the `is:` clauses.
    pub fn passes_read_state(&self, read: bool, starred: bool) -> bool {
        self.clauses.iter().all(|clause| {
            let holds = match clause.test {
                Test::Unread => !read,
                Test::Starred => starred,
                _ => return true,
            };
            holds != clause.negated
        })
    }
}

const FIELDS: &str = "title author cat in body date after before newer has is";

/// Parses `text`; the error is a sentence to show under the input.
pub fn parse(text: &str) -> Result<Query, String> {
    let mut clauses = Vec::new();
    for word in words(text)? {
        let (negated, word) = match word.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest.to_owned()),
            _ => (false, word),
        };
        // `is:read` is `-is:unread`, said the other way.
        if word.eq_ignore_ascii_case("is:read") {
            clauses.push(Clause { negated: !negated, test: Test::Unread });
            continue;
        }
        clauses.push(Clause { negated, test: clause(&word)? });
    }
    Ok(Query { clauses })
}

/// Splits at spaces, keeping `"quoted phrases"` (also after `field:`) whole.
pub fn words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err("a quote is not closed".to_owned());
    }
    if !current.is_empty() {
        words.push(current);
    }
    Ok(words)
}

fn clause(word: &str) -> Result<Test, String> {
    // `https://…` is a word to find, not a field.
    let field_value = word
        .split_once(':')
        .filter(|(f, v)| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphabetic()) && !v.starts_with("//"));
    let Some((field, value)) = field_value else {
        return Ok(Test::Anywhere(fold(word)));
    };
    let needs_value = || if value.is_empty() { Err(format!("`{field}:` needs a value")) } else { Ok(()) };
    match field.to_ascii_lowercase().as_str() {
        "title" => needs_value().map(|()| Test::Title(fold(value))),
        "author" => needs_value().map(|()| Test::Author(fold(value))),
        "cat" | "category" | "tag" => needs_value().map(|()| Test::Category(fold(value))),
        "in" => needs_value().map(|()| Test::In(fold(value.trim_end_matches('/')))),
        "body" => needs_value().map(|()| Test::Body(fold(value))),
        "date" => date_range(value),
        "after" => day(value).map(|(from, _)| Test::Dated { from, to: Timestamp::MAX }),
        "before" => day(value).map(|(_, to)| Test::Dated { from: Timestamp::MIN, to }),
        "newer" => age(value).map(Test::Newer),
        "has" => match value.to_ascii_lowercase().as_str() {
            "image" | "images" => Ok(Test::HasImage),
            "link" | "links" => Ok(Test::HasLink),
            _ => Err(format!("`has:{value}`: folio knows has:image and has:link")),
        },
        "is" => match value.to_ascii_lowercase().as_str() {
            "unread" | "new" => Ok(Test::Unread),
            "starred" | "star" => Ok(Test::Starred),
            "draft" => Ok(Test::Draft),
            _ => Err(format!("`is:{value}`: folio knows is:unread, is:read, is:starred and is:draft")),
        },
        _ => Err(format!("unknown field `{field}:` (fields: {FIELDS})")),
    }
}

/// `2021`, `2021-12`, `2021-12-01`, or `FROM..TO` of those (inclusive).
fn date_range(value: &str) -> Result<Test, String> {
    match value.split_once("..") {
        Some((from, to)) => {
            let from = if from.is_empty() { Timestamp::MIN } else { period(from)?.0 };
            let to = if to.is_empty() { Timestamp::MAX } else { period(to)?.1 };
            Ok(Test::Dated { from, to })
        }
        None => period(value).map(|(from, to)| Test::Dated { from, to }),
    }
}

/// A whole day, inclusive.
fn day(value: &str) -> Result<(Timestamp, Timestamp), String> {
    let date: Date = value.parse().map_err(|_| format!("`{value}` is not a date like 2021-12-31"))?;
    Ok((start_of(date)?, start_of(date.tomorrow().map_err(|e| e.to_string())?)?))
}

/// A year, a month or a day: where it starts and where the next begins.
fn period(value: &str) -> Result<(Timestamp, Timestamp), String> {
    let bad = || format!("`{value}` is not a date like 2021, 2021-12 or 2021-12-31");
    let parts: Vec<&str> = value.split('-').collect();
    let number = |s: &str| s.parse::<i16>().map_err(|_| bad());
    match parts.as_slice() {
        [year] if year.len() == 4 => {
            let first = Date::new(number(year)?, 1, 1).map_err(|_| bad())?;
            let next = first.checked_add(1.year()).map_err(|_| bad())?;
            Ok((start_of(first)?, start_of(next)?))
        }
        [year, month] if year.len() == 4 => {
            let month = i8::try_from(number(month)?).map_err(|_| bad())?;
            let first = Date::new(number(year)?, month, 1).map_err(|_| bad())?;
            let next = first.checked_add(1.month()).map_err(|_| bad())?;
            Ok((start_of(first)?, start_of(next)?))
        }
        [year, _, _] if year.len() == 4 => day(value).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

fn start_of(date: Date) -> Result<Timestamp, String> {
    date.to_zoned(TimeZone::UTC).map(|z| z.timestamp()).map_err(|e| e.to_string())
}

/// `7d`, `2w`, `12h` in seconds.
fn age(value: &str) -> Result<i64, String> {
    let bad = || format!("`newer:{value}`: write a number and d, w or h, like newer:7d");
    let unit = value.chars().last().ok_or_else(bad)?;
    let count: i64 = value[..value.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let seconds = match unit {
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return Err(bad()),
    };
    count.checked_mul(seconds).filter(|s| *s >= 0).ok_or_else(bad)
}

#[cfg(test)]
mod tests;
