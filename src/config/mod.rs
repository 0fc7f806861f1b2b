//! folio's settings: config.toml in the config folder (`FOLIO_CONFIG_DIR`
//! overrides it). Pure: [`load`] reads a file into a [`Config`] and the
//! [`ConfigProblem`]s found; the caller shows them and applies the rest.
//!
//! Every key is optional. A file that is not TOML gives one problem and
//! every default; a bad value or an unknown key gives one problem (with its
//! line and key) and that setting keeps its default.
//!
//! ```
//! use folio::config;
//!
//! let (config, problems) = config::load(&config::paths().config_file());
//! for problem in &problems {
//!     eprintln!("{problem}"); // file:line: `key`: what is wrong
//! }
//! let theme = config.theme.with_no_color(config::no_color_requested());
//! # let _ = theme;
//! ```

mod paths;
mod read;
mod text;
mod theme;

pub use paths::{Paths, paths, paths_with};
pub use read::{READING_WIDTH, SIDEBAR_WIDTH};
pub use theme::{Colour, Element, Theme, colour_spec, no_color_requested, parse_colour};

use crate::model::{Command, Key, SortOrder};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The config file's name in the config folder.
pub const FILE_NAME: &str = "config.toml";

/// The settings. `Default` is folio without a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// What to open when the command line names nothing (empty: the sample
    /// library). `~/` is expanded; relative paths are resolved against the
    /// config file's folder.
    pub library: Vec<PathBuf>,
    /// The command line that opens links and images (`None`: the system's).
    /// `FOLIO_OPENER` wins over it; the caller applies that.
    pub opener: Option<String>,
    /// The list's order at start.
    pub sort: SortOrder,
    /// The list's width in columns, within [`SIDEBAR_WIDTH`] (`None`: a
    /// share of the screen).
    pub sidebar_width: Option<u16>,
    /// The reader's longest line in columns, within [`READING_WIDTH`],
    /// centred in a wider pane (`None`: as wide as the pane).
    pub reading_width: Option<u16>,
    /// Columns of an East Asian ambiguous-width character: 1 or 2.
    pub ambiguous_width: u8,
    /// Ruby readings (`<rt>`) shown after their base: `漢字(かんじ)`.
    pub ruby_readings: bool,
    /// How images are drawn in the reading pane (`FOLIO_IMAGES` wins over it).
    pub images: crate::images::ImageMode,
    /// Whether images on the web are fetched (and kept in the cache).
    pub images_remote: bool,
    /// Whether `y` copies to the terminal's clipboard with OSC 52.
    pub osc52: bool,
    /// Colours; apply `NO_COLOR` with `theme.with_no_color(no_color_requested())`.
    pub theme: Theme,
    /// Rebinds, in the file's order: the listed keys replace the command's
    /// keys wherever it is bound (an empty list unbinds it). A rebind to
    /// exactly the command's [`Command::default_keys`] is left out.
    pub keys: Vec<(Command, Vec<Key>)>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            library: Vec::new(),
            opener: None,
            sort: SortOrder::default(),
            sidebar_width: None,
            reading_width: None,
            ambiguous_width: 1,
            ruby_readings: true,
            images: crate::images::ImageMode::Auto,
            images_remote: true,
            osc52: true,
            theme: Theme::default(),
            keys: Vec::new(),
        }
    }
}

/// Something wrong with the config file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub file: PathBuf,
    /// 1-based.
    pub line: Option<usize>,
    /// The setting, dotted for tables: `sort`, `theme.link`, `keys.quit`.
    pub key: Option<String>,
    pub message: String,
    /// The setting applies as written all the same (a `[keys]` clash); a
    /// problem otherwise leaves that setting at its default.
    pub applied: bool,
}

impl fmt::Display for ConfigProblem {
    /// `/home/u/.config/folio/config.toml:12: `sort`: expected one of …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// The config in `path`, and its problems. A missing file is the defaults
/// and no problem; an unreadable or non-UTF-8 file, or one that is not
/// TOML, is the defaults and one problem; otherwise each bad setting is a
/// problem and keeps its default while the rest apply.
pub fn load(path: &Path) -> (Config, Vec<ConfigProblem>) {
    let problem = |line: Option<usize>, message: String| {
        (Config::default(), vec![ConfigProblem { file: path.to_owned(), line, key: None, message, applied: false }])
    };
    let bytes = match read_regular(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return (Config::default(), Vec::new()),
        Err(error) => return problem(None, format!("cannot be read: {error}")),
    };
    match String::from_utf8(bytes) {
        Ok(text) => parse(&text, path),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let line = bytes[..valid.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1;
            problem(Some(line), format!("is not UTF-8 text (byte {})", valid + 1))
        }
    }
}

/// The bytes of the regular file at `path` (a FIFO or a folder is an error,
/// never a wait).
fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    crate::persist::open_regular(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `text` as the contents of the config file `file` (named in problems;
/// relative library paths start at its folder).
pub fn parse(text: &str, file: &Path) -> (Config, Vec<ConfigProblem>) {
    read::parse(text, file)
}

/// The commented default config (`assets/config.toml`): every setting,
/// commented out, with its default and what it does.
pub fn default_text() -> &'static str {
    include_str!("../../assets/config.toml")
}

/// Writes [`default_text`] to `path` (for `folio config init`), making its
/// folder if needed. An existing file is left alone: the error is
/// `AlreadyExists`.
pub fn write_default(path: &Path) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            let message = format!("{} already exists; folio leaves it as it is", path.display());
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, message));
        }
        Err(error) => return Err(error),
    };
    file.write_all(default_text().as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_file_line_and_key() {
        let mut problem = ConfigProblem {
            file: PathBuf::from("/home/u/.config/folio/config.toml"),
            line: Some(12),
            key: Some("sort".to_owned()),
            message: "expected one of date, relevance, title, author, found the string \"name\"".to_owned(),
            applied: false,
        };
        assert_eq!(
            problem.to_string(),
            "/home/u/.config/folio/config.toml:12: `sort`: expected one of date, relevance, title, author, \
             found the string \"name\""
        );
        problem.key = None;
        problem.line = None;
        problem.message = "cannot be read".to_owned();
        assert_eq!(problem.to_string(), "/home/u/.config/folio/config.toml: cannot be read");
    }

    #[test]
    fn the_default_text_lists_every_action_with_its_default_keys() {
        for command in Command::ALL {
            let name = command.name();
            let keys = default_text().split_once("# [keys]").map_or("", |(_, keys)| keys);
            let line = keys
                .lines()
                .find(|l| l.starts_with(&format!("# {name} = ")))
                .unwrap_or_else(|| panic!("no line for {name}"));
            let (config, problems) = parse(&format!("[keys]\n{}", &line[2..]), Path::new("t.toml"));
            assert!(problems.is_empty(), "{problems:?}");
            // The default keys are no rebind.
            assert!(config.keys.is_empty(), "{name}: {line} is not {:?}", command.default_keys());
        }
    }

    #[test]
    fn the_default_text_lists_every_element_with_its_colour() {
        let theme = Theme::default();
        for element in Element::ALL {
            let line = format!("# {} = \"{}\"", element.name(), colour_spec(theme.colour(element)));
            assert!(default_text().lines().any(|l| l == line), "{line}");
        }
    }
}
