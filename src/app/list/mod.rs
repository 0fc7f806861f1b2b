//! The list: every article in the store, sorted by the list's order,
//! filtered by the query typed into the filter line (and by the body
//! search's hits), with the selection and the first row on screen.

mod changes;
mod hits;
mod paths;
mod rows;
mod store;
#[cfg(test)]
mod tests;

pub use paths::Bodies;
pub use store::{ArticleRow, ListStore};

use super::Effect;
use super::query_line::{Choices, History, LineAid, LineKey};
use crate::library::{merge_positions, sort_positions};
use crate::loader::Loaded;
use crate::model::{Problem, SortOrder};
use crate::search::{self, Query};
use crate::text::{Edit, Line};
use jiff::Timestamp;

/// The rows of the search columns the query's text clauses keep (`None`:
/// all), a bit each: asked in the list's order, so at random over the rows,
/// and a million bits (125 KB) stay in the cache where a million bools do not.
struct TextHits(Option<Vec<u64>>);

impl TextHits {
    fn of(rows: Option<Vec<bool>>) -> TextHits {
        TextHits(rows.map(|rows| {
            rows.chunks(64)
                .map(|chunk| chunk.iter().enumerate().fold(0, |bits, (at, &hit)| bits | (u64::from(hit) << at)))
                .collect()
        }))
    }

    /// Whether the article at search-column row `row` passes.
    fn passes(&self, row: u32) -> bool {
        match &self.0 {
            None => true,
            Some(bits) => bits.get(row as usize / 64).is_some_and(|word| word >> (row % 64) & 1 == 1),
        }
    }
}

/// The list as the sidebar shows it.
#[derive(Debug, Default)]
pub struct List {
    pub store: ListStore,
    /// What the list is ordered by.
    pub order_by: SortOrder,
    /// Every live article's number, in `order_by`'s key (by date for
    /// relevance, which ranks the filtered list)…
    order: Vec<usize>,
    /// The search-column row of each article of `order`, beside it (a
    /// keystroke reads them in order, not scattered over the store).
    order_rows: Vec<u32>,
    /// The orders by other keys made before, while the articles stay as
    /// they were: `S` back to one of them sorts nothing.
    earlier_orders: Vec<EarlierOrder>,
    /// …of the articles numbered below this: those loaded since wait to
    /// join it until there are enough of them to be worth a pass.
    merged: usize,
    /// Each article's place in `order` (`u32::MAX`: not there), built when
    /// body hits first need it; empty once `order` changes.
    places: Vec<u32>,
    /// The filter line as typed, whether it has the keys, and the walk
    /// through earlier filters or the completion under way.
    pub filter: Line,
    pub editing_filter: bool,
    pub filter_aid: LineAid,
    /// The last query that parsed, and the error of the filter as typed.
    query: Query,
    pub query_error: Option<String>,
    /// The body search under way or done (its number), and whether it runs.
    body_search: u64,
    pub searching_bodies: bool,
    /// The list as shown: article numbers, filtered and sorted.
    pub visible: Vec<usize>,
    /// Counts the times `visible` was made again.
    visible_version: u64,
    /// Unread articles of `visible`, with the versions counted at.
    unread_here: std::cell::Cell<Option<(u64, u64, usize)>>,
    /// The selection, a position in `visible`…
    pub selected: usize,
    /// …chosen by the person (or brought back from the last session): until
    /// then it stays on the first article, the newest, however the list
    /// fills in while loading.
    chosen: bool,
    /// The first position of `visible` on screen.
    pub top: usize,
    /// Rows of articles the sidebar has room for.
    rows: usize,
}

/// Tab completes `author:`, `cat:` and `in:` from the library's values:
/// authors and folders as written (each folder's parents too), categories
/// as the search keeps them (folded: the list holds no other copy).
impl Choices for ListStore {
    fn values(&self, field: &str, prefix: &str) -> Vec<String> {
        if field == "cat" {
            return self.columns().categories(prefix, MAX_COMPLETIONS);
        }
        let mut distinct: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for row in self.live().filter_map(|number| self.get(number)) {
            match field {
                "author" => distinct.extend(row.author()),
                "in" => {
                    let group = row.group();
                    let ends = group.match_indices('/').map(|(at, _)| at).chain([group.len()]);
                    distinct.extend(ends.map(|end| &group[..end]).filter(|part| !part.is_empty()));
                }
                _ => {}
            }
        }
        let prefix = search::fold(prefix);
        let mut found: Vec<&str> =
            distinct.into_iter().filter(|value| search::fold(value).starts_with(&prefix)).collect();
        found.sort_unstable();
        found.into_iter().take(MAX_COMPLETIONS).map(str::to_owned).collect()
    }
}

