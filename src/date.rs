//! Reading the `date` field: RFC 2822, RFC 3339 / ISO 8601, YAML timestamps.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, fmt::rfc2822};

/// Parses a front-matter date. A date without a zone is taken as UTC.
/// Returns `None` when the text is no date folio knows.
pub fn parse_date(raw: &str) -> Option<Timestamp> {
    let text = raw.trim();
    if text.is_empty() {
        return None;
    }
    let first = text.as_bytes()[0];
    if let Some(ts) = parse_javascript(text) {
        return Some(ts);
    }
    if first.is_ascii_alphabetic()
        || (first.is_ascii_digit() && text.as_bytes().get(1..3).is_some_and(|b| b.contains(&b' ')))
    {
        // "Thu, 30 Dec 2021 12:42:52 GMT" or "30 Dec 2021 12:42:52 +0000";
        // feeds often get the weekday wrong, and the date is what counts.
        let parser = rfc2822::DateTimeParser::new();
        return parser
            .parse_timestamp(text)
            .ok()
            .or_else(|| {
                let (_, without_weekday) = text.split_once(", ")?;
                parser.parse_timestamp(without_weekday).ok()
            })
            .or_else(|| parse_written_out(text));
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    if let Ok(dt) = text.parse::<DateTime>() {
        return utc(dt);
    }
    if let Ok(date) = text.parse::<Date>() {
        return utc(date.to_datetime(jiff::civil::Time::midnight()));
    }
    parse_yaml_timestamp(text)
        .or_else(|| parse_slashed(text))
        .or_else(|| parse_zone_in_brackets(text))
        .or_else(|| parse_written_out(text))
}

/// `April 5, 2023` and `5 April 2023` (Jekyll reads them), at midnight UTC.
fn parse_written_out(text: &str) -> Option<Timestamp> {
    let text = text.replace(',', " ");
    let words: Vec<&str> = text.split_whitespace().collect();
    let (day, month, year) = match words.as_slice() {
        [month, day, year] if month.bytes().all(|b| b.is_ascii_alphabetic()) => (*day, *month, *year),
        [day, month, year] if month.bytes().all(|b| b.is_ascii_alphabetic()) => (*day, *month, *year),
        _ => return None,
    };
    let written = format!("{day} {month} {year}");
    let parsed =
        jiff::fmt::strtime::parse("%d %B %Y", &written).or_else(|_| jiff::fmt::strtime::parse("%d %b %Y", &written));
    let date = parsed.ok()?.to_date().ok()?;
    utc(date.to_datetime(jiff::civil::Time::midnight()))
}

/// JavaScript's `Date.toString()`, as SingleFile writes its saved date:
/// `Thu Mar 14 2024 10:00:00 GMT+0100 (Central European Standard Time)`.
fn parse_javascript(text: &str) -> Option<Timestamp> {
    let text = text.split_once(" (").map_or(text, |(date, _)| date);
    let words: Vec<&str> = text.split_whitespace().collect();
    let [_weekday, month, day, year, time, zone] = words.as_slice() else { return None };
    let zone = zone.strip_prefix("GMT").or_else(|| zone.strip_prefix("UTC"))?;
    let zone = if zone.is_empty() { "+0000" } else { zone };
    if !month.bytes().all(|b| b.is_ascii_alphabetic()) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rfc2822::DateTimeParser::new().parse_timestamp(format!("{day} {month} {year} {time} {zone}")).ok()
}

/// MarkDownload's `2024-03-01T10:00:00 (UTC +01:00)`: the zone after the
/// time, in brackets.
fn parse_zone_in_brackets(text: &str) -> Option<Timestamp> {
    let (time, zone) = text.strip_suffix(')')?.split_once(" (")?;
    let zone = zone.trim();
    let zone = zone.strip_prefix("UTC").or_else(|| zone.strip_prefix("GMT")).unwrap_or(zone).trim();
    let zone = if zone.is_empty() { "Z" } else { zone };
    parse_yaml_timestamp(&format!("{} {zone}", time.trim()))
}

fn utc(dt: DateTime) -> Option<Timestamp> {
    dt.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp())
}

