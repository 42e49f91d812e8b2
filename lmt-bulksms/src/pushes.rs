//! LMT's newer REST platform, `POST https://sms.lmtgroup.com/api/v1/pushes`: JSON,
//! `X-Api-Key`/`X-Secret` headers, several numbers per request, and a `flag` that is
//! an encoding (`GSM7`/`UCS2`), unlike the push API's length flag.
//!
//! No public specification exists: names come from public client code (see the crate
//! README, "Quirks").

use core::fmt;

use sms_primitives::Secret;

pub use crate::api::pushes::{SendResponse, SendSms};
use crate::error::{Error, InvalidRequest};
use sms_http::{Transport, TransportSettings};

/// Base URL of the pushes platform.
pub const DEFAULT_BASE_URL: &str = "https://sms.lmtgroup.com";

/// The platform's credentials, sent as the `X-Api-Key` and `X-Secret` headers.
#[derive(Clone, Debug)]
#[doc(alias = "PushesCredentials")]
pub struct Credentials {
    api_key: Secret,
    secret: Secret,
}

impl Credentials {
    /// Wraps the API key and the secret.
    ///
    /// ```
    /// use lmt_bulksms::pushes::Credentials;
    ///
    /// let c = Credentials::new("key", "s3cret");
    /// assert!(!format!("{c:?}").contains("s3cret"));
    /// ```
    pub fn new(api_key: impl Into<Secret>, secret: impl Into<Secret>) -> Self {
        Self {
            api_key: api_key.into(),
            secret: secret.into(),
        }
    }
}

/// Client of the pushes platform.
///
/// # Examples
///
/// ```no_run
/// use lmt_bulksms::pushes::{Client, Credentials, SendSms};
///
/// # async fn run() -> Result<(), lmt_bulksms::Error> {
/// let client = Client::new(Credentials::new("key", "secret"))?;
/// let answer = client
///     .send_sms(&SendSms::new("MaBoutique", "Bonjour !").to("694124344"))
///     .await?;
/// println!("{:?} recipients", answer.total_recipients());
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[doc(alias = "PushesClient")]
pub struct Client {
    transport: Transport,
    url: reqwest::Url,
    credentials: Credentials,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.url.as_str())
            .field("timeout", &self.transport.timeout())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the default URL and timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder to set the base URL, HTTP client or timeouts.
    ///
    /// ```
    /// use lmt_bulksms::pushes::{Client, Credentials};
    ///
    /// let client = Client::builder(Credentials::new("k", "s"))
    ///     .base_url("http://127.0.0.1:8025")
    ///     .build()?;
    /// assert_eq!(client.url(), "http://127.0.0.1:8025/api/v1/pushes");
    /// # Ok::<(), lmt_bulksms::Error>(())
    /// ```
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            settings: TransportSettings::new(DEFAULT_BASE_URL, crate::USER_AGENT),
        }
    }

    /// The URL pushes are posted to.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// Sends one push to all its recipients in one request. The `flag` is the
    /// encoding the text needs unless forced. Never retried.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request (empty or too long message, GSM-7
    /// forced on a text it cannot carry, invalid sender or number, no recipient, empty
    /// credential); [`Error::Api`] for a 4xx answer (with its `code`, such as `INP02`);
    /// [`Error::Http`] and [`Error::UnexpectedResponse`] otherwise.
    #[doc(alias = "send")]
    pub async fn send_sms(&self, request: &SendSms) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_sms", async {
                if self.credentials.api_key.is_empty() {
                    return Err(InvalidRequest::MissingCredential("X-Api-Key").into());
                }
                if self.credentials.secret.is_empty() {
                    return Err(InvalidRequest::MissingCredential("X-Secret").into());
                }
                let wire = request.to_wire()?;
                let mut secret =
                    reqwest::header::HeaderValue::from_str(self.credentials.secret.expose())
                        .map_err(|_| InvalidRequest::InvalidCredential("X-Secret"))?;
                secret.set_sensitive(true);
                let mut key =
                    reqwest::header::HeaderValue::from_str(self.credentials.api_key.expose())
                        .map_err(|_| InvalidRequest::InvalidCredential("X-Api-Key"))?;
                key.set_sensitive(true);
                let http = self
                    .transport
                    .http()
                    .post(self.url.clone())
                    .header("X-Api-Key", key)
                    .header("X-Secret", secret)
                    .header(
                        reqwest::header::ACCEPT,
                        reqwest::header::HeaderValue::from_static("application/json"),
                    )
                    .json(&wire);
                let answer = self.transport.send("pushes", http).await?;
                crate::api::pushes::parse_answer(&answer)
            })
            .await
    }
}

/// Builder of [`Client`].
#[derive(Debug, Clone)]
#[doc(alias = "PushesClientBuilder")]
pub struct ClientBuilder {
    credentials: Credentials,
    settings: TransportSettings,
}

impl ClientBuilder {
    /// Replaces the scheme, host and port of [`DEFAULT_BASE_URL`]; a path in `base_url`
    /// goes in front of the documented path `/api/v1/pushes`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.set_base_url(base_url.into());
        self
    }

    sms_http::transport_setters!();

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not http(s), or an HTTP client that
    /// cannot be built.
    pub fn build(self) -> Result<Client, Error> {
        let redactor = sms_primitives::redact::Redactor::new([
            self.credentials.api_key.expose(),
            self.credentials.secret.expose(),
        ]);
        let transport = self.settings.build(redactor).map_err(Error::Config)?;
        let url = transport.url("/api/v1/pushes")?;
        Ok(Client {
            transport,
            url,
            credentials: self.credentials,
        })
    }
}
