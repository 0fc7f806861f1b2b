//! The colours of the reader: one per element the UI paints, read from the
//! `[theme]` table of config.toml; `NO_COLOR` turns them all off.

/// A colour as config.toml names it: one of the terminal's sixteen, a
/// 256-colour index or RGB. The terminal layer turns it into its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// What the UI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element {
    /// An article's title, in the reader.
    Title,
    /// Headings in an article.
    Heading,
    /// Code, inline and in blocks.
    Code,
    /// Links.
    Link,
    /// The `[1]` numbers of links and images.
    Marker,
    /// Dim metadata: source and date in the list, the article's details.
    Meta,
    /// The selection bar of the list (its background; none: reversed).
    Selected,
    /// Search and filter matches.
    Match,
    /// Unread articles in the list (the UI also makes them bold).
    Unread,
    /// The star of starred articles.
    Starred,
    /// The status bar's text.
    Status,
    /// Messages in the status bar.
    Message,
    /// Errors, such as a filter that does not parse.
    Error,
    /// The borders of boxes and panes.
    Border,
}

impl Element {
    /// Every element, in the order of `[theme]` in the default config.
    pub const ALL: [Element; 14] = [
        Element::Title,
        Element::Heading,
        Element::Code,
        Element::Link,
        Element::Marker,
        Element::Meta,
        Element::Selected,
        Element::Match,
        Element::Unread,
        Element::Starred,
        Element::Status,
        Element::Message,
        Element::Error,
        Element::Border,
    ];

    /// The element's key in `[theme]`.
    pub fn name(self) -> &'static str {
        match self {
            Element::Title => "title",
            Element::Heading => "heading",
            Element::Code => "code",
            Element::Link => "link",
            Element::Marker => "marker",
            Element::Meta => "meta",
            Element::Selected => "selected",
            Element::Match => "match",
            Element::Unread => "unread",
            Element::Starred => "starred",
            Element::Status => "status",
            Element::Message => "message",
            Element::Error => "error",
            Element::Border => "border",
        }
    }

    /// The element named `name` in `[theme]`.
    pub fn by_name(name: &str) -> Option<Element> {
        Element::ALL.into_iter().find(|e| e.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Today's palette (see `ui::style`, `ui::sidebar`, `ui::status`).
    fn default_colour(self) -> Option<Colour> {
        match self {
            Element::Title => Some(Colour::Yellow),
            Element::Heading => Some(Colour::Cyan),
            Element::Code => Some(Colour::Green),
            Element::Link => Some(Colour::Blue),
            Element::Marker => Some(Colour::Magenta),
            Element::Match => Some(Colour::Yellow),
            Element::Starred => Some(Colour::Yellow),
            Element::Message => Some(Colour::Yellow),
            Element::Error => Some(Colour::Red),
            Element::Meta | Element::Selected | Element::Unread | Element::Status | Element::Border => None,
        }
    }
}

/// A colour (or none) for each element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    colours: [Option<Colour>; Element::ALL.len()],
}

impl Default for Theme {
    fn default() -> Theme {
        Theme { colours: Element::ALL.map(Element::default_colour) }
    }
}

impl Theme {
    /// The colour of `element`; `None`: the terminal's own.
    pub fn colour(&self, element: Element) -> Option<Colour> {
        self.colours[element.index()]
    }

    pub fn set(&mut self, element: Element, colour: Option<Colour>) {
        self.colours[element.index()] = colour;
    }

    /// No colour at all: for `NO_COLOR`.
    pub fn no_color() -> Theme {
        Theme { colours: [None; Element::ALL.len()] }
    }

    /// This theme, or none at all when `no_color` (see [`no_color_requested`]).
    pub fn with_no_color(self, no_color: bool) -> Theme {
        if no_color { Theme::no_color() } else { self }
    }
}

/// Whether the environment asks for no colour: `NO_COLOR` set and not empty
/// (<https://no-color.org>).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The colour names, each with its colour, in the order messages list them.
const NAMES: [(&str, Colour); 16] = [
    ("black", Colour::Black),
    ("red", Colour::Red),
    ("green", Colour::Green),
    ("yellow", Colour::Yellow),
    ("blue", Colour::Blue),
    ("magenta", Colour::Magenta),
    ("cyan", Colour::Cyan),
    ("gray", Colour::Gray),
    ("dark-gray", Colour::DarkGray),
    ("light-red", Colour::LightRed),
    ("light-green", Colour::LightGreen),
    ("light-yellow", Colour::LightYellow),
    ("light-blue", Colour::LightBlue),
    ("light-magenta", Colour::LightMagenta),
    ("light-cyan", Colour::LightCyan),
    ("white", Colour::White),
];

/// What a colour may be, for messages.
pub const EXPECTED: &str = "a colour name (black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, \
     light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, white), \
     \"none\", \"#rrggbb\" or a number from 0 to 255";

