//! The real `folio` binary's terminal output: columns cut to `COLUMNS` by
//! display width with `…`, and no escape sequence or control character in
//! stdout or stderr whatever the file names and fields hold.

use crate::common::cli::*;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

#[test]
fn columns_fit_the_terminal_width_and_cut_cjk_with_an_ellipsis() {
    let run = folio_env(&["list", &lib()], &[("COLUMNS", "60")]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 28);
    for line in &lines {
        assert!(line.width() <= 60, "{} columns: {line}", line.width());
        let date = &line[..10];
        assert!(date.trim().is_empty() || jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(), "{line}");
    }
    let gb = lines.iter().find(|l| l.starts_with("2022-02-01  ")).expect("the GB18030 article");
    assert!(gb.contains("国标编码的文章") && gb.contains('…'), "{gb}");
    assert!(gb.ends_with("国标新闻"), "{gb}");
    assert!(!gb.contains("年度报告㐀"), "cut: {gb}");
    assert!(lines.iter().filter(|l| l.contains('…')).count() >= 5);
    assert!(lines[0].starts_with("2022-09-07  Apple's \"Far Out\" keynote recap"), "{}", lines[0]);
    for width in ["40", "24", "12"] {
        let narrow = folio_env(&["list", &lib()], &[("COLUMNS", width)]);
        let max: usize = width.parse().expect("number");
        for line in narrow.stdout.lines() {
            assert!(line.width() <= max, "COLUMNS={width}: {line}");
        }
    }
    // Into a pipe without COLUMNS nothing is cut.
    let piped = folio(&["list", &lib()]);
    assert!(piped.stdout.contains("国标编码的文章：联合国难民署发布年度报告㐀"));
    assert!(!piped.stdout.contains('…'));
}

/// No byte or character that could drive a terminal: no C0 control but
/// newline, no DEL, no C1 control.
fn assert_terminal_safe(run: &Run, what: &str) {
    assert!(!run.raw.contains(&0x1b), "{what}: ESC in the output");
    let bad = |c: char| (c.is_control() && c != '\n') || c == '\u{7f}';
    assert!(!run.stdout.chars().any(bad), "{what}: stdout {:?}", run.stdout);
    assert!(!run.stderr.chars().any(bad), "{what}: stderr {:?}", run.stderr);
}

#[test]
fn no_escape_byte_reaches_stdout_or_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evil_dir = dir.path().join("grp\u{1b}]52;c;ZXZpbA==\u{7}");
    std::fs::create_dir(&evil_dir).expect("mkdir");
    std::fs::write(evil_dir.join("evil\u{1b}[2Jtitle.md"), "plain text\n").expect("write");
    std::fs::write(evil_dir.join("bin\u{1b}[31m.md"), b"\0\x1b[2J\0").expect("write");
    std::fs::write(evil_dir.join("bad-date.md"), "---\ntitle: x\ndate: \u{1b}[2Jnever\u{9b}1m\n---\n").expect("write");
    let tmp = dir.path().to_string_lossy().into_owned();
    let lib = lib();
    for (args, env) in [
        (vec!["list", "--json"], vec![]),
        (vec!["list"], vec![]),
        (vec!["list"], vec![("COLUMNS", "60")]),
        (vec!["list", "--sort", "author"], vec![("COLUMNS", "200")]),
    ] {
        let mut all = args.clone();
        all.push(&tmp);
        all.push(&lib);
        let run = folio_env(&all, &env);
        assert_eq!(run.code, 0);
        assert_terminal_safe(&run, &format!("{args:?} {env:?}"));
        assert!(run.stderr.contains("bin?[31m.md: binary file"), "{}", run.stderr);
        assert!(run.stderr.contains("unreadable date `never`"), "{}", run.stderr);
        assert!(run.stdout.contains("evil"), "{}", run.stdout);
    }
    let json = folio(&["list", "--json", &tmp]);
    let evil = records(&json.stdout).into_iter().find(|r| r["title"] == "eviltitle");
    assert_eq!(evil.map(|r| r["group"].clone()), Some(Value::from("grp")));
}

#[test]
fn json_paths_carry_no_c1_control_or_del() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "csi\u{9b}2J del\u{7f} nel\u{85}.md";
    std::fs::write(dir.path().join(name), "---\ntitle: fine\n---\n").expect("write");
    let run = folio(&["list", "--json", &dir.path().to_string_lossy()]);
    assert_eq!(run.code, 0);
    let record = &records(&run.stdout)[0];
    assert!(record["path"].as_str().is_some_and(|p| p.ends_with(name)), "the path is exact");
    assert_terminal_safe(&run, "a C1 control in a file name");
}
