//! End to end through the local sandbox (`sms-sandbox`): the delivery report arrives as a
//! real callback, received here by a mockito server and parsed with `DeliveryReport`.

use std::time::Duration;

use sms_sandbox::Sandbox;
use smsadvert::{Client, DeliveryReport, DeliveryStatus, Route, SendSms};

use crate::{recorder, seen};

#[tokio::test]
async fn send_then_receive_the_delivery_callback() {
    let sb = Sandbox::start().await.unwrap();
    let mut receiver = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _hook = receiver
        .mock("POST", "/dlr")
        .match_request(matcher)
        .with_body("OK")
        .create_async()
        .await;

    let client = Client::builder("demo-token")
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let sent = client
        .send_sms(
            &SendSms::new("Comanda a fost expediată")
                .recipients(["0740123456", "+40740123666"])
                .route(Route::Network)
                .callback(format!("{}/dlr", receiver.url())),
        )
        .await
        .unwrap();

    let mut reports = Vec::new();
    for _ in 0..200 {
        reports = seen(&log);
        if reports.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut statuses: Vec<DeliveryStatus> = reports
        .iter()
        .map(|r| DeliveryReport::from_json(&r.body).unwrap())
        .inspect(|r| assert_eq!(r.msg_id(), sent.msg_id()))
        .map(|r| r.status().clone())
        .collect();
    statuses.sort_by_key(|s| format!("{s:?}"));
    assert_eq!(
        statuses,
        [DeliveryStatus::Delivered, DeliveryStatus::Failed]
    );
}

#[tokio::test]
async fn a_scheduled_send_is_called_back_only_after_its_start_date() {
    let sb = Sandbox::start().await.unwrap();
    let mut receiver = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _hook = receiver
        .mock("POST", "/dlr")
        .match_request(matcher)
        .with_body("OK")
        .create_async()
        .await;
    let client = Client::builder("demo-token")
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let start = std::time::SystemTime::now() + Duration::from_millis(1500);
    let sent = std::time::Instant::now();
    client
        .send_sms(
            &SendSms::new("Programat")
                .to("0740123456")
                .start_date(start)
                .callback(format!("{}/dlr", receiver.url())),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(seen(&log).is_empty(), "called back before startDate");
    for _ in 0..300 {
        if !seen(&log).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(seen(&log).len(), 1, "called back once, after startDate");
    assert!(sent.elapsed() >= Duration::from_millis(1400));
}
