//! Dates: RFC 2822 or the bare crawl time, between 2019 and 2024.

use std::fmt::Write as _;

use super::rng::Rng;

pub(super) const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// RFC 2822 (`Thu, 30 Dec 2021 12:42:52 GMT`) for ~80%, else the bare crawl
/// time (`2021-12-27 06:12:39`), between 2019 and 2024.
pub(super) fn make_date(rng: &mut Rng, out: &mut String) {
    const FROM: u64 = 1_546_300_800; // 2019-01-01
    const TO: u64 = 1_735_689_600; // 2025-01-01
    let t = FROM + rng.next() % (TO - FROM);
    let days = t / 86_400;
    let secs = t % 86_400;
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    if rng.percent(80) {
        let weekday = WEEKDAYS[((days + 4) % 7) as usize];
        let month = MONTHS[m as usize - 1];
        let _ = write!(out, "{weekday}, {d:02} {month} {y} {hh:02}:{mm:02}:{ss:02} GMT");
    } else {
        let _ = write!(out, "{y}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}");
    }
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}
