//! `POST /bulksms/api/v1/push`: one SMS to one number ("Requête de push").

use core::fmt;

use serde_json::Value;
use sms_primitives::encoding::{MAX_SEGMENTS, analyze};
use sms_primitives::{PhoneNumber, Region, SenderId};

use sms_http::Answer;

use crate::error::{ApiError, Error, InvalidRequest};

/// The `flag` field: message length class. Not an encoding (the pushes platform's
/// `flag` is, see [`crate::pushes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Flag {
    /// `short_sms`: one segment (LMT's default when `flag` is absent).
    #[doc(alias = "short_sms")]
    ShortSms,
    /// `long_sms`: "pour les sms de plus de 160 caractères".
    #[doc(alias = "long_sms")]
    LongSms,
}

impl Flag {
    /// The value sent on the wire.
    ///
    /// ```
    /// # use lmt_bulksms::Flag;
    /// assert_eq!(Flag::LongSms.as_str(), "long_sms");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ShortSms => "short_sms",
            Self::LongSms => "long_sms",
        }
    }

    /// The flag a text needs: `long_sms` when it takes more than one segment (GSM-7
    /// over 160 septets, UCS-2 over 70 units). LMT's doc only says "160 characters",
    /// which ignores the encoding.
    ///
    /// ```
    /// # use lmt_bulksms::Flag;
    /// assert_eq!(Flag::for_text(&"a".repeat(160)), Flag::ShortSms);
    /// assert_eq!(Flag::for_text(&"ă".repeat(71)), Flag::LongSms);
    /// ```
    pub fn for_text(text: &str) -> Self {
        if analyze(text).segments() > 1 {
            Self::LongSms
        } else {
            Self::ShortSms
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A push: one message from one sender to one or more numbers (sent one per request).
///
/// Numbers may be international (`+237 6 94 12 43 44`, `00237…`, `237694124344`) or
/// Cameroonian national (`694124344`); they are sent as `237694124344`.
///
/// # Examples
///
/// ```
/// use lmt_bulksms::{Flag, SendSms};
///
/// let push = SendSms::new("MaBoutique", "Bonjour !")
///     .to("694124344")
///     .to("+237 6 77 00 00 00")
///     .flag(Flag::LongSms);
/// assert_eq!(push.recipient_count(), 2);
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "push")]
#[doc(alias = "Push")]
pub struct SendSms {
    sender: String,
    message: String,
    recipients: Vec<String>,
    flag: Option<Flag>,
}

impl fmt::Debug for SendSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Recipients are phone numbers: only their count is shown.
        f.debug_struct("SendSms")
            .field("sender", &self.sender)
            .field("message_chars", &self.message.chars().count())
            .field("recipients", &self.recipients.len())
            .field("flag", &self.flag)
            .finish()
    }
}

impl SendSms {
    /// A push of `message` from `sender` (`sender` and `message` fields), without
    /// recipients yet.
    #[doc(alias = "push")]
    pub fn new(sender: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            sender: sender.into(),
            message: message.into(),
            recipients: Vec::new(),
            flag: None,
        }
    }

    /// Adds a recipient (`phone`).
    ///
    /// ```
    /// # use lmt_bulksms::SendSms;
    /// assert_eq!(SendSms::new("Shop", "Hi").to("694124344").recipient_count(), 1);
    /// ```
    #[doc(alias = "phone")]
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.recipients.push(phone.into());
        self
    }

    /// Adds several recipients.
    ///
    /// ```
    /// # use lmt_bulksms::SendSms;
    /// let push = SendSms::new("Shop", "Hi").recipients(["694124344", "677000000"]);
    /// assert_eq!(push.recipient_count(), 2);
    /// ```
    pub fn recipients<I, S>(mut self, phones: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.recipients.extend(phones.into_iter().map(Into::into));
        self
    }

    /// Forces the `flag` instead of choosing it from the text ([`Flag::for_text`]).
    pub fn flag(mut self, flag: Flag) -> Self {
        self.flag = Some(flag);
        self
    }

    /// Recipients given so far, duplicates included.
    pub fn recipient_count(&self) -> usize {
        self.recipients.len()
    }

    /// Checks everything but the recipients.
    pub(crate) fn check_content(&self) -> Result<SenderId, InvalidRequest> {
        if self.message.trim().is_empty() {
            return Err(InvalidRequest::EmptyMessage);
        }
        let segments = analyze(&self.message).segments();
        if segments > MAX_SEGMENTS {
            return Err(InvalidRequest::MessageTooLong {
                segments,
                max: MAX_SEGMENTS,
            });
        }
        Ok(SenderId::new(self.sender.as_str())?)
    }

    /// This push to `phone` alone (bulk batches).
    pub(crate) fn with_recipient(&self, phone: &str) -> Self {
        Self {
            recipients: vec![phone.to_owned()],
            ..self.clone()
        }
    }

    pub(crate) fn validate(&self) -> Result<ValidPush<'_>, InvalidRequest> {
        let sender = self.check_content()?;
        if self.recipients.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut recipients: Vec<PhoneNumber> = Vec::with_capacity(self.recipients.len());
        for (index, raw) in self.recipients.iter().enumerate() {
            let phone = PhoneNumber::parse_with_region(raw, Region::CM)
                .map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
            // The same number twice would be charged twice: keep the first.
            if !recipients.contains(&phone) {
                recipients.push(phone);
            }
        }
        Ok(ValidPush {
            sender,
            flag: self.flag.unwrap_or_else(|| Flag::for_text(&self.message)),
            message: &self.message,
            recipients,
        })
    }
}

