//! The REST API (`https://api.allmysms.com/sms/send/`…): HTTP Basic `login:apiKey`,
//! JSON in lowerCamelCase, success as HTTP 201 with `code` 100/101, and amounts in
//! **euros** ([`Euros`]), where the v9 API counts **credits** (plain integers).
//!
//! Known from public client code and AllMySMS's online REST documentation.

use core::fmt;

use serde_json::{Map, Value, json};
use sms_http::Answer;
use sms_primitives::Secret;
use sms_primitives::datetime::DateTime;
use sms_primitives::redact::mask_digit_runs;
use sms_primitives::{PhoneNumber, Region};

use crate::api::{Timestamp, count, int, objects, split_numbers, text};
use crate::client::Credentials;
use crate::error::{ApiError, Error, InvalidRequest};
use crate::status::StatusCode;
use sms_http::{Transport, TransportSettings};

/// The REST API's origin.
pub const DEFAULT_BASE_URL: &str = "https://api.allmysms.com";

/// An amount of money in euros (`balance`, `cost`). A distinct type, so that it cannot be
/// mixed up with the v9 API's credits.
///
/// ```
/// use allmysms::rest::Euros;
///
/// let cost = Euros::new(0.19);
/// assert_eq!(cost.amount(), 0.19);
/// assert_eq!(cost.to_string(), "0.19 €");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Euros(f64);

impl Euros {
    /// An amount in euros.
    pub const fn new(amount: f64) -> Self {
        Self(amount)
    }
    /// The amount in euros.
    pub const fn amount(self) -> f64 {
        self.0
    }
}

impl fmt::Display for Euros {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2} €", self.0)
    }
}

fn euros(v: Option<&Value>) -> Option<Euros> {
    match v? {
        Value::Number(n) => n.as_f64().map(Euros),
        Value::String(s) => s.trim().replace(',', ".").parse().ok().map(Euros),
        _ => None,
    }
}

fn international(raw: &str, index: usize) -> Result<String, InvalidRequest> {
    // Numbers go without `+` (one public sample sends it; AllMySMS expects digits).
    PhoneNumber::parse_with_region(raw.trim(), Region::FR)
        .map(|p| p.international_digits().to_owned())
        .map_err(|source| InvalidRequest::InvalidPhone { index, source })
}

fn check_text(text: &str) -> Result<(), InvalidRequest> {
    if text.trim().is_empty() {
        return Err(InvalidRequest::EmptyMessage);
    }
    let chars = text.chars().count();
    if chars > crate::MAX_MESSAGE_CHARS {
        return Err(InvalidRequest::MessageTooLong {
            chars,
            max: crate::MAX_MESSAGE_CHARS,
        });
    }
    Ok(())
}

fn check_from(from: &str) -> Result<(), InvalidRequest> {
    let ok = !from.is_empty()
        && from.chars().count() <= crate::MAX_SENDER_CHARS
        && from.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
        && !from.starts_with(' ')
        && !from.ends_with(' ');
    if ok {
        Ok(())
    } else {
        Err(InvalidRequest::InvalidSender)
    }
}

/// One SMS to one number (`POST /sms/send/`).
///
/// ```
/// use allmysms::rest::RestSms;
///
/// let sms = RestSms::new("0612345678", "Votre code : 1234. STOP au 36180").from("MaBoutique").simulate(true);
/// # let _ = sms;
/// ```
#[derive(Clone)]
pub struct RestSms {
    to: String,
    text: String,
    from: Option<String>,
    fields: Map<String, Value>,
}

