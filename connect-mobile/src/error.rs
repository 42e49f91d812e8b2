//! The crate's one error type, and the gateway's return codes.

use core::fmt;

use sms_primitives::redact::{RawBody, mask_digit_runs};
use sms_primitives::{PhoneNumberError, SenderIdError};

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

    /// The gateway answered with a return code. A documented one (`01`…`10`) is a
    /// refusal (nothing sent); any other leaves the outcome unknown.
    #[error("{0}")]
    Api(ApiError),

    /// A send answer of several lines that are not all "sent": one outcome per line
    /// ([`SendResponse::lines`](crate::SendResponse::lines)), errors included. Known not
    /// sent only when every line is a documented refusal.
    #[error(
        "the gateway answered line by line and not every line is \"sent\" ({} lines)",
        .0.lines().len()
    )]
    PerLine(crate::SendResponse),

    /// The HTTP exchange failed (connection, timeout, reading the body). The URL, which
    /// carries the credentials with GET, is stripped from the underlying error.
    #[error("the HTTP exchange failed")]
    Http {
        /// The transport error.
        #[source]
        source: reqwest::Error,
        /// Whether the request is known not to have reached the server.
        known_not_sent: bool,
    },

    /// An answer this client does not understand (a redirect, which is never followed;
    /// an HTML page…); whether a message was sent is unknown.
    #[error("unexpected response (HTTP {http_status}): {body}")]
    UnexpectedResponse {
        /// The HTTP status code.
        http_status: u16,
        /// The body as received, credentials hidden.
        body: RawBody,
    },

    /// The answer's body is larger than the client's limit
    /// ([`ClientBuilder::max_body_size`](crate::ClientBuilder::max_body_size)) and was
    /// not read further; whether a message was sent is unknown.
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
    /// a connection that could not be opened, or a documented return code from the
    /// gateway (on every line).
    /// `false` means the outcome is unknown: check before sending again.
    ///
    /// ```
    /// use connect_mobile::{Error, InvalidRequest};
    ///
    /// assert!(Error::from(InvalidRequest::EmptyMessage).is_known_not_sent());
    /// ```
    pub fn is_known_not_sent(&self) -> bool {
        match self {
            Self::InvalidRequest(_) | Self::Config(_) => true,
            Self::Api(e) => e.is_documented(),
            Self::PerLine(response) => response.all_refused(),
            Self::Http { known_not_sent, .. } => *known_not_sent,
            Self::UnexpectedResponse { .. } | Self::ResponseTooLarge { .. } => false,
        }
    }
}

sms_http::impl_from_transport_error!(Error);

// The outcome an operation's trace and a bulk send record.
sms_http::impl_operation_error!(
    Error,
    |e| match e {
        Self::Api(api) => Some(api.code().code().to_owned()),
        _ => None,
    },
    |e| matches!(e, Self::PerLine(_))
);

/// Input refused before any request was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequest {
    /// `msg` is empty or only white space (the gateway's code 08).
    #[error("the message is empty")]
    EmptyMessage,
    /// `msg` is over 160 characters.
    #[error("the message has {chars} characters, at most {max} are allowed")]
    MessageTooLong {
        /// Characters given.
        chars: usize,
        /// The documented maximum, 160.
        max: usize,
    },
    /// No recipient (the gateway's code 03).
    #[error("no recipient")]
    NoRecipient,
    /// A recipient is not a valid phone number.
    #[error("recipient #{index} is not a valid phone number")]
    InvalidPhone {
        /// Position in the order given (0-based).
        index: usize,
        /// Why it was refused.
        #[source]
        source: PhoneNumberError,
    },
    /// A recipient has fewer than the 10 digits the gateway requires (its code 06).
    #[error(
        "recipient #{index} has {digits} digits in international form, the gateway needs at least 10"
    )]
    RecipientTooShort {
        /// Position in the order given (0-based).
        index: usize,
        /// Digits of the number in international form.
        digits: usize,
    },
    /// The sender id (`origine`) breaks the rules.
    #[error("invalid sender id")]
    InvalidSender(#[from] SenderIdError),
    /// A field other than `msg` has a character outside ISO-8859-1.
    #[error("`{field}` has a character outside ISO-8859-1")]
    NotLatin1 {
        /// The parameter name.
        field: &'static str,
    },
    /// A credential is empty (the gateway's code 01).
    #[error("the credential `{0}` is empty")]
    MissingCredential(&'static str),
    /// The message id is empty or malformed (the gateway's codes 09 and 10).
    #[error("the message id is empty or malformed")]
    InvalidMessageId,
    /// With GET, the URL would exceed what servers reliably accept; use POST, as the
    /// documentation says for many recipients.
    #[error("the GET URL would be {len} bytes (limit {max}); use POST for this many recipients")]
    UrlTooLong {
        /// Length of the URL.
        len: usize,
        /// The limit, 2,048 bytes.
        max: usize,
    },
}

/// A return code, the first field of an error answer (`01|Login, mot de passe non
/// valide`). Compared as text: `"01"` (bad login) is not the status `"1"` (delivered).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", try_from = "String"))]
#[non_exhaustive]
#[doc(alias = "ReturnCode")]
pub enum ErrorCode {
    /// `01`: invalid login or API password.
    InvalidCredentials,
    /// `02`: not enough credit (zero SMS left).
    NotEnoughCredit,
    /// `03`: `dest` is empty.
    MissingRecipient,
    /// `04`: `origine` is empty.
    MissingSender,
    /// `05`: `dest` has a non-numeric value.
    NonNumericRecipient,
    /// `06`: `dest` has a value of fewer than 10 digits.
    RecipientTooShort,
    /// `07`: invalid international prefix.
    InvalidInternationalPrefix,
    /// `08`: `msg` is empty.
    MissingMessage,
    /// `09`: `msgid` is empty.
    MissingMessageId,
    /// `10`: `msgid` is invalid.
    InvalidMessageId,
    /// Any other two-digit code, verbatim (undocumented).
    Other(String),
}

impl From<ErrorCode> for String {
    fn from(code: ErrorCode) -> Self {
        match code {
            ErrorCode::Other(code) => code,
            known => known.code().to_owned(),
        }
    }
}

impl TryFrom<String> for ErrorCode {
    type Error = &'static str;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Self::parse(&code).ok_or("a return code has two digits")
    }
}

