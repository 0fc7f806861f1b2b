//! Snapshots of `folio show --plain` for every fixture article and every
//! article of the sample library, at widths 40 and 80.

use folio::file::read_body;
use folio::library::load;
use std::path::{Path, PathBuf};
use std::process::Command;

const WIDTHS: [usize; 2] = [40, 80];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, sorted, hidden ones included.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `fixtures/hostile/x.md` as a snapshot name: letters and digits (CJK
/// included) kept, everything else `_`.
fn snapshot_name(label: &str, width: usize) -> String {
    let mut name = String::new();
    for c in label.chars() {
        let c = if c.is_alphanumeric() { c } else { '_' };
        if !(c == '_' && name.ends_with('_')) {
            name.push(c);
        }
    }
    let name: String = name.trim_matches('_').chars().take(100).collect();
    format!("{name}_w{width}")
}

/// Local images resolve to absolute paths, which differ by checkout and
/// wrap differently with its length: each such list entry is put back on
/// one line with the checkout replaced by `<ROOT>`.
fn normalise(stdout: &str, local_urls: &[String]) -> String {
    let root = root().to_string_lossy().into_owned();
    let mut lines: Vec<String> = stdout.lines().map(str::to_owned).collect();
    for url in local_urls {
        for i in 0..lines.len() {
            let Some((marker, rest)) = lines[i].split_once(' ') else { continue };
            if !marker.starts_with('[') || !marker.ends_with(']') || !url.starts_with(rest) {
                continue;
            }
            let indent = " ".repeat(marker.chars().count() + 1);
            let mut joined = rest.to_owned();
            let mut end = i;
            while joined.len() < url.len() {
                match lines.get(end + 1).and_then(|l| l.strip_prefix(&indent)) {
                    Some(more) if url.starts_with(&format!("{joined}{more}")) => {
                        joined.push_str(more);
                        end += 1;
                    }
                    _ => break,
                }
            }
            if joined == *url {
                let one = format!("{marker} {}", url.replace(&root, "<ROOT>"));
                lines.splice(i..=end, [one]);
                break;
            }
        }
    }
    let mut out = lines.join("\n").replace(&root, "<ROOT>");
    out.push('\n');
    out
}

struct Shown {
    label: String,
    path: PathBuf,
    local_urls: Vec<String>,
}

/// The articles of `dir` that load and have a readable body, and a note
/// for each file that does not.
fn articles(dir: &Path, label: &str, skipped: &mut Vec<String>) -> Vec<Shown> {
    let mut out = Vec::new();
    for path in files(dir) {
        if path.extension().is_some_and(|e| e == "png") {
            continue;
        }
        let rel = path.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
        let label = format!("{label}/{rel}");
        let library = load(std::slice::from_ref(&path));
        let Some(article) = library.articles.first() else {
            let why = library.problems.first().map_or("no article".to_owned(), |p| p.message.clone());
            skipped.push(format!("{label}: {why}"));
            continue;
        };
        match read_body(article) {
            Ok(body) => {
                let document = folio::page::page(article, &body);
                let root = root().to_string_lossy().into_owned();
                let local_urls = document
                    .images
                    .iter()
                    .map(|i| i.url.clone())
                    .chain(document.links.iter().map(|l| l.url.clone()))
                    .filter(|u| u.starts_with(&root))
                    .collect();
                out.push(Shown { label, path, local_urls });
            }
            Err(problem) => skipped.push(format!("{label}: {}", problem.message)),
        }
    }
    out
}

fn show(path: &Path, width: usize) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["show", "--plain", "--width", &width.to_string()])
        .arg(path)
        .env("TZ", "UTC")
        .env_remove("COLUMNS")
        .output()
        .expect("run folio");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{} at {width}: {stderr}", path.display());
    assert!(stderr.is_empty(), "{} at {width}: {stderr}", path.display());
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn snapshots(dir: &Path, label: &str) -> usize {
    let mut skipped = Vec::new();
    let shown = articles(dir, label, &mut skipped);
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.bind(|| {
        for article in &shown {
            for width in WIDTHS {
                let stdout = normalise(&show(&article.path, width), &article.local_urls);
                insta::assert_snapshot!(snapshot_name(&article.label, width), stdout);
            }
        }
        insta::assert_snapshot!(format!("{label}_skipped"), skipped.join("\n"));
    });
    shown.len()
}

#[test]
fn every_fixture_article() {
    let shown = snapshots(&root().join("tests/fixtures/library"), "fixtures");
    assert!(shown >= 25, "only {shown} fixtures shown");
}

#[test]
fn every_sample_article() {
    let shown = snapshots(&root().join("assets/sample"), "sample");
    assert_eq!(shown, 7);
}

#[test]
fn names_and_normalising() {
    assert_eq!(snapshot_name("fixtures/a b/新闻/x-y.md", 40), "fixtures_a_b_新闻_x_y_md_w40");
    let root = root().to_string_lossy().into_owned();
    let url = format!("{root}/assets/sample/images/rain.png");
    let (head, tail) = url.split_at(url.len() - 8);
    let stdout = format!("Images\n\n[1] {head}\n    {tail}\n    caption\n");
    assert_eq!(normalise(&stdout, &[url]), "Images\n\n[1] <ROOT>/assets/sample/images/rain.png\n    caption\n");
}
