//! The client: one data model, sent as `XML=`, `JSON=` or a GET query.

use core::fmt;

use sms_primitives::Secret;

use crate::api::account::{Balance, Senders, balance_request, senders_request};
use crate::api::getdlrs::{DlrQuery, DlrReport};
use crate::api::read_answer;
use crate::api::sendhlr::HlrRequest;
use crate::api::sendsms::{SendSms, SubmitResponse};
use crate::error::{ApiError, Error, ErrorCode, InvalidRequest};
use crate::wire::{Command, HlrSpelling, Request};
use sms_http::reqwest::Method;
use sms_http::{Answer, Transport, TransportSettings};

/// The documented origin (plain HTTP in every documented URL). White-label resellers
/// serve the same API on their own host and path prefix: see [`ClientBuilder::base_url`].
pub const DEFAULT_BASE_URL: &str = "http://www.smseco.com";
/// Longest GET URL this client sends.
pub const MAX_GET_URL_LEN: usize = 2048;

/// How requests are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// POST `XML=<SMS>…</SMS>` to `/api/xml/<command>/` (the default).
    #[default]
    Xml,
    /// POST `JSON={…}` to `/api/json/<command>/`.
    Json,
    /// GET `/api/{xml|json}/<command>?login=…` (not for bulk sends, says the doc).
    Get(OutputFormat),
}

/// `{format-sorti}` of the GET URLs (`html` exists but is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OutputFormat {
    /// `xml`.
    #[default]
    Xml,
    /// `json`.
    Json,
}

impl OutputFormat {
    const fn segment(self) -> &'static str {
        match self {
            Self::Xml => "xml",
            Self::Json => "json",
        }
    }
}

/// The account's login (an e-mail address, a mobile number or the SMSECO id) and
/// password.
#[derive(Clone)]
pub struct Credentials {
    login: String,
    password: Secret,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field(
                "login",
                &sms_primitives::redact::mask_digit_runs(&self.login),
            )
            .field("password", &self.password)
            .finish()
    }
}

impl Credentials {
    /// What this client hides in every text it shows: the password (and the login,
    /// which some answers echo next to it), in every encoding.
    fn redactor(&self) -> sms_primitives::redact::Redactor {
        sms_primitives::redact::Redactor::new([self.password.expose(), self.login.trim()])
    }

    /// Wraps the login and password.
    ///
    /// ```
    /// use smseco::Credentials;
    ///
    /// let c = Credentials::new("toto@toto.fr", "123456");
    /// assert!(!format!("{c:?}").contains("123456"));
    /// ```
    pub fn new(login: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            login: login.into(),
            password: password.into(),
        }
    }
}

