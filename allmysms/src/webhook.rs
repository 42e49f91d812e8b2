//! The webhooks AllMySMS calls (configured in the customer area): delivery reports and
//! replies (MO), parsed from their raw parameters, whatever the web framework. The
//! method is not documented: pass the query string, the form body, or both.
//!
//! Answer `200` with the body [`RESPONSE_BODY`] (`OK`): AllMySMS probes the URL when the
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
}

/// Parameters from a query string or a form body (`a=1&b=2`), decoded.
///
/// ```
/// use allmysms::webhook::decode_params;
///
/// assert_eq!(decode_params(b"message=Oui+merci&smsId=x"), [("message".into(), "Oui merci".into()), ("smsId".into(), "x".into())]);
/// ```
pub fn decode_params(encoded: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(encoded).unwrap_or_default()
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
    /// [`WebhookError`] when `smsId` or `status` is missing, or `status` is not a number.
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
    /// [`WebhookError::Missing`] when `smsMoId` or `phoneNumber` is missing.
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
}
