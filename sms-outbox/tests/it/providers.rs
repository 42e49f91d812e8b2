//! Real provider senders through the outbox, against the sandbox.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use sms_outbox::{Campaign, Recipient, State};
use sms_sandbox::{Provider, Sandbox};

use crate::{databases, unique};

fn ivorian(n: usize) -> Vec<(String, Recipient)> {
    (0..n)
        .map(|i| {
            let phone = format!("22507{i:08}");
            (phone.clone(), Recipient::new(phone))
        })
        .collect()
}

#[tokio::test]
async fn smseco_campaign_reaches_the_sandbox_once_per_recipient() {
    let sb = Sandbox::builder()
        .latency(Duration::from_millis(20))
        .start()
        .await
        .unwrap();
    for outbox in databases("smseco").await {
        sb.clear();
        sb.set_balance(Provider::Smseco, 1_000_000);
        let client = smseco::Client::builder(smseco::Credentials::new("demo@smseco.com", "demo"))
            .base_url(sb.base_url())
            .build()
            .unwrap();
        let template = smseco::SendSms::new("DEMO", "Bonjour {nom}");
        let id = unique("smseco");
        outbox
            .create_campaign(&Campaign {
                id: id.clone(),
                provider: "smseco".into(),
                template: serde_json::to_value(&template).unwrap(),
            })
            .await
            .unwrap();
        // The template read back from the database is what the worker sends.
        let stored: smseco::SendSms =
            serde_json::from_value(outbox.campaign(&id).await.unwrap().template).unwrap();
        let recipients: Vec<(String, Recipient)> = ivorian(1_050)
            .into_iter()
            .map(|(k, r)| (k, r.param("nom", "Awa")))
            .collect();
        outbox.enqueue(&id, recipients).await.unwrap();
        let sender = Arc::new(smseco::BulkSender::new(client, stored).unwrap());
        let report = outbox
            .worker(&id, sender)
            .batch_size(100)
            .concurrency(4)
            .run()
            .await
            .unwrap();
        let records = outbox.records(&id).await.unwrap();
        let refused: Vec<_> = records
            .iter()
            .filter(|r| r.state != State::Sent)
            .map(|r| (&r.key, &r.code, &r.message))
            .take(3)
            .collect();
        assert_eq!((report.sent, report.requests), (1_050, 11), "{refused:?}");
        let mut received: HashMap<String, u32> = HashMap::new();
        for m in sb.messages_of(Provider::Smseco) {
            assert_eq!(m.text, "Bonjour Awa");
            *received.entry(m.recipient).or_default() += 1;
        }
        assert_eq!(received.len(), 1_050);
        assert!(received.values().all(|n| *n == 1));
        let records = outbox.records(&id).await.unwrap();
        assert!(
            records
                .iter()
                .all(|r| r.state == State::Sent && r.id.is_some())
        );
    }
}

#[tokio::test]
async fn lmt_one_request_per_recipient_with_a_rate() {
    let sb = Sandbox::start().await.unwrap();
    let outbox = databases("lmt").await.remove(0);
    let client = lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new(
        "demo-api-key",
        "demo-password",
    ))
    .base_url(sb.base_url())
    .build()
    .unwrap();
    let template = lmt_bulksms::SendSms::new("DEMO", "Bonjour");
    let id = unique("lmt");
    outbox
        .create_campaign(&Campaign {
            id: id.clone(),
            provider: "lmt-bulksms".into(),
            template: json!({"sender": "DEMO", "message": "Bonjour"}),
        })
        .await
        .unwrap();
    let people: Vec<(String, Recipient)> = (0..12)
        .map(|i| {
            let phone = format!("2376991000{i:02}");
            (phone.clone(), Recipient::new(phone))
        })
        .collect();
    outbox.enqueue(&id, people).await.unwrap();
    let sender = Arc::new(lmt_bulksms::BulkSender::new(client, template).unwrap());
    let started = std::time::Instant::now();
    let report = outbox
        .worker(&id, sender)
        .concurrency(8)
        .rate(40.0)
        .run()
        .await
        .unwrap();
    let records = outbox.records(&id).await.unwrap();
    let refused: Vec<_> = records
        .iter()
        .filter(|r| r.state != State::Sent)
        .map(|r| (&r.key, &r.code, &r.message))
        .collect();
    assert_eq!((report.sent, report.requests), (12, 12), "{refused:?}");
    // 12 starts at 40 a second: the last one at least 275 ms after the first.
    assert!(started.elapsed() >= Duration::from_millis(275));
    assert_eq!(sb.messages_of(Provider::LmtBulksms).len(), 12);
}
