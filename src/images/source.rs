//! Where an image's pixels come from: a file (a path, or a `file:` URL)
//! or the web (`http`, `https`); anything else cannot be drawn, and says
//! why.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Web(String),
}

/// Where the image at `url` (as the document numbered it: absolute, or
/// a path) is read from.
pub fn source(url: &str) -> Result<Source, String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Ok(Source::Web(url.to_owned()));
    }
    if let Some(rest) = url.get(..5).filter(|s| s.eq_ignore_ascii_case("file:")).map(|_| &url[5..]) {
        let path = rest.strip_prefix("//localhost").or_else(|| rest.strip_prefix("//")).unwrap_or(rest);
        let decoded =
            percent_encoding::percent_decode_str(path).decode_utf8().map_err(|_| "a file: URL that is no path")?;
        return if decoded.starts_with('/') {
            Ok(Source::File(PathBuf::from(decoded.as_ref())))
        } else {
            Err("a file: URL of another machine".to_owned())
        };
    }
    if url.starts_with('/') {
        return Ok(Source::File(PathBuf::from(url)));
    }
    if url.contains(" in the page (") {
        return Err("held in the saved page, not drawn".to_owned());
    }
    let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme);
    Err(if scheme.is_empty() { "no file or web address".to_owned() } else { format!("a {scheme}: address") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_web_addresses() {
        assert_eq!(source("/home/a/b.png"), Ok(Source::File(PathBuf::from("/home/a/b.png"))));
        assert_eq!(source("file:///home/a/my%20cat.png"), Ok(Source::File(PathBuf::from("/home/a/my cat.png"))));
        assert_eq!(source("file://localhost/x.jpg"), Ok(Source::File(PathBuf::from("/x.jpg"))));
        assert_eq!(source("HTTPS://example.com/a.jpg"), Ok(Source::Web("HTTPS://example.com/a.jpg".to_owned())));
        assert!(source("file://server/share/x.png").is_err());
        assert!(source("ftp://example.com/a.png").expect_err("ftp").contains("ftp"));
        assert!(source("image/png in the page (12 KB)").expect_err("inline").contains("saved page"));
    }
}
