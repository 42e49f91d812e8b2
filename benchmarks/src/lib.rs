//! Shared pieces of the benchmark binaries (`src/bin/`): corpora and measurements.
//! Every figure is a ratio against a baseline measured in the same run.
// Benchmark code: a broken set-up should fail loudly.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::{Duration, Instant};

/// The kinds of text of [`sms_corpus`], one sample each.
pub const KINDS: [&str; 6] = [
    "Votre code de connexion est 482913. Il expire dans 10 minutes.",
    "Promo: -20% sur tout le magasin [jusqu'a dimanche] {code: ETE24} ~ 5€ offerts!",
    "Bonjour Élodie, votre commande n°1234 est prête. À bientôt chez Ma Boutique !",
    "Mulțumim pentru comandă! Livrarea are loc mâine între orele 9 și 12.",
    "Joyeux anniversaire 🎉🎂 de la part de toute l'équipe 😀",
    "Rappel: rendez-vous demain a 14h30 au 12 rue de la Paix, Paris. Repondez STOP pour ne plus recevoir.",
];

/// A deterministic mixed corpus of SMS texts of about `bytes` bytes: plain GSM-7,
/// GSM-7 with extension characters, French, Romanian and emoji, short and long.
pub fn sms_corpus(bytes: usize) -> Vec<String> {
    let kinds = KINDS;
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < bytes {
        // Lengths from one sentence to several segments.
        let repeat = 1 + (i * 7 + i / 3) % 6;
        let text = kinds[i % kinds.len()].repeat(repeat);
        total += text.len();
        out.push(text);
        i += 1;
    }
    out
}

/// The exit status of a benchmark binary: failure when a target was missed, in a
/// release build only (a debug build's figures mean nothing, and it says so).
pub fn exit_status(met: bool) -> std::process::ExitCode {
    if cfg!(debug_assertions) {
        #[allow(clippy::print_stdout)] // A benchmark reports on stdout.
        {
            println!("debug build: figures are not meaningful, use --release");
        }
        return std::process::ExitCode::SUCCESS;
    }
    if met {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

/// Runs `f` `rounds` times and returns the best time of one round (the least
/// disturbed by the machine).
pub fn best_of(rounds: usize, mut f: impl FnMut()) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let start = Instant::now();
        f();
        best = best.min(start.elapsed());
    }
    best
}

/// Runs `f` and `g` in turns, `rounds` times each, and returns the best time of a round
/// of each: whatever disturbs the machine for a while falls on both alike.
pub fn best_of_both(
    rounds: usize,
    mut f: impl FnMut(),
    mut g: impl FnMut(),
) -> (Duration, Duration) {
    let (mut best_f, mut best_g) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        best_f = best_f.min(best_of(1, &mut f));
        best_g = best_g.min(best_of(1, &mut g));
    }
    (best_f, best_g)
}

/// CPU time of the calling thread so far, in nanoseconds (`schedstat`: time on a CPU,
/// user and system), falling back to `stat`'s 10 ms ticks.
pub fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| cpu_of("/proc/thread-self/stat"), Duration::from_nanos)
}

/// CPU time (user + system) of the whole process so far.
pub fn process_cpu() -> Duration {
    cpu_of("/proc/self/stat")
}

fn cpu_of(path: &str) -> Duration {
    // Fields 14 and 15 (utime, stime) in clock ticks (100 per second on Linux); after
    // the `(comm)` field, the state is field 3.
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| {
        fields
            .get(n - 3)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    Duration::from_millis((field(14) + field(15)) * 10)
}

/// Peak resident memory of process `pid` so far (`VmHWM`), in bytes.
pub fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Prints a result line: a figure, its target, and whether it is met.
pub fn report(name: &str, figure: f64, unit: &str, target: &str, met: bool) -> bool {
    let verdict = if met { "met" } else { "MISSED" };
    println!("{name:<48} {figure:>10.2} {unit:<10} target {target:<12} {verdict}");
    met
}

/// The sandbox of the bulk and outbox runs: on its own runtime and 2 threads, with
/// `latency` added to every answer of smsadvert and LMT, their credit enough for any
/// run, keeping few messages; and a current-thread runtime for the client, whose
/// thread's CPU time is then the client's. Keep the first runtime alive with the
/// sandbox.
pub fn latency_sandbox(
    latency: Duration,
) -> (
    tokio::runtime::Runtime,
    sms_sandbox::Sandbox,
    tokio::runtime::Runtime,
) {
    use sms_sandbox::{Fault, Provider, Sandbox};
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let fault = Fault {
        latency,
        ..Fault::default()
    };
    let sandbox = server
        .block_on(
            Sandbox::builder()
                .fault(Provider::Smsadvert, fault.clone())
                .fault(Provider::LmtBulksms, fault)
                .max_messages(1000)
                .start(),
        )
        .unwrap();
    for provider in [Provider::Smsadvert, Provider::LmtBulksms] {
        sandbox.set_balance(provider, 100_000_000);
    }
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    (server, sandbox, client)
}
