//! `POST /api/sms/`: send or schedule an SMS to one or more numbers.

use core::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::Value;
use sms_http::Answer;
use sms_primitives::{PhoneNumber, Region};

use crate::error::{ApiError, Error, Field, FieldError, InvalidRequest};

/// Most recipients per request.
pub const MAX_RECIPIENTS: usize = 1000;
/// Fewest characters in `shortTextMessage`.
pub const MIN_MESSAGE_CHARS: usize = 3;
/// Most characters in `shortTextMessage`.
pub const MAX_MESSAGE_CHARS: usize = 480;

/// Which channel carries the message. One choice instead of the API's two overlapping
/// fields (`sendAsShort`, `failover`), so that nonsense combinations cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Route {
    /// The account's own Android devices (neither field sent; smsadvert's default).
    #[default]
    OwnDevices,
    /// The smsadvert network (`"sendAsShort": true`).
    #[doc(alias = "sendAsShort")]
    Network,
    /// The own devices, then the network when no device is connected or the operator
    /// answers with an error (`"failover": "short"`).
    #[doc(alias = "failover")]
    OwnDevicesWithNetworkFailover,
}

/// A message to send (`phone`, `shortTextMessage` and the options).
///
/// Recipients may be international (`+40 740 123 456`, `0040…`) or Romanian national
/// (`0740 123 456`); they are sent in E.164 with `+`, comma-separated, duplicates
/// removed.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use smsadvert::{Route, SendSms};
///
/// let start = SystemTime::now() + Duration::from_secs(3600);
/// let req = SendSms::new("Comanda dumneavoastră a fost expediată.")
///     .to("+40740123456")
///     .to("0740 123 457")
///     .route(Route::OwnDevicesWithNetworkFailover)
///     .start_date(start)
///     .end_date(start + Duration::from_secs(7200))
///     .callback("https://example.com/sms/dlr?token=s3cr3t");
/// assert_eq!(req.recipient_count(), 2);
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "SmsRequest")]
pub struct SendSms {
    text: String,
    phones: Vec<String>,
    national_region: Region,
    route: Route,
    start_date: Option<SystemTime>,
    end_date: Option<SystemTime>,
    callback: Option<String>,
}

impl fmt::Debug for SendSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Numbers are personal and the callback URL may hold a token: counts only.
        f.debug_struct("SendSms")
            .field("text_chars", &self.text.chars().count())
            .field("phones", &self.phones.len())
            .field("route", &self.route)
            .field("start_date", &self.start_date)
            .field("end_date", &self.end_date)
            .field("callback", &self.callback.is_some())
            .finish()
    }
}

impl SendSms {
    /// A message with text `short_text_message`, without recipients yet.
    #[doc(alias = "shortTextMessage")]
    pub fn new(short_text_message: impl Into<String>) -> Self {
        Self {
            text: short_text_message.into(),
            phones: Vec::new(),
            national_region: Region::RO,
            route: Route::default(),
            start_date: None,
            end_date: None,
            callback: None,
        }
    }

