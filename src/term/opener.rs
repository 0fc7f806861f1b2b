//! Opening a URL or file in another program: `FOLIO_OPENER` (split as a
//! shell would, the target appended as one argument) or the platform's
//! opener; detached, its stdin, stdout and stderr closed, never through a
//! shell, so it cannot write over the screen.

use std::process::{Command, Stdio};

/// Starts the opener on `target`: `FOLIO_OPENER`, else `configured`
/// (config.toml's `opener`), else the platform's. An error is a sentence
/// for the status bar.
pub fn open(target: &str, configured: Option<&str>) -> Result<(), String> {
    if target.starts_with('/') && !std::path::Path::new(target).exists() {
        // A site's own path (`/blog/qec`) in an article with no web address
        // to resolve it against, or a file that is not there.
        let shown = crate::text::printable(target);
        return Err(format!(
            "Not opened: {shown} is no file here, and the article has no web address (`link:`) to find it on"
        ));
    }
    match std::env::var("FOLIO_OPENER") {
        Ok(line) if !line.trim().is_empty() => run(&line, target),
        _ => match configured.filter(|line| !line.trim().is_empty()) {
            Some(line) => run(line, target),
            None => open::that_detached(target).map_err(|error| format!("Cannot open {target}: {error}")),
        },
    }
}

fn run(line: &str, target: &str) -> Result<(), String> {
    let words = shell_words::split(line).map_err(|error| format!("The opener command cannot be read: {error}"))?;
    let Some((program, args)) = words.split_first() else {
        return Err("The opener command is empty".to_owned());
    };
    let mut command = Command::new(program);
    command.args(args).arg(target).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(unix)]
    {
        // Its own process group: keys meant for folio never reach it.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|error| format!("Cannot run {program}: {error}"))?;
    // Reap it when it ends, without waiting for it.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_is_not_there_is_not_opened() {
        let said = open("/blog/qec-surely-not-a-file-here", Some("/nonexistent/opener")).expect_err("refused");
        assert!(said.starts_with("Not opened: /blog/qec-surely-not-a-file-here is no file here"), "{said}");
    }

    #[test]
    fn the_target_is_one_last_argument() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("args");
        let script = format!("sh -c 'printf \"%s|\" \"$@\" > {}' opener --flag", out.display());
        run(&script, "https://a.test/?q=a b&c;rm -rf ~").expect("runs");
        for _ in 0..100 {
            if std::fs::read_to_string(&out).is_ok_and(|s| s.ends_with('|')) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(std::fs::read_to_string(&out).expect("written"), "--flag|https://a.test/?q=a b&c;rm -rf ~|");
    }

    #[test]
    fn a_missing_program_is_a_message() {
        assert!(run("/nonexistent/opener", "x").is_err_and(|e| e.starts_with("Cannot run")));
        assert!(run("'unclosed", "x").is_err_and(|e| e.contains("opener command")));
    }
}
