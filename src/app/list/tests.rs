//! The list on its own: batches merged in order, filtering, the selection,
//! body search generations, read state, orders.

use super::*;
use crate::file::{Outcome, article_from_bytes};
use crate::loader::Loaded;
use std::path::Path;

fn article(name: &str, title: &str, date: &str) -> Loaded {
    let text = format!("---\ntitle: '{title}'\ndate: {date}\n---\n<p>x</p>");
    match article_from_bytes(&Path::new("/library").join(name), text.as_bytes()) {
        Outcome::Article(article) => Loaded::from(article),
        other => panic!("not an article: {other:?}"),
    }
}

fn now() -> Timestamp {
    "2024-01-01T00:00:00Z".parse().expect("a time")
}

fn titles(list: &List) -> Vec<String> {
    list.visible.iter().map(|&i| list.store.row(i).title().to_string()).collect()
}

#[test]
fn batches_are_merged_newest_first_whatever_their_order() {
    let mut list = List::default();
    list.set_rows(10);
    list.add(vec![article("b.md", "B", "2022-01-02"), article("d.md", "D", "2022-01-04")], now());
    list.add(vec![article("a.md", "A", "2022-01-01"), article("c.md", "C", "2022-01-03")], now());
    list.add(vec![article("e.md", "E", "2022-01-05")], now());
    assert_eq!(titles(&list), ["E", "D", "C", "B", "A"]);
    assert_eq!(list.article_count(), 5);
    list.order_by(SortOrder::Title, now());
    assert_eq!(titles(&list), ["A", "B", "C", "D", "E"]);
}

#[test]
fn titles_sort_as_read_while_batches_arrive() {
    let mut list = List::default();
    list.set_rows(10);
    list.order_by(SortOrder::Title, now());
    list.add(vec![article("1.md", "终于", "2022-01-01"), article("2.md", "さくら", "2022-01-02")], now());
    let batch = ["俄罗斯", "Zebra", "獨立", "あさひ", "独立"];
    list.add(batch.iter().enumerate().map(|(n, t)| article(&format!("b{n}.md"), t, "2022-01-03")).collect(), now());
    let expected = ["Zebra", "あさひ", "さくら", "独立", "獨立", "俄罗斯", "终于"];
    assert_eq!(titles(&list), expected, "merged batch by batch");
    let mut at_once = List::default();
    at_once.set_rows(10);
    let all = ["终于", "さくら"].iter().chain(batch.iter());
    at_once.add(all.enumerate().map(|(n, t)| article(&format!("{n}.md"), t, "2022-01-03")).collect(), now());
    at_once.order_by(SortOrder::Title, now());
    assert_eq!(titles(&at_once), expected, "sorted at once");
}

#[test]
fn an_order_made_before_comes_back_until_the_articles_change() {
    let mut list = List::default();
    list.set_rows(10);
    list.add(vec![article("b.md", "B", "2022-01-01"), article("a.md", "A", "2022-01-02")], now());
    list.order_by(SortOrder::Title, now());
    list.order_by(SortOrder::Date, now());
    assert_eq!(titles(&list), ["A", "B"], "newest first");
    list.order_by(SortOrder::Title, now());
    assert_eq!(titles(&list), ["A", "B"]);
    assert_eq!(list.earlier_orders.len(), 1, "the date order kept");
    // A new article: every kept order is stale.
    list.add(vec![article("c.md", "0 first", "2021-01-01")], now());
    assert_eq!(titles(&list), ["0 first", "A", "B"]);
    list.order_by(SortOrder::Date, now());
    assert_eq!(titles(&list), ["A", "B", "0 first"], "sorted again, the new one in it");
    list.order_by(SortOrder::Author, now());
    list.order_by(SortOrder::Title, now());
    assert_eq!(titles(&list), ["0 first", "A", "B"]);
    assert!(list.earlier_orders.len() <= 2, "one order per other key at most");
}

