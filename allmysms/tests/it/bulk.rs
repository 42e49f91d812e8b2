//! Bulk sending with `sendSms`: `PARAM_n` per recipient on the wire, ids matched by
//! number, status 113 split into refused and unknown recipients.

use std::collections::HashMap;
use std::time::Duration;

use allmysms::bulk::{BulkOptions, Delivery, Outcome, Recipient};
use allmysms::{Client, Credentials, SendSms};
use futures_util::StreamExt;
use test_support::scripted::{Reply, ScriptedServer};

async fn run(url: &str, template: &SendSms, recipients: Vec<Recipient>) -> Vec<Delivery> {
    Client::builder(Credentials::new("login", "key"))
        .base_url(url)
        .build()
        .unwrap()
        .bulk_send(
            template,
            futures_util::stream::iter(recipients),
            &BulkOptions::new(),
        )
        .unwrap()
        .collect()
        .await
}

fn by_phone(deliveries: &[Delivery]) -> HashMap<&str, &Outcome> {
    deliveries
        .iter()
        .map(|d| (d.recipient.phone.as_str(), &d.outcome))
        .collect()
}

#[tokio::test]
async fn ids_are_matched_by_number_and_params_are_sent() {
    let answer = br#"{"status":100,"statusText":"ok","campaignId":"c1","smsIds":[
        {"phoneNumber":"33612345602","smsId":"id-2"},{"phoneNumber":"33612345601","smsId":"id-1"}]}"#;
    let server = ScriptedServer::start(Duration::ZERO, move |_, _| {
        Reply::Respond(200, answer.to_vec())
    })
    .await;
    let recipients = vec![
        Recipient::new("06 12 34 56 01").param("name", "Awa"),
        Recipient::new("+33612345602").param("name", "Marc"),
        Recipient::new("0612345603").param("name", "Lou"),
        // Two parameters where the text needs one: refused, not sent.
        Recipient::new("0612345604").param("a", "1").param("b", "2"),
    ];
    let deliveries = run(server.url(), &SendSms::new("Bonjour #param_1#"), recipients).await;
    let outcomes = by_phone(&deliveries);
    assert_eq!(outcomes.len(), 4);
    assert_eq!(
        outcomes["06 12 34 56 01"],
        &Outcome::Sent {
            id: Some("id-1".into())
        }
    );
    assert_eq!(
        outcomes["+33612345602"],
        &Outcome::Sent {
            id: Some("id-2".into())
        }
    );
    // Accepted without an id for it: unknown, never "sent" on a guess.
    assert_eq!(outcomes["0612345603"].kind(), "unknown");
    assert_eq!(outcomes["0612345604"].kind(), "refused");
    assert_eq!(server.requests(), 1);
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&server.bodies()[0]).unwrap();
    let data = &form.iter().find(|(k, _)| k == "smsData").unwrap().1;
    assert!(
        data.contains("<PARAM_1>Awa</PARAM_1>") && data.contains("<PARAM_1>Lou</PARAM_1>"),
        "{data}"
    );
    assert!(!data.contains("33612345604"), "{data}");
}

#[tokio::test]
async fn status_113_refuses_the_listed_numbers_only() {
    let answer = br#"{"status":113,"statusText":"Certains numeros sont invalides","invalidNumbers":"33612345602","campaignId":"c1","smsIds":[{"phoneNumber":"33612345601","smsId":"id-1"}]}"#;
    let server = ScriptedServer::start(Duration::ZERO, move |_, _| {
        Reply::Respond(200, answer.to_vec())
    })
    .await;
    let recipients = ["0612345601", "0612345602", "0612345603"]
        .map(Recipient::from)
        .to_vec();
    let deliveries = run(server.url(), &SendSms::new("Bonjour"), recipients).await;
    let outcomes = by_phone(&deliveries);
    assert!(matches!(outcomes["0612345602"], Outcome::Refused { code: Some(c), .. } if c == "113"));
    // The others may have been sent: unknown, the id kept for a check.
    assert!(
        matches!(outcomes["0612345601"], Outcome::Unknown { reason, .. } if reason.contains("id-1"))
    );
    assert_eq!(outcomes["0612345603"].kind(), "unknown");
}

#[tokio::test]
async fn the_rest_bulk_sends_param_n_and_matches_ids() {
    let answer = br#"{"code":100,"description":"sent","campaignId":"c-9","nbContacts":2,"nbSms":2,"smsIds":[{"phoneNumber":"33612345601","smsId":"r-1"}]}"#;
    let server = ScriptedServer::start(Duration::ZERO, move |_, _| {
        Reply::Respond(201, answer.to_vec())
    })
    .await;
    let client = allmysms::rest::Client::builder(Credentials::new("login", "key"))
        .base_url(server.url())
        .build()
        .unwrap();
    let recipients = vec![
        Recipient::new("0612345601").param("p1", "Awa"),
        Recipient::new("0612345602").param("p1", "Lou"),
    ];
    let deliveries: Vec<Delivery> = client
        .bulk_send(
            &allmysms::rest::BulkSms::new("Bonjour #param1#"),
            futures_util::stream::iter(recipients),
            &BulkOptions::new(),
        )
        .unwrap()
        .collect()
        .await;
    let outcomes = by_phone(&deliveries);
    assert_eq!(
        outcomes["0612345601"],
        &Outcome::Sent {
            id: Some("r-1".into())
        }
    );
    assert_eq!(outcomes["0612345602"].kind(), "unknown");
    let body: serde_json::Value = serde_json::from_slice(&server.bodies()[0]).unwrap();
    assert_eq!(
        body["to"],
        serde_json::json!([
            {"mobilePhone": "33612345601", "param1": "Awa"},
            {"mobilePhone": "33612345602", "param1": "Lou"}
        ])
    );
}
