//! The index cache's byte format for one article: length-prefixed fields,
//! read back with every length and every string checked.

use crate::article::Article;
use crate::loader::intern::Interner;
use crate::search::Entry;
use jiff::Timestamp;

/// Appends `article`'s front-matter facts (not its place: folder, file
/// name, group and format come from the walk) to `out`.
pub fn encode(article: &Article, out: &mut Vec<u8>) {
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
    put_number(out, article.extra.len() as u64);
    for (key, value) in &article.extra {
        put_str(out, key);
        put_str(out, value);
    }
    put_list(out, article.warnings.iter().map(|w| &**w), article.warnings.len());
    put_option(out, article.encoding.map(encoding_rs::Encoding::name));
    out.push(u8::from(article.body_images));
    match article.search.as_deref() {
        Some(entry) => {
            out.push(1);
            let (fields, pinyin, fuzzy) = entry.parts();
            for field in fields {
                put_str(out, field);
            }
            put_number(out, pinyin.len() as u64);
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
/// with its search entry when `with_entry` and the cache has one; `None`
/// if the bytes are not a whole, well-formed record. Also says whether a
/// search entry was wanted and missing.
pub fn decode(bytes: &[u8], article: &mut Article, interner: &mut Interner, with_entry: bool) -> Option<bool> {
    let mut input = Input { bytes };
    article.title = input.str()?.into();
    article.author = input.option()?.map(|a| interner.get(a));
    article.categories = input.list(|s| Some(interner.get(s)))?;
    article.tags = input.list(|s| Some(interner.get(s)))?;
    article.date = match input.byte()? {
        0 => None,
        1 => {
            let seconds = i64::from_le_bytes(input.array()?);
            let nanos = i32::from_le_bytes(input.array()?);
            Some(Timestamp::new(seconds, nanos).ok()?)
        }
        _ => return None,
    };
    article.unreadable_date = input.option()?.map(Into::into);
    article.images = input.list(|s| Some(s.into()))?;
    article.link = input.option()?.map(Into::into);
    let extras = input.count()?;
    let mut extra = Vec::with_capacity(extras);
    for _ in 0..extras {
        let key = interner.get(input.str()?);
        extra.push((key, interner.get(input.str()?)));
    }
    article.extra = extra.into();
    article.warnings = input.list(|s| Some(s.into()))?;
    article.encoding = match input.option()? {
        Some(name) => Some(encoding_rs::Encoding::for_label(name.as_bytes())?),
        None => None,
    };
    article.body_images = match input.byte()? {
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
            *field = input.str()?.to_owned();
        }
        let codes = input.count()?;
        let mut pinyin = Vec::with_capacity(codes);
        for _ in 0..codes {
            pinyin.push(u16::from_le_bytes(input.array()?));
        }
        let fuzzy = [u64::from_le_bytes(input.array()?), u64::from_le_bytes(input.array()?)];
        article.search = Some(Box::new(Entry::from_parts(fields, pinyin.into(), fuzzy)));
        return input.bytes.is_empty().then_some(false);
    }
    // Not wanted (or absent): the rest is the entry, skipped unread.
    Some(with_entry && !has_entry)
}

/// A LEB128 number.
fn put_number(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_number(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
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
    put_number(out, count as u64);
    for item in items {
        put_str(out, item);
    }
}

/// Bytes being read from the front; every read checks what is left.
pub struct Input<'a> {
    pub bytes: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.bytes.split_first_chunk::<N>()?;
        self.bytes = rest;
        Some(*head)
    }

    pub fn number(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A count of items, each at least a byte long: never more than the
    /// bytes left, so a corrupt count cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.number()?).ok()?;
        (n <= self.bytes.len()).then_some(n)
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.number()?).ok()?;
        if len > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Some(head)
    }

    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

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