#[test]
fn the_newest_article_is_selected_while_batches_arrive_until_one_is_chosen() {
    let mut list = List::default();
    list.set_rows(5);
    // Batches in arrival order (folder by folder), not newest first.
    list.add(vec![article("b.md", "B", "2022-01-02")], now());
    assert_eq!(list.selected_article().map(|i| list.store.row(i).title()), Some("B"));
    list.add(vec![article("c.md", "C", "2022-01-03"), article("a.md", "A", "2022-01-01")], now());
    list.add(vec![article("e.md", "E", "2022-01-05")], now());
    assert_eq!((list.selected, list.top), (0, 0));
    assert_eq!(list.selected_article().map(|i| list.store.row(i).title()), Some("E"), "the newest");
    list.select_by(1);
    list.add(vec![article("f.md", "F", "2022-01-06")], now());
    assert_eq!(list.selected_article().map(|i| list.store.row(i).title()), Some("C"), "chosen: it stays");
}

#[test]
fn the_selection_follows_its_article_and_stays_in_view() {
    let mut list = List::default();
    list.set_rows(2);
    let batch = (0..9).map(|n| article(&format!("{n}.md"), &format!("T{n}"), &format!("2022-01-0{}", n + 1))).collect();
    list.add(batch, now());
    list.select_at(6);
    assert_eq!(list.top, 5, "the selection is the last row in view");
    let chosen = list.selected_article();
    let newer = (1..=3).map(|n| article(&format!("new{n}.md"), "Newer", &format!("2023-01-0{n}"))).collect();
    list.add(newer, now());
    assert_eq!(list.selected_article(), chosen, "a batch above it keeps it selected");
    assert_eq!(list.selected, 9);
    list.select_by(-100);
    assert_eq!((list.selected, list.top), (0, 0));
    list.select_by(100);
    assert_eq!(list.selected, 11);
}

#[test]
fn the_filter_parses_as_typed_and_keeps_the_last_good_query() {
    let mut list = List::default();
    list.add(vec![article("a.md", "Alpha", "2022-01-01"), article("b.md", "Beta", "2022-01-02")], now());
    list.type_filter("alp", now());
    assert_eq!(titles(&list), ["Alpha"]);
    list.type_filter(" date:2021-13", now());
    assert!(list.query_error.is_some());
    assert_eq!(titles(&list), ["Alpha"], "the last good query stays in force");
    list.accept_filter();
    assert!(list.editing_filter, "Enter on a bad query keeps the line open");
    list.clear_filter(now());
    assert_eq!(titles(&list).len(), 2);
    assert!(!list.editing_filter && list.query_error.is_none());
}

#[test]
fn body_hits_of_an_old_search_are_ignored() {
    let mut list = List::default();
    list.add(vec![article("a.md", "Alpha", "2022-01-01"), article("b.md", "Beta", "2022-01-02")], now());
    let first = list.type_filter("body:word", now());
    let [Effect::SearchBodies { generation: old, bodies, .. }] = &first[..] else { panic!("{first:?}") };
    assert_eq!(bodies.articles.len(), 2);
    assert!(list.visible.is_empty() && list.searching_bodies, "nothing found yet");
    let second = list.type_filter("s", now());
    let [Effect::SearchBodies { generation: new, .. }] = &second[..] else { panic!("{second:?}") };
    assert_ne!(old, new);
    list.body_hits(*old, &[0]);
    assert!(list.visible.is_empty(), "hits of the old search do not count");
    list.body_search_done(*old);
    assert!(list.searching_bodies, "nor does its end");
    list.body_hits(*new, &[1]);
    assert_eq!(titles(&list), ["Beta"]);
    list.body_search_done(*new);
    assert!(!list.searching_bodies);
    assert_eq!(list.clear_filter(now()), [Effect::StopBodySearch]);
}

