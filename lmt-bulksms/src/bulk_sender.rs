//! Bulk sending through the shared engine ([`sms_http::bulk`]): one number per request,
//! the only form LMT documents.

use sms_http::bulk::{BatchSender, BoxFuture, Outcome, Recipient};
use sms_primitives::{PhoneNumber, Region};

use crate::{Client, Error, SendSms};

/// Sends one [`SendSms`] (sender, text and flag; its own recipients are ignored) to
/// each recipient: the [`BatchSender`] the bulk engine and an outbox use. LMT's push
/// answer has no message id: a sent recipient's id is `None`. LMT has no
/// per-recipient parameters: a recipient with some is refused.
#[derive(Debug, Clone)]
pub struct BulkSender {
    client: Client,
    template: SendSms,
}

impl BulkSender {
    /// A sender of `template` through `client`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the text or the sender is invalid (the
    /// recipients are checked one by one).
    pub fn new(client: Client, template: SendSms) -> Result<Self, Error> {
        template.check_content()?;
        Ok(Self { client, template })
    }
}

impl BatchSender for BulkSender {
    fn max_batch(&self) -> usize {
        1
    }

    fn check(&self, recipient: &Recipient) -> Result<(), Outcome> {
        if !recipient.params.is_empty() {
            return Err(Outcome::invalid("LMT has no per-recipient parameters"));
        }
        PhoneNumber::parse_with_region(&recipient.phone, Region::CM)
            .map(|_| ())
            .map_err(|e| Outcome::invalid(format!("not a valid phone number: {e}")))
    }

    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let mut outcomes = Vec::with_capacity(batch.len());
            // One recipient per batch (max_batch), sent in one request each.
            for recipient in batch {
                let push = self.template.with_recipient(&recipient.phone);
                let outcome = match self.client.send_sms(&push).await {
                    Ok(mut results) => match results.pop().map(crate::PushOutcome::into_result) {
                        Some(Ok(_)) => Outcome::Sent { id: None },
                        Some(Err(e)) => Outcome::from_error(&e),
                        None => Outcome::unknown("no outcome for this number"),
                    },
                    Err(e) => Outcome::from_error(&e),
                };
                outcomes.push(outcome);
            }
            outcomes
        })
    }
}

impl Client {
    sms_http::bulk_send_method! {
        /// Sends `template` (sender, text, flag) to every recipient of `recipients`, one
        /// request per number, and yields each recipient's outcome as soon as it is known
        /// (see [`sms_http::bulk`]). Nothing is sent again when an outcome is unknown.
        SendSms => BulkSender
    }
}
