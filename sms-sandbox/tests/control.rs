//! The control API, from outside Rust: a message's detail (segments, units, timeline),
//! marking it delivered or failed (callbacks called), replying as its recipient, each
//! provider's faults, and the live event stream.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Duration;

use serde_json::{Value, json};
use sms_sandbox::{Accounts, Provider, Sandbox};

mod common;

use common::{capture, wait_for};

async fn get(url: &str) -> Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

async fn post(url: &str, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Sends an smsadvert message with a callback; returns its sandbox id.
async fn send(sb: &Sandbox, text: &str, callback: &str) -> u64 {
    reqwest::Client::new()
        .post(format!("{}/api/sms/", sb.base_url()))
        .header("Authorization", "demo-token")
        .json(&json!({"phone": "+40740123456", "shortTextMessage": text, "callback": callback}))
        .send()
        .await
        .unwrap();
    sb.messages().last().unwrap().id
}

#[tokio::test]
async fn detail_then_mark_failed_calls_back() {
    let (hook, seen) = capture().await;
    let sb = Sandbox::start().await.unwrap();
    let base = sb.base_url();
    let text = format!("{}€", "a".repeat(160));
    let id = send(&sb, &text, &hook).await;
    wait_for(|| (seen.lock().unwrap().len() == 1).then_some(())).await;
    let m = get(&format!("{base}/_sandbox/api/messages/{id}")).await;
    assert_eq!(m["encoding"], "gsm7");
    assert_eq!(m["units"], 162);
    // Split as the phone receives it: 153 septets, then the rest.
    assert_eq!(m["parts"].as_array().unwrap().len(), 2);
    assert_eq!(m["parts"][0].as_str().unwrap().len(), 153);
    let events: Vec<&str> = m["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["received", "delivered", "callback"], "{m}");
    assert_eq!(m["timeline"][2]["http_status"], 200);
    assert_eq!(m["timeline"][2]["url"], hook.as_str());

    let (status, after) = post(
        &format!("{base}/_sandbox/api/messages/{id}/status"),
        json!({"status": "failed"}),
    )
    .await;
    assert_eq!((status, after["status"].as_str()), (200, Some("failed")));
    let (_, body) = wait_for(|| seen.lock().unwrap().get(1).cloned()).await;
    let callback: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(callback["status"], "failed");
    assert_eq!(sb.messages()[0].status, sms_sandbox::Status::Failed);

    let (status, _) = post(
        &format!("{base}/_sandbox/api/messages/{id}/status"),
        json!({"status": "lost"}),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = post(
        &format!("{base}/_sandbox/api/messages/999/status"),
        json!({"status": "failed"}),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_reply_from_the_recipient_reaches_the_webhook() {
    let (hook, seen) = capture().await;
    let accounts = Accounts {
        allmysms_webhook_url: Some(hook),
        ..Accounts::default()
    };
    let sb = Sandbox::builder().accounts(accounts).start().await.unwrap();
    let base = sb.base_url();
    reqwest::Client::new()
        .post(format!("{base}/http/9.0/sendSms/"))
        .form(&[("login", "demo"), ("apiKey", "demo-api-key"), ("returnformat", "json"),
            ("smsData", "<DATA><MESSAGE>Hi</MESSAGE><SMS><MOBILEPHONE>33612345678</MOBILEPHONE></SMS></DATA>")])
        .send()
        .await
        .unwrap();
    let id = sb.messages()[0].id;
    let before = wait_for(|| {
        let n = seen.lock().unwrap().len();
        (n >= 1).then_some(n)
    })
    .await;
    let (status, reply) = post(
        &format!("{base}/_sandbox/api/messages/{id}/reply"),
        json!({"text": "STOP"}),
    )
    .await;
    assert_eq!(
        (
            status,
            reply["from"].as_str(),
            reply["in_reply_to"].as_u64()
        ),
        (201, Some("33612345678"), Some(id))
    );
    let (_, pushed) = wait_for(|| seen.lock().unwrap().get(before).cloned()).await;
    assert!(
        String::from_utf8_lossy(&pushed).contains("message=STOP"),
        "{}",
        String::from_utf8_lossy(&pushed)
    );
    let m = get(&format!("{base}/_sandbox/api/messages/{id}")).await;
    assert_eq!(m["replies"][0]["text"], "STOP");
    assert!(
        m["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "reply"),
        "{m}"
    );
}

#[tokio::test]
async fn faults_are_read_and_set_per_provider() {
    let sb = Sandbox::builder()
        .latency(Duration::from_millis(5))
        .start()
        .await
        .unwrap();
    let base = sb.base_url();
    let all = get(&format!("{base}/_sandbox/api/faults")).await;
    assert_eq!(all["smseco"]["latency_ms"], 5);
    let r = reqwest::Client::new()
        .put(format!("{base}/_sandbox/api/faults/smseco"))
        .json(&json!({"http_503_rate": 1.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let answer = reqwest::Client::new()
        .post(format!("{base}/api/xml/getbalance/"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 503);
    assert_eq!(
        get(&format!("{base}/_sandbox/api/faults")).await["smseco"]["http_503_rate"],
        1.0
    );
    let bad = reqwest::Client::new()
        .put(format!("{base}/_sandbox/api/faults/smseco"))
        .json(&json!({"http_503_rate": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let none = reqwest::Client::new()
        .put(format!("{base}/_sandbox/api/faults/nope"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), 404);
    assert_eq!(sb.messages_of(Provider::Smseco).len(), 0);
}

#[tokio::test]
async fn the_event_stream_tells_each_change() {
    let sb = Sandbox::start().await.unwrap();
    let base = sb.base_url();
    let mut events = reqwest::get(format!("{base}/_sandbox/api/events"))
        .await
        .unwrap();
    assert_eq!(events.headers()["content-type"], "text/event-stream");
    let (hook, _) = capture().await;
    let id = send(&sb, "Salut!", &hook).await;
    let mut text = String::new();
    while !text.contains("\"delivered\"") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), events.chunk())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(
        text.contains(&format!("{{\"event\":\"received\",\"id\":{id}}}")),
        "{text}"
    );
}
