//! The index against the bodies it was built from: pruning, certainty,
//! stale documents, updates, and the file.

use super::*;
use crate::search::{body_passes, parse};

/// Writes each body as an article file in `dir` and returns its `Doc`.
pub(super) fn write_docs(dir: &Path, bodies: &[&str]) -> Vec<Doc> {
    bodies.iter().enumerate().map(|(i, body)| write_doc(dir, &format!("a{i}.md"), body)).collect()
}

pub(super) fn write_doc(dir: &Path, name: &str, body: &str) -> Doc {
    let path = dir.join(name);
    std::fs::write(&path, format!("---\ntitle: t\n---\n{body}")).expect("writes");
    settle(&path);
    Doc {
        key: path.as_os_str().as_encoded_bytes().into(),
        stamp: Stamp::of(&path).expect("stamps"),
        path,
        format: Format::Markdown,
        encoding: None,
    }
}

/// Dates the file a minute back: files changed in the last seconds are
/// not indexed.
pub(super) fn settle(path: &Path) {
    let file = std::fs::File::options().append(true).open(path).expect("opens");
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    file.set_modified(past).expect("dates");
}

fn truth(query: &str, bodies: &[&str]) -> Vec<bool> {
    let query = parse(query).expect("parses");
    bodies.iter().map(|b| body_passes(&query, b, crate::document::BodyKind::of(Format::Markdown, b))).collect()
}

const BODIES: [&str; 6] = [
    "<p>Kubernetes 集群 in production</p>",
    "<p>與堂本光一合作新曲</p>",
    "<p>ＫＵＢＥＲＮＥＴＥＳ and docker</p>",
    "<p>nothing at all here</p>",
    "<p>ひらがな カタカナ 乌克兰</p>",
    "plain markdown about *kubernetes* and 烏克蘭",
];

#[test]
fn verdicts_agree_with_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 2);
    for query in [
        "body:kubernetes",
        "body:Kubernetes",
        "body:堂本光一",
        "body:乌克兰",
        "body:ヒラガナ",
        "body:\"kubernetes 集群\"",
        "body:量子纠缠",
        "body:docker body:kubernetes",
        "body:ubern",
        "body:absent",
    ] {
        let parsed = parse(query).expect("parses");
        let verdicts = index.verdicts(&parsed, &docs);
        for ((verdict, passes), body) in verdicts.iter().zip(truth(query, &BODIES)).zip(BODIES) {
            match verdict {
                Verdict::No => assert!(!passes, "{query} pruned {body}"),
                Verdict::Yes => assert!(passes, "{query} claimed {body}"),
                Verdict::Maybe => {}
            }
        }
    }
    let kube = index.verdicts(&parse("body:kubernetes").expect("parses"), &docs);
    assert_eq!(kube, [Verdict::Yes, Verdict::No, Verdict::Yes, Verdict::No, Verdict::No, Verdict::Yes]);
    let absent = index.may_match(&parse("body:量子纠缠").expect("parses"), &docs);
    assert!(absent.iter().all(|m| !m));
    let cjk = index.may_match(&parse("body:堂本光一").expect("parses"), &docs);
    assert_eq!(cjk, [false, true, false, false, false, false]);
}

#[test]
fn one_character_and_negated_terms_prune_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 1);
    for query in ["body:堂", "body:k", "-body:kubernetes", "-body:堂本光一"] {
        let verdicts = index.verdicts(&parse(query).expect("parses"), &docs);
        assert!(verdicts.iter().all(|v| *v == Verdict::Maybe), "{query}: {verdicts:?}");
    }
    // A negated term beside a positive one: only the positive one prunes.
    let both = index.verdicts(&parse("body:kubernetes -body:docker").expect("parses"), &docs);
    assert_eq!(both, [Verdict::Maybe, Verdict::No, Verdict::Maybe, Verdict::No, Verdict::No, Verdict::Maybe]);
}

#[test]
fn stale_and_unknown_documents_are_maybe() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 2);
    let mut asked = docs.clone();
    asked[3].stamp.size += 1;
    asked.push(write_doc(dir.path(), "new.md", "<p>other</p>"));
    asked.swap(0, 1);
    let verdicts = index.verdicts(&parse("body:kubernetes").expect("parses"), &asked);
    assert_eq!(
        verdicts,
        [Verdict::No, Verdict::Yes, Verdict::Yes, Verdict::Maybe, Verdict::No, Verdict::Yes, Verdict::Maybe]
    );
    assert_eq!(index.stale(&asked), 2);
}

