//! Per-request overhead: building, sending and parsing one send through each client,
//! against a hand-written reqwest call making the identical request (the bytes the
//! client sent, captured once) to the same local server and reading its answer. The
//! figure is the ratio of the client thread's CPU time (target ≤ 1.15×): in one
//! process, the median of 25 turns' ratios; the figure reported, the median of
//! [`PROCESSES`] processes per client, each client in processes of its own.
//!
//! ```text
//! cargo run --release -p benchmarks --bin overhead          # every client
//! cargo run --release -p benchmarks --bin overhead smseco   # one, in this process
//! ```
// Benchmark code: a broken set-up should fail loudly.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use benchmarks::{report, thread_cpu};

const ROUNDS: usize = 400;
const TURNS: usize = 25;
/// Processes per client: the figure of one process moved by about ±0.05 from one
/// process to the next (and with the clients measured before it in that process).
const PROCESSES: usize = 5;
/// The clients, in the order measured.
const CLIENTS: [&str; 5] = [
    "smsadvert",
    "lmt-bulksms",
    "allmysms",
    "smseco",
    "connect-mobile",
];
/// The flag that makes a process measure one client and print one line for the parent.
const CHILD: &str = "--child";

/// A request as the server received it.
type Seen = (Method, HeaderMap, Bytes);

/// What the server answers, by path; and the first request it saw on each path.
#[derive(Clone, Default)]
struct Server {
    answers: Arc<HashMap<&'static str, (&'static str, Vec<u8>)>>,
    seen: Arc<Mutex<HashMap<String, Seen>>>,
}

async fn answer(
    axum::extract::State(s): axum::extract::State<Server>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let path = uri.path().to_owned();
    s.seen
        .lock()
        .unwrap()
        .entry(path.clone())
        .or_insert((method, headers, body));
    let (content_type, answer) = s
        .answers
        .get(path.as_str())
        .cloned()
        .unwrap_or(("text/plain", Vec::new()));
    axum::response::Response::builder()
        .header("content-type", content_type)
        .body(axum::body::Body::from(answer))
        .unwrap()
}

