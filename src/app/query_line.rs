//! The query line's help beyond editing: walking through earlier queries
//! with ↑/↓ (those that start with what was typed, as fish and zsh do) and
//! completing field names and values with Tab.

use crate::text::{Edit, Line};

/// How many earlier queries are kept, per line.
pub const HISTORY_LENGTH: usize = 100;

/// A key of the query line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKey {
    Edit(Edit),
    /// ↑ and ↓: an earlier query, a later one.
    Older,
    Newer,
    /// Tab and Shift-Tab: the next or previous completion.
    Complete {
        forward: bool,
    },
}

/// Earlier queries, oldest first, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
}

impl History {
    pub fn new(entries: Vec<String>) -> History {
        let mut history = History::default();
        for entry in entries {
            history.push(&entry);
        }
        history
    }

    /// `query` as the newest (an earlier copy is dropped); blank ones are
    /// not kept. Returns whether it was kept.
    pub fn push(&mut self, query: &str) -> bool {
        let query = query.trim();
        if query.is_empty() {
            return false;
        }
        self.entries.retain(|entry| entry != query);
        self.entries.push(query.to_owned());
        let over = self.entries.len().saturating_sub(HISTORY_LENGTH);
        self.entries.drain(..over);
        true
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

/// The earlier filters of the list and finds of the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histories {
    pub filter: History,
    pub find: History,
}

/// What ↑/↓ and Tab are in the middle of; any other key ends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineAid {
    walk: Option<Walk>,
    completion: Option<Completion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Walk {
    /// The line as typed before the walk, and its prefix that entries match.
    typed: String,
    /// The entry shown, an index into the history.
    at: usize,
}

/// Completions of one word: the word's place in the line and the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    start: usize,
    pub choices: Vec<String>,
    /// The choice in the line (`None`: the word as typed).
    pub chosen: Option<usize>,
    typed: String,
}

/// What a word could become, asked of the library by field.
pub trait Choices {
    /// Values of `field` (`in`, `cat`, `author`) that start with `prefix`,
    /// folded as the filter folds.
    fn values(&self, field: &str, prefix: &str) -> Vec<String>;
}

/// The fields a query can name, with the values of those that have few.
pub const FIELDS: [(&str, &[&str], &str); 11] = [
    ("title", &[], "words in the title"),
    ("author", &[], "an author"),
    ("cat", &[], "a category or tag"),
    ("in", &[], "a folder and those below it"),
    ("body", &[], "words in the text"),
    ("date", &[], "2021-12 or 2021-12-01..2021-12-31"),
    ("after", &[], "from this date on"),
    ("before", &[], "up to this date"),
    ("newer", &["1d", "7d", "2w", "12h"], "recent: 7d, 2w, 12h"),
    ("has", &["image", "link"], "image or link"),
    ("is", &["unread", "read", "starred", "draft"], "unread, read, starred, draft"),
];

impl LineAid {
    /// The completion shown, if Tab was the last key.
    pub fn completion(&self) -> Option<&Completion> {
        self.completion.as_ref()
    }

    /// Forgets the walk and the completion (the line was edited).
    pub fn reset(&mut self) {
        *self = LineAid::default();
    }

    /// ↑ (`older`) or ↓: the next entry of `history` starting with what was
    /// typed; past the newest, the line as typed. Returns whether the line
    /// changed.
    pub fn walk(&mut self, line: &mut Line, history: &History, older: bool) -> bool {
        self.completion = None;
        let entries = history.entries();
        let walk = self.walk.get_or_insert_with(|| Walk { typed: line.text.clone(), at: entries.len() });
        let typed = walk.typed.as_str();
        let matching = |i: &usize| entries[*i].starts_with(typed.trim_start()) && entries[*i] != typed;
        let next = if older {
            (0..walk.at.min(entries.len())).rev().find(matching)
        } else {
            (walk.at + 1..entries.len()).find(matching).or(Some(entries.len()))
        };
        let Some(at) = next.filter(|&at| at != walk.at) else { return false };
        line.set(entries.get(at).cloned().unwrap_or_else(|| walk.typed.clone()));
        walk.at = at;
        true
    }

    /// Tab (`forward`) or Shift-Tab: the word before the cursor becomes
    /// the next (previous) of its completions. Returns whether the line
    /// changed.
    pub fn complete(&mut self, line: &mut Line, choices: &dyn Choices, forward: bool) -> bool {
        self.walk = None;
        if self.completion.is_none() {
            let (start, word) = word_before(line);
            let typed = word.to_owned();
            let choices = completions(&typed, choices);
            self.completion = Some(Completion { start, choices, chosen: None, typed });
        }
        let Some(completion) = self.completion.as_mut() else { return false };
        let count = completion.choices.len();
        if count == 0 {
            return false;
        }
        completion.chosen = Some(match (completion.chosen, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(at), true) => (at + 1) % count,
            (Some(at), false) => (at + count - 1) % count,
        });
        let now = completion.chosen.and_then(|at| completion.choices.get(at)).cloned().unwrap_or_default();
        let end = line.cursor();
        line.replace(completion.start..end, &now);
        // A single choice is taken: the next Tab completes the next word.
        if count == 1 {
            self.completion = None;
        }
        true
    }
}

/// The word the cursor is at the end of: from the last space outside
/// quotes, and where it starts.
fn word_before(line: &Line) -> (usize, &str) {
    let head = line.before_cursor();
    let mut start = 0;
    let mut quoted = false;
    for (at, c) in head.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => start = at + c.len_utf8(),
            _ => {}
        }
    }
    (start, &head[start..])
}