impl fmt::Debug for RestSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestSms")
            .field("text_chars", &self.text.chars().count())
            .field("from", &self.from)
            .field("options", &self.fields.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl RestSms {
    /// A message `text` to `to`.
    pub fn new(to: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            text: text.into(),
            from: None,
            fields: Map::new(),
        }
    }
    /// `from`: the sender (default 36180; see [`SendSms::sender`](crate::SendSms::sender)
    /// for the rules and the French "STOP au 36180" mention).
    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }
    /// `alerting`: AllMySMS's alerting option (an integer).
    pub fn alerting(mut self, value: i64) -> Self {
        self.fields.insert("alerting".into(), json!(value));
        self
    }
    /// `campaignName`.
    pub fn campaign_name(mut self, name: impl Into<String>) -> Self {
        self.fields
            .insert("campaignName".into(), Value::String(name.into()));
        self
    }
    /// `cliMsgId`.
    pub fn cli_msg_id(mut self, id: impl Into<String>) -> Self {
        self.fields
            .insert("cliMsgId".into(), Value::String(id.into()));
        self
    }
    /// `date`: deferred send.
    pub fn date(mut self, date: DateTime) -> Self {
        self.fields
            .insert("date".into(), Value::String(date.to_string()));
        self
    }
    /// `simulate`: cost only, nothing sent.
    pub fn simulate(mut self, simulate: bool) -> Self {
        self.fields
            .insert("simulate".into(), json!(u8::from(simulate)));
        self
    }
    /// `uniqueIdentifier`.
    pub fn unique_identifier(mut self, id: impl Into<String>) -> Self {
        self.fields
            .insert("uniqueIdentifier".into(), Value::String(id.into()));
        self
    }
    /// `verbose`: the level of detail of the answer (an integer).
    pub fn verbose(mut self, level: i64) -> Self {
        self.fields.insert("verbose".into(), json!(level));
        self
    }

    fn to_json(&self) -> Result<Value, InvalidRequest> {
        check_text(&self.text)?;
        if let Some(f) = &self.from {
            check_from(f)?;
        }
        let mut body = self.fields.clone();
        body.insert("to".into(), Value::String(international(&self.to, 0)?));
        body.insert("text".into(), Value::String(self.text.clone()));
        if let Some(f) = &self.from {
            body.insert("from".into(), Value::String(f.clone()));
        }
        Ok(Value::Object(body))
    }
}

/// One message to many numbers, each with its own parameters (`POST /sms/send/bulk/`).
///
/// ```
/// use allmysms::rest::RestBulkSms;
///
/// let bulk = RestBulkSms::new("Bonjour #param_1#")
///     .to_with_params("0612345678", ["Marc"])
///     .to_with_params("0712345678", ["Julie"]);
/// # let _ = bulk;
/// ```
#[derive(Clone)]
pub struct RestBulkSms {
    text: String,
    recipients: Vec<(String, Vec<String>)>,
    from: Option<String>,
    fields: Map<String, Value>,
}

impl fmt::Debug for RestBulkSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestBulkSms")
            .field("text_chars", &self.text.chars().count())
            .field("recipients", &self.recipients.len())
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl RestBulkSms {
    /// A message `text`, without recipients yet.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            recipients: Vec::new(),
            from: None,
            fields: Map::new(),
        }
    }
    /// Adds a recipient.
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.recipients.push((phone.into(), Vec::new()));
        self
    }
    /// Adds a recipient with its `param1`, `param2`… values.
    pub fn to_with_params<I, S>(mut self, phone: impl Into<String>, params: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.recipients
            .push((phone.into(), params.into_iter().map(Into::into).collect()));
        self
    }
    /// `from`.
    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }
    /// `campaignName`.
    pub fn campaign_name(mut self, name: impl Into<String>) -> Self {
        self.fields
            .insert("campaignName".into(), Value::String(name.into()));
        self
    }
    /// `date`: deferred send.
    pub fn date(mut self, date: DateTime) -> Self {
        self.fields
            .insert("date".into(), Value::String(date.to_string()));
        self
    }
    /// `alerting`.
    pub fn alerting(mut self, value: i64) -> Self {
        self.fields.insert("alerting".into(), json!(value));
        self
    }
    /// `simulate`: cost only, nothing sent.
    pub fn simulate(mut self, simulate: bool) -> Self {
        self.fields
            .insert("simulate".into(), json!(u8::from(simulate)));
        self
    }

    fn to_json(&self) -> Result<Value, InvalidRequest> {
        check_text(&self.text)?;
        if let Some(f) = &self.from {
            check_from(f)?;
        }
        if self.recipients.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let with_params = self.recipients.iter().any(|(_, p)| !p.is_empty());
        let mut to: Vec<Value> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for (index, (raw, params)) in self.recipients.iter().enumerate() {
            let number = international(raw, index)?;
            if seen.contains(&number) {
                continue;
            }
            seen.push(number.clone());
            if with_params {
                let mut item = Map::new();
                item.insert("mobilePhone".into(), Value::String(number));
                for (i, p) in params.iter().enumerate() {
                    item.insert(format!("param{}", i + 1), Value::String(p.clone()));
                }
                to.push(Value::Object(item));
            } else {
                to.push(Value::String(number));
            }
        }
        let mut body = self.fields.clone();
        body.insert("text".into(), Value::String(self.text.clone()));
        body.insert("to".into(), Value::Array(to));
        if let Some(f) = &self.from {
            body.insert("from".into(), Value::String(f.clone()));
        }
        Ok(Value::Object(body))
    }
}

