#![doc = include_str!("lib.md")]

pub mod bulk;

use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use reqwest;
use sms_primitives::redact::{RawBody, Redactor};

/// Total time allowed for one request, response body included, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Time allowed to open a connection, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest answer body read, unless configured (1 MiB): every documented answer is a
/// few kilobytes, so a larger one is not an answer this workspace understands.
pub const DEFAULT_MAX_BODY_SIZE: usize = 1 << 20;

/// A transport error made safe to show, and whether the request is known not to have
/// reached the server.
///
/// Only a failure to connect or to build the request proves that nothing was sent; after
/// that (timeout, reset, unreadable body) the outcome is unknown. The URL is stripped,
/// since some gateways carry credentials in the query string.
pub fn classify(error: reqwest::Error) -> (reqwest::Error, bool) {
    let known_not_sent = error.is_connect() || error.is_builder();
    (error.without_url(), known_not_sent)
}

/// An error and its sources, down to the root cause ("connection refused", "operation
/// timed out"), each said once: `"the HTTP exchange failed: error sending request:
/// connection refused"`.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let said = s.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        source = s.source();
    }
    text
}

/// An `application/x-www-form-urlencoded` body, the bytes `serde_urlencoded` and
/// reqwest's `.form()` write (`form_urlencoded`: a space as `+`), into a string sized
/// once for the worst case instead of grown piece by piece.
///
/// ```
/// let body = sms_http::form_body(&[("login", "shop"), ("smsData", "<DATA> é&")]);
/// assert_eq!(body, "login=shop&smsData=%3CDATA%3E+%C3%A9%26");
/// ```
pub fn form_body(pairs: &[(&str, &str)]) -> String {
    let mut body = String::with_capacity(encoded_len_bound(pairs));
    write_pairs(&mut body, pairs);
    body
}

/// The most bytes `pairs` take form-encoded: each byte of a name or value at most 3
/// (`%XX`), plus `=` and `&`.
fn encoded_len_bound(pairs: &[(&str, &str)]) -> usize {
    pairs.iter().map(|(k, v)| 3 * (k.len() + v.len()) + 2).sum()
}

/// `name=value&…`, form-encoded.
fn write_pairs(body: &mut String, pairs: &[(&str, &str)]) {
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            body.push('&');
        }
        form_encode(body, name);
        body.push('=');
        form_encode(body, value);
    }
}

/// Appends `text` form-encoded, as [`form_body`] writes names and values (and
/// `form_urlencoded::byte_serialize`): ASCII letters, digits and `*-._` as they are, a
/// space as `+`, every other byte as `%XX` (percent-encoding's table). For a value
/// written in parts, as SMSECO's XML is.
///
/// ```
/// let mut body = String::from("XML=%3Cmsg%3E");
/// sms_http::form_encode(&mut body, "é & co");
/// assert_eq!(body, "XML=%3Cmsg%3E%C3%A9+%26+co");
/// ```
//
// `byte_serialize` yields each run between two escapes as a slice of its own, costly
// on the XML bodies AllMySMS and SMSECO send, where runs are short: here the leading
// run that needs no escape (most names, numbers, ids) is copied whole, the rest byte
// by byte.
pub fn form_encode(out: &mut String, text: &str) {
    let kept = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_');
    // Everything before the first byte to escape is ASCII: a character boundary.
    let clean = text.bytes().position(|b| !kept(b)).unwrap_or(text.len());
    let Some((plain, rest)) = text.split_at_checked(clean) else {
        return;
    };
    out.push_str(plain);
    for &byte in rest.as_bytes() {
        if kept(byte) {
            out.push(char::from(byte));
        } else if byte == b' ' {
            out.push('+');
        } else {
            out.push_str(percent_encoding::percent_encode_byte(byte));
        }
    }
}

/// A form field whose value is XML, form-encoded as it is written: the markup costs
/// nothing to encode (`<` is always `%3C`), only texts are encoded byte by byte.
/// Writing the XML, then encoding it whole, cost AllMySMS and SMSECO a tenth of a send.
/// The bytes are those of [`form_body`] given the XML.
///
/// Element names are written as they are: XML names of ASCII letters, digits and `_-.`,
/// which form encoding keeps (asserted in debug builds). Texts are given XML-escaped
/// (or as CDATA sections): they are form-encoded here.
///
/// ```
/// let mut xml = sms_http::FormXml::new("XML", 64);
/// xml.open("SMS");
/// xml.element("msg", "a &amp; b");
/// xml.close("SMS");
/// assert_eq!(xml.finish(), "XML=%3CSMS%3E%3Cmsg%3Ea+%26amp%3B+b%3C%2Fmsg%3E%3C%2FSMS%3E");
/// # let plain = sms_http::form_body(&[("XML", "<SMS><msg>a &amp; b</msg></SMS>")]);
/// # assert_eq!(plain, "XML=%3CSMS%3E%3Cmsg%3Ea+%26amp%3B+b%3C%2Fmsg%3E%3C%2FSMS%3E");
/// ```
#[derive(Clone)]
pub struct FormXml(String);

