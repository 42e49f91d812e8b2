//! Building the HTTP client, timeouts, sending once, reading the body.
//!
//! This file is kept identical in every provider crate: sharing it would put reqwest in
//! `sms-primitives`' public API and tie the core's versions to reqwest's.

use std::time::Duration;

use crate::Error;

/// Total time allowed for one request, response body included, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Time allowed to open a connection, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Settings common to both clients' builders.
#[derive(Debug, Clone)]
pub(crate) struct TransportSettings {
    pub(crate) base_url: String,
    pub(crate) http: Option<reqwest::Client>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
}

impl TransportSettings {
    pub(crate) fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.to_owned(),
            http: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
        }
    }

    /// Checks the base URL and builds (or takes) the HTTP client.
    pub(crate) fn build(self) -> Result<Transport, Error> {
        let base = reqwest::Url::parse(&self.base_url)
            .map_err(|e| Error::Config(format!("invalid base URL: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(Error::Config("the base URL must be http or https".into()));
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(concat!(
                    env!("CARGO_PKG_NAME"),
                    "/",
                    env!("CARGO_PKG_VERSION")
                ))
                .build()
                .map_err(|e| Error::Config(e.without_url().to_string()))?,
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
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
}

/// An HTTP answer, body read whole.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

impl Transport {
    /// Sends once (never retried: a send may have reached the server) and reads the body.
    pub(crate) async fn send(&self, request: reqwest::RequestBuilder) -> Result<Answer, Error> {
        // Per request, so that it also holds for an injected client.
        let response = request
            .timeout(self.timeout)
            .send()
            .await
            .map_err(Error::from_reqwest)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(Error::from_reqwest)?;
        Ok(Answer {
            status,
            body: body.to_vec(),
        })
    }
}