/// Client of the SMSECO API v2.0. Cheap to clone; nothing is ever retried (a send may
/// have gone out, and delivery reports are read once), except `sendhlr` under its
/// other documented spelling after an answer that proves the first was not run.
///
/// # Examples
///
/// ```no_run
/// use smseco::{Client, Credentials, DlrQuery, SendSms};
///
/// # async fn run() -> Result<(), smseco::Error> {
/// let client = Client::new(Credentials::new("toto@toto.fr", "secret"))?;
/// let sent = client
///     .send_sms(&SendSms::new("TEST", "Bonjour !").to("22507352518"))
///     .await?;
/// println!("{} valid recipients, {} credits left", sent.status(), sent.balance());
/// let report = client.get_dlrs(&DlrQuery::msgfid(sent.msgfid())?).await?;
/// for dlr in report.dlrs() {
///     println!("{}: {}", dlr.smsfid(), dlr.status());
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    credentials: Credentials,
    format: Format,
    json_as_documented: bool,
    legacy_xml_send_path: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.transport.base_url())
            .field("format", &self.format)
            .field("timeout", &self.transport.timeout())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the documented URL, the XML transport and the default timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder for the transport, base URL, HTTP client and timeouts.
    ///
    /// ```
    /// use smseco::{Client, Credentials, Format, OutputFormat};
    ///
    /// let client = Client::builder(Credentials::new("login", "pass"))
    ///     .format(Format::Get(OutputFormat::Json))
    ///     .base_url("http://www.netsmspro.net/client/abc/fr")
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), smseco::Error>(())
    /// ```
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            settings: TransportSettings::new(DEFAULT_BASE_URL, crate::USER_AGENT),
            format: Format::default(),
            json_as_documented: false,
            legacy_xml_send_path: false,
        }
    }

    /// The transport in use.
    pub fn format(&self) -> Format {
        self.format
    }

    /// `sendsms`: one message to its recipients, or a mail merge. Never retried.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request (empty message, no or invalid
    /// recipient, `msgid` over 30 characters, bad sender, missing mail-merge data, mail
    /// merge over GET, empty credential); [`Error::Api`] for a negative `statut` with its
    /// [`ErrorCode`]; [`Error::Http`] or [`Error::UnexpectedResponse`] otherwise.
    #[doc(alias = "sendsms")]
    pub async fn send_sms(&self, sms: &SendSms) -> Result<SubmitResponse, Error> {
        self.transport
            .operation("send_sms", async {
                let request = sms.to_request()?;
                let answer = self.exchange(&request, HlrSpelling::Sendhlr).await?;
                read_answer(&answer, crate::api::sendsms::to_submit)
            })
            .await
    }

    /// `getdlrs`: delivery reports. **Each status is returned only once**: SMSECO will
    /// not return what this call read, so keep the result. Never retried.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms). A `statut` of −15 ("Aucun statut sms
    /// disponible") is an empty report, not an error.
    #[doc(alias = "getdlrs")]
    pub async fn get_dlrs(&self, query: &DlrQuery) -> Result<DlrReport, Error> {
        self.transport
            .operation("get_dlrs", async {
                let answer = self
                    .exchange(&query.to_request(), HlrSpelling::Sendhlr)
                    .await?;
                match read_answer(&answer, crate::api::getdlrs::to_report) {
                    Ok(report) => Ok(report),
                    Err(Error::Api(ApiError {
                        code: ErrorCode::NoStatusAvailable,
                        message: texte,
                        ..
                    })) => Ok(DlrReport::empty(ErrorCode::NoStatusAvailable.code(), texte)),
                    Err(e) => Err(e),
                }
            })
            .await
    }

    /// `getbalance`: credits left, expiry date, total consumption.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    #[doc(alias = "getbalance")]
    pub async fn get_balance(&self) -> Result<Balance, Error> {
        self.transport
            .operation("get_balance", async {
                let answer = self
                    .exchange(&balance_request(), HlrSpelling::Sendhlr)
                    .await?;
                read_answer(&answer, crate::api::account::to_balance)
            })
            .await
    }

    /// `getsenders`: the sender names registered on the account.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    #[doc(alias = "getsenders")]
    pub async fn get_senders(&self) -> Result<Senders, Error> {
        self.transport
            .operation("get_senders", async {
                let answer = self
                    .exchange(&senders_request(), HlrSpelling::Sendhlr)
                    .await?;
                read_answer(&answer, crate::api::account::to_senders)
            })
            .await
    }

    /// `sendhlr`: HLR lookup of numbers (enterprise accounts only).
    ///
    /// The documentation spells the command `sendhlr` for GET and `sendhrl` for XML and
    /// JSON. The documented spelling is tried first; on HTTP 404 or `statut` −14
    /// ("Commande inconnue"), which prove nothing was run, the other spelling is tried
    /// once.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    #[doc(alias = "sendhlr")]
    #[doc(alias = "sendhrl")]
    pub async fn send_hlr(&self, hlr: &HlrRequest) -> Result<SubmitResponse, Error> {
        self.transport
            .operation("send_hlr", async {
                let request = hlr.to_request()?;
                let first = match self.format {
                    Format::Get(_) => HlrSpelling::Sendhlr,
                    Format::Xml | Format::Json => HlrSpelling::Sendhrl,
                };
                let answer = self.exchange(&request, first).await?;
                let unknown_command = answer.status == 404
                    || matches!(
                        read_answer(&answer, |_| Some(())),
                        Err(Error::Api(ApiError {
                            code: ErrorCode::UnknownCommand,
                            ..
                        }))
                    );
                let answer = if unknown_command {
                    self.exchange(&request, first.other()).await?
                } else {
                    answer
                };
                read_answer(&answer, crate::api::sendsms::to_submit)
            })
            .await
    }

    /// Sends one request in the configured format and reads the answer.
    async fn exchange(&self, request: &Request<'_>, hlr: HlrSpelling) -> Result<Answer, Error> {
        let login = self.credentials.login.trim();
        if login.is_empty() {
            return Err(InvalidRequest::MissingCredential("login").into());
        }
        let password = self.credentials.password.expose();
        if password.is_empty() {
            return Err(InvalidRequest::MissingCredential("password").into());
        }
        let transport = &self.transport;
        let form = |field: &str, payload: String| sms_http::form_body(&[(field, &payload)]);
        let builder = match self.format {
            Format::Xml => {
                let path = if self.legacy_xml_send_path && request.command == Command::SendSms {
                    "/XML/XMLdatas.php"
                } else {
                    request.command.xml_path(hlr)
                };
                transport
                    .request(Method::POST, path)
                    .header(
                        reqwest::header::CONTENT_TYPE,
                        reqwest::header::HeaderValue::from_static(
                            "application/x-www-form-urlencoded",
                        ),
                    )
                    .body(request.to_xml_form("XML", login, password))
            }
            Format::Json => {
                // The JSON getdlrs URL is given as /api/xml/getdlrs/ (a copy-paste);
                // /api/json/ is used, like every other JSON command.
                let path = ["/api/json/", request.command.post_segment(hlr), "/"].concat();
                let json = request.to_json(login, password);
                let (content_type, body) = if self.json_as_documented {
                    ("application/json", format!("JSON={json}"))
                } else {
                    ("application/x-www-form-urlencoded", form("JSON", json))
                };
                transport
                    .request(Method::POST, &path)
                    .header(
                        reqwest::header::CONTENT_TYPE,
                        reqwest::header::HeaderValue::from_static(content_type),
                    )
                    .body(body)
            }
            Format::Get(output) => {
                if request.has_merge_data() {
                    return Err(InvalidRequest::MergeOverGet.into());
                }
                let query = serde_urlencoded::to_string(request.to_query(login, password))
                    .map_err(|_| InvalidRequest::Unencodable("a query"))?;
                let path = format!(
                    "/api/{}/{}?{query}",
                    output.segment(),
                    request.command.get_segment(hlr)
                );
                let len = transport.base_url().len() + path.len();
                if len > MAX_GET_URL_LEN {
                    return Err(InvalidRequest::UrlTooLong {
                        len,
                        max: MAX_GET_URL_LEN,
                    }
                    .into());
                }
                transport.request(Method::GET, &path)
            }
        };
        Ok(self
            .transport
            .send(request.command.post_segment(hlr), builder)
            .await?)
    }
}

