//! One step of the benchmark in a loop, for a profiler
//! (`FOLIO_BENCH_ONLY=typing|bodies|during`).

use super::numbers::{percentile, secs, show};
use super::queries::Typed;
use super::typing::{app_with, shuffled, type_during_search, type_queries};
use super::{BODY_TERMS, SIZE};
use crate::common::median;
use folio::Article;
use folio::search::{self, BodySource};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// Loops over one step for `budget`.
pub fn profile(only: &str, articles: Vec<Article>, queries: &[Typed], budget: Duration) -> Result<(), String> {
    let start = Instant::now();
    let mut rounds = 0;
    match only {
        "typing" => {
            let (mut app, _) = app_with(shuffled(articles));
            let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).map_err(|e| e.to_string())?;
            let mut keys = Vec::new();
            while start.elapsed() < budget {
                keys.extend(type_queries(&mut app, &mut terminal, queries)?);
                rounds += 1;
            }
            let updates: Vec<Duration> = keys.iter().map(|k| k.update).collect();
            println!(
                "typing: {} keystrokes, median {}, p95 {}",
                keys.len(),
                show(median(&updates)),
                show(percentile(&updates, 95))
            );
        }
        "bodies" => {
            let sources: Vec<BodySource> =
                articles.iter().enumerate().map(|(i, a)| BodySource::of(i, a, None)).collect();
            let query = search::parse(&format!("body:{}", BODY_TERMS[0].0))?;
            let threads = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
            while start.elapsed() < budget {
                search::search_bodies(sources.as_slice(), &query, threads, &AtomicBool::new(false), &|i| {
                    black_box(i);
                });
                rounds += 1;
            }
        }
        "during" => {
            // Typing during body searches, once (the budget is not used).
            let (mut app, _) = app_with(shuffled(articles));
            let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).map_err(|e| e.to_string())?;
            let during = type_during_search(&mut app, &mut terminal, queries)?;
            let updates: Vec<Duration> = during.keys.iter().map(|k| k.update).collect();
            println!(
                "during: {} keystrokes over {} searches, median {}, p95 {}",
                during.keys.len(),
                during.searches,
                show(median(&updates)),
                show(percentile(&updates, 95))
            );
            rounds = 1;
        }
        _ => return Err(format!("FOLIO_BENCH_ONLY={only:?}: say typing, bodies or during")),
    }
    println!("{only}: {rounds} rounds in {:.1} s", secs(start.elapsed()));
    Ok(())
}
