//! Bulk sending: one request per number, bounded concurrency, one outcome each.

use std::time::Duration;

use futures_util::StreamExt;
use lmt_bulksms::bulk::{BulkOptions, Outcome, Recipient};
use lmt_bulksms::{Client, Credentials, SendSms};
use test_support::scripted::{Reply, ScriptedServer};

use crate::fixture;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_request_per_number_within_the_concurrency() {
    let ok = fixture("push_success_doc.json").into_bytes();
    let refused = fixture("push_error_doc.json").into_bytes();
    let server = ScriptedServer::start(Duration::from_millis(30), move |n, _| match n {
        3 => Reply::Respond(200, refused.clone()),
        5 => Reply::Respond(503, b"busy".to_vec()),
        _ => Reply::Respond(200, ok.clone()),
    })
    .await;
    let client = Client::builder(Credentials::new("k", "p"))
        .base_url(server.url())
        .build()
        .unwrap();
    let recipients: Vec<Recipient> = (0..10)
        .map(|i| Recipient::new(format!("69412430{i}")))
        .collect();
    let deliveries: Vec<_> = client
        .bulk_send(
            &SendSms::new("Shop", "Bonjour"),
            futures_util::stream::iter(recipients),
            // A larger batch is capped at LMT's one number per request.
            &BulkOptions::new().concurrency(4).batch_size(50),
        )
        .unwrap()
        .collect()
        .await;
    assert_eq!(deliveries.len(), 10);
    assert_eq!(server.requests(), 10);
    assert!(server.max_in_flight() <= 4, "{}", server.max_in_flight());
    let kinds = |k: &str| deliveries.iter().filter(|d| d.outcome.kind() == k).count();
    assert_eq!(
        (kinds("sent"), kinds("refused"), kinds("unknown")),
        (8, 1, 1)
    );
    // LMT gives no id; each request carried its own number.
    assert!(
        deliveries
            .iter()
            .filter(|d| d.outcome.kind() == "sent")
            .all(|d| d.outcome == Outcome::Sent { id: None })
    );
    let mut phones: Vec<String> = server
        .bodies()
        .iter()
        .map(|b| {
            let form: Vec<(String, String)> = serde_urlencoded::from_bytes(b).unwrap();
            form.into_iter().find(|(k, _)| k == "phone").unwrap().1
        })
        .collect();
    phones.sort();
    phones.dedup();
    assert_eq!(phones.len(), 10);
}