/// A push whose every field passed validation.
pub(crate) struct ValidPush<'a> {
    sender: SenderId,
    message: &'a str,
    flag: Flag,
    pub(crate) recipients: Vec<PhoneNumber>,
}

impl ValidPush<'_> {
    /// The form fields, in the order of the documentation's table.
    pub(crate) fn form<'a>(
        &'a self,
        api_key: &'a str,
        password: &'a str,
        phone: &'a PhoneNumber,
    ) -> [(&'a str, &'a str); 6] {
        [
            ("api_key", api_key),
            ("password", password),
            ("message", self.message),
            ("sender", self.sender.as_str()),
            // The doc's body example sends 237 + national number, without `+`.
            ("phone", phone.international_digits()),
            ("flag", self.flag.as_str()),
        ]
    }
}

/// The `status` field of a push answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", from = "String"))]
#[non_exhaustive]
pub enum PushStatus {
    /// `success`: "le message a bien été envoyé".
    Success,
    /// `error`: "en cas d'erreur".
    Error,
    /// Anything else, verbatim (undocumented).
    Unknown(String),
}

impl From<PushStatus> for String {
    fn from(status: PushStatus) -> Self {
        match status {
            PushStatus::Success => "success".to_owned(),
            PushStatus::Error => "error".to_owned(),
            PushStatus::Unknown(other) => other,
        }
    }
}

impl From<String> for PushStatus {
    fn from(status: String) -> Self {
        Self::parse(&status)
    }
}

impl PushStatus {
    fn parse(s: &str) -> Self {
        match s.trim() {
            s if s.eq_ignore_ascii_case("success") => Self::Success,
            s if s.eq_ignore_ascii_case("error") => Self::Error,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

/// A successful push answer.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PushResponse {
    http_status: u16,
    message: String,
}

impl fmt::Debug for PushResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PushResponse")
            .field("http_status", &self.http_status)
            .field(
                "message",
                &sms_primitives::redact::mask_digit_runs(&self.message),
            )
            .finish()
    }
}

impl PushResponse {
    /// The `message` field (`"message sent"` in the docs).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status code (the docs show 200).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
}

/// What happened to one recipient of a [`SendSms`].
///
/// With the `serde` feature it is written as `{"phone": "+237…", "outcome": …}` with
/// `outcome` `"sent"` (and `response`), `"refused"` (known not sent) or `"unknown"`,
/// and the error as `error` (LMT's answer) or `reason` (any other error's text, read
/// back as [`Error::Recorded`]).
#[derive(Debug)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(try_from = "OutcomeRecord")
)]
pub struct PushOutcome {
    phone: PhoneNumber,
    result: Result<PushResponse, Error>,
}

impl PushOutcome {
    pub(crate) fn new(phone: PhoneNumber, result: Result<PushResponse, Error>) -> Self {
        Self { phone, result }
    }