/// Only the length: the body holds credentials and phone numbers.
impl std::fmt::Debug for FormXml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormXml")
            .field("len", &self.0.len())
            .finish_non_exhaustive()
    }
}

impl FormXml {
    /// Starts the field `field=`, with room for `xml_len` bytes of XML (about: most of
    /// it is markup, three bytes a character once encoded).
    pub fn new(field: &str, xml_len: usize) -> Self {
        let mut body = String::with_capacity(field.len() + 1 + 3 * xml_len);
        form_encode(&mut body, field);
        body.push('=');
        Self(body)
    }

    /// Starts with the fields `pairs` (as [`form_body`] writes them), then
    /// `&field=`: one string for the whole body.
    pub fn after(pairs: &[(&str, &str)], field: &str, xml_len: usize) -> Self {
        let mut body =
            String::with_capacity(encoded_len_bound(pairs) + field.len() + 2 + 3 * xml_len);
        write_pairs(&mut body, pairs);
        if !pairs.is_empty() {
            body.push('&');
        }
        form_encode(&mut body, field);
        body.push('=');
        Self(body)
    }

    /// `<name>`.
    #[inline]
    pub fn open(&mut self, name: &str) {
        self.0.push_str("%3C");
        self.name(name);
        self.0.push_str("%3E");
    }

    /// `</name>`.
    #[inline]
    pub fn close(&mut self, name: &str) {
        self.0.push_str("%3C%2F");
        self.name(name);
        self.0.push_str("%3E");
    }

    /// Text or markup as it is in the XML (escaped, or a CDATA section).
    #[inline]
    pub fn text(&mut self, xml: &str) {
        form_encode(&mut self.0, xml);
    }

    /// `<name>xml</name>`, `xml` escaped already.
    #[inline]
    pub fn element(&mut self, name: &str, xml: &str) {
        self.open(name);
        self.text(xml);
        self.close(name);
    }

    /// The form body.
    pub fn finish(self) -> String {
        self.0
    }

    #[inline]
    fn name(&mut self, name: &str) {
        debug_assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')),
            "an element name form encoding would change: {name:?}"
        );
        self.0.push_str(name);
    }
}

/// A `reqwest::ClientBuilder` set up as this workspace needs: redirects never followed
/// (a 307/308 would re-send an SMS, credentials included, to another host; a 302 turns
/// a POST into a GET with the credentials in the URL) and no `Referer` header. Start
/// from it when you inject your own client with `http_client`.
///
/// ```
/// let http = sms_http::client_builder().build()?;
/// # let _ = http;
/// # Ok::<(), sms_http::reqwest::Error>(())
/// ```
pub fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .referer(false)
}

/// Why an exchange produced no answer a provider crate can read. Each provider crate
/// turns it into its own error type (see [`TransportError::known_not_sent`]).
///
/// Exhaustive on purpose: a new kind of failure must be classified (sent or not) by
/// every provider crate, so adding one is a breaking change that the compiler points at.
#[derive(Debug)]
pub enum TransportError {
    /// The request could not be sent, or the answer could not be read (URL stripped).
    Request {
        /// The underlying error.
        source: reqwest::Error,
        /// Whether the request is known not to have reached the server.
        known_not_sent: bool,
    },
    /// The gateway answered a redirect (3xx), which is never followed; or an injected
    /// HTTP client followed one (the answer came from another URL). The request reached
    /// a server: the outcome is unknown.
    Redirect {
        /// The HTTP status of the answer.
        status: u16,
        /// The answer's body (credentials hidden).
        body: RawBody,
    },
    /// The answer's body is larger than the configured limit; it was not read further.
    /// The request reached the server: the outcome is unknown.
    BodyTooLarge {
        /// The HTTP status of the answer.
        status: u16,
        /// The limit in bytes.
        limit: usize,
    },
}

impl TransportError {
    /// Whether the request is known not to have reached the server: only for a
    /// connection that could not be opened or a request that could not be built.
    pub fn known_not_sent(&self) -> bool {
        match self {
            Self::Request { known_not_sent, .. } => *known_not_sent,
            Self::Redirect { .. } | Self::BodyTooLarge { .. } => false,
        }
    }

