//! How the PATHs given combine: overlapping roots load each file once, and
//! a file opening with a Markdown rule is no front matter.

use folio::library::load;
use std::fs;
use std::path::Path;

fn article(dir: &Path, rel: &str, title: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, format!("\n---\ntitle: '{title}'\ndate: 2022-01-01\n---\n<p>x</p>")).expect("write");
}

fn titles(library: &folio::Library) -> Vec<String> {
    let mut titles: Vec<String> = library.articles.iter().map(|a| a.title.to_string()).collect();
    titles.sort();
    titles
}

#[test]
fn a_root_inside_another_is_loaded_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    article(dir.path(), "a/one.md", "One");
    article(dir.path(), "a/sub/two.md", "Two");
    let root = dir.path().join("a");
    let sub = root.join("sub");
    let file = sub.join("two.md");
    for paths in [
        vec![sub.clone(), root.clone()],
        vec![root.clone(), sub.clone(), file.clone()],
        vec![root.clone(), root.join("."), root.clone()],
        vec![file.clone(), file.clone()],
    ] {
        let library = load(&paths);
        let want: &[&str] = if paths[0] == file { &["Two"] } else { &["One", "Two"] };
        assert_eq!(titles(&library), want, "{paths:?}");
        assert!(library.problems.is_empty(), "{:?}", library.problems);
    }
}

#[test]
fn the_group_comes_from_the_root_the_file_was_found_under() {
    let dir = tempfile::tempdir().expect("tempdir");
    article(dir.path(), "lib/source/_posts/新媒体/36kr/资讯/a.md", "A");
    let library = load(&[dir.path().join("lib")]);
    assert_eq!(&*library.articles[0].group, "新媒体/36kr/资讯");
    let library = load(&[dir.path().join("lib/source/_posts/新媒体")]);
    assert_eq!(&*library.articles[0].group, "36kr/资讯");
}

#[test]
fn a_markdown_rule_at_the_top_is_not_front_matter() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("note.md"), "---\n\n# 读书笔记\n\nSome text: with a colon.\n").expect("write");
    let library = load(&[dir.path().to_owned()]);
    assert_eq!(titles(&library), ["读书笔记"]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
}

#[test]
fn links_inside_the_library_do_not_list_an_article_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    article(dir.path(), "lib/a/real.md", "Real");
    let outside = tempfile::tempdir().expect("tempdir");
    article(outside.path(), "elsewhere.md", "Elsewhere");
    let lib = dir.path().join("lib");
    std::os::unix::fs::symlink("a/real.md", lib.join("alias.md")).expect("symlink");
    std::os::unix::fs::symlink("a", lib.join("b")).expect("symlink");
    std::os::unix::fs::symlink(outside.path().join("elsewhere.md"), lib.join("linked.md")).expect("symlink");
    let library = load(&[lib]);
    assert_eq!(titles(&library), ["Elsewhere", "Real"]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
}

#[test]
fn a_pipe_given_as_a_path_is_reported_not_waited_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let library = load(&[fifo]);
    assert!(library.has_missing_path(), "{:?}", library.problems);
}
