//! Keys: a library by its root path, an article by its path relative to
//! that root with `/` separators, so an article rewritten in place (or a
//! library read on another platform) keeps its state.

use std::path::{Component, Path, PathBuf};

/// The key of the article at `path` in the library at `root`: its path
/// relative to `root`, parts joined by `/`. `None` when `path` is not
/// inside `root`, is `root` itself or climbs out with `..`. Parts that are
/// not UTF-8 are converted lossily (two such names may then share state).
pub fn relative_key(root: &Path, path: &Path) -> Option<String> {
    let rest = path.strip_prefix(root).ok()?;
    let mut key = String::new();
    for part in rest.components() {
        match part {
            Component::Normal(name) => {
                if !key.is_empty() {
                    key.push('/');
                }
                key.push_str(&name.to_string_lossy());
            }
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!key.is_empty()).then_some(key)
}

/// The key of a library: its root as given (the caller passes it absolute),
/// without a trailing separator or `.` parts.
pub(crate) fn root_key(root: &Path) -> String {
    root.components().collect::<PathBuf>().to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_keys_ignore_trailing_separators() {
        assert_eq!(root_key(Path::new("/lib/")), root_key(Path::new("/lib")));
        assert_eq!(root_key(Path::new("/lib/./a")), "/lib/a");
    }
}
