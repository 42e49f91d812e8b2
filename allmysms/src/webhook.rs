//! The webhooks AllMySMS calls (configured in the customer area): delivery reports and
//! replies (MO), parsed from their raw parameters, whatever the web framework. The
//! method is not documented: pass the query string and the form body together
//! ([`decode_request`]); each value is read as UTF-8, or as ISO-8859-1 when it is not
//! valid UTF-8 (`R%E9ponse` is `Réponse`).
//!
//! Answer `200` with the body [`RESPONSE_BODY`] (`OK`), even to
//! [`WebhookError::NotAnEvent`]: AllMySMS probes the URL with an empty request when the
//! webhook is registered.

use core::fmt;

use sms_primitives::redact::mask_digit_runs;

use crate::api::Timestamp;
use crate::status::DeliveryStatus;

/// The body to answer a webhook with.
pub const RESPONSE_BODY: &str = "OK";

/// Why a webhook could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required parameter is missing or empty.
    #[error("the webhook has no `{0}`")]
    Missing(&'static str),
    /// `status` is not a number.
    #[error("the webhook's status is not a number")]
    BadStatus,
    /// The request carries none of the event's parameters: a probe (AllMySMS checks the
    /// URL when the webhook is registered) or another caller. Answer it `200 OK` anyway.
    #[error("the request is not a webhook event (a probe?)")]
    NotAnEvent,
}

/// Parameters from a query string or a form body (`a=1&b=2`), decoded: `+` is a space,
/// `%XX` a byte, and each name and value is UTF-8, or ISO-8859-1 when it is not valid
/// UTF-8. Never fails: malformed pairs are kept as they come.
///
/// ```
/// use allmysms::webhook::decode_params;
///
/// assert_eq!(decode_params(b"message=Oui+merci&smsId=x"), [("message".into(), "Oui merci".into()), ("smsId".into(), "x".into())]);
/// assert_eq!(decode_params(b"message=R%E9ponse"), [("message".into(), "Réponse".into())]);
/// assert_eq!(decode_params("message=R%C3%A9ponse".as_bytes()), [("message".into(), "Réponse".into())]);
/// ```
pub fn decode_params(encoded: &[u8]) -> Vec<(String, String)> {
    let decode = |part: &[u8]| {
        let spaced: Vec<u8> = part
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
        sms_primitives::latin1::decode_utf8_or_latin1(&bytes).into_owned()
    };
    encoded
        .split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |&b| b == b'=');
            let name = decode(it.next().unwrap_or_default());
            let value = decode(it.next().unwrap_or_default());
            (name, value)
        })
        .collect()
}

/// The parameters of one webhook request: its query string and its form body together
/// (the method is undocumented, so either may carry them; the body's come first).
///
/// ```
/// use allmysms::webhook::{DeliveryReportEvent, decode_request};
///
/// let params = decode_request(b"smsId=s1", b"status=1&phoneNumber=33612345678");
/// assert_eq!(DeliveryReportEvent::from_params(&params)?.sms_id(), "s1");
/// # Ok::<(), allmysms::webhook::WebhookError>(())
/// ```
pub fn decode_request(query: &[u8], body: &[u8]) -> Vec<(String, String)> {
    let mut params = decode_params(body);
    params.extend(decode_params(query));
    params
}

/// Whether `params` carry any of `names` (with a value): otherwise the request is not
/// an event.
fn is_event(params: &[(String, String)], names: &[&str]) -> Result<(), WebhookError> {
    if params
        .iter()
        .any(|(k, v)| names.contains(&k.as_str()) && !v.trim().is_empty())
    {
        Ok(())
    } else {
        Err(WebhookError::NotAnEvent)
    }
}

fn param<'a>(params: &'a [(String, String)], name: &'static str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn required<'a>(
    params: &'a [(String, String)],
    name: &'static str,
) -> Result<&'a str, WebhookError> {
    param(params, name).ok_or(WebhookError::Missing(name))
}

