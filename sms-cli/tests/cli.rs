//! The built `sms` binary against the sandbox: every command, and each exit status.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use sms_sandbox::{Fault, Provider, Sandbox};

mod common;

use common::sms;
use std::process::Command;

/// Runs against the sandbox and returns (exit status, stdout JSON).
async fn run(sb: &Sandbox, args: &[&str]) -> (i32, Value) {
    let base = sb.base_url();
    let mut all = vec!["--base-url", base.as_str()];
    all.extend_from_slice(args);
    let out = sms(&all, &[]).await;
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: stdout is not one JSON document ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), doc)
}

async fn ok(sb: &Sandbox, args: &[&str]) -> Value {
    let (code, doc) = run(sb, args).await;
    assert_eq!(code, 0, "{args:?}: {doc}");
    doc
}

#[tokio::test(flavor = "multi_thread")]
async fn lmt_and_smsadvert_and_connect_mobile() {
    let sb = Sandbox::start().await.unwrap();
    let doc = ok(
        &sb,
        &[
            "lmt-bulksms",
            "send",
            "--to",
            "694124344,677000000",
            "--from",
            "Shop",
            "--text",
            "Bonjour",
            "--flag",
            "long",
        ],
    )
    .await;
    assert_eq!(doc["results"].as_array().unwrap().len(), 2);
    assert_eq!(doc["results"][0]["message"], "message sent");
    assert_eq!(
        sb.messages_of(Provider::LmtBulksms)[0].details["flag"],
        "long_sms"
    );

    let doc = ok(
        &sb,
        &[
            "smsadvert",
            "send",
            "--to",
            "+40740123456",
            "--text",
            "Salut",
            "--route",
            "network",
            "--start",
            "2030-01-01T10:00:00.036+02:00",
            "--end",
            "2030-01-01T12:00:00Z",
        ],
    )
    .await;
    assert!(doc["msg_id"].is_string());
    let m = &sb.messages_of(Provider::Smsadvert)[0];
    // startDate/endDate are milliseconds: the `.036` is kept.
    assert_eq!(
        (m.details["route"].as_str(), m.details["startDate"].as_str()),
        ("network", "1893484800036")
    );

    let doc = ok(
        &sb,
        &[
            "connect-mobile",
            "send",
            "--to",
            "0612345678",
            "--from",
            "Shop",
            "--text",
            "Leçon à 18 h",
            "--flash",
            "--sender-type",
            "text",
        ],
    )
    .await;
    let id = doc["message_ids"][0].as_str().unwrap().to_owned();
    assert_eq!(doc["text_as_delivered"], "Le?on à 18 h");
    let doc = ok(&sb, &["connect-mobile", "status", "--msgid", &id]).await;
    assert_eq!(doc["delivered"], true);
    ok(
        &sb,
        &[
            "connect-mobile",
            "send",
            "--to",
            "0612345678",
            "--from",
            "Shop",
            "--text",
            "x",
            "--get",
            "--callback",
        ],
    )
    .await;
    let doc = ok(&sb, &["connect-mobile", "balance"]).await;
    assert_eq!(doc["sms"], 998);
}

#[tokio::test(flavor = "multi_thread")]
async fn allmysms_every_command() {
    let sb = Sandbox::start().await.unwrap();
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "simulate",
            "--to",
            "0612345678,0712345678",
            "--text",
            "Bonjour",
        ],
    )
    .await;
    assert_eq!(doc["nb_credits"], 30);
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "send",
            "--to",
            "0612345678",
            "--text",
            "Bonjour. STOP au 36180",
            "--from",
            "Shop",
            "--campaign",
            "c1",
            "--flash",
            "--format",
            "json",
        ],
    )
    .await;
    assert_eq!(doc["status"], 100);
    let campaign = doc["campaign_id"].as_str().unwrap().to_owned();
    let sms_id = doc["sms_ids"][0]["sms_id"].as_str().unwrap().to_owned();
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "send",
            "--to",
            "0612345678",
            "--text",
            "Plus tard",
            "--at",
            "2030-01-01 10:00:00",
        ],
    )
    .await;
    assert_eq!(doc["status"], 101);
    let doc = ok(&sb, &["allmysms", "acks", "--campaign", &campaign]).await;
    assert_eq!(doc["acks"][0]["status"], 1);
    let doc = ok(&sb, &["allmysms", "ack", "--sms-id", &sms_id]).await;
    assert_eq!(doc["status_label"], "Issued");
    let mid = sb.messages_of(Provider::Allmysms)[0].id;
    sb.inject_reply(Provider::Allmysms, "33612345678", "Oui", Some(mid))
        .await;
    let doc = ok(&sb, &["allmysms", "replies"]).await;
    assert_eq!(doc["replies"][0]["message"], "Oui");
    let doc = ok(&sb, &["allmysms", "replies", "--campaign", &campaign]).await;
    assert_eq!(doc["replies"].as_array().unwrap().len(), 1);
    let doc = ok(&sb, &["allmysms", "info"]).await;
    assert_eq!(doc["status"], "Active Account");
    assert!(doc.get("api_key").is_none(), "no secret on stdout");
    let doc = ok(&sb, &["allmysms", "blacklist"]).await;
    assert_eq!(doc["blacklist"][0]["comment"], "stop");
    let doc = ok(&sb, &["allmysms", "cost", "--country", "FR"]).await;
    assert_eq!(doc["nb_credits"], 15);
}

