#![doc = include_str!("../README.md")]

use std::time::Duration;

pub use reqwest;

/// Total time allowed for one request, response body included, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Time allowed to open a connection, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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

/// What a client builder collects before building its [`Transport`].
#[derive(Debug, Clone)]
pub struct TransportSettings {
    base_url: String,
    user_agent: &'static str,
    http: Option<reqwest::Client>,
    timeout: Duration,
    connect_timeout: Duration,
}

impl TransportSettings {
    /// Settings with this base URL, the `User-Agent` of the crate, and the default
    /// timeouts.
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

    /// Checks the base URL and builds (or takes) the HTTP client.
    ///
    /// # Errors
    ///
    /// A description of the problem: a base URL that is not an http(s) URL, or an HTTP
    /// client that cannot be built (TLS initialisation).
    ///
    /// ```
    /// use sms_http::TransportSettings;
    ///
    /// let t = TransportSettings::new("http://127.0.0.1:8025/", "x/1").build()?;
    /// assert_eq!(t.base_url(), "http://127.0.0.1:8025");
    /// assert!(TransportSettings::new("ftp://x", "x/1").build().is_err());
    /// # Ok::<(), String>(())
    /// ```
    pub fn build(self) -> Result<Transport, String> {
        let base =
            reqwest::Url::parse(&self.base_url).map_err(|e| format!("invalid base URL: {e}"))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err("the base URL must be http or https".into());
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .build()
                .map_err(|e| e.without_url().to_string())?,
        };
        Ok(Transport {
            http,
            // Without its trailing slash, so that paths join with one.
            base_url: self.base_url.trim_end_matches('/').to_owned(),
            timeout: self.timeout,
        })
    }
}

/// A configured HTTP client and base URL.
#[derive(Debug, Clone)]
pub struct Transport {
    http: reqwest::Client,
    base_url: String,
    timeout: Duration,
}

/// An HTTP answer, its body read whole.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The HTTP status code.
    pub status: u16,
    /// The body as received.
    pub body: Vec<u8>,
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

    /// The total time allowed per request.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends once (never retried: a send may have reached the gateway) and reads the
    /// body. The timeout is set per request, so that it also holds for an injected
    /// client.
    ///
    /// # Errors
    ///
    /// The transport error, URL included: callers strip it before showing it.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Result<Answer, reqwest::Error> {
        let response = request.timeout(self.timeout).send().await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?;
        Ok(Answer {
            status,
            body: body.to_vec(),
        })
    }
}

/// The `http_client`, `timeout` and `connect_timeout` setters of a client builder whose
/// `settings` field is a [`TransportSettings`].
#[macro_export]
macro_rules! transport_setters {
    () => {
        /// Uses this HTTP client (proxies, custom root certificates…). Its own connect
        /// timeout applies; [`timeout`](Self::timeout) still applies to each request.
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
    };
}