/// A voice message campaign (`POST /voice/send/bulk`, `type: directdeposit`): a recorded
/// file dropped in voicemail boxes.
///
/// ```
/// use allmysms::rest::VoiceBulk;
///
/// let voice = VoiceBulk::new("0145678900", "https://example.com/message.mp3").to("0612345678");
/// # let _ = voice;
/// ```
#[derive(Clone)]
pub struct VoiceBulk {
    from: String,
    url: String,
    to: Vec<String>,
    fields: Map<String, Value>,
}

impl fmt::Debug for VoiceBulk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VoiceBulk")
            .field("url", &self.url)
            .field("to", &self.to.len())
            .finish_non_exhaustive()
    }
}

impl VoiceBulk {
    /// A voice campaign from a French landline number `from` (`0X…`; mobiles are
    /// refused) playing the public MP3 or WAV file at `url` (5 to 30 s, 1 KB to 5 MB).
    pub fn new(from: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            from: from.into(),
            url: url.into(),
            to: Vec::new(),
            fields: Map::new(),
        }
    }
    /// Adds a recipient.
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.to.push(phone.into());
        self
    }
    /// `campaignName`.
    pub fn campaign_name(mut self, name: impl Into<String>) -> Self {
        self.fields
            .insert("campaignName".into(), Value::String(name.into()));
        self
    }
    /// `date`: deferred send.
    pub fn date(mut self, date: DateTime) -> Self {
        self.fields
            .insert("date".into(), Value::String(date.to_string()));
        self
    }
    /// `simulate`: cost only, nothing sent.
    pub fn simulate(mut self, simulate: bool) -> Self {
        self.fields
            .insert("simulate".into(), json!(u8::from(simulate)));
        self
    }

    fn to_json(&self) -> Result<Value, InvalidRequest> {
        let from = PhoneNumber::parse_with_region(self.from.trim(), Region::FR)
            .ok()
            .filter(|p| {
                p.country_calling_code() == 33 && !p.national_number().starts_with(['6', '7'])
            })
            .ok_or(InvalidRequest::InvalidSender)?;
        let url_ok =
            reqwest::Url::parse(&self.url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !url_ok {
            return Err(InvalidRequest::MissingParameter("url (http or https)"));
        }
        if self.to.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut to: Vec<Value> = Vec::new();
        for (index, raw) in self.to.iter().enumerate() {
            let n = Value::String(international(raw, index)?);
            if !to.contains(&n) {
                to.push(n);
            }
        }
        let mut body = self.fields.clone();
        body.insert("to".into(), Value::Array(to));
        // The national form, as AllMySMS documents it.
        body.insert(
            "from".into(),
            Value::String(format!("0{}", from.national_number())),
        );
        body.insert("type".into(), Value::String("directdeposit".into()));
        body.insert("url".into(), Value::String(self.url.clone()));
        Ok(Value::Object(body))
    }
}

/// The answer to the REST sends.
#[derive(Clone, PartialEq)]
pub struct RestSendResponse {
    code: StatusCode,
    description: String,
    sms_id: Option<String>,
    campaign_id: Option<String>,
    sms_ids: Vec<(String, String)>,
    invalid_numbers: Vec<String>,
    nb_contacts: Option<u64>,
    nb_sms: Option<u64>,
    balance: Option<Euros>,
    cost: Option<Euros>,
}

