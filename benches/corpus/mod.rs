//! The generated corpus the benchmarks share: written once under
//! `target/folio-bench/corpus-N` by `examples/gen-corpus.rs`, and reused
//! while its marker matches N, the seed and the generator's source.

#[path = "../../examples/gen-corpus.rs"]
mod gen_corpus;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// The generator's source, hashed into the marker so an edited generator
/// writes a fresh corpus.
const GENERATOR_SOURCE: &str = include_str!("../../examples/gen-corpus.rs");
/// In the corpus folder; hidden, so neither folio nor rg reads it.
const MARKER: &str = ".folio-bench-corpus";

/// `target/folio-bench`: next to the profile folder holding the folio binary.
pub fn bench_root() -> PathBuf {
    let bin = Path::new(FOLIO);
    let target = bin.parent().and_then(Path::parent).unwrap_or(Path::new("target"));
    target.join("folio-bench")
}

/// The generated corpus of `n` articles, written now unless a matching one
/// is already there.
pub fn ensure_corpus(n: usize) -> Result<PathBuf, String> {
    let dir = bench_root().join(format!("corpus-{n}"));
    let seed = gen_corpus::DEFAULT_SEED;
    let marker = format!("gen-corpus n={n} seed={seed} source={:016x}\n", fnv1a(GENERATOR_SOURCE));
    let marker_path = dir.join(MARKER);
    if fs::read_to_string(&marker_path).is_ok_and(|text| text == marker) {
        println!("reusing the corpus in {}", dir.display());
        return Ok(dir);
    }
    if dir.exists() {
        // Ours (under target/folio-bench), but stale or half-written.
        fs::remove_dir_all(&dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    println!("generating {n} articles into {} ...", dir.display());
    let start = Instant::now();
    let summary = gen_corpus::generate(&dir, n, seed).map_err(|e| format!("cannot generate the corpus: {e}"))?;
    println!(
        "generated {} files, {:.1} MB in {:.2} s",
        summary.files,
        summary.bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    fs::write(&marker_path, marker).map_err(|e| format!("cannot write {}: {e}", marker_path.display()))?;
    Ok(dir)
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}
