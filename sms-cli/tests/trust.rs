//! The `sms` tool against a hostile gateway: root causes on stderr, "outcome unknown"
//! for every failure that may have sent, `known_not_sent` in every error document,
//! structured per-recipient errors, no credential printed, a closed stdout ending
//! quietly, and empty filters refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::{Command, Output, Stdio};

use serde_json::Value;
use sms_primitives::redact::Redactor;
use test_support::hostile::{Behavior, HostileServer};

/// Distinctive credentials, with characters every encoding changes.
const SECRET: &str = "Zq9x7-Cli&Secret+é !\"<>";
const HEADER_SECRET: &str = "Zq9x7CliHeaderSecret";
const LOGIN: &str = "zq9x7.cli@example.org";

fn env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("LMT_BULKSMS_API_KEY", HEADER_SECRET),
        ("LMT_BULKSMS_PASSWORD", SECRET),
        ("ALLMYSMS_LOGIN", LOGIN),
        ("ALLMYSMS_API_KEY", SECRET),
        ("SMSADVERT_TOKEN", HEADER_SECRET),
        ("SMSECO_LOGIN", LOGIN),
        ("SMSECO_PASSWORD", SECRET),
        ("CONNECT_MOBILE_LOGIN", LOGIN),
        ("CONNECT_MOBILE_API_PASSWORD", SECRET),
    ]
}

/// Runs `sms` (off the async runtime) with the distinctive credentials.
async fn sms(args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sms"));
        cmd.args(&args);
        for (k, v) in env() {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    })
    .await
    .unwrap()
}

/// Every send command, against `base`.
fn sends(base: &str) -> Vec<Vec<String>> {
    let s = |v: &[&str]| {
        let mut all: Vec<String> = v.iter().map(|x| (*x).to_owned()).collect();
        all.extend([
            "--base-url".to_owned(),
            base.to_owned(),
            "--timeout".to_owned(),
            "3".to_owned(),
        ]);
        all
    };
    vec![
        s(&[
            "lmt-bulksms",
            "send",
            "--to",
            "694124344",
            "--from",
            "S",
            "--text",
            "x",
        ]),
        s(&["allmysms", "send", "--to", "0612345678", "--text", "x"]),
        s(&["smsadvert", "send", "--to", "+40740123456", "--text", "abc"]),
        s(&[
            "smseco",
            "send",
            "--to",
            "2250707352518",
            "--from",
            "DEMO",
            "--text",
            "x",
        ]),
        s(&[
            "smseco",
            "send",
            "--format",
            "get-json",
            "--to",
            "2250707352518",
            "--from",
            "DEMO",
            "--text",
            "x",
        ]),
        s(&[
            "connect-mobile",
            "send",
            "--to",
            "33612345678",
            "--from",
            "S",
            "--text",
            "x",
        ]),
        s(&[
            "connect-mobile",
            "send",
            "--get",
            "--to",
            "33612345678",
            "--from",
            "S",
            "--text",
            "x",
        ]),
    ]
}

