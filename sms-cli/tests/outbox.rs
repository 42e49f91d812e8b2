//! `sms … send --to-file … --outbox URL` and `sms outbox …`, end to end against the
//! sandbox: resume, status, secrets, and workers killed (`kill -9`) at random points,
//! on SQLite and PostgreSQL with four workers at once (see
//! `test_support::postgres_url`).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use sms_outbox::{Outbox, State};
use sms_sandbox::{Provider, Sandbox};

mod common;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sms-outbox-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `sms smseco send --to-file FILE --from DEMO --text TEXT`, then `rest`.
fn smseco_send<'a>(file: &'a str, text: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "smseco",
        "send",
        "--to-file",
        file,
        "--from",
        "DEMO",
        "--text",
        text,
    ];
    args.extend_from_slice(rest);
    args
}

/// `sms outbox <command> --outbox <url> --campaign <campaign>`, then `rest`.
fn outbox_cmd<'a>(
    command: &'a str,
    url: &'a str,
    campaign: &'a str,
    rest: &[&'a str],
) -> Vec<&'a str> {
    let mut args = vec!["outbox", command, "--outbox", url, "--campaign", campaign];
    args.extend_from_slice(rest);
    args
}

/// Ivorian numbers, one per line.
fn numbers(path: &Path, n: usize) -> String {
    let text: String = (0..n).map(|i| format!("22507{i:08}\n")).collect();
    std::fs::write(path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

async fn sandbox() -> Sandbox {
    let sb = Sandbox::builder()
        .latency(Duration::from_millis(20))
        .max_messages(100_000)
        .start()
        .await
        .unwrap();
    sb.set_balance(Provider::Smseco, 1_000_000_000);
    sb
}

#[tokio::test(flavor = "multi_thread")]
async fn an_outbox_campaign_resumes_reports_and_hides_the_database_password() {
    let sb = sandbox().await;
    let d = dir("resume");
    let file = numbers(&d.join("soldes.txt"), 40);
    let url = format!("sqlite://{}", d.join("c.db").display());
    let send = |text: &'static str| {
        let (file, url, base) = (file.clone(), url.clone(), sb.base_url());
        async move {
            common::sms_json(
                &base,
                &smseco_send(&file, text, &["--outbox", &url, "--batch", "15"]),
            )
            .await
        }
    };
    let (code, doc, stderr) = send("Bonjour").await;
    assert_eq!(code, 0, "{doc}\n{stderr}");
    assert_eq!(
        (
            doc["recipients"].as_u64(),
            doc["sent"].as_u64(),
            doc["requests"].as_u64(),
            doc["skipped"].as_u64()
        ),
        (Some(40), Some(40), Some(3), Some(0)),
        "{doc}"
    );
    // The campaign is named after the file.
    assert_eq!(doc["campaign"]["id"], "soldes");
    assert_eq!(doc["campaign"]["sent"], 40);
    // Again: every recipient is already settled; nothing is sent.
    let (code, doc, _) = send("Bonjour").await;
    assert_eq!(code, 0, "{doc}");
    assert_eq!(
        (
            doc["sent"].as_u64(),
            doc["requests"].as_u64(),
            doc["skipped"].as_u64()
        ),
        (Some(0), Some(0), Some(40)),
        "{doc}"
    );
    // Another text under the same campaign: refused, nothing sent.
    let (code, doc, _) = send("Autre chose").await;
    assert_eq!(code, 2, "{doc}");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--outbox-campaign")
    );
    assert_eq!(sb.messages_of(Provider::Smseco).len(), 40);

    let (code, doc, _) =
        common::sms_json(&sb.base_url(), &["outbox", "status", "--outbox", &url]).await;
    assert_eq!(code, 0, "{doc}");
    let c = &doc["campaigns"][0];
    assert_eq!(
        (c["id"].as_str(), c["provider"].as_str()),
        (Some("soldes"), Some("smseco"))
    );
    assert_eq!(
        (
            c["sent"].as_u64(),
            c["queued"].as_u64(),
            c["in_flight"].as_u64()
        ),
        (Some(40), Some(0), Some(0))
    );
    // Numbers never reach stdout or stderr.
    let out = common::sms(&["outbox", "status", "--outbox", &url], &[]).await;
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!printed.contains("2250700000001"), "{printed}");

    let (code, doc, _) = common::sms_json(
        &sb.base_url(),
        &outbox_cmd("reconcile", &url, "soldes", &[]),
    )
    .await;
    assert_eq!(code, 0, "{doc}");
    assert_eq!(
        (doc["supported"].as_bool(), doc["asked"].as_u64()),
        (Some(true), Some(0))
    );
    let (code, doc, _) = common::sms_json(
        &sb.base_url(),
        &outbox_cmd("requeue", &url, "soldes", &["--all"]),
    )
    .await;
    assert_eq!((code, doc["requeued"].as_u64()), (0, Some(0)), "{doc}");
    // A campaign that is not there; a journal with an outbox.
    let (code, _, _) =
        common::sms_json(&sb.base_url(), &outbox_cmd("run", &url, "nope", &[])).await;
    assert_eq!(code, 2);
    let out = common::sms(
        &smseco_send(
            &file,
            "Bonjour",
            &["--outbox", &url, "--journal", "j.jsonl"],
        ),
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));

    // Bad options: exit 2 before any request (the sandbox gets nothing more).
    for bad in [
        smseco_send(&file, "Bonjour", &["--outbox", &url, "--lease", "0"]),
        smseco_send(&file, "Bonjour", &["--outbox", &url, "--batch", "0"]),
        smseco_send(&file, "Bonjour", &["--lease", "5"]),
        outbox_cmd("run", &url, "soldes", &["--concurrency", "0"]),
        outbox_cmd("run", &url, "soldes", &["--rate", "-1"]),
        outbox_cmd("requeue", &url, "soldes", &["--dry-run"]),
    ] {
        let mut args = bad.clone();
        let base = sb.base_url();
        args.extend(["--base-url", &base]);
        let out = common::sms(&args, &[]).await;
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    assert_eq!(sb.messages_of(Provider::Smseco).len(), 40);

    // A database password never shows, as written or decoded, from the flag or the
    // environment.
    for (args, env) in [
        (
            vec![
                "outbox",
                "status",
                "--outbox",
                "postgres://u:Zq9%2FSecret@127.0.0.1:1/db",
            ],
            vec![],
        ),
        (
            vec!["outbox", "status"],
            vec![("SMS_OUTBOX_URL", "postgres://u:Zq9%2FSecret@127.0.0.1:1/db")],
        ),
        (
            smseco_send(
                &file,
                "Hi",
                &["--outbox", "postgres://u:Zq9%2FSecret@127.0.0.1:1/db"],
            ),
            vec![],
        ),
    ] {
        let out = common::sms(&args, &env).await;
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!printed.contains("Zq9"), "{printed}");
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            doc["error"]["known_not_sent"], true,
            "nothing was sent: {doc}"
        );
    }
    assert_eq!(sb.messages_of(Provider::Smseco).len(), 40);
}