/// Whether an XML answer has a non-empty `msgfid`, reading the whole document (as
/// `serde_json::from_slice` reads a JSON answer whole).
fn xml_id(answer: &[u8]) -> bool {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(answer);
    let (mut in_id, mut id) = (false, false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => in_id = e.local_name().into_inner() == "msgfid",
            Ok(Event::Text(t)) if in_id => id = !t.is_empty(),
            Ok(Event::End(_)) => in_id = false,
            Ok(Event::Eof) => return id,
            Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// CPU time of `rounds` calls of `f` on this thread.
fn cpu_of(rt: &tokio::runtime::Runtime, rounds: usize, f: &impl AsyncFn()) -> Duration {
    let start = thread_cpu();
    rt.block_on(async {
        for _ in 0..rounds {
            f().await;
        }
    });
    thread_cpu() - start
}

/// CPU time per call of `ours` and of `theirs`, measured in turns so that both see the
/// same machine (which one goes first alternates), and the median of the turns' ratios:
/// this machine's speed drifts, and a ratio of two calls measured side by side moves
/// less than either (the least time of each, taken before, moved by ±0.15 between
/// runs). Returns the times of the median turn and the ratio.
fn compare(
    rt: &tokio::runtime::Runtime,
    ours: impl AsyncFn(),
    theirs: impl AsyncFn(),
) -> (Duration, Duration, f64) {
    // Warm both connections.
    rt.block_on(ours());
    rt.block_on(theirs());
    let mut turns: Vec<(Duration, Duration)> = (0..TURNS)
        .map(|turn| {
            let (a, b) = if turn % 2 == 0 {
                let a = cpu_of(rt, ROUNDS, &ours);
                (a, cpu_of(rt, ROUNDS, &theirs))
            } else {
                let b = cpu_of(rt, ROUNDS, &theirs);
                (cpu_of(rt, ROUNDS, &ours), b)
            };
            (a / ROUNDS as u32, b / ROUNDS as u32)
        })
        .collect();
    let ratio = |&(a, b): &(Duration, Duration)| a.as_secs_f64() / b.as_secs_f64();
    turns.sort_by(|x, y| ratio(x).total_cmp(&ratio(y)));
    let median = turns[TURNS / 2];
    (median.0, median.1, ratio(&median))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => every_client(),
        [flag, name] if flag == CHILD => measure(name, true),
        [name] => measure(name, false),
        _ => panic!("usage: overhead [CLIENT]"),
    }
}

/// Each client measured in [`PROCESSES`] processes of its own (taking turns: whatever
/// slows the machine for a while falls on every client alike); the median of each.
fn every_client() -> ExitCode {
    let exe = std::env::current_exe().unwrap();
    let mut runs: HashMap<&str, Vec<(f64, f64, f64)>> = HashMap::new();
    for _ in 0..PROCESSES {
        for name in CLIENTS {
            let out = std::process::Command::new(&exe)
                .args([CHILD, name])
                .stderr(std::process::Stdio::inherit())
                .output()
                .unwrap();
            assert!(
                out.status.success() || out.status.code() == Some(1),
                "{name}: {out:?}"
            );
            let line = String::from_utf8(out.stdout).unwrap();
            // The first line (a debug build adds one saying its figures mean nothing).
            let first = line.lines().next().unwrap_or_default();
            let figures: Vec<f64> = first
                .split_whitespace()
                .map(|f| f.parse().unwrap())
                .collect();
            let [a, b, ratio] = figures[..] else {
                panic!("{name}: {line:?}")
            };
            runs.entry(name).or_default().push((a, b, ratio));
        }
    }
    let mut ok = true;
    for name in CLIENTS {
        let runs = runs.get_mut(name).unwrap();
        let ratios: Vec<String> = runs.iter().map(|r| format!("{:.2}", r.2)).collect();
        runs.sort_by(|x, y| x.2.total_cmp(&y.2));
        let (a, b, ratio) = runs[PROCESSES / 2];
        println!(
            "{name}: {a:.1} µs per send through the client, {b:.1} µs by hand (median process); \
             ratios {}",
            ratios.join(", ")
        );
        ok &= report(
            &format!("  {name} client / hand-written"),
            ratio,
            "x",
            "<= 1.15",
            ratio <= 1.15,
        );
    }
    benchmarks::exit_status(ok)
}

/// Measures the client `only` in this process; for the parent (`child`), one line:
/// the two median-turn times in µs and their ratio.
fn measure(only: &str, child: bool) -> ExitCode {
    assert!(CLIENTS.contains(&only), "no client {only:?}: {CLIENTS:?}");
    let answers: HashMap<&'static str, (&'static str, Vec<u8>)> = HashMap::from([
        ("/api/sms/", ("application/json", br#"{"successMessage":"ok","msgId":"m-1"}"#.to_vec())),
        ("/bulksms/api/v1/push", ("application/json", br#"{"status":"success","message":"message sent"}"#.to_vec())),
        ("/http/9.0/sendSms/", ("application/json", br#"{"status":100,"statusText":"ok","campaignId":"c1","smsIds":[{"phoneNumber":"33612345678","smsId":"id-1"}]}"#.to_vec())),
        ("/api/xml/sendsms/", ("application/xml", b"<REPONSE><msgfid>m1</msgfid><statut>1</statut><texte>ok</texte><destinataires>1</destinataires><sms>1</sms><credits>1</credits><solde>98</solde><messages><sms><smsfid>s1</smsfid><destination>22507352518</destination><credits>1</credits></sms></messages></REPONSE>".to_vec())),
        ("/client/api/", ("text/plain", b"166852550|Message envoy\xe9".to_vec())),
    ]);
    let state = Server {
        answers: Arc::new(answers),
        seen: Arc::default(),
    };
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = server_rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .fallback(answer)
        .with_state(state.clone());
    server_rt.spawn(async move { axum::serve(listener, app).await.unwrap() });

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let advert = smsadvert::Client::builder("token")
        .base_url(&base)
        .build()
        .unwrap();
    let lmt = lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new("key", "pass"))
        .base_url(&base)
        .build()
        .unwrap();
    let allmysms = allmysms::Client::builder(allmysms::Credentials::new("login", "key"))
        .base_url(&base)
        .build()
        .unwrap();
    let smseco = smseco::Client::builder(smseco::Credentials::new("login", "pass"))
        .base_url(&base)
        .build()
        .unwrap();
    let cm = connect_mobile::Client::builder(connect_mobile::Credentials::new("login", "pass"))
        .base_url(&base)
        .build()
        .unwrap();

    let http = reqwest::Client::builder().build().unwrap();
    // The same bytes by hand: the request the client sent (captured on its first call),
    // its answer read and the id taken out of it.
    let by_hand = |path: &str| {
        let (method, mut headers, body) = state
            .seen
            .lock()
            .unwrap()
            .get(path)
            .cloned()
            .expect("the client's request");
        headers.remove("host");
        headers.remove("content-length");
        let (http, url) = (http.clone(), format!("{base}{path}"));
        async move || {
            let answer = http
                .request(method.clone(), &url)
                .headers(headers.clone())
                .body(body.clone())
                .timeout(Duration::from_secs(30))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            // Each answer read whole with the crate one would use by hand: JSON with
            // serde_json, XML with quick-xml's reader; Connect-Mobile's `id|text` split.
            let id = if answer.starts_with(b"<") {
                xml_id(&answer)
            } else {
                match serde_json::from_slice::<serde_json::Value>(&answer) {
                    Ok(v) => v
                        .get("msgId")
                        .or_else(|| v.get("campaignId"))
                        .or_else(|| v.get("status"))
                        .is_some(),
                    Err(_) => answer.split(|&b| b == b'|').nth(1).is_some(),
                }
            };
            assert!(id);
        }
    };
    let mut ok = true;
    macro_rules! run {
        ($name:expr, $path:expr, $call:expr) => {{
            if only == $name {
                let ours = async || $call;
                rt.block_on(ours());
                let (a, b, ratio) = compare(&rt, ours, by_hand($path));
                let (a, b) = (a.as_secs_f64() * 1e6, b.as_secs_f64() * 1e6);
                ok = ratio <= 1.15;
                if child {
                    println!("{a} {b} {ratio}");
                } else {
                    println!(
                        "{}: {a:.1} µs per send through the client, {b:.1} µs by hand (median turn)",
                        $name,
                    );
                    report(
                        &format!("  {} client / hand-written", $name),
                        ratio,
                        "x",
                        "<= 1.15",
                        ok,
                    );
                }
            }
        }};
    }
    run!("smsadvert", "/api/sms/", {
        let r = smsadvert::SendSms::new("Promoție de vară").to("+40740123456");
        assert_eq!(advert.send_sms(&r).await.unwrap().msg_id().as_str(), "m-1");
    });
    run!("lmt-bulksms", "/bulksms/api/v1/push", {
        let r = lmt_bulksms::SendSms::new("Shop", "Promo du jour").to("694124344");
        assert!(lmt.send_sms(&r).await.unwrap()[0].result().is_ok());
    });
    run!("allmysms", "/http/9.0/sendSms/", {
        let r = allmysms::SendSms::new("Promo du jour").to("0612345678");
        assert_eq!(allmysms.send_sms(&r).await.unwrap().campaign_id(), "c1");
    });
    run!("smseco", "/api/xml/sendsms/", {
        let r = smseco::SendSms::new("DEMO", "Promo du jour").to("22507352518");
        assert_eq!(smseco.send_sms(&r).await.unwrap().msgfid(), "m1");
    });
    run!("connect-mobile", "/client/api/", {
        let r = connect_mobile::SendSms::new("Shop", "Promo du jour").to("0612345678");
        assert!(cm.send_sms(&r).await.unwrap().message_id().is_some());
    });
    benchmarks::exit_status(ok)
}
