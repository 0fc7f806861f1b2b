//! Rough edges a new user meets on the command line: a mistyped command
//! is named, `folio show` of a folder says it takes a file, and outside
//! text (file names) reaches stderr without the bidi controls that would
//! reorder the line.

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