/// A small random generator (xorshift), seeded from the clock; the seed is printed so
/// that a failure can be replayed with `SMS_OUTBOX_SEED`.
struct Random(u64);

impl Random {
    fn new() -> Self {
        let seed = std::env::var("SMS_OUTBOX_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        println!("SMS_OUTBOX_SEED={seed}");
        Self(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// `sms` with the demo credentials, as a child process.
fn spawn(args: &[&str], base: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_sms"))
        .args(args)
        .args(["--base-url", base])
        .envs(common::CREDENTIALS)
        .env_remove("SMS_OUTBOX_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Every recipient has exactly one final outcome; the sandbox received none twice;
/// every one recorded sent was received, and every one received is sent or unknown.
async fn check(outbox: &Outbox, campaign: &str, sb: &Sandbox, n: usize) -> HashMap<State, usize> {
    let records = outbox.records(campaign).await.unwrap();
    assert_eq!(records.len(), n, "nothing lost");
    let mut received: HashMap<String, usize> = HashMap::new();
    for m in sb.messages_of(Provider::Smseco) {
        *received.entry(m.recipient).or_default() += 1;
    }
    let twice: Vec<_> = received.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "received twice: {}", twice.len());
    let mut states: HashMap<State, usize> = HashMap::new();
    for r in &records {
        *states.entry(r.state).or_default() += 1;
        let got = received.contains_key(&r.recipient.phone);
        match r.state {
            State::Sent => assert!(got, "recorded sent, never received"),
            State::Unknown => {}
            other => assert!(!got, "received but recorded {other:?}"),
        }
    }
    assert_eq!(states.get(&State::Queued), None, "{states:?}");
    assert_eq!(states.get(&State::InFlight), None, "{states:?}");
    println!("{states:?}, received {}", received.len());
    states
}

/// Waits for `child` up to `wait`; kills it (`SIGKILL`) when still running. Returns
/// whether it finished on its own.
async fn run_or_kill(child: &mut Child, wait: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    while tokio::time::Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    false
}

/// Once the leases of killed workers have expired, `reconcile` makes their rows
/// unknown.
async fn settle(url: &str, campaign: &str, base: &str) {
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let (code, doc, stderr) =
        common::sms_json(base, &outbox_cmd("reconcile", url, campaign, &[])).await;
    assert_eq!(code, 0, "{doc}\n{stderr}");
}

const N: usize = 10_000;

/// How the kill tests' workers run: small batches, a few at a time, a one-second lease
/// (so that a killed worker's rows expire while the test waits).
const KILLED_RUN: &[&str] = &["--batch", "50", "--concurrency", "4", "--lease", "1"];

#[tokio::test(flavor = "multi_thread")]
async fn sqlite_worker_killed_at_random_points_sends_nobody_twice_and_loses_nobody() {
    let sb = sandbox().await;
    let d = dir("kill-sqlite");
    let file = numbers(&d.join("campaign.txt"), N);
    let url = format!("sqlite://{}", d.join("c.db").display());
    let base = sb.base_url();
    let args = smseco_send(
        &file,
        "Bonjour",
        &[&["--outbox", &url][..], KILLED_RUN].concat(),
    );
    let mut random = Random::new();
    let mut kills = 0;
    loop {
        let mut child = spawn(&args, &base);
        // Killed at a random point for the first runs; then left to finish.
        let wait = if kills < 6 {
            Duration::from_millis(150 + random.below(600))
        } else {
            Duration::from_secs(120)
        };
        if run_or_kill(&mut child, wait).await {
            break;
        }
        kills += 1;
    }
    assert!(kills >= 1, "the campaign ended before a kill");
    settle(&url, "campaign", &base).await;
    let outbox = Outbox::open(&url).await.unwrap();
    let states = check(&outbox, "campaign", &sb, N).await;
    assert!(
        states.get(&State::Sent).copied().unwrap_or(0) > N / 2,
        "{states:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn four_postgres_workers_killed_at_random_send_nobody_twice_and_lose_nobody() {
    let Some(url) = test_support::postgres_url() else {
        return;
    };
    let sb = sandbox().await;
    let d = dir("kill-postgres");
    let file = numbers(&d.join("people.txt"), N);
    let base = sb.base_url();
    let campaign = format!(
        "kill-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let worker = outbox_cmd("run", &url, &campaign, KILLED_RUN);
    // The first worker enqueues the file, then sends like the others.
    let mut first = spawn(
        &smseco_send(
            &file,
            "Bonjour",
            &[
                &["--outbox", &url, "--outbox-campaign", &campaign][..],
                KILLED_RUN,
            ]
            .concat(),
        ),
        &base,
    );
    let outbox = Outbox::open(&url).await.unwrap();
    for _ in 0..500 {
        if outbox
            .status(&campaign)
            .await
            .is_ok_and(|s| s.total() == N as u64)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut workers = vec![first.try_wait().unwrap().map_or(Some(first), |_| None)];
    workers.extend((0..3).map(|_| Some(spawn(&worker, &base))));
    let mut random = Random::new();
    let mut kills = 0;
    // Kill a random worker every so often and start a new one in its place.
    while kills < 8 {
        tokio::time::sleep(Duration::from_millis(100 + random.below(300))).await;
        let i = random.below(4) as usize;
        if let Some(child) = workers[i].as_mut()
            && child.try_wait().unwrap().is_none()
        {
            child.kill().unwrap();
            child.wait().unwrap();
            kills += 1;
        }
        if outbox.status(&campaign).await.unwrap().queued == 0 {
            break;
        }
        workers[i] = Some(spawn(&worker, &base));
    }
    for child in workers.iter_mut().flatten() {
        assert!(
            run_or_kill(child, Duration::from_secs(120)).await,
            "a worker hung"
        );
    }
    // Whatever is still queued (a kill right at the end) is sent by one more worker.
    let mut last = spawn(&worker, &base);
    assert!(run_or_kill(&mut last, Duration::from_secs(120)).await);
    assert!(kills >= 1, "the campaign ended before a kill");
    settle(&url, &campaign, &base).await;
    let states = check(&outbox, &campaign, &sb, N).await;
    assert!(
        states.get(&State::Sent).copied().unwrap_or(0) > N / 2,
        "{states:?}"
    );
}

/// Every provider's campaign: refused when the gateway cannot be reached (connection
/// refused: known not sent), queued again, then sent by `sms outbox run`, which
/// rebuilds the sender from the stored request and client options.
#[tokio::test(flavor = "multi_thread")]
async fn every_providers_campaign_is_rebuilt_by_outbox_run() {
    let sb = sandbox().await;
    for p in [
        Provider::LmtBulksms,
        Provider::Allmysms,
        Provider::Smsadvert,
        Provider::ConnectMobile,
    ] {
        sb.set_balance(p, 1_000_000);
    }
    let d = dir("providers");
    let closed = test_support::closed_port_url();
    let cases: [(&str, &[&str], &str, Provider); 6] = [
        (
            "lmt",
            &["lmt-bulksms", "send", "--from", "Shop", "--text", "Hi"],
            "694120001\n694120002\n",
            Provider::LmtBulksms,
        ),
        (
            "allmysms",
            &["allmysms", "send", "--text", "Bonjour", "--format", "json"],
            "0612345601\n0612345602\n",
            Provider::Allmysms,
        ),
        (
            "rest",
            &["allmysms", "rest", "bulk", "--text", "Bonjour"],
            "0612345611\n0612345612\n",
            Provider::Allmysms,
        ),
        (
            "advert",
            &["smsadvert", "send", "--text", "Hello"],
            "+40740100001\n+40740100002\n",
            Provider::Smsadvert,
        ),
        (
            "smseco",
            &[
                "smseco", "send", "--from", "DEMO", "--text", "Bonjour", "--format", "json",
            ],
            "22507000001\n22507000002\n",
            Provider::Smseco,
        ),
        (
            "cm",
            &[
                "connect-mobile",
                "send",
                "--from",
                "DEMO",
                "--text",
                "Bonjour",
                "--get",
            ],
            "0612345621\n0612345622\n",
            Provider::ConnectMobile,
        ),
    ];
    for (name, args, numbers, provider) in cases {
        let file = d.join(format!("{name}.txt"));
        std::fs::write(&file, numbers).unwrap();
        let url = format!("sqlite://{}", d.join(format!("{name}.db")).display());
        let before = sb.messages_of(provider).len();
        let mut send = args.to_vec();
        send.extend(["--to-file", file.to_str().unwrap(), "--outbox", &url]);
        let (code, doc, stderr) = common::sms_json(&closed, &send).await;
        assert_eq!(
            (code, doc["refused"].as_u64()),
            (1, Some(2)),
            "{name}: {doc}\n{stderr}"
        );
        let (code, doc, _) =
            common::sms_json(&closed, &outbox_cmd("requeue", &url, name, &[])).await;
        assert_eq!(
            (code, doc["requeued"].as_u64()),
            (0, Some(2)),
            "{name}: {doc}"
        );
        let (code, doc, stderr) =
            common::sms_json(&sb.base_url(), &outbox_cmd("run", &url, name, &[])).await;
        assert_eq!(
            (code, doc["sent"].as_u64()),
            (0, Some(2)),
            "{name}: {doc}\n{stderr}"
        );
        assert_eq!(sb.messages_of(provider).len(), before + 2, "{name}");
        let (code, doc, _) =
            common::sms_json(&sb.base_url(), &outbox_cmd("reconcile", &url, name, &[])).await;
        let reconciles = !matches!(name, "lmt" | "rest" | "advert");
        assert_eq!(
            (code, doc["supported"].as_bool()),
            (0, Some(reconciles)),
            "{name}: {doc}"
        );
    }
}