    fn request(error: reqwest::Error) -> Self {
        let (source, known_not_sent) = classify(error);
        Self::Request {
            source,
            known_not_sent,
        }
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL is not a URL.
    #[error("the base URL is not a valid URL")]
    InvalidBaseUrl(#[source] url::ParseError),
    /// The base URL is not `http` or `https`.
    #[error("the base URL must be http or https")]
    NotHttp,
    /// The HTTP client could not be built (TLS initialisation).
    #[error("the HTTP client could not be built")]
    HttpClient(#[source] reqwest::Error),
    /// A setting of the provider crate's builder is invalid (the text says which).
    #[error("{0}")]
    InvalidSetting(&'static str),
    /// The base URL carries a user name or password (`https://user:pass@host`). No
    /// gateway takes credentials there, and they would be sent (as Basic
    /// authentication) and shown wherever the URL is: refused, never echoed.
    #[error("the base URL must not carry a user name or password")]
    CredentialsInBaseUrl,
}

/// What a client builder collects before building its [`Transport`].
#[derive(Clone)]
pub struct TransportSettings {
    base_url: String,
    user_agent: &'static str,
    http: Option<reqwest::Client>,
    timeout: Duration,
    connect_timeout: Duration,
    max_body_size: usize,
}

/// `url` with the user name and password of its authority, if any, replaced by
/// `***`: a builder holds its base URL unchecked until it is built.
fn mask_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let start = url.find("://").map_or(0, |i| i + 3);
    let rest = url.get(start..).unwrap_or_default();
    let authority = rest
        .find(['/', '?', '#'])
        .map_or(rest, |end| rest.get(..end).unwrap_or(rest));
    match authority.rfind('@') {
        Some(at) => {
            let host = url.get(start + at..).unwrap_or_default();
            format!("{}***{host}", url.get(..start).unwrap_or_default()).into()
        }
        None => url.into(),
    }
}

impl std::fmt::Debug for TransportSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportSettings")
            .field("base_url", &mask_userinfo(&self.base_url))
            .field("user_agent", &self.user_agent)
            // Whether a client was injected, not its `Debug` (which shows its default
            // headers and proxies, the caller's own secrets perhaps).
            .field("http_client_injected", &self.http.is_some())
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_body_size", &self.max_body_size)
            .finish()
    }
}

impl TransportSettings {
    /// Settings with this base URL, the `User-Agent` of the crate, and the default
    /// timeouts and body limit.
    ///
    /// ```
    /// let s = sms_http::TransportSettings::new("https://example.com", "my-crate/1.0");
    /// assert_eq!(s.base_url(), "https://example.com");
    /// ```
    pub fn new(base_url: &str, user_agent: &'static str) -> Self {
        Self {
            base_url: base_url.to_owned(),
            user_agent,
            http: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
        }
    }

    /// The base URL as set.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Replaces the base URL.
    pub fn set_base_url(&mut self, base_url: String) {
        self.base_url = base_url;
    }

    /// Uses this HTTP client instead of building one.
    pub fn set_http_client(&mut self, client: reqwest::Client) {
        self.http = Some(client);
    }

    /// Total time for one request.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Time to open a connection (ignored with an injected client).
    pub fn set_connect_timeout(&mut self, timeout: Duration) {
        self.connect_timeout = timeout;
    }

    /// Largest answer body read, in bytes.
    pub fn set_max_body_size(&mut self, bytes: usize) {
        self.max_body_size = bytes;
    }

    /// Checks the base URL and builds (or takes) the HTTP client. `redactor` hides the
    /// client's credentials in every body kept in an error.
    ///
    /// # Errors
    ///
    /// [`BuildError`]: a base URL that is not an http(s) URL or that carries a user
    /// name or password, or an HTTP client that cannot be built (TLS initialisation),
    /// with its cause as the source.
    ///
    /// ```
    /// use sms_http::TransportSettings;
    /// use sms_primitives::redact::Redactor;
    ///
    /// let t = TransportSettings::new("http://127.0.0.1:8025/", "x/1").build(Redactor::default())?;
    /// assert_eq!(t.base_url(), "http://127.0.0.1:8025");
    /// assert!(TransportSettings::new("ftp://x", "x/1").build(Redactor::default()).is_err());
    /// # Ok::<(), sms_http::BuildError>(())
    /// ```
    pub fn build(self, redactor: Redactor) -> Result<Transport, BuildError> {
        let base = reqwest::Url::parse(&self.base_url).map_err(BuildError::InvalidBaseUrl)?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(BuildError::NotHttp);
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(BuildError::CredentialsInBaseUrl);
        }
        let http = match self.http {
            Some(http) => http,
            None => client_builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .build()
                .map_err(|e| BuildError::HttpClient(e.without_url()))?,
        };
        // Without its trailing slash, so that paths join with one.
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        // Kept parsed for `url`, where it joins paths without parsing the host again.
        let base = (base.query().is_none() && base.fragment().is_none())
            .then(|| reqwest::Url::parse(&base_url).ok())
            .flatten();
        Ok(Transport {
            user_agent: self.user_agent,
            http,
            base,
            paths: Arc::default(),
            base_url,
            timeout: self.timeout,
            max_body_size: self.max_body_size,
            redactor,
        })
    }
}

