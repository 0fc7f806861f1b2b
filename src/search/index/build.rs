//! Building the index: bodies read and reduced on several threads, their
//! lists merged; and updating it, reading only new and changed bodies and
//! renumbering what is kept of the others.

use super::extract::{Extract, extract};
use super::ids::Ids;
use super::postings::{encode, for_each};
use super::{BodyIndex, Doc, EXACT, INDEXED, Postings};
use crate::document::BodyKind;
use crate::persist::{Quick, hash64, sum32};
use std::collections::HashMap;

/// Sorted words and pairs, each with its ascending document numbers.
#[derive(Default)]
struct Lists {
    words: Vec<(Box<[u8]>, Ids)>,
    pairs: Vec<(u64, Ids)>,
}

/// What one thread gathers from its share of the documents.
#[derive(Default)]
struct Part {
    words: HashMap<Box<[u8]>, Ids, Quick>,
    pairs: HashMap<u64, Ids, Quick>,
    flags: Vec<u8>,
}

fn read(doc: &Doc) -> Option<Extract> {
    let body = crate::file::read_body_at(&doc.path, doc.encoding).ok()?;
    Some(extract(&body, BodyKind::of(doc.format, &body)))
}

/// A file changed this recently (seconds) may change again without its
/// stamp changing (as the loader's cache says): it is not indexed now, so
/// it stays `Maybe` and is read again by the next update.
const SETTLE_SECONDS: i64 = 2;

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Reads `docs` (numbered `0..`) on `threads` threads.
fn scan(docs: &[&Doc], threads: usize) -> (Vec<u8>, Lists) {
    let settled_before = now_seconds() - SETTLE_SECONDS;
    let count = docs.len() as u32;
    let threads = threads.clamp(1, docs.len().max(1));
    let share = docs.len().div_ceil(threads).max(1);
    let parts: Vec<Part> = std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(share)
            .enumerate()
            .map(|(chunk, docs)| {
                scope.spawn(move || {
                    let mut part = Part::default();
                    for (i, doc) in docs.iter().enumerate() {
                        let number = (chunk * share + i) as u32;
                        let settled = doc.stamp.seconds <= settled_before;
                        let Some(extract) = settled.then(|| read(doc)).flatten() else {
                            part.flags.push(0);
                            continue;
                        };
                        part.flags.push(INDEXED | if extract.exact { EXACT } else { 0 });
                        for word in extract.words {
                            part.words.entry(word).or_default().push(number, count);
                        }
                        for pair in extract.pairs {
                            part.pairs.entry(pair).or_default().push(number, count);
                        }
                    }
                    part
                })
            })
            .collect();
        // A thread that panicked leaves its documents unindexed.
        handles
            .into_iter()
            .zip(docs.chunks(share))
            .map(|(h, docs)| h.join().unwrap_or_else(|_| Part { flags: vec![0; docs.len()], ..Part::default() }))
            .collect()
    });
    // Parts hold ascending ranges: appending in order keeps lists sorted.
    let mut parts = parts.into_iter();
    let Part { mut words, mut pairs, mut flags } = parts.next().unwrap_or_default();
    for part in parts {
        flags.extend(part.flags);
        for (word, ids) in part.words {
            words.entry(word).or_default().append(ids, count);
        }
        for (pair, ids) in part.pairs {
            pairs.entry(pair).or_default().append(ids, count);
        }
    }
    let mut words: Vec<_> = words.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_unstable_by_key(|p| p.0);
    (flags, Lists { words, pairs })
}

pub(super) fn build(docs: &[Doc], threads: usize) -> BodyIndex {
    let all: Vec<&Doc> = docs.iter().collect();
    let (flags, lists) = scan(&all, threads);
    assemble(docs, flags, lists)
}

/// The index of `docs` from their flags and lists.
fn assemble(docs: &[Doc], flags: Vec<u8>, lists: Lists) -> BodyIndex {
    let count = docs.len() as u32;
    let mut index = BodyIndex { flags, ..BodyIndex::default() };
    for doc in docs {
        index.keys.push(hash64(&doc.key));
        index.stamps.push(doc.stamp);
    }
    let mut postings = Vec::new();
    let mut add = |ids: &[u32], index: &mut BodyIndex| {
        let start = postings.len();
        encode(ids, count, &mut postings);
        index.sums.push(sum32(&postings[start..]));
        index.list_ends.push(postings.len() as u64);
    };
    // Each list dropped once encoded.
    for (word, ids) in lists.words {
        index.word_starts.push(index.vocabulary.len() as u32);
        index.vocabulary.extend_from_slice(&word);
        index.vocabulary.push(b'\n');
        add(&ids.into_sorted(), &mut index);
    }
    for (pair, ids) in lists.pairs {
        index.pairs.push(pair);
        add(&ids.into_sorted(), &mut index);
    }
    index.postings = Postings::Memory(postings);
    index
}

