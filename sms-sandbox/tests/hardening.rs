//! The sandbox as something left running: hostile requests cannot crash it, other sites
//! cannot read or change it, slow clients cannot hold it, and it stays small.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Duration;

use serde_json::{Value, json};
use sms_sandbox::{Provider, Sandbox};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends raw bytes and returns the whole answer (the server closes or answers).
async fn raw(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

async fn smsadvert_send(sb: &Sandbox, to: &str) {
    let r = reqwest::Client::new()
        .post(format!("{}/api/sms/", sb.base_url()))
        .header("Authorization", "demo-token")
        .json(&json!({"phone": to, "shortTextMessage": "Salut!"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
}

#[tokio::test]
async fn a_deeply_nested_xml_request_is_refused_without_crashing() {
    let sb = Sandbox::start().await.unwrap();
    // 60,000 levels in 420 KB: under the body limit, so the XML reader sees it.
    let deep = format!("{}{}", "<a>".repeat(60_000), "</a>".repeat(60_000));
    for (path, field) in [
        ("/api/xml/sendsms/", "XML"),
        ("/http/9.0/sendSms/", "smsData"),
    ] {
        let r = reqwest::Client::new()
            .post(format!("{}{path}", sb.base_url()))
            .form(&[
                (field, deep.as_str()),
                ("login", "demo"),
                ("apiKey", "demo-api-key"),
            ])
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let body = r.text().await.unwrap();
        assert_ne!(status, 413, "{path}: the parser must see the request");
        // SMSECO's −1 "XML invalide"; AllMySMS's 106/107/109/112 "Flux XML invalide".
        assert!(
            body.contains("-1") || body.contains("XML"),
            "{path}: {status} {body}"
        );
    }
    // Still alive.
    let r = reqwest::get(format!("{}/_sandbox/api/stats", sb.base_url()))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn the_control_api_answers_only_its_own_host_names() {
    let sb = Sandbox::start().await.unwrap();
    let port = sb.addr().port();
    for host in ["evil.example", "127.0.0.1.evil.example", "10.0.0.1"] {
        let answer = raw(
            sb.addr(),
            format!("GET /_sandbox/api/messages HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 403"), "{host}: {answer}");
        let answer = raw(
            sb.addr(),
            format!("GET /_sandbox/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 403"), "{host}: {answer}");
    }
    for host in [
        "localhost",
        "127.0.0.1",
        "[::1]",
        "app.localhost",
        "127.1.2.3",
    ] {
        let answer = raw(
            sb.addr(),
            format!("GET /_sandbox/api/messages HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
    }
    // The gateways themselves keep answering any host (clients use real names).
    let answer = raw(
        sb.addr(),
        b"POST /api/sms/ HTTP/1.1\r\nHost: www.smsadvert.io\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    )
    .await;
    assert!(!answer.starts_with("HTTP/1.1 403"), "{answer}");
}

#[tokio::test]
async fn other_sites_cannot_change_the_sandbox() {
    let sb = Sandbox::start().await.unwrap();
    smsadvert_send(&sb, "+40740123456").await;
    let base = sb.base_url();
    let http = reqwest::Client::new();
    for (name, value) in [
        ("Origin", "https://evil.example"),
        ("Origin", "http://localhost:1"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Site", "same-site"),
    ] {
        let r = http
            .delete(format!("{base}/_sandbox/api/messages"))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{name}: {value}");
        let r = http
            .post(format!("{base}/_sandbox/api/replies"))
            .header(name, value)
            .json(&json!({"provider": "allmysms", "from": "33612345678", "text": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{name}: {value}");
    }
    assert_eq!(sb.messages().len(), 1, "nothing was deleted");
    // The same origin, or no browser at all (curl), may.
    let r = http
        .delete(format!("{base}/_sandbox/api/messages"))
        .header("Origin", base.as_str())
        .header("Sec-Fetch-Site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(sb.messages().is_empty());
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_dropped() {
    let sb = Sandbox::builder()
        .header_read_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let started = std::time::Instant::now();
    // Half a request line, then silence.
    let answer = raw(sb.addr(), b"GET /_sandbox/api/mess").await;
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(5), "held for {waited:?}");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

#[tokio::test]
async fn kept_messages_are_capped_oldest_first_and_counted() {
    let sb = Sandbox::builder().max_messages(3).start().await.unwrap();
    for i in 0..5 {
        smsadvert_send(&sb, &format!("+4074012345{i}")).await;
    }
    let kept: Vec<String> = sb.messages().iter().map(|m| m.recipient.clone()).collect();
    assert_eq!(kept.len(), 3);
    assert!(
        kept[0].ends_with("452") && kept[2].ends_with("454"),
        "{kept:?}"
    );
    assert_eq!(sb.dropped_messages(), 2);
    let stats: Value = reqwest::get(format!("{}/_sandbox/api/stats", sb.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats,
        json!({"messages": 3, "max_messages": 3, "dropped_messages": 2, "replies": 0})
    );
}

#[tokio::test]
async fn deleting_one_providers_messages_keeps_the_others() {
    let sb = Sandbox::start().await.unwrap();
    smsadvert_send(&sb, "+40740123456").await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/xml/sendsms/", sb.base_url()))
        .form(&[("XML", "<SMS><compte><login>demo@smseco.com</login><password>demo</password></compte><message><expediteur>DEMO</expediteur><msg>Bonjour</msg></message><destinataires><numero>22507352518</numero></destinataires></SMS>")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(sb.messages().len(), 2, "{}", r.text().await.unwrap());
    let r = reqwest::Client::new()
        .delete(format!(
            "{}/_sandbox/api/messages?provider=smsadvert",
            sb.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let left = sb.messages();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].provider, Provider::Smseco);
}
