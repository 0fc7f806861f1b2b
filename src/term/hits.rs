//! Body search hits sent to the loop in batches: one wake per few
//! thousand hits or per frame, not one per article (an index answering a
//! million articles at once would flood the loop's queue and starve the
//! keys), and never held longer than a frame.

use super::workers::Wake;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Hits are sent when this many wait…
const BATCH: usize = 4096;
/// …or the oldest has waited this long.
const HOLD: Duration = Duration::from_millis(16);

struct Pending {
    hits: Vec<usize>,
    /// When the oldest of `hits` came.
    since: Option<Instant>,
    over: bool,
}

/// Gathers the hits of body search `generation` and sends them on.
pub struct HitBatcher {
    generation: u64,
    wake: Sender<Wake>,
    pending: Mutex<Pending>,
    /// Wakes the timer when a first hit waits, or the search is over.
    waiting: Condvar,
}

impl HitBatcher {
    /// A batcher, and the thread that sends what waits too long.
    pub fn start(generation: u64, wake: Sender<Wake>) -> Arc<HitBatcher> {
        let pending = Mutex::new(Pending { hits: Vec::new(), since: None, over: false });
        let batcher = Arc::new(HitBatcher { generation, wake, pending, waiting: Condvar::new() });
        let timer = Arc::clone(&batcher);
        std::thread::spawn(move || timer.send_late());
        batcher
    }

    pub fn hit(&self, article: usize) {
        let Ok(mut pending) = self.pending.lock() else { return };
        pending.hits.push(article);
        if pending.since.is_none() {
            pending.since = Some(Instant::now());
            self.waiting.notify_one();
        }
        if pending.hits.len() >= BATCH {
            self.send(&mut pending);
        }
    }

    /// The search is over: what waits goes now.
    pub fn finish(&self) {
        let Ok(mut pending) = self.pending.lock() else { return };
        self.send(&mut pending);
        pending.over = true;
        self.waiting.notify_one();
    }

    fn send(&self, pending: &mut Pending) {
        pending.since = None;
        if !pending.hits.is_empty() {
            let _ = self.wake.send(Wake::BodyHits(self.generation, std::mem::take(&mut pending.hits)));
        }
    }

    /// The timer: sends hits that waited `HOLD`, until the search is over.
    fn send_late(&self) {
        let Ok(mut pending) = self.pending.lock() else { return };
        while !pending.over {
            pending = match pending.since {
                None => match self.waiting.wait(pending) {
                    Ok(pending) => pending,
                    Err(_) => return,
                },
                Some(since) => {
                    let left = HOLD.saturating_sub(since.elapsed());
                    if left.is_zero() {
                        self.send(&mut pending);
                        pending
                    } else {
                        match self.waiting.wait_timeout(pending, left) {
                            Ok((pending, _)) => pending,
                            Err(_) => return,
                        }
                    }
                }
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(wakes: &std::sync::mpsc::Receiver<Wake>) -> Vec<Vec<usize>> {
        wakes
            .try_iter()
            .filter_map(|wake| match wake {
                Wake::BodyHits(7, hits) => Some(hits),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn many_hits_come_in_few_batches_and_none_is_lost() {
        let (wake, wakes) = std::sync::mpsc::channel();
        let batcher = HitBatcher::start(7, wake);
        for article in 0..10_000 {
            batcher.hit(article);
        }
        batcher.finish();
        let batches = received(&wakes);
        assert!(batches.len() <= 10_000 / BATCH + 2, "{} batches", batches.len());
        assert_eq!(batches.concat(), (0..10_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_lone_hit_is_sent_within_a_frame_or_so() {
        let (wake, wakes) = std::sync::mpsc::channel();
        let batcher = HitBatcher::start(7, wake);
        batcher.hit(3);
        let got = wakes.recv_timeout(Duration::from_secs(5));
        assert!(matches!(got, Ok(Wake::BodyHits(7, ref hits)) if hits == &[3]), "sent without waiting for the end");
        batcher.finish();
    }
}
