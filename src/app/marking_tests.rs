//! The unread articles in turn (the next one, Space at an article's end,
//! the list's unread only), `M`'s question and undoing marks.

use super::tests::{Live, document, titles};
use super::{Action, Command, Effect, Focus};

const FOUR: [(&str, &str); 4] = [("a.md", "Alpha"), ("bb.md", "Beta"), ("ccc.md", "Gamma"), ("dddd.md", "Delta")];

/// The article asked for read and shown (as the shell would).
fn arrive(live: &mut Live, effects: &[Effect], html: &str) -> usize {
    let [Effect::ReadArticle(article)] = effects[..] else { panic!("one article asked for, not {effects:?}") };
    live.app.update(Action::ArticleRead { article, document: Ok(document(html)) });
    article
}

fn title(live: &Live, article: usize) -> String {
    live.app.list.store.row(article).title().to_owned()
}

#[test]
fn the_next_unread_article_skips_read_ones_and_goes_round_the_end() {
    let (mut live, _data) = Live::with_state(&FOUR);
    let order: Vec<String> = titles(&live.app).iter().map(|t| t.to_string()).collect();
    // The second is read already.
    live.app.update(Action::Command(Command::Down));
    live.app.update(Action::Command(Command::ToggleRead));
    live.app.update(Action::Command(Command::Top));
    let effects = live.app.update(Action::Command(Command::Open));
    let first = arrive(&mut live, &effects, "<p>short</p>");
    let effects = live.app.update(Action::Command(Command::NextUnread));
    let next = arrive(&mut live, &effects, "<p>short</p>");
    assert_eq!(title(&live, next), order[2], "past the read one");
    assert_eq!(live.app.focus, Focus::Reader);
    assert_eq!(live.app.selected_article(), Some(next), "the list follows");
    let effects = live.app.update(Action::Command(Command::NextUnread));
    arrive(&mut live, &effects, "<p>short</p>");
    let effects = live.app.update(Action::Command(Command::NextUnread));
    assert_eq!(arrive(&mut live, &effects, "<p>short</p>"), first, "round the end, to the first still unread");
    // All read: it says so.
    for article in live.app.list.visible.clone() {
        live.app.set_read(article, true);
    }
    assert!(live.app.update(Action::Command(Command::NextUnread)).is_empty());
    assert_eq!(live.app.status.message.as_deref(), Some("No unread articles left"));
}

#[test]
fn space_at_the_end_of_an_article_opens_the_next_unread_one() {
    let (mut live, _data) = Live::with_state(&FOUR);
    let order: Vec<String> = titles(&live.app).iter().map(|t| t.to_string()).collect();
    let long: String = (0..80).map(|n| format!("<p>paragraph {n}</p>")).collect();
    let effects = live.app.update(Action::Command(Command::Open));
    arrive(&mut live, &effects, &long);
    // Space pages down until the end…
    let mut pages = 0;
    while !live.app.reader_at_end() {
        assert!(live.app.update(Action::Command(Command::PageDown)).is_empty(), "a page, no article");
        pages += 1;
        assert!(pages < 100);
    }
    assert!(pages > 1);
    // …and there, opens the next unread article.
    let effects = live.app.update(Action::Command(Command::PageDown));
    let next = arrive(&mut live, &effects, "<p>short</p>");
    assert_eq!(title(&live, next), order[1]);
}

#[test]
fn shift_m_asks_first_and_any_marking_can_be_undone() {
    let (mut live, _data) = Live::with_state(&FOUR);
    live.app.update(Action::Command(Command::ToggleStar));
    live.app.update(Action::Command(Command::Down));
    live.app.update(Action::Command(Command::ToggleRead));
    assert_eq!(live.app.list.unread_count(), 3);
    live.app.update(Action::Command(Command::MarkAllRead));
    assert!(live.app.status.message.as_deref().is_some_and(|m| m.starts_with("Mark 3 articles read?")));
    live.app.update(Action::Answer(false));
    assert_eq!(live.app.list.unread_count(), 3, "no: nothing marked");
    assert_eq!(live.app.status.message.as_deref(), Some("Nothing marked"));
    live.app.update(Action::Command(Command::MarkAllRead));
    live.app.update(Action::Answer(true));
    assert_eq!(live.app.list.unread_count(), 0);
    // U: before M (three unread again, the second still read).
    live.app.update(Action::Command(Command::UndoMarks));
    assert_eq!(live.app.list.unread_count(), 3);
    let second = live.app.list.visible[1];
    assert!(live.app.list.store.state(second).read, "the one read before M stays read");
    // U: before m.
    live.app.update(Action::Command(Command::UndoMarks));
    assert_eq!(live.app.list.unread_count(), 4);
    // U: before s, the star gone; then nothing left.
    let first = live.app.list.visible[0];
    assert!(live.app.list.store.state(first).starred);
    live.app.update(Action::Command(Command::UndoMarks));
    assert!(!live.app.list.store.state(first).starred);
    live.app.update(Action::Command(Command::UndoMarks));
    assert_eq!(live.app.status.message.as_deref(), Some("Nothing to undo"));
    // The store follows the undoing.
    let root = std::fs::canonicalize(live.dir.path()).expect("canonical");
    let key = crate::state::relative_key(live.dir.path(), &live.app.list.store.row(first).path()).expect("a key");
    let store = live.app.state.store.as_ref().expect("a store");
    assert!(!store.is_starred(&root, &key) && !store.is_read(&root, &key));
}