    /// The recipient, normalised.
    pub fn phone(&self) -> &PhoneNumber {
        &self.phone
    }

    /// LMT's answer for this recipient, or why it failed.
    pub fn result(&self) -> &Result<PushResponse, Error> {
        &self.result
    }

    /// Takes the result.
    pub fn into_result(self) -> Result<PushResponse, Error> {
        self.result
    }
}

// `PushOutcome` holds an `Error`, which may hold a transport error: it is written as
// its known-not-sent flag and text, and read back as `Error::Recorded`.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct OutcomeRecord {
    phone: PhoneNumber,
    outcome: OutcomeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<PushResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<ApiError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[cfg(feature = "serde")]
#[derive(Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum OutcomeKind {
    Sent,
    Refused,
    Unknown,
}

#[cfg(feature = "serde")]
impl serde::Serialize for PushOutcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kind = |known_not_sent| {
            if known_not_sent {
                OutcomeKind::Refused
            } else {
                OutcomeKind::Unknown
            }
        };
        let mut record = OutcomeRecord {
            phone: self.phone,
            outcome: OutcomeKind::Sent,
            response: None,
            error: None,
            reason: None,
        };
        match &self.result {
            Ok(r) => record.response = Some(r.clone()),
            Err(Error::Api(e)) => {
                record.outcome = kind(e.is_documented());
                record.error = Some(e.clone());
            }
            Err(e) => {
                record.outcome = kind(e.is_known_not_sent());
                record.reason = Some(sms_http::error_chain(e));
            }
        }
        record.serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl TryFrom<OutcomeRecord> for PushOutcome {
    type Error = &'static str;
    fn try_from(r: OutcomeRecord) -> Result<Self, Self::Error> {
        let result = match (r.outcome, r.response, r.error, r.reason) {
            (OutcomeKind::Sent, Some(response), None, None) => Ok(response),
            (OutcomeKind::Refused | OutcomeKind::Unknown, None, Some(e), None) => {
                Err(Error::Api(e))
            }
            (kind, None, None, Some(reason)) if kind != OutcomeKind::Sent => Err(Error::Recorded {
                reason,
                known_not_sent: kind == OutcomeKind::Refused,
            }),
            _ => return Err("an outcome needs `response` when sent, else `error` or `reason`"),
        };
        Ok(Self::new(r.phone, result))
    }
}

/// Collects the parameter errors whatever their shape: an array (of strings or other
/// values), a single string, or an object of field → message. Only one sample exists.
fn collect_errors(value: Option<&Value>, into: &mut Vec<String>) {
    match value {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => into.push(s.clone()),
        Some(Value::Array(items)) => {
            for item in items {
                collect_errors(Some(item), into);
            }
        }
        Some(Value::Object(map)) => {
            for (field, v) in map {
                let mut inner = Vec::new();
                collect_errors(Some(v), &mut inner);
                into.extend(inner.into_iter().map(|m| format!("{field}: {m}")));
            }
        }
        Some(other) => into.push(other.to_string()),
    }
}

