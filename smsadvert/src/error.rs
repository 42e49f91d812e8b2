//! The crate's one error type.

use core::fmt;

use sms_primitives::PhoneNumberError;
use sms_primitives::redact::{RawBody, mask_digit_runs};

/// Everything that can go wrong.
///
/// [`Error::is_known_not_sent`] tells whether an SMS can have gone out: never retry a
/// send when it returns `false`. No error shows the token or a whole phone number.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request was refused before any network I/O: nothing was sent.
    #[error("invalid request, nothing sent")]
    InvalidRequest(#[from] InvalidRequest),

    /// The client could not be built (bad base URL, TLS initialisation, a token that
    /// cannot be a header value).
    #[error("invalid client configuration")]
    Config(#[from] sms_http::BuildError),

    /// smsadvert refused the token (HTTP 401 or 403, whatever the body): the message
    /// was not submitted.
    #[error("smsadvert refused the token (HTTP {http_status})")]
    Unauthorized {
        /// HTTP status code.
        http_status: u16,
        /// The body as received, the token hidden.
        body: RawBody,
    },

    /// smsadvert refused fields of the request (`{"errors": {field: message}}`): the
    /// message was not submitted.
    #[error("smsadvert refused the request: {}", FieldErrors(.0))]
    Validation(Vec<FieldError>),

    /// smsadvert reported another error (`{"errorMessage": …}`, such as "There was a
    /// database error!"). Its meaning is not documented: whether the message was
    /// submitted is unknown.
    #[error("{0}")]
    Api(ApiError),

    /// The HTTP exchange failed (connection, timeout, reading the body).
    #[error("the HTTP exchange failed")]
    Http {
        /// The transport error, URL stripped.
        #[source]
        source: reqwest::Error,
        /// Whether the request is known not to have reached the server.
        known_not_sent: bool,
    },

    /// An answer of none of the documented shapes (a redirect, which is never followed;
    /// a success without its `msgId`…); whether the message was submitted is unknown.
    #[error("unexpected response (HTTP {http_status}): {body}")]
    UnexpectedResponse {
        /// HTTP status code.
        http_status: u16,
        /// The body as received, the token hidden.
        body: RawBody,
    },

    /// The answer's body is larger than the client's limit
    /// ([`ClientBuilder::max_body_size`](crate::ClientBuilder::max_body_size)) and was
    /// not read further; whether the message was submitted is unknown.
    #[error("the answer (HTTP {http_status}) is larger than {limit} bytes")]
    ResponseTooLarge {
        /// HTTP status code.
        http_status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
}

impl Error {
    /// `true` when no SMS can have been sent because of this request: invalid input,
    /// a connection that could not be opened, the token or a field refused by
    /// smsadvert.
    ///
    /// ```
    /// use smsadvert::{Error, InvalidRequest};
    ///
    /// assert!(Error::from(InvalidRequest::NoRecipient).is_known_not_sent());
    /// ```
    pub fn is_known_not_sent(&self) -> bool {
        match self {
            Self::InvalidRequest(_)
            | Self::Config(_)
            | Self::Validation(_)
            | Self::Unauthorized { .. } => true,
            Self::Http { known_not_sent, .. } => *known_not_sent,
            Self::Api { .. } | Self::UnexpectedResponse { .. } | Self::ResponseTooLarge { .. } => {
                false
            }
        }
    }
}

sms_http::impl_from_transport_error!(Error);

// The outcome an operation's trace and a bulk send record.
sms_http::impl_operation_error!(Error, |e| match e {
    Self::Unauthorized { http_status, .. } => Some(http_status.to_string()),
    Self::Validation(fields) => fields.first().map(|f| f.field.name().to_owned()),
    _ => None,
});

/// A request field, as smsadvert names it in `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", from = "String"))]
#[non_exhaustive]
pub enum Field {
    /// `phone`.
    Phone,
    /// `shortTextMessage`.
    ShortTextMessage,
    /// `sendAsShort`.
    SendAsShort,
    /// `startDate`.
    StartDate,
    /// `endDate`.
    EndDate,
    /// `failover`.
    Failover,
    /// `callback`.
    Callback,
    /// Any other name, verbatim.
    Other(String),
}

impl From<Field> for String {
    fn from(field: Field) -> Self {
        match field {
            Field::Other(name) => name,
            known => known.name().to_owned(),
        }
    }
}

impl From<String> for Field {
    fn from(name: String) -> Self {
        Self::from_name(&name)
    }
}

impl Field {
    /// Reads a field name as smsadvert writes it.
    ///
    /// ```
    /// use smsadvert::Field;
    ///
    /// assert_eq!(Field::from_name("shortTextMessage"), Field::ShortTextMessage);
    /// assert_eq!(Field::from_name("x").name(), "x");
    /// ```
    pub fn from_name(name: &str) -> Self {
        match name {
            "phone" => Self::Phone,
            "shortTextMessage" => Self::ShortTextMessage,
            "sendAsShort" => Self::SendAsShort,
            "startDate" => Self::StartDate,
            "endDate" => Self::EndDate,
            "failover" => Self::Failover,
            "callback" => Self::Callback,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The name on the wire.
    ///
    /// ```
    /// # use smsadvert::Field;
    /// assert_eq!(Field::Phone.name(), "phone");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Self::Phone => "phone",
            Self::ShortTextMessage => "shortTextMessage",
            Self::SendAsShort => "sendAsShort",
            Self::StartDate => "startDate",
            Self::EndDate => "endDate",
            Self::Failover => "failover",
            Self::Callback => "callback",
            Self::Other(name) => name,
        }
    }
}

/// One field refused by smsadvert, with its message verbatim (language varies: never
/// match on it).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// smsadvert's message.
    pub message: String,
}

impl fmt::Debug for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FieldError")
            .field("field", &self.field)
            .field("message", &mask_digit_runs(&self.message))
            .finish()
    }
}

