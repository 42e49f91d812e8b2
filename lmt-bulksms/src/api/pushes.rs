//! `POST /api/v1/pushes` on LMT's newer platform (`sms.lmtgroup.com`). Known from public
//! client code only: no public specification exists.

use core::fmt;

use serde::Serialize;
use serde_json::Value;
use sms_primitives::encoding::{Encoding, MAX_SEGMENTS, analyze, analyze_as};
use sms_primitives::{PhoneNumber, Region, SenderId};

use sms_http::Answer;

use crate::error::{ApiError, Error, ErrorCode, InvalidRequest};

/// One push to one or more numbers, in a single request.
///
/// # Examples
///
/// ```
/// use lmt_bulksms::pushes::SendSms;
///
/// let req = SendSms::new("MaBoutique", "Bonjour !")
///     .recipients(["694124344", "+237 6 77 00 00 00"])
///     .masked_msisdn(true);
/// assert_eq!(req.recipient_count(), 2);
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "PushesRequest")]
pub struct SendSms {
    sender_id: String,
    message: String,
    msisdn: Vec<String>,
    masked_msisdn: bool,
    flag: Option<Encoding>,
}

impl fmt::Debug for SendSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendSms")
            .field("sender_id", &self.sender_id)
            .field("message_chars", &self.message.chars().count())
            .field("msisdn", &self.msisdn.len())
            .field("masked_msisdn", &self.masked_msisdn)
            .field("flag", &self.flag)
            .finish()
    }
}

impl SendSms {
    /// A push of `message` from `sender_id` (`senderId`), without recipients yet.
    pub fn new(sender_id: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            sender_id: sender_id.into(),
            message: message.into(),
            msisdn: Vec::new(),
            masked_msisdn: false,
            flag: None,
        }
    }

    /// Adds a recipient to `msisdn`.
    #[doc(alias = "msisdn")]
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.msisdn.push(phone.into());
        self
    }

    /// Adds several recipients to `msisdn`.
    pub fn recipients<I, S>(mut self, phones: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.msisdn.extend(phones.into_iter().map(Into::into));
        self
    }

    /// `maskedMsisdn`: hide the recipients' numbers (default `false`).
    #[doc(alias = "maskedMsisdn")]
    pub fn masked_msisdn(mut self, masked: bool) -> Self {
        self.masked_msisdn = masked;
        self
    }

    /// Forces the `flag` (`GSM7` or `UCS2`) instead of the encoding the text needs.
    /// Forcing GSM-7 on a text that GSM-7 cannot carry is refused before sending.
    pub fn flag(mut self, encoding: Encoding) -> Self {
        self.flag = Some(encoding);
        self
    }

    /// Recipients given so far, duplicates included.
    pub fn recipient_count(&self) -> usize {
        self.msisdn.len()
    }

    pub(crate) fn to_wire(&self) -> Result<WirePushes<'_>, InvalidRequest> {
        if self.message.trim().is_empty() {
            return Err(InvalidRequest::EmptyMessage);
        }
        let natural = analyze(&self.message).encoding();
        let encoding = self.flag.unwrap_or(natural);
        let segments = analyze_as(&self.message, encoding)
            // GSM-7 forced on a text it cannot carry.
            .ok_or(InvalidRequest::NotGsm7)?
            .segments();
        if segments > MAX_SEGMENTS {
            return Err(InvalidRequest::MessageTooLong {
                segments,
                max: MAX_SEGMENTS,
            });
        }
        let sender = SenderId::new(self.sender_id.as_str())?;
        if self.msisdn.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut phones: Vec<PhoneNumber> = Vec::with_capacity(self.msisdn.len());
        for (index, raw) in self.msisdn.iter().enumerate() {
            let phone = PhoneNumber::parse_with_region(raw, Region::CM)
                .map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
            if !phones.contains(&phone) {
                phones.push(phone);
            }
        }
        Ok(WirePushes {
            sender_id: sender.as_str().to_owned(),
            message: &self.message,
            // LMT refuses the E.164 `+` here (public client code).
            msisdn: phones
                .iter()
                .map(|p| p.international_digits().to_owned())
                .collect(),
            masked_msisdn: self.masked_msisdn,
            flag: match encoding {
                Encoding::Gsm7 => "GSM7",
                Encoding::Ucs2 => "UCS2",
            },
        })
    }
}

/// The JSON body, as public clients send it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WirePushes<'a> {
    sender_id: String,
    message: &'a str,
    msisdn: Vec<String>,
    masked_msisdn: bool,
    flag: &'static str,
}

/// A successful answer. Only `id`, `content` and `totalRecipients` are known from
/// public clients; the whole JSON object is kept in [`SendResponse::raw`].
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "PushesResponse")]
pub struct SendResponse {
    http_status: u16,
    id: Option<String>,
    content: Option<String>,
    total_recipients: Option<u64>,
    raw: Value,
}

// The raw answer may list the numbers: not shown; the text is masked.
impl fmt::Debug for SendResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendResponse")
            .field("http_status", &self.http_status)
            .field("id", &self.id)
            .field(
                "content",
                &self
                    .content
                    .as_deref()
                    .map(sms_primitives::redact::mask_digit_runs),
            )
            .field("total_recipients", &self.total_recipients)
            .finish_non_exhaustive()
    }
}

