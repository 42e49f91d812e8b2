//! Bulk sending through the shared engine ([`sms_http::bulk`]) with `sendsms`: several
//! recipients per request, each with its mail-merge values.

use std::collections::HashMap;

use sms_http::bulk::{BatchSender, BoxFuture, Outcome, Recipient};

use crate::api::normalize_numero;
use crate::{Client, Error, SendSms};

/// Recipients per request by default. SMSECO documents no maximum: a conservative
/// default, raised with [`BulkOptions::batch_size`](sms_http::bulk::BulkOptions::batch_size).
pub const DEFAULT_BULK_BATCH: usize = 500;

/// Sends one [`SendSms`] (its text and options; its own recipients are ignored) to
/// batches of recipients: the [`BatchSender`] the bulk engine and an outbox use.
///
/// A recipient's parameters are its mail-merge values by placeholder name: each
/// `{name}` of the text needs one. A sent recipient's id is its `smsfid`; a recipient
/// the answer does not list (SMSECO counts only the valid ones) is unknown.
#[derive(Debug, Clone)]
pub struct BulkSender {
    client: Client,
    template: SendSms,
    placeholders: Vec<String>,
}

impl BulkSender {
    /// A sender of `template` through `client`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the text, the sender or `msgid` is invalid (the
    /// recipients are checked one by one).
    pub fn new(client: Client, template: SendSms) -> Result<Self, Error> {
        let placeholders = template.check_content()?;
        Ok(Self {
            client,
            template,
            placeholders,
        })
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
        if normalize_numero(&recipient.phone).is_none() {
            return Err(Outcome::invalid("not a valid phone number"));
        }
        SendSms::check_data(&recipient.params, &self.placeholders).map_err(Outcome::invalid)
    }

    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            let sms = self.template.with_recipients(
                batch
                    .iter()
                    .map(|r| (r.phone.clone(), r.params.clone()))
                    .collect(),
            );
            match self.client.send_sms(&sms).await {
                Ok(sent) => {
                    let ids: HashMap<&str, &str> = sent
                        .messages()
                        .iter()
                        .map(|m| (m.destination(), m.smsfid()))
                        .collect();
                    batch
                        .iter()
                        .map(|r| {
                            let numero = normalize_numero(&r.phone).unwrap_or_default();
                            match ids.get(numero.as_str()) {
                                Some(smsfid) => Outcome::Sent {
                                    id: Some((*smsfid).to_owned()),
                                },
                                // Its delivery reports may list it (see `Reconcile`).
                                None => Outcome::Unknown {
                                    reason: format!(
                                        "submission {} does not list this number",
                                        sent.msgfid()
                                    ),
                                    id: Some(sent.msgfid().to_owned()),
                                },
                            }
                        })
                        .collect()
                }
                Err(e) => vec![Outcome::from_error(&e); batch.len()],
            }
        })
    }
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

/// Unknown recipients of a submission whose answer did not list them carry its
/// `msgfid`: its delivery reports (`getdlrs`) list the numbers SMSECO took. A number
/// listed is sent (its `smsfid`), or refused when its report is final and not billed
/// (62 rejected, 54 not sent, 49 credits); a number not listed stays unknown (a report
/// may come later).
#[cfg(feature = "outbox")]
impl sms_http::bulk::Reconcile for BulkSender {
    fn reconcile<'a>(
        &'a self,
        unresolved: &'a [sms_http::bulk::Unresolved],
    ) -> BoxFuture<'a, Vec<Option<Outcome>>> {
        Box::pin(async move {
            let mut reports: HashMap<&str, Option<crate::DlrReport>> = HashMap::new();
            for item in unresolved {
                if !reports.contains_key(item.id.as_str()) {
                    // A failed lookup settles nothing: the outcome stays unknown.
                    let report = match crate::DlrQuery::msgfid(&item.id) {
                        Ok(q) => self.client.get_dlrs(&q).await.ok(),
                        Err(_) => None,
                    };
                    reports.insert(&item.id, report);
                }
            }
            unresolved
                .iter()
                .map(|item| {
                    let report = reports.get(item.id.as_str())?.as_ref()?;
                    let numero = normalize_numero(&item.recipient.phone)?;
                    let dlr = report.dlrs().find(|d| d.destination() == numero)?;
                    let status = dlr.status();
                    Some(if status.is_final() && status.is_billed() == Some(false) {
                        Outcome::Refused {
                            code: Some(status.code().to_string()),
                            message: format!("SMSECO report: {}", status.french_label()),
                            retryable: false,
                        }
                    } else {
                        Outcome::Sent {
                            id: Some(dlr.smsfid().to_owned()),
                        }
                    })
                })
                .collect()
        })
    }
}