/// What an operation's error says about its outcome: each provider crate's `Error`.
pub trait OperationError {
    /// `true` when nothing can have been sent because of the operation.
    fn is_known_not_sent(&self) -> bool;

    /// `true` when the operation did part of its work (some recipients refused, others
    /// perhaps sent).
    fn is_partial(&self) -> bool {
        false
    }

    /// The provider's code of a refusal, if it has one (for bulk outcomes).
    fn refusal_code(&self) -> Option<String> {
        None
    }

    /// Whether sending again may succeed: nothing was sent and the cause may pass (a
    /// connection refused, a temporary refusal). Only [`bulk::Retry`] uses it.
    fn is_retryable(&self) -> bool {
        false
    }
}

/// The provider-level outcome of an operation, as traces record it: `ok`,
/// `known_not_sent`, `partial` or `unknown`.
pub fn outcome_of<T, E: OperationError>(result: &Result<T, E>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(e) if e.is_known_not_sent() => "known_not_sent",
        Err(e) if e.is_partial() => "partial",
        Err(_) => "unknown",
    }
}

/// Paths whose URL a [`Transport`] keeps (a client uses a handful; paths with a query,
/// which may hold credentials, are never kept).
const KEPT_PATHS: usize = 32;

/// A path and its URL under the base URL.
type KeptPath = (Box<str>, reqwest::Url);

/// A configured HTTP client and base URL.
#[derive(Debug, Clone)]
pub struct Transport {
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    user_agent: &'static str,
    http: reqwest::Client,
    base_url: String,
    /// `base_url` parsed, when it has neither query nor fragment (see [`Transport::url`]).
    base: Option<reqwest::Url>,
    /// The URLs of the first [`KEPT_PATHS`] paths joined by [`Transport::url`].
    paths: Arc<Mutex<Vec<KeptPath>>>,
    timeout: Duration,
    max_body_size: usize,
    redactor: Redactor,
}

/// An HTTP answer, its body read whole (within the limit).
#[derive(Debug, Clone)]
pub struct Answer {
    /// The HTTP status code.
    pub status: u16,
    /// The body as received.
    pub body: Vec<u8>,
    redactor: Redactor,
}

impl Answer {
    /// An answer (for parsers' tests: no credential to hide).
    ///
    /// ```
    /// let a = sms_http::Answer::new(200, b"ok".to_vec());
    /// assert_eq!(a.raw_body().to_text(), "ok");
    /// ```
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            body,
            redactor: Redactor::default(),
        }
    }

    /// The body, to keep in an error: the client's credentials hidden.
    pub fn raw_body(&self) -> RawBody {
        RawBody::new(&self.body, &self.redactor)
    }

    /// A text from the answer, to keep in an error: the client's credentials hidden.
    pub fn redact(&self, text: &str) -> String {
        self.redactor.redact(text).into_owned()
    }
}

