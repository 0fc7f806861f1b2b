//! What folio will hand to an external program: web pages and local files
//! only, never `javascript:` or `data:`.

/// The URL or path to open, or why not.
pub fn openable(url: &str) -> Result<String, String> {
    let url = url.trim();
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https" | "file") => Ok(url.to_owned()),
        _ if url.starts_with('/') => Ok(url.to_owned()),
        Some(scheme) if scheme.len() > 1 && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) => {
            Err(format!("folio opens web pages and local files only, not `{scheme}:` links"))
        }
        _ => Err(format!("Cannot open `{}`: not a web address or a local file", crate::text::printable(url))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_pages_and_files() {
        assert_eq!(openable("https://a.test/x").as_deref(), Ok("https://a.test/x"));
        assert_eq!(openable("HTTP://a.test/").as_deref(), Ok("HTTP://a.test/"));
        assert_eq!(openable("file:///tmp/a.png").as_deref(), Ok("file:///tmp/a.png"));
        assert_eq!(openable("/home/me/images/a b.png").as_deref(), Ok("/home/me/images/a b.png"));
        assert!(openable("javascript:alert(1)").is_err_and(|e| e.contains("`javascript:`")));
        assert!(openable("data:image/png;base64,AAAA").is_err());
        assert!(openable("mailto:a@b.test").is_err());
        assert!(openable("relative/path.png").is_err());
    }
}