/// A delivery report push: `smsId`, `campaignId`, `phoneNumber`, `receptionDate`,
/// `status` (1–5), `statusText`.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeliveryReportEvent {
    sms_id: String,
    campaign_id: String,
    phone_number: String,
    reception_date: Timestamp,
    status: DeliveryStatus,
    status_text: String,
}

impl fmt::Debug for DeliveryReportEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliveryReportEvent")
            .field("sms_id", &self.sms_id)
            .field("campaign_id", &self.campaign_id)
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl DeliveryReportEvent {
    /// Reads the push's parameters (see [`decode_params`]).
    ///
    /// # Errors
    ///
    /// [`WebhookError::NotAnEvent`] when none of the event's parameters is there (a
    /// probe: answer `200 OK`); [`WebhookError::Missing`] when `smsId` or `status` is
    /// missing; [`WebhookError::BadStatus`] when `status` is not a number.
    ///
    /// # Examples
    ///
    /// ```
    /// use allmysms::DeliveryStatus;
    /// use allmysms::webhook::{DeliveryReportEvent, decode_params};
    ///
    /// let params = decode_params(b"smsId=330792bd&campaignId=c1&phoneNumber=33612345678&receptionDate=2014-02-19+11%3A40%3A35&status=1&statusText=Delivered");
    /// let event = DeliveryReportEvent::from_params(&params)?;
    /// assert_eq!(event.status(), DeliveryStatus::Delivered);
    /// assert_eq!(event.reception_date().as_str(), "2014-02-19 11:40:35");
    /// # Ok::<(), allmysms::webhook::WebhookError>(())
    /// ```
    pub fn from_params(params: &[(String, String)]) -> Result<Self, WebhookError> {
        is_event(
            params,
            &[
                "smsId",
                "campaignId",
                "phoneNumber",
                "receptionDate",
                "status",
                "statusText",
            ],
        )?;
        let status = required(params, "status")?
            .trim()
            .parse()
            .map_err(|_| WebhookError::BadStatus)?;
        Ok(Self {
            sms_id: required(params, "smsId")?.trim().to_owned(),
            campaign_id: param(params, "campaignId")
                .unwrap_or_default()
                .trim()
                .to_owned(),
            phone_number: param(params, "phoneNumber")
                .unwrap_or_default()
                .trim()
                .to_owned(),
            reception_date: Timestamp::new(param(params, "receptionDate").map(str::to_owned)),
            status: DeliveryStatus::from_code(status),
            status_text: param(params, "statusText").unwrap_or_default().to_owned(),
        })
    }

    /// `smsId`.
    pub fn sms_id(&self) -> &str {
        &self.sms_id
    }
    /// `campaignId`.
    pub fn campaign_id(&self) -> &str {
        &self.campaign_id
    }
    /// `phoneNumber`.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// `receptionDate`.
    pub fn reception_date(&self) -> &Timestamp {
        &self.reception_date
    }
    /// `status`.
    pub fn status(&self) -> DeliveryStatus {
        self.status
    }
    /// `statusText`.
    pub fn status_text(&self) -> &str {
        &self.status_text
    }
}

/// A reply (MO) push: `smsId`, `campaignId`, `phoneNumber`, `receptionDate`,
/// `smsMoId`, `message`.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReplyEvent {
    sms_id: String,
    campaign_id: String,
    phone_number: String,
    reception_date: Timestamp,
    sms_mo_id: String,
    message: String,
}

impl fmt::Debug for ReplyEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReplyEvent")
            .field("sms_id", &self.sms_id)
            .field("sms_mo_id", &self.sms_mo_id)
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("message_chars", &self.message.chars().count())
            .finish_non_exhaustive()
    }
}