/// YAML 1.1 timestamps that ISO parsers refuse: a one-digit hour
/// (`2001-12-15 2:59:43.10`) and a space before a short zone
/// (`2001-12-14 21:59:43.10 -5`).
fn parse_yaml_timestamp(text: &str) -> Option<Timestamp> {
    let (date, rest) = text.split_at_checked(10)?;
    let rest = rest.strip_prefix([' ', 'T', 't'])?.trim_start();
    let (time, zone) = match rest.find([' ', 'Z', 'z', '+', '-']) {
        Some(at) => (&rest[..at], rest[at..].trim()),
        None => (rest, ""),
    };
    let time = if time.find(':') == Some(1) { format!("0{time}") } else { time.to_owned() };
    let civil: DateTime = format!("{date}T{time}").parse().ok()?;
    if zone.is_empty() || ["z", "utc", "gmt"].iter().any(|name| zone.eq_ignore_ascii_case(name)) {
        return utc(civil);
    }
    let (sign, digits) = zone.split_at_checked(1)?;
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let (hours, minutes) = match digits.split_once(':') {
        Some(parts) => parts,
        // `+0800` (Jekyll's form) or `+08` / `-5`.
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if hours > 25 || minutes > 59 {
        return None;
    }
    let seconds = hours * 3600 + minutes * 60;
    let offset = jiff::tz::Offset::from_seconds(if sign == "-" { -seconds } else { seconds }).ok()?;
    civil.to_zoned(TimeZone::fixed(offset)).ok().map(|z| z.timestamp())
}

/// `2021/12/27`, `2013/7/13 20:46:25` (Hexo's own example),
/// `2021/12/27 06:12:39`, common in older blog exports, and moment's
/// `2013-7-3` (one-digit month or day).
fn parse_slashed(text: &str) -> Option<Timestamp> {
    let separator = match text.get(4..5) {
        Some("/") => '/',
        Some("-") => '-',
        _ => return None,
    };
    let (date, time) = text.split_once(' ').map_or((text, None), |(date, time)| (date, Some(time.trim())));
    let mut parts = date.split(separator);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || month.len() > 2 || day.len() > 2 {
        return None;
    }
    let dashed = match time {
        Some(time) => format!("{year}-{month:0>2}-{day:0>2} {time}"),
        None => format!("{year}-{month:0>2}-{day:0>2}"),
    };
    if let Some(ts) = parse_yaml_timestamp(&dashed) {
        return Some(ts);
    }
    if let Ok(dt) = dashed.parse::<DateTime>() {
        return utc(dt);
    }
    dashed.parse::<Date>().ok().and_then(|d| utc(d.to_datetime(jiff::civil::Time::midnight())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str) -> Option<String> {
        parse_date(raw).map(|ts| ts.to_string())
    }

    #[test]
    fn rfc2822_forms() {
        assert_eq!(iso("Thu, 30 Dec 2021 12:42:52 GMT").as_deref(), Some("2021-12-30T12:42:52Z"));
        assert_eq!(iso("Thu, 30 Dec 2021 12:42:52 UTC").as_deref(), Some("2021-12-30T12:42:52Z"));
        assert_eq!(iso("Thu, 30 Dec 2021 20:42:52 +0800").as_deref(), Some("2021-12-30T12:42:52Z"));
        assert_eq!(iso("30 Dec 2021 12:42:52 +0000").as_deref(), Some("2021-12-30T12:42:52Z"));
    }

    #[test]
    fn iso_forms() {
        assert_eq!(iso("2021-12-27 06:12:39").as_deref(), Some("2021-12-27T06:12:39Z"));
        assert_eq!(iso("2021-12-27T06:12:39").as_deref(), Some("2021-12-27T06:12:39Z"));
        assert_eq!(iso("2021-12-27T06:12:39+08:00").as_deref(), Some("2021-12-26T22:12:39Z"));
        assert_eq!(iso("2021-12-27T06:12:39Z").as_deref(), Some("2021-12-27T06:12:39Z"));
        assert_eq!(iso("2021-12-27").as_deref(), Some("2021-12-27T00:00:00Z"));
        assert_eq!(iso("2021/12/27").as_deref(), Some("2021-12-27T00:00:00Z"));
        assert_eq!(iso("2013/7/13 20:46:25").as_deref(), Some("2013-07-13T20:46:25Z"));
        assert_eq!(iso("2013/7/3").as_deref(), Some("2013-07-03T00:00:00Z"));
        assert_eq!(iso("2024-03-01T10:00:00 (UTC +01:00)").as_deref(), Some("2024-03-01T09:00:00Z"));
        assert_eq!(iso("2024-03-01T10:00:00 (UTC)").as_deref(), Some("2024-03-01T10:00:00Z"));
        assert_eq!(
            iso("Thu Mar 14 2024 10:00:00 GMT+0100 (Central European Standard Time)").as_deref(),
            Some("2024-03-14T09:00:00Z")
        );
        assert_eq!(iso("2013/7/13/1"), None);
        assert_eq!(iso("2013-7-3").as_deref(), Some("2013-07-03T00:00:00Z"));
        assert_eq!(iso("April 5, 2023").as_deref(), Some("2023-04-05T00:00:00Z"));
        assert_eq!(iso("5 Apr 2023").as_deref(), Some("2023-04-05T00:00:00Z"));
    }

    #[test]
    fn yaml_timestamps() {
        assert_eq!(iso("2001-12-14t21:59:43.10-05:00").as_deref(), Some("2001-12-15T02:59:43.1Z"));
        assert_eq!(iso("2001-12-14 21:59:43.10 -5").as_deref(), Some("2001-12-15T02:59:43.1Z"));
        assert_eq!(iso("2001-12-15 2:59:43.10").as_deref(), Some("2001-12-15T02:59:43.1Z"));
    }

    #[test]
    fn forgiving_forms() {
        assert_eq!(iso("Fri, 30 Dec 2021 12:42:52 GMT").as_deref(), Some("2021-12-30T12:42:52Z"));
        assert_eq!(iso("2021-12-30 12:42:52 UTC").as_deref(), Some("2021-12-30T12:42:52Z"));
    }

    #[test]
    fn hostile_zones_are_refused_without_panic() {
        for raw in [
            "2021-12-30 12:42:52 +a中",
            "2021-12-30 12:42:52 +99999999",
            "2021-12-30 12:42:52 -9999",
            "2021-12-30 12:42:52 +",
        ] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn nonsense_is_none() {
        for raw in ["", "yesterday", "2021-13-45", "Thu, 99 Foo 2021", "12345", "2021-12-27 25:00:00"] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
    }
}
