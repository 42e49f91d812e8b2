//! `sms <provider> send --to-file`: end to end against the sandbox (journal, resume,
//! bad lines, parameters, an interrupted run) and a scripted gateway (exit statuses).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use sms_sandbox::{Fault, Provider, Sandbox};
use test_support::scripted::{Reply, ScriptedServer};

mod common;

/// A fresh directory for one test's files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sms-bulk-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(path: &Path, text: &str) -> String {
    std::fs::write(path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Runs `sms` with `args` against `base`; returns (status, stdout JSON, stderr).
async fn sms(base: &str, args: &[&str]) -> (i32, Value, String) {
    common::sms_json(base, args).await
}

fn journal(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Cameroonian mobile numbers, one per line.
fn lmt_numbers(n: usize) -> String {
    (0..n).map(|i| format!("69412{i:04}\n")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn journal_then_resume_sends_nothing_twice() {
    let sb = Sandbox::start().await.unwrap();
    let d = dir("resume");
    let file = write(
        &d.join("to.txt"),
        &format!(
            "# campaign\n\n{}",
            "+40740100001\n+40740100002\n0740 100 003\n"
        ),
    );
    let journal_path = d.join("journal.jsonl");
    let j = journal_path.to_str().unwrap();
    let args = [
        "smsadvert",
        "send",
        "--to-file",
        &file,
        "--text",
        "Hello all",
        "--journal",
        j,
    ];
    let (code, doc, stderr) = sms(&sb.base_url(), &args).await;
    assert_eq!(code, 0, "{doc}\n{stderr}");
    assert_eq!(
        (
            doc["recipients"].as_u64(),
            doc["sent"].as_u64(),
            doc["skipped"].as_u64(),
            doc["requests"].as_u64()
        ),
        (Some(3), Some(3), Some(0), Some(1)),
        "{doc}"
    );
    let lines = journal(&journal_path);
    assert_eq!(lines.len(), 3);
    assert!(
        lines
            .iter()
            .all(|l| l["outcome"] == "sent" && l["id"].is_string()),
        "{lines:?}"
    );
    // The same run again: everything is skipped, nothing reaches the gateway.
    let (code, doc, _) = sms(&sb.base_url(), &args).await;
    assert_eq!(code, 0, "{doc}");
    assert_eq!(
        (
            doc["skipped"].as_u64(),
            doc["sent"].as_u64(),
            doc["requests"].as_u64()
        ),
        (Some(3), Some(0), Some(0))
    );
    assert_eq!(sb.messages_of(Provider::Smsadvert).len(), 3);
    assert_eq!(journal(&journal_path).len(), 3);
    // stdout carries counts only: no number.
    assert!(!doc.to_string().contains("40740100001"), "{doc}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_bad_line_is_reported_and_nothing_is_sent() {
    let sb = Sandbox::start().await.unwrap();
    let d = dir("bad");
    let file = write(
        &d.join("to.txt"),
        "694120001\nnot a number\n\n# fine\n694120002\n694 12 00 01\n12\n",
    );
    let (code, doc, _) = sms(
        &sb.base_url(),
        &[
            "lmt-bulksms",
            "send",
            "--to-file",
            &file,
            "--from",
            "Shop",
            "--text",
            "Hi",
        ],
    )
    .await;
    assert_eq!(code, 2, "{doc}");
    let lines: Vec<u64> = doc["invalid_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 6, 7], "{doc}");
    assert!(
        doc["invalid_lines"][1]["message"]
            .as_str()
            .unwrap()
            .contains("line 1"),
        "{doc}"
    );
    assert_eq!(doc["error"]["known_not_sent"], true);
    assert!(sb.messages().is_empty());
    // --to and --to-file exclude each other (a usage error); the bulk options need
    // --to-file.
    let base = sb.base_url();
    let both = [
        "lmt-bulksms",
        "send",
        "--to",
        "694120001",
        "--to-file",
        &file,
        "--from",
        "S",
        "--text",
        "x",
        "--base-url",
        &base,
    ];
    let out = common::sms(&both, &[]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let (code, doc, _) = sms(
        &base,
        &[
            "lmt-bulksms",
            "send",
            "--to",
            "694120001",
            "--journal",
            "j",
            "--from",
            "S",
            "--text",
            "x",
        ],
    )
    .await;
    assert_eq!(code, 2, "{doc}");
    assert!(sb.messages().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn csv_columns_are_per_recipient_parameters() {
    let sb = Sandbox::start().await.unwrap();
    let d = dir("csv");
    let file = write(
        &d.join("to.csv"),
        "phone,nom\n22507352518,Marc\n22505442710,\"Julie, dite Ju\"\n",
    );
    let (code, doc, stderr) = sms(
        &sb.base_url(),
        &[
            "smseco",
            "send",
            "--to-file",
            &file,
            "--from",
            "DEMO",
            "--text",
            "Bonjour {nom}",
        ],
    )
    .await;
    assert_eq!(code, 0, "{doc}\n{stderr}");
    let texts: BTreeSet<String> = sb
        .messages_of(Provider::Smseco)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(
        texts,
        BTreeSet::from([
            "Bonjour Marc".to_owned(),
            "Bonjour Julie, dite Ju".to_owned()
        ])
    );
    let file = write(
        &d.join("params.csv"),
        "phone,p1\n0612345678,Awa\n0712345678,Lou\n",
    );
    let (code, doc, _) = sms(
        &sb.base_url(),
        &[
            "allmysms",
            "send",
            "--to-file",
            &file,
            "--text",
            "Code #param_1#",
        ],
    )
    .await;
    assert_eq!((code, doc["sent"].as_u64()), (0, Some(2)), "{doc}");
    // The REST bulk send too (`param1`…).
    let rest = [
        "allmysms",
        "rest",
        "bulk",
        "--to-file",
        &file,
        "--text",
        "Code #param1#",
    ];
    let (code, doc, _) = sms(&sb.base_url(), &rest).await;
    assert_eq!((code, doc["sent"].as_u64()), (0, Some(2)), "{doc}");
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_status_says_refused_or_unknown() {
    let d = dir("status");
    let file = write(&d.join("to.txt"), &lmt_numbers(3));
    let refused = ScriptedServer::start(Duration::ZERO, |n, _| match n {
        0 => Reply::Respond(
            200,
            br#"{"status":"error","message":"invalid paramerters"}"#.to_vec(),
        ),
        _ => Reply::Respond(
            200,
            br#"{"status":"success","message":"message sent"}"#.to_vec(),
        ),
    })
    .await;
    let args = [
        "lmt-bulksms",
        "send",
        "--to-file",
        &file,
        "--from",
        "Shop",
        "--text",
        "Hi",
        "--concurrency",
        "1",
    ];
    let (code, doc, _) = sms(refused.url(), &args).await;
    assert_eq!(
        (code, doc["sent"].as_u64(), doc["refused"].as_u64()),
        (1, Some(2), Some(1)),
        "{doc}"
    );
    let unknown = ScriptedServer::start(Duration::ZERO, |n, _| match n {
        0 => Reply::Respond(503, b"busy".to_vec()),
        1 => Reply::Respond(
            200,
            br#"{"status":"error","message":"invalid paramerters"}"#.to_vec(),
        ),
        _ => Reply::Respond(
            200,
            br#"{"status":"success","message":"message sent"}"#.to_vec(),
        ),
    })
    .await;
    let (code, doc, _) = sms(unknown.url(), &args).await;
    assert_eq!(
        (code, doc["unknown"].as_u64(), doc["refused"].as_u64()),
        (3, Some(1), Some(1)),
        "{doc}"
    );
    assert_eq!(unknown.requests(), 3, "nothing sent again");
    // A batch above the provider's maximum is invalid input.
    let (code, _, _) = sms(unknown.url(), &[&args[..], &["--batch", "2"]].concat()).await;
    assert_eq!(code, 2);
    assert_eq!(unknown.requests(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_interrupted_run_journals_exactly_what_the_gateway_received() {
    let sb = Sandbox::builder()
        .fault(
            Provider::LmtBulksms,
            Fault {
                latency: Duration::from_millis(100),
                ..Fault::default()
            },
        )
        .start()
        .await
        .unwrap();
    let d = dir("interrupt");
    let file = write(&d.join("to.txt"), &lmt_numbers(200));
    let journal_path = d.join("journal.jsonl");
    let base = sb.base_url();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sms"))
        .args([
            "lmt-bulksms",
            "send",
            "--to-file",
            &file,
            "--from",
            "Shop",
            "--text",
            "Hi",
            "--concurrency",
            "2",
            "--journal",
            journal_path.to_str().unwrap(),
            "--base-url",
            &base,
        ])
        .envs(common::CREDENTIALS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once a few outcomes are journaled.
    for _ in 0..200 {
        if journal(&journal_path).len() >= 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = tokio::task::spawn_blocking(move || {
        let status = child.wait().unwrap();
        let mut stdout = String::new();
        std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut stdout).unwrap();
        (status, stdout)
    })
    .await
    .unwrap();
    assert_eq!(out.0.code(), Some(130), "{}", out.1);
    let doc: Value = serde_json::from_str(&out.1).unwrap();
    assert_eq!(doc["interrupted"], true, "{doc}");
    let journaled: BTreeSet<String> = journal(&journal_path)
        .iter()
        .map(|l| format!("237{}", l["phone"].as_str().unwrap()))
        .collect();
    let received: BTreeSet<String> = sb
        .messages_of(Provider::LmtBulksms)
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    assert_eq!(
        journaled, received,
        "the journal is what the gateway received"
    );
    assert!(journaled.len() < 200, "stopped early: {}", journaled.len());
    assert_eq!(doc["sent"].as_u64(), Some(journaled.len() as u64), "{doc}");
    // Resuming sends the rest, and nothing twice.
    let (code, doc, _) = sms(
        &base,
        &[
            "lmt-bulksms",
            "send",
            "--to-file",
            &file,
            "--from",
            "Shop",
            "--text",
            "Hi",
            "--concurrency",
            "8",
            "--journal",
            journal_path.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["skipped"].as_u64(), Some(journaled.len() as u64));
    let all: Vec<String> = sb
        .messages_of(Provider::LmtBulksms)
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    assert_eq!(all.len(), 200);
    assert_eq!(
        all.iter().collect::<BTreeSet<_>>().len(),
        200,
        "no number twice"
    );
}
