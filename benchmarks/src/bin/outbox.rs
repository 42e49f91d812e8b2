//! The outbox's cost: the same campaign sent with the bulk engine alone, then through
//! `sms-outbox` (enqueue included), against the sandbox with 50 ms added to every
//! answer, at concurrency 64, in the same run. Target: outbox wall time ≤ 1.5× the bulk
//! wall time. Runs: 10,000 LMT recipients (one per request: the outbox writes the most
//! per recipient) and 100,000 smsadvert recipients (1,000 per request), on SQLite, and
//! on PostgreSQL when there is one (`SMS_OUTBOX_POSTGRES_URL`, or `tools/postgres.sh
//! start`, whose URL this binary reads when the variable is unset).
//!
//! ```text
//! cargo run --release -p benchmarks --bin outbox              # every run
//! cargo run --release -p benchmarks --bin outbox sqlite lmt   # or some of them
//! ```
// Benchmark code: a broken set-up should fail loudly.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use benchmarks::report;
use futures_util::StreamExt as _;
use sms_http::bulk::{self, BatchSender, BulkOptions, Recipient};
use sms_outbox::{Campaign, Outbox};

const LATENCY: Duration = Duration::from_millis(50);
const CONCURRENCY: usize = 64;

/// The bulk engine alone: wall time.
async fn bulk_only(sender: Arc<dyn BatchSender>, recipients: Vec<Recipient>) -> Duration {
    let start = Instant::now();
    let n = recipients.len();
    let options = BulkOptions::new().concurrency(CONCURRENCY);
    let sent = bulk::send(sender, futures_util::stream::iter(recipients), &options)
        .filter(|d| std::future::ready(d.outcome.kind() == "sent"))
        .count()
        .await;
    assert_eq!(sent, n, "every recipient sent");
    start.elapsed()
}

/// The outbox: a new campaign, enqueue, one worker: wall time (and the enqueue's part).
async fn through_outbox(
    outbox: &Outbox,
    sender: Arc<dyn BatchSender>,
    recipients: Vec<Recipient>,
) -> (Duration, Duration) {
    let id = format!(
        "bench-{}",
        Instant::now().elapsed().as_nanos() ^ std::process::id() as u128 ^ rand_id()
    );
    let n = recipients.len() as u64;
    let start = Instant::now();
    outbox
        .create_campaign(&Campaign {
            id: id.clone(),
            provider: "bench".into(),
            template: serde_json::json!({}),
        })
        .await
        .unwrap();
    outbox
        .enqueue(&id, recipients.into_iter().map(|r| (r.phone.clone(), r)))
        .await
        .unwrap();
    let enqueued = start.elapsed();
    let report = outbox
        .worker(&id, sender)
        .concurrency(CONCURRENCY)
        .run()
        .await
        .unwrap();
    assert_eq!(report.sent, n, "every recipient sent: {report:?}");
    (start.elapsed(), enqueued)
}

fn rand_id() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn postgres() -> Option<String> {
    if let Ok(url) = std::env::var("SMS_OUTBOX_POSTGRES_URL")
        && !url.is_empty()
    {
        return Some(url);
    }
    let out = std::process::Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../tools/postgres.sh"))
        .arg("start")
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .strip_prefix("export SMS_OUTBOX_POSTGRES_URL=")
        .map(str::to_owned)
}

fn main() -> ExitCode {
    // The sandbox on its own runtime and threads; the client on this thread alone.
    let (_server, sandbox, client_rt) = benchmarks::latency_sandbox(LATENCY);
    let base = sandbox.base_url();
    let lmt = lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new(
        "demo-api-key",
        "demo-password",
    ))
    .base_url(&base)
    .build()
    .unwrap();
    let advert = smsadvert::Client::builder("demo-token")
        .base_url(&base)
        .build()
        .unwrap();
    let lmt_sender: Arc<dyn BatchSender> = Arc::new(
        lmt_bulksms::BulkSender::new(lmt, lmt_bulksms::SendSms::new("Shop", "Promo: -20%"))
            .unwrap(),
    );
    let advert_sender: Arc<dyn BatchSender> = Arc::new(
        smsadvert::BulkSender::new(advert, smsadvert::SendSms::new("Promoție de vară: -20%"))
            .unwrap(),
    );
    let lmt_numbers = || {
        (0..10_000)
            .map(|i| Recipient::new(format!("6{:08}", 94_000_000 + i)))
            .collect::<Vec<_>>()
    };
    let advert_numbers = || {
        (0..100_000)
            .map(|i| Recipient::new(format!("+4074{i:07}")))
            .collect::<Vec<_>>()
    };

    let dir = std::env::temp_dir().join(format!("sms-outbox-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut databases = vec![(
        "SQLite",
        format!("sqlite://{}", dir.join("bench.db").display()),
    )];
    match postgres() {
        Some(url) => databases.push(("PostgreSQL", url)),
        None => println!("PostgreSQL: not measured (install postgresql, see the README)"),
    }
    // Words on the command line keep only the runs that name them.
    let only: Vec<String> = std::env::args().skip(1).map(|a| a.to_lowercase()).collect();
    let wanted = |text: &str| {
        only.iter()
            .all(|w| text.to_lowercase().contains(w.as_str()))
    };
    let mut ok = true;
    for (name, url) in &databases {
        let outbox = client_rt.block_on(Outbox::open(url)).unwrap();
        for (run, sender, recipients) in [
            (
                "lmt-bulksms, 10,000 recipients, 1 per request",
                &lmt_sender,
                lmt_numbers(),
            ),
            (
                "smsadvert, 100,000 recipients, 1,000 per request",
                &advert_sender,
                advert_numbers(),
            ),
        ] {
            if !wanted(&format!("{name} {run}")) {
                continue;
            }
            let bulk = client_rt.block_on(bulk_only(Arc::clone(sender), recipients.clone()));
            let (total, enqueue) =
                client_rt.block_on(through_outbox(&outbox, Arc::clone(sender), recipients));
            println!(
                "{name}, {run}: bulk {:.3} s; outbox {:.3} s (enqueue {:.3} s)",
                bulk.as_secs_f64(),
                total.as_secs_f64(),
                enqueue.as_secs_f64()
            );
            let ratio = total.as_secs_f64() / bulk.as_secs_f64();
            ok &= report("  outbox / bulk", ratio, "x", "<= 1.5", ratio <= 1.5);
        }
        client_rt.block_on(outbox.close());
    }
    let _ = std::fs::remove_dir_all(&dir);
    sandbox.stop();
    benchmarks::exit_status(ok)
}
