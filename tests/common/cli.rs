//! Running the real `folio` binary and reading its JSON Lines.

use super::fixtures;
use serde_json::Value;
use std::process::Command;

/// What a run of folio gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// stdout then stderr, as bytes.
    pub raw: Vec<u8>,
}

/// Runs folio in UTC, without `COLUMNS`, with `env` added.
pub fn folio_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.args(args).env("TZ", "UTC").env_remove("COLUMNS");
    // No index cache in the user's cache folder unless a test gives a
    // folder, and not the user's config or state either.
    if !env.iter().any(|(key, _)| *key == "FOLIO_CACHE_DIR") {
        command.env("FOLIO_NO_CACHE", "1");
    }
    let nowhere = std::env::temp_dir().join("folio-tests-nonexistent");
    command.env("FOLIO_CONFIG_DIR", nowhere.join("config")).env("FOLIO_DATA_DIR", nowhere.join("data"));
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("run folio");
    let mut raw = out.stdout.clone();
    raw.extend_from_slice(&out.stderr);
    Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
        raw,
    }
}

pub fn folio(args: &[&str]) -> Run {
    folio_env(args, &[])
}

pub fn lib() -> String {
    fixtures().to_string_lossy().into_owned()
}

pub fn records(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))).collect()
}

pub fn text<'a>(record: &'a Value, key: &str) -> &'a str {
    record[key].as_str().unwrap_or_else(|| panic!("{key} of {record}"))
}

pub fn titles(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| text(r, "title")).collect()
}