    /// Adds a recipient to `phone`.
    #[doc(alias = "phone")]
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.phones.push(phone.into());
        self
    }

    /// This request with `phones` as its recipients instead of its own (bulk batches).
    pub(crate) fn with_phones(&self, phones: impl IntoIterator<Item = String>) -> Self {
        Self {
            phones: phones.into_iter().collect(),
            ..self.clone()
        }
    }

    /// Checks one recipient as a send would.
    pub(crate) fn check_phone(&self, raw: &str) -> Result<(), sms_primitives::PhoneNumberError> {
        parse_phone(raw, self.national_region).map(|_| ())
    }

    /// Adds several recipients.
    pub fn recipients<I, S>(mut self, phones: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.phones.extend(phones.into_iter().map(Into::into));
        self
    }

    /// The channel (default [`Route::OwnDevices`]).
    pub fn route(mut self, route: Route) -> Self {
        self.route = route;
        self
    }

    /// `startDate`: sending starts after this time.
    #[doc(alias = "startDate")]
    pub fn start_date(mut self, at: SystemTime) -> Self {
        self.start_date = Some(at);
        self
    }

    /// `endDate`: sending stops after this time.
    #[doc(alias = "endDate")]
    pub fn end_date(mut self, at: SystemTime) -> Self {
        self.end_date = Some(at);
        self
    }

    /// `callback`: the URL smsadvert POSTs the delivery report to (see
    /// [`DeliveryReport`](crate::DeliveryReport)). smsadvert does not sign these
    /// requests: put an unguessable token in the URL.
    pub fn callback(mut self, url: impl Into<String>) -> Self {
        self.callback = Some(url.into());
        self
    }

    /// Recipients given so far, duplicates included.
    pub fn recipient_count(&self) -> usize {
        self.phones.len()
    }

    /// The country whose national form numbers without `+` or `00` are read in
    /// (default Romania: `0740 123 456` is `+40740123456`). Every number is then
    /// validated as a real number of its country (with the default `libphonenumber`
    /// feature; without it, only its length is checked).
    pub fn national_region(mut self, region: Region) -> Self {
        self.national_region = region;
        self
    }

    /// Checks everything but the recipients; returns the dates in Unix milliseconds.
    pub(crate) fn check_content(&self) -> Result<(Option<u64>, Option<u64>), InvalidRequest> {
        // The unit is not stated: Unicode scalar values, the most natural reading.
        let chars = self.text.chars().count();
        if chars < MIN_MESSAGE_CHARS {
            return Err(InvalidRequest::MessageTooShort {
                chars,
                min: MIN_MESSAGE_CHARS,
            });
        }
        if chars > MAX_MESSAGE_CHARS {
            return Err(InvalidRequest::MessageTooLong {
                chars,
                max: MAX_MESSAGE_CHARS,
            });
        }
        let start_date = self.start_date.map(unix_millis).transpose()?;
        let end_date = self.end_date.map(unix_millis).transpose()?;
        if let (Some(start), Some(end)) = (start_date, end_date)
            && end <= start
        {
            return Err(InvalidRequest::EndNotAfterStart);
        }
        if let Some(url) = &self.callback {
            let ok = reqwest::Url::parse(url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
            if !ok {
                return Err(InvalidRequest::InvalidCallbackUrl);
            }
        }
        Ok((start_date, end_date))
    }

    pub(crate) fn to_wire(&self) -> Result<WireSms<'_>, InvalidRequest> {
        self.wire(parse_phone)
    }

    /// [`to_wire`](Self::to_wire) for numbers each already validated by
    /// [`check_phone`](Self::check_phone) (bulk batches): only normalised again, without
    /// a second libphonenumber validation.
    pub(crate) fn to_wire_prechecked(&self) -> Result<WireSms<'_>, InvalidRequest> {
        self.wire(PhoneNumber::parse_with_region)
    }

    fn wire(
        &self,
        parse: fn(&str, Region) -> Result<PhoneNumber, sms_primitives::PhoneNumberError>,
    ) -> Result<WireSms<'_>, InvalidRequest> {
        if self.phones.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut phones: Vec<PhoneNumber> = Vec::with_capacity(self.phones.len());
        let mut seen = std::collections::HashSet::with_capacity(self.phones.len());
        for (index, raw) in self.phones.iter().enumerate() {
            let phone = parse(raw, self.national_region)
                .map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
            // smsadvert drops duplicates anyway; doing it here keeps the count honest.
            if seen.insert(phone) {
                phones.push(phone);
            }
        }
        if phones.len() > MAX_RECIPIENTS {
            return Err(InvalidRequest::TooManyRecipients {
                count: phones.len(),
                max: MAX_RECIPIENTS,
            });
        }
        let (start_date, end_date) = self.check_content()?;
        Ok(WireSms {
            // Comma-separated, no spaces, no trailing comma.
            phone: phones
                .iter()
                .map(PhoneNumber::e164)
                .collect::<Vec<_>>()
                .join(","),
            short_text_message: &self.text,
            send_as_short: (self.route == Route::Network).then_some(true),
            failover: (self.route == Route::OwnDevicesWithNetworkFailover).then_some("short"),
            start_date,
            end_date,
            callback: self.callback.as_deref(),
        })
    }
}

fn unix_millis(t: SystemTime) -> Result<u64, InvalidRequest> {
    let d = t
        .duration_since(UNIX_EPOCH)
        .map_err(|_| InvalidRequest::DateBeforeEpoch)?;
    u64::try_from(d.as_millis()).map_err(|_| InvalidRequest::DateBeforeEpoch)
}

/// The JSON body; optional fields are omitted when unset (the doc treats an absent
/// `sendAsShort` as `false`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireSms<'a> {
    phone: String,
    short_text_message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    send_as_short: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failover: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    callback: Option<&'a str>,
}

/// The id smsadvert gives a submission (one per request, whatever the number of
/// recipients), also carried by its delivery callbacks.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
#[doc(alias = "msgId")]
pub struct MsgId(String);

impl MsgId {
    /// Wraps an id as smsadvert wrote it.
    ///
    /// ```
    /// use smsadvert::MsgId;
    ///
    /// assert_eq!(MsgId::new("xxxxxx").as_str(), "xxxxxx");
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id.
    ///
    /// ```
    /// # use smsadvert::MsgId;
    /// assert_eq!(MsgId::new("42").as_str(), "42");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MsgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a recipient: international, or national in `region`; a real number of its
/// country (`0612345678` is not a Romanian number, whatever its length).
fn parse_phone(raw: &str, region: Region) -> Result<PhoneNumber, sms_primitives::PhoneNumberError> {
    #[cfg(feature = "libphonenumber")]
    return PhoneNumber::parse_validated(raw, Some(region));
    #[cfg(not(feature = "libphonenumber"))]
    return PhoneNumber::parse_with_region(raw, region);
}

/// A successful submission.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SendResponse {
    http_status: u16,
    msg_id: MsgId,
    success_message: String,
}

impl SendResponse {
    /// `msgId`, to match delivery callbacks.
    #[doc(alias = "msgId")]
    pub fn msg_id(&self) -> &MsgId {
        &self.msg_id
    }

