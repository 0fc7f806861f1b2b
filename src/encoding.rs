//! Turning a file's bytes into text: UTF-8 (with or without BOM), UTF-16,
//! and legacy CJK encodings (GB18030, Big5, Shift-JIS, …) by detection.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// What a file's bytes turned out to be.
#[derive(Debug)]
pub enum Decoded<'a> {
    /// Text, and the encoding it was decoded from (`None`: UTF-8).
    Text(Cow<'a, str>, Option<&'static Encoding>),
    /// NUL bytes in something that is not UTF-16: not a text file.
    Binary,
}

/// Decodes `bytes` as the text of an article file.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_as(&bytes[bom_len..], encoding);
    }
    if memchr::memchr(0, bytes).is_some() {
        return match utf16_without_bom(bytes) {
            Some(encoding) => decode_as(bytes, encoding),
            None => Decoded::Binary,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::Text(Cow::Borrowed(text), None),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let encoding = detector.guess(None, true);
            decode_as(bytes, encoding)
        }
    }
}

/// The first `limit` bytes of a UTF-8 file as text (cut at a character
/// boundary, BOM removed), without validating the rest: enough to read a
/// front-matter block cheaply. `None` when the file is not plainly UTF-8
/// text (a UTF-16 BOM, NUL bytes, invalid UTF-8 in the head).
pub fn utf8_head(bytes: &[u8], limit: usize) -> Option<&str> {
    if bytes.starts_with(&[0xfe, 0xff]) || bytes.starts_with(&[0xff, 0xfe]) || memchr::memchr(0, bytes).is_some() {
        return None;
    }
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(limit)];
    match std::str::from_utf8(head) {
        Ok(text) => Some(text),
        // The limit fell inside a character: keep what comes before it.
        Err(error) if error.error_len().is_none() => std::str::from_utf8(&head[..error.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// Decodes a file again with the encoding the loader found for it (`None`:
/// detect afresh, which is what the loader did for UTF-8).
pub fn decode_with<'a>(bytes: &'a [u8], encoding: Option<&'static Encoding>) -> Decoded<'a> {
    match encoding {
        Some(encoding) => Decoded::Text(encoding.decode_with_bom_removal(bytes).0, Some(encoding)),
        None => decode(bytes),
    }
}

fn decode_as<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Decoded<'a> {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let label = if encoding == encoding_rs::UTF_8 { None } else { Some(encoding) };
    Decoded::Text(text, label)
}

/// UTF-16 without a byte-order mark: the byte order that decodes to
/// well-formed text, without NUL or stray controls, and with the most
/// ASCII (the front matter's `---`, keys and newlines) wins, if it has
/// enough ASCII to be sure.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|encoding| ascii_in_utf16(bytes, encoding).map(|ascii| (ascii, encoding)))
        .filter(|&(ascii, _)| ascii >= 8)
        .max_by_key(|&(ascii, _)| ascii)
        .map(|(_, encoding)| encoding)
}

/// How many ASCII characters `bytes` holds as text in `encoding`; `None`
/// when it is not text in it.
fn ascii_in_utf16(bytes: &[u8], encoding: &'static Encoding) -> Option<usize> {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    if malformed {
        return None;
    }
    let (mut chars, mut ascii, mut controls) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        match c {
            '\0' => return None,
            '\n' | '\r' | '\t' | ' '..='~' => ascii += 1,
            c if c.is_control() => controls += 1,
            _ => {}
        }
    }
    (controls * 100 <= chars).then_some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<&'static str>) {
        match decode(bytes) {
            Decoded::Text(text, enc) => (text.into_owned(), enc.map(|e| e.name())),
            Decoded::Binary => panic!("decoded as binary"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("标题".as_bytes()), ("标题".to_owned(), None));
        assert_eq!(text(b"\xef\xbb\xbftitle"), ("title".to_owned(), None));
    }

    #[test]
    fn legacy_cjk_encodings() {
        let sample = "---\ntitle: '俄罗斯希望在日内瓦会谈期间得到美国保证，西方协调以阻止俄罗斯进攻乌克兰'\n---\n<p>联合国难民署表示，这是有记录以来最致命的一年。</p>";
        let (gbk, _, _) = encoding_rs::GB18030.encode(sample);
        assert_eq!(text(&gbk).0, sample);
        let trad = "---\ntitle: '與堂本光一合作新曲影像出爐，本尊笑稱是盛大的公器私用'\n---\n<p>這是一篇繁體中文的文章，講述遊戲與動畫的新聞。</p>";
        let (big5, _, _) = encoding_rs::BIG5.encode(trad);
        assert_eq!(text(&big5), (trad.to_owned(), Some("Big5")));
        let jp = "---\ntitle: 'ジョジョの奇妙な冒険 ストーンオーシャン'\n---\n<p>これは日本語の記事です。放送は来年から始まります。</p>";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(jp);
        assert_eq!(text(&sjis), (jp.to_owned(), Some("Shift_JIS")));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let sample = "---\ntitle: 'UTF-16 标题'\n---\nbody";
        let le: Vec<u8> = sample.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = sample.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&le).0, sample);
        assert_eq!(text(&be).0, sample);
        let mut with_bom = vec![0xff, 0xfe];
        with_bom.extend_from_slice(&le);
        assert_eq!(text(&with_bom).0, sample);
    }

    #[test]
    fn head_of_a_utf8_file() {
        let text = "\u{feff}---\ntitle: '标题'\n---\nbody";
        assert_eq!(utf8_head(text.as_bytes(), 1000), Some("---\ntitle: '标题'\n---\nbody"));
        // The limit cuts 标 (three bytes) in the middle.
        assert_eq!(utf8_head(text.as_bytes(), 14), Some("---\ntitle: '"));
        assert_eq!(utf8_head(b"---\ntitle: \xb1\xea\n", 100), None);
        assert_eq!(utf8_head(b"---\n\0", 100), None);
        assert_eq!(utf8_head(&[0xff, 0xfe, b'-', 0], 100), None);
    }

    #[test]
    fn cjk_utf16_without_bom() {
        let sample = "---\ntitle: '俄罗斯希望在日内瓦会谈期间得到美国保证西方协调以阻止俄罗斯进攻乌克兰'\n---\n<p>联合国难民署表示这是有记录以来最致命的一年难民穿越孟加拉湾和安达曼海</p>";
        let le: Vec<u8> = sample.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = sample.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&le).0, sample);
        assert_eq!(text(&be).0, sample);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01"), Decoded::Binary));
        assert!(matches!(decode(b"---\ntitle: x\n---\n\0"), Decoded::Binary));
    }
}
