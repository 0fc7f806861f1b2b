//! Numbering: an article's images and links numbered once each (in the
//! order first met, through maps from URL to number, so numbering stays
//! linear however many there are), and the markers of ordered list items
//! (`3.`, `c.`, `iv.`).

use super::super::{Base, Image, Link, LinkKind};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// The images and links met so far, each numbered by its place (1-based).
#[derive(Debug)]
pub(super) struct Numbering {
    base: Base,
    images: Vec<Image>,
    links: Vec<Link>,
    /// An image's URL to its number.
    image_numbers: HashMap<String, usize>,
    /// A link's URL and kind to its number.
    link_numbers: HashMap<(String, LinkKind), usize>,
}

impl Numbering {
    /// Relative URLs resolve against `base`.
    pub(super) fn new(base: Base) -> Numbering {
        Numbering {
            base,
            images: Vec::new(),
            links: Vec::new(),
            image_numbers: HashMap::new(),
            link_numbers: HashMap::new(),
        }
    }

    /// The number of the image at `url`, numbering it if new; an image met
    /// again keeps its number and gains `alt` if it had none. `None` for a
    /// URL that leads nowhere or is refused.
    pub(super) fn image(&mut self, url: &str, alt: Option<String>) -> Option<usize> {
        let url = self.base.resolve(url).filter(|u| !is_refused(u))?;
        match self.image_numbers.entry(url) {
            Entry::Occupied(known) => {
                let number = *known.get();
                if let Some(image) = self.images.get_mut(number - 1)
                    && image.alt.is_none()
                {
                    image.alt = alt;
                }
                Some(number)
            }
            Entry::Vacant(new) => {
                self.images.push(Image { url: new.key().clone(), alt, caption: None, in_text: false, size_hint: None });
                Some(*new.insert(self.images.len()))
            }
        }
    }

    /// The number of an image held in the page itself (`data:`, as
    /// SingleFile saves every image), listed by `description` (its type and
    /// size, not its bytes); such an image cannot be opened.
    pub(super) fn inline_image(&mut self, description: String, alt: Option<String>) -> usize {
        match self.image_numbers.entry(description) {
            Entry::Occupied(known) => *known.get(),
            Entry::Vacant(new) => {
                self.images.push(Image { url: new.key().clone(), alt, caption: None, in_text: false, size_hint: None });
                *new.insert(self.images.len())
            }
        }
    }

    /// The number of the link of `kind` to `url`, numbering it if new: the
    /// same URL as a link and as a video are two links.
    pub(super) fn link(&mut self, url: &str, kind: LinkKind) -> Option<usize> {
        let url = self.base.resolve(url).filter(|u| !is_refused(u))?;
        match self.link_numbers.entry((url, kind)) {
            Entry::Occupied(known) => Some(*known.get()),
            Entry::Vacant(new) => {
                self.links.push(Link { url: new.key().0.clone(), text: String::new(), kind });
                Some(*new.insert(self.links.len()))
            }
        }
    }

    /// Image `number`, to give it a caption.
    pub(super) fn image_mut(&mut self, number: usize) -> Option<&mut Image> {
        self.images.get_mut(number.checked_sub(1)?)
    }

    /// Link `number`, to give it its text.
    pub(super) fn link_mut(&mut self, number: usize) -> Option<&mut Link> {
        self.links.get_mut(number.checked_sub(1)?)
    }

    /// The images and links, image `N` at `N - 1`.
    /// Image `number`'s size as the page gives it (`width`/`height`), if
    /// it has none yet.
    pub(super) fn hint_size(&mut self, number: usize, size: (u32, u32)) {
        if let Some(image) = self.images.get_mut(number.wrapping_sub(1)) {
            image.size_hint.get_or_insert(size);
        }
    }

    /// Image `number`'s marker stands in the text.
    pub(super) fn placed(&mut self, number: usize) {
        if let Some(image) = self.images.get_mut(number.wrapping_sub(1)) {
            image.in_text = true;
        }
    }

    pub(super) fn finish(self) -> (Vec<Image>, Vec<Link>) {
        (self.images, self.links)
    }
}

/// Lazy-loading and tracking images are common in archived HTML.
pub(super) fn is_refused(url: &str) -> bool {
    let lower = url.get(..11).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("data:")
}

/// How an ordered list numbers its items.
#[derive(Debug, Clone, Copy)]
pub(super) enum NumberStyle {
    Decimal,
    Lower,
    Upper,
    Roman,
}

