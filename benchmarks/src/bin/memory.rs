//! Peak memory of `sms smsadvert send --to-file` with 1,000,000 recipients read from a
//! file, against the sandbox (target ≤ 200 MB), next to the file's own size.
//!
//! ```text
//! cargo build --release -p sms-cli && cargo run --release -p benchmarks --bin memory
//! ```
// Benchmark code: a broken set-up should fail loudly.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write as _;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use benchmarks::{peak_rss, report};
use sms_sandbox::{Provider, Sandbox};

const RECIPIENTS: usize = 1_000_000;

fn main() -> ExitCode {
    let sms = std::env::current_exe().unwrap().with_file_name("sms");
    if !sms.exists() {
        println!("build the tool first: cargo build --release -p sms-cli");
        return ExitCode::FAILURE;
    }
    let dir = std::env::temp_dir().join(format!("sms-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("recipients.txt");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    for i in 0..RECIPIENTS {
        writeln!(out, "+4074{i:07}").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let file_size = std::fs::metadata(&file).unwrap().len();

    let rt = tokio::runtime::Runtime::new().unwrap();
    let sandbox = rt
        .block_on(Sandbox::builder().max_messages(1000).start())
        .unwrap();
    sandbox.set_balance(Provider::Smsadvert, 100_000_000);
    let start = Instant::now();
    let mut child = Command::new(&sms)
        .args([
            "smsadvert",
            "send",
            "--to-file",
            file.to_str().unwrap(),
            "--text",
            "Hello all",
        ])
        .args(["--concurrency", "16", "--base-url", &sandbox.base_url()])
        .env("SMSADVERT_TOKEN", "demo-token")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // VmHWM only grows: the last reading before the process ends is its peak.
    let mut peak = 0;
    loop {
        if let Some(p) = peak_rss(child.id()) {
            peak = peak.max(p);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().unwrap();
    let summary = String::from_utf8_lossy(&output.stdout);
    println!("sms: {summary}");
    println!(
        "{RECIPIENTS} recipients ({:.1} MB file) in {:.1} s",
        file_size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    let mb = peak as f64 / 1e6;
    let ok = report(
        "peak resident memory of `sms`",
        mb,
        "MB",
        "<= 200",
        mb <= 200.0,
    );
    println!(
        "  {:<46} {:>10.1} bytes",
        "per recipient",
        peak as f64 / RECIPIENTS as f64
    );
    let _ = std::fs::remove_dir_all(&dir);
    sandbox.stop();
    if ok && output.status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