impl SendResponse {
    /// HTTP status (200 or 201).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// `id` of the push, when given.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// `content`: the text as LMT recorded it.
    pub fn content(&self) -> Option<&str> {
        self.content.as_deref()
    }

    /// `totalRecipients`.
    #[doc(alias = "totalRecipients")]
    pub fn total_recipients(&self) -> Option<u64> {
        self.total_recipients
    }

    /// The whole answer, for fields this client does not know.
    pub fn raw(&self) -> &Value {
        &self.raw
    }
}

fn string_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads an answer of the pushes platform. A success must carry what public clients
/// read (`id`, or `totalRecipients`): an empty `{}` is not understood. Only HTTP 400
/// (invalid payload) and 401 (authentication) are known refusals; another 4xx is typed
/// but its outcome is unknown.
pub(crate) fn parse_answer(answer: &Answer) -> Result<SendResponse, Error> {
    let http_status = answer.status;
    let text = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
    let json = serde_json::from_str::<Value>(&text).ok();
    let map = json.as_ref().and_then(Value::as_object);
    let unexpected = || Error::UnexpectedResponse {
        http_status,
        body: answer.raw_body(),
    };
    match (http_status, map) {
        (200..=299, Some(map)) => {
            let response = SendResponse {
                http_status,
                id: string_of(map.get("id")).filter(|id| !id.trim().is_empty()),
                content: string_of(map.get("content")),
                // A number, or a string holding one.
                total_recipients: map.get("totalRecipients").and_then(|v| {
                    v.as_u64()
                        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                }),
                raw: json.clone().unwrap_or(Value::Null),
            };
            if response.id.is_none() && response.total_recipients.is_none() {
                return Err(unexpected());
            }
            Ok(response)
        }
        (400..=499, _) => Err(Error::Api(ApiError {
            http_status,
            code: map
                .and_then(|m| string_of(m.get("code")))
                .map(|c| ErrorCode::from_code(&c)),
            message: answer.redact(
                &map.and_then(|m| {
                    string_of(m.get("message")).or_else(|| string_of(m.get("error")))
                })
                .unwrap_or_else(|| text.trim().to_owned()),
            ),
            errors: Vec::new(),
            documented: matches!(http_status, 400 | 401),
        })),
        _ => Err(unexpected()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_shapes() {
        let r = parse_answer(&Answer::new(
            201,
            br#"{"id":"abc","content":"Hi","totalRecipients":1}"#.to_vec(),
        ))
        .unwrap();
        assert_eq!(
            (r.id(), r.content(), r.total_recipients()),
            (Some("abc"), Some("Hi"), Some(1))
        );
        let r = parse_answer(&Answer::new(
            200,
            br#"{"id":12,"totalRecipients":"3"}"#.to_vec(),
        ))
        .unwrap();
        assert_eq!((r.id(), r.total_recipients()), (Some("12"), Some(3)));
    }

    #[test]
    fn a_success_needs_its_id_and_only_documented_refusals_are_known() {
        for body in [&b"{}"[..], br#"{"content":"Hi"}"#, br#"{"id":""}"#] {
            let e = parse_answer(&Answer::new(201, body.to_vec())).unwrap_err();
            assert!(matches!(e, Error::UnexpectedResponse { .. }), "{body:?}");
            assert!(!e.is_known_not_sent());
        }
        for (status, known) in [(400, true), (401, true), (404, false), (429, false)] {
            let e = parse_answer(&Answer::new(status, b"{}".to_vec())).unwrap_err();
            assert_eq!(e.is_known_not_sent(), known, "{status}");
        }
    }

    #[test]
    fn errors() {
        match parse_answer(&Answer::new(
            400,
            br#"{"code":"INP02","message":"Required request param is missing"}"#.to_vec(),
        )) {
            Err(Error::Api(e)) => {
                assert_eq!(e.code, Some(ErrorCode::RequiredParamMissing));
                assert_eq!(e.message, "Required request param is missing");
            }
            other => panic!("{other:?}"),
        }
        match parse_answer(&Answer::new(401, b"Unauthorized".to_vec())) {
            Err(Error::Api(e)) => assert_eq!((e.code, e.message.as_str()), (None, "Unauthorized")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_answer(&Answer::new(500, b"{}".to_vec())),
            Err(Error::UnexpectedResponse { .. })
        ));
        assert!(matches!(
            parse_answer(&Answer::new(201, b"<html>".to_vec())),
            Err(Error::UnexpectedResponse { .. })
        ));
        assert!(matches!(
            parse_answer(&Answer::new(200, b"".to_vec())),
            Err(Error::UnexpectedResponse { .. })
        ));
    }

    #[test]
    fn wire_body() {
        let req = SendSms::new("Shop", "Salut 😀")
            .to("694124344")
            .to("+237694124344");
        let wire = serde_json::to_value(req.to_wire().unwrap()).unwrap();
        assert_eq!(
            wire,
            serde_json::json!({"senderId":"Shop","message":"Salut 😀","msisdn":["237694124344"],"maskedMsisdn":false,"flag":"UCS2"})
        );
    }

    #[test]
    fn forcing_gsm7_on_unicode_is_refused() {
        let req = SendSms::new("Shop", "Ș")
            .to("694124344")
            .flag(Encoding::Gsm7);
        assert_eq!(req.to_wire().err(), Some(InvalidRequest::NotGsm7));
    }
}