impl Transport {
    /// The HTTP client, to build requests with.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A request to `path` (`/api/sms/`, or with a query: `/api?x=1`) under the base
    /// URL: `base_url() + path`, as `http().request(method, base_url() + path)` would
    /// build it, without parsing the base URL again for most paths (parsing its host
    /// was a tenth of a send's time).
    ///
    /// ```
    /// use sms_http::TransportSettings;
    /// use sms_primitives::redact::Redactor;
    ///
    /// let t = TransportSettings::new("http://127.0.0.1:8025/gw/", "x/1").build(Redactor::default())?;
    /// let request = t.request(sms_http::reqwest::Method::POST, "/api/sms/").build()?;
    /// assert_eq!(request.url().as_str(), "http://127.0.0.1:8025/gw/api/sms/");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        match self.url(path) {
            Ok(url) => self.http.request(method, url),
            // The same text again: the builder keeps its parse error for `send`.
            Err(_) => self
                .http
                .request(method, [self.base_url.as_str(), path].concat()),
        }
    }

    /// The URL of `path` under the base URL: what parsing `base_url() + path` gives;
    /// for a path of ASCII letters, digits and `/-._~%` (every API path), the parsed
    /// base URL with that path appended. A client keeps the URL of a fixed endpoint
    /// (parsing it again for each request was a tenth of a send's time).
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidBaseUrl`] when `base_url() + path` is not a URL (never for
    /// such a path).
    ///
    /// ```
    /// use sms_http::TransportSettings;
    /// use sms_primitives::redact::Redactor;
    ///
    /// let t = TransportSettings::new("http://127.0.0.1:8025/gw/", "x/1").build(Redactor::default())?;
    /// assert_eq!(t.url("/api/sms/")?.as_str(), "http://127.0.0.1:8025/gw/api/sms/");
    /// # Ok::<(), sms_http::BuildError>(())
    /// ```
    pub fn url(&self, path: &str) -> Result<reqwest::Url, BuildError> {
        match &self.base {
            // Characters that the parse keeps as they are (it strips spaces, and reads
            // `?`, `#` and `\\`); any other path is parsed whole.
            Some(base)
                if path
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/-._~%".contains(&b)) =>
            {
                // A client requests a few fixed paths: each is joined once (joining took
                // as long as building the rest of an SMSECO request).
                let known = self.paths.lock().ok().and_then(|paths| {
                    paths
                        .iter()
                        .find(|(p, _)| **p == *path)
                        .map(|(_, url)| url.clone())
                });
                if let Some(url) = known {
                    return Ok(url);
                }
                let mut url = base.clone();
                let joined = [base.path().trim_end_matches('/'), path].concat();
                url.set_path(&joined);
                if let Ok(mut paths) = self.paths.lock()
                    && paths.len() < KEPT_PATHS
                {
                    paths.push((path.into(), url.clone()));
                }
                Ok(url)
            }
            _ => reqwest::Url::parse(&[self.base_url.as_str(), path].concat())
                .map_err(BuildError::InvalidBaseUrl),
        }
    }

    /// The total time allowed per request.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The largest body read.
    pub fn max_body_size(&self) -> usize {
        self.max_body_size
    }

    /// The redactor of the client's credentials.
    pub fn redactor(&self) -> &Redactor {
        &self.redactor
    }

    /// Runs one operation of a client (`send_sms`, `get_acks`…: one or more exchanges).
    ///
    /// With the `tracing` feature it is an `sms` span (`provider`, `operation`,
    /// `http_status` of the last answer, `outcome` from [`outcome_of`], `latency_ms`)
    /// ending with an `operation done` event; each exchange is an `sms.exchange` span
    /// inside it.
    pub async fn operation<T, E, F>(&self, operation: &'static str, run: F) -> Result<T, E>
    where
        E: OperationError,
        F: Future<Output = Result<T, E>>,
    {
        self.operation_with(operation, run, outcome_of).await
    }

    /// [`operation`](Self::operation), with the outcome read from the result by
    /// `outcome` (for an operation whose success holds per-recipient outcomes).
    pub async fn operation_with<R, F>(
        &self,
        operation: &'static str,
        run: F,
        outcome: impl FnOnce(&R) -> &'static str,
    ) -> R
    where
        F: Future<Output = R>,
    {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument as _;
            let span = tracing::info_span!(
                "sms",
                provider = self.provider(),
                operation,
                http_status = tracing::field::Empty,
                outcome = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            );
            let started = std::time::Instant::now();
            let result = run.instrument(span.clone()).await;
            let latency = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let outcome = outcome(&result);
            span.record("outcome", outcome);
            span.record("latency_ms", latency);
            tracing::info!(parent: &span, outcome, latency_ms = latency, "operation done");
            result
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (operation, outcome);
            run.await
        }
    }

    /// Sends once (never retried: a send may have reached the gateway) and reads the
    /// body, at most [`max_body_size`](Self::max_body_size) bytes. The timeout is set
    /// per request, so that it also holds for an injected client. `operation` names the
    /// provider's operation (`sendSms`, `envoi`…) in traces.
    ///
    /// With the `tracing` feature, each call is an `sms.exchange` span (`provider`,
    /// `operation`, `http_status`, `outcome`, `latency_ms`) with `debug` events for the request
    /// (method, URL, body size) and the answer (status, a short preview): credentials
    /// hidden in every encoding, phone numbers masked, message texts never logged.
    ///
    /// # Errors
    ///
    /// [`TransportError::Request`] when the exchange fails (URL stripped),
    /// [`TransportError::Redirect`] for any 3xx answer (or a redirect an injected client
    /// followed), [`TransportError::BodyTooLarge`] past the limit.
    pub async fn send(
        &self,
        operation: &str,
        request: reqwest::RequestBuilder,
    ) -> Result<Answer, TransportError> {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument as _;
            // The enclosing operation's span, if any, gets the last HTTP status.
            let operation_span = tracing::Span::current();
            let span = tracing::info_span!(
                "sms.exchange",
                provider = self.provider(),
                operation,
                http_status = tracing::field::Empty,
                outcome = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            );
            let started = std::time::Instant::now();
            let result = self.exchange(request).instrument(span.clone()).await;
            trace::finish(&span, &operation_span, &result, started);
            result
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = operation;
            self.exchange(request).await
        }
    }

    /// The provider's name, from the crate's `User-Agent` (`smseco/0.1.0`).
    #[cfg(feature = "tracing")]
    fn provider(&self) -> &'static str {
        self.user_agent.split('/').next().unwrap_or(self.user_agent)
    }

    async fn exchange(&self, request: reqwest::RequestBuilder) -> Result<Answer, TransportError> {
        let request = request
            .timeout(self.timeout)
            .build()
            .map_err(TransportError::request)?;
        let asked = request.url().clone();
        #[cfg(feature = "tracing")]
        tracing::debug!(
            method = %request.method(),
            url = %sms_primitives::redact::mask_digit_runs(&self.redactor.redact(asked.as_str())),
            body_bytes = request.body().and_then(reqwest::Body::as_bytes).map_or(0, <[u8]>::len),
            "request"
        );
        let mut response = self
            .http
            .execute(request)
            .await
            .map_err(TransportError::request)?;
        let status = response.status().as_u16();
        let limit = self.max_body_size;
        if response
            .content_length()
            .is_some_and(|len| usize::try_from(len).map_or(true, |len| len > limit))
        {
            return Err(TransportError::BodyTooLarge { status, limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(TransportError::request)? {
            if body.len() + chunk.len() > limit {
                return Err(TransportError::BodyTooLarge { status, limit });
            }
            body.extend_from_slice(&chunk);
        }
        let answer = Answer {
            status,
            body,
            redactor: self.redactor.clone(),
        };
        #[cfg(feature = "tracing")]
        tracing::debug!(status, body = %answer.raw_body(), "answer");
        if (300..400).contains(&status) || *response.url() != asked {
            return Err(TransportError::Redirect {
                status,
                body: answer.raw_body(),
            });
        }
        Ok(answer)
    }
}

/// What the `tracing` feature records.
#[cfg(feature = "tracing")]
mod trace {
    use super::{Answer, TransportError};

    /// Records the span's fields once the exchange is over.
    pub(super) fn finish(
        span: &tracing::Span,
        operation: &tracing::Span,
        result: &Result<Answer, TransportError>,
        started: std::time::Instant,
    ) {
        let latency = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        span.record("latency_ms", latency);
        let outcome = match result {
            Ok(answer) => {
                span.record("http_status", answer.status);
                operation.record("http_status", answer.status);
                "answered"
            }
            Err(TransportError::Request {
                known_not_sent: true,
                ..
            }) => "not sent",
            Err(TransportError::Request { .. }) => "unknown (no answer)",
            Err(
                TransportError::Redirect { status, .. }
                | TransportError::BodyTooLarge { status, .. },
            ) => {
                span.record("http_status", status);
                operation.record("http_status", status);
                "unknown (answer refused)"
            }
        };
        span.record("outcome", outcome);
        tracing::info!(parent: span, outcome, latency_ms = latency, "exchange done");
    }
}

/// Implements [`OperationError`] for a provider crate's `Error`: known not sent as its
/// own `is_known_not_sent`, partial as `$partial`, the refusal code of invalid input
/// `invalid` and otherwise `$code`, and retryable a connection that could not be
/// opened (`Error::Http { known_not_sent: true, .. }`).
#[macro_export]
macro_rules! impl_operation_error {
    ($error:ty, |$e:pat_param| $code:expr) => {
        $crate::impl_operation_error!($error, |$e| $code, |_| false);
    };
    ($error:ty, |$e:pat_param| $code:expr, |$p:pat_param| $partial:expr) => {
        impl $crate::OperationError for $error {
            fn is_known_not_sent(&self) -> bool {
                <$error>::is_known_not_sent(self)
            }
            fn is_partial(&self) -> bool {
                let $p = self;
                $partial
            }
            fn refusal_code(&self) -> ::core::option::Option<::std::string::String> {
                if let Self::InvalidRequest(_) = self {
                    return ::core::option::Option::Some("invalid".to_owned());
                }
                let $e = self;
                $code
            }
            fn is_retryable(&self) -> bool {
                // A connection that could not be opened: nothing left.
                matches!(
                    self,
                    Self::Http {
                        known_not_sent: true,
                        ..
                    }
                )
            }
        }
    };
}

/// The `http_client`, `timeout`, `connect_timeout` and `max_body_size` setters of a
/// client builder whose `settings` field is a [`TransportSettings`].
#[macro_export]
macro_rules! transport_setters {
    () => {
        /// Uses this HTTP client (proxies, custom root certificates…). Its own connect
        /// timeout applies; [`timeout`](Self::timeout) still applies to each request.
        ///
        /// Build it from `client_builder()` (re-exported by this crate), which never
        /// follows redirects: a client that follows one could send an SMS twice. An
        /// answer that came through a redirect anyway is reported as unexpected
        /// (outcome unknown).
        pub fn http_client(mut self, client: $crate::reqwest::Client) -> Self {
            self.settings.set_http_client(client);
            self
        }

        /// Total time for one request, body included (default 30 s).
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.set_timeout(timeout);
            self
        }

        /// Time to open a connection (default 10 s); ignored with
        /// [`http_client`](Self::http_client).
        pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.set_connect_timeout(timeout);
            self
        }

        /// Largest answer body read, in bytes (default 1 MiB). A larger answer is not
        /// read further and is reported as unexpected (outcome unknown).
        pub fn max_body_size(mut self, bytes: usize) -> Self {
            self.settings.set_max_body_size(bytes);
            self
        }
    };
}

