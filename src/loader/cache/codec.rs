//! The index cache's byte format for one article: length-prefixed fields,
//! read back with every length and every string checked.

use crate::file::Interner;
use crate::model::{Article, ExtraValue};
use crate::persist::{Input, put_bytes, put_varint};
use crate::search::Entry;
use jiff::Timestamp;

/// Appends `article`'s front-matter facts (not its place: folder, file
/// name, group and format come from the walk), and its search `entry` if
/// it has one, to `out`.
pub fn encode(article: &Article, entry: Option<&Entry>, out: &mut Vec<u8>) {
    put_str(out, &article.title);
    put_option(out, article.author.as_deref());
    put_list(out, article.categories.iter().map(|c| &**c), article.categories.len());
    put_list(out, article.tags.iter().map(|t| &**t), article.tags.len());
    match article.date {
        Some(date) => {
            out.push(1);
            out.extend_from_slice(&date.as_second().to_le_bytes());
            out.extend_from_slice(&date.subsec_nanosecond().to_le_bytes());
        }
        None => out.push(0),
    }
    put_option(out, article.unreadable_date.as_deref());
    put_list(out, article.images.iter().map(|i| &**i), article.images.len());
    put_option(out, article.link.as_deref());
    put_varint(out, article.extra.len() as u64);
    for (key, value) in &article.extra {
        put_str(out, key);
        put_str(out, value.stored());
    }
    put_list(out, article.warnings.iter().map(|w| &**w), article.warnings.len());
    put_option(out, article.encoding.map(encoding_rs::Encoding::name));
    out.push(u8::from(article.body_images));
    put_option(out, article.summary.as_deref());
    out.push(u8::from(article.draft));
    match entry {
        Some(entry) => {
            out.push(1);
            let (fields, pinyin, fuzzy) = entry.parts();
            for field in fields {
                put_str(out, field);
            }
            put_varint(out, pinyin.len() as u64);
            for code in pinyin {
                out.extend_from_slice(&code.to_le_bytes());
            }
            for bits in fuzzy {
                out.extend_from_slice(&bits.to_le_bytes());
            }
        }
        None => out.push(0),
    }
}

/// The facts `encode` wrote, into `article` (whose place is already set),
/// and its search entry when `with_entry` and the cache has one; `None` if
/// the bytes are not a whole, well-formed record. Also says whether a
/// search entry was wanted and missing.
pub fn decode(
    bytes: &[u8],
    article: &mut Article,
    interner: &mut Interner,
    with_entry: bool,
) -> Option<(Option<Entry>, bool)> {
    let mut input = Input::new(bytes);
    article.title = clean(input.str()?).into();
    article.author = input.option()?.map(|a| interner.get(&clean(a)));
    article.categories = input.list(|s| Some(interner.get(&clean(s))))?;
    article.tags = input.list(|s| Some(interner.get(&clean(s))))?;
    article.date = match input.byte()? {
        0 => None,
        1 => {
            let seconds = i64::from_le_bytes(input.array()?);
            let nanos = i32::from_le_bytes(input.array()?);
            Some(Timestamp::new(seconds, nanos).ok()?)
        }
        _ => return None,
    };
    article.unreadable_date = input.option()?.map(|d| clean(d).into());
    article.images = input.list(|s| Some(interner.get(&clean(s))))?;
    article.link = input.option()?.map(|l| clean(l).into());
    let extras = input.count()?;
    let mut extra = Vec::with_capacity(extras);
    for _ in 0..extras {
        let key = interner.get(&clean(input.str()?));
        let stored = input.str()?;
        // The JSON mark is a control character: kept, the rest cleaned.
        let value = match ExtraValue::json_in(stored) {
            Some(json) => ExtraValue::from_stored(interner.get(&ExtraValue::stored_json(&clean(json)))),
            None => ExtraValue::text(interner.get(&clean(stored))),
        };
        extra.push((key, value));
    }
    article.extra = extra.into();
    article.warnings = input.list(|s| Some(clean(s).into()))?;
    article.encoding = match input.option()? {
        Some(name) => Some(encoding_rs::Encoding::for_label(name.as_bytes())?),
        None => None,
    };
    article.body_images = match input.byte()? {
        0 => false,
        1 => true,
        _ => return None,
    };
    article.summary = input.option()?.map(|s| clean(s).into());
    article.draft = match input.byte()? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let has_entry = match input.byte()? {
        0 => false,
        1 => true,
        _ => return None,
    };
    if has_entry && with_entry {
        let mut fields: [String; 4] = Default::default();
        for field in &mut fields {
            *field = clean(input.str()?).into_owned();
        }
        let codes = input.count()?;
        let mut pinyin = Vec::with_capacity(codes);
        for _ in 0..codes {
            pinyin.push(u16::from_le_bytes(input.array()?));
        }
        let fuzzy = [u64::from_le_bytes(input.array()?), u64::from_le_bytes(input.array()?)];
        let entry = Entry::from_parts(fields, pinyin.into(), fuzzy);
        return input.is_empty().then_some((Some(entry), false));
    }
    // Not wanted (or absent): the rest is the entry, skipped unread.
    Some((None, with_entry && !has_entry))
}

/// Text from the cache as from an article: no controls reach the screen,
/// whatever the file holds (the loader wrote it clean; a damaged or forged
/// file must not make it otherwise).
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::strip_controls(text)
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_bytes(out, text.as_bytes());
}

fn put_option(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.push(1);
            put_str(out, text);
        }
        None => out.push(0),
    }
}

fn put_list<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a str>, count: usize) {
    put_varint(out, count as u64);
    for item in items {
        put_str(out, item);
    }
}

/// The field readers of a record, on top of the shared byte reader.
trait Fields<'a> {
    fn option(&mut self) -> Option<Option<&'a str>>;
    fn list<T>(&mut self, make: impl FnMut(&'a str) -> Option<T>) -> Option<Box<[T]>>;
}

impl<'a> Fields<'a> for Input<'a> {
    fn option(&mut self) -> Option<Option<&'a str>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }

    fn list<T>(&mut self, mut make: impl FnMut(&'a str) -> Option<T>) -> Option<Box<[T]>> {
        let n = self.count()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(make(self.str()?)?);
        }
        Some(items.into())
    }
}
