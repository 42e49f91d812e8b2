//! `analyze` over a 10 MB mixed corpus, against `str::chars().count()` over the same
//! texts (target ≤ 5×), with the `sms_splitter` crate's figure alongside.
//!
//! ```text
//! cargo run --release -p benchmarks --bin encoding
//! ```
// Benchmark code: a broken set-up should fail loudly.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Duration;

use benchmarks::{best_of, best_of_both, report, sms_corpus};
use sms_primitives::encoding::analyze;

/// The best times of `chars().count()` and of `analyze` over `texts`, taking turns,
/// `rounds` each (this machine's speed moves between runs).
fn chars_then_analyze(texts: &[&str], rounds: usize) -> (Duration, Duration) {
    best_of_both(
        rounds,
        || {
            let n: usize = texts.iter().map(|t| black_box(*t).chars().count()).sum();
            black_box(n);
        },
        || {
            let n: usize = texts.iter().map(|t| analyze(black_box(t)).segments()).sum();
            black_box(n);
        },
    )
}

fn main() -> ExitCode {
    let corpus = sms_corpus(10_000_000);
    let bytes: usize = corpus.iter().map(String::len).sum();
    println!(
        "corpus: {} texts, {:.1} MB",
        corpus.len(),
        bytes as f64 / 1e6
    );
    let all: Vec<&str> = corpus.iter().map(String::as_str).collect();
    let (chars, ours) = chars_then_analyze(&all, 101);
    let splitter = best_of(3, || {
        let s = sms_splitter::SplitSms::default();
        black_box(
            corpus
                .iter()
                .map(|t| s.split(black_box(t.clone())).parts.len())
                .sum::<usize>(),
        );
    });
    let mbps = |d: Duration| bytes as f64 / d.as_secs_f64() / 1e6;
    println!("chars().count()      {:>8.1} MB/s", mbps(chars));
    println!("analyze              {:>8.1} MB/s", mbps(ours));
    println!("sms_splitter::split  {:>8.1} MB/s", mbps(splitter));
    // Each kind of text alone (its share of the corpus is about the same).
    for (i, kind) in benchmarks::KINDS.iter().enumerate() {
        let texts: Vec<&str> = all
            .iter()
            .copied()
            .skip(i)
            .step_by(benchmarks::KINDS.len())
            .collect();
        let (c, a) = chars_then_analyze(&texts, 31);
        let sample: String = kind.chars().take(24).collect();
        println!(
            "  {sample:<26} analyze / chars().count() {:>6.2} x",
            a.as_secs_f64() / c.as_secs_f64()
        );
    }
    let ratio = ours.as_secs_f64() / chars.as_secs_f64();
    let theirs = splitter.as_secs_f64() / chars.as_secs_f64();
    report(
        "analyze / chars().count()",
        ratio,
        "x",
        "<= 5",
        ratio <= 5.0,
    );
    println!(
        "{:<48} {theirs:>10.2} x          (for comparison)",
        "sms_splitter::split / chars().count()"
    );
    benchmarks::exit_status(ratio <= 5.0)
}