/// Checks one run's output: no credential (any encoding) nor whole number printed,
/// stdout one JSON document whose error has `known_not_sent`. The one place a number
/// may stand is `results[].phone`, the contract's key of each recipient's result (the
/// caller's own input).
fn check(args: &[String], out: &Output) -> (i32, Value, String) {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not one JSON document ({e}): {stdout}\n{stderr}"));
    let mut scanned = doc.clone();
    if let Some(results) = scanned.get_mut("results").and_then(Value::as_array_mut) {
        for r in results {
            r.as_object_mut().unwrap().remove("phone");
        }
    }
    let redactor = Redactor::new([SECRET, HEADER_SECRET]).basic_auth(LOGIN, SECRET);
    // stdout parsed as one document: scanning that document scans all of stdout.
    for text in [&scanned.to_string(), &stderr] {
        assert!(
            !text.contains("Zq9x7"),
            "{args:?} printed a credential: {text}"
        );
        assert_eq!(redactor.redact(text), *text, "{args:?}: {text}");
        for number in ["6123456", "0707352", "7401234", "6941243"] {
            assert!(!text.contains(number), "{args:?} printed a number: {text}");
        }
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
    (out.status.code().unwrap(), doc, stderr)
}

#[tokio::test(flavor = "multi_thread")]
async fn echo_pages_print_no_credential_and_say_the_outcome_is_unknown() {
    for behavior in [
        Behavior::Echo(500),
        Behavior::Echo(200),
        Behavior::Redirect(307),
    ] {
        let server = HostileServer::start(behavior.clone()).await;
        for args in sends(server.url()) {
            let argv: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = sms(&argv).await;
            let (code, doc, stderr) = check(&args, &out);
            assert_eq!(code, 3, "{behavior:?} {args:?}: {doc}");
            assert_eq!(doc["error"]["known_not_sent"], false, "{args:?}: {doc}");
            assert!(stderr.contains("outcome is unknown"), "{args:?}: {stderr}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn provider_errors_say_whether_the_outcome_is_unknown() {
    // Undocumented codes: exit 1 (the provider answered), outcome unknown.
    for (body, args) in [
        (
            "99|Erreur interne",
            vec![
                "connect-mobile",
                "send",
                "--to",
                "33612345678",
                "--from",
                "S",
                "--text",
                "x",
            ],
        ),
        (
            "<REPONSE><statut>-99</statut><texte>?</texte></REPONSE>",
            vec![
                "smseco",
                "send",
                "--to",
                "2250707352518",
                "--from",
                "DEMO",
                "--text",
                "x",
            ],
        ),
        (
            r#"{"status":199,"statusText":"?"}"#,
            vec!["allmysms", "send", "--to", "0612345678", "--text", "x"],
        ),
    ] {
        let server = HostileServer::start(Behavior::Respond {
            status: 200,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        })
        .await;
        let mut argv = args.clone();
        argv.extend(["--base-url", server.url()]);
        let out = sms(&argv).await;
        let owned: Vec<String> = argv.iter().map(|s| (*s).to_owned()).collect();
        let (code, doc, stderr) = check(&owned, &out);
        assert_eq!(
            (code, &doc["error"]["kind"]),
            (1, &Value::from("provider")),
            "{doc}"
        );
        assert_eq!(doc["error"]["known_not_sent"], false, "{doc}");
        assert!(stderr.contains("outcome is unknown"), "{stderr}");
    }
    // A documented refusal: known not sent, and stderr does not say "unknown".
    let server = HostileServer::start(Behavior::Respond {
        status: 200,
        headers: Vec::new(),
        body: format!("01|Login {LOGIN} / {SECRET} invalide").into_bytes(),
    })
    .await;
    let argv = [
        "connect-mobile",
        "send",
        "--to",
        "33612345678",
        "--from",
        "S",
        "--text",
        "x",
        "--base-url",
        server.url(),
    ];
    let out = sms(&argv).await;
    let owned: Vec<String> = argv.iter().map(|s| (*s).to_owned()).collect();
    let (code, doc, stderr) = check(&owned, &out);
    assert_eq!(
        (code, &doc["error"]["known_not_sent"]),
        (1, &Value::from(true))
    );
    assert!(!stderr.contains("unknown"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn stderr_shows_the_root_cause() {
    let closed = test_support::closed_port_url();
    let out = sms(&[
        "smseco",
        "send",
        "--to",
        "2250707352518",
        "--from",
        "D",
        "--text",
        "x",
        "--base-url",
        &closed,
    ])
    .await;
    let owned = vec![String::from("closed port")];
    let (code, doc, stderr) = check(&owned, &out);
    assert_eq!(
        (code, &doc["error"]["known_not_sent"]),
        (3, &Value::from(true))
    );
    assert!(
        stderr.to_lowercase().contains("connection refused"),
        "{stderr}"
    );
    assert!(!stderr.contains("unknown"), "{stderr}");

    let drip = HostileServer::start(Behavior::Drip(std::time::Duration::from_millis(200))).await;
    let out = sms(&[
        "smseco",
        "send",
        "--to",
        "2250707352518",
        "--from",
        "D",
        "--text",
        "x",
        "--base-url",
        drip.url(),
        "--timeout",
        "1",
    ])
    .await;
    let (code, doc, stderr) = check(&owned, &out);
    assert_eq!(
        (code, &doc["error"]["known_not_sent"]),
        (3, &Value::from(false))
    );
    assert!(stderr.to_lowercase().contains("timed out"), "{stderr}");
    assert!(stderr.contains("outcome is unknown"), "{stderr}");
    let out = sms(&["smseco", "balance", "--timeout", "0"]).await;
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn per_recipient_errors_are_structured() {
    let server = HostileServer::start(Behavior::Respond {
        status: 200,
        headers: Vec::new(),
        body: br#"{"status":"error","message":"phone is invalid","errors":["phone"]}"#.to_vec(),
    })
    .await;
    let argv = [
        "lmt-bulksms",
        "send",
        "--to",
        "694124344,694124345",
        "--from",
        "S",
        "--text",
        "x",
        "--base-url",
        server.url(),
    ];
    let out = sms(&argv).await;
    let owned: Vec<String> = argv.iter().map(|s| (*s).to_owned()).collect();
    let (code, doc, _) = check(&owned, &out);
    assert_eq!(code, 1, "{doc}");
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        assert_eq!(r["ok"], false);
        assert_eq!(r["error"]["kind"], "provider", "{r}");
        assert_eq!(r["error"]["known_not_sent"], true, "{r}");
        assert_eq!(r["error"]["text"], "phone is invalid; phone", "{r}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn empty_msgfid_is_invalid_input_and_sends_nothing() {
    let server = HostileServer::start(Behavior::Echo(200)).await;
    for flag in ["--msgfid", "--smsfid"] {
        let argv = ["smseco", "dlrs", flag, "", "--base-url", server.url()];
        let out = sms(&argv).await;
        let owned: Vec<String> = argv.iter().map(|s| (*s).to_owned()).collect();
        let (code, doc, _) = check(&owned, &out);
        assert_eq!(
            (code, &doc["error"]["kind"]),
            (2, &Value::from("invalid")),
            "{doc}"
        );
        assert_eq!(doc["error"]["known_not_sent"], true);
    }
    assert_eq!(server.requests(), 0);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_sms"))
        .args(["inspect", &"Bonjour ".repeat(2000)])
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
