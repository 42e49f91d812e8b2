//! Delivery reports (`getAcks`, `getAckBySmsId`) and replies (`getPulls`, `getPull`,
//! `getPullBySmsId`).

use core::fmt;

use serde_json::{Map, Value};
use sms_primitives::redact::mask_digit_runs;

use super::{Json, Timestamp, get, int, objects, text};
use crate::client::{Client, required};
use crate::error::Error;
use crate::status::DeliveryStatus;

/// A delivery report.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ack {
    phone_number: String,
    status: DeliveryStatus,
    comment: String,
    reception_date: Timestamp,
}

impl fmt::Debug for Ack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ack")
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("status", &self.status)
            .field("comment", &self.comment)
            .field("reception_date", &self.reception_date.as_str())
            .finish()
    }
}

impl Ack {
    /// `phoneNumber`.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// The delivery status (`statut` in the documentation's sample, `status` live).
    pub fn status(&self) -> DeliveryStatus {
        self.status
    }
    /// `comment` (`Delivered`…).
    pub fn comment(&self) -> &str {
        &self.comment
    }
    /// `receptionDate`.
    pub fn reception_date(&self) -> &Timestamp {
        &self.reception_date
    }
}

fn to_ack(o: &Map<String, Value>) -> Ack {
    Ack {
        phone_number: text(o.get("phoneNumber")).unwrap_or_default(),
        status: DeliveryStatus::from_code(int(get(o, &["status", "statut"])).unwrap_or(0)),
        comment: text(o.get("comment")).unwrap_or_default(),
        reception_date: Timestamp::new(text(o.get("receptionDate"))),
    }
}

/// The delivery reports of a campaign (`getAcks`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Acks {
    acks: Vec<Ack>,
    cli_msg_id: Option<String>,
}

impl Acks {
    /// The reports.
    pub fn acks(&self) -> &[Ack] {
        &self.acks
    }
    /// `cliMsgId`: the `CLIMSGID` given at send time.
    pub fn cli_msg_id(&self) -> Option<&str> {
        self.cli_msg_id.as_deref()
    }
}

pub(crate) fn to_acks(json: &Json) -> Result<Acks, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("acks") {
        return Err(json.unexpected());
    }
    Ok(Acks {
        acks: objects(m, "acks").map(to_ack).collect(),
        cli_msg_id: text(m.get("cliMsgId")).filter(|s| !s.is_empty()),
    })
}

pub(crate) fn to_ack_single(json: &Json) -> Result<Ack, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("phoneNumber") {
        return Err(json.unexpected());
    }
    Ok(to_ack(m))
}

/// A reply (MO) to a campaign.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Pull {
    phone_number: String,
    id: Option<String>,
    campaign_id: String,
    message: String,
    reception_date: Timestamp,
}

impl fmt::Debug for Pull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pull")
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("id", &self.id)
            .field("campaign_id", &self.campaign_id)
            .field("message_chars", &self.message.chars().count())
            .field("reception_date", &self.reception_date.as_str())
            .finish()
    }
}

impl Pull {
    /// `phoneNumber`: who replied.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// `id` of the reply (absent from `getPullBySmsId`).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
    /// `campaignId`.
    pub fn campaign_id(&self) -> &str {
        &self.campaign_id
    }
    /// `message`: the reply's text.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// `receptionDate`.
    pub fn reception_date(&self) -> &Timestamp {
        &self.reception_date
    }
}

fn to_pull(o: &Map<String, Value>) -> Pull {
    Pull {
        phone_number: text(o.get("phoneNumber")).unwrap_or_default(),
        id: text(o.get("id")),
        campaign_id: text(o.get("campaignId")).unwrap_or_default(),
        // The text is kept as is (a reply may begin or end with spaces).
        message: o
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| text(o.get("message")))
            .unwrap_or_default(),
        reception_date: Timestamp::new(text(o.get("receptionDate"))),
    }
}

pub(crate) fn to_pulls(json: &Json) -> Result<Vec<Pull>, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("mos") {
        return Err(json.unexpected());
    }
    Ok(objects(m, "mos").map(to_pull).collect())
}

pub(crate) fn to_pull_single(json: &Json) -> Result<Pull, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("phoneNumber") {
        return Err(json.unexpected());
    }
    Ok(to_pull(m))
}

// The methods of this family (every v9 method lives with its types).
impl Client {
    /// `getAcks`: the delivery reports of a campaign.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for an empty id; [`Error::Api`], [`Error::Http`],
    /// [`Error::UnexpectedResponse`].
    #[doc(alias = "getAcks")]
    pub async fn get_acks(&self, campaign_id: &str) -> Result<Acks, Error> {
        self.transport
            .operation("get_acks", async {
                let params = vec![("campId", required("campId", campaign_id)?)];
                let json = self.call("getAcks", self.with_sub(params)).await?;
                to_acks(&json)
            })
            .await
    }

    /// `getAckBySmsId`: the delivery report of one SMS.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getAckBySmsId")]
    pub async fn get_ack_by_sms_id(&self, sms_id: &str) -> Result<Ack, Error> {
        self.transport
            .operation("get_ack_by_sms_id", async {
                let params = vec![("smsId", required("smsId", sms_id)?)];
                let json = self.call("getAckBySmsId", self.with_sub(params)).await?;
                to_ack_single(&json)
            })
            .await
    }

    /// `getPulls`: the latest replies, at most `limit` (the server's default when `None`).
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getPulls")]
    pub async fn get_pulls(&self, limit: Option<u32>) -> Result<Vec<Pull>, Error> {
        self.transport
            .operation("get_pulls", async {
                let params = limit
                    .map(|l| ("limit", l.to_string()))
                    .into_iter()
                    .collect();
                let json = self.call("getPulls", self.with_sub(params)).await?;
                to_pulls(&json)
            })
            .await
    }

    /// `getPull`: the replies to a campaign.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getPull")]
    pub async fn get_pull(&self, campaign_id: &str) -> Result<Vec<Pull>, Error> {
        self.transport
            .operation("get_pull", async {
                let params = vec![("campId", required("campId", campaign_id)?)];
                let json = self.call("getPull", self.with_sub(params)).await?;
                to_pulls(&json)
            })
            .await
    }

    /// `getPullBySmsId`: the reply to one SMS.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getPullBySmsId")]
    pub async fn get_pull_by_sms_id(&self, sms_id: &str) -> Result<Pull, Error> {
        self.transport
            .operation("get_pull_by_sms_id", async {
                let params = vec![("smsId", required("smsId", sms_id)?)];
                let json = self.call("getPullBySmsId", self.with_sub(params)).await?;
                to_pull_single(&json)
            })
            .await
    }
}
