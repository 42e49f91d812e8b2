//! Requests and responses by family, and the shared reading of answers.

pub(crate) mod account;
pub(crate) mod lists;
pub(crate) mod mms;
#[cfg(test)]
mod properties;
pub(crate) mod reports;
pub(crate) mod send;
pub(crate) mod subaccounts;

use serde_json::{Map, Value};
use sms_http::Answer;
use sms_primitives::datetime::DateTime;

use crate::error::{ApiError, Error};
use crate::status::StatusCode;

/// A JSON answer, with what is needed to report it as unexpected.
pub(crate) struct Json {
    pub(crate) http_status: u16,
    answer: Answer,
    pub(crate) value: Value,
}

impl Json {
    /// The answer is not understood (credentials hidden in the kept body).
    pub(crate) fn unexpected(&self) -> Error {
        Error::UnexpectedResponse {
            http_status: self.http_status,
            body: self.answer.raw_body(),
        }
    }

    /// A text of the answer, to keep in an error: credentials hidden.
    pub(crate) fn redact(&self, text: &str) -> String {
        self.answer.redact(text)
    }

    pub(crate) fn object(&self) -> Result<&Map<String, Value>, Error> {
        self.value.as_object().ok_or_else(|| self.unexpected())
    }

    /// [`Error::Api`] when the answer carries a send-table error status (102…118); the
    /// other methods' statuses (`"1"`, `"OK"`, `"Active Account"`) are not errors.
    pub(crate) fn check_status(&self) -> Result<(), Error> {
        let Some(map) = self.value.as_object() else {
            return Ok(());
        };
        match int(map.get("status")).and_then(|c| u16::try_from(c).ok()) {
            Some(code) if code >= 102 => Err(Error::Api(ApiError {
                http_status: self.http_status,
                code: StatusCode::from_code(code),
                message: self.redact(&text(map.get("statusText")).unwrap_or_default()),
                raw: self.value.clone(),
            })),
            _ => Ok(()),
        }
    }
}

/// Reads a JSON answer (the client always asks `returnformat=json`).
pub(crate) fn read_json(answer: Answer) -> Result<Json, Error> {
    let text = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
    match serde_json::from_str::<Value>(text.trim_start_matches('\u{FEFF}')) {
        Ok(value) => Ok(Json {
            http_status: answer.status,
            answer,
            value,
        }),
        Err(_) => Err(Error::UnexpectedResponse {
            http_status: answer.status,
            body: answer.raw_body(),
        }),
    }
}

/// Text of a value: a string (trimmed) or a number.
pub(crate) fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer written as a number or as a string.
pub(crate) fn int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A count written as a number or as a string.
pub(crate) fn count(v: Option<&Value>) -> Option<u64> {
    int(v).and_then(|n| u64::try_from(n).ok())
}

/// The first of `keys` present in `obj`.
pub(crate) fn get<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| obj.get(*k))
}

/// The objects of a list field (absent or not a list: none).
pub(crate) fn objects<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = &'a Map<String, Value>> {
    obj.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

/// A date as AllMySMS writes it (`YYYY-MM-DD HH:MM:SS`, 24-hour clock), kept verbatim
/// and parsed when it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", from = "String"))]
pub struct Timestamp {
    raw: String,
    parsed: Option<DateTime>,
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> Self {
        t.raw
    }
}

impl From<String> for Timestamp {
    fn from(raw: String) -> Self {
        Self::new(Some(raw))
    }
}

impl Timestamp {
    pub(crate) fn new(raw: Option<String>) -> Self {
        let raw = raw.unwrap_or_default();
        Self {
            parsed: raw.parse().ok(),
            raw,
        }
    }

    /// The date as written by AllMySMS.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The date, if it has the documented form (AllMySMS's local time, Paris).
    pub fn datetime(&self) -> Option<DateTime> {
        self.parsed
    }
}

/// Splits `invalidNumbers` (`""` or `a|b|c`).
pub(crate) fn split_numbers(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(|i| text(Some(i))).collect(),
        other => text(other)
            .unwrap_or_default()
            .split(['|', ',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    }
}
