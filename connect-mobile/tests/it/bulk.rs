//! Bulk sending: one recipient per request by default (each id known); a larger batch
//! cannot match lines to recipients.

use std::time::Duration;

use connect_mobile::SendSms;
use connect_mobile::bulk::{BulkOptions, Delivery, Outcome, Recipient};
use futures_util::StreamExt;
use test_support::scripted::{Reply, ScriptedServer};

use crate::builder_for;

async fn run(url: &str, options: &BulkOptions) -> Vec<Delivery> {
    let recipients = ["0612345601", "0612345602"].map(Recipient::from);
    builder_for(url)
        .build()
        .unwrap()
        .bulk_send(
            &SendSms::new("Shop", "Bonjour"),
            futures_util::stream::iter(recipients),
            options,
        )
        .unwrap()
        .collect()
        .await
}

#[tokio::test]
async fn one_recipient_per_request_keeps_each_id() {
    let server = ScriptedServer::start(Duration::ZERO, |n, _| {
        Reply::Respond(200, format!("16685255{n}|Message envoyé").into_bytes())
    })
    .await;
    let deliveries = run(server.url(), &BulkOptions::new().concurrency(1)).await;
    assert_eq!(server.requests(), 2);
    let mut ids: Vec<_> = deliveries
        .iter()
        .map(|d| match &d.outcome {
            Outcome::Sent { id: Some(id) } => id.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    ids.sort();
    assert_eq!(ids, ["166852550", "166852551"]);
}

#[tokio::test]
async fn a_larger_batch_is_sent_without_ids() {
    let server = ScriptedServer::start(Duration::ZERO, |_, _| {
        Reply::Respond(200, b"166852550|Message envoy\xe9".to_vec())
    })
    .await;
    let deliveries = run(server.url(), &BulkOptions::new().batch_size(2)).await;
    assert_eq!(server.requests(), 1);
    assert!(
        deliveries
            .iter()
            .all(|d| d.outcome == Outcome::Sent { id: None })
    );
    let refused = ScriptedServer::start(Duration::ZERO, |_, _| {
        Reply::Respond(200, b"02|Vous n'avez pas assez de cr\xe9dit".to_vec())
    })
    .await;
    let deliveries = run(refused.url(), &BulkOptions::new()).await;
    assert!(
        deliveries
            .iter()
            .all(|d| matches!(&d.outcome, Outcome::Refused { code: Some(c), .. } if c == "02"))
    );
}
