//! Percentiles and how durations are shown.

use std::time::Duration;

/// The nearest-rank percentile.
pub fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

pub fn max(times: &[Duration]) -> Duration {
    times.iter().copied().max().unwrap_or_default()
}

pub fn secs(t: Duration) -> f64 {
    t.as_secs_f64()
}

pub fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

pub fn show(t: Duration) -> String {
    let s = t.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}
