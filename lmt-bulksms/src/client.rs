//! The client of the BulkSMS push API (`/bulksms/api/{version}/push`).

use core::fmt;

use sms_primitives::Secret;

use crate::Error;
use crate::api::push::{PushOutcome, SendSms};
use crate::error::InvalidRequest;
use sms_http::{Transport, TransportSettings};

/// Documented origin of the push API; the documented path
/// `/bulksms/api/{version}/push` is appended to it.
pub const DEFAULT_BASE_URL: &str = "https://app.lmtgroup.com";
/// The only documented API version.
pub const DEFAULT_API_VERSION: &str = "v1";

/// The two secrets of the push API: the API key shown on the account page, and the
/// password of the BulkSMS web login. Both are sent in the form body, never logged.
#[derive(Clone, Debug)]
pub struct Credentials {
    api_key: Secret,
    password: Secret,
}

impl Credentials {
    /// Wraps the API key (`api_key`) and the web login password (`password`).
    ///
    /// ```
    /// use lmt_bulksms::Credentials;
    ///
    /// let c = Credentials::new("my-api-key", "my-password");
    /// assert!(!format!("{c:?}").contains("my-password"));
    /// ```
    #[doc(alias = "api_key")]
    pub fn new(api_key: impl Into<Secret>, password: impl Into<Secret>) -> Self {
        Self {
            api_key: api_key.into(),
            password: password.into(),
        }
    }

    pub(crate) fn check(&self) -> Result<(), InvalidRequest> {
        if self.api_key.is_empty() {
            return Err(InvalidRequest::MissingCredential("api_key"));
        }
        if self.password.is_empty() {
            return Err(InvalidRequest::MissingCredential("password"));
        }
        Ok(())
    }
}

/// Client of the BulkSMS push API v1: one SMS to one number per request.
///
/// Cheap to clone (the HTTP connection pool is shared). Sends are never retried.
///
/// # Examples
///
/// ```no_run
/// use lmt_bulksms::{Client, Credentials, SendSms};
///
/// # async fn run() -> Result<(), lmt_bulksms::Error> {
/// let client = Client::new(Credentials::new("my-api-key", "my-password"))?;
/// let push = SendSms::new("MaBoutique", "Votre commande est prête.").to("694124344");
/// for outcome in client.send_sms(&push).await? {
///     match outcome.result() {
///         Ok(r) => println!("sent: {}", r.message()),
///         Err(e) if e.is_known_not_sent() => println!("not sent: {e}"),
///         Err(e) => println!("unknown outcome, do not resend blindly: {e}"),
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    push_url: reqwest::Url,
    credentials: Credentials,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("push_url", &self.push_url.as_str())
            .field("timeout", &self.transport.timeout())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the documented URL and the default timeouts.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the HTTP client cannot be built (TLS initialisation).
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder to set the base URL, API version, HTTP client or timeouts.
    ///
    /// ```
    /// use std::time::Duration;
    /// use lmt_bulksms::{Client, Credentials};
    ///
    /// let client = Client::builder(Credentials::new("key", "pass"))
    ///     .base_url("http://127.0.0.1:8025")
    ///     .timeout(Duration::from_secs(10))
    ///     .build()?;
    /// assert_eq!(client.push_url(), "http://127.0.0.1:8025/bulksms/api/v1/push");
    /// # Ok::<(), lmt_bulksms::Error>(())
    /// ```
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            settings: TransportSettings::new(DEFAULT_BASE_URL, crate::USER_AGENT),
            api_version: DEFAULT_API_VERSION.to_owned(),
        }
    }

    /// The URL pushes are posted to.
    pub fn push_url(&self) -> &str {
        self.push_url.as_str()
    }

    /// Sends `push`: one request per recipient, since the API takes one number per
    /// call, and one [`PushOutcome`] per recipient in the order given (duplicates
    /// removed). A failure for one number does not stop the others.
    ///
    /// The `flag` is `long_sms` when the text needs more than one segment (GSM-7 over
    /// 160 septets, UCS-2 over 70 units), `short_sms` otherwise, unless
    /// [`SendSms::flag`] forces it. It is always sent explicitly.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`], before any request, when the message is empty or too
    /// long, a number or the sender id is invalid, there is no recipient, or a
    /// credential is empty. Errors of each send are in its [`PushOutcome`].
    #[doc(alias = "envoyer")]
    #[doc(alias = "push")]
    pub async fn send_sms(&self, push: &SendSms) -> Result<Vec<PushOutcome>, Error> {
        self.transport
            .operation_with(
                "send_sms",
                async {
                    self.credentials.check()?;
                    let plan = push.validate()?;
                    let mut outcomes = Vec::with_capacity(plan.recipients.len());
                    for phone in &plan.recipients {
                        let form = plan.form(
                            self.credentials.api_key.expose(),
                            self.credentials.password.expose(),
                            phone,
                        );
                        let result = self.send_form(&form).await;
                        outcomes.push(PushOutcome::new(*phone, result));
                    }
                    Ok(outcomes)
                },
                outcome_of_pushes,
            )
            .await
    }

    async fn send_form(
        &self,
        form: &[(&str, &str)],
    ) -> Result<crate::api::push::PushResponse, Error> {
        let body = sms_http::form_body(form);
        let request = self
            .transport
            .http()
            .post(self.push_url.clone())
            // The PHP sample declares the charset; values are percent-encoded UTF-8.
            .header(
                reqwest::header::CONTENT_TYPE,
                reqwest::header::HeaderValue::from_static(
                    "application/x-www-form-urlencoded;charset=utf-8",
                ),
            )
            .header(
                reqwest::header::ACCEPT,
                reqwest::header::HeaderValue::from_static("application/json"),
            )
            .body(body);
        let answer = self.transport.send("push", request).await?;
        crate::api::push::parse_answer(&answer)
    }
}

