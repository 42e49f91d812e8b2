//! Requests and responses, one module per `action`, and the shared reading of the
//! gateway's plain-text answers.

pub mod envoi;
pub mod solde;
pub mod statut;

use sms_primitives::redact::RawBody;

use crate::error::{ApiError, Error, ReturnCode};

/// An answer decoded (UTF-8, or ISO-8859-1 when not valid UTF-8) and trimmed.
pub(crate) struct Text<'a> {
    pub(crate) http_status: u16,
    pub(crate) body: &'a [u8],
    pub(crate) text: String,
}

impl<'a> Text<'a> {
    pub(crate) fn new(http_status: u16, body: &'a [u8]) -> Self {
        let decoded = sms_primitives::latin1::decode_utf8_or_latin1(body);
        Self {
            http_status,
            body,
            text: decoded.trim_start_matches('\u{FEFF}').trim().to_owned(),
        }
    }

    pub(crate) fn unexpected(&self) -> Error {
        Error::UnexpectedResponse {
            http_status: self.http_status,
            body: RawBody::new(self.body),
        }
    }

    /// The answer's lines, trimmed, without empty ones.
    pub(crate) fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines().map(str::trim).filter(|l| !l.is_empty())
    }

    /// `Some(error)` when the first line is `<two-digit code>|<text>`.
    pub(crate) fn return_code(&self) -> Option<Error> {
        let line = self.lines().next()?;
        let (code, text) = split_pipe(line);
        let code = ReturnCode::parse(code)?;
        // A bare two-digit answer without `|` could be a status or a count, not a code.
        text.map(|text| {
            Error::Api(ApiError {
                http_status: self.http_status,
                code,
                text: text.to_owned(),
            })
        })
    }
}

/// Splits `id|text` on the first `|`, trimming both sides.
pub(crate) fn split_pipe(line: &str) -> (&str, Option<&str>) {
    match line.split_once('|') {
        Some((head, tail)) => (head.trim(), Some(tail.trim())),
        None => (line.trim(), None),
    }
}