/// Text of a field that should be a string but may come as a number.
fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Reads a push answer, whatever the HTTP status (the docs show 200 for errors too).
pub(crate) fn parse_answer(answer: &Answer) -> Result<PushResponse, Error> {
    let http_status = answer.status;
    let unexpected = || Error::UnexpectedResponse {
        http_status,
        body: answer.raw_body(),
    };
    let text = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else {
        return Err(unexpected());
    };
    let Some(status) = map.get("status").and_then(Value::as_str) else {
        return Err(unexpected());
    };
    // Texts kept in errors may echo the request: credentials hidden.
    let message = answer.redact(&text_of(map.get("message")));
    match PushStatus::parse(status) {
        PushStatus::Success => Ok(PushResponse {
            http_status,
            message,
        }),
        PushStatus::Error => {
            let mut errors = Vec::new();
            // The field table says `errors`; the doc's own sample spells `errros`.
            collect_errors(map.get("errors"), &mut errors);
            collect_errors(map.get("errros"), &mut errors);
            Err(Error::Api(ApiError {
                http_status,
                code: None,
                message,
                errors: errors.iter().map(|e| answer.redact(e)).collect(),
                documented: true,
            }))
        }
        PushStatus::Unknown(_) => Err(unexpected()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(body: &str) -> ApiError {
        match parse_answer(&Answer::new(200, body.as_bytes().to_vec())) {
            Err(Error::Api(e)) => e,
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn success() {
        let r = parse_answer(&Answer::new(
            200,
            br#"{"status":"success","message":"message sent"}"#.to_vec(),
        ))
        .unwrap();
        assert_eq!((r.message(), r.http_status()), ("message sent", 200));
    }

    #[test]
    fn misspelt_and_correct_error_keys_are_both_read() {
        let e = api_error(
            r#"{"status":"error","message":"invalid paramerters","errros":["phone is invalid"]}"#,
        );
        assert_eq!(e.message, "invalid paramerters");
        assert_eq!(e.errors, ["phone is invalid"]);
        let e = api_error(r#"{"status":"error","message":"m","errors":["a"],"errros":["b"]}"#);
        assert_eq!(e.errors, ["a", "b"]);
    }

    #[test]
    fn error_list_shapes() {
        assert_eq!(
            api_error(r#"{"status":"error","errors":"sender is invalid"}"#).errors,
            ["sender is invalid"]
        );
        assert_eq!(
            api_error(r#"{"status":"error","errors":{"phone":["is invalid"],"sender":"missing"}}"#)
                .errors,
            ["phone: is invalid", "sender: missing"]
        );
        assert_eq!(
            api_error(r#"{"status":"error","errors":[1,null]}"#).errors,
            ["1"]
        );
        assert_eq!(
            api_error(r#"{"status":"error","message":42}"#).message,
            "42"
        );
    }

    #[test]
    fn anything_else_is_unexpected_and_kept() {
        for body in [
            &b""[..],
            b"<html><body>502 Bad Gateway</body></html>",
            br#"{"status":"succ"#,
            br#"{"status":"queued","message":"?"}"#,
            br#"{"message":"no status"}"#,
            br#"["status","success"]"#,
            b"\xe9chec",
        ] {
            match parse_answer(&Answer::new(502, body.to_vec())) {
                Err(Error::UnexpectedResponse {
                    http_status: 502,
                    body: raw,
                }) => {
                    assert_eq!(raw.as_bytes(), body)
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn validation() {
        let ok = SendSms::new("Shop", "Hello")
            .to("694124344")
            .to("+237694124344")
            .to("677000000");
        let v = ok.validate().unwrap();
        assert_eq!(v.recipients.len(), 2, "duplicates removed");
        assert_eq!(v.flag, Flag::ShortSms);
        assert_eq!(
            SendSms::new("Shop", " \n").to("694124344").validate().err(),
            Some(InvalidRequest::EmptyMessage)
        );
        assert_eq!(
            SendSms::new("Shop", "Hi").validate().err(),
            Some(InvalidRequest::NoRecipient)
        );
        assert!(matches!(
            SendSms::new("Shop", "Hi")
                .to("694124344")
                .to("12ab")
                .validate(),
            Err(InvalidRequest::InvalidPhone { index: 1, .. })
        ));
        assert!(matches!(
            SendSms::new("MuchTooLongSender", "Hi")
                .to("694124344")
                .validate(),
            Err(InvalidRequest::InvalidSender(_))
        ));
        let long = "a".repeat(153 * 255 + 1);
        assert!(matches!(
            SendSms::new("Shop", long).to("694124344").validate(),
            Err(InvalidRequest::MessageTooLong {
                segments: 256,
                max: 255
            })
        ));
    }

    #[test]
    fn flag_follows_the_encoding_unless_forced() {
        let v = SendSms::new("Shop", "a".repeat(161)).to("694124344");
        assert_eq!(v.validate().unwrap().flag, Flag::LongSms);
        let v = SendSms::new("Shop", "a".repeat(161))
            .to("694124344")
            .flag(Flag::ShortSms);
        assert_eq!(v.validate().unwrap().flag, Flag::ShortSms);
    }

    #[test]
    fn debug_hides_numbers() {
        let p = SendSms::new("Shop", "Hi").to("694124344");
        assert!(!format!("{p:?}").contains("694124344"));
    }
}
