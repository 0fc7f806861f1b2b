//! The problems box's rows: config.toml's mistakes in a section of their
//! own (its path once), then each file's path and its message, wrapped to
//! the box's width — the box scrolls through them by row.

use crate::model::{Problem, ProblemKind};
use crate::text::printable;
use crate::width::char_width;

/// How a row of the box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Heading,
    Path,
    Message,
}

/// Every row of the box for `problems` at `columns`.
pub fn rows(problems: &[Problem], columns: usize) -> Vec<(RowKind, String)> {
    let columns = columns.max(4);
    let mut rows = Vec::new();
    let (config, files): (Vec<&Problem>, Vec<&Problem>) =
        problems.iter().partition(|problem| problem.kind == ProblemKind::Config);
    if let Some(first) = config.first() {
        let path = printable(&first.path.to_string_lossy()).into_owned();
        rows.extend(wrap(&format!("config.toml ({path})"), columns, "").into_iter().map(|r| (RowKind::Heading, r)));
        for problem in &config {
            // Each message starts with the file's path: said once above.
            let message = printable(&problem.message).into_owned();
            let message = message.strip_prefix(path.as_str()).unwrap_or(&message).trim_start_matches(':').to_owned();
            rows.extend(wrap(&message, columns, "  ").into_iter().map(|r| (RowKind::Message, r)));
        }
        if !files.is_empty() {
            rows.push((RowKind::Message, String::new()));
            let heading = format!("{} file{}", files.len(), if files.len() == 1 { "" } else { "s" });
            rows.push((RowKind::Heading, heading));
        }
    }
    for problem in files {
        let path = printable(&problem.path.to_string_lossy()).into_owned();
        rows.extend(wrap(&path, columns, "").into_iter().map(|r| (RowKind::Path, r)));
        let message = printable(&problem.message).into_owned();
        rows.extend(wrap(&message, columns, "  ").into_iter().map(|r| (RowKind::Message, r)));
    }
    rows
}

/// How many files (not config.toml) have problems.
pub fn file_count(problems: &[Problem]) -> usize {
    problems.iter().filter(|problem| problem.kind != ProblemKind::Config).count()
}

/// `text` in rows of at most `columns`, each starting with `indent`: at
/// spaces where it can, anywhere in a word longer than a row (paths, CJK).
fn wrap(text: &str, columns: usize, indent: &str) -> Vec<String> {
    let room = columns.saturating_sub(indent.len()).max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let word_width: usize = word.trim_end().chars().map(char_width).sum();
        if used > 0 && used + word_width > room {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        for c in word.chars() {
            let w = char_width(c);
            if used + w > room && c != ' ' {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            if used == 0 && c == ' ' {
                continue;
            }
            row.push(c);
            used += w;
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows.into_iter().map(|row| format!("{indent}{}", row.trim_end())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn problem(path: &str, kind: ProblemKind, message: &str) -> Problem {
        Problem { path: PathBuf::from(path), kind, message: message.to_owned() }
    }

    #[test]
    fn config_problems_have_a_section_with_the_path_once() {
        let problems = [
            problem("/c/config.toml", ProblemKind::Config, "/c/config.toml:3: `sort`: unknown value"),
            problem("/c/config.toml", ProblemKind::Config, "/c/config.toml:5: `keys.quit`: a key twice"),
            problem("/lib/a.md", ProblemKind::Binary, "not a text file"),
        ];
        let rows = rows(&problems, 70);
        let texts: Vec<&str> = rows.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "config.toml (/c/config.toml)",
                "  3: `sort`: unknown value",
                "  5: `keys.quit`: a key twice",
                "",
                "1 file",
                "/lib/a.md",
                "  not a text file",
            ]
        );
        assert_eq!(file_count(&problems), 1);
    }

    #[test]
    fn long_messages_wrap_within_the_width() {
        let message =
            "front matter: invalid type: sequence, expected a string at line 3 column 8 — 标题里的中文也要换行才行";
        let problems = [problem("/lib/一篇很长很长的文章的名字.md", ProblemKind::Warning, message)];
        let rows = rows(&problems, 24);
        assert!(rows.len() > 4);
        for (_, row) in &rows {
            assert!(crate::width::width(row) <= 24, "{row:?}");
        }
        let joined: String = rows.iter().skip(1).map(|(_, r)| r.trim()).collect::<Vec<_>>().join(" ");
        assert!(joined.replace(' ', "").contains(&message.replace(' ', "")), "nothing lost: {joined}");
    }
}
