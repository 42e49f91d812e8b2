//! The crate's one error type.

use core::fmt;

use sms_primitives::datetime::InvalidDateTime;
use sms_primitives::redact::{RawBody, mask_digit_runs};

use crate::status::StatusCode;

/// Everything that can go wrong.
///
/// [`Error::is_known_not_sent`] tells whether an SMS can have gone out: never retry a
/// send when it returns `false`. No error shows a credential or a whole phone number.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request was refused before any network I/O: nothing was sent.
    #[error("invalid request, nothing sent")]
    InvalidRequest(#[from] InvalidRequest),

    /// The client could not be built (bad base URL, TLS initialisation).
    #[error("invalid client configuration")]
    Config(#[from] sms_http::BuildError),

    /// AllMySMS answered with an error status. A documented one is a refusal (nothing
    /// sent); an undocumented one ([`StatusCode::Unknown`]) leaves the outcome unknown.
    #[error("{0}")]
    Api(ApiError),

    /// Status 113, "some numbers are invalid or unsupported", to a send: the other
    /// numbers may have been sent. Carries what the answer says was done.
    #[error("{0}")]
    PartiallySent(PartialSend),

    /// The HTTP exchange failed (connection, timeout, reading the body), URL stripped.
    #[error("the HTTP exchange failed")]
    Http {
        /// The transport error.
        #[source]
        source: reqwest::Error,
        /// Whether the request is known not to have reached the server.
        known_not_sent: bool,
    },

    /// An answer this client does not understand (a redirect, which is never followed;
    /// an HTML page, a success without its ids…); whether a message was sent is
    /// unknown.
    #[error("unexpected response (HTTP {http_status}): {body}")]
    UnexpectedResponse {
        /// HTTP status code.
        http_status: u16,
        /// The body as received, credentials hidden.
        body: RawBody,
    },

    /// The answer's body is larger than the client's limit (`max_body_size` on the
    /// builders) and was not read further; whether a message was sent is unknown.
    #[error("the answer (HTTP {http_status}) is larger than {limit} bytes")]
    ResponseTooLarge {
        /// HTTP status code.
        http_status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
}

impl Error {
    /// `true` when no SMS can have been sent because of this request: invalid input, a
    /// connection that could not be opened, or a documented error status (never 113,
    /// "some numbers are invalid", after which the valid ones may have been sent, nor an
    /// undocumented status).
    ///
    /// ```
    /// use allmysms::{Error, InvalidRequest};
    ///
    /// assert!(Error::from(InvalidRequest::EmptyMessage).is_known_not_sent());
    /// ```
    pub fn is_known_not_sent(&self) -> bool {
        match self {
            Self::InvalidRequest(_) | Self::Config(_) => true,
            Self::Api(e) => !matches!(
                e.code,
                StatusCode::SomeNumbersInvalid | StatusCode::Unknown(_)
            ),
            Self::Http { known_not_sent, .. } => *known_not_sent,
            Self::PartiallySent(_)
            | Self::UnexpectedResponse { .. }
            | Self::ResponseTooLarge { .. } => false,
        }
    }
}

sms_http::impl_from_transport_error!(Error);

// The outcome an operation's trace and a bulk send record.
sms_http::impl_operation_error!(
    Error,
    |e| match e {
        Self::Api(api) => Some(api.code().code().to_string()),
        _ => None,
    },
    |e| matches!(e, Self::PartiallySent(_))
);

/// What a send answered with status 113 ("Certains numéros de téléphone sont invalides
/// ou non pris en charge") says was done: the numbers it refused, and the ids of what
/// it may have sent. Whether those went out is not known from the answer alone: check
/// them with [`Client::get_ack_by_sms_id`](crate::Client::get_ack_by_sms_id) before
/// sending again.
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PartialSend {
    /// HTTP status code.
    pub http_status: u16,
    /// `statusText` (or `description`), credentials hidden.
    pub status_text: String,
    /// `campaignId` (or the REST API's `smsId`), when given.
    pub campaign_id: Option<String>,
    /// `smsIds`: number → SMS id of each SMS the answer lists.
    pub sms_ids: Vec<crate::SmsId>,
    /// `invalidNumbers`: the refused numbers.
    pub invalid_numbers: Vec<String>,
}

impl fmt::Debug for PartialSend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PartialSend")
            .field("http_status", &self.http_status)
            .field("status_text", &mask_digit_runs(&self.status_text))
            .field("campaign_id", &self.campaign_id)
            .field("sms_ids", &self.sms_ids)
            .field("invalid_numbers", &self.invalid_numbers.len())
            .finish()
    }
}

impl fmt::Display for PartialSend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "AllMySMS status 113: {} numbers refused, {} SMS ids returned; the others may have been sent",
            self.invalid_numbers.len(),
            self.sms_ids.len()
        )
    }
}

/// Input refused before any request was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequest {
    /// The request could not be encoded (a value the wire format cannot carry).
    #[error("the request could not be encoded as {0}")]
    Unencodable(&'static str),
    /// The message is empty or only white space (status 110).
    #[error("the message is empty")]
    EmptyMessage,
    /// The message is over 640 characters (status 111).
    #[error("the message has {chars} characters, at most {max} are allowed")]
    MessageTooLong {
        /// Characters given.
        chars: usize,
        /// The documented maximum, 640.
        max: usize,
    },
    /// No recipient.
    #[error("no recipient")]
    NoRecipient,
    /// A recipient is not a valid phone number.
    #[error("recipient #{index} is not a valid phone number")]
    InvalidPhone {
        /// Position in the order given (0-based).
        index: usize,
        /// Why it was refused.
        #[source]
        source: sms_primitives::PhoneNumberError,
    },
    /// The sender (`TPOA`) is not 1 to 11 ASCII letters, digits or inner spaces.
    #[error("the sender (TPOA) must be 1 to 11 letters, digits or inner spaces")]
    InvalidSender,
    /// The per-recipient parameters do not match the `#param_N#` placeholders.
    #[error("parameters do not match the placeholders: {0}")]
    DynamicMismatch(String),
    /// A date is not a real date.
    #[error(transparent)]
    InvalidDate(#[from] InvalidDateTime),
    /// A required identifier (campaign id, SMS id, URL, country code) is empty.
    #[error("`{0}` is empty")]
    MissingParameter(&'static str),
    /// The login or API key is empty.
    #[error("the credential `{0}` is empty")]
    MissingCredential(&'static str),
}

/// An error answer: a `status` and its `statusText`.
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub http_status: u16,
    /// The status (`status`).
    #[doc(alias = "status")]
    pub code: StatusCode,
    /// `statusText`, verbatim (it names the tag the documentation's table lost).
    #[doc(alias = "statusText")]
    #[doc(alias = "status_text")]
    pub message: String,
    /// The whole answer (for 113, it may carry `campaignId`, `smsIds`…).
    pub raw: serde_json::Value,
}

impl ApiError {
    /// The status code (`status`), e.g. 101 for an invalid login.
    #[doc(alias = "status")]
    pub fn code(&self) -> StatusCode {
        self.code
    }

    /// `statusText`, verbatim.
    #[doc(alias = "statusText")]
    #[doc(alias = "status_text")]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// HTTP status code of the answer.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `raw` may hold phone numbers (`invalidNumbers`): not shown.
        f.debug_struct("ApiError")
            .field("http_status", &self.http_status)
            .field("code", &self.code)
            .field("message", &mask_digit_runs(&self.message))
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "AllMySMS error {}: {}",
            self.code.code(),
            mask_digit_runs(&self.message)
        )
    }
}
