//! Images from the web: one blocking GET with a connect and a total
//! timeout, a few redirects, a size cap, and only image bytes accepted.

use std::time::Duration;

/// The most bytes an image may have.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
pub const CONNECT_WITHIN: Duration = Duration::from_secs(5);
pub const WHOLE_WITHIN: Duration = Duration::from_secs(20);
pub const MAX_REDIRECTS: u32 = 5;

/// A client for images, shared by the fetching threads.
#[derive(Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    max_bytes: u64,
}

/// A client whose requests end after `FOLIO_FETCH_TIMEOUT` seconds (1 to
/// 600) when that is set, else after [`WHOLE_WITHIN`].
impl Default for Fetcher {
    fn default() -> Fetcher {
        let within = std::env::var("FOLIO_FETCH_TIMEOUT")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .filter(|s| (1..=600).contains(s))
            .map_or(WHOLE_WITHIN, Duration::from_secs);
        Fetcher::new(within, MAX_BYTES)
    }
}

impl Fetcher {
    /// A client whose requests end after `within`, reading at most `max_bytes`.
    pub fn new(within: Duration, max_bytes: u64) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_WITHIN.min(within)))
            .timeout_global(Some(within))
            .max_redirects(MAX_REDIRECTS)
            .http_status_as_error(false)
            .user_agent(concat!("folio/", env!("CARGO_PKG_VERSION")))
            .build();
        Fetcher { agent: config.into(), max_bytes }
    }

    /// [`Fetcher::fetch`], what came kept in `cache` (if given) for the next time.
    pub fn fetch_into(&self, url: &str, cache: Option<&super::DiskCache>) -> Result<Vec<u8>, String> {
        let fetched = self.fetch(url);
        if let (Ok(bytes), Some(cache)) = (&fetched, cache) {
            let _ = cache.put(url, bytes);
        }
        fetched
    }

    /// The image at `url`, or why not (a line for the reader).
    pub fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        let mut response = self
            .agent
            .get(url)
            .header("Accept", "image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8")
            .call()
            .map_err(|error| describe(&error, self.max_bytes))?;
        let status = response.status();
        if !status.is_success() {
            let reason = status.canonical_reason().map(|r| format!(" {r}")).unwrap_or_default();
            return Err(format!("the server answered {}{reason}", status.as_u16()));
        }
        let body = response.body_mut();
        if body.content_length().is_some_and(|length| length > self.max_bytes) {
            return Err(too_large(self.max_bytes));
        }
        let mime = body.mime_type().unwrap_or("").to_owned();
        let bytes = body.with_config().limit(self.max_bytes).read_to_vec().map_err(|e| describe(&e, self.max_bytes))?;
        match super::decode::kind(&bytes) {
            Some(_) => Ok(bytes),
            None if mime.contains("svg") || super::decode::looks_like_svg(&bytes) => {
                Err("an SVG drawing (folio draws pictures only)".to_owned())
            }
            None if mime.is_empty() => Err("not an image".to_owned()),
            None => Err(format!("not an image ({mime})")),
        }
    }
}

fn too_large(max: u64) -> String {
    format!("larger than {} MB", max / (1024 * 1024))
}

fn describe(error: &ureq::Error, max: u64) -> String {
    match error {
        ureq::Error::Timeout(_) => "no answer in time".to_owned(),
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        ureq::Error::BodyExceedsLimit(_) => too_large(max),
        ureq::Error::HostNotFound => "the server's name is not known (offline?)".to_owned(),
        ureq::Error::ConnectionFailed => "cannot connect to the server".to_owned(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "the server refused the connection".to_owned(),
            std::io::ErrorKind::TimedOut => "no answer in time".to_owned(),
            _ if io.to_string().contains("lookup address") || io.to_string().contains("not known") => {
                "the server's name is not known (offline?)".to_owned()
            }
            _ => format!("cannot fetch it: {io}"),
        },
        other => format!("cannot fetch it: {other}"),
    }
}
