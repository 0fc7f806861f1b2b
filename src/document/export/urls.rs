//! Which of an article's URLs the writers link to, and how Markdown
//! writes one as a link's destination.

/// The schemes an exported link or image may have; any other (`vbscript:`,
/// an app's own) leaves its text unlinked. A URL without a scheme is a
/// local path, as folio resolves the article's files.
const SAFE_SCHEMES: [&str; 7] = ["http", "https", "mailto", "ftp", "ftps", "tel", "file"];

/// Whether a link to `url` may be written.
pub fn is_safe(url: &str) -> bool {
    match scheme(url) {
        Some(scheme) => SAFE_SCHEMES.iter().any(|safe| safe.eq_ignore_ascii_case(scheme)),
        None => true,
    }
}

/// Whether an image's `url` leads to the image: a web address or a local
/// path, not the description of an image held in the page (`png in the
/// page (12 KB)`), which has neither scheme nor a leading `/`.
pub fn is_openable(url: &str) -> bool {
    (scheme(url).is_some() && is_safe(url)) || url.starts_with('/')
}

fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let plain = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    plain.then_some(scheme)
}

/// `url` as a Markdown link destination: as it is when it can be, else in
/// `<…>` with `\`, `<` and `>` escaped (a path with spaces or parentheses).
pub fn markdown_destination(url: &str) -> String {
    let plain = !url.is_empty()
        && url.chars().all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '(' | ')' | '\\'));
    if plain {
        return url.to_owned();
    }
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in url.chars().filter(|c| !matches!(c, '\n' | '\r')) {
        if matches!(c, '\\' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_schemes_and_local_paths() {
        assert!(is_safe("https://example.org/a"));
        assert!(is_safe("MAILTO:someone@example.org"));
        assert!(is_safe("/lib/images/a b.png"));
        assert!(!is_safe("vbscript:msgbox(1)"));
        assert!(!is_safe("weixin://dl/chat"));
        assert!(is_openable("/lib/a.png"));
        assert!(is_openable("https://example.org/a.png"));
        assert!(!is_openable("png in the page (12 KB)"));
    }

    #[test]
    fn destinations() {
        assert_eq!(markdown_destination("https://example.org/a?b=1#c"), "https://example.org/a?b=1#c");
        assert_eq!(markdown_destination("/lib/my pics/a (1).png"), "</lib/my pics/a (1).png>");
        assert_eq!(markdown_destination("https://x.test/a<b>\\c"), "<https://x.test/a\\<b\\>\\\\c>");
    }
}
