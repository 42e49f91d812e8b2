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
    #[error("invalid request: {0}")]
    InvalidRequest(#[from] InvalidRequest),

    /// The client could not be built (bad base URL, TLS initialisation).
    #[error("invalid client configuration: {0}")]
    Config(String),

    /// AllMySMS answered with an error status.
    #[error("{0}")]
    Api(ApiError),

    /// The HTTP exchange failed (connection, timeout, reading the body), URL stripped.
    #[error("HTTP error: {source}")]
    Http {
        /// The transport error.
        #[source]
        source: reqwest::Error,
        /// Whether the request is known not to have reached the server.
        known_not_sent: bool,
    },

    /// An answer this client does not understand; whether a message was sent is unknown.
    #[error("unexpected response (HTTP {http_status}): {body}")]
    UnexpectedResponse {
        /// HTTP status code.
        http_status: u16,
        /// The body as received.
        body: RawBody,
    },
}

impl Error {
    /// `true` when no SMS can have been sent because of this request: invalid input, a
    /// connection that could not be opened, or an error status, except 113 ("some
    /// numbers are invalid"), after which the valid ones may have been sent.
    ///
    /// ```
    /// use allmysms::{Error, InvalidRequest};
    ///
    /// assert!(Error::from(InvalidRequest::EmptyMessage).is_known_not_sent());
    /// ```
    pub fn is_known_not_sent(&self) -> bool {
        match self {
            Self::InvalidRequest(_) | Self::Config(_) => true,
            Self::Api(e) => e.status != StatusCode::SomeNumbersInvalid,
            Self::Http { known_not_sent, .. } => *known_not_sent,
            Self::UnexpectedResponse { .. } => false,
        }
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        let (source, known_not_sent) = sms_http::classify(e);
        Self::Http {
            source,
            known_not_sent,
        }
    }
}

/// Input refused before any request was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequest {
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
    #[error("recipient #{index} is not a valid phone number: {source}")]
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
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub http_status: u16,
    /// The status.
    pub status: StatusCode,
    /// `statusText`, verbatim (it names the tag the documentation's table lost).
    pub status_text: String,
    /// The whole answer (for 113, it may carry `campaignId`, `smsIds`…).
    pub raw: serde_json::Value,
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `raw` may hold phone numbers (`invalidNumbers`): not shown.
        f.debug_struct("ApiError")
            .field("http_status", &self.http_status)
            .field("status", &self.status)
            .field("status_text", &mask_digit_runs(&self.status_text))
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "AllMySMS error {}: {}",
            self.status.code(),
            mask_digit_runs(&self.status_text)
        )
    }
}