impl fmt::Debug for RestSendResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestSendResponse")
            .field("code", &self.code)
            .field("sms_id", &self.sms_id)
            .field("campaign_id", &self.campaign_id)
            .field("invalid_numbers", &self.invalid_numbers.len())
            .field("balance", &self.balance)
            .field("cost", &self.cost)
            .finish_non_exhaustive()
    }
}

impl RestSendResponse {
    /// `code`: [`StatusCode::Sent`] or [`StatusCode::Scheduled`].
    pub fn code(&self) -> StatusCode {
        self.code
    }
    /// `description`.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// `smsId` (single sends).
    pub fn sms_id(&self) -> Option<&str> {
        self.sms_id.as_deref()
    }
    /// `campaignId` (bulk sends).
    pub fn campaign_id(&self) -> Option<&str> {
        self.campaign_id.as_deref()
    }
    /// `smsIds` as (phone number, SMS id) pairs (voice sends).
    pub fn sms_ids(&self) -> &[(String, String)] {
        &self.sms_ids
    }
    /// `invalidNumbers`.
    pub fn invalid_numbers(&self) -> &[String] {
        &self.invalid_numbers
    }
    /// `nbContacts`.
    pub fn nb_contacts(&self) -> Option<u64> {
        self.nb_contacts
    }
    /// `nbSms`.
    pub fn nb_sms(&self) -> Option<u64> {
        self.nb_sms
    }
    /// `balance`: what is left, in euros.
    pub fn balance(&self) -> Option<Euros> {
        self.balance
    }
    /// `cost`: what the send cost, in euros.
    pub fn cost(&self) -> Option<Euros> {
        self.cost
    }
}

/// The account (`GET /account`).
#[derive(Clone)]
pub struct RestAccount {
    balance: Option<Euros>,
    nb_sms: Option<u64>,
    reference_country_iso: String,
    api_key: Option<Secret>,
    last_name: String,
    first_name: String,
    company: String,
    email: String,
    alerting: Option<i64>,
}

// Names and e-mail are personal data: not shown.
impl fmt::Debug for RestAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestAccount")
            .field("balance", &self.balance)
            .field("nb_sms", &self.nb_sms)
            .field("reference_country_iso", &self.reference_country_iso)
            .field("alerting", &self.alerting)
            .finish_non_exhaustive()
    }
}

impl RestAccount {
    /// `balance`, in euros.
    pub fn balance(&self) -> Option<Euros> {
        self.balance
    }
    /// `nbSms`: SMS the balance buys in the reference country.
    pub fn nb_sms(&self) -> Option<u64> {
        self.nb_sms
    }
    /// `referenceCountryIso`.
    pub fn reference_country_iso(&self) -> &str {
        &self.reference_country_iso
    }
    /// `apiKey`, as a secret.
    pub fn api_key(&self) -> Option<&Secret> {
        self.api_key.as_ref()
    }
    /// `lastName`.
    pub fn last_name(&self) -> &str {
        &self.last_name
    }
    /// `firstName`.
    pub fn first_name(&self) -> &str {
        &self.first_name
    }
    /// `company`.
    pub fn company(&self) -> &str {
        &self.company
    }
    /// `email`.
    pub fn email(&self) -> &str {
        &self.email
    }
    /// `alerting`.
    pub fn alerting(&self) -> Option<i64> {
        self.alerting
    }
}

/// One line of a campaign report (`GET /report/campaign/{id}`).
#[derive(Clone, PartialEq, Eq)]
pub struct RestReport {
    phone_number: String,
    code: Option<i64>,
    description: String,
    reception_date: Timestamp,
}

impl fmt::Debug for RestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestReport")
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("code", &self.code)
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

impl RestReport {
    /// `phoneNumber`.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// `code`: the delivery code.
    pub fn code(&self) -> Option<i64> {
        self.code
    }
    /// `description`.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// `receptionDate`.
    pub fn reception_date(&self) -> &Timestamp {
        &self.reception_date
    }
}