/// The list's order by another key, made when the articles were at
/// `version` (`ListStore::articles_version`).
#[derive(Debug)]
struct EarlierOrder {
    key: SortOrder,
    version: u64,
    order: Vec<u32>,
}

/// How many completions Tab offers for a word at most.
const MAX_COMPLETIONS: usize = 200;

impl List {
    /// The selected article, if the list is not empty.
    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// The query in force (the last filter that parsed).
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Unread articles in the list as shown (counted once per change of
    /// the list or of the marks, not per frame).
    pub fn unread_here(&self) -> usize {
        let versions = (self.visible_version, self.store.marks_version());
        if let Some((list, marks, count)) = self.unread_here.get()
            && (list, marks) == versions
        {
            return count;
        }
        let count = self.store.unread_among(&self.visible);
        self.unread_here.set(Some((versions.0, versions.1, count)));
        count
    }

    /// Articles in the library now (not counting those deleted on disk).
    pub fn article_count(&self) -> usize {
        self.order.len()
    }

    /// Unread articles in the library now.
    pub fn unread_count(&self) -> usize {
        self.store.unread_count()
    }

    /// Every live article's number in the list's order (unfiltered).
    pub fn in_order(&self) -> &[usize] {
        &self.order
    }

    /// The sidebar has room for `rows` articles now.
    pub fn set_rows(&mut self, rows: usize) {
        self.rows = rows.max(1);
        self.keep_selection_in_view();
    }

    /// Adds a batch from the loader (merged into the sorted order) and
    /// returns its problems and the articles' warnings.
    pub fn add(&mut self, batch: Vec<Loaded>, now: Timestamp) -> (Vec<Problem>, Vec<usize>) {
        let mut problems = Vec::new();
        let mut added = Vec::new();
        for loaded in batch {
            match loaded {
                Loaded::Article(article) => {
                    problems.extend(article.article.warning_problem());
                    added.push(self.store.push(article));
                }
                Loaded::Problem(problem) => problems.push(problem),
            }
        }
        // Joining the order and filtering again cost a pass over the whole
        // list: done when the waiting articles are a quarter of it (a
        // million articles load in a few dozen passes, not thousands).
        let waiting = self.store.len() - self.merged;
        if waiting > 0 && waiting >= self.order.len() / 4 {
            self.merge_waiting();
            self.refresh(now);
        }
        (problems, added)
    }

    /// The articles loaded since the last merge join the sorted order:
    /// sorted among themselves, then merged (they cost their own sort and
    /// one pass, not a sort of the whole library).
    fn merge_waiting(&mut self) {
        if self.merged < self.store.len() {
            let waiting = (self.merged..self.store.len()).filter(|&i| !self.store.is_gone(i)).collect();
            self.merge_new(waiting);
        }
        self.merged = self.store.len();
    }

    /// Loading is over: the search columns are built now, so that the
    /// first keystroke only filters; a body search begun while loading
    /// missed the late articles and starts again.
    pub fn finish_loading(&mut self, now: Timestamp) -> Vec<Effect> {
        self.merge_waiting();
        let text = self.text_matches();
        let effects = if self.query.needs_bodies() { self.search_bodies(now, &text) } else { Vec::new() };
        self.refresh_with(now, text);
        effects
    }

    /// Orders the list by `order`.
    pub fn order_by(&mut self, order: SortOrder, now: Timestamp) {
        if self.order_by != order {
            self.keep_order();
            self.order_by = order;
            self.sort_order();
            self.refresh(now);
        }
    }

    /// Keeps the order as it is for a later return to its key, if every
    /// article is in it.
    fn keep_order(&mut self) {
        if self.merged != self.store.len() {
            return;
        }
        let (key, version) = (self.order_by.sort_key(), self.store.articles_version());
        self.earlier_orders.retain(|earlier| earlier.version == version && earlier.key != key);
        let Ok(order) = self.order.iter().map(|&i| u32::try_from(i)).collect::<Result<Vec<u32>, _>>() else { return };
        self.earlier_orders.push(EarlierOrder { key, version, order });
    }

    // ----- the filter line -----

    /// `/`: the filter line takes the keys, the cursor at its end.
    pub fn start_filter(&mut self) {
        self.editing_filter = true;
        self.filter_aid.reset();
        self.filter.apply(&Edit::End);
    }

    /// A key of the filter line (text typed or pasted, an edit, ↑/↓
    /// through `history`, Tab); the list follows what the line says.
    pub fn filter_key(&mut self, key: LineKey, history: &History, now: Timestamp) -> Vec<Effect> {
        self.editing_filter = true;
        let changed = match key {
            LineKey::Edit(edit) => {
                self.filter_aid.reset();
                self.filter.apply(&edit)
            }
            LineKey::Older => self.filter_aid.walk(&mut self.filter, history, true),
            LineKey::Newer => self.filter_aid.walk(&mut self.filter, history, false),
            LineKey::Complete { forward } => self.filter_aid.complete(&mut self.filter, &self.store, forward),
        };
        if changed { self.refilter(now) } else { Vec::new() }
    }

    /// Text typed into the filter line (for tests: no history).
    #[cfg(test)]
    pub fn type_filter(&mut self, text: &str, now: Timestamp) -> Vec<Effect> {
        self.filter_key(LineKey::Edit(Edit::Insert(text.to_owned())), &History::default(), now)
    }

    /// Enter: keeps the filter — unless it does not parse (the line stays
    /// open, the last good query in force).
    pub fn accept_filter(&mut self) {
        self.filter_aid.reset();
        if self.query_error.is_none() {
            self.editing_filter = false;
        }
    }

    /// Esc in the line, or in the list with a filter: no filter.
    pub fn clear_filter(&mut self, now: Timestamp) -> Vec<Effect> {
        self.editing_filter = false;
        self.filter_aid.reset();
        self.filter.set("");
        self.refilter(now)
    }

    /// The filter is now `filter` (a group chosen in the tree).
    pub fn set_filter(&mut self, filter: String, now: Timestamp) -> Vec<Effect> {
        self.filter.set(filter);
        self.refilter(now)
    }

    /// The filter line changed: parse it (keeping the last good query when
    /// it does not parse) and start a body search if it needs one.
    fn refilter(&mut self, now: Timestamp) -> Vec<Effect> {
        // Filtered while loading: every article loaded so far.
        let waiting = self.merged < self.store.len();
        self.merge_waiting();
        match search::parse(&self.filter.text) {
            Ok(query) if query != self.query => {
                self.query = query;
                self.query_error = None;
                let text = self.text_matches();
                let effects = self.search_bodies(now, &text);
                self.refresh_with(now, text);
                effects
            }
            // The same query (a space typed) keeps what was found; one that
            // does not parse keeps the last good query and its results.
            parsed => {
                self.query_error = parsed.err();
                if waiting {
                    self.refresh(now);
                }
                Vec::new()
            }
        }
    }

    // ----- the body search -----

    /// A new body search over the articles the rest of the query keeps.
    /// (`text`: which articles of `order` pass the text clauses.)
    fn search_bodies(&mut self, now: Timestamp, text: &TextHits) -> Vec<Effect> {
        self.body_search += 1;
        self.store.clear_hits();
        self.searching_bodies = self.query.needs_bodies();
        if !self.searching_bodies {
            return vec![Effect::StopBodySearch];
        }
        let (store, facts) = (&self.store, self.query.needs_facts());
        let articles = self
            .order
            .iter()
            .zip(&self.order_rows)
            .filter(|&(&i, &row)| {
                text.passes(row) && (!facts || search::matches_facts(&self.query, store.row(i).facts(), now))
            })
            .map(|(&i, _)| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        let bodies = Bodies::new(store.paths(), articles);
        vec![Effect::SearchBodies { generation: self.body_search, query: self.query.clone(), bodies }]
    }

    /// Body search `generation` is over (read every body, or failed).
    pub fn body_search_done(&mut self, generation: u64) {
        if generation == self.body_search {
            self.searching_bodies = false;
        }
    }

    // ----- order and filtering -----

    /// Sorts every live article by the list's key, once per batch or
    /// change of key, so that a keystroke in the filter only filters.
    fn sort_order(&mut self) {
        let key = self.order_by.sort_key();
        let store = &self.store;
        self.places.clear();
        let version = store.articles_version();
        self.earlier_orders.retain(|earlier| earlier.version == version);
        match self.earlier_orders.iter().position(|earlier| earlier.key == key) {
            Some(at) => {
                let earlier = self.earlier_orders.swap_remove(at);
                self.order = earlier.order.into_iter().map(|i| i as usize).collect();
            }
            None => {
                self.order = store.live().collect();
                sort_positions(&mut self.order, |i| store.row(i), key, false);
            }
        }
        self.merged = self.store.len();
        self.index_order();
    }

    /// Articles `moved` (read again: their keys may have changed, or gone)
    /// take their new places in the order: out of it, then merged back in
    /// if still live — one pass over the list, not a sort of it.
    fn reorder(&mut self, moved: &[usize]) {
        let mut is_moved = vec![false; self.store.len()];
        for &article in moved {
            if let Some(flag) = is_moved.get_mut(article) {
                *flag = true;
            }
        }
        self.order.retain(|&i| !is_moved[i]);
        let mut back: Vec<usize> = moved.iter().copied().filter(|&i| !self.store.is_gone(i)).collect();
        back.sort_unstable();
        back.dedup();
        self.merge_new(back);
    }

    /// `new` (not in `order`) sorted and merged into `order`.
    fn merge_new(&mut self, mut new: Vec<usize>) {
        let key = self.order_by.sort_key();
        let store = &self.store;
        sort_positions(&mut new, |i| store.row(i), key, false);
        self.places.clear();
        let old = std::mem::take(&mut self.order);
        let merged = merge_positions(old, new, |i| store.row(i), key);
        self.order = merged;
        self.index_order();
    }

    /// `order_rows` for `order` as it is now.
    fn index_order(&mut self) {
        let store = &self.store;
        self.order_rows = self.order.iter().map(|&i| store.search_row(i).unwrap_or(u32::MAX)).collect();
    }

    /// Which rows of the search columns pass the query's text clauses
    /// (`None`: the query has none, every article passes).
    fn text_matches(&self) -> TextHits {
        TextHits::of(self.query.needs_text().then(|| self.store.columns().select(&self.query)))
    }

    /// Filters and sorts the list again, keeping the selected article
    /// selected while it is still in the list.
    pub fn refresh(&mut self, now: Timestamp) {
        let text = self.text_matches();
        self.refresh_with(now, text);
    }

    /// `refresh`, with the text clauses' verdicts already known.
    fn refresh_with(&mut self, now: Timestamp, text: TextHits) {
        let keep = self.selected_article().filter(|_| self.chosen);
        let (query, store) = (&self.query, &self.store);
        let (bodies, facts, by_state) = (query.needs_bodies(), query.needs_facts(), query.needs_read_state());
        self.visible = self
            .order
            .iter()
            .zip(&self.order_rows)
            .filter(|&(&i, &row)| {
                text.passes(row)
                    && (!bodies || store.is_hit(i))
                    && (!facts || search::matches_facts(query, store.row(i).facts(), now))
                    && (!by_state || {
                        let state = store.state(i);
                        query.passes_read_state(state.read, state.starred)
                    })
            })
            .map(|(&i, _)| i)
            .collect();
        self.visible_version += 1;
        if self.order_by == SortOrder::Relevance && !self.query.is_empty() {
            let (query, store) = (&self.query, &self.store);
            let columns = store.columns();
            search::rank_by_relevance(&mut self.visible, |i| {
                store.search_row(i).map_or(0, |row| columns.relevance(row, query))
            });
        }
        self.reselect(keep);
    }

    /// Selects `keep` again where it is now in the list (else the first).
    fn reselect(&mut self, keep: Option<usize>) {
        self.selected = keep
            .and_then(|article| self.visible.iter().position(|&i| i == article))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
        self.keep_selection_in_view();
    }

    /// The list again after a change of read state, if the query asks
    /// for it (`is:unread`) — unless `open` is the changed article, which
    /// keeps its row (`J`/`K` go on from it) until the filter changes.
    pub fn state_changed(&mut self, article: usize, open: Option<usize>, now: Timestamp) {
        if self.query.needs_read_state() && open != Some(article) {
            self.refresh(now);
        }
    }

    // ----- the selection -----

    pub fn select_at(&mut self, position: usize) {
        self.selected = position.min(self.visible.len().saturating_sub(1));
        self.chosen = true;
        self.keep_selection_in_view();
    }

    pub fn select_by(&mut self, step: isize) {
        self.select_at(self.selected.saturating_add_signed(step));
    }

    /// Selects `article` if it is in the list.
    pub fn select_article(&mut self, article: usize) {
        if let Some(position) = self.visible.iter().position(|&i| i == article) {
            self.select_at(position);
        }
    }

    fn keep_selection_in_view(&mut self) {
        let rows = self.rows.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
        self.top = self.top.min(self.visible.len().saturating_sub(rows));
    }

    /// Where the query's words are in article `article`'s title (by
    /// character), for highlighting them.
    pub fn title_highlights(&self, article: usize) -> Vec<(usize, usize)> {
        match self.store.get(article) {
            Some(found) if !self.query.is_empty() => search::title_highlights(&self.query, found.title()),
            _ => Vec::new(),
        }
    }
}
