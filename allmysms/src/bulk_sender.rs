//! Bulk sending through the shared engine ([`sms_http::bulk`]) with the v9 `sendSms`:
//! several recipients per request, each with its `PARAM_n` values.

use std::collections::HashMap;

use sms_http::bulk::{BatchSender, BoxFuture, Outcome, Recipient};
use sms_primitives::{PhoneNumber, Region};

use crate::{Client, Error, SendSms};

/// Recipients per request by default. AllMySMS documents no maximum: a conservative
/// default, raised with [`BulkOptions::batch_size`](sms_http::bulk::BulkOptions::batch_size).
pub const DEFAULT_BULK_BATCH: usize = 500;

/// How an unknown outcome's id names a campaign (accepted without this number's
/// `smsId`) rather than an `smsId`.
pub(crate) const CAMPAIGN_ID_PREFIX: &str = "campaign:";

/// Sends one [`SendSms`] (its text and options; its own recipients are ignored) to
/// batches of recipients: the [`BatchSender`] the bulk engine and an outbox use.
///
/// A recipient's parameters are its `PARAM_1`, `PARAM_2`… values, in order (their
/// names are ignored): each recipient needs exactly as many as the highest
/// `#param_N#` of the text. A sent recipient's id is its `smsId`. Status 113 ("some
/// numbers invalid"): the numbers it lists are refused; the others may have been sent
/// (unknown, with their `smsId` as the outcome's id, to check with
/// [`Client::get_ack_by_sms_id`]; an accepted campaign that names no `smsId` for a
/// number gives `campaign:<id>`, to check with [`Client::get_acks`]).
#[derive(Debug, Clone)]
pub struct BulkSender {
    client: Client,
    template: SendSms,
    params: usize,
}

impl BulkSender {
    /// A sender of `template` through `client`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the text or the sender is invalid (the
    /// recipients are checked one by one).
    pub fn new(client: Client, template: SendSms) -> Result<Self, Error> {
        let params = template.check_content()?;
        Ok(Self {
            client,
            template,
            params,
        })
    }
}

/// A number as AllMySMS writes it in answers: international digits.
pub(crate) fn digits(raw: &str) -> Option<String> {
    PhoneNumber::parse_with_region(raw.trim(), Region::FR)
        .ok()
        .map(|p| p.international_digits().to_owned())
}

impl BatchSender for BulkSender {
    fn max_batch(&self) -> usize {
        usize::MAX
    }

    fn default_batch(&self) -> usize {
        DEFAULT_BULK_BATCH
    }

    fn check(&self, recipient: &Recipient) -> Result<(), Outcome> {
        if recipient.params.len() != self.params {
            return Err(Outcome::invalid(format!(
                "{} parameters given, the text needs {}",
                recipient.params.len(),
                self.params
            )));
        }
        PhoneNumber::parse_with_region(recipient.phone.trim(), Region::FR)
            .map(|_| ())
            .map_err(|e| Outcome::invalid(format!("not a valid phone number: {e}")))
    }

    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let campaign = self.template.with_recipients(values(batch));
            let keys = keys(batch);
            match self.client.send_sms(&campaign).await {
                Ok(sent) => {
                    let ids = sent
                        .sms_ids()
                        .iter()
                        .map(|s| (s.phone_number(), s.sms_id()));
                    accepted(&keys, ids.collect(), sent.campaign_id())
                }
                Err(e) => refused_or_unknown(&keys, &e),
            }
        })
    }
}

/// Each recipient's number and `PARAM_n` values.
pub(crate) fn values(batch: &[Recipient]) -> Vec<(String, Vec<String>)> {
    batch
        .iter()
        .map(|r| {
            (
                r.phone.clone(),
                r.params.iter().map(|(_, v)| v.clone()).collect(),
            )
        })
        .collect()
}

/// Each recipient's number as the answers write it.
pub(crate) fn keys(batch: &[Recipient]) -> Vec<Option<String>> {
    batch.iter().map(|r| digits(&r.phone)).collect()
}

