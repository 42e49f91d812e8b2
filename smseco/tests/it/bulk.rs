//! Bulk sending with `sendsms`: mail-merge values per recipient, `smsfid` matched by
//! destination.

use std::time::Duration;

use futures_util::StreamExt;
use smseco::bulk::{BulkOptions, Outcome, Recipient};
use smseco::{Client, Credentials, Format, SendSms};
use test_support::scripted::{Reply, ScriptedServer};

use crate::fixture;

#[tokio::test]
async fn smsfids_are_matched_by_destination() {
    let answer = fixture("sendsms_success.xml");
    let server = ScriptedServer::start(Duration::ZERO, move |_, _| {
        Reply::Respond(200, answer.clone())
    })
    .await;
    let client = Client::builder(Credentials::new("l", "p"))
        .base_url(server.url())
        .format(Format::Xml)
        .build()
        .unwrap();
    let recipients = vec![
        Recipient::new("225 05 44 27 10").param("nom", "Julie"),
        Recipient::new("22507352518").param("nom", "Marc"),
        Recipient::new("22501010101").param("nom", "Awa"),
        // No value for {nom}: refused before sending.
        Recipient::new("22502020202"),
    ];
    let deliveries: Vec<_> = client
        .bulk_send(
            &SendSms::new("DEMO", "Bonjour {nom}"),
            futures_util::stream::iter(recipients),
            &BulkOptions::new(),
        )
        .unwrap()
        .collect()
        .await;
    let outcome = |phone: &str| {
        deliveries
            .iter()
            .find(|d| d.recipient.phone == phone)
            .map(|d| d.outcome.clone())
            .unwrap()
    };
    assert_eq!(deliveries.len(), 4);
    assert_eq!(
        outcome("225 05 44 27 10"),
        Outcome::Sent {
            id: Some("55857bf80517a0-38726422".into())
        }
    );
    assert_eq!(
        outcome("22507352518"),
        Outcome::Sent {
            id: Some("55857bf80517a0-38726421".into())
        }
    );
    // Accepted, but not listed in the answer: unknown.
    assert_eq!(outcome("22501010101").kind(), "unknown");
    assert_eq!(outcome("22502020202").kind(), "refused");
    assert_eq!(server.requests(), 1);
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&server.bodies()[0]).unwrap();
    assert!(form[0].1.contains("<nom>Julie</nom>"), "{}", form[0].1);
}