/// Client of the REST API. Cheap to clone; nothing is ever retried.
///
/// # Examples
///
/// ```no_run
/// use allmysms::Credentials;
/// use allmysms::rest::{RestClient, RestSms};
///
/// # async fn run() -> Result<(), allmysms::Error> {
/// let client = RestClient::new(Credentials::new("yourlogin", "yourapikey"))?;
/// let sent = client.send(&RestSms::new("0612345678", "Bonjour ! STOP au 36180")).await?;
/// println!("cost {:?}, balance {:?}", sent.cost(), sent.balance());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RestClient {
    transport: Transport,
    login: String,
    api_key: Secret,
}

impl fmt::Debug for RestClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestClient")
            .field("base_url", &self.transport.base_url())
            .finish_non_exhaustive()
    }
}

impl RestClient {
    /// A client with the documented origin and default timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder for the base URL, HTTP client and timeouts.
    pub fn builder(credentials: Credentials) -> RestClientBuilder {
        RestClientBuilder {
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
    pub async fn send(&self, sms: &RestSms) -> Result<RestSendResponse, Error> {
        let body = sms.to_json()?;
        let answer = self
            .request(reqwest::Method::POST, "/sms/send/", Some(body))
            .await?;
        to_send_response(&answer)
    }

    /// `POST /sms/send/bulk/`: one message to many numbers, with per-recipient
    /// parameters. Never retried.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_bulk(&self, sms: &RestBulkSms) -> Result<RestSendResponse, Error> {
        let body = sms.to_json()?;
        let answer = self
            .request(reqwest::Method::POST, "/sms/send/bulk/", Some(body))
            .await?;
        to_send_response(&answer)
    }

    /// `POST /voice/send/bulk`: a voice message campaign. Never retried.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send); [`InvalidRequest::InvalidSender`] when `from` is not a
    /// French landline number.
    pub async fn voice_send_bulk(&self, voice: &VoiceBulk) -> Result<RestSendResponse, Error> {
        let body = voice.to_json()?;
        let answer = self
            .request(reqwest::Method::POST, "/voice/send/bulk", Some(body))
            .await?;
        to_send_response(&answer)
    }

    /// `GET /account` (with `?subAccount=` for a sub-account's).
    ///
    /// # Errors
    ///
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    pub async fn account(&self, sub_account: Option<&str>) -> Result<RestAccount, Error> {
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
        Ok(RestAccount {
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
    }

    /// `GET /ping/` (no authentication): whether the API answers.
    ///
    /// # Errors
    ///
    /// [`Error::Http`], or [`Error::UnexpectedResponse`] for a non-2xx answer.
    pub async fn ping(&self) -> Result<(), Error> {
        let url = format!("{}/ping/", self.transport.base_url());
        let answer = self.transport.send(self.transport.http().get(url)).await?;
        if (200..300).contains(&answer.status) {
            Ok(())
        } else {
            Err(unexpected(&answer))
        }
    }

    /// `GET /report/campaign/{id}`: the delivery reports of a campaign.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for an empty id; [`Error::Api`], [`Error::Http`],
    /// [`Error::UnexpectedResponse`].
    pub async fn campaign_report(&self, campaign_id: &str) -> Result<Vec<RestReport>, Error> {
        let id = crate::client::required("campaignId", campaign_id)?;
        let path = format!("/report/campaign/{}", urlencode_segment(&id));
        let answer = self.request(reqwest::Method::GET, &path, None).await?;
        let m = read_object(&answer)?;
        if !m.contains_key("reports") {
            return Err(unexpected(&answer));
        }
        Ok(objects(&m, "reports")
            .map(|o| RestReport {
                phone_number: text(o.get("phoneNumber")).unwrap_or_default(),
                code: int(o.get("code")),
                description: text(o.get("description")).unwrap_or_default(),
                reception_date: Timestamp::new(text(o.get("receptionDate"))),
            })
            .collect())
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
        let url = format!("{}{path}", self.transport.base_url());
        let mut request = self
            .transport
            .http()
            .request(method, url)
            .basic_auth(self.login.trim(), Some(self.api_key.expose()))
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(body) = body {
            request = request.json(&body);
        }
        Ok(self.transport.send(request).await?)
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

/// The answer is not understood (credentials hidden in the kept body).
fn unexpected(answer: &Answer) -> Error {
    Error::UnexpectedResponse {
        http_status: answer.status,
        body: answer.raw_body(),
    }
}

/// A JSON object answer; a `code` of 102 or more is [`Error::Api`].
pub(crate) fn read_object(answer: &Answer) -> Result<Map<String, Value>, Error> {
    let text_body = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
    let Ok(Value::Object(m)) = serde_json::from_str::<Value>(&text_body) else {
        return Err(unexpected(answer));
    };
    if let Some(code) = int(m.get("code")).and_then(|c| u16::try_from(c).ok())
        && code >= 102
    {
        return Err(Error::Api(ApiError {
            http_status: answer.status,
            status: StatusCode::from_code(code),
            status_text: answer.redact(&text(m.get("description")).unwrap_or_default()),
            raw: Value::Object(m),
        }));
    }
    if !(200..300).contains(&answer.status) {
        return Err(unexpected(answer));
    }
    Ok(m)
}

/// The `smsIds` pairs of an answer; `None` when one lacks its number or id.
fn sms_id_pairs(m: &Map<String, Value>) -> Option<Vec<(String, String)>> {
    objects(m, "smsIds")
        .map(|o| {
            let phone = text(o.get("phoneNumber")).filter(|s| !s.is_empty())?;
            let id = text(o.get("smsId")).filter(|s| !s.is_empty())?;
            Some((phone, id))
        })
        .collect()
}

/// A send succeeded when the answer is 2xx (201 documented) with `code` 100 or 101 and
/// the ids it documents: `smsId` (one SMS) or `campaignId` (bulk), and complete
/// `smsIds` pairs. `code` 113 (some numbers invalid) is a partial outcome.
pub(crate) fn to_send_response(answer: &Answer) -> Result<RestSendResponse, Error> {
    let m = match read_object(answer) {
        Err(Error::Api(e)) if e.status == StatusCode::SomeNumbersInvalid => {
            let m = e.raw.as_object().cloned().unwrap_or_default();
            return Err(Error::PartiallySent(crate::error::PartialSend {
                http_status: answer.status,
                status_text: e.status_text,
                campaign_id: text(m.get("campaignId"))
                    .or_else(|| text(m.get("smsId")))
                    .filter(|s| !s.is_empty()),
                sms_ids: sms_id_pairs(&m)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(phone_number, sms_id)| crate::SmsId::new(phone_number, sms_id))
                    .collect(),
                invalid_numbers: split_numbers(m.get("invalidNumbers")),
            }));
        }
        other => other?,
    };
    let code = int(m.get("code"))
        .and_then(|c| u16::try_from(c).ok())
        .map(StatusCode::from_code)
        .filter(|c| c.is_success())
        .ok_or_else(|| unexpected(answer))?;
    let sms_id = text(m.get("smsId")).filter(|s| !s.is_empty());
    let campaign_id = text(m.get("campaignId")).filter(|s| !s.is_empty());
    let sms_ids = sms_id_pairs(&m).ok_or_else(|| unexpected(answer))?;
    if sms_id.is_none() && campaign_id.is_none() {
        return Err(unexpected(answer));
    }
    Ok(RestSendResponse {
        code,
        description: text(m.get("description")).unwrap_or_default(),
        sms_id,
        campaign_id,
        sms_ids,
        invalid_numbers: split_numbers(m.get("invalidNumbers")),
        nb_contacts: count(m.get("nbContacts")),
        nb_sms: count(m.get("nbSms")),
        balance: euros(m.get("balance")),
        cost: euros(m.get("cost")),
    })
}

/// Builder of [`RestClient`].
#[derive(Debug, Clone)]
pub struct RestClientBuilder {
    credentials: Credentials,
    settings: TransportSettings,
}

impl RestClientBuilder {
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
    pub fn build(self) -> Result<RestClient, Error> {
        let redactor = self.credentials.redactor();
        let (login, api_key) = self.credentials.into_parts();
        Ok(RestClient {
            transport: self.settings.build(redactor).map_err(Error::Config)?,
            login,
            api_key,
        })
    }
}