#[test]
fn files_changed_a_moment_ago_are_maybe() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut docs = write_docs(dir.path(), &BODIES[..2]);
    std::fs::write(&docs[0].path, "---\ntitle: t\n---\n<p>kubernetes</p>").expect("writes");
    docs[0].stamp = Stamp::of(&docs[0].path).expect("stamps");
    let index = BodyIndex::build(&docs, 2);
    let query = parse("body:kubernetes").expect("parses");
    assert_eq!(index.verdicts(&query, &docs), [Verdict::Maybe, Verdict::No]);
    assert_eq!(index.stale(&docs), 1);
    settle(&docs[0].path);
    docs[0].stamp = Stamp::of(&docs[0].path).expect("stamps");
    let index = index.update(&docs, 2);
    assert_eq!(index.verdicts(&query, &docs), [Verdict::Yes, Verdict::No]);
}

#[test]
fn unreadable_bodies_are_maybe() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut docs = write_docs(dir.path(), &BODIES[..2]);
    docs[1].path = dir.path().join("missing.md");
    let index = BodyIndex::build(&docs, 2);
    let verdicts = index.verdicts(&parse("body:kubernetes").expect("parses"), &docs);
    assert_eq!(verdicts, [Verdict::Yes, Verdict::Maybe]);
}

#[test]
fn update_reads_changed_documents_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 2);
    // Changed: a new body and stamp. Removed: the last. Added: one.
    docs[3] = write_doc(dir.path(), "a3.md", "<p>now about Kubernetes, 堂本光一 too</p>");
    docs[3].stamp.nanos = docs[3].stamp.nanos.wrapping_add(1);
    docs.pop();
    docs.insert(0, write_doc(dir.path(), "b.md", "<p>kubernetes 乌克兰</p>"));
    assert_eq!(index.stale(&docs), 2);
    let updated = index.update(&docs, 2);
    assert_eq!(updated.len(), docs.len());
    assert_eq!(updated.stale(&docs), 0);
    let kube = updated.verdicts(&parse("body:kubernetes").expect("parses"), &docs);
    assert_eq!(kube, [Verdict::Yes, Verdict::Yes, Verdict::No, Verdict::Yes, Verdict::Yes, Verdict::No]);
    let cjk = updated.may_match(&parse("body:堂本光一").expect("parses"), &docs);
    assert_eq!(cjk, [false, false, true, false, true, false]);
    let fresh = BodyIndex::build(&docs, 1);
    for query in ["body:kubernetes", "body:乌克兰", "body:ひらがな", "body:in"] {
        let query = parse(query).expect("parses");
        assert_eq!(updated.verdicts(&query, &docs), fresh.verdicts(&query, &docs));
    }
}

#[test]
fn saved_and_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("cache");
    let docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 2);
    index.save(&cache, "library one").expect("saves");
    assert!(BodyIndex::open(&cache, "library two").is_none());
    let opened = BodyIndex::open(&cache, "library one").expect("opens");
    for query in ["body:kubernetes", "body:堂本光一", "body:乌克兰", "body:nothing"] {
        let query = parse(query).expect("parses");
        assert_eq!(opened.verdicts(&query, &docs), index.verdicts(&query, &docs));
    }
    assert_eq!(opened.stale(&docs), 0);
    // Only the file itself is left in the folder.
    assert_eq!(std::fs::read_dir(&cache).expect("lists").count(), 1);
}

#[test]
fn bad_files_open_as_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 2);
    index.save(dir.path(), "lib").expect("saves");
    let path = BodyIndex::file_path(dir.path(), "lib");
    let good = std::fs::read(&path).expect("reads");
    let postings = good.len() - 16 - index.sizes().posting_bytes..good.len() - 16;
    let mut cases: Vec<Vec<u8>> = vec![Vec::new(), good[..good.len() / 2].to_vec(), good[..good.len() - 1].to_vec()];
    for at in [0, 9, 30, 60, postings.start - 1, good.len() - 12, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 0x40;
        cases.push(bad);
    }
    let mut longer = good.clone();
    longer.push(0);
    cases.push(longer);
    let mut foreign = good.clone();
    foreign[8] = 99;
    cases.push(foreign);
    for bad in cases {
        std::fs::write(&path, &bad).expect("writes");
        assert!(BodyIndex::open(dir.path(), "lib").is_none(), "{} bytes", bad.len());
    }
    std::fs::write(&path, &good).expect("writes");
    assert!(BodyIndex::open(dir.path(), "lib").is_some());
    std::fs::remove_file(&path).expect("removes");
    assert!(BodyIndex::open(dir.path(), "lib").is_none());
}

