//! Requests and responses, one module per `action`, and the shared reading of the
//! gateway's plain-text answers.

pub(crate) mod envoi;
#[cfg(test)]
mod properties;
pub(crate) mod solde;
pub(crate) mod statut;

use sms_http::Answer;

use crate::error::{ApiError, Error, ErrorCode};

/// An answer decoded (UTF-8, or ISO-8859-1 when not valid UTF-8) and trimmed.
pub(crate) struct Text<'a> {
    pub(crate) http_status: u16,
    answer: &'a Answer,
    pub(crate) text: String,
}

impl<'a> Text<'a> {
    pub(crate) fn new(answer: &'a Answer) -> Self {
        let decoded = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
        Self {
            http_status: answer.status,
            answer,
            text: decoded.trim_start_matches('\u{FEFF}').trim().to_owned(),
        }
    }

    /// The answer is not understood (credentials hidden in the kept body).
    pub(crate) fn unexpected(&self) -> Error {
        Error::UnexpectedResponse {
            http_status: self.http_status,
            body: self.answer.raw_body(),
        }
    }

    /// A text of the answer, credentials hidden.
    pub(crate) fn redact(&self, text: &str) -> String {
        self.answer.redact(text)
    }

    /// `<code>|<text>` as an API error, when `line` is one.
    pub(crate) fn line_error(&self, line: &str) -> Option<ApiError> {
        let (code, text) = split_pipe(line);
        let code = ErrorCode::parse(code)?;
        // A bare two-digit answer without `|` could be a status or a count, not a code.
        text.map(|text| ApiError {
            http_status: self.http_status,
            code,
            message: self.redact(text),
        })
    }

    /// The answer's lines, trimmed, without empty ones.
    pub(crate) fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines().map(str::trim).filter(|l| !l.is_empty())
    }

    /// `Some(error)` when the first line is `<two-digit code>|<text>`.
    pub(crate) fn return_code(&self) -> Option<Error> {
        self.line_error(self.lines().next()?).map(Error::Api)
    }
}

/// Splits `id|text` on the first `|`, trimming both sides.
pub(crate) fn split_pipe(line: &str) -> (&str, Option<&str>) {
    match line.split_once('|') {
        Some((head, tail)) => (head.trim(), Some(tail.trim())),
        None => (line.trim(), None),
    }
}