impl ReplyEvent {
    /// Reads the push's parameters (see [`decode_params`]).
    ///
    /// # Errors
    ///
    /// [`WebhookError::NotAnEvent`] when none of the event's parameters is there (a
    /// probe: answer `200 OK`); [`WebhookError::Missing`] when `smsMoId` or
    /// `phoneNumber` is missing.
    ///
    /// # Examples
    ///
    /// ```
    /// use allmysms::webhook::{ReplyEvent, decode_params};
    ///
    /// let params = decode_params("smsId=s1&campaignId=c1&phoneNumber=33612345678&receptionDate=2014-02-14+15%3A09%3A05&smsMoId=32154&message=R%C3%A9ponse+1".as_bytes());
    /// let reply = ReplyEvent::from_params(&params)?;
    /// assert_eq!(reply.message(), "Réponse 1");
    /// # Ok::<(), allmysms::webhook::WebhookError>(())
    /// ```
    pub fn from_params(params: &[(String, String)]) -> Result<Self, WebhookError> {
        is_event(
            params,
            &[
                "smsId",
                "campaignId",
                "phoneNumber",
                "receptionDate",
                "smsMoId",
                "message",
            ],
        )?;
        Ok(Self {
            sms_id: param(params, "smsId").unwrap_or_default().trim().to_owned(),
            campaign_id: param(params, "campaignId")
                .unwrap_or_default()
                .trim()
                .to_owned(),
            phone_number: required(params, "phoneNumber")?.trim().to_owned(),
            reception_date: Timestamp::new(param(params, "receptionDate").map(str::to_owned)),
            sms_mo_id: required(params, "smsMoId")?.trim().to_owned(),
            message: params
                .iter()
                .find(|(k, _)| k == "message")
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
        })
    }

    /// `smsId` of the message replied to.
    pub fn sms_id(&self) -> &str {
        &self.sms_id
    }
    /// `campaignId`.
    pub fn campaign_id(&self) -> &str {
        &self.campaign_id
    }
    /// `phoneNumber`: who replied.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// `receptionDate`.
    pub fn reception_date(&self) -> &Timestamp {
        &self.reception_date
    }
    /// `smsMoId`: the reply's id.
    pub fn sms_mo_id(&self) -> &str {
        &self.sms_mo_id
    }
    /// `message`: the reply's text, as received.
    pub fn message(&self) -> &str {
        &self.message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields() {
        assert_eq!(
            DeliveryReportEvent::from_params(&decode_params(b"status=1")).err(),
            Some(WebhookError::Missing("smsId"))
        );
        assert_eq!(
            DeliveryReportEvent::from_params(&decode_params(b"smsId=a&status=x")).err(),
            Some(WebhookError::BadStatus)
        );
        assert_eq!(
            ReplyEvent::from_params(&decode_params(b"phoneNumber=336")).err(),
            Some(WebhookError::Missing("smsMoId"))
        );
        // Garbage never panics; it just lacks the fields.
        assert!(DeliveryReportEvent::from_params(&decode_params(b"%%%&=&\xff")).is_err());
    }

    #[test]
    fn an_empty_probe_is_not_an_event() {
        for (query, body) in [(&b""[..], &b""[..]), (b"", b"foo=bar"), (b"smsId=", b"")] {
            let params = decode_request(query, body);
            assert_eq!(
                DeliveryReportEvent::from_params(&params).err(),
                Some(WebhookError::NotAnEvent)
            );
            assert_eq!(
                ReplyEvent::from_params(&params).err(),
                Some(WebhookError::NotAnEvent)
            );
        }
    }

    #[test]
    fn query_and_body_together_and_latin1() {
        let params = decode_request(
            b"smsId=s1&campaignId=c1",
            b"phoneNumber=33612345678&smsMoId=9&message=R%E9ponse+%E0+18h",
        );
        let reply = ReplyEvent::from_params(&params).unwrap();
        assert_eq!(
            (
                reply.sms_id(),
                reply.campaign_id(),
                reply.sms_mo_id(),
                reply.message()
            ),
            ("s1", "c1", "9", "Réponse à 18h")
        );
        // The same in UTF-8.
        let params = decode_params("phoneNumber=336&smsMoId=9&message=R%C3%A9ponse".as_bytes());
        assert_eq!(
            ReplyEvent::from_params(&params).unwrap().message(),
            "Réponse"
        );
    }
}