    /// `successMessage`, verbatim.
    #[doc(alias = "successMessage")]
    pub fn success_message(&self) -> &str {
        &self.success_message
    }

    /// HTTP status code (not documented by smsadvert).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
}

/// Text of a JSON value that should be a string (numbers accepted).
pub(crate) fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads an answer whatever its HTTP status (none is documented), trying the three
/// documented shapes in turn.
pub(crate) fn parse_answer(answer: &Answer) -> Result<SendResponse, Error> {
    let http_status = answer.status;
    let unexpected = || Error::UnexpectedResponse {
        http_status,
        body: answer.raw_body(),
    };
    // Whatever the body says: the token was refused, nothing was submitted.
    if matches!(http_status, 401 | 403) {
        return Err(Error::Unauthorized {
            http_status,
            body: answer.raw_body(),
        });
    }
    let text = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else {
        return Err(unexpected());
    };
    if let Some(msg_id) = map.get("msgId").and_then(text_of).filter(|s| !s.is_empty()) {
        return Ok(SendResponse {
            http_status,
            msg_id: MsgId(msg_id),
            success_message: map
                .get("successMessage")
                .and_then(text_of)
                .unwrap_or_default(),
        });
    }
    if let Some(Value::Object(errors)) = map.get("errors") {
        let mut fields = Vec::new();
        for (name, value) in errors {
            // One string per field in the sample; an array of strings is accepted too.
            let messages: Vec<String> = match value {
                Value::Array(items) => items.iter().filter_map(text_of).collect(),
                other => text_of(other).into_iter().collect(),
            };
            for message in messages {
                // An error text may echo the request: credentials hidden.
                fields.push(FieldError {
                    field: Field::from_name(name),
                    message: answer.redact(&message),
                });
            }
        }
        if !fields.is_empty() {
            return Err(Error::Validation(fields));
        }
    }
    if let Some(message) = map.get("errorMessage").and_then(text_of) {
        return Err(Error::Api(ApiError {
            http_status,
            message: answer.redact(&message),
        }));
    }
    Err(unexpected())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn wire_for_each_route() {
        let base = || SendSms::new("Hello").to("+40740123456");
        let json = |r: SendSms| serde_json::to_value(r.to_wire().unwrap()).unwrap();
        assert_eq!(
            json(base()),
            serde_json::json!({"phone": "+40740123456", "shortTextMessage": "Hello"})
        );
        assert_eq!(json(base().route(Route::Network))["sendAsShort"], true);
        let failover = json(base().route(Route::OwnDevicesWithNetworkFailover));
        assert_eq!(failover["failover"], "short");
        assert!(failover.get("sendAsShort").is_none());
    }

    #[test]
    fn dates_are_unix_millis() {
        let start = UNIX_EPOCH + Duration::from_millis(1_486_883_578_036);
        let end = UNIX_EPOCH + Duration::from_millis(1_486_889_778_036);
        let r = SendSms::new("Hello")
            .to("+40740123456")
            .start_date(start)
            .end_date(end);
        let v = serde_json::to_value(r.to_wire().unwrap()).unwrap();
        assert_eq!(
            (v["startDate"].as_u64(), v["endDate"].as_u64()),
            (Some(1_486_883_578_036), Some(1_486_889_778_036))
        );
        let only_end = SendSms::new("Hello").to("+40740123456").end_date(end);
        assert!(only_end.to_wire().is_ok());
        let bad = SendSms::new("Hello")
            .to("+40740123456")
            .start_date(end)
            .end_date(start);
        assert_eq!(bad.to_wire().err(), Some(InvalidRequest::EndNotAfterStart));
        let same = SendSms::new("Hello")
            .to("+40740123456")
            .start_date(end)
            .end_date(end);
        assert_eq!(same.to_wire().err(), Some(InvalidRequest::EndNotAfterStart));
    }

    #[test]
    fn response_shapes() {
        let ok = parse_answer(&Answer::new(200, br#"{"successMessage":"Your message has been successfully submitted!","msgId":"xxxxxx"}"#.to_vec())).unwrap();
        assert_eq!(
            (ok.msg_id().as_str(), ok.success_message()),
            ("xxxxxx", "Your message has been successfully submitted!")
        );
        match parse_answer(&Answer::new(
            400,
            br#"{"errors":{"phone":"bad","shortTextMessage":["a","b"]}}"#.to_vec(),
        )) {
            Err(Error::Validation(f)) => {
                assert_eq!(f.len(), 3);
                assert_eq!(f[0].field, Field::Phone);
                assert_eq!(f[2].field, Field::ShortTextMessage);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_answer(&Answer::new(
                500,
                br#"{"errorMessage":"There was a database error!"}"#.to_vec()
            )),
            Err(Error::Api(_))
        ));
        for body in [
            &b""[..],
            b"[]",
            b"{}",
            br#"{"errors":{}}"#,
            br#"{"msgId":""}"#,
            b"<html>",
            br#"{"msgId":"#,
        ] {
            assert!(
                matches!(
                    parse_answer(&Answer::new(200, body.to_vec())),
                    Err(Error::UnexpectedResponse { .. })
                ),
                "{body:?}"
            );
        }
    }
}
