//! `action=statut`: the status of one sent message.

use super::{Text, split_pipe};
use crate::error::Error;
use sms_http::Answer;

/// The status of a message (`0` or `1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", try_from = "String"))]
#[non_exhaustive]
#[doc(alias = "statut")]
pub enum SmsStatus {
    /// `0`: "SMS en cours d'envoi".
    InProgress,
    /// `1`: "SMS reçu par le destinataire".
    Delivered,
}

impl From<SmsStatus> for String {
    fn from(status: SmsStatus) -> Self {
        status.code().to_owned()
    }
}

impl TryFrom<String> for SmsStatus {
    type Error = &'static str;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        match code.as_str() {
            "0" => Ok(Self::InProgress),
            "1" => Ok(Self::Delivered),
            _ => Err("a status is \"0\" or \"1\""),
        }
    }
}

impl SmsStatus {
    /// The value the gateway writes.
    ///
    /// ```
    /// # use connect_mobile::SmsStatus;
    /// assert_eq!(SmsStatus::Delivered.code(), "1");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::InProgress => "0",
            Self::Delivered => "1",
        }
    }

    /// The manual's French text.
    ///
    /// ```
    /// # use connect_mobile::SmsStatus;
    /// assert_eq!(SmsStatus::InProgress.french_text(), "SMS en cours d'envoi");
    /// ```
    pub const fn french_text(self) -> &'static str {
        match self {
            Self::InProgress => "SMS en cours d'envoi",
            Self::Delivered => "SMS reçu par le destinataire",
        }
    }

    /// Whether the message reached the recipient.
    pub const fn is_delivered(self) -> bool {
        matches!(self, Self::Delivered)
    }
}

/// Reads `0`, `1`, or `0|text` / `1|text` (the exact form is not shown in the manual).
/// Compared as text: `01|…` is the return code "bad login", not the status `1`.
pub(crate) fn parse_answer(answer: &Answer) -> Result<SmsStatus, Error> {
    let text = Text::new(answer);
    if let Some(error) = text.return_code() {
        return Err(error);
    }
    let status = text.lines().next().map(split_pipe).map(|(head, _)| head);
    match status {
        Some("0") => Ok(SmsStatus::InProgress),
        Some("1") => Ok(SmsStatus::Delivered),
        _ => Err(text.unexpected()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn shapes() {
        assert_eq!(
            parse_answer(&Answer::new(200, (b"1").to_vec())).unwrap(),
            SmsStatus::Delivered
        );
        assert_eq!(
            parse_answer(&Answer::new(200, (b"0\r\n").to_vec())).unwrap(),
            SmsStatus::InProgress
        );
        assert_eq!(
            parse_answer(&Answer::new(
                200,
                "0|SMS en cours d'envoi".as_bytes().to_vec()
            ))
            .unwrap(),
            SmsStatus::InProgress
        );
        assert_eq!(
            parse_answer(&Answer::new(200, (b"1|").to_vec())).unwrap(),
            SmsStatus::Delivered
        );
    }

    #[test]
    fn codes_are_not_statuses() {
        match parse_answer(&Answer::new(
            200,
            (b"01|Login , mot de passe non valide").to_vec(),
        )) {
            Err(Error::Api(e)) => assert_eq!(e.code, ErrorCode::InvalidCredentials),
            other => panic!("{other:?}"),
        }
        match parse_answer(&Answer::new(
            200,
            "10|Le msgid est invalide".as_bytes().to_vec(),
        )) {
            Err(Error::Api(e)) => assert_eq!(e.code, ErrorCode::InvalidMessageId),
            other => panic!("{other:?}"),
        }
        for body in [&b"01"[..], b"2", b"", b"<html>"] {
            assert!(
                matches!(
                    parse_answer(&Answer::new(200, (body).to_vec())),
                    Err(Error::UnexpectedResponse { .. })
                ),
                "{body:?}"
            );
        }
    }
}