/// Builder of [`Client`], from [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    settings: TransportSettings,
    format: Format,
    json_as_documented: bool,
    legacy_xml_send_path: bool,
}

impl ClientBuilder {
    /// The transport (default [`Format::Xml`]).
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Replaces the scheme, host and port of [`DEFAULT_BASE_URL`]; a path in `base_url`
    /// goes in front of the documented paths (`/api/xml/sendsms/`…), as white-label
    /// resellers need (`http://www.netsmspro.net/client/<code>/fr`).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.set_base_url(base_url.into());
        self
    }

    /// With [`Format::Json`], send the body exactly as the documentation's cURL sample:
    /// `JSON=` followed by the raw JSON, with `Content-Type: application/json`. The
    /// default sends `JSON=` as a properly encoded form field.
    pub fn json_as_documented(mut self, raw: bool) -> Self {
        self.json_as_documented = raw;
        self
    }

    /// With [`Format::Xml`], post `sendsms` to the old `/XML/XMLdatas.php` ("reste
    /// toujours valable") instead of `/api/xml/sendsms/`.
    pub fn legacy_xml_send_path(mut self, legacy: bool) -> Self {
        self.legacy_xml_send_path = legacy;
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
        Ok(Client {
            transport: self
                .settings
                .build(self.credentials.redactor())
                .map_err(Error::Config)?,
            credentials: self.credentials,
            format: self.format,
            json_as_documented: self.json_as_documented,
            legacy_xml_send_path: self.legacy_xml_send_path,
        })
    }
}
