//! The crate's one error type and SMSECO's `statut` error codes.

use core::fmt;

use sms_primitives::redact::{RawBody, mask_digit_runs};

use crate::date::InvalidDate;

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

    /// SMSECO answered with a negative `statut`. A documented code is a refusal
    /// (nothing sent); an undocumented one ([`ErrorCode::Unknown`]) leaves the outcome
    /// unknown.
    #[error("{0}")]
    Api(ApiError),

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

    /// An answer this client does not understand (a redirect, which is never
    /// followed; an HTML page, an empty or truncated body, no `statut`, a `statut` of 0
    /// after a send, a success without its `msgfid`…); whether a message was sent is
    /// unknown.
    #[error("unexpected response (HTTP {http_status}): {body}")]
    UnexpectedResponse {
        /// HTTP status code.
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
    /// `true` when no SMS can have been sent because of this request: invalid input, a
    /// connection that could not be opened, or a documented negative `statut` from
    /// SMSECO. `false` means the outcome is unknown: check before sending again.
    ///
    /// ```
    /// use smseco::{Error, InvalidRequest};
    ///
    /// assert!(Error::from(InvalidRequest::EmptyMessage).is_known_not_sent());
    /// ```
    pub fn is_known_not_sent(&self) -> bool {
        match self {
            Self::InvalidRequest(_) | Self::Config(_) => true,
            Self::Api(e) => !matches!(e.code, ErrorCode::Unknown(_)),
            Self::Http { known_not_sent, .. } => *known_not_sent,
            Self::UnexpectedResponse { .. } | Self::ResponseTooLarge { .. } => false,
        }
    }
}

sms_http::impl_from_transport_error!(Error);

// The outcome an operation's trace and a bulk send record.
sms_http::impl_operation_error!(Error, |e| match e {
    Self::Api(api) => Some(api.code().code().to_string()),
    _ => None,
});

