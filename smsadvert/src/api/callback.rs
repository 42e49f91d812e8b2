//! The delivery report smsadvert POSTs to a request's `callback` URL:
//! `{"status": "delivered" | "failed", "msgId": "…"}` (JSON). Parsed from the raw body,
//! independently of any web framework.

use serde_json::Value;

use super::sms::{MsgId, text_of};

/// `status` of a delivery report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", from = "String"))]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// `delivered`.
    Delivered,
    /// `failed`.
    Failed,
    /// Any other value, verbatim (undocumented).
    Unknown(String),
}

impl From<String> for DeliveryStatus {
    /// Reads a status as smsadvert writes it (case and spaces ignored).
    fn from(status: String) -> Self {
        match status.trim() {
            s if s.eq_ignore_ascii_case("delivered") => Self::Delivered,
            s if s.eq_ignore_ascii_case("failed") => Self::Failed,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

impl From<DeliveryStatus> for String {
    fn from(status: DeliveryStatus) -> Self {
        match status {
            DeliveryStatus::Delivered => "delivered".to_owned(),
            DeliveryStatus::Failed => "failed".to_owned(),
            DeliveryStatus::Unknown(other) => other,
        }
    }
}

/// A delivery report. With several recipients, smsadvert gives one `msgId` per request
/// and the report carries no phone number: reports of one request cannot be told apart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "callback")]
pub struct DeliveryReport {
    status: DeliveryStatus,
    msg_id: MsgId,
}

/// Why a callback body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The body is not a JSON object.
    #[error("the callback body is not a JSON object")]
    NotJson,
    /// `msgId` is missing or empty.
    #[error("the callback has no msgId")]
    MissingMsgId,
    /// `status` is missing.
    #[error("the callback has no status")]
    MissingStatus,
}

impl DeliveryReport {
    /// Parses the body of a callback request. Answer the request with `200` quickly.
    ///
    /// # Errors
    ///
    /// [`CallbackError`] when the body is not a JSON object with `status` and `msgId`.
    ///
    /// # Examples
    ///
    /// ```
    /// use smsadvert::{DeliveryReport, DeliveryStatus};
    ///
    /// let report = DeliveryReport::from_json(br#"{"status": "delivered", "msgId": "xxxxxx"}"#)?;
    /// assert_eq!(report.status(), &DeliveryStatus::Delivered);
    /// assert_eq!(report.msg_id().as_str(), "xxxxxx");
    /// # Ok::<(), smsadvert::CallbackError>(())
    /// ```
    pub fn from_json(body: &[u8]) -> Result<Self, CallbackError> {
        let text = sms_primitives::latin1::decode_utf8_or_latin1(body);
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else {
            return Err(CallbackError::NotJson);
        };
        let msg_id = map
            .get("msgId")
            .and_then(text_of)
            .filter(|s| !s.trim().is_empty())
            .ok_or(CallbackError::MissingMsgId)?;
        let status = map
            .get("status")
            .and_then(text_of)
            .ok_or(CallbackError::MissingStatus)?;
        let status = DeliveryStatus::from(status);
        Ok(Self {
            status,
            msg_id: MsgId::new(msg_id),
        })
    }

    /// `status`.
    pub fn status(&self) -> &DeliveryStatus {
        &self.status
    }

    /// `msgId`, as returned by [`Client::send_sms`](crate::Client::send_sms).
    pub fn msg_id(&self) -> &MsgId {
        &self.msg_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let r = DeliveryReport::from_json(br#"{"status":"failed","msgId":123}"#).unwrap();
        assert_eq!(
            (r.status(), r.msg_id().as_str()),
            (&DeliveryStatus::Failed, "123")
        );
        let r = DeliveryReport::from_json(br#"{"status":"queued","msgId":"a"}"#).unwrap();
        assert_eq!(r.status(), &DeliveryStatus::Unknown("queued".into()));
        assert_eq!(
            DeliveryReport::from_json(b"status=delivered").err(),
            Some(CallbackError::NotJson)
        );
        assert_eq!(
            DeliveryReport::from_json(b"").err(),
            Some(CallbackError::NotJson)
        );
        assert_eq!(
            DeliveryReport::from_json(br#"{"status":"delivered"}"#).err(),
            Some(CallbackError::MissingMsgId)
        );
        assert_eq!(
            DeliveryReport::from_json(br#"{"msgId":"a"}"#).err(),
            Some(CallbackError::MissingStatus)
        );
    }
}
