//! Resolving an article's URLs: a relative one is first a file next to
//! the article (when that file is there), else it is resolved against the
//! article's `link` (RFC 3986), else against the article's folder; so a
//! local image becomes an absolute path.

use iri_string::types::{IriAbsoluteStr, IriReferenceStr};
use std::path::{Component, Path, PathBuf};

/// What relative URLs in an article are relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The article's original address (`http`/`https`), and its folder.
    Url { link: String, folder: PathBuf },
    /// The folder of the article's file.
    Folder(PathBuf),
}

impl Base {
    /// The base for an article with this `link` at this `path`.
    pub fn for_article(link: Option<&str>, path: &Path) -> Base {
        let folder = absolute(path.parent().unwrap_or(Path::new("")));
        match link.filter(|l| is_web(l) && IriAbsoluteStr::new(l).is_ok()) {
            Some(link) => Base::Url { link: link.to_owned(), folder },
            None => Base::Folder(folder),
        }
    }

    /// `raw` made absolute; `None` for nothing to follow (empty, `#top`).
    pub fn resolve(&self, raw: &str) -> Option<String> {
        let raw = crate::text::clean_url(raw);
        if raw.is_empty() || raw.starts_with('#') {
            return None;
        }
        if has_scheme(&raw) {
            return Some(raw);
        }
        let local = |folder: &Path| {
            let path = raw.split(['?', '#']).next().unwrap_or_default();
            normalise(&folder.join(percent_decode(path)))
        };
        match self {
            Base::Url { link, folder } => {
                // A file next to the article is the one it shows.
                if !raw.starts_with('/') {
                    let file = local(folder);
                    if file.is_file() {
                        return Some(file.to_string_lossy().into_owned());
                    }
                }
                Some(resolve_url(link, &raw))
            }
            Base::Folder(folder) => {
                if let Some(rest) = raw.strip_prefix("//") {
                    return Some(format!("https://{rest}"));
                }
                Some(local(folder).to_string_lossy().into_owned())
            }
        }
    }
}

fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `scheme:` at the start (`https:`, `data:`, `javascript:`, `mailto:`).
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) if colon > 0 => {
            let scheme = &url[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

fn resolve_url(base: &str, reference: &str) -> String {
    // Spaces and other characters IRIs refuse are common in archived HTML.
    let escaped: String = reference.chars().map(|c| if c == ' ' { "%20".to_owned() } else { c.to_string() }).collect();
    match (IriAbsoluteStr::new(base), IriReferenceStr::new(&escaped)) {
        (Ok(base), Ok(reference)) => reference.resolve_against(base).to_string(),
        _ => escaped,
    }
}

/// `%20` and the like in a local file name.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_owned())
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// `a/./b/../c` → `a/c`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn against_the_original_link() {
        let base = Base::for_article(Some("https://example.org/news/2021/a.html?x=1"), Path::new("/lib/a.md"));
        assert_eq!(base.resolve("b.jpg").as_deref(), Some("https://example.org/news/2021/b.jpg"));
        assert_eq!(base.resolve("../img/c.png").as_deref(), Some("https://example.org/news/img/c.png"));
        assert_eq!(base.resolve("/top.png").as_deref(), Some("https://example.org/top.png"));
        assert_eq!(base.resolve("//cdn.test/x.png").as_deref(), Some("https://cdn.test/x.png"));
        assert_eq!(base.resolve("a b.png").as_deref(), Some("https://example.org/news/2021/a%20b.png"));
        assert_eq!(base.resolve("https://other.test/").as_deref(), Some("https://other.test/"));
        assert_eq!(base.resolve("#section"), None);
        assert_eq!(base.resolve("  "), None);
    }

    #[test]
    fn against_the_file() {
        let base = Base::for_article(None, Path::new("/lib/source/_posts/博客/a.md"));
        assert_eq!(base.resolve("../../images/x%20y.png").as_deref(), Some("/lib/source/images/x y.png"));
        assert_eq!(base.resolve("pic.png?v=2#frag").as_deref(), Some("/lib/source/_posts/博客/pic.png"));
        assert_eq!(base.resolve("javascript:alert(1)").as_deref(), Some("javascript:alert(1)"));
        assert_eq!(base.resolve("//cdn.test/x.png").as_deref(), Some("https://cdn.test/x.png"));
    }

    #[test]
    fn a_file_next_to_the_article_comes_before_its_link() {
        let dir = std::env::temp_dir().join(format!("folio-urls-{}", std::process::id()));
        let images = dir.join("images");
        std::fs::create_dir_all(&images).expect("temp folder");
        std::fs::write(images.join("cells.png"), b"png").expect("file");
        let base = Base::for_article(Some("https://example.org/posts/a.html"), &dir.join("posts/a.md"));
        let here = dir.join("images/cells.png").to_string_lossy().into_owned();
        assert_eq!(base.resolve("../images/cells.png").as_deref(), Some(here.as_str()));
        assert_eq!(base.resolve("../images/missing.png").as_deref(), Some("https://example.org/images/missing.png"));
        // Site-relative: the site's, never a file.
        assert_eq!(base.resolve("/images/cells.png").as_deref(), Some("https://example.org/images/cells.png"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_that_is_no_web_address_is_no_base() {
        let base = Base::for_article(Some("not a url"), Path::new("/lib/a.md"));
        assert_eq!(base, Base::Folder(PathBuf::from("/lib")));
    }
}
