//! `folio show --images` into a pipe: the text exactly as without it, no
//! escape sequence, whatever protocol is asked for (images are drawn only
//! when stdout is a terminal; the pty test is in `tests/e2e/e2e_images.rs`).

use std::path::Path;
use std::process::Command;

fn show(args: &[&str], images: &str) -> (String, String) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample/source/_posts/博客/终端手记/Rust/终端排版笔记 _Rust_：为什么一个汉字要占两格.md");
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("show")
        .args(args)
        .args(["--width", "60"])
        .arg(&sample)
        .env("TZ", "UTC")
        .env("FOLIO_IMAGES", images)
        .env_remove("COLUMNS")
        .output()
        .expect("run folio");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).expect("UTF-8"), String::from_utf8(out.stderr).expect("UTF-8"))
}

#[test]
fn in_a_pipe_images_are_never_drawn() {
    let (plain, _) = show(&[], "auto");
    for mode in ["auto", "kitty", "sixel", "iterm2", "halfblocks"] {
        let (with_images, stderr) = show(&["--images"], mode);
        assert_eq!(with_images, plain, "{mode}");
        assert!(!with_images.contains('\x1b'), "{mode}: an escape sequence");
        assert!(stderr.is_empty(), "{mode}: {stderr}");
    }
    assert!(plain.contains("[image 1: 深色网格中的绿色单宽格子与橙色双宽格子]"));
}