#[test]
fn a_read_state_change_refilters_unless_it_is_the_open_article() {
    let mut list = List::default();
    list.add(vec![article("a.md", "Alpha", "2022-01-01"), article("b.md", "Beta", "2022-01-02")], now());
    list.type_filter("is:unread", now());
    assert_eq!(titles(&list).len(), 2);
    let beta = list.visible[0];
    if let Some(state) = list.store.state_mut(beta) {
        state.read = true;
    }
    list.state_changed(beta, Some(beta), now());
    assert_eq!(titles(&list).len(), 2, "the open article keeps its row");
    list.state_changed(beta, None, now());
    assert_eq!(titles(&list), ["Alpha"]);
    assert_eq!(list.unread_count(), 1);
}

#[test]
fn relevance_ranks_the_filtered_list_and_highlights_the_words() {
    let mut list = List::default();
    list.add(
        vec![
            article("a.md", "Older: about Rust", "2021-01-01"),
            article("b.md", "Rust in the terminal", "2020-01-01"),
            article("c.md", "Rust", "2019-01-01"),
        ],
        now(),
    );
    list.order_by(SortOrder::Relevance, now());
    list.type_filter("rust", now());
    assert_eq!(titles(&list), ["Rust", "Rust in the terminal", "Older: about Rust"]);
    let older = list.visible[2];
    assert_eq!(list.title_highlights(older), [(13, 17)]);
}

#[test]
fn hits_arriving_in_batches_make_the_list_filtering_again_would() {
    let titles_of = ["Alpha news", "alpha", "Beta alpha", "Gamma", "alphabet soup", "Delta alpha x"];
    for (order, filter) in [
        (SortOrder::Date, "body:w"),
        (SortOrder::Title, "body:w"),
        (SortOrder::Relevance, "alpha body:w"),
        (SortOrder::Relevance, "body:w"),
        (SortOrder::Date, "is:unread body:w"),
    ] {
        let mut list = List::default();
        list.set_rows(4);
        let batch = (0..30)
            .map(|n| article(&format!("{n}.md"), titles_of[n % titles_of.len()], &format!("2022-01-{:02}", n % 28 + 1)))
            .collect();
        list.add(batch, now());
        list.order_by(order, now());
        if let Some(state) = list.store.state_mut(0) {
            state.read = true;
        }
        let effects = list.type_filter(filter, now());
        let Some(Effect::SearchBodies { generation, bodies, .. }) = effects.into_iter().next() else {
            panic!("no body search for {filter}")
        };
        list.select_at(0);
        // Hits in an order of their own, in uneven batches.
        let mut hits: Vec<usize> = bodies.articles.iter().map(|&a| a as usize).filter(|a| a % 3 != 1).collect();
        hits.reverse();
        let third = hits.len() / 3;
        hits.rotate_left(third);
        for batch in hits.chunks(4) {
            list.body_hits(generation, batch);
            let selected = list.selected_article();
            let incremental = list.visible.clone();
            list.refresh(now());
            assert_eq!(incremental, list.visible, "{order:?} {filter}");
            assert_eq!(selected, list.selected_article(), "the selection stays on its article");
        }
        assert!(!list.visible.is_empty(), "{order:?} {filter}");
        assert_eq!(list.visible.contains(&0), !filter.contains("unread"), "a read article hit");
    }
}

#[test]
fn changes_on_disk_leave_the_order_a_full_sort_would_give() {
    for order in [SortOrder::Date, SortOrder::Title, SortOrder::Path] {
        let mut list = List::default();
        list.set_rows(5);
        let date = |n: usize| format!("2022-{:02}-{:02}", n % 12 + 1, n * 7 % 28 + 1);
        let batch = (0..40).map(|n| article(&format!("{n}.md"), &format!("T{}", n * 13 % 40), &date(n))).collect();
        list.add(batch, now());
        list.order_by(order, now());
        // Some read again with other dates and titles, some gone, some new.
        let loaded = (0..40)
            .step_by(3)
            .map(|n| article(&format!("{n}.md"), &format!("U{}", n * 7 % 40), &date(n * 5 + 1)))
            .chain((40..46).map(|n| article(&format!("{n}.md"), &format!("N{n}"), &date(n))))
            .collect();
        let removed = (1..40).step_by(7).map(|n| Path::new("/library").join(format!("{n}.md"))).collect();
        let applied = list.apply(crate::loader::Changes { loaded, removed, scanned: Vec::new() }, now());
        assert_eq!((applied.added.len(), applied.deleted.len()), (6, 6), "{order:?}");
        let in_place = list.in_order().to_vec();
        list.sort_order();
        assert_eq!(in_place, list.in_order(), "{order:?}");
        assert_eq!(in_place.len(), 40);
    }
}

