//! How images are drawn: config.toml's `images` (`FOLIO_IMAGES` wins over
//! it) — found out from the terminal, one protocol forced, or off.

/// The `images` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageMode {
    /// Ask the terminal when the reader starts (half-blocks if it does not say).
    #[default]
    Auto,
    Kitty,
    Iterm2,
    Sixel,
    Halfblocks,
    Off,
}

impl ImageMode {
    pub const ALL: [ImageMode; 6] =
        [ImageMode::Auto, ImageMode::Kitty, ImageMode::Iterm2, ImageMode::Sixel, ImageMode::Halfblocks, ImageMode::Off];

    pub fn name(self) -> &'static str {
        match self {
            ImageMode::Auto => "auto",
            ImageMode::Kitty => "kitty",
            ImageMode::Iterm2 => "iterm2",
            ImageMode::Sixel => "sixel",
            ImageMode::Halfblocks => "halfblocks",
            ImageMode::Off => "off",
        }
    }

    /// The mode named `name` (any case, blank space around it ignored).
    pub fn by_name(name: &str) -> Option<ImageMode> {
        let name = name.trim();
        ImageMode::ALL.into_iter().find(|mode| mode.name().eq_ignore_ascii_case(name))
    }

    /// The mode in force: `FOLIO_IMAGES` when set to a mode, else
    /// `configured`; a `FOLIO_IMAGES` that names none is said why.
    pub fn in_force(configured: ImageMode, variable: Option<&str>) -> (ImageMode, Option<String>) {
        match variable.map(str::trim).filter(|v| !v.is_empty()) {
            None => (configured, None),
            Some(value) => match ImageMode::by_name(value) {
                Some(mode) => (mode, None),
                None => {
                    let names = ImageMode::ALL.map(ImageMode::name);
                    let hint = crate::text::suggestion(value, names);
                    let message = format!(
                        "FOLIO_IMAGES={value:?} is none of {}{hint}; using images = \"{}\"",
                        names.join(", "),
                        configured.name()
                    );
                    (configured, Some(message))
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for mode in ImageMode::ALL {
            assert_eq!(ImageMode::by_name(mode.name()), Some(mode));
        }
        assert_eq!(ImageMode::by_name(" Kitty "), Some(ImageMode::Kitty));
        assert_eq!(ImageMode::by_name("ascii"), None);
    }

    #[test]
    fn the_variable_wins_and_a_wrong_one_is_said() {
        assert_eq!(ImageMode::in_force(ImageMode::Auto, Some("off")), (ImageMode::Off, None));
        assert_eq!(ImageMode::in_force(ImageMode::Sixel, None), (ImageMode::Sixel, None));
        assert_eq!(ImageMode::in_force(ImageMode::Sixel, Some("")), (ImageMode::Sixel, None));
        let (mode, message) = ImageMode::in_force(ImageMode::Auto, Some("kity"));
        assert_eq!(mode, ImageMode::Auto);
        let message = message.expect("a message");
        assert!(message.contains("kitty"), "{message}");
    }
}