/// An `{"errorMessage": …}` answer.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub http_status: u16,
    /// `errorMessage`, verbatim (credentials hidden).
    pub message: String,
}

impl ApiError {
    /// `errorMessage`, verbatim. smsadvert's answers have no error code: the HTTP
    /// status ([`ApiError::http_status`]) and this text are all it says.
    #[doc(alias = "errorMessage")]
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
        f.debug_struct("ApiError")
            .field("http_status", &self.http_status)
            .field("message", &mask_digit_runs(&self.message))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "smsadvert error (HTTP {}): {}",
            self.http_status,
            mask_digit_runs(&self.message)
        )
    }
}

struct FieldErrors<'a>(&'a [FieldError]);

impl fmt::Display for FieldErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field.name(), mask_digit_runs(&e.message))?;
        }
        Ok(())
    }
}

/// Input refused before any request was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequest {
    /// A credential has characters an HTTP header cannot carry.
    #[error("the credential `{0}` cannot be sent in an HTTP header")]
    InvalidCredential(&'static str),
    /// No recipient.
    #[error("no recipient")]
    NoRecipient,
    /// More than 1000 distinct recipients.
    #[error("{count} recipients, at most {max} per request")]
    TooManyRecipients {
        /// Distinct recipients given.
        count: usize,
        /// The documented maximum, 1000.
        max: usize,
    },
    /// A recipient is not a valid phone number.
    #[error("recipient #{index} is not a valid phone number")]
    InvalidPhone {
        /// Position in the order given (0-based).
        index: usize,
        /// Why it was refused.
        #[source]
        source: PhoneNumberError,
    },
    /// `shortTextMessage` has fewer than 3 characters.
    #[error("the message has {chars} characters, at least {min} are required")]
    MessageTooShort {
        /// Characters given.
        chars: usize,
        /// The documented minimum, 3.
        min: usize,
    },
    /// `shortTextMessage` has more than 480 characters.
    #[error("the message has {chars} characters, at most {max} are allowed")]
    MessageTooLong {
        /// Characters given.
        chars: usize,
        /// The documented maximum, 480.
        max: usize,
    },
    /// `endDate` is not after `startDate`.
    #[error("the end date is not after the start date")]
    EndNotAfterStart,
    /// A date before 1970, which Unix milliseconds cannot carry.
    #[error("a date is before the Unix epoch")]
    DateBeforeEpoch,
    /// `callback` is not an absolute http(s) URL.
    #[error("the callback is not an absolute http(s) URL")]
    InvalidCallbackUrl,
    /// The token is empty.
    #[error("the API token is empty")]
    MissingToken,
}
