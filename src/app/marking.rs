//! Moving through unread articles as newsreaders do (the next unread one,
//! Space at an article's end, the list's unread articles only), and marks
//! made safe: `M` asks first when it marks more than one article, and every
//! mark by hand can be undone.

use super::status::plural;
use super::{App, Effect, Focus};

/// How many mark actions `U` can undo, newest first.
const UNDO_DEPTH: usize = 50;

/// The filter word that keeps unread articles.
const UNREAD_ONLY: &str = "is:unread";

/// The marks of some articles before a mark action: read, starred.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarksBefore {
    articles: Vec<(usize, bool, bool)>,
    what: &'static str,
}

/// A question waiting for `y` in the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// `M` on this many unread articles.
    MarkAllRead(usize),
}

impl Question {
    pub fn text(self) -> String {
        match self {
            Question::MarkAllRead(n) => format!("Mark {n} articles read? y: yes, any other key: no"),
        }
    }
}

/// Marks that can be undone, and the question asked.
#[derive(Debug, Default)]
pub struct Marking {
    undo: Vec<MarksBefore>,
    pub question: Option<Question>,
}

impl App {
    /// Remembers the marks of `articles` before `what` changes them.
    pub(super) fn before_marking(&mut self, articles: &[usize], what: &'static str) {
        let marks = articles
            .iter()
            .map(|&number| {
                let state = self.list.store.state(number);
                (number, state.read, state.starred)
            })
            .collect();
        self.marking.undo.push(MarksBefore { articles: marks, what });
        let over = self.marking.undo.len().saturating_sub(UNDO_DEPTH);
        self.marking.undo.drain(..over);
    }

    /// `U`: the marks as they were before the last mark action.
    pub(super) fn undo_marks(&mut self) {
        let Some(before) = self.marking.undo.pop() else {
            self.status.say("Nothing to undo");
            return;
        };
        self.set_marks(&before.articles);
        let count = before.articles.len();
        self.status.say(format!("Undone: {} ({count} article{})", before.what, plural(count)));
    }

    /// `M`: asks first when more than one article would change.
    pub(super) fn ask_mark_all_read(&mut self) {
        let unread = self.unread_in_list().count();
        match unread {
            0 => self.status.say("Every article of the list is read"),
            1 => self.mark_all_read(),
            n => {
                self.marking.question = Some(Question::MarkAllRead(n));
                self.status.say(Question::MarkAllRead(n).text());
            }
        }
    }

    /// The answer to the question asked (`yes`: `y`).
    pub(super) fn answer(&mut self, yes: bool) {
        match self.marking.question.take() {
            Some(Question::MarkAllRead(_)) if yes => self.mark_all_read(),
            Some(_) => self.status.say("Nothing marked"),
            None => {}
        }
    }

    /// The unread articles of the list as shown.
    pub(super) fn unread_in_list(&self) -> impl Iterator<Item = usize> + '_ {
        self.list.visible.iter().copied().filter(|&i| !self.read_state(i).read)
    }

    /// The next unread article of the list after the selection (round the
    /// end), opened.
    pub(super) fn open_next_unread(&mut self) -> Vec<Effect> {
        let count = self.list.visible.len();
        let open = self.reading.article();
        let next = (1..=count).map(|step| (self.list.selected + step) % count).find(|&at| {
            let article = self.list.visible[at];
            Some(article) != open && !self.read_state(article).read
        });
        let Some(at) = next else {
            self.status.say(if self.list.query().is_empty() {
                "No unread articles left"
            } else {
                "No unread articles left in this list"
            });
            return Vec::new();
        };
        self.list.select_at(at);
        self.focus = Focus::Reader;
        self.relayout();
        self.reading.ask(self.list.visible[at]);
        vec![Effect::ReadArticle(self.list.visible[at])]
    }

    /// Whether the open article is scrolled to its end.
    pub(super) fn reader_at_end(&self) -> bool {
        let height = self.reader_height();
        self.reading.open.as_ref().is_some_and(|reader| reader.top + height >= reader.layout.lines.len())
    }

    /// `R`: the list's unread articles only (`is:unread` joins the filter),
    /// or all of them again.
    pub(super) fn toggle_unread_only(&mut self) -> Vec<Effect> {
        let words = crate::search::query::words(&self.list.filter.text).unwrap_or_default();
        let shown = words.iter().any(|w| w.eq_ignore_ascii_case(UNREAD_ONLY));
        let filter = if shown {
            super::groups::replace_words(&self.list.filter.text, |w| w.eq_ignore_ascii_case(UNREAD_ONLY), None)
        } else {
            let text = self.list.filter.text.trim();
            if text.is_empty() { UNREAD_ONLY.to_owned() } else { format!("{text} {UNREAD_ONLY}") }
        };
        self.status.say(if shown { "All articles of the list" } else { "Unread articles only (R again: all)" });
        let keep = self.list.selected_article();
        let effects = self.list.set_filter(filter, self.now.time);
        if let Some(article) = keep {
            self.list.select_article(article);
        }
        effects
    }
}