/// The outcomes of an accepted send: sent with its `smsId`, or unknown when the answer
/// does not name the number.
pub(crate) fn accepted(
    keys: &[Option<String>],
    ids: HashMap<&str, &str>,
    campaign: &str,
) -> Vec<Outcome> {
    keys.iter()
        .map(|key| match key.as_deref().and_then(|k| ids.get(k)) {
            Some(id) => Outcome::Sent {
                id: Some((*id).to_owned()),
            },
            // The campaign's id, marked as such: its acknowledgements list the number
            // when it was sent (see `Reconcile`).
            None => Outcome::Unknown {
                reason: format!("campaign {campaign} accepted without an smsId for this number"),
                id: Some(format!("{CAMPAIGN_ID_PREFIX}{campaign}")),
            },
        })
        .collect()
}

/// The outcomes of a failed send: status 113 split into the refused numbers and the
/// others (unknown, their `smsId` kept to check), any other error the same for all.
pub(crate) fn refused_or_unknown(keys: &[Option<String>], error: &Error) -> Vec<Outcome> {
    let Error::PartiallySent(partial) = error else {
        return vec![Outcome::from_error(error); keys.len()];
    };
    let ids: HashMap<&str, &str> = partial
        .sms_ids
        .iter()
        .map(|s| (s.phone_number(), s.sms_id()))
        .collect();
    keys.iter()
        .map(|key| {
            let key = key.as_deref().unwrap_or_default();
            if partial.invalid_numbers.iter().any(|n| n == key) {
                return Outcome::Refused {
                    code: Some("113".to_owned()),
                    message: "refused by AllMySMS: invalid or unsupported number".to_owned(),
                    retryable: false,
                };
            }
            let id = ids.get(key);
            Outcome::Unknown {
                reason: match id {
                    Some(id) => {
                        format!("status 113 (some numbers refused): smsId {id} may have been sent")
                    }
                    None => "status 113 (some numbers refused): may have been sent".to_owned(),
                },
                id: id.map(|id| (*id).to_owned()),
            }
        })
        .collect()
}

impl Client {
    sms_http::bulk_send_method! {
        /// Sends `template` (its text and options) to every recipient of `recipients`, in
        /// requests of [`DEFAULT_BULK_BATCH`] recipients unless configured, and yields each
        /// recipient's outcome as soon as it is known (see [`sms_http::bulk`] and
        /// [`BulkSender`]). Nothing is sent again when an outcome is unknown.
        SendSms => BulkSender
    }
}

/// An unknown recipient with an `smsId` is sent when `getAckBySmsId` knows it; one
/// with `campaign:<id>` is sent when the campaign's acknowledgements (`getAcks`) list
/// its number. Anything else stays unknown (AllMySMS may report later).
#[cfg(feature = "outbox")]
impl sms_http::bulk::Reconcile for BulkSender {
    fn reconcile<'a>(
        &'a self,
        unresolved: &'a [sms_http::bulk::Unresolved],
    ) -> BoxFuture<'a, Vec<Option<Outcome>>> {
        Box::pin(async move {
            let mut campaigns: HashMap<&str, Option<crate::Acks>> = HashMap::new();
            let mut settled = Vec::with_capacity(unresolved.len());
            for item in unresolved {
                let outcome =
                    match item.id.strip_prefix(CAMPAIGN_ID_PREFIX) {
                        Some(campaign) => {
                            if !campaigns.contains_key(campaign) {
                                let acks = self.client.get_acks(campaign).await.ok();
                                campaigns.insert(campaign, acks);
                            }
                            let number = digits(&item.recipient.phone);
                            campaigns
                                .get(campaign)
                                .and_then(Option::as_ref)
                                .zip(number)
                                .and_then(|(acks, number)| {
                                    acks.acks().iter().find(|a| a.phone_number() == number)
                                })
                                .map(|_| Outcome::Sent { id: None })
                        }
                        None => self.client.get_ack_by_sms_id(&item.id).await.ok().map(|_| {
                            Outcome::Sent {
                                id: Some(item.id.clone()),
                            }
                        }),
                    };
                settled.push(outcome);
            }
            settled
        })
    }
}
