//! The client of the HTTP API v9: every method is a form POST to
//! `/http/9.0/<method>/` with `login`, `apiKey` and `returnformat=json`.

use core::fmt;

use sms_primitives::Secret;

use crate::api::account::{AccountInfo, BlacklistEntry, CampaignStats, CountryCredits, ShortUrl};
use crate::api::reports::{Ack, Acks, Pull};
use crate::api::send::{SendResponse, SendSms, SimpleSms, SimulateResponse, SmsDataFormat};
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
    transport: Transport,
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
        let base = &self.transport.base_url();
        if method.is_empty() {
            format!("{base}/http/{}/", self.api_version)
        } else {
            format!("{base}/http/{}/{method}/", self.api_version)
        }
    }

    /// `sendSms`: sends a campaign. Never retried.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request (empty text or over 640 characters,
    /// invalid sender or number, parameters that do not match the placeholders, no
    /// recipient, empty credential); [`Error::Api`] for any status but 100 and 101;
    /// [`Error::Http`] or [`Error::UnexpectedResponse`] otherwise.
    #[doc(alias = "sendSms")]
    pub async fn send_sms(&self, sms: &SendSms) -> Result<SendResponse, Error> {
        let json = self.call("sendSms", self.sms_data(sms)?).await?;
        crate::api::send::to_send_response(&json, true)
    }

    /// `simulateCampaign`: what a campaign would cost, without sending it.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    #[doc(alias = "simulateCampaign")]
    pub async fn simulate_campaign(&self, sms: &SendSms) -> Result<SimulateResponse, Error> {
        let json = self.call("simulateCampaign", self.sms_data(sms)?).await?;
        crate::api::send::to_simulate_response(&json)
    }

    /// The simplified send (`/`): plain parameters instead of `smsData`. Never retried.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    pub async fn send_simple(&self, sms: &SimpleSms) -> Result<SendResponse, Error> {
        let params = sms.params()?;
        let json = self.call("", params).await?;
        crate::api::send::to_send_response(&json, false)
    }

    fn sms_data(&self, sms: &SendSms) -> Result<Vec<(&'static str, String)>, Error> {
        let campaign = sms.validate()?;
        // A text XML cannot carry unchanged (control characters, `\r`) goes as JSON,
        // the other documented form of `smsData`, rather than as ill-formed XML.
        let data = match self.sms_data_format {
            SmsDataFormat::Xml if campaign.xml_safe() => campaign.to_xml()?,
            SmsDataFormat::Xml | SmsDataFormat::Json => campaign.to_json(),
        };
        Ok(vec![("smsData", data)])
    }

    /// `getAcks`: the delivery reports of a campaign.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for an empty id; [`Error::Api`], [`Error::Http`],
    /// [`Error::UnexpectedResponse`].
    #[doc(alias = "getAcks")]
    pub async fn get_acks(&self, campaign_id: &str) -> Result<Acks, Error> {
        let params = vec![("campId", required("campId", campaign_id)?)];
        let json = self.call("getAcks", self.with_sub(params)).await?;
        crate::api::reports::to_acks(&json)
    }

    /// `getAckBySmsId`: the delivery report of one SMS.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getAckBySmsId")]
    pub async fn get_ack_by_sms_id(&self, sms_id: &str) -> Result<Ack, Error> {
        let params = vec![("smsId", required("smsId", sms_id)?)];
        let json = self.call("getAckBySmsId", self.with_sub(params)).await?;
        crate::api::reports::to_ack_single(&json)
    }

    /// `getPulls`: the latest replies, at most `limit` (the server's default when `None`).
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getPulls")]
    pub async fn get_pulls(&self, limit: Option<u32>) -> Result<Vec<Pull>, Error> {
        let params = limit
            .map(|l| ("limit", l.to_string()))
            .into_iter()
            .collect();
        let json = self.call("getPulls", self.with_sub(params)).await?;
        crate::api::reports::to_pulls(&json)
    }

    /// `getPull`: the replies to a campaign.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getPull")]
    pub async fn get_pull(&self, campaign_id: &str) -> Result<Vec<Pull>, Error> {
        let params = vec![("campId", required("campId", campaign_id)?)];
        let json = self.call("getPull", self.with_sub(params)).await?;
        crate::api::reports::to_pulls(&json)
    }

    /// `getPullBySmsId`: the reply to one SMS.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getPullBySmsId")]
    pub async fn get_pull_by_sms_id(&self, sms_id: &str) -> Result<Pull, Error> {
        let params = vec![("smsId", required("smsId", sms_id)?)];
        let json = self.call("getPullBySmsId", self.with_sub(params)).await?;
        crate::api::reports::to_pull_single(&json)
    }

    /// `getInfo`: the account (credits, identity).
    ///
    /// # Errors
    ///
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "getInfo")]
    pub async fn get_info(&self) -> Result<AccountInfo, Error> {
        let json = self.call("getInfo", self.with_sub(Vec::new())).await?;
        crate::api::account::to_info(&json)
    }

    /// `getBlacklist`: numbers that opted out.
    ///
    /// # Errors
    ///
    /// As [`get_info`](Self::get_info).
    #[doc(alias = "getBlacklist")]
    pub async fn get_blacklist(&self) -> Result<Vec<BlacklistEntry>, Error> {
        let json = self.call("getBlacklist", self.with_sub(Vec::new())).await?;
        crate::api::account::to_blacklist(&json)
    }

    /// `deleteCampaign`: cancels a scheduled campaign.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks); [`Error::UnexpectedResponse`] unless AllMySMS
    /// answers `OK`.
    #[doc(alias = "deleteCampaign")]
    pub async fn delete_campaign(&self, campaign_id: &str) -> Result<(), Error> {
        let params = vec![("campId", required("campId", campaign_id)?)];
        let json = self.call("deleteCampaign", params).await?;
        crate::api::account::to_deleted(&json)
    }

    /// `getCreditsByCountryIsoCode`: credits per SMS to a country (`FR`, `DE`…).
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getCreditsByCountryIsoCode")]
    pub async fn get_credits_by_country_iso_code(
        &self,
        iso_code: &str,
    ) -> Result<CountryCredits, Error> {
        let iso = required("countryIsoCode", iso_code)?.to_ascii_uppercase();
        let json = self
            .call("getCreditsByCountryIsoCode", vec![("countryIsoCode", iso)])
            .await?;
        crate::api::account::to_country_credits(&json)
    }

    /// `shortenUrl`: a short link for an SMS.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "shortenUrl")]
    pub async fn shorten_url(&self, url: &str) -> Result<ShortUrl, Error> {
        let json = self
            .call("shortenUrl", vec![("url", required("url", url)?)])
            .await?;
        crate::api::account::to_short_url(&json)
    }

    /// `getCampaignStats`: sent, delivered, pending, errors and clicks of an SMS
    /// campaign.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getCampaignStats")]
    pub async fn get_campaign_stats(&self, campaign_id: &str) -> Result<CampaignStats, Error> {
        // `campaignId` here, not `campId` as in the other methods.
        let params = vec![
            ("campaignId", required("campaignId", campaign_id)?),
            ("type", "sms".to_owned()),
            ("msisdnList", "0".to_owned()),
        ];
        let json = self.call("getCampaignStats", params).await?;
        crate::api::account::to_campaign_stats(&json)
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
        let login = self.credentials.login.trim();
        if login.is_empty() {
            return Err(InvalidRequest::MissingCredential("login").into());
        }
        if self.credentials.api_key.is_empty() {
            return Err(InvalidRequest::MissingCredential("apiKey").into());
        }
        let mut form: Vec<(&str, &str)> = vec![
            ("login", login),
            ("apiKey", self.credentials.api_key.expose()),
        ];
        form.extend(params.iter().map(|(k, v)| (*k, v.as_str())));
        // Always explicit: without it the server answers XML.
        form.push(("returnformat", "json"));
        let body = serde_urlencoded::to_string(&form)
            .map_err(|_| InvalidRequest::Unencodable("a form"))?;
        let request = self
            .transport
            .http()
            .post(self.method_url(method))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body);
        let answer = self.transport.send(request).await?;
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
            return Err(Error::Config(
                "the API version must be one path segment, such as 9.0".into(),
            ));
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
