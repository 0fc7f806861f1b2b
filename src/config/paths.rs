//! Where folio keeps things: its config, data and cache folders.

use std::ffi::OsString;
use std::path::PathBuf;

/// folio's folders (not files): `config` holds config.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config: PathBuf,
    pub data: PathBuf,
    pub cache: PathBuf,
    /// Whether the index cache and the body index are used (`FOLIO_NO_CACHE`
    /// unset or empty).
    pub caching: bool,
}

impl Paths {
    /// The config file: `config.toml` in the config folder.
    pub fn config_file(&self) -> PathBuf {
        self.config.join(super::FILE_NAME)
    }

    /// The folder of the index cache and the body index, unless caching is
    /// off.
    pub fn index_cache(&self) -> Option<PathBuf> {
        self.caching.then(|| self.cache.clone())
    }
}

/// folio's folders: `FOLIO_CONFIG_DIR`, `FOLIO_DATA_DIR` and
/// `FOLIO_CACHE_DIR` when set and not empty, else the platform's folders
/// for folio (`directories::ProjectDirs`), else folders under
/// `$TMPDIR/folio-$USER`; `FOLIO_NO_CACHE` (not empty) turns the caches off.
pub fn paths() -> Paths {
    paths_with(|name| std::env::var_os(name))
}

/// [`paths`] with the environment read through `env`.
pub fn paths_with(env: impl Fn(&str) -> Option<OsString>) -> Paths {
    let project = directories::ProjectDirs::from("", "", "folio");
    let fallback = || {
        let user = env("USER").or_else(|| env("USERNAME")).filter(|u| !u.is_empty());
        let mut name = OsString::from("folio-");
        name.push(user.unwrap_or_else(|| OsString::from("user")));
        std::env::temp_dir().join(name)
    };
    let pick = |variable: &str, platform: Option<PathBuf>, below: &str| {
        env(variable)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
            .or(platform)
            .unwrap_or_else(|| fallback().join(below))
    };
    Paths {
        config: pick("FOLIO_CONFIG_DIR", project.as_ref().map(|p| p.config_dir().to_owned()), "config"),
        data: pick("FOLIO_DATA_DIR", project.as_ref().map(|p| p.data_dir().to_owned()), "data"),
        cache: pick("FOLIO_CACHE_DIR", project.as_ref().map(|p| p.cache_dir().to_owned()), "cache"),
        caching: env("FOLIO_NO_CACHE").is_none_or(|value| value.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_each_folder() {
        let env = |name: &str| match name {
            "FOLIO_CONFIG_DIR" => Some(OsString::from("/c")),
            "FOLIO_DATA_DIR" => Some(OsString::from("/d")),
            "FOLIO_CACHE_DIR" => Some(OsString::from("")),
            _ => None,
        };
        let paths = paths_with(env);
        assert_eq!(paths.config, PathBuf::from("/c"));
        assert_eq!(paths.data, PathBuf::from("/d"));
        assert_eq!(paths.config_file(), PathBuf::from("/c/config.toml"));
        // Empty is not set: the platform's folder, or the fallback.
        assert_ne!(paths.cache, PathBuf::from(""));
        assert_eq!(paths.cache, paths_with(|_| None).cache);
    }

    #[test]
    fn without_overrides_the_folders_are_folios_and_apart() {
        let paths = paths_with(|_| None);
        for folder in [&paths.config, &paths.data, &paths.cache] {
            assert!(folder.to_string_lossy().contains("folio"), "{}", folder.display());
            assert!(folder.is_absolute(), "{}", folder.display());
        }
        assert_ne!(paths.config, paths.cache);
    }
}