/// Input refused before any request was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequest {
    /// The request could not be encoded (a value the wire format cannot carry).
    #[error("the request could not be encoded as {0}")]
    Unencodable(&'static str),
    /// `msg` is empty or only white space (SMSECO's −5).
    #[error("the message is empty")]
    EmptyMessage,
    /// No recipient (SMSECO's −7).
    #[error("no recipient")]
    NoRecipient,
    /// A recipient is not a phone number.
    #[error("recipient #{index} is not a valid phone number")]
    InvalidPhone {
        /// Position in the order given (0-based).
        index: usize,
    },
    /// `msgid` is over 30 bytes in UTF-8 (SMSECO's −10), or has control characters.
    #[error(
        "the msgid has {len} bytes in UTF-8, at most 30 are allowed, without control characters"
    )]
    InvalidMsgId {
        /// Bytes given, in UTF-8.
        len: usize,
    },
    /// `expediteur` is empty or breaks the sender id rules.
    #[error("invalid sender (expediteur)")]
    InvalidSender(#[from] sms_primitives::SenderIdError),
    /// `datesend` is not a real date.
    #[error(transparent)]
    InvalidDate(#[from] InvalidDate),
    /// A mail-merge field is missing for a recipient, or its name cannot be an XML
    /// element name.
    #[error("recipient #{index}: mail-merge field {field:?} is missing or malformed")]
    MergeField {
        /// Position of the recipient (0-based).
        index: usize,
        /// The placeholder name.
        field: String,
    },
    /// Mail merge is not documented over HTTP GET.
    #[error("mail merge (publipostage) is not available over HTTP GET; use XML or JSON")]
    MergeOverGet,
    /// A `getdlrs` filter (`msgfid`, `smsfid`) is empty: SMSECO would read it as "every
    /// report", and reports are returned only once. Ask for all with
    /// [`DlrQuery::all`](crate::DlrQuery::all).
    #[error("the `{0}` filter is empty; use DlrQuery::all() to read every report")]
    EmptyFilter(&'static str),
    /// A login or password is empty (SMSECO's −2, −3).
    #[error("the credential `{0}` is empty")]
    MissingCredential(&'static str),
    /// With GET, the URL would exceed what servers reliably accept.
    #[error("the GET URL would be {len} bytes (limit {max}); use XML or JSON for bulk sends")]
    UrlTooLong {
        /// Length of the URL.
        len: usize,
        /// The limit, 2,048 bytes.
        max: usize,
    },
}

/// SMSECO's error codes: a negative `statut`, with the documentation's French text.
/// One table for every command (each command documents a subset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "i64", from = "i64"))]
#[non_exhaustive]
pub enum ErrorCode {
    /// −1 "XML invalide".
    InvalidXml,
    /// −2 "Login non spécifié".
    MissingLogin,
    /// −3 "Mot de passe non spécifié".
    MissingPassword,
    /// −4 "Echec de l'Authentification".
    AuthenticationFailed,
    /// −5 "Aucun message spécifié".
    NoMessage,
    /// −6 "Pas assez de crédits ou crédits insuffisants".
    NotEnoughCredits,
    /// −7 "Aucun destinataire spécifié".
    NoRecipient,
    /// −8 "Expéditeur non enregistré".
    SenderNotRegistered,
    /// −9 "Aucuns destinataires valides".
    NoValidRecipient,
    /// −10 "La longueur de l'Id du message dépasse les 30 caractères autorisés".
    MsgIdTooLong,
    /// −11 "Envoi de sms non autorisé pour ce compte".
    SendingNotAllowed,
    /// −12 "Compte non actif dans le système".
    AccountInactive,
    /// −13 "Heure d'envoi pour message différé incorrecte".
    InvalidSendDate,
    /// −14 "Commande inconnue".
    UnknownCommand,
    /// −15 "Aucun statut sms disponible".
    NoStatusAvailable,
    /// Any other negative value.
    Unknown(i64),
}

impl From<ErrorCode> for i64 {
    fn from(code: ErrorCode) -> Self {
        code.code()
    }
}

impl From<i64> for ErrorCode {
    fn from(statut: i64) -> Self {
        Self::from_code(statut)
    }
}

impl ErrorCode {
    /// The code for a `statut` value.
    ///
    /// ```
    /// use smseco::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::from_code(-8), ErrorCode::SenderNotRegistered);
    /// assert_eq!(ErrorCode::from_code(-99), ErrorCode::Unknown(-99));
    /// ```
    pub fn from_code(statut: i64) -> Self {
        match statut {
            -1 => Self::InvalidXml,
            -2 => Self::MissingLogin,
            -3 => Self::MissingPassword,
            -4 => Self::AuthenticationFailed,
            -5 => Self::NoMessage,
            -6 => Self::NotEnoughCredits,
            -7 => Self::NoRecipient,
            -8 => Self::SenderNotRegistered,
            -9 => Self::NoValidRecipient,
            -10 => Self::MsgIdTooLong,
            -11 => Self::SendingNotAllowed,
            -12 => Self::AccountInactive,
            -13 => Self::InvalidSendDate,
            -14 => Self::UnknownCommand,
            -15 => Self::NoStatusAvailable,
            other => Self::Unknown(other),
        }
    }

    /// The `statut` value.
    ///
    /// ```
    /// # use smseco::ErrorCode;
    /// assert_eq!(ErrorCode::AuthenticationFailed.code(), -4);
    /// ```
    #[doc(alias = "statut")]
    pub fn code(self) -> i64 {
        match self {
            Self::InvalidXml => -1,
            Self::MissingLogin => -2,
            Self::MissingPassword => -3,
            Self::AuthenticationFailed => -4,
            Self::NoMessage => -5,
            Self::NotEnoughCredits => -6,
            Self::NoRecipient => -7,
            Self::SenderNotRegistered => -8,
            Self::NoValidRecipient => -9,
            Self::MsgIdTooLong => -10,
            Self::SendingNotAllowed => -11,
            Self::AccountInactive => -12,
            Self::InvalidSendDate => -13,
            Self::UnknownCommand => -14,
            Self::NoStatusAvailable => -15,
            Self::Unknown(v) => v,
        }
    }

    /// The documentation's French text.
    ///
    /// ```
    /// # use smseco::ErrorCode;
    /// assert_eq!(ErrorCode::NotEnoughCredits.french_text(), "Pas assez de crédits ou crédits insuffisants");
    /// ```
    pub fn french_text(self) -> &'static str {
        match self {
            Self::InvalidXml => "XML invalide",
            Self::MissingLogin => "Login non spécifié",
            Self::MissingPassword => "Mot de passe non spécifié",
            Self::AuthenticationFailed => "Echec de l'Authentification",
            Self::NoMessage => "Aucun message spécifié",
            Self::NotEnoughCredits => "Pas assez de crédits ou crédits insuffisants",
            Self::NoRecipient => "Aucun destinataire spécifié",
            Self::SenderNotRegistered => "Expéditeur non enregistré",
            Self::NoValidRecipient => "Aucuns destinataires valides",
            Self::MsgIdTooLong => {
                "La longueur de l'Id du message dépasse les 30 caractères autorisés"
            }
            Self::SendingNotAllowed => "Envoi de sms non autorisé pour ce compte",
            Self::AccountInactive => "Compte non actif dans le système",
            Self::InvalidSendDate => "Heure d'envoi pour message différé incorrecte",
            Self::UnknownCommand => "Commande inconnue",
            Self::NoStatusAvailable => "Aucun statut sms disponible",
            Self::Unknown(_) => "code non documenté",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.french_text())
    }
}

/// An error answer: a negative `statut` and its `texte`.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub http_status: u16,
    /// The error code.
    pub code: ErrorCode,
    /// `texte` (or `text`), verbatim.
    #[doc(alias = "texte")]
    pub message: String,
}

impl ApiError {
    /// The error code (`statut`).
    #[doc(alias = "statut")]
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// `texte` (or `text`), verbatim.
    #[doc(alias = "texte")]
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
            .field("code", &self.code)
            .field("texte", &mask_digit_runs(&self.message))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SMSECO error {}", self.code)?;
        if !self.message.is_empty() {
            write!(f, ": {}", mask_digit_runs(&self.message))?;
        }
        Ok(())
    }
}
