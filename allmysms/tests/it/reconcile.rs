//! `Reconcile` (feature `outbox`): an unknown recipient's `smsId` asked with
//! `getAckBySmsId`, a `campaign:<id>` with `getAcks`.
#![cfg(feature = "outbox")]

use allmysms::bulk::{Outcome, Recipient, Reconcile, Unresolved};
use allmysms::{BulkSender, SendSms};

use crate::{builder, mock, pairs, params, seen};

#[tokio::test]
async fn sms_ids_and_campaigns_are_asked_about() {
    let mut server = mockito::Server::new_async().await;
    let (ack, ack_log) = mock(
        &mut server,
        "getAckBySmsId",
        br#"{"phoneNumber": "33612345601", "statut": "3", "comment": "Transmitted", "receptionDate": "2026-12-01 10:00:00"}"#,
    )
    .await;
    let (acks, acks_log) = mock(
        &mut server,
        "getAcks",
        br#"{"acks": [{"phoneNumber": "33612345602", "statut": "1", "comment": "Delivered", "receptionDate": "2026-12-01 10:00:00"}]}"#,
    )
    .await;
    let client = builder(&server).build().unwrap();
    let sender = BulkSender::new(client, SendSms::new("Bonjour")).unwrap();
    let item = |phone: &str, id: &str| Unresolved {
        recipient: Recipient::new(phone),
        id: id.into(),
    };
    let settled = sender
        .reconcile(&[
            item("0612345601", "sms-9"),
            item("06 12 34 56 02", "campaign:c-7"),
            // Not in the campaign's acknowledgements: it stays unknown.
            item("0612345603", "campaign:c-7"),
        ])
        .await;
    assert_eq!(
        settled,
        [
            Some(Outcome::Sent {
                id: Some("sms-9".into())
            }),
            Some(Outcome::Sent { id: None }),
            None,
        ]
    );
    ack.assert_async().await;
    acks.assert_async().await;
    assert_eq!(params(&seen(&ack_log)[0]), pairs(&[("smsId", "sms-9")]));
    // One getAcks for the campaign, whatever the number of its recipients.
    let asked = seen(&acks_log);
    assert_eq!(asked.len(), 1);
    assert_eq!(params(&asked[0]), pairs(&[("campId", "c-7")]));
}
