//! The status bar's state: the message of the moment, whether the library
//! is still loading, and the problems of the load (shown under `P`).

use crate::model::{Problem, ProblemKind};
use std::path::PathBuf;

#[derive(Debug)]
pub struct Status {
    pub message: Option<String>,
    pub loading: bool,
    pub problems: Vec<Problem>,
}

impl Default for Status {
    fn default() -> Status {
        Status { message: None, loading: true, problems: Vec::new() }
    }
}

impl Status {
    pub fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Loading is over: the count of problems, unless a message from the
    /// start (a bad config, a state file set aside) says more; it also
    /// points to `P`.
    pub fn loaded(&mut self) {
        self.loading = false;
        if self.message.is_none() {
            self.message = self.summary();
        }
    }

    /// Files read again (`reread`) and paths gone (`gone`) take their
    /// problems with them; `problems` are new.
    pub fn replace_problems(&mut self, reread: &[PathBuf], gone: &[PathBuf], problems: Vec<Problem>) {
        self.problems.retain(|p| {
            let under_gone = gone.iter().any(|path| p.path.starts_with(path)) && p.kind != ProblemKind::MissingPath;
            !under_gone && !reread.contains(&p.path)
        });
        self.problems.extend(problems);
    }

    fn summary(&self) -> Option<String> {
        let files = || self.problems.iter().filter(|p| p.kind != ProblemKind::Config);
        let failed = files().filter(|p| p.kind != ProblemKind::Warning).count();
        let warned = files().count() - failed;
        match (failed, warned) {
            (0, 0) => None,
            (0, n) => Some(format!("{n} file{} loaded with warnings — press P", plural(n))),
            (n, _) => Some(format!("{n} file{} could not be read — press P", plural(n))),
        }
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &str, kind: ProblemKind) -> Problem {
        Problem { path: path.into(), kind, message: "m".to_owned() }
    }

    #[test]
    fn the_summary_counts_failures_before_warnings() {
        let problems = vec![problem("/a", ProblemKind::Warning), problem("/b", ProblemKind::Warning)];
        let mut status = Status { problems, ..Status::default() };
        status.loaded();
        assert_eq!(status.message.as_deref(), Some("2 files loaded with warnings — press P"));
        status.message = None;
        status.problems.push(problem("/c", ProblemKind::Binary));
        status.loaded();
        assert_eq!(status.message.as_deref(), Some("1 file could not be read — press P"));
        status.say("config first");
        status.loaded();
        assert_eq!(status.message.as_deref(), Some("config first"), "an earlier message stays");
    }

    #[test]
    fn a_file_that_fails_again_keeps_its_new_problem() {
        let mut status = Status {
            problems: vec![
                problem("/l/a.md", ProblemKind::Warning),
                problem("/l/x/b.md", ProblemKind::Binary),
                problem("/l/x", ProblemKind::MissingPath),
            ],
            ..Status::default()
        };
        let reread = [PathBuf::from("/l/a.md")];
        let gone = [PathBuf::from("/l/x")];
        status.replace_problems(&reread, &gone, vec![problem("/l/a.md", ProblemKind::Binary)]);
        let left: Vec<(&str, ProblemKind)> =
            status.problems.iter().map(|p| (p.path.to_str().unwrap_or(""), p.kind)).collect();
        assert_eq!(left, [("/l/x", ProblemKind::MissingPath), ("/l/a.md", ProblemKind::Binary)]);
    }
}
