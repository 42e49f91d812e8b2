//! The client: `envoi`, `statut`, `solde` on `/client/api/`.

use core::fmt;

use sms_primitives::Secret;

use crate::api::envoi::{MessageId, SendResponse, SendSms};
use crate::api::solde::Balance;
use crate::api::statut::SmsStatus;
use crate::error::{Error, InvalidRequest};
use sms_http::{Answer, Transport, TransportSettings};

/// The documented origin. The service is documented on plain HTTP (port 80): the
/// credentials travel in clear unless an `https://` base URL is set.
pub const DEFAULT_BASE_URL: &str = "http://www.connect-mobile.com";
/// The documented path, appended to the base URL (all the manual's examples use the
/// trailing slash).
pub const API_PATH: &str = "/client/api/";
/// Longest GET URL this client sends; beyond, use POST.
pub const MAX_GET_URL_LEN: usize = 2048;

/// Account login and API password ("Mot de passe API", set in the customer area).
#[derive(Clone)]
pub struct Credentials {
    login: String,
    api_password: Secret,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("login", &self.login)
            .field("api_password", &self.api_password)
            .finish()
    }
}

impl Credentials {
    /// The account `login` and its API password.
    ///
    /// ```
    /// use connect_mobile::Credentials;
    ///
    /// let c = Credentials::new("Michelle", "Michelle12345");
    /// assert!(!format!("{c:?}").contains("12345"));
    /// ```
    #[doc(alias = "apipasse")]
    pub fn new(login: impl Into<String>, api_password: impl Into<Secret>) -> Self {
        Self {
            login: login.into(),
            api_password: api_password.into(),
        }
    }

    /// What this client hides in every text it shows: the API password and the login,
    /// in every encoding (a gateway's error page may echo the request).
    fn redactor(&self) -> sms_primitives::redact::Redactor {
        sms_primitives::redact::Redactor::new([self.api_password.expose(), self.login.trim()])
    }

    fn check(&self) -> Result<(), InvalidRequest> {
        if self.login.trim().is_empty() {
            return Err(InvalidRequest::MissingCredential("login"));
        }
        if self.api_password.is_empty() {
            return Err(InvalidRequest::MissingCredential("apipasse"));
        }
        let latin1 = |s: &str| s.chars().all(sms_primitives::latin1::is_latin1);
        if !latin1(&self.login) {
            return Err(InvalidRequest::NotLatin1 { field: "login" });
        }
        if !latin1(self.api_password.expose()) {
            return Err(InvalidRequest::NotLatin1 { field: "apipasse" });
        }
        Ok(())
    }
}

/// How requests are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpMethod {
    /// Form body (the default): "Seule la méthode POST permet d'envoyer des SMS à
    /// plusieurs centaines de destinataires".
    #[default]
    Post,
    /// Query string. The credentials are then in the URL (server logs, proxies).
    Get,
}

/// The name of the API password parameter. The manual's table says `apipass`; every
/// example and the PHP script send `apipasse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PasswordParameter {
    /// `apipasse`, as the examples (the default).
    #[default]
    Apipasse,
    /// `apipass`, as the parameter table.
    Apipass,
}

impl PasswordParameter {
    const fn name(self) -> &'static str {
        match self {
            Self::Apipasse => "apipasse",
            Self::Apipass => "apipass",
        }
    }
}

