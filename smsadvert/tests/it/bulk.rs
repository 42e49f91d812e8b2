//! Bulk sending with the real client against a scripted local server: batches at the
//! documented limit, bounded concurrency, exactly one outcome per recipient under
//! every fault, never a resend of what may have arrived, stop and drop.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::StreamExt;
use smsadvert::bulk::{BulkOptions, Delivery, Outcome, Recipient, Retry, StopSignal};
use smsadvert::{Client, SendSms};
use test_support::scripted::{Reply, ScriptedServer};

const OK: &[u8] = br#"{"successMessage": "ok", "msgId": "m-1"}"#;

fn client(url: &str) -> Client {
    Client::builder("token")
        .base_url(url)
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

/// `n` distinct Romanian mobile numbers.
fn numbers(n: usize) -> Vec<Recipient> {
    (0..n)
        .map(|i| Recipient::new(format!("+407401{i:05}")))
        .collect()
}

async fn run(client: &Client, recipients: Vec<Recipient>, options: &BulkOptions) -> Vec<Delivery> {
    client
        .bulk_send(
            &SendSms::new("Promoție"),
            futures_util::stream::iter(recipients),
            options,
        )
        .unwrap()
        .collect()
        .await
}

/// The numbers a request body carried.
fn phones(body: &[u8]) -> usize {
    let json: serde_json::Value = serde_json::from_slice(body).unwrap();
    json["phone"].as_str().unwrap().split(',').count()
}

/// Every recipient has exactly one outcome.
fn one_each(deliveries: &[Delivery], recipients: usize) -> HashMap<&str, &Outcome> {
    let by_phone: HashMap<&str, &Outcome> = deliveries
        .iter()
        .map(|d| (d.recipient.phone.as_str(), &d.outcome))
        .collect();
    assert_eq!(deliveries.len(), recipients, "one delivery per recipient");
    assert_eq!(by_phone.len(), recipients, "no recipient twice");
    by_phone
}

#[tokio::test]
async fn batches_follow_the_documented_limit() {
    for (count, requests) in [(1000, 1), (1001, 2)] {
        let server =
            ScriptedServer::start(Duration::ZERO, |_, _| Reply::Respond(200, OK.to_vec())).await;
        let deliveries = run(&client(server.url()), numbers(count), &BulkOptions::new()).await;
        one_each(&deliveries, count);
        assert!(deliveries.iter().all(|d| d.outcome
            == Outcome::Sent {
                id: Some("m-1".into())
            }));
        let bodies = server.bodies();
        assert_eq!(bodies.len(), requests, "{count} recipients");
        assert_eq!(bodies.iter().map(|b| phones(b)).sum::<usize>(), count);
        assert!(bodies.iter().all(|b| phones(b) <= 1000));
    }
    // A smaller batch on request; a larger one is capped at the documented 1,000.
    let server =
        ScriptedServer::start(Duration::ZERO, |_, _| Reply::Respond(200, OK.to_vec())).await;
    run(
        &client(server.url()),
        numbers(25),
        &BulkOptions::new().batch_size(10),
    )
    .await;
    assert_eq!(server.requests(), 3);
    let server =
        ScriptedServer::start(Duration::ZERO, |_, _| Reply::Respond(200, OK.to_vec())).await;
    run(
        &client(server.url()),
        numbers(1500),
        &BulkOptions::new().batch_size(5000),
    )
    .await;
    assert_eq!(server.requests(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_is_never_exceeded() {
    let server = ScriptedServer::start(Duration::from_millis(40), |_, _| {
        Reply::Respond(200, OK.to_vec())
    })
    .await;
    let options = BulkOptions::new().batch_size(1).concurrency(3);
    let deliveries = run(&client(server.url()), numbers(24), &options).await;
    one_each(&deliveries, 24);
    assert_eq!(server.requests(), 24);
    assert_eq!(
        server.max_in_flight(),
        3,
        "at most 3 at once, and 3 were used"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_gives_one_outcome_and_no_resend() {
    // Request n: 503, cut after reading, no answer (timeout), a documented refusal
    // (field errors), a success.
    let server = ScriptedServer::start(Duration::ZERO, |n, _| match n % 5 {
        0 => Reply::Respond(503, b"busy".to_vec()),
        1 => Reply::Cut,
        2 => Reply::Hang,
        3 => Reply::Respond(400, br#"{"errors": {"phone": "Invalid phone"}}"#.to_vec()),
        _ => Reply::Respond(200, OK.to_vec()),
    })
    .await;
    let options = BulkOptions::new()
        .batch_size(2)
        .concurrency(1)
        .retry(Retry {
            max_attempts: 3,
            delay: Duration::ZERO,
        });
    let deliveries = run(&client(server.url()), numbers(10), &options).await;
    let outcomes = one_each(&deliveries, 10);
    // Five requests of two: nothing sent twice, even with retries on.
    assert_eq!(server.requests(), 5);
    let kinds: Vec<&str> = (0..10)
        .map(|i| outcomes[format!("+407401{i:05}").as_str()].kind())
        .collect();
    assert_eq!(
        kinds,
        [
            "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "refused", "refused",
            "sent", "sent"
        ]
    );
    assert!(deliveries.iter().all(|d| d.attempts == 1));
}

#[tokio::test]
async fn connection_refused_is_retried_only_when_asked() {
    let closed = test_support::closed_port_url();
    let deliveries = run(&client(&closed), numbers(2), &BulkOptions::new()).await;
    for d in &deliveries {
        assert!(
            matches!(
                &d.outcome,
                Outcome::Refused {
                    retryable: true,
                    ..
                }
            ),
            "{:?}",
            d.outcome
        );
        assert_eq!(d.attempts, 1);
    }
    let retry = BulkOptions::new().retry(Retry {
        max_attempts: 3,
        delay: Duration::ZERO,
    });
    let deliveries = run(&client(&closed), numbers(2), &retry).await;
    assert!(
        deliveries
            .iter()
            .all(|d| d.attempts == 3 && d.outcome.is_known_not_sent())
    );
}

#[tokio::test]
async fn invalid_recipients_are_refused_without_a_request() {
    let server =
        ScriptedServer::start(Duration::ZERO, |_, _| Reply::Respond(200, OK.to_vec())).await;
    let recipients = vec![
        Recipient::new("not a number"),
        Recipient::new("+40740100001").param("name", "Ana"),
        Recipient::new("+40740100002"),
    ];
    let deliveries = run(&client(server.url()), recipients, &BulkOptions::new()).await;
    let outcomes = one_each(&deliveries, 3);
    assert_eq!(outcomes["not a number"].kind(), "refused");
    assert_eq!(outcomes["+40740100001"].kind(), "refused");
    assert_eq!(outcomes["+40740100002"].kind(), "sent");
    assert_eq!(server.requests(), 1);
    assert_eq!(phones(&server.bodies()[0]), 1);
    // A bad text: refused before anything starts.
    assert!(
        client(server.url())
            .bulk_send(
                &SendSms::new("no"),
                futures_util::stream::iter(numbers(1)),
                &BulkOptions::new()
            )
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_lets_requests_in_flight_finish_and_starts_no_new_one() {
    let server = ScriptedServer::start(Duration::from_millis(100), |_, _| {
        Reply::Respond(200, OK.to_vec())
    })
    .await;
    let stop = StopSignal::new();
    let options = BulkOptions::new()
        .batch_size(1)
        .concurrency(2)
        .stop_signal(stop.clone());
    let mut stream = client(server.url())
        .bulk_send(
            &SendSms::new("Promoție"),
            futures_util::stream::iter(numbers(50)),
            &options,
        )
        .unwrap();
    let first = stream.next().await.unwrap();
    stop.stop();
    let mut deliveries = vec![first];
    while let Some(d) = stream.next().await {
        deliveries.push(d);
    }
    // What reached the server has an outcome, and nothing else was sent.
    assert_eq!(deliveries.len(), server.requests());
    assert!(deliveries.iter().all(|d| d.outcome.kind() == "sent"));
    assert!(server.requests() <= 4, "{} requests", server.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_the_stream_starts_no_new_request() {
    let server = ScriptedServer::start(Duration::from_millis(50), |_, _| {
        Reply::Respond(200, OK.to_vec())
    })
    .await;
    let options = BulkOptions::new().batch_size(1).concurrency(2);
    let mut stream = client(server.url())
        .bulk_send(
            &SendSms::new("Promoție"),
            futures_util::stream::iter(numbers(50)),
            &options,
        )
        .unwrap();
    stream.next().await.unwrap();
    drop(stream);
    let seen = server.requests();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(server.requests(), seen);
    assert!(seen <= 3, "{seen} requests");
}
