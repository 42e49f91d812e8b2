//! The REST API's answers, and how they are read.

use core::fmt;

use serde_json::{Map, Value};
use sms_http::Answer;
use sms_primitives::Secret;
use sms_primitives::redact::mask_digit_runs;

use super::Euros;
use super::money::euros;
use crate::api::{Timestamp, count, int, objects, split_numbers, text};
use crate::error::{ApiError, Error};
use crate::status::StatusCode;

// Written like the v9 API's `SmsId`: `[{"phone_number": …, "sms_id": …}]`.
#[cfg(feature = "serde")]
mod sms_id_pairs {
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Pair {
        phone_number: String,
        sms_id: String,
    }

    pub(super) fn serialize<S: serde::Serializer>(
        pairs: &[(String, String)],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(pairs.iter().map(|(phone_number, sms_id)| Pair {
            phone_number: phone_number.clone(),
            sms_id: sms_id.clone(),
        }))
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<(String, String)>, D::Error> {
        let pairs: Vec<Pair> = serde::Deserialize::deserialize(deserializer)?;
        Ok(pairs
            .into_iter()
            .map(|p| (p.phone_number, p.sms_id))
            .collect())
    }
}

/// The answer to the REST sends.
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SendResponse {
    pub(super) code: StatusCode,
    pub(super) description: String,
    pub(super) sms_id: Option<String>,
    pub(super) campaign_id: Option<String>,
    #[cfg_attr(feature = "serde", serde(with = "sms_id_pairs"))]
    pub(super) sms_ids: Vec<(String, String)>,
    pub(super) invalid_numbers: Vec<String>,
    pub(super) nb_contacts: Option<u64>,
    pub(super) nb_sms: Option<u64>,
    pub(super) balance: Option<Euros>,
    pub(super) cost: Option<Euros>,
}

impl fmt::Debug for SendResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendResponse")
            .field("code", &self.code)
            .field("sms_id", &self.sms_id)
            .field("campaign_id", &self.campaign_id)
            .field("invalid_numbers", &self.invalid_numbers.len())
            .field("balance", &self.balance)
            .field("cost", &self.cost)
            .finish_non_exhaustive()
    }
}

impl SendResponse {
    /// `code`: [`StatusCode::Sent`] or [`StatusCode::Scheduled`].
    pub fn code(&self) -> StatusCode {
        self.code
    }
    /// `description`.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// `smsId` (single sends).
    pub fn sms_id(&self) -> Option<&str> {
        self.sms_id.as_deref()
    }
    /// `campaignId` (bulk sends).
    pub fn campaign_id(&self) -> Option<&str> {
        self.campaign_id.as_deref()
    }
    /// `smsIds` as (phone number, SMS id) pairs (voice sends).
    pub fn sms_ids(&self) -> &[(String, String)] {
        &self.sms_ids
    }
    /// `invalidNumbers`.
    pub fn invalid_numbers(&self) -> &[String] {
        &self.invalid_numbers
    }
    /// `nbContacts`.
    pub fn nb_contacts(&self) -> Option<u64> {
        self.nb_contacts
    }
    /// `nbSms`.
    pub fn nb_sms(&self) -> Option<u64> {
        self.nb_sms
    }
    /// `balance`: what is left, in euros.
    pub fn balance(&self) -> Option<Euros> {
        self.balance
    }
    /// `cost`: what the send cost, in euros.
    pub fn cost(&self) -> Option<Euros> {
        self.cost
    }
}

/// The account (`GET /account`).
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Account {
    pub(super) balance: Option<Euros>,
    pub(super) nb_sms: Option<u64>,
    pub(super) reference_country_iso: String,
    // A secret is never written: it reads back as absent.
    #[cfg_attr(feature = "serde", serde(skip_serializing, default))]
    pub(super) api_key: Option<Secret>,
    pub(super) last_name: String,
    pub(super) first_name: String,
    pub(super) company: String,
    pub(super) email: String,
    pub(super) alerting: Option<i64>,
}

// Names and e-mail are personal data: not shown.
impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("balance", &self.balance)
            .field("nb_sms", &self.nb_sms)
            .field("reference_country_iso", &self.reference_country_iso)
            .field("alerting", &self.alerting)
            .finish_non_exhaustive()
    }
}

