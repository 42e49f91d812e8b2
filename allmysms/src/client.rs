//! The client of the HTTP API v9: every method is a form POST to
//! `/http/9.0/<method>/` with `login`, `apiKey` and `returnformat=json`.

use core::fmt;

use sms_primitives::Secret;

use crate::api::send::SmsDataFormat;
use crate::api::{Json, read_json};
use crate::error::{Error, InvalidRequest};
use sms_http::{Transport, TransportSettings};

/// The documented origin; `/http/{version}/<method>/` is appended.
pub const DEFAULT_BASE_URL: &str = "https://api.allmysms.com";
/// The API version of the documented URLs.
pub const DEFAULT_API_VERSION: &str = "9.0";

/// The account `login` and its API key (`apiKey`, from the customer area).
#[derive(Clone)]
pub struct Credentials {
    login: String,
    api_key: Secret,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("login", &self.login)
            .field("api_key", &self.api_key)
            .finish()
    }
}

impl Credentials {
    /// What the clients hide in every text they show: the API key and the login, in
    /// every encoding, and their Base64 `login:apiKey` (the REST API's Basic auth).
    pub(crate) fn redactor(&self) -> sms_primitives::redact::Redactor {
        sms_primitives::redact::Redactor::new([self.api_key.expose(), self.login.trim()])
            .basic_auth(self.login.trim(), self.api_key.expose())
    }

    pub(crate) fn into_parts(self) -> (String, Secret) {
        (self.login, self.api_key)
    }

    /// Wraps the login and API key.
    ///
    /// ```
    /// use allmysms::Credentials;
    ///
    /// let c = Credentials::new("yourlogin", "yourapikey");
    /// assert!(!format!("{c:?}").contains("yourapikey"));
    /// ```
    #[doc(alias = "apiKey")]
    pub fn new(login: impl Into<String>, api_key: impl Into<Secret>) -> Self {
        Self {
            login: login.into(),
            api_key: api_key.into(),
        }
    }
}

