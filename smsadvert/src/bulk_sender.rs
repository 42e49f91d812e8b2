//! Bulk sending through the shared engine ([`sms_http::bulk`]): up to
//! [`MAX_RECIPIENTS`](crate::MAX_RECIPIENTS) numbers per request, the documented limit.

use sms_http::bulk::{BatchSender, BoxFuture, Outcome, Recipient};

use crate::{Client, Error, SendSms};

/// Sends one [`SendSms`] (its text and options; its own recipients are ignored) to
/// batches of recipients: the [`BatchSender`] the bulk engine and an outbox use.
///
/// smsadvert gives one `msgId` per request: every recipient of a batch gets that id.
/// smsadvert has no per-recipient parameters: a recipient with some is refused.
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
    /// [`Error::InvalidRequest`] when the text, the dates or the callback URL are
    /// invalid (the recipients are checked one by one).
    pub fn new(client: Client, template: SendSms) -> Result<Self, Error> {
        template.check_content()?;
        Ok(Self { client, template })
    }
}

impl BatchSender for BulkSender {
    fn max_batch(&self) -> usize {
        crate::MAX_RECIPIENTS
    }

    fn check(&self, recipient: &Recipient) -> Result<(), Outcome> {
        if !recipient.params.is_empty() {
            return Err(Outcome::invalid(
                "smsadvert has no per-recipient parameters",
            ));
        }
        self.template
            .check_phone(&recipient.phone)
            .map_err(|e| Outcome::invalid(format!("not a valid phone number: {e}")))
    }

    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let request = self
                .template
                .with_phones(batch.iter().map(|r| r.phone.clone()));
            let outcome = match self.client.send_prechecked(&request).await {
                Ok(sent) => Outcome::Sent {
                    id: Some(sent.msg_id().as_str().to_owned()),
                },
                Err(e) => Outcome::from_error(&e),
            };
            vec![outcome; batch.len()]
        })
    }
}

impl Client {
    sms_http::bulk_send_method! {
        /// Sends `template` (its text and options) to every recipient of `recipients`, in
        /// requests of at most 1,000 numbers, and yields each recipient's outcome as soon
        /// as it is known (see [`sms_http::bulk`]). Nothing is sent again when an outcome
        /// is unknown.
        ///
        /// ```no_run
        /// use futures_util::StreamExt;
        /// use smsadvert::bulk::{BulkOptions, Recipient};
        /// use smsadvert::{Client, SendSms};
        ///
        /// # async fn run() -> Result<(), smsadvert::Error> {
        /// let client = Client::new("token")?;
        /// let numbers = ["+40740123456", "+40740123457"].map(Recipient::from);
        /// let mut outcomes = client.bulk_send(
        ///     &SendSms::new("Promoție: -20% azi"),
        ///     futures_util::stream::iter(numbers),
        ///     &BulkOptions::new().concurrency(8),
        /// )?;
        /// while let Some(delivery) = outcomes.next().await {
        ///     println!("{}", delivery.outcome.kind());
        /// }
        /// # Ok(()) }
        /// ```
        SendSms => BulkSender
    }
}