#[tokio::test(flavor = "multi_thread")]
async fn smseco_every_command_and_format() {
    let sb = Sandbox::start().await.unwrap();
    for format in ["xml", "json", "get", "get-json"] {
        let doc = ok(
            &sb,
            &[
                "smseco",
                "send",
                "--to",
                "22507352518",
                "--from",
                "DEMO",
                "--text",
                "Bonjour",
                "--format",
                format,
                "--msgid",
                "m1",
                "--at",
                "2030-01-01 10:00",
                "--flash",
                "--unicode",
            ],
        )
        .await;
        assert_eq!(doc["statut"], 1, "{format}");
        let msgfid = doc["msgfid"].as_str().unwrap().to_owned();
        let doc = ok(
            &sb,
            &["smseco", "dlrs", "--msgfid", &msgfid, "--format", format],
        )
        .await;
        assert_eq!(doc["messages"][0]["dlrs"][0]["statut"], 56, "{format}");
    }
    let m = &sb.messages_of(Provider::Smseco)[0];
    assert_eq!(
        (m.details["flash"].as_str(), m.details["unicode"].as_str()),
        ("1", "1")
    );
    let doc = ok(&sb, &["smseco", "balance"]).await;
    assert_eq!(doc["credits"], 996.0);
    let doc = ok(&sb, &["smseco", "senders", "--format", "json"]).await;
    assert_eq!(doc["senders"][0], "DEMO");
    let doc = ok(
        &sb,
        &[
            "smseco",
            "hlr",
            "--to",
            "22507352518,22505442710",
            "--msgid",
            "h1",
        ],
    )
    .await;
    assert_eq!(doc["statut"], 2);
    let doc = ok(&sb, &["smseco", "dlrs"]).await;
    assert_eq!(doc["messages"][0]["dlrs"][0]["texte"], "Numéro actif");
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_statuses() {
    let sb = Sandbox::start().await.unwrap();
    // 1: the provider answered with an error, its code and text on stderr.
    let base = sb.base_url();
    let out = sms(
        &[
            "smseco",
            "send",
            "--to",
            "22599999906",
            "--from",
            "DEMO",
            "--text",
            "x",
            "--base-url",
            &base,
        ],
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("-6") && stderr.contains("Pas assez de crédits"),
        "{stderr}"
    );
    let (code, doc) = run(
        &sb,
        &["allmysms", "send", "--to", "33699000103", "--text", "x"],
    )
    .await;
    assert_eq!((code, doc["error"]["code"].as_str()), (1, Some("103")));
    let (code, _) = run(
        &sb,
        &[
            "lmt-bulksms",
            "send",
            "--to",
            "699000001",
            "--from",
            "S",
            "--text",
            "x",
        ],
    )
    .await;
    assert_eq!(code, 1);
    let (code, _) = run(
        &sb,
        &["smsadvert", "send", "--to", "+40799000002", "--text", "abc"],
    )
    .await;
    assert_eq!(code, 1);
    let (code, _) = run(
        &sb,
        &[
            "connect-mobile",
            "send",
            "--to",
            "33699000002",
            "--from",
            "S",
            "--text",
            "x",
        ],
    )
    .await;
    assert_eq!(code, 1);

    // 2: invalid input or usage, nothing sent.
    let before = sb.messages().len();
    for args in [
        &[
            "smseco", "send", "--to", "12ab", "--from", "DEMO", "--text", "x",
        ][..],
        &["allmysms", "send", "--to", "0612345678", "--text", ""],
        &["smsadvert", "send", "--to", "+40740123456", "--text", "ab"],
        &[
            "smsadvert",
            "send",
            "--to",
            "+40740123456",
            "--text",
            "abc",
            "--start",
            "tomorrow",
        ],
        &[
            "connect-mobile",
            "send",
            "--to",
            "0612345678",
            "--from",
            "S",
            "--text",
            &"x".repeat(161),
        ],
        &[
            "smseco",
            "send",
            "--to",
            "22507352518",
            "--from",
            "DEMO",
            "--text",
            "x",
            "--at",
            "2030-02-30 10:00",
        ],
        &[
            "lmt-bulksms",
            "send",
            "--to",
            "694124344",
            "--from",
            "MuchTooLongSender",
            "--text",
            "x",
        ],
    ] {
        let (code, doc) = run(&sb, args).await;
        assert_eq!(code, 2, "{args:?}: {doc}");
        assert_eq!(doc["error"]["kind"], "invalid");
    }
    assert_eq!(sb.messages().len(), before, "nothing sent");
    let out = sms(
        &["smseco", "balance", "--base-url", &base],
        &[("SMSECO_PASSWORD", "")],
    )
    .await;
    assert_eq!(out.status.code(), Some(2), "missing credential");
    let out = sms(&["smseco", "frobnicate"], &[]).await;
    assert_eq!(out.status.code(), Some(2), "usage");
    let out = sms(&["phone", "06 12"], &[]).await;
    assert_eq!(out.status.code(), Some(2));

    // 3: transport failure, or an answer that cannot be understood.
    let out = sms(
        &["smseco", "balance", "--base-url", "http://127.0.0.1:9"],
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(3));
    sb.set_fault(
        Provider::ConnectMobile,
        Fault {
            close_after_read: true,
            ..Fault::default()
        },
    );
    let (code, doc) = run(
        &sb,
        &[
            "connect-mobile",
            "send",
            "--to",
            "0612345678",
            "--from",
            "S",
            "--text",
            "x",
        ],
    )
    .await;
    assert_eq!(code, 3);
    assert_eq!(
        doc["error"]["known_not_sent"], false,
        "the message did go out"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_base_url_from_env_inspect_phone_demo() {
    let sb = Sandbox::start().await.unwrap();
    let out = sms(
        &[
            "smseco",
            "--dry-run",
            "send",
            "--to",
            "22507352518",
            "--from",
            "DEMO",
            "--text",
            "Bonjour",
        ],
        &[("SMSECO_PASSWORD", "Sup3r&Secret")],
    )
    .await;
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("Sup3r") && stdout.contains("***"),
        "{stdout}"
    );
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        doc["requests"][0]["url"],
        "http://www.smseco.com/api/xml/sendsms/"
    );
    assert!(sb.messages().is_empty());

    // The base URL from the environment, with a path prefix.
    let base = sb.base_url();
    let out = sms(&["smseco", "balance"], &[("SMSECO_BASE_URL", &base)]).await;
    assert_eq!(out.status.code(), Some(0));

    let out = sms(&["inspect", &"é".repeat(161)], &[]).await;
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            doc["encoding"].as_str(),
            doc["units"].as_u64(),
            doc["segments"].as_u64(),
            doc["remaining"].as_u64()
        ),
        (Some("gsm7"), Some(161), Some(2), Some(145))
    );
    assert_eq!(doc["parts"].as_array().unwrap().len(), 2);
    let out = sms(&["inspect", "Ședință", "--transliterate"], &[]).await;
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (doc["encoding"].as_str(), doc["text"].as_str()),
        (Some("gsm7"), Some("Sedinta"))
    );

    let out = sms(&["phone", "694124344", "--region", "CM"], &[]).await;
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            doc["e164"].as_str(),
            doc["country_code"].as_u64(),
            doc["national_number"].as_str()
        ),
        (Some("+237694124344"), Some(237), Some("694124344"))
    );

    let out = sms(&["demo"], &[]).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["providers"].as_array().unwrap().len(), 5);
    assert!(String::from_utf8_lossy(&out.stderr).contains("all five gateways answered"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_command_serves_until_killed() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_sms"))
        .args([
            "sandbox",
            "--port",
            &port.to_string(),
            "--host",
            "127.0.0.1",
        ])
        .args([
            "--latency",
            "5ms",
            "--dlr-delay",
            "2s",
            "--max-messages",
            "50",
        ])
        .args([
            "--fault",
            "smseco:503=1",
            "--fault",
            "smseco:latency=20ms",
            "--fault",
            "lmt-bulksms:cut=true",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // The port may be bound before the JSON is written: read the one document from the
    // pipe (the reader returns as soon as it is complete), then stop the sandbox.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let first = serde_json::Deserializer::from_reader(stdout)
            .into_iter::<Value>()
            .next();
        let _ = tx.send(first);
    });
    let first = rx.recv_timeout(std::time::Duration::from_secs(10));
    // The options reached the sandbox: its faults and limits say so.
    let base = format!("http://127.0.0.1:{port}");
    let faults: Value = sms_http::reqwest::get(format!("{base}/_sandbox/api/faults"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stats: Value = sms_http::reqwest::get(format!("{base}/_sandbox/api/stats"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(up, "the sandbox did not listen");
    let doc: Value = first.unwrap().unwrap().unwrap();
    assert_eq!(doc["base_url"], format!("http://127.0.0.1:{port}"));
    assert_eq!(doc["credentials"]["SMSECO_LOGIN"], "demo@smseco.com");
    assert_eq!(doc["inbox"], format!("{base}/_sandbox/"));
    assert_eq!(
        (
            faults["smseco"]["http_503_rate"].as_f64(),
            faults["smseco"]["latency_ms"].as_u64()
        ),
        (Some(1.0), Some(20))
    );
    assert_eq!(faults["lmt-bulksms"]["cut_after_processing"], true);
    assert_eq!(faults["allmysms"]["latency_ms"], 5);
    assert_eq!(stats["max_messages"], 50);
    // A bad fault is invalid input.
    let out = common::sms(&["sandbox", "--fault", "smseco:teapot=1"], &[]).await;
    assert_eq!(out.status.code(), Some(2));
}
