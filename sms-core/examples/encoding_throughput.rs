//! Throughput of `analyze` and `split`, against the target of 200 MB/s for `analyze`
//! on a release build. A benchmark, not a test: run it by hand.
//!
//! ```text
//! cargo run --release -p sms-primitives --example encoding_throughput
//! ```
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use sms_primitives::encoding::{analyze, split};

const TARGET_MB_PER_S: f64 = 200.0;

fn measure(name: &str, text: &str, rounds: usize, f: impl Fn(&str) -> usize) -> f64 {
    let start = Instant::now();
    let mut sink = 0;
    for _ in 0..rounds {
        sink += f(black_box(text));
    }
    black_box(sink);
    let secs = start.elapsed().as_secs_f64();
    let mb_per_s = (text.len() * rounds) as f64 / secs / 1e6;
    println!("{name:<28} {mb_per_s:>10.1} MB/s");
    mb_per_s
}

fn main() -> ExitCode {
    let gsm = "Votre colis arrive demain entre 9 h et 12 h. Prix: 10€ [promo] ".repeat(16_000);
    let ucs = "Mulțumim pentru comandă! Livrarea are loc mâine 😀 ".repeat(20_000);
    let mut worst = f64::INFINITY;
    for (name, text) in [("GSM-7 text", &gsm), ("UCS-2 text", &ucs)] {
        worst = worst.min(measure(&format!("analyze, {name}"), text, 20, |t| {
            analyze(t).segments()
        }));
        measure(&format!("split, {name}"), text, 5, |t| split(t).count());
    }
    if cfg!(debug_assertions) {
        println!("debug build: numbers are not meaningful, use --release");
        return ExitCode::SUCCESS;
    }
    if worst >= TARGET_MB_PER_S {
        println!("target met: analyze ≥ {TARGET_MB_PER_S} MB/s");
        ExitCode::SUCCESS
    } else {
        println!("target MISSED: analyze {worst:.1} < {TARGET_MB_PER_S} MB/s");
        ExitCode::FAILURE
    }
}
