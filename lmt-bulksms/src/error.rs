//! The crate's one error type.

use core::fmt;

use sms_primitives::redact::{RawBody, mask_digit_runs};
use sms_primitives::{PhoneNumberError, SenderIdError};

/// Everything that can go wrong, for both the push API and the pushes platform.
///
/// [`Error::is_known_not_sent`] tells whether an SMS can have gone out: never retry a
/// send when it returns `false`, or the recipient may get (and you may pay for) two.
/// No error shows a credential or a whole phone number.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request was refused before any network I/O: nothing was sent.
    #[error("invalid request, nothing sent")]
    InvalidRequest(#[from] InvalidRequest),

    /// The client could not be built (bad base URL, TLS initialisation).
    #[error("invalid client configuration")]
    Config(#[from] sms_http::BuildError),

    /// LMT answered with an error: the message was not sent when the error is a
    /// documented refusal ([`ApiError::is_documented`]); otherwise the outcome is
    /// unknown.
    #[error("{0}")]
    Api(ApiError),

    /// The HTTP exchange failed (connection, timeout, reading the body). The URL is
    /// stripped from the underlying error.
    #[error("the HTTP exchange failed")]
    Http {
        /// The transport error.
        #[source]
        source: reqwest::Error,
        /// Whether the request is known not to have reached the server.
        known_not_sent: bool,
    },

    /// The server answered something this client does not understand (a redirect,
    /// which is never followed; an HTML error page, an empty or truncated body, an
    /// unknown `status`, a success without its id). Whether the message was sent is
    /// unknown.
    #[error("unexpected response (HTTP {http_status}): {body}")]
    UnexpectedResponse {
        /// The HTTP status code.
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

    /// An error read back from a serialized [`PushOutcome`](crate::PushOutcome)
    /// (`serde` feature): its text, and whether the message is known not to have been
    /// sent. Never returned by a request.
    #[error("{reason}")]
    Recorded {
        /// The error's text and its causes, as serialized.
        reason: String,
        /// [`Error::is_known_not_sent`] of the original error.
        known_not_sent: bool,
    },
}

impl Error {
    /// `true` when no SMS can have been sent because of this request: invalid input,
    /// a connection that could not be opened, or a documented refusal from LMT. `false`
    /// means the outcome is unknown: check before sending again.
    ///
    /// ```
    /// use lmt_bulksms::{Error, InvalidRequest};
    ///
    /// assert!(Error::from(InvalidRequest::EmptyMessage).is_known_not_sent());
    /// ```
    pub fn is_known_not_sent(&self) -> bool {
        match self {
            Self::InvalidRequest(_) | Self::Config(_) => true,
            Self::Api(e) => e.is_documented(),
            Self::Http { known_not_sent, .. } => *known_not_sent,
            Self::UnexpectedResponse { .. } | Self::ResponseTooLarge { .. } => false,
            Self::Recorded { known_not_sent, .. } => *known_not_sent,
        }
    }
}

sms_http::impl_from_transport_error!(Error);

// The outcome an operation's trace and a bulk send record.
sms_http::impl_operation_error!(Error, |e| match e {
    Self::Api(api) => api.code().map(|c| c.as_str().to_owned()),
    _ => None,
});

/// Input refused before any request was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequest {
    /// A credential has characters an HTTP header cannot carry.
    #[error("the credential `{0}` cannot be sent in an HTTP header")]
    InvalidCredential(&'static str),
    /// The request could not be encoded (a value the wire format cannot carry).
    #[error("the request could not be encoded as {0}")]
    Unencodable(&'static str),
    /// The message is empty or only white space.
    #[error("the message is empty")]
    EmptyMessage,
    /// The message needs more segments than an SMS can be split into.
    #[error("the message needs {segments} segments, more than the {max} an SMS can have")]
    MessageTooLong {
        /// Segments needed.
        segments: usize,
        /// Most segments possible.
        max: usize,
    },
    /// GSM-7 was forced on a text that has characters GSM-7 cannot carry.
    #[error("the text has characters GSM-7 cannot carry")]
    NotGsm7,
    /// No recipient was given.
    #[error("no recipient")]
    NoRecipient,
    /// A recipient is not a valid phone number.
    #[error("recipient #{index} is not a valid phone number")]
    InvalidPhone {
        /// Position of the recipient in the order given (0-based).
        index: usize,
        /// Why it was refused.
        #[source]
        source: PhoneNumberError,
    },
    /// The sender id breaks the rules.
    #[error("invalid sender id")]
    InvalidSender(#[from] SenderIdError),
    /// A credential is empty.
    #[error("the credential `{0}` is empty")]
    MissingCredential(&'static str),
}

/// An error answer from LMT. The fields hold the provider's texts verbatim; `Debug` and
/// `Display` mask digit runs in them, since LMT may quote the phone number.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code of the answer.
    pub http_status: u16,
    /// Error code, on the pushes platform (`INP02`…).
    pub code: Option<ErrorCode>,
    /// The provider's message, verbatim (`"invalid paramerters"`, sic, in LMT's docs).
    pub message: String,
    /// Parameter errors (`errors`, spelt `errros` in LMT's own sample), verbatim.
    pub errors: Vec<String>,
    /// Whether this answer is a documented refusal: `status: error` of the push API,
    /// or HTTP 400/401 of the pushes platform.
    pub(crate) documented: bool,
}

impl ApiError {
    /// The error code, when the answer has one (the pushes platform's `INP02`…; the
    /// push API has none).
    pub fn code(&self) -> Option<&ErrorCode> {
        self.code.as_ref()
    }

    /// The provider's message, verbatim (`message`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The parameter errors (`errors`, or `errros` as in LMT's sample), verbatim.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// HTTP status code of the answer.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
    /// Whether this answer is a documented refusal (nothing sent): `status: error` of
    /// the push API, HTTP 400 or 401 of the pushes platform. Another 4xx of the pushes
    /// platform is undocumented: its outcome is unknown.
    pub fn is_documented(&self) -> bool {
        self.documented
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<_> = self.errors.iter().map(|e| mask_digit_runs(e)).collect();
        f.debug_struct("ApiError")
            .field("http_status", &self.http_status)
            .field("code", &self.code)
            .field("message", &mask_digit_runs(&self.message))
            .field("errors", &errors)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LMT error (HTTP {}", self.http_status)?;
        if let Some(code) = &self.code {
            write!(f, ", {code}")?;
        }
        write!(f, "): {}", mask_digit_runs(&self.message))?;
        for e in &self.errors {
            write!(f, "; {}", mask_digit_runs(e))?;
        }
        Ok(())
    }
}

/// Error codes of the pushes platform. Only `INP02` is known publicly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", from = "String"))]
#[non_exhaustive]
pub enum ErrorCode {
    /// `INP02`: "Required request param is missing".
    RequiredParamMissing,
    /// Any other code, verbatim.
    Other(String),
}

impl ErrorCode {
    /// Reads a code as the server wrote it.
    ///
    /// ```
    /// use lmt_bulksms::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::from_code("INP02"), ErrorCode::RequiredParamMissing);
    /// assert_eq!(ErrorCode::from_code("XYZ").as_str(), "XYZ");
    /// ```
    pub fn from_code(code: &str) -> Self {
        match code {
            "INP02" => Self::RequiredParamMissing,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The code as the server writes it.
    ///
    /// ```
    /// # use lmt_bulksms::ErrorCode;
    /// assert_eq!(ErrorCode::RequiredParamMissing.as_str(), "INP02");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Self::RequiredParamMissing => "INP02",
            Self::Other(code) => code,
        }
    }
}

impl From<ErrorCode> for String {
    fn from(code: ErrorCode) -> Self {
        match code {
            ErrorCode::Other(code) => code,
            known => known.as_str().to_owned(),
        }
    }
}

impl From<String> for ErrorCode {
    fn from(code: String) -> Self {
        Self::from_code(&code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