impl ErrorCode {
    /// Reads a code as the gateway writes it: exactly two digits. Returns `None` for
    /// anything else (a message id, a status).
    ///
    /// ```
    /// use connect_mobile::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::parse("01"), Some(ErrorCode::InvalidCredentials));
    /// assert_eq!(ErrorCode::parse("1"), None);
    /// assert_eq!(ErrorCode::parse("166852550"), None);
    /// ```
    pub fn parse(code: &str) -> Option<Self> {
        let b = code.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(match code {
            "01" => Self::InvalidCredentials,
            "02" => Self::NotEnoughCredit,
            "03" => Self::MissingRecipient,
            "04" => Self::MissingSender,
            "05" => Self::NonNumericRecipient,
            "06" => Self::RecipientTooShort,
            "07" => Self::InvalidInternationalPrefix,
            "08" => Self::MissingMessage,
            "09" => Self::MissingMessageId,
            "10" => Self::InvalidMessageId,
            other => Self::Other(other.to_owned()),
        })
    }

    /// The code with its leading zero: `"01"`.
    ///
    /// ```
    /// # use connect_mobile::ErrorCode;
    /// assert_eq!(ErrorCode::NotEnoughCredit.code(), "02");
    /// ```
    pub fn code(&self) -> &str {
        match self {
            Self::InvalidCredentials => "01",
            Self::NotEnoughCredit => "02",
            Self::MissingRecipient => "03",
            Self::MissingSender => "04",
            Self::NonNumericRecipient => "05",
            Self::RecipientTooShort => "06",
            Self::InvalidInternationalPrefix => "07",
            Self::MissingMessage => "08",
            Self::MissingMessageId => "09",
            Self::InvalidMessageId => "10",
            Self::Other(code) => code,
        }
    }

    /// The manual's French text for the code ("Code Retour" table).
    ///
    /// ```
    /// # use connect_mobile::ErrorCode;
    /// assert_eq!(ErrorCode::NotEnoughCredit.french_text(), "Vous n'avez pas assez de crédit");
    /// ```
    pub fn french_text(&self) -> &'static str {
        match self {
            Self::InvalidCredentials => "Login, mot de passe non valide",
            Self::NotEnoughCredit => "Vous n'avez pas assez de crédit",
            Self::MissingRecipient => "Le numéro du destinataire n'est pas renseigné",
            Self::MissingSender => "L'expéditeur n'est pas renseigné",
            Self::NonNumericRecipient | Self::RecipientTooShort => {
                "Le numéro du destinataire est invalide"
            }
            Self::InvalidInternationalPrefix => "Préfixe international invalide",
            Self::MissingMessage => "Le message n'est pas renseigné",
            Self::MissingMessageId => "Le msgid n'est pas renseigné",
            Self::InvalidMessageId => "Le msgid est invalide",
            Self::Other(_) => "code non documenté",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An error answer: `<code>|<text>`.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code of the answer.
    pub http_status: u16,
    /// The return code.
    pub code: ErrorCode,
    /// The gateway's text, verbatim (may differ slightly from the manual's).
    #[doc(alias = "text")]
    pub message: String,
}

impl ApiError {
    /// The return code (`01`…`10`).
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The gateway's text, verbatim.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// HTTP status code of the answer.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
    /// Whether the code is one of the manual's (`01`…`10`): a refusal, nothing sent.
    /// An undocumented code's meaning is unknown.
    pub fn is_documented(&self) -> bool {
        !matches!(self.code, ErrorCode::Other(_))
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("http_status", &self.http_status)
            .field("code", &self.code)
            .field("message", &mask_digit_runs(&self.message))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Connect-Mobile error {}: {}",
            self.code,
            mask_digit_runs(&self.message)
        )
    }
}