impl Account {
    /// `balance`, in euros.
    pub fn balance(&self) -> Option<Euros> {
        self.balance
    }
    /// `nbSms`: SMS the balance buys in the reference country.
    pub fn nb_sms(&self) -> Option<u64> {
        self.nb_sms
    }
    /// `referenceCountryIso`.
    pub fn reference_country_iso(&self) -> &str {
        &self.reference_country_iso
    }
    /// `apiKey`, as a secret.
    pub fn api_key(&self) -> Option<&Secret> {
        self.api_key.as_ref()
    }
    /// `lastName`.
    pub fn last_name(&self) -> &str {
        &self.last_name
    }
    /// `firstName`.
    pub fn first_name(&self) -> &str {
        &self.first_name
    }
    /// `company`.
    pub fn company(&self) -> &str {
        &self.company
    }
    /// `email`.
    pub fn email(&self) -> &str {
        &self.email
    }
    /// `alerting`.
    pub fn alerting(&self) -> Option<i64> {
        self.alerting
    }
}

/// One line of a campaign report (`GET /report/campaign/{id}`).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    pub(super) phone_number: String,
    pub(super) code: Option<i64>,
    pub(super) description: String,
    pub(super) reception_date: Timestamp,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("code", &self.code)
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

impl Report {
    /// `phoneNumber`.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// `code`: the delivery code.
    pub fn code(&self) -> Option<i64> {
        self.code
    }
    /// `description`.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// `receptionDate`.
    pub fn reception_date(&self) -> &Timestamp {
        &self.reception_date
    }
}

/// The answer is not understood (credentials hidden in the kept body).
pub(super) fn unexpected(answer: &Answer) -> Error {
    Error::UnexpectedResponse {
        http_status: answer.status,
        body: answer.raw_body(),
    }
}

/// A JSON object answer; a `code` of 102 or more is [`Error::Api`].
pub(crate) fn read_object(answer: &Answer) -> Result<Map<String, Value>, Error> {
    let text_body = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
    let Ok(Value::Object(m)) = serde_json::from_str::<Value>(&text_body) else {
        return Err(unexpected(answer));
    };
    if let Some(code) = int(m.get("code")).and_then(|c| u16::try_from(c).ok())
        && code >= 102
    {
        return Err(Error::Api(ApiError {
            http_status: answer.status,
            code: StatusCode::from_code(code),
            message: answer.redact(&text(m.get("description")).unwrap_or_default()),
            raw: Value::Object(m),
        }));
    }
    if !(200..300).contains(&answer.status) {
        return Err(unexpected(answer));
    }
    Ok(m)
}

/// The `smsIds` pairs of an answer; `None` when one lacks its number or id.
fn sms_id_pairs(m: &Map<String, Value>) -> Option<Vec<(String, String)>> {
    objects(m, "smsIds")
        .map(|o| {
            let phone = text(o.get("phoneNumber")).filter(|s| !s.is_empty())?;
            let id = text(o.get("smsId")).filter(|s| !s.is_empty())?;
            Some((phone, id))
        })
        .collect()
}

/// A send succeeded when the answer is 2xx (201 documented) with `code` 100 or 101 and
/// the ids it documents: `smsId` (one SMS) or `campaignId` (bulk), and complete
/// `smsIds` pairs. `code` 113 (some numbers invalid) is a partial outcome.
pub(crate) fn to_send_response(answer: &Answer) -> Result<SendResponse, Error> {
    let m = match read_object(answer) {
        Err(Error::Api(e)) if e.code == StatusCode::SomeNumbersInvalid => {
            let m = e.raw.as_object().cloned().unwrap_or_default();
            return Err(Error::PartiallySent(crate::error::PartialSend {
                http_status: answer.status,
                status_text: e.message,
                campaign_id: text(m.get("campaignId"))
                    .or_else(|| text(m.get("smsId")))
                    .filter(|s| !s.is_empty()),
                sms_ids: sms_id_pairs(&m)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(phone_number, sms_id)| crate::SmsId::new(phone_number, sms_id))
                    .collect(),
                invalid_numbers: split_numbers(m.get("invalidNumbers")),
            }));
        }
        other => other?,
    };
    let code = int(m.get("code"))
        .and_then(|c| u16::try_from(c).ok())
        .map(StatusCode::from_code)
        .filter(|c| c.is_success())
        .ok_or_else(|| unexpected(answer))?;
    let sms_id = text(m.get("smsId")).filter(|s| !s.is_empty());
    let campaign_id = text(m.get("campaignId")).filter(|s| !s.is_empty());
    let sms_ids = sms_id_pairs(&m).ok_or_else(|| unexpected(answer))?;
    if sms_id.is_none() && campaign_id.is_none() {
        return Err(unexpected(answer));
    }
    Ok(SendResponse {
        code,
        description: text(m.get("description")).unwrap_or_default(),
        sms_id,
        campaign_id,
        sms_ids,
        invalid_numbers: split_numbers(m.get("invalidNumbers")),
        nb_contacts: count(m.get("nbContacts")),
        nb_sms: count(m.get("nbSms")),
        balance: euros(m.get("balance")),
        cost: euros(m.get("cost")),
    })
}