#[test]
fn corrupt_lists_prune_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 2);
    index.save(dir.path(), "lib").expect("saves");
    let path = BodyIndex::file_path(dir.path(), "lib");
    let good = std::fs::read(&path).expect("reads");
    let postings = good.len() - 16 - index.sizes().posting_bytes..good.len() - 16;
    let queries = ["body:kubernetes", "body:堂本光一", "body:乌克兰", "body:docker body:kubernetes"];
    let mut touched = docs.clone();
    touched[0].stamp.nanos = touched[0].stamp.nanos.wrapping_add(1);
    let fresh = BodyIndex::build(&touched, 1);
    for at in postings {
        let mut bad = good.clone();
        bad[at] ^= 0x11;
        std::fs::write(&path, &bad).expect("writes");
        let opened = BodyIndex::open(dir.path(), "lib").expect("tables intact");
        for query in queries {
            let verdicts = opened.verdicts(&parse(query).expect("parses"), &docs);
            for (verdict, passes) in verdicts.iter().zip(truth(query, &BODIES)) {
                assert!(*verdict != Verdict::No || !passes, "{query}, byte {at}");
                assert!(*verdict != Verdict::Yes || passes, "{query}, byte {at}");
            }
        }
        // An update over a corrupt list reads everything again.
        let mut touched = docs.clone();
        touched[0].stamp.nanos = touched[0].stamp.nanos.wrapping_add(1);
        let updated = opened.update(&touched, 1);
        let query = parse("body:kubernetes").expect("parses");
        assert_eq!(updated.verdicts(&query, &touched), fresh.verdicts(&query, &touched), "byte {at}");
    }
}

#[test]
fn keys_given_twice_and_verdicts_by_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = write_docs(dir.path(), &BODIES);
    let index = BodyIndex::build(&docs, 2);
    let mut twice = docs.clone();
    twice.push(docs[0].clone());
    let updated = index.update(&twice, 2);
    let query = parse("body:kubernetes").expect("parses");
    let verdicts = updated.verdicts(&query, &twice);
    assert_eq!(verdicts[0], Verdict::Yes);
    assert_eq!(verdicts[6], Verdict::Yes);
    let by_key = updated.verdicts_of(&query, twice.iter().rev().map(|d| (&*d.key, d.stamp)));
    assert_eq!(by_key.into_iter().rev().collect::<Vec<_>>(), verdicts);
}

#[test]
fn an_empty_library() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = BodyIndex::build(&[], 2);
    assert!(index.is_empty());
    index.save(dir.path(), "empty").expect("saves");
    let opened = BodyIndex::open(dir.path(), "empty").expect("opens");
    assert!(opened.is_empty());
    let docs = write_docs(dir.path(), &BODIES[..1]);
    assert_eq!(opened.verdicts(&parse("body:kubernetes").expect("parses"), &docs), [Verdict::Maybe]);
    let updated = opened.update(&docs, 2);
    assert_eq!(updated.verdicts(&parse("body:kubernetes").expect("parses"), &docs), [Verdict::Yes]);
}

#[test]
fn many_documents_dense_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bodies: Vec<String> = (0..120)
        .map(|i| match i % 3 {
            0 => format!("<p>common kubernetes {i} 乌克兰</p>"),
            1 => format!("<p>common docker {i} 堂本光一</p>"),
            _ => format!("<p>common {i}</p>"),
        })
        .collect();
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let mut docs = write_docs(dir.path(), &refs);
    let index = BodyIndex::build(&docs, 2);
    docs.swap(0, 100);
    docs[5].stamp.nanos = docs[5].stamp.nanos.wrapping_add(1);
    docs.truncate(110);
    let updated = index.update(&docs, 2);
    let fresh = BodyIndex::build(&docs, 2);
    let order: Vec<&str> = docs
        .iter()
        .map(|d| {
            let stem = d.path.file_stem().and_then(|s| s.to_str()).expect("named");
            refs[stem[1..].parse::<usize>().expect("numbered")]
        })
        .collect();
    for query in ["body:common", "body:kubernetes", "body:乌克兰", "body:堂本光一", "body:docker body:common", "body:1"]
    {
        let parsed = parse(query).expect("parses");
        let verdicts = updated.verdicts(&parsed, &docs);
        assert_eq!(verdicts, fresh.verdicts(&parsed, &docs), "{query}");
        for ((verdict, passes), body) in verdicts.iter().zip(truth(query, &order)).zip(&order) {
            assert!(*verdict != Verdict::No || !passes, "{query} pruned {body}");
            assert!(*verdict != Verdict::Yes || passes, "{query} claimed {body}");
        }
    }
    let common = updated.verdicts(&parse("body:common").expect("parses"), &docs);
    assert_eq!(common.iter().filter(|v| **v == Verdict::Yes).count(), 110);
}
