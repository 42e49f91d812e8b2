//! The REST API's client: HTTP Basic `login:apiKey`, JSON.

use core::fmt;

use serde_json::Value;
use sms_http::Answer;
use sms_primitives::Secret;

use super::money::euros;
use super::responses::{read_object, to_send_response, unexpected};
use super::{Account, BulkSms, DEFAULT_BASE_URL, Report, SendResponse, SendSms, VoiceBulk};
use crate::api::{Timestamp, count, int, objects, text};
use crate::client::Credentials;
use crate::error::{Error, InvalidRequest};
use sms_http::{Transport, TransportSettings};

/// Client of the REST API. Cheap to clone; nothing is ever retried.
///
/// # Examples
///
/// ```no_run
/// use allmysms::Credentials;
/// use allmysms::rest::{Client, SendSms};
///
/// # async fn run() -> Result<(), allmysms::Error> {
/// let client = Client::new(Credentials::new("yourlogin", "yourapikey"))?;
/// let sent = client.send_sms(&SendSms::new("0612345678", "Bonjour ! STOP au 36180")).await?;
/// println!("cost {:?}, balance {:?}", sent.cost(), sent.balance());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    login: String,
    api_key: Secret,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.transport.base_url())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the documented origin and default timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder for the base URL, HTTP client and timeouts.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            settings: TransportSettings::new(DEFAULT_BASE_URL, crate::USER_AGENT),
        }
    }

    /// `POST /sms/send/`: one SMS to one number. Never retried.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request; [`Error::Api`] for a `code` other
    /// than 100/101; [`Error::Http`] or [`Error::UnexpectedResponse`].
    #[doc(alias = "send")]
    pub async fn send_sms(&self, sms: &SendSms) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_sms", async {
                let body = sms.to_json()?;
                let answer = self
                    .request(reqwest::Method::POST, "/sms/send/", Some(body))
                    .await?;
                to_send_response(&answer)
            })
            .await
    }

    /// `POST /sms/send/bulk/`: one message to many numbers, with per-recipient
    /// parameters. Never retried.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    pub async fn send_bulk(&self, sms: &BulkSms) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_bulk", async {
                let body = sms.to_json()?;
                let answer = self
                    .request(reqwest::Method::POST, "/sms/send/bulk/", Some(body))
                    .await?;
                to_send_response(&answer)
            })
            .await
    }

    /// `POST /voice/send/bulk`: a voice message campaign. Never retried.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms); [`InvalidRequest::InvalidSender`] when `from` is not a
    /// French landline number.
    pub async fn voice_send_bulk(&self, voice: &VoiceBulk) -> Result<SendResponse, Error> {
        self.transport
            .operation("voice_send_bulk", async {
                let body = voice.to_json()?;
                let answer = self
                    .request(reqwest::Method::POST, "/voice/send/bulk", Some(body))
                    .await?;
                to_send_response(&answer)
            })
            .await
    }

    /// `GET /account` (with `?subAccount=` for a sub-account's).
    ///
    /// # Errors
    ///
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    pub async fn account(&self, sub_account: Option<&str>) -> Result<Account, Error> {
        self.transport
            .operation("account", async {
                let path = match sub_account.map(str::trim).filter(|s| !s.is_empty()) {
                    Some(sub) => format!(
                        "/account?{}",
                        serde_urlencoded::to_string([("subAccount", sub)]).unwrap_or_default()
                    ),
                    None => "/account".to_owned(),
                };
                let answer = self.request(reqwest::Method::GET, &path, None).await?;
                let m = read_object(&answer)?;
                let s = |k: &str| text(m.get(k)).unwrap_or_default();
                Ok(Account {
                    balance: euros(m.get("balance")),
                    nb_sms: count(m.get("nbSms")),
                    reference_country_iso: s("referenceCountryIso"),
                    api_key: text(m.get("apiKey")).map(Secret::new),
                    last_name: s("lastName"),
                    first_name: s("firstName"),
                    company: s("company"),
                    email: s("email"),
                    alerting: int(m.get("alerting")),
                })
            })
            .await
    }

    /// `GET /ping/` (no authentication): whether the API answers.
    ///
    /// # Errors
    ///
    /// [`Error::Http`], or [`Error::UnexpectedResponse`] for a non-2xx answer.
    pub async fn ping(&self) -> Result<(), Error> {
        self.transport
            .operation("ping", async {
                let request = self.transport.request(reqwest::Method::GET, "/ping/");
                let answer = self.transport.send("GET /ping/", request).await?;
                if (200..300).contains(&answer.status) {
                    Ok(())
                } else {
                    Err(unexpected(&answer))
                }
            })
            .await
    }

    /// `GET /report/campaign/{id}`: the delivery reports of a campaign.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for an empty id; [`Error::Api`], [`Error::Http`],
    /// [`Error::UnexpectedResponse`].
    pub async fn campaign_report(&self, campaign_id: &str) -> Result<Vec<Report>, Error> {
        self.transport
            .operation("campaign_report", async {
                let id = crate::client::required("campaignId", campaign_id)?;
                let path = format!("/report/campaign/{}", urlencode_segment(&id));
                let answer = self.request(reqwest::Method::GET, &path, None).await?;
                let m = read_object(&answer)?;
                if !m.contains_key("reports") {
                    return Err(unexpected(&answer));
                }
                Ok(objects(&m, "reports")
                    .map(|o| Report {
                        phone_number: text(o.get("phoneNumber")).unwrap_or_default(),
                        code: int(o.get("code")),
                        description: text(o.get("description")).unwrap_or_default(),
                        reception_date: Timestamp::new(text(o.get("receptionDate"))),
                    })
                    .collect())
            })
            .await
    }

    async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Answer, Error> {
        if self.login.trim().is_empty() {
            return Err(InvalidRequest::MissingCredential("login").into());
        }
        if self.api_key.is_empty() {
            return Err(InvalidRequest::MissingCredential("apiKey").into());
        }
        let mut request = self
            .transport
            .request(method, path)
            .basic_auth(self.login.trim(), Some(self.api_key.expose()))
            .header(
                reqwest::header::ACCEPT,
                reqwest::header::HeaderValue::from_static("application/json"),
            );
        if let Some(body) = body {
            request = request.json(&body);
        }
        Ok(self.transport.send(path_template(path), request).await?)
    }
}

/// The operation a path names in traces, without ids (`/report/campaign/{id}`).
fn path_template(path: &str) -> &'static str {
    match path.split('?').next().unwrap_or_default() {
        "/sms/send/" => "POST /sms/send/",
        "/sms/send/bulk/" => "POST /sms/send/bulk/",
        "/voice/send/bulk" => "POST /voice/send/bulk",
        "/account" => "GET /account",
        p if p.starts_with("/report/campaign/") => "GET /report/campaign/{id}",
        _ => "REST",
    }
}

/// A path segment: everything but unreserved characters percent-encoded (RFC 3986).
fn urlencode_segment(s: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

/// Builder of [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    settings: TransportSettings,
}

impl ClientBuilder {
    /// Replaces the scheme, host and port of [`DEFAULT_BASE_URL`]; a path in it goes in
    /// front of the documented paths.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.set_base_url(base_url.into());
        self
    }
    sms_http::transport_setters!();
    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not http(s) or an HTTP client that cannot
    /// be built.
    pub fn build(self) -> Result<Client, Error> {
        let redactor = self.credentials.redactor();
        let (login, api_key) = self.credentials.into_parts();
        Ok(Client {
            transport: self.settings.build(redactor).map_err(Error::Config)?,
            login,
            api_key,
        })
    }
}