pub(super) fn update(old: BodyIndex, docs: &[Doc], threads: usize) -> BodyIndex {
    // Each doc's number in `old` when it is current there (a key given twice:
    // the second is read again).
    let mut claimed = vec![false; old.len()];
    let kept: Vec<Option<u32>> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let n = old.current_at(i, &doc.key, doc.stamp)?;
            (!std::mem::replace(&mut claimed[n as usize], true)).then_some(n)
        })
        .collect();
    let fresh: Vec<usize> = (0..docs.len()).filter(|&i| kept[i].is_none()).collect();
    if old.len() == docs.len() && kept.iter().enumerate().all(|(i, n)| *n == Some(i as u32)) {
        return old;
    }
    if fresh.len() == docs.len() {
        return build(docs, threads);
    }
    // Old number → new number (u32::MAX: gone or changed).
    let mut renumber = vec![u32::MAX; old.len()];
    for (new, old_number) in kept.iter().enumerate() {
        if let Some(n) = old_number {
            renumber[*n as usize] = new as u32;
        }
    }
    let fresh_docs: Vec<&Doc> = fresh.iter().map(|&i| &docs[i]).collect();
    let (fresh_flags, fresh_lists) = scan(&fresh_docs, threads);
    let mut flags: Vec<u8> = kept.iter().map(|n| n.map_or(0, |n| old.flags[n as usize])).collect();
    for (&i, &f) in fresh.iter().zip(&fresh_flags) {
        flags[i] = f;
    }
    let old_count = old.len() as u32;
    // A list that cannot be read (the file changed under us): all read again.
    let unreadable = std::cell::Cell::new(false);
    let old_ids = |list: usize| -> Vec<u32> {
        let mut ids = Vec::new();
        let decoded = old.list(list).and_then(|bytes| {
            for_each(&bytes, old_count, |n| {
                if let Some(&new) = renumber.get(n as usize).filter(|&&new| new != u32::MAX) {
                    ids.push(new);
                }
            })
        });
        if decoded.is_none() {
            unreadable.set(true);
        }
        ids
    };
    let fresh_ids = |ids: Ids| ids.into_sorted().into_iter().map(|j| fresh[j as usize] as u32);
    let join = |mut ids: Vec<u32>, more: Option<Ids>| {
        ids.extend(more.into_iter().flat_map(fresh_ids));
        ids.sort_unstable();
        Ids::from_sorted(ids, docs.len() as u32)
    };
    let old_words = (0..old.word_starts.len()).map(|i| (Box::<[u8]>::from(old.word(i)), i));
    let words = merge(old_words, fresh_lists.words, old_ids, join);
    let first_pair = old.word_starts.len();
    let old_pairs = old.pairs.iter().enumerate().map(|(j, &p)| (p, first_pair + j));
    let pairs = merge(old_pairs, fresh_lists.pairs, old_ids, join);
    if unreadable.get() {
        return build(docs, threads);
    }
    assemble(docs, flags, Lists { words, pairs })
}

/// The entries of `old` (key, its list there) and `fresh` (key, numbers
/// of fresh documents), both sorted by key, merged into sorted entries.
fn merge<K: Ord>(
    old: impl Iterator<Item = (K, usize)>,
    fresh: Vec<(K, Ids)>,
    old_ids: impl Fn(usize) -> Vec<u32>,
    join: impl Fn(Vec<u32>, Option<Ids>) -> Ids,
) -> Vec<(K, Ids)> {
    let mut out = Vec::new();
    let mut old = old.peekable();
    let mut fresh = fresh.into_iter().peekable();
    loop {
        let take_old = match (old.peek(), fresh.peek()) {
            (None, None) => break,
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (Some((a, _)), Some((b, _))) => match a.cmp(b) {
                std::cmp::Ordering::Less => Some(true),
                std::cmp::Ordering::Greater => Some(false),
                std::cmp::Ordering::Equal => None,
            },
        };
        let (key, ids) = match take_old {
            Some(true) => match old.next() {
                Some((key, list)) => (key, join(old_ids(list), None)),
                None => break,
            },
            Some(false) => match fresh.next() {
                Some((key, ids)) => (key, join(Vec::new(), Some(ids))),
                None => break,
            },
            None => match (old.next(), fresh.next()) {
                (Some((key, list)), Some((_, ids))) => (key, join(old_ids(list), Some(ids))),
                _ => break,
            },
        };
        if ids != Ids::List(Vec::new()) {
            out.push((key, ids));
        }
    }
    out
}
