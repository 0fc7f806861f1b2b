//! Body hits join the list where they belong, a batch at a time: the rest
//! of the list is not filtered again (at a million articles that pass cost
//! more than the frame a batch of hits arrives in).

use super::List;
use crate::model::SortOrder;
use std::cmp::Reverse;

impl List {
    /// Articles whose bodies match body search `generation`. The search was
    /// given only articles the rest of the query kept, so a hit joins the
    /// list if it still passes the read-state clauses.
    pub fn body_hits(&mut self, generation: u64, articles: &[usize]) {
        if generation != self.body_search {
            return;
        }
        let mut new: Vec<usize> = Vec::with_capacity(articles.len());
        for &article in articles {
            if !self.store.is_hit(article) && !self.store.is_gone(article) {
                self.store.set_hit(article);
                new.push(article);
            }
        }
        if self.query.needs_read_state() {
            let (query, store) = (&self.query, &self.store);
            new.retain(|&article| {
                let state = store.state(article);
                query.passes_read_state(state.read, state.starred)
            });
        }
        if self.places.len() != self.store.len() {
            self.places = vec![u32::MAX; self.store.len()];
            for (place, &article) in self.order.iter().enumerate() {
                self.places[article] = u32::try_from(place).unwrap_or(u32::MAX);
            }
        }
        new.retain(|&article| self.places.get(article).is_some_and(|&place| place != u32::MAX));
        if new.is_empty() {
            return;
        }
        let keep = self.selected_article().filter(|_| self.chosen);
        let ranked = self.order_by == SortOrder::Relevance && !self.query.is_empty();
        let (query, store, places) = (&self.query, &self.store, &self.places);
        let columns = store.columns();
        // The key `refresh` orders by: relevance first when ranking (a
        // stable sort of the list in order), then the place in order.
        let key = |article: usize| {
            let relevance = match (ranked, store.search_row(article)) {
                (true, Some(row)) => columns.relevance(row, query),
                _ => 0,
            };
            (Reverse(relevance), places.get(article).copied().unwrap_or(u32::MAX))
        };
        let mut new: Vec<((Reverse<u32>, u32), usize)> =
            new.into_iter().map(|article| (key(article), article)).collect();
        new.sort_unstable();
        // Each new hit goes after the articles whose key is not greater
        // (found by halving: a few keys computed per hit, not the list's).
        let old = std::mem::take(&mut self.visible);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let mut from = 0;
        for (new_key, article) in new {
            let at = from + old[from..].partition_point(|&x| key(x) <= new_key);
            merged.extend_from_slice(&old[from..at]);
            merged.push(article);
            from = at;
        }
        merged.extend_from_slice(&old[from..]);
        self.visible = merged;
        self.visible_version += 1;
        self.reselect(keep);
    }
}