#[test]
fn shift_m_on_a_single_unread_article_marks_it_without_asking() {
    let (mut live, _data) = Live::with_state(&FOUR[..2]);
    live.app.update(Action::Command(Command::ToggleRead));
    live.app.update(Action::Command(Command::MarkAllRead));
    assert_eq!(live.app.list.unread_count(), 0);
    assert!(live.app.marking.question.is_none());
}

#[test]
fn the_unread_only_view_toggles_and_keeps_the_filter() {
    let (mut live, _data) = Live::with_state(&FOUR);
    live.app.update(Action::Command(Command::ToggleRead));
    live.app.update(Action::Command(Command::UnreadOnly));
    assert_eq!(live.app.list.filter.text, "is:unread");
    assert_eq!(live.app.list.visible.len(), 3);
    live.app.update(Action::Command(Command::UnreadOnly));
    assert_eq!(live.app.list.filter.text, "");
    assert_eq!(live.app.list.visible.len(), 4);
    live.app.update(Action::Command(Command::Filter));
    live.app.update(Action::FilterText("a".to_owned()));
    live.app.update(Action::FilterAccept);
    let with_a = live.app.list.visible.len();
    live.app.update(Action::Command(Command::UnreadOnly));
    assert_eq!(live.app.list.filter.text, "a is:unread");
    assert!(live.app.list.visible.len() < with_a);
    live.app.update(Action::Command(Command::UnreadOnly));
    assert_eq!(live.app.list.filter.text, "a");
}

#[test]
fn undoing_a_mark_of_the_unread_only_list_brings_every_article_back_with_its_star() {
    let (mut live, _data) = Live::with_state(&FOUR);
    live.app.update(Action::Command(Command::ToggleStar));
    live.app.update(Action::Command(Command::UnreadOnly));
    live.app.update(Action::Command(Command::MarkAllRead));
    live.app.update(Action::Answer(true));
    assert!(live.app.list.visible.is_empty(), "all read: the unread list is empty");
    live.app.update(Action::Command(Command::UndoMarks));
    assert_eq!(live.app.list.visible.len(), 4, "the list refreshed after the undo");
    assert_eq!(live.app.list.unread_count(), 4);
    let starred = (0..4).filter(|&i| live.app.list.store.state(i).starred).count();
    assert_eq!(starred, 1, "the star stays");
    // The store agrees, each article of it.
    let root = std::fs::canonicalize(live.dir.path()).expect("canonical");
    let store = live.app.state.store.as_ref().expect("a store");
    for article in 0..4 {
        let key = crate::state::relative_key(live.dir.path(), &live.app.list.store.row(article).path()).expect("a key");
        assert!(!store.is_read(&root, &key), "{key} still read in the store");
        assert_eq!(store.is_starred(&root, &key), live.app.list.store.state(article).starred, "{key}");
    }
}

#[test]
fn a_filtered_list_counts_its_own_unread_as_marks_change() {
    let (mut live, _data) = Live::with_state(&FOUR);
    live.app.update(Action::Command(Command::Filter));
    live.app.update(Action::FilterText("Alpha".to_owned()));
    live.app.update(Action::FilterAccept);
    assert_eq!((live.app.list.visible.len(), live.app.list.unread_here()), (1, 1));
    live.app.update(Action::Command(Command::ToggleRead));
    assert_eq!(live.app.list.unread_here(), 0, "counted again after the mark");
    assert_eq!(live.app.list.unread_count(), 3, "the library's own count");
    live.app.update(Action::Command(Command::Filter));
    live.app.update(Action::FilterText("a".to_owned()));
    live.app.update(Action::FilterAccept);
    let here = live.app.list.visible.iter().filter(|&&i| !live.app.list.store.state(i).read).count();
    assert_eq!(live.app.list.unread_here(), here, "counted again for the new list");
}