/// Client of the Connect-Mobile HTTP SMS API v1.3. Cheap to clone; sends are never
/// retried.
///
/// # Examples
///
/// ```no_run
/// use connect_mobile::{Client, Credentials, SendSms};
///
/// # async fn run() -> Result<(), connect_mobile::Error> {
/// let client = Client::new(Credentials::new("my-login", "my-api-password"))?;
/// let sent = client
///     .send_sms(&SendSms::new("MaBoutique", "Votre colis arrive demain.").to("0612345678"))
///     .await?;
/// if let Some(id) = sent.message_id() {
///     println!("status: {:?}", client.status(id).await?);
/// }
/// println!("{} SMS left", client.balance().await?.as_str());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    url: reqwest::Url,
    credentials: Credentials,
    method: HttpMethod,
    password_parameter: PasswordParameter,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.url.as_str())
            .field("method", &self.method)
            .field("timeout", &self.transport.timeout())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the documented URL, POST, and the default timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder for the base URL, method, password parameter name, HTTP client and
    /// timeouts.
    ///
    /// ```
    /// use connect_mobile::{Client, Credentials, HttpMethod};
    ///
    /// let client = Client::builder(Credentials::new("login", "pass"))
    ///     .base_url("https://www.connect-mobile.com")
    ///     .method(HttpMethod::Get)
    ///     .build()?;
    /// assert_eq!(client.url(), "https://www.connect-mobile.com/client/api/");
    /// # Ok::<(), connect_mobile::Error>(())
    /// ```
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            settings: TransportSettings::new(DEFAULT_BASE_URL, crate::USER_AGENT),
            method: HttpMethod::default(),
            password_parameter: PasswordParameter::default(),
        }
    }

    /// The URL requests go to.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// `action=envoi`: sends a message to its recipients in one request.
    ///
    /// The text is mapped to the manual's character table before sending (others
    /// become `?`, as the gateway would do: see [`SendSms::message_as_delivered`])
    /// and sent as percent-encoded ISO-8859-1.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request (empty message or over 160
    /// characters, bad sender, no or invalid recipient, empty credential, GET URL too
    /// long); [`Error::Api`] with the gateway's [`ErrorCode`](crate::ErrorCode);
    /// [`Error::Http`] or [`Error::UnexpectedResponse`] otherwise.
    #[doc(alias = "envoi")]
    #[doc(alias = "send")]
    pub async fn send_sms(&self, request: &SendSms) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_sms", async {
                self.credentials.check()?;
                let valid = request.validate()?;
                let answer = self.call("envoi", &valid.fields()).await?;
                crate::api::envoi::parse_answer(&answer)
            })
            .await
    }

    /// `action=statut`: whether a sent message reached its recipient.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send_sms); the gateway's codes `09`/`10` for a bad id.
    #[doc(alias = "statut")]
    pub async fn status(&self, message_id: &MessageId) -> Result<SmsStatus, Error> {
        self.transport
            .operation("status", async {
                self.credentials.check()?;
                let answer = self
                    .call("statut", &[("msgid", message_id.as_str())])
                    .await?;
                crate::api::statut::parse_answer(&answer)
            })
            .await
    }

    /// `action=solde`: the number of SMS left.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send_sms).
    #[doc(alias = "solde")]
    pub async fn balance(&self) -> Result<Balance, Error> {
        self.transport
            .operation("balance", async {
                self.credentials.check()?;
                let answer = self.call("solde", &[]).await?;
                crate::api::solde::parse_answer(&answer)
            })
            .await
    }

    async fn call(&self, action: &str, extra: &[(&str, &str)]) -> Result<Answer, Error> {
        let mut fields = vec![
            ("action", action),
            ("login", self.credentials.login.trim()),
            (
                self.password_parameter.name(),
                self.credentials.api_password.expose(),
            ),
        ];
        fields.extend_from_slice(extra);
        let encoded = crate::charset::encode_fields(&fields);
        let request = match self.method {
            HttpMethod::Post => self
                .transport
                .http()
                .post(self.url.clone())
                .header(
                    reqwest::header::CONTENT_TYPE,
                    reqwest::header::HeaderValue::from_static(
                        "application/x-www-form-urlencoded; charset=ISO-8859-1",
                    ),
                )
                .body(encoded),
            HttpMethod::Get => {
                let url = format!("{}?{encoded}", self.url);
                if url.len() > MAX_GET_URL_LEN {
                    return Err(InvalidRequest::UrlTooLong {
                        len: url.len(),
                        max: MAX_GET_URL_LEN,
                    }
                    .into());
                }
                self.transport.http().get(url)
            }
        };
        Ok(self.transport.send(action, request).await?)
    }
}

/// Builder of [`Client`], from [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    settings: TransportSettings,
    method: HttpMethod,
    password_parameter: PasswordParameter,
}

impl ClientBuilder {
    /// Replaces the scheme, host and port of [`DEFAULT_BASE_URL`]; a path in `base_url`
    /// goes in front of [`API_PATH`]. `https://` is allowed (the manual only mentions
    /// HTTP on port 80).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.set_base_url(base_url.into());
        self
    }

    /// POST (default) or GET.
    pub fn method(mut self, method: HttpMethod) -> Self {
        self.method = method;
        self
    }

    /// The API password parameter's name (default `apipasse`).
    pub fn password_parameter(mut self, name: PasswordParameter) -> Self {
        self.password_parameter = name;
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
        let transport = self
            .settings
            .build(self.credentials.redactor())
            .map_err(Error::Config)?;
        let url = transport.url(API_PATH)?;
        Ok(Client {
            transport,
            url,
            credentials: self.credentials,
            method: self.method,
            password_parameter: self.password_parameter,
        })
    }
}
