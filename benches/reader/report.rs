//! The reader benchmark's table: each figure with its target and whether
//! it was met.

use std::time::Duration;

enum Row {
    Section(String, Duration),
    Time(String, Duration, Option<Duration>),
    Ratio(String, Duration, Duration, Option<f64>),
    Memory(String, u64, Option<u64>),
    Keys(String, Vec<Duration>, Option<Duration>),
}

#[derive(Default)]
pub struct Report {
    rows: Vec<Row>,
}

impl Report {
    pub fn section(&mut self, name: &str, rg: Duration) {
        self.rows.push(Row::Section(name.to_owned(), rg));
    }

    pub fn time(&mut self, name: &str, took: Duration, target: Option<Duration>) {
        self.rows.push(Row::Time(name.to_owned(), took, target));
    }

    /// `took` against `base` (rg), with a target ratio.
    pub fn ratio(&mut self, name: &str, took: Duration, base: Duration, target: Option<f64>) {
        self.rows.push(Row::Ratio(name.to_owned(), took, base, target));
    }

    pub fn memory(&mut self, name: &str, bytes: u64, limit: Option<u64>) {
        self.rows.push(Row::Memory(name.to_owned(), bytes, limit));
    }

    /// Keystroke times, with a target for their 95th percentile.
    pub fn keys(&mut self, name: &str, times: &[Duration], target: Option<Duration>) {
        self.rows.push(Row::Keys(name.to_owned(), times.to_vec(), target));
    }

    pub fn print(&self) {
        println!();
        println!("{:<58} {:>12} {:>12} {:>16}", "measurement", "value", "", "target");
        for row in &self.rows {
            match row {
                Row::Section(name, rg) => {
                    println!("\n{name}: rg -l '^title:' DIR {:.3} s", secs(*rg));
                }
                Row::Time(name, took, target) => {
                    let verdict = target.map(|t| (format!("≤ {}", show(t)), verdict(*took <= t)));
                    line(name, &show(*took), "", verdict);
                }
                Row::Ratio(name, took, base, target) => {
                    let ratio = secs(*took) / secs(*base).max(1e-9);
                    let verdict = target.map(|t| (format!("≤ {t:.1}× rg"), verdict(ratio <= t)));
                    line(name, &show(*took), &format!("{ratio:.2}× rg"), verdict);
                }
                Row::Memory(name, bytes, limit) => {
                    let verdict = limit.map(|l| (format!("≤ {}", mb(l)), verdict(*bytes <= l)));
                    line(name, &mb(*bytes), "", verdict);
                }
                Row::Keys(name, times, target) => {
                    let p95 = percentile(times, 95);
                    let verdict = target.map(|t| (format!("p95 ≤ {}", show(t)), verdict(p95 <= t)));
                    let median = percentile(times, 50);
                    line(name, &format!("p95 {}", show(p95)), &format!("median {}", show(median)), verdict);
                    println!(
                        "{:<58} {:>12} {:>12}",
                        format!("    ({} keys)", times.len()),
                        format!("max {}", show(max(times))),
                        ""
                    );
                }
            }
        }
    }
}

fn line(name: &str, value: &str, more: &str, verdict: Option<(String, &str)>) {
    let (target, met) = verdict.unwrap_or_default();
    println!("{name:<58} {value:>12} {more:>12} {target:>16}  {met}");
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

/// The nearest-rank percentile.
pub fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

fn max(times: &[Duration]) -> Duration {
    times.iter().copied().max().unwrap_or_default()
}

pub fn secs(t: Duration) -> f64 {
    t.as_secs_f64()
}

pub fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

pub fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn show(t: Duration) -> String {
    let s = t.as_secs_f64();
    if s >= 1.0 { format!("{s:.2} s") } else { format!("{:.1} ms", s * 1e3) }
}
