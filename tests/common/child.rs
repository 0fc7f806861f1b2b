//! One test of this binary run again in a process of its own: alone (for a
//! process-wide setting), or as the unprivileged user `nobody` (for checks
//! of permissions, which do not stop root, and CI runs as root).

use std::ffi::{OsStr, OsString};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Set in the child's environment: what the parent hands it (a folder, or `1`).
const CHILD: &str = "FOLIO_TEST_CHILD";

/// The user and group id of `nobody`.
pub const NOBODY: u32 = 65534;

/// Who the child runs as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum User {
    /// As this process does.
    Same,
    /// As `nobody`, through `setpriv` (util-linux); this process must be root.
    Nobody,
}

/// What the parent handed this process, when it is a test run again by `rerun`.
pub fn handed() -> Option<OsString> {
    std::env::var_os(CHILD)
}

/// Whether this process runs as root (whom `chmod 000` does not stop).
pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// Runs the test `name` (its path in this binary, `module::test`) again in
/// a process of its own as `user`, handing it `value`, and fails unless the
/// child ran that one test and it passed.
pub fn rerun(name: &str, value: &OsStr, user: User) {
    let exe = std::env::current_exe().expect("the test binary");
    // Kept until the child is done: a copy of the binary `nobody` can run.
    let mut _copy = None;
    let mut command = match user {
        User::Same => Command::new(&exe),
        User::Nobody => {
            assert!(is_root(), "{name}: only root can run a child as nobody");
            let setpriv = find_program("setpriv").unwrap_or_else(|| {
                panic!(
                    "{name}: this check must run as an unprivileged user (root reads and writes anything), \
                     and `setpriv` (util-linux) is not installed: install util-linux, or run the tests as \
                     another user than root"
                )
            });
            let runnable = if reachable_by_others(&exe, 0o5) {
                exe.clone()
            } else {
                let (dir, copy) = copy_for_others(&exe);
                _copy = Some(dir);
                copy
            };
            let mut command = Command::new(setpriv);
            let (uid, gid) = (format!("--reuid={NOBODY}"), format!("--regid={NOBODY}"));
            command.args([uid.as_str(), gid.as_str(), "--clear-groups", "--"]).arg(runnable);
            command.current_dir("/");
            command
        }
    };
    // `--include-ignored`: the test may be one ignored until a bug is fixed, run by hand.
    command.args(["--exact", name, "--include-ignored", "--test-threads=1", "--nocapture"]).env(CHILD, value);
    let out = command.output().unwrap_or_else(|e| panic!("{name}: the child process did not start: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("test result: ok. 1 passed"),
        "{name} run again as {user:?} ({}):\n{stdout}\n{stderr}",
        out.status
    );
}

/// Makes `folder` (a fresh temporary folder) `nobody`'s, for a child run as
/// `nobody` to work in; fails if `nobody` cannot reach it.
pub fn give_to_nobody(folder: &Path) {
    std::os::unix::fs::chown(folder, Some(NOBODY), Some(NOBODY)).expect("chown to nobody (as root)");
    assert!(
        folder.parent().is_some_and(|parent| reachable_by_others(parent, 0o1)),
        "{}: a folder on the way is closed to other users (set TMPDIR to a folder they can reach)",
        folder.display()
    );
}

/// Lets every user list and enter `folder`, and fails if a folder on the
/// way to it is closed to them.
pub fn open_to_all(folder: &Path) {
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).expect("chmod 755");
    assert!(
        reachable_by_others(folder, 0o5),
        "{}: a folder on the way is closed to other users (set TMPDIR to a folder they can reach)",
        folder.display()
    );
}

/// Whether other users have the permission bits `bits` (of `r-x`) on
/// `path` and may enter every folder above it.
fn reachable_by_others(path: &Path, bits: u32) -> bool {
    let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode()).unwrap_or(0);
    mode(path) & bits == bits && path.ancestors().skip(1).all(|folder| mode(folder) & 0o1 == 0o1)
}

/// A copy of the binary `exe` in a fresh folder every user can reach.
fn copy_for_others(exe: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    open_to_all(dir.path());
    let copy = dir.path().join(exe.file_name().expect("the binary's name"));
    std::fs::copy(exe, &copy).expect("the test binary copied");
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).expect("chmod 755");
    (dir, copy)
}

/// `program` in a folder of `PATH`.
fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}
