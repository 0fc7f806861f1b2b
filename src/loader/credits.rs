//! How far the loader may run ahead of whoever takes its batches: a batch
//! is sent with a credit, the credit comes back when the batch is dropped
//! or its articles are taken, and with every credit out the loader's
//! threads wait. Without it a loader faster than the list holds a whole
//! library of articles in flight (at a million, most of a gigabyte).

use super::Loaded;
use std::sync::{Arc, Condvar, Mutex};

/// Batches a load may have in flight (each about `BATCH` articles).
pub const IN_FLIGHT: usize = 64;

/// The credits of one load.
#[derive(Debug, Clone, Default)]
pub struct Credits {
    out: Arc<(Mutex<usize>, Condvar)>,
}

impl Credits {
    /// A credit, once fewer than `IN_FLIGHT` are out.
    pub fn take(&self) -> Credit {
        let (out, returned) = &*self.out;
        let mut count = out.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while *count >= IN_FLIGHT {
            count = returned.wait(count).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *count += 1;
        Credit { out: Arc::clone(&self.out) }
    }
}

/// One batch's credit: returned when dropped.
#[derive(Debug)]
pub struct Credit {
    out: Arc<(Mutex<usize>, Condvar)>,
}

impl Drop for Credit {
    fn drop(&mut self) {
        let (out, returned) = &*self.out;
        let mut count = out.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *count = count.saturating_sub(1);
        returned.notify_one();
    }
}

/// Articles and problems found since the last batch, with their credit.
#[derive(Debug)]
pub struct Batch {
    items: Vec<Loaded>,
    _credit: Credit,
}

impl Batch {
    pub fn new(items: Vec<Loaded>, credit: Credit) -> Batch {
        Batch { items, _credit: credit }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The articles and problems; the credit goes back.
    pub fn into_items(self) -> Vec<Loaded> {
        self.items
    }
}

impl IntoIterator for Batch {
    type Item = Loaded;
    type IntoIter = std::vec::IntoIter<Loaded>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_loader_waits_while_every_credit_is_out_and_goes_on_when_one_comes_back() {
        let credits = Credits::default();
        let mut held: Vec<Credit> = (0..IN_FLIGHT).map(|_| credits.take()).collect();
        let (sent, arrived) = std::sync::mpsc::channel();
        let waiting = std::thread::spawn({
            let credits = credits.clone();
            move || {
                let credit = credits.take();
                let _ = sent.send(());
                drop(credit);
            }
        });
        assert!(arrived.recv_timeout(Duration::from_millis(100)).is_err(), "no credit left: it waits");
        held.pop();
        assert!(arrived.recv_timeout(Duration::from_secs(5)).is_ok(), "one came back: it goes on");
        assert!(waiting.join().is_ok());
        drop(held);
        // Every credit back: as many can be taken again.
        let again: Vec<Credit> = (0..IN_FLIGHT).map(|_| credits.take()).collect();
        assert_eq!(again.len(), IN_FLIGHT);
    }
}
