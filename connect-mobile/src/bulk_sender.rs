//! Bulk sending through the shared engine ([`sms_http::bulk`]).
//!
//! The manual shows one answer line for one recipient and does not say what several
//! recipients get, nor in which order: by default each request carries one recipient,
//! so that each outcome (and its message id) is known. With a larger
//! [`BulkOptions::batch_size`](sms_http::bulk::BulkOptions::batch_size), a request whose lines all say "sent" marks every
//! recipient sent (without ids), all refused marks them refused, anything else unknown.

use sms_http::bulk::{BatchSender, BoxFuture, Outcome, Recipient};

use crate::{Client, Error, LineOutcome, SendSms};

/// Sends one [`SendSms`] (its text and options; its own recipients are ignored) to
/// batches of recipients: the [`BatchSender`] the bulk engine and an outbox use.
/// Connect-Mobile has no per-recipient parameters: a recipient with some is refused.
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
        usize::MAX
    }

    fn default_batch(&self) -> usize {
        1
    }

    fn check(&self, recipient: &Recipient) -> Result<(), Outcome> {
        if !recipient.params.is_empty() {
            return Err(Outcome::invalid(
                "Connect-Mobile has no per-recipient parameters",
            ));
        }
        SendSms::check_dest(&recipient.phone)
            .map_err(|e| Outcome::invalid(sms_http::error_chain(&e)))
    }

    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let sms = self
                .template
                .with_dest(batch.iter().map(|r| r.phone.clone()).collect());
            match self.client.send_sms(&sms).await {
                Ok(sent) if batch.len() == 1 => {
                    let id = sent.message_id().map(|id| id.as_str().to_owned());
                    vec![Outcome::Sent { id }]
                }
                Ok(sent) => {
                    // Lines cannot be matched to recipients: no ids.
                    let all_sent = sent
                        .lines()
                        .iter()
                        .all(|l| matches!(l, LineOutcome::Sent(_)));
                    let outcome = if all_sent {
                        Outcome::Sent { id: None }
                    } else {
                        Outcome::unknown("an answer line this client does not understand")
                    };
                    vec![outcome; batch.len()]
                }
                Err(e) => vec![Outcome::from_error(&e); batch.len()],
            }
        })
    }
}

impl Client {
    sms_http::bulk_send_method! {
        /// Sends `template` (its text and options) to every recipient of `recipients`, one
        /// request per recipient unless configured, and yields each recipient's outcome as
        /// soon as it is known (see [`sms_http::bulk`] and [`BulkSender`]). Nothing is
        /// sent again when an outcome is unknown.
        SendSms => BulkSender
    }
}

/// An unknown recipient with a message id is sent when `statut` knows the id (in
/// progress or delivered); anything else stays unknown. This client's own unknown
/// outcomes carry no id (Connect-Mobile gives one only with "Message envoyé"): this
/// settles ids an outbox recorded from elsewhere.
#[cfg(feature = "outbox")]
impl sms_http::bulk::Reconcile for BulkSender {
    fn reconcile<'a>(
        &'a self,
        unresolved: &'a [sms_http::bulk::Unresolved],
    ) -> BoxFuture<'a, Vec<Option<Outcome>>> {
        Box::pin(async move {
            let mut settled = Vec::with_capacity(unresolved.len());
            for item in unresolved {
                let known = match crate::MessageId::new(&item.id) {
                    Ok(id) => self.client.status(&id).await.is_ok(),
                    Err(_) => false,
                };
                settled.push(known.then(|| Outcome::Sent {
                    id: Some(item.id.clone()),
                }));
            }
            settled
        })
    }
}
