//! Bulk sending through the shared engine ([`sms_http::bulk`]) with the REST API's
//! `POST /sms/send/bulk/`.

use sms_http::bulk::{BatchSender, BoxFuture, Outcome, Recipient};

use super::{BulkSms, Client};
use crate::bulk_sender::{accepted, digits, keys, refused_or_unknown, values};
use crate::{DEFAULT_BULK_BATCH, Error};

/// Sends one [`BulkSms`] (`POST /sms/send/bulk/`; its text
/// and options, its own recipients ignored) to batches of recipients: the
/// [`BatchSender`] of the REST API, with each recipient's `param1`, `param2`… values
/// in order. Outcomes as those of the v9 [`BulkSender`](crate::BulkSender).
#[derive(Debug, Clone)]
pub struct BulkSender {
    client: Client,
    template: BulkSms,
}

impl BulkSender {
    /// A sender of `template` through `client`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the text or the sender is invalid (the
    /// recipients are checked one by one).
    pub fn new(client: Client, template: BulkSms) -> Result<Self, Error> {
        template.check_content()?;
        Ok(Self { client, template })
    }
}

impl BatchSender for BulkSender {
    fn max_batch(&self) -> usize {
        usize::MAX
    }

    fn default_batch(&self) -> usize {
        DEFAULT_BULK_BATCH
    }

    fn check(&self, recipient: &Recipient) -> Result<(), Outcome> {
        digits(&recipient.phone)
            .map(|_| ())
            .ok_or_else(|| Outcome::invalid("not a valid phone number"))
    }

    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let sms = self.template.with_recipients(values(batch));
            let keys = keys(batch);
            match self.client.send_bulk(&sms).await {
                Ok(sent) => {
                    let ids = sent
                        .sms_ids()
                        .iter()
                        .map(|(p, id)| (p.as_str(), id.as_str()));
                    accepted(&keys, ids.collect(), sent.campaign_id().unwrap_or_default())
                }
                Err(e) => refused_or_unknown(&keys, &e),
            }
        })
    }
}

impl Client {
    sms_http::bulk_send_method! {
        /// Sends `template` (`POST /sms/send/bulk/`, its text and options) to every
        /// recipient of `recipients`, in requests of [`DEFAULT_BULK_BATCH`] recipients
        /// unless configured, and yields each recipient's outcome as soon as it is known
        /// (see [`sms_http::bulk`] and [`BulkSender`]).
        BulkSms => BulkSender
    }
}