/// `impl From<TransportError> for Error` for a provider crate whose `Error` has the
/// variants `Http { source, known_not_sent }`, `UnexpectedResponse { http_status, body }`
/// and `ResponseTooLarge { http_status, limit }`: a redirect is an unexpected answer, a
/// body over the limit is too large, and neither is ever "known not sent".
#[macro_export]
macro_rules! impl_from_transport_error {
    ($error:ty) => {
        impl ::core::convert::From<$crate::TransportError> for $error {
            fn from(e: $crate::TransportError) -> Self {
                match e {
                    $crate::TransportError::Request {
                        source,
                        known_not_sent,
                    } => Self::Http {
                        source,
                        known_not_sent,
                    },
                    $crate::TransportError::Redirect { status, body } => Self::UnexpectedResponse {
                        http_status: status,
                        body,
                    },
                    $crate::TransportError::BodyTooLarge { status, limit } => {
                        Self::ResponseTooLarge {
                            http_status: status,
                            limit,
                        }
                    }
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The bytes `serde_urlencoded` (and reqwest's `.form()`) write, for any names and
        /// values: the credential redactor and every request-matching test rely on them.
        #[test]
        fn form_body_is_serde_urlencoded(pairs in proptest::collection::vec((".{0,12}", ".{0,40}"), 0..6)) {
            let pairs: Vec<(&str, &str)> =
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let expected = serde_urlencoded::to_string(&pairs);
            proptest::prop_assert_eq!(Ok(super::form_body(&pairs)), expected);
        }

        /// Every ASCII character, alone and among others, as `serde_urlencoded` writes it
        /// (random strings rarely hit each of the 128).
        #[test]
        fn form_body_every_ascii_byte(extra in ".{0,8}") {
            for byte in 0..=127u8 {
                let value = format!("{}{extra}{}", char::from(byte), char::from(byte));
                let pairs = [(value.as_str(), value.as_str()), ("k", "v")];
                let expected = serde_urlencoded::to_string(pairs);
                proptest::prop_assert_eq!(Ok(super::form_body(&pairs)), expected);
            }
        }

        /// `FormXml` writes what `form_body` writes given the whole XML, for any names
        /// (of the characters it takes) and texts, after any start.
        #[test]
        fn form_xml_is_form_body_of_the_xml(
            elements in proptest::collection::vec(("[A-Za-z_][A-Za-z0-9_.-]{0,8}", ".{0,12}"), 0..5),
            start in proptest::option::of(("[a-z]{1,5}", ".{0,8}")),
        ) {
            let mut xml = String::new();
            let mut written = match &start {
                Some((k, v)) => super::FormXml::after(&[(k, v)], "XML", 0),
                None => super::FormXml::new("XML", 0),
            };
            for (name, text) in &elements {
                xml.push_str(&format!("<{name}>{text}</{name}>"));
                written.element(name, text);
            }
            let mut pairs = Vec::new();
            if let Some((k, v)) = &start {
                pairs.push((k.as_str(), v.as_str()));
            }
            pairs.push(("XML", &xml));
            proptest::prop_assert_eq!(written.finish(), super::form_body(&pairs));
        }

        /// A `FormXml`'s `Debug` shows neither credentials nor numbers, in any form.
        #[test]
        fn form_xml_debug_hides_the_body(secret in "[a-zA-Z0-9]{12}") {
            let mut xml = super::FormXml::after(&[("apiKey", &secret)], "XML", 0);
            xml.element("numero", "22507352518");
            let shown = format!("{xml:?} {xml:#?}");
            proptest::prop_assert!(!shown.contains(&secret), "{shown}");
            proptest::prop_assert!(!shown.contains("07352518"), "{shown}");
        }

        /// `url` gives what parsing the joined text gives, for any path text.
        #[test]
        fn url_is_the_parse_of_the_joined_text(path in "/[a-z0-9/%é ?#.\\[\\]|_-]{0,20}") {
            for base in BASES {
                let t = transport(base);
                let expected = reqwest::Url::parse(&format!("{}{path}", t.base_url()));
                proptest::prop_assert_eq!(t.url(&path).ok(), expected.ok());
            }
        }
    }

    /// Bases with and without a path, a trailing slash, a port, a query or a fragment.
    const BASES: [&str; 9] = [
        "http://127.0.0.1:8025",
        "https://example.com/",
        "https://example.com/gw",
        "https://example.com/gw/v1//",
        "http://[::1]:9/",
        "https://host.example:8443/a%20b",
        "https://EXAMPLE.com/Ünï",
        "https://example.com/gw?x=1",
        "https://example.com/gw#f",
    ];

    fn transport(base: &str) -> super::Transport {
        super::TransportSettings::new(base, "x/1")
            .build(sms_primitives::redact::Redactor::default())
            .unwrap()
    }

    #[test]
    fn url_joins_paths_under_the_base() {
        let cases = [
            (
                "http://127.0.0.1:8025/",
                "/api/sms/",
                "http://127.0.0.1:8025/api/sms/",
            ),
            (
                "https://example.com/gw/",
                "/api/sms/",
                "https://example.com/gw/api/sms/",
            ),
            (
                "https://example.com/gw?x=1",
                "/api/",
                "https://example.com/gw?x=1/api/",
            ),
            ("https://example.com", "/a?b=1", "https://example.com/a?b=1"),
        ];
        for (base, path, expected) in cases {
            assert_eq!(transport(base).url(path).unwrap().as_str(), expected);
        }
        for base in BASES {
            // One transport for every path, each asked three times: joined, then kept
            // (as many paths as are kept and more).
            let t = transport(base);
            let many = (0..2 * super::KEPT_PATHS).map(|i| format!("/api/{i}/"));
            let paths: Vec<String> = ["/api/xml/sendsms/", "/", "", "/a b/é", "/x?y#z"]
                .map(String::from)
                .into_iter()
                .chain(many)
                .collect();
            for _ in 0..3 {
                for path in &paths {
                    let expected = reqwest::Url::parse(&format!("{}{path}", t.base_url()));
                    assert_eq!(t.url(path).ok(), expected.ok(), "{base} + {path}");
                }
            }
            let kept = t.paths.lock().unwrap();
            // Under a base with a query or a fragment, every URL is parsed whole.
            let expected = if base.contains(['?', '#']) {
                0
            } else {
                super::KEPT_PATHS
            };
            assert_eq!(kept.len(), expected, "{base}");
            assert!(kept.iter().all(|(p, _)| !p.contains(['?', ' ', 'é'])));
        }
    }

    /// A base URL with a user name or password is refused at build time, and a
    /// builder's `Debug` (which holds it unchecked) shows neither, in any form.
    #[test]
    fn credentials_in_the_base_url_are_refused_and_never_shown() {
        use sms_primitives::redact::Redactor;
        for base in [
            "https://gw-user:Zq9-s3cret@example.com/api",
            "https://Zq9-s3cret@example.com",
            "http://gw-user:Zq9%2Ds3cret@127.0.0.1:8025/?next=a@b",
            "https://gw-user:@example.com",
        ] {
            let settings = super::TransportSettings::new(base, "x/1");
            let shown = format!("{settings:?} {settings:#?}");
            for secret in ["Zq9-s3cret", "Zq9%2Ds3cret", "gw-user"] {
                assert!(!shown.contains(secret), "{shown}");
            }
            assert!(shown.contains("***@"), "{shown}");
            let error = settings.build(Redactor::default()).unwrap_err();
            assert!(
                matches!(error, super::BuildError::CredentialsInBaseUrl),
                "{base}: {error:?}"
            );
            let said = format!("{error} {error:?}");
            assert!(
                !said.contains("s3cret") && !said.contains("gw-user"),
                "{said}"
            );
        }
        // Without user information, nothing is masked; an `@` past the host is not one.
        for base in ["https://example.com/a@b?c=@d", "http://127.0.0.1:8025"] {
            assert_eq!(super::mask_userinfo(base), base);
            assert!(
                super::TransportSettings::new(base, "x/1")
                    .build(Redactor::default())
                    .is_ok()
            );
        }
        assert_eq!(
            super::mask_userinfo("https://u:p@h:1/x@y"),
            "https://***@h:1/x@y"
        );
        // An injected client's headers are not shown either.
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-api-key", "Zq9-injected".parse().unwrap());
        let mut settings = super::TransportSettings::new("https://example.com", "x/1");
        settings.set_http_client(
            super::client_builder()
                .default_headers(headers)
                .build()
                .unwrap(),
        );
        let shown = format!("{settings:?}");
        assert!(!shown.contains("Zq9-injected"), "{shown}");
        assert!(shown.contains("http_client_injected: true"), "{shown}");
    }
}
