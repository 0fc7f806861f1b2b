//! `folio list --query body:TERM` against `rg -l TERM`, whole processes,
//! and the answer checked against folio's own search of every body.

use super::common::{self, count_lines, time};
use super::numbers::secs;
use super::{BODY_TERMS, FOLIO};
use folio::search::{self, BodySource};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

pub struct FullText {
    pub term: &'static str,
    pub rg: Vec<Duration>,
    pub folio: Vec<Duration>,
    pub in_process: Duration,
}

/// Each of `BODY_TERMS` searched by rg and by `folio list`, and by
/// `search_bodies` in this process over `sources` (every article, every
/// body read): `folio list`'s answer must be exactly that one (the body
/// index may skip bodies, never hits). rg's count is shown beside it: rg
/// also matches markup, attributes and raw bytes, folio the visible text,
/// folded (traditional and simplified alike), so the two may differ.
pub fn full_text(dir: &Path, sources: &[BodySource], rounds: usize) -> Result<Vec<FullText>, String> {
    match Command::new("rg").arg("--version").output() {
        Ok(output) if output.status.success() => {}
        _ => return Err("rg (ripgrep) cannot be run: apt-get install ripgrep".to_owned()),
    }
    let mut results = Vec::new();
    for (term, what) in BODY_TERMS {
        // Warm-up, and a check that both did the whole job.
        let rg_output = rg(dir, term).output().map_err(|e| format!("cannot run rg: {e}"))?;
        // rg exits with 1 when nothing matched.
        if rg_output.status.code().is_none_or(|code| code > 1) {
            return Err(format!("rg failed ({})", rg_output.status));
        }
        let folio_output = folio(dir, term).output().map_err(|e| format!("cannot run {FOLIO}: {e}"))?;
        if !folio_output.status.success() {
            return Err(format!(
                "folio list --query failed ({}): {}",
                folio_output.status,
                String::from_utf8_lossy(&folio_output.stderr).lines().next().unwrap_or("")
            ));
        }
        // The same search in this process, without the load or the index,
        // on as many threads as `folio list` uses.
        let query = search::parse(&format!("body:{term}"))?;
        let found = Mutex::new(BTreeSet::new());
        let start = Instant::now();
        let cancel = AtomicBool::new(false);
        let every = |i: usize| {
            if let (Ok(mut found), Some(source)) = (found.lock(), sources.get(i)) {
                found.insert(source.path.to_string_lossy().into_owned());
            }
        };
        search::search_bodies(sources, &query, search::Pace::Flat.threads(), &cancel, &every);
        let in_process = start.elapsed();
        let found = found.into_inner().map_err(|_| "a search thread panicked".to_owned())?;
        let listed = listed_paths(dir, term)?;
        if listed != found {
            let missing = found.difference(&listed).count();
            let extra = listed.difference(&found).count();
            return Err(format!(
                "body:{term}: folio list misses {missing} and adds {extra} of the {} bodies",
                found.len()
            ));
        }
        println!(
            "body:{term} ({what}): rg matched {} files; folio listed {} articles, the same as reading every body",
            count_lines(&rg_output.stdout),
            listed.len()
        );
        let mut result = FullText { term, rg: Vec::new(), folio: Vec::new(), in_process };
        for round in 1..=rounds {
            let rg_time = time(rg(dir, term), "rg", true)?;
            let folio_time = time(folio(dir, term), "folio list --query", false)?;
            println!("  round {round}/{rounds}:  rg {:.3} s  folio {:.3} s", secs(rg_time), secs(folio_time));
            result.rg.push(rg_time);
            result.folio.push(folio_time);
        }
        results.push(result);
    }
    Ok(results)
}

/// The paths `folio list --query body:TERM --json` lists.
fn listed_paths(dir: &Path, term: &str) -> Result<BTreeSet<String>, String> {
    let output = folio(dir, term).arg("--json").output().map_err(|e| format!("cannot run {FOLIO}: {e}"))?;
    if !output.status.success() {
        return Err(format!("folio list --query --json failed ({})", output.status));
    }
    let text = String::from_utf8(output.stdout).map_err(|_| "folio list --json wrote no UTF-8".to_owned())?;
    text.lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
            record["path"].as_str().map(str::to_owned).ok_or_else(|| "a record without a path".to_owned())
        })
        .collect()
}

fn rg(dir: &Path, term: &str) -> Command {
    let mut command = Command::new("rg");
    command.arg("-l").arg(term).arg(dir).stdin(Stdio::null());
    command
}

fn folio(dir: &Path, term: &str) -> Command {
    let mut command = Command::new(FOLIO);
    command.arg("list").arg("--query").arg(format!("body:{term}")).arg(dir).stdin(Stdio::null());
    // The bench's own cache folder: the warm-up writes the index cache and
    // the body index there, as a first full-text search does.
    command.env("FOLIO_CACHE_DIR", common::bench_root().join("cache"));
    command
}