/// What `word` (with any `-` before it) could become: a field name, or a
/// value of the field it names (quoted when it holds a space).
pub fn completions(word: &str, choices: &dyn Choices) -> Vec<String> {
    let (negation, word) = match word.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", word),
    };
    let Some((field, value)) = word.split_once(':') else {
        let lower = word.to_lowercase();
        return FIELDS
            .iter()
            .filter(|(name, ..)| name.starts_with(&lower))
            .map(|(name, ..)| format!("{negation}{name}:"))
            .collect();
    };
    let field = field.to_lowercase();
    let prefix = value.trim_start_matches('"');
    let values = match FIELDS.iter().find(|(name, ..)| *name == field) {
        Some((_, fixed, _)) if !fixed.is_empty() => {
            fixed.iter().filter(|v| v.starts_with(&prefix.to_lowercase())).map(|v| (*v).to_owned()).collect()
        }
        Some(_) if matches!(field.as_str(), "in" | "cat" | "author") => choices.values(&field, prefix),
        _ => Vec::new(),
    };
    values
        .into_iter()
        .map(|value| {
            let value = if value.contains(char::is_whitespace) { format!("\"{value}\"") } else { value };
            format!("{negation}{field}:{value}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Library;

    impl Choices for Library {
        fn values(&self, field: &str, prefix: &str) -> Vec<String> {
            let all: &[&str] = match field {
                "cat" => &["Hong Kong", "Rust", "rust-lang", "乌克兰"],
                "author" => &["张三", "张伟", "Ann"],
                "in" => &["新媒体", "新媒体/Aljazeera", "blog"],
                _ => &[],
            };
            all.iter()
                .filter(|v| v.to_lowercase().starts_with(&prefix.to_lowercase()))
                .map(|v| (*v).to_owned())
                .collect()
        }
    }

    fn line(text: &str) -> Line {
        Line::new(text)
    }

    #[test]
    fn history_keeps_each_query_once_newest_last_and_a_hundred_at_most() {
        let mut history = History::new(vec!["a".into(), "b".into(), " a ".into(), "".into()]);
        assert_eq!(history.entries(), ["b", "a"]);
        for n in 0..150 {
            history.push(&format!("q{n}"));
        }
        assert_eq!(history.entries().len(), HISTORY_LENGTH);
        assert_eq!(history.entries().last().map(String::as_str), Some("q149"));
        assert!(!history.push("   "));
    }

    #[test]
    fn up_and_down_walk_the_history_and_come_back_to_what_was_typed() {
        let history = History::new(vec!["cat:rust".into(), "乌克兰".into(), "author:ann".into()]);
        let (mut aid, mut line) = (LineAid::default(), line(""));
        assert!(aid.walk(&mut line, &history, true));
        assert_eq!(line.text, "author:ann");
        assert!(aid.walk(&mut line, &history, true));
        assert_eq!(line.text, "乌克兰");
        assert!(aid.walk(&mut line, &history, true));
        assert!(!aid.walk(&mut line, &history, true), "the oldest stays");
        assert_eq!(line.text, "cat:rust");
        assert!(aid.walk(&mut line, &history, false));
        assert!(aid.walk(&mut line, &history, false));
        assert!(aid.walk(&mut line, &history, false));
        assert_eq!(line.text, "", "past the newest: the line as typed");
        assert!(!aid.walk(&mut line, &history, false));
    }

    #[test]
    fn up_after_typing_walks_only_the_queries_starting_so() {
        let history = History::new(vec!["cat:rust".into(), "乌克兰".into(), "cat:go".into()]);
        let (mut aid, mut line) = (LineAid::default(), line("cat:"));
        aid.walk(&mut line, &history, true);
        assert_eq!(line.text, "cat:go");
        aid.walk(&mut line, &history, true);
        assert_eq!(line.text, "cat:rust");
        aid.walk(&mut line, &history, false);
        aid.walk(&mut line, &history, false);
        assert_eq!(line.text, "cat:");
    }

    #[test]
    fn tab_completes_field_names_and_cycles() {
        let (mut aid, mut line) = (LineAid::default(), line("乌克兰 a"));
        assert!(aid.complete(&mut line, &Library, true));
        assert_eq!(line.text, "乌克兰 author:");
        assert!(aid.complete(&mut line, &Library, true));
        assert_eq!(line.text, "乌克兰 after:");
        assert!(aid.complete(&mut line, &Library, false));
        assert_eq!(line.text, "乌克兰 author:");
        assert_eq!(aid.completion().map(|c| c.choices.clone()), Some(vec!["author:".into(), "after:".into()]));
    }

    #[test]
    fn tab_completes_values_of_library_fields_quoting_spaces() {
        let mut aid = LineAid::default();
        let mut line = line("-cat:h");
        aid.complete(&mut line, &Library, true);
        assert_eq!(line.text, "-cat:\"Hong Kong\"");
        let mut aid = LineAid::default();
        let mut line = Line::new("author:张 is:u");
        // The cursor after `张`: the word there is completed, the rest stays.
        for _ in 0..5 {
            line.apply(&Edit::Left);
        }
        aid.complete(&mut line, &Library, true);
        assert_eq!(line.text, "author:张三 is:u");
        aid.complete(&mut line, &Library, true);
        assert_eq!(line.text, "author:张伟 is:u");
        let mut aid = LineAid::default();
        let mut line = Line::new("is:u");
        aid.complete(&mut line, &Library, true);
        assert_eq!(line.text, "is:unread");
        assert!(aid.completion().is_none(), "one choice: taken, done");
        assert!(completions("in:新", &Library).contains(&"in:新媒体/Aljazeera".to_owned()));
        assert!(completions("title:x", &Library).is_empty());
        assert!(completions("zz", &Library).is_empty());
    }
}