/// The style of `<ol type=…>`.
pub(super) fn number_style(kind: Option<&str>) -> NumberStyle {
    match kind.map(str::trim) {
        Some("a") => NumberStyle::Lower,
        Some("A") => NumberStyle::Upper,
        Some("i" | "I") => NumberStyle::Roman,
        _ => NumberStyle::Decimal,
    }
}

/// The marker of item `n`: letters up to 26 and roman numerals below
/// 4000, decimal beyond.
pub(super) fn format_number(style: NumberStyle, n: u64) -> String {
    match style {
        NumberStyle::Decimal => format!("{n}."),
        NumberStyle::Lower | NumberStyle::Upper if (1..=26).contains(&n) => {
            let base = if matches!(style, NumberStyle::Lower) { b'a' } else { b'A' };
            format!("{}.", (base + (n - 1) as u8) as char)
        }
        NumberStyle::Roman if (1..4000).contains(&n) => format!("{}.", roman(n)),
        _ => format!("{n}."),
    }
}

fn roman(mut n: u64) -> String {
    const NUMERALS: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering() -> Numbering {
        Numbering::new(Base::Url { link: "https://site.test/a/".to_owned(), folder: "/nowhere".into() })
    }

    #[test]
    fn images_keep_their_first_number_and_gain_an_alt() {
        let mut numbers = numbering();
        assert_eq!(numbers.image("one.jpg", None), Some(1));
        assert_eq!(numbers.image("two.jpg", Some("Two".to_owned())), Some(2));
        assert_eq!(numbers.image("https://site.test/a/one.jpg", Some("One".to_owned())), Some(1));
        assert_eq!(numbers.image("two.jpg", Some("Other".to_owned())), Some(2));
        assert_eq!(numbers.image("data:image/png;base64,xx", None), None);
        assert_eq!(numbers.image("", None), None);
        let (images, links) = numbers.finish();
        let alts: Vec<Option<&str>> = images.iter().map(|i| i.alt.as_deref()).collect();
        assert_eq!(alts, [Some("One"), Some("Two")]);
        assert!(links.is_empty());
    }

    #[test]
    fn links_are_one_per_url_and_kind() {
        let mut numbers = numbering();
        assert_eq!(numbers.link("page", LinkKind::Link), Some(1));
        assert_eq!(numbers.link("page", LinkKind::Video), Some(2));
        assert_eq!(numbers.link("https://site.test/a/page", LinkKind::Link), Some(1));
        assert_eq!(numbers.link("page", LinkKind::Audio), Some(3));
        assert_eq!(numbers.link("JavaScript:void(0)", LinkKind::Link), None);
        assert_eq!(numbers.link("#top", LinkKind::Link), None);
        let (_, links) = numbers.finish();
        let kinds: Vec<LinkKind> = links.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LinkKind::Link, LinkKind::Video, LinkKind::Audio]);
    }

    /// Quadratic numbering would take minutes here.
    #[test]
    fn many_links_and_images_number_in_linear_time() {
        const COUNT: usize = 200_000;
        let mut numbers = numbering();
        for i in 0..COUNT {
            assert_eq!(numbers.link(&format!("https://links.test/{i}"), LinkKind::Link), Some(i + 1));
            assert_eq!(numbers.image(&format!("/images/{i}.png"), None), Some(i + 1));
        }
        for i in (0..COUNT).rev() {
            assert_eq!(numbers.link(&format!("https://links.test/{i}"), LinkKind::Link), Some(i + 1));
            assert_eq!(numbers.image(&format!("https://site.test/images/{i}.png"), Some(format!("{i}"))), Some(i + 1));
        }
        assert_eq!(numbers.link("https://links.test/7", LinkKind::Video), Some(COUNT + 1));
        let (images, links) = numbers.finish();
        assert_eq!(links.len(), COUNT + 1);
        assert_eq!(images.len(), COUNT);
        assert_eq!(links[12_345].url, "https://links.test/12345");
        assert_eq!(images[12_345].alt.as_deref(), Some("12345"));
    }

    #[test]
    fn list_markers() {
        assert_eq!(format_number(number_style(None), 3), "3.");
        assert_eq!(format_number(number_style(Some("a")), 3), "c.");
        assert_eq!(format_number(number_style(Some(" A ")), 26), "Z.");
        assert_eq!(format_number(number_style(Some("A")), 27), "27.");
        assert_eq!(format_number(number_style(Some("I")), 1994), "mcmxciv.");
        assert_eq!(format_number(number_style(Some("i")), 4000), "4000.");
        assert_eq!(format_number(number_style(Some("i")), 0), "0.");
    }
}