/// The outcome a trace records for a push to several numbers, one request each:
/// `ok` when every number got the message, `known_not_sent` when none can have,
/// `unknown` when one may have, `partial` otherwise.
fn outcome_of_pushes(result: &Result<Vec<PushOutcome>, Error>) -> &'static str {
    let Ok(outcomes) = result else {
        return sms_http::outcome_of(result);
    };
    let results = outcomes.iter().map(PushOutcome::result);
    if results.clone().all(|r| r.is_ok()) {
        "ok"
    } else if results
        .clone()
        .any(|r| r.as_ref().is_err_and(|e| !e.is_known_not_sent()))
    {
        "unknown"
    } else if results.clone().all(|r| r.is_err()) {
        "known_not_sent"
    } else {
        "partial"
    }
}

/// Builder of [`Client`], from [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    settings: TransportSettings,
    api_version: String,
}

impl ClientBuilder {
    /// Replaces the scheme, host and port of [`DEFAULT_BASE_URL`]; a path in `base_url`
    /// goes in front of the documented path `/bulksms/api/{version}/push`. For a test
    /// server, a reseller, or LMT's legacy plain-HTTP host `http://lmtgroup.dyndns.org`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.set_base_url(base_url.into());
        self
    }

    /// The `{version}` of the documented URL `/bulksms/api/{version}/push` (default `v1`).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    sms_http::transport_setters!();

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not an http(s) URL, an empty or
    /// slash-containing API version, or an HTTP client that cannot be built.
    pub fn build(self) -> Result<Client, Error> {
        let version = self.api_version.trim_matches('/');
        if version.is_empty() || version.contains('/') {
            return Err(sms_http::BuildError::InvalidSetting(
                "the API version must be one path segment, such as v1",
            )
            .into());
        }
        let version = version.to_owned();
        let redactor = sms_primitives::redact::Redactor::new([
            self.credentials.api_key.expose(),
            self.credentials.password.expose(),
        ]);
        let transport = self.settings.build(redactor).map_err(Error::Config)?;
        let push_url = transport.url(&format!("/bulksms/api/{version}/push"))?;
        Ok(Client {
            transport,
            push_url,
            credentials: self.credentials,
        })
    }
}