/// A colour from its config spelling: a name (case, `-`, `_` and spaces
/// ignored; `grey` too), `none`/`default` (no colour), `#rrggbb`, or an
/// index from 0 to 255. `Err` holds a message.
pub fn parse_colour(spec: &str) -> Result<Option<Colour>, String> {
    let spec = spec.trim();
    if let Some(hex) = spec.strip_prefix('#') {
        return parse_hex(hex).map(Some).ok_or_else(|| format!("`#{hex}` is not a colour; write #rrggbb"));
    }
    if !spec.is_empty() && spec.bytes().all(|b| b.is_ascii_digit()) {
        return match spec.parse::<u8>() {
            Ok(index) => Ok(Some(Colour::Indexed(index))),
            Err(_) => Err(format!("colour number {spec} is not from 0 to 255")),
        };
    }
    let folded: String = spec.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect();
    let folded = folded.replace("grey", "gray");
    if folded == "none" || folded == "default" {
        return Ok(None);
    }
    if let Some((_, colour)) = NAMES.iter().find(|(name, _)| name.replace('-', "") == folded) {
        return Ok(Some(*colour));
    }
    let hint = crate::text::suggestion(spec, NAMES.iter().map(|(name, _)| *name).chain(["none"]));
    Err(format!("expected {EXPECTED}, found {spec:?}{hint}"))
}

/// An index from the config as a colour.
pub fn indexed(index: i128) -> Result<Option<Colour>, String> {
    u8::try_from(index)
        .map(|i| Some(Colour::Indexed(i)))
        .map_err(|_| format!("colour number {index} is not from 0 to 255"))
}

fn parse_hex(hex: &str) -> Option<Colour> {
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |at: usize| hex.get(at..at + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
    Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// How the config writes `colour` (the inverse of [`parse_colour`]).
pub fn colour_spec(colour: Option<Colour>) -> String {
    match colour {
        None => "none".to_owned(),
        Some(Colour::Rgb(r, g, b)) => format!("#{r:02x}{g:02x}{b:02x}"),
        Some(Colour::Indexed(i)) => i.to_string(),
        Some(other) => NAMES
            .iter()
            .find(|(_, c)| *c == other)
            .map(|(name, _)| (*name).to_owned())
            .unwrap_or_else(|| "none".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_hex_and_numbers() {
        assert_eq!(parse_colour("yellow"), Ok(Some(Colour::Yellow)));
        assert_eq!(parse_colour("Light-Blue"), Ok(Some(Colour::LightBlue)));
        assert_eq!(parse_colour("dark_grey"), Ok(Some(Colour::DarkGray)));
        assert_eq!(parse_colour("darkgray"), Ok(Some(Colour::DarkGray)));
        assert_eq!(parse_colour("none"), Ok(None));
        assert_eq!(parse_colour("default"), Ok(None));
        assert_eq!(parse_colour("#FF8000"), Ok(Some(Colour::Rgb(255, 128, 0))));
        assert_eq!(parse_colour("#0a0b0c"), Ok(Some(Colour::Rgb(10, 11, 12))));
        assert_eq!(parse_colour("208"), Ok(Some(Colour::Indexed(208))));
        assert_eq!(parse_colour("0"), Ok(Some(Colour::Indexed(0))));
        assert_eq!(indexed(255), Ok(Some(Colour::Indexed(255))));
        assert!(indexed(256).is_err());
        assert!(indexed(-1).is_err());
    }

    #[test]
    fn bad_colours_say_why() {
        assert!(parse_colour("256").is_err_and(|e| e.contains("0 to 255")));
        assert!(parse_colour("#fff").is_err_and(|e| e.contains("#rrggbb")));
        assert!(parse_colour("#ggggggg").is_err());
        assert!(parse_colour("#ééé").is_err());
        assert!(parse_colour("").is_err());
        assert!(parse_colour("-").is_err());
        let message = parse_colour("yelow").expect_err("a typo");
        assert!(message.contains("did you mean `yellow`?"), "{message}");
        assert!(message.contains("#rrggbb"), "{message}");
    }

    #[test]
    fn specs_read_back() {
        for (name, colour) in NAMES {
            assert_eq!(colour_spec(Some(colour)), name);
            assert_eq!(parse_colour(name), Ok(Some(colour)));
        }
        for colour in [None, Some(Colour::Rgb(1, 2, 254)), Some(Colour::Indexed(17))] {
            assert_eq!(parse_colour(&colour_spec(colour)), Ok(colour));
        }
    }

    #[test]
    fn elements_have_names_and_todays_colours() {
        for (index, element) in Element::ALL.into_iter().enumerate() {
            assert_eq!(element.index(), index);
            assert_eq!(Element::by_name(element.name()), Some(element));
        }
        assert_eq!(Element::by_name("titles"), None);
        let theme = Theme::default();
        assert_eq!(theme.colour(Element::Title), Some(Colour::Yellow));
        assert_eq!(theme.colour(Element::Heading), Some(Colour::Cyan));
        assert_eq!(theme.colour(Element::Code), Some(Colour::Green));
        assert_eq!(theme.colour(Element::Link), Some(Colour::Blue));
        assert_eq!(theme.colour(Element::Marker), Some(Colour::Magenta));
        assert_eq!(theme.colour(Element::Error), Some(Colour::Red));
        assert_eq!(theme.colour(Element::Selected), None);
    }

    #[test]
    fn no_color_clears_every_colour() {
        let theme = Theme::default().with_no_color(true);
        assert!(Element::ALL.iter().all(|e| theme.colour(*e).is_none()));
        assert_eq!(Theme::default().with_no_color(false), Theme::default());
        let mut theme = Theme::default();
        theme.set(Element::Border, Some(Colour::Indexed(8)));
        assert_eq!(theme.colour(Element::Border), Some(Colour::Indexed(8)));
    }
}
