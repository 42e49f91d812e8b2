//! The client: `POST /api/sms/` with the raw token in `Authorization`.

use core::fmt;

use sms_primitives::Secret;

use crate::api::sms::{SendResponse, SendSms};
use crate::error::{Error, InvalidRequest};
use sms_http::{Transport, TransportSettings};

/// The documented path, appended to the base URL.
pub const SMS_PATH: &str = "/api/sms/";

/// The two hosts the documentation uses for the same API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Host {
    /// `https://www.smsadvert.io`, the documentation's text (the default).
    #[default]
    Io,
    /// `https://www.smsadvert.ro`, the documentation's Node sample and public clients.
    Ro,
}

impl Host {
    /// The host's base URL.
    ///
    /// ```
    /// # use smsadvert::Host;
    /// assert_eq!(Host::Ro.base_url(), "https://www.smsadvert.ro");
    /// ```
    pub const fn base_url(self) -> &'static str {
        match self {
            Self::Io => "https://www.smsadvert.io",
            Self::Ro => "https://www.smsadvert.ro",
        }
    }
}

/// Client of the smsadvert API. Cheap to clone; sends are never retried.
///
/// # Examples
///
/// ```no_run
/// use smsadvert::{Client, Route, SendSms};
///
/// # async fn run() -> Result<(), smsadvert::Error> {
/// let client = Client::new("API_AUTH_TOKEN")?;
/// let sent = client
///     .send_sms(&SendSms::new("Codul dvs. este 1234").to("0740123456").route(Route::Network))
///     .await?;
/// println!("submitted as {}", sent.msg_id());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    url: reqwest::Url,
    token: Secret,
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
    /// A client for `www.smsadvert.io` with the default timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built.
    pub fn new(token: impl Into<Secret>) -> Result<Self, Error> {
        Self::builder(token).build()
    }

    /// A builder for the host or base URL, HTTP client and timeouts.
    ///
    /// ```
    /// use smsadvert::{Client, Host};
    ///
    /// let c = Client::builder("token").host(Host::Ro).build()?;
    /// assert_eq!(c.url(), "https://www.smsadvert.ro/api/sms/");
    /// let c = Client::builder("token").base_url("http://127.0.0.1:8025").build()?;
    /// assert_eq!(c.url(), "http://127.0.0.1:8025/api/sms/");
    /// # Ok::<(), smsadvert::Error>(())
    /// ```
    pub fn builder(token: impl Into<Secret>) -> ClientBuilder {
        ClientBuilder {
            token: token.into(),
            settings: TransportSettings::new(Host::default().base_url(), crate::USER_AGENT),
        }
    }

    /// The URL messages are posted to.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// Sends or schedules a message to its recipients, in one request.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request (no or more than 1000 recipients, an
    /// invalid number, a text outside 3..=480 characters, an end date not after the
    /// start, a bad callback URL, an empty token); [`Error::Validation`] when smsadvert
    /// refuses fields; [`Error::Api`], [`Error::Http`] or [`Error::UnexpectedResponse`]
    /// otherwise.
    #[doc(alias = "send")]
    pub async fn send_sms(&self, request: &SendSms) -> Result<SendResponse, Error> {
        self.send(request, false).await
    }

    /// [`send_sms`](Self::send_sms) of a bulk batch, whose numbers were each validated
    /// before (not validated twice).
    pub(crate) async fn send_prechecked(&self, request: &SendSms) -> Result<SendResponse, Error> {
        self.send(request, true).await
    }

    async fn send(&self, request: &SendSms, prechecked: bool) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_sms", async {
                if self.token.is_empty() {
                    return Err(InvalidRequest::MissingToken.into());
                }
                let wire = if prechecked {
                    request.to_wire_prechecked()?
                } else {
                    request.to_wire()?
                };
                let mut auth = reqwest::header::HeaderValue::from_str(self.token.expose())
                    .map_err(|_| InvalidRequest::InvalidCredential("Authorization"))?;
                auth.set_sensitive(true);
                let http = self
                    .transport
                    .http()
                    .post(self.url.clone())
                    // The raw token, exactly as documented (no `Bearer`).
                    .header(reqwest::header::AUTHORIZATION, auth)
                    .header(
                        reqwest::header::ACCEPT,
                        reqwest::header::HeaderValue::from_static("application/json"),
                    )
                    .json(&wire);
                let answer = self.transport.send("sms", http).await?;
                crate::api::sms::parse_answer(&answer)
            })
            .await
    }
}

/// Builder of [`Client`], from [`Client::builder`].
#[derive(Clone)]
pub struct ClientBuilder {
    token: Secret,
    settings: TransportSettings,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            // Its `Debug` masks a user name and password in the base URL.
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// One of the two documented hosts (default [`Host::Io`]).
    pub fn host(mut self, host: Host) -> Self {
        self.settings.set_base_url(host.base_url().to_owned());
        self
    }

    /// Any base URL: replaces scheme, host and port; a path in it goes in front of
    /// [`SMS_PATH`].
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
        // The token is sent raw in `Authorization` (and could come back in an echo).
        let redactor = sms_primitives::redact::Redactor::new([self.token.expose()]);
        let transport = self.settings.build(redactor).map_err(Error::Config)?;
        let url = transport.url(SMS_PATH)?;
        Ok(Client {
            transport,
            url,
            token: self.token,
        })
    }
}