#[test]
fn small_batches_wait_to_join_a_big_list_and_all_are_there_when_loading_ends() {
    let mut list = List::default();
    list.set_rows(5);
    let batch = (0..40).map(|n| article(&format!("{n}.md"), &format!("T{n}"), &format!("2022-01-{:02}", n % 28 + 1)));
    list.add(batch.collect(), now());
    assert_eq!(list.article_count(), 40);
    // Fewer than a quarter of the list: they wait (no pass over the list)…
    for n in 0..5 {
        list.add(vec![article(&format!("late{n}.md"), "Late", &format!("2023-01-0{}", n + 1))], now());
    }
    assert_eq!(list.article_count(), 40, "waiting");
    // …a keystroke sees every article loaded so far…
    list.type_filter("late", now());
    assert_eq!(titles(&list), ["Late"; 5]);
    list.clear_filter(now());
    // …and loading's end merges the rest, newest first.
    list.add(vec![article("last.md", "Last", "2024-01-01")], now());
    list.finish_loading(now());
    assert_eq!(list.article_count(), 46);
    let in_place = list.in_order().to_vec();
    list.sort_order();
    assert_eq!(in_place, list.in_order());
    assert_eq!(titles(&list).first().map(String::as_str), Some("Last"));
}

#[test]
fn the_filter_finds_articles_by_their_text_after_every_kind_of_change() {
    let mut list = List::default();
    list.set_rows(5);
    list.add((0..8).map(|n| article(&format!("{n}.md"), &format!("old{n}"), "2022-01-01")).collect(), now());
    // A batch waiting to join, then a rewrite on disk with a new title.
    list.add(vec![article("late.md", "late", "2022-02-01")], now());
    list.set_filter("late".into(), now());
    assert_eq!(titles(&list), ["late"], "before");
    list.clear_filter(now());
    let changes = crate::loader::Changes {
        loaded: vec![article("3.md", "fresh", "2022-03-01"), article("new.md", "fresh too", "2021-01-01")],
        ..Default::default()
    };
    list.apply(changes, now());
    list.set_filter("late".into(), now());
    assert_eq!(titles(&list), ["late"], "after the change");
    list.set_filter("fresh".into(), now());
    assert_eq!(titles(&list), ["fresh", "fresh too"]);
    list.set_filter("old3".into(), now());
    assert!(titles(&list).is_empty(), "{:?}", titles(&list));
    list.set_filter("late".into(), now());
    assert_eq!(titles(&list), ["late"]);
    list.order_by(SortOrder::Title, now());
    list.set_filter("old".into(), now());
    assert_eq!(titles(&list), ["old0", "old1", "old2", "old4", "old5", "old6", "old7"]);
}

#[test]
fn text_hits_as_bits_say_what_the_rows_said() {
    let rows: Vec<bool> = (0..200).map(|n| n % 3 == 0 || n == 63 || n == 64 || n == 199).collect();
    let hits = TextHits::of(Some(rows.clone()));
    for (row, &hit) in rows.iter().enumerate() {
        assert_eq!(hits.passes(row as u32), hit, "row {row}");
    }
    assert!(!hits.passes(200) && !hits.passes(u32::MAX), "rows past the end do not pass");
    assert!(TextHits::of(None).passes(12_345), "no text clause: every row passes");
}
