//! Rough edges a new user meets on the command line: a mistyped command
//! is named, `folio show` of a folder says it takes a file, a PATH that
//! holds no article says why, and outside text (file names) reaches stderr
//! without the bidi controls that would reorder the line; `folio config
//! check` names a key bound to two actions in one pane.

use std::process::Command;

fn folio(args: &[&str], dir: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .env("FOLIO_CACHE_DIR", dir.join("cache"))
        .env("FOLIO_CONFIG_DIR", dir.join("config"))
        .env("FOLIO_DATA_DIR", dir.join("data"))
        .output()
        .expect("run folio");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stderr).expect("UTF-8"))
}

#[test]
fn a_mistyped_command_is_named_and_a_missing_path_is_not_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = folio(&["lsit"], dir.path());
    assert_eq!(code, 1);
    assert_eq!(stderr, "folio: lsit: no such file or folder; did you mean `folio list`?\n");
    let (_, stderr) = folio(&["shwo"], dir.path());
    assert!(stderr.contains("did you mean `folio show`?"), "{stderr}");
    let (code, stderr) = folio(&["notes"], dir.path());
    assert_eq!((code, stderr.as_str()), (1, "folio: notes: no such file or folder\n"));
    // A path is a path: no command is suggested for it.
    let (_, stderr) = folio(&["./lsit"], dir.path());
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

#[test]
fn bidi_controls_in_a_file_name_do_not_reach_stderr() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Not there: reported with its name.
    let name = "evil\u{202e}dm.txt";
    let (_, stderr) = folio(&["list", name], dir.path());
    assert!(stderr.contains("evildm.txt"), "the file is reported: {stderr:?}");
    assert!(!stderr.contains('\u{202e}'), "{stderr:?}");
}

#[test]
fn folio_show_of_a_folder_says_it_takes_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), "---\ntitle: A\n---\n<p>a</p>\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_folio")).arg("show").arg(dir.path()).output().expect("run folio");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing shown");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(stderr.contains("is a folder; `folio show` takes one article file"), "{stderr}");
}

#[test]
fn a_path_that_holds_no_article_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write("README.md", "# About\n");
    write("notes.txt", "a note\n");
    write("empty.md", "");
    write("a.md", "---\ntitle: A\n---\n<p>a</p>\n");
    std::fs::create_dir_all(dir.path().join("folder")).expect("mkdir");
    write("folder/README.md", "# x\n");
    write("folder/data.json", "{}");
    std::fs::create_dir_all(dir.path().join("nothing")).expect("mkdir");
    let cases = [
        ("README.md", "folio: README.md: skipped as a README, not an article (front matter would make it one)\n"),
        ("notes.txt", "folio: notes.txt: a text file without front matter, not an article\n"),
        ("empty.md", "folio: empty.md: empty file\n"),
        ("nothing", "folio: nothing: no articles in this folder (it is empty)\n"),
    ];
    for (path, said) in cases {
        let (code, stderr) = folio(&["list", path], dir.path());
        assert_eq!((code, stderr.as_str()), (1, said), "{path}");
    }
    let (code, stderr) = folio(&["list", "folder"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.starts_with("folio: folder: no articles in this folder (2 files, none an article;"), "{stderr}");
    // With an article beside it: said, and the list is what it is.
    let (code, stderr) = folio(&["list", "README.md", "a.md"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("README.md: skipped as a README"), "{stderr}");
    // `folio show` says the same.
    let (code, stderr) = folio(&["show", "notes.txt"], dir.path());
    assert_eq!((code, stderr.as_str()), (1, "folio: notes.txt: a text file without front matter, not an article\n"));
}

#[test]
fn config_check_names_a_key_bound_twice_in_a_pane() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("config")).expect("config folder");
    let file = dir.path().join("config").join("config.toml");
    std::fs::write(&file, "[keys]\nhelp = \"F\"\ndown = [\"j\", \"q\"]\n").expect("config");
    let (code, stderr) = folio(&["config", "check"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    let expected = format!(
        "folio: {}:3: `keys.down`: `q` is bound to `down` and `quit` in the list and the reader; it runs `down` \
         there, never `quit`\n",
        file.display()
    );
    assert_eq!(stderr, expected);
    // Moved out of the way: no problem.
    std::fs::write(&file, "[keys]\ndown = [\"j\", \"q\"]\nquit = \"x\"\n").expect("config");
    let (code, stderr) = folio(&["config", "check"], dir.path());
    assert_eq!((code, stderr.as_str()), (0, ""));
}