/// Client of the AllMySMS HTTP API v9. Cheap to clone; nothing is ever retried.
///
/// # Examples
///
/// ```no_run
/// use allmysms::{Client, Credentials, SendSms};
///
/// # async fn run() -> Result<(), allmysms::Error> {
/// let client = Client::new(Credentials::new("yourlogin", "yourapikey"))?;
/// let sent = client
///     .send_sms(&SendSms::new("Votre colis arrive demain. STOP au 36180").to("0612345678").sender("MaBoutique"))
///     .await?;
/// for id in sent.sms_ids() {
///     let ack = client.get_ack_by_sms_id(id.sms_id()).await?;
///     println!("{}: {}", id.sms_id(), ack.status());
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) transport: Transport,
    credentials: Credentials,
    sms_data_format: SmsDataFormat,
    api_version: String,
    sub_account: Option<String>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.transport.base_url())
            .field("api_version", &self.api_version)
            .field("sms_data_format", &self.sms_data_format)
            .field("sub_account", &self.sub_account)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the documented URL, XML `smsData` and the default timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder for the `smsData` format, base URL, API version, HTTP client and
    /// timeouts.
    ///
    /// ```
    /// use allmysms::{Client, Credentials, SmsDataFormat};
    ///
    /// let client = Client::builder(Credentials::new("login", "key"))
    ///     .sms_data_format(SmsDataFormat::Json)
    ///     .build()?;
    /// assert_eq!(client.method_url("sendSms"), "https://api.allmysms.com/http/9.0/sendSms/");
    /// # Ok::<(), allmysms::Error>(())
    /// ```
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            settings: TransportSettings::new(DEFAULT_BASE_URL, crate::USER_AGENT),
            sms_data_format: SmsDataFormat::default(),
            api_version: DEFAULT_API_VERSION.to_owned(),
        }
    }

    /// The same client, reading a sub-account's data: the `subAccount` parameter is
    /// added to every read method that takes it (acks, pulls, info, blacklist).
    ///
    /// ```
    /// # use allmysms::{Client, Credentials};
    /// let master = Client::new(Credentials::new("master", "key"))?;
    /// let child = master.with_sub_account("shop-paris");
    /// # let _ = child;
    /// # Ok::<(), allmysms::Error>(())
    /// ```
    #[doc(alias = "subAccount")]
    pub fn with_sub_account(&self, login: impl Into<String>) -> Self {
        Self {
            sub_account: Some(login.into()),
            ..self.clone()
        }
    }

    /// The URL of a method (with its trailing slash, as the samples write it).
    pub fn method_url(&self, method: &str) -> String {
        [self.transport.base_url(), &self.method_path(method)].concat()
    }

    /// The path of a method under the base URL (`/http/9.0/sendSms/`).
    fn method_path(&self, method: &str) -> String {
        if method.is_empty() {
            ["/http/", &self.api_version, "/"].concat()
        } else {
            ["/http/", &self.api_version, "/", method, "/"].concat()
        }
    }

    /// How `smsData` is written (for the send methods in `api::send`).
    pub(crate) fn sms_data_format(&self) -> SmsDataFormat {
        self.sms_data_format
    }

    /// The sub-account this client reads, if any.
    pub(crate) fn sub_account_name(&self) -> Option<String> {
        self.sub_account.clone()
    }

    pub(crate) fn with_sub(
        &self,
        mut params: Vec<(&'static str, String)>,
    ) -> Vec<(&'static str, String)> {
        if let Some(sub) = &self.sub_account {
            params.push(("subAccount", sub.clone()));
        }
        params
    }

    pub(crate) async fn call(
        &self,
        method: &str,
        params: Vec<(&'static str, String)>,
    ) -> Result<Json, Error> {
        let body = self.form(&params)?;
        self.post(method, body).await
    }

    /// The form body: the credentials, then `params`. More fields may be appended
    /// before [`post`](Self::post).
    pub(crate) fn form(&self, params: &[(&'static str, String)]) -> Result<String, Error> {
        let mut form = self.credentials_form()?.to_vec();
        form.extend(params.iter().map(|(k, v)| (*k, v.as_str())));
        Ok(sms_http::form_body(&form))
    }

    /// The credential fields every method starts with.
    pub(crate) fn credentials_form(&self) -> Result<[(&'static str, &str); 2], Error> {
        let login = self.credentials.login.trim();
        if login.is_empty() {
            return Err(InvalidRequest::MissingCredential("login").into());
        }
        if self.credentials.api_key.is_empty() {
            return Err(InvalidRequest::MissingCredential("apiKey").into());
        }
        Ok([
            ("login", login),
            ("apiKey", self.credentials.api_key.expose()),
        ])
    }

    /// Posts the form `body` (from [`form`](Self::form)) to `method` and reads the
    /// JSON answer.
    pub(crate) async fn post(&self, method: &str, mut body: String) -> Result<Json, Error> {
        // Always explicit, and last: without it the server answers XML.
        body.push_str("&returnformat=json");
        let request = self
            .transport
            .request(reqwest::Method::POST, &self.method_path(method))
            .header(
                reqwest::header::CONTENT_TYPE,
                reqwest::header::HeaderValue::from_static("application/x-www-form-urlencoded"),
            )
            .body(body);
        // The simplified send has no method name: `/`.
        let operation = if method.is_empty() { "/" } else { method };
        let answer = self.transport.send(operation, request).await?;
        read_json(answer)
    }
}

pub(crate) fn required(name: &'static str, value: &str) -> Result<String, InvalidRequest> {
    let v = value.trim();
    if v.is_empty() {
        Err(InvalidRequest::MissingParameter(name))
    } else {
        Ok(v.to_owned())
    }
}

/// Builder of [`Client`], from [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    settings: TransportSettings,
    sms_data_format: SmsDataFormat,
    api_version: String,
}

impl ClientBuilder {
    /// How `smsData` is written (default [`SmsDataFormat::Xml`]).
    pub fn sms_data_format(mut self, format: SmsDataFormat) -> Self {
        self.sms_data_format = format;
        self
    }

    /// Replaces the scheme, host and port of [`DEFAULT_BASE_URL`]; a path in `base_url`
    /// goes in front of `/http/{version}/…`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.set_base_url(base_url.into());
        self
    }

    /// The `{version}` of `/http/{version}/` (default `9.0`; the samples write
    /// `[version]`).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    sms_http::transport_setters!();

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not http(s), a version that is not one
    /// path segment, or an HTTP client that cannot be built.
    pub fn build(self) -> Result<Client, Error> {
        let version = self.api_version.trim_matches('/').to_owned();
        if version.is_empty() || version.contains('/') {
            return Err(sms_http::BuildError::InvalidSetting(
                "the API version must be one path segment, such as 9.0",
            )
            .into());
        }
        Ok(Client {
            transport: self
                .settings
                .build(self.credentials.redactor())
                .map_err(Error::Config)?,
            credentials: self.credentials,
            sms_data_format: self.sms_data_format,
            api_version: version,
            sub_account: None,
        })
    }
}
