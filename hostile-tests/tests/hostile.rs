//! Every operation of every client against a hostile gateway, in one table.
//!
//! For each bad behaviour, each operation must: fail with a typed error whose outcome
//! is *unknown* (`is_known_not_sent() == false`: the request reached a server), send
//! exactly one request (no redirect followed, nothing retried), show no credential in
//! any encoding and no whole phone number in `Display`, `Debug` or the source chain,
//! and keep memory bounded.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_util::future::join_all;
use sms_primitives::redact::Redactor;
use test_support::hostile::{Behavior, HostileServer, deep_json, deep_xml};

/// A secret carried in bodies and URLs: characters that every encoding changes.
const SECRET: &str = "Zq9x7-Hostile&Secret+é !\"<>";
/// A secret carried in headers (must be a valid header value).
const HEADER_SECRET: &str = "Zq9x7HeaderSecret";
/// Logins, distinctive too.
const LOGIN: &str = "zq9x7.login@example.org";
/// The distinctive core every secret shares: it survives percent-encoding.
const CORE: &str = "Zq9x7";
/// Recipients, and the part of each that must never be shown.
const PHONE_FR: &str = "+33 6 12 34 56 78";
const PHONE_CI: &str = "+225 07 07 35 25 18";
const PHONE_CM: &str = "+237 694 12 43 44";
const PHONE_RO: &str = "+40 740 123 456";
const PHONE_PARTS: [&str; 8] = [
    "6123456",
    "612345678",
    "0707352",
    "70735251",
    "6941243",
    "69412434",
    "7401234",
    "740123456",
];
/// Long enough that a loaded machine answers in time; the drip lasts far longer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// One case at a time: ~50 servers and clients each already load a small machine.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What an operation's error showed.
#[derive(Debug)]
struct Info {
    texts: Vec<String>,
    known_not_sent: bool,
    kind: String,
    /// An error whose `Display` repeats its source's (the chain is printed whole).
    repeats_source: Option<String>,
}

/// The first error of the chain whose `Display` contains its source's `Display`.
fn repeated_source(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut current = e;
    while let Some(source) = current.source() {
        let (outer, inner) = (current.to_string(), source.to_string());
        if inner.len() > 3 && outer.contains(&inner) {
            return Some(format!("{outer:?} repeats {inner:?}"));
        }
        current = source;
    }
    None
}

impl Info {
    fn of<E: std::error::Error + 'static>(e: &E, known_not_sent: bool) -> Self {
        let mut texts = vec![e.to_string(), format!("{e:?}"), format!("{e:#?}")];
        let mut source = e.source();
        while let Some(s) = source {
            texts.extend([s.to_string(), format!("{s:?}")]);
            source = s.source();
        }
        let kind = format!("{e:?}")
            .split(['(', ' ', '{'])
            .next()
            .unwrap_or("")
            .to_owned();
        Self {
            texts,
            known_not_sent,
            kind,
            repeats_source: repeated_source(e),
        }
    }
}

type Run = Box<dyn Fn(String) -> Pin<Box<dyn Future<Output = Option<Info>> + Send>> + Send + Sync>;

/// A status and body.
type Body = (u16, Vec<u8>);

/// One operation of one client, and for sends, the provider's undocumented-code and
/// success-without-id answers.
struct Op {
    name: &'static str,
    undocumented: Option<Body>,
    no_id: Option<Body>,
    run: Run,
}

/// What an error page echoes: the client's own credentials and a recipient, raw.
fn echo_text(credentials: &[&str]) -> String {
    format!(
        "refused: {} to 33612345678 / 2250707352518",
        credentials.join(" / ")
    )
}

/// Each provider's documented refusal, its text echoing the request, by operation
/// name prefix.
fn documented_refusal(name: &str) -> Option<Body> {
    let json = |v: serde_json::Value| v.to_string().into_bytes();
    let echo = echo_text(&[LOGIN, SECRET]);
    let xml = echo
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Some(match name {
        "lmt push" => {
            let echo = echo_text(&[HEADER_SECRET, SECRET]);
            let body = serde_json::json!({"status": "error", "message": echo, "errors": [echo]});
            (200, json(body))
        }
        "lmt pushes send" => {
            let echo = echo_text(&[HEADER_SECRET, "Zq9x7PushesSecret"]);
            (
                400,
                json(serde_json::json!({"code": "INP02", "message": echo})),
            )
        }
        n if n.starts_with("allmysms rest") && !n.ends_with("ping") => (
            201,
            json(serde_json::json!({"code": 102, "description": echo})),
        ),
        n if n.starts_with("allmysms ") && !n.contains("rest") => (
            200,
            json(serde_json::json!({"status": 102, "statusText": echo})),
        ),
        "smsadvert send" => {
            let echo = echo_text(&[HEADER_SECRET]);
            (400, json(serde_json::json!({"errors": {"phone": echo}})))
        }
        n if n.starts_with("smseco") => (
            200,
            format!("<REPONSE><statut>-4</statut><texte>{xml}</texte></REPONSE>").into_bytes(),
        ),
        n if n.starts_with("connect-mobile") => (200, format!("01|{echo}").into_bytes()),
        _ => return None,
    })
}

macro_rules! op {
    ($name:expr, $undocumented:expr, $no_id:expr, |$url:ident| $call:expr) => {
        Op {
            name: $name,
            undocumented: $undocumented,
            no_id: $no_id,
            run: Box::new(|$url: String| {
                Box::pin(async move {
                    // Bound first, so that the call's temporaries live across `.await`.
                    let result = async { $call.await }.await;
                    match result {
                        Ok(_) => None,
                        Err(e) => Some(Info::of(&e, e.is_known_not_sent())),
                    }
                })
            }),
        }
    };
}

fn body(status: u16, text: &str) -> Option<Body> {
    Some((status, text.as_bytes().to_vec()))
}

fn lmt(url: &str) -> lmt_bulksms::Client {
    lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new(HEADER_SECRET, SECRET))
        .base_url(url)
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

fn lmt_pushes(url: &str) -> lmt_bulksms::pushes::Client {
    lmt_bulksms::pushes::Client::builder(lmt_bulksms::pushes::Credentials::new(
        HEADER_SECRET,
        "Zq9x7PushesSecret",
    ))
    .base_url(url)
    .timeout(TIMEOUT)
    .build()
    .unwrap()
}

fn allmysms(url: &str) -> allmysms::Client {
    allmysms::Client::builder(allmysms::Credentials::new(LOGIN, SECRET))
        .base_url(url)
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

fn allmysms_rest(url: &str) -> allmysms::rest::Client {
    allmysms::rest::Client::builder(allmysms::Credentials::new(LOGIN, SECRET))
        .base_url(url)
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

fn smsadvert(url: &str) -> smsadvert::Client {
    smsadvert::Client::builder(HEADER_SECRET)
        .base_url(url)
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

fn smseco(url: &str, format: smseco::Format) -> smseco::Client {
    smseco::Client::builder(smseco::Credentials::new(LOGIN, SECRET))
        .base_url(url)
        .format(format)
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

fn connect(url: &str, method: connect_mobile::HttpMethod) -> connect_mobile::Client {
    // Connect-Mobile credentials must be ISO-8859-1: `SECRET` is.
    connect_mobile::Client::builder(connect_mobile::Credentials::new(LOGIN, SECRET))
        .base_url(url)
        .method(method)
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

/// A base URL with a user name and password: every builder's `Debug` masks them and
/// every `build` refuses it, never echoing them.
#[test]
fn credentials_in_a_base_url_are_refused_and_never_shown() {
    const BASE: &str = "https://gw-user:Zq9x7BaseUrlSecret@example.com/api";
    /// A builder's `Debug`, and its `build` error's `Display` and `Debug`.
    fn shown<B: std::fmt::Debug, C: std::fmt::Debug, E: std::fmt::Display + std::fmt::Debug>(
        builder: B,
        build: impl FnOnce(B) -> Result<C, E>,
    ) -> (String, String) {
        let debug = format!("{builder:?}");
        (debug, format!("{0} {0:?}", build(builder).unwrap_err()))
    }
    // Each builder, named, with `BASE`: its `Debug`, and its `build` error.
    macro_rules! outputs {
        ($($name:literal => $builder:expr),* $(,)?) => {
            [$(($name, shown($builder.base_url(BASE), |b| b.build()))),*]
        };
    }
    let outputs = outputs![
        "lmt" => lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new(HEADER_SECRET, SECRET)),
        "lmt pushes" => lmt_bulksms::pushes::Client::builder(lmt_bulksms::pushes::Credentials::new(HEADER_SECRET, SECRET)),
        "allmysms" => allmysms::Client::builder(allmysms::Credentials::new(LOGIN, SECRET)),
        "allmysms rest" => allmysms::rest::Client::builder(allmysms::Credentials::new(LOGIN, SECRET)),
        "smsadvert" => smsadvert::Client::builder(HEADER_SECRET),
        "smseco" => smseco::Client::builder(smseco::Credentials::new(LOGIN, SECRET)),
        "connect-mobile" => connect_mobile::Client::builder(connect_mobile::Credentials::new(LOGIN, SECRET)),
    ];
    for (name, (debug, error)) in outputs {
        for shown in [&debug, &error] {
            assert!(
                !shown.contains("Zq9x7BaseUrlSecret") && !shown.contains("gw-user"),
                "{name}: {shown}"
            );
        }
        assert!(debug.contains("***@example.com"), "{name}: {debug}");
        assert!(error.contains("CredentialsInBaseUrl"), "{name}: {error}");
    }
}

/// Every public operation of every client. Not formatted: rustfmt would wrap some
/// bodies in blocks, which end the requests' temporaries before `.await`.
#[rustfmt::skip]
fn operations() -> Vec<Op> {
    use allmysms::rest::{self, VoiceBulk};
    use allmysms::{
        Contact, ListField, MmsContent, SendEmail, SendMms, SendSms, SimpleSms, SubAccountData,
        SubAccountUpdate,
    };
    use connect_mobile::HttpMethod;
    use smseco::{Format, OutputFormat};

    let a_undoc = || body(200, r#"{"status":199,"statusText":"?"}"#);
    let a_noid = || body(200, r#"{"status":100,"statusText":"ok","smsIds":[]}"#);
    let r_undoc = || body(201, r#"{"code":199,"description":"?"}"#);
    let r_noid = || body(201, r#"{"code":100,"description":"ok"}"#);
    let e_undoc = || {
        body(
            200,
            "<REPONSE><statut>-99</statut><texte>?</texte></REPONSE>",
        )
    };
    let e_noid = || {
        body(
            200,
            "<REPONSE><statut>1</statut><texte>ok</texte><messages></messages></REPONSE>",
        )
    };
    vec![
        // LMT BulkSMS: push API v1 (one outcome per number) and the pushes platform.
        op!(
            "lmt push",
            body(200, r#"{"status":"queued","message":"?"}"#),
            None,
            |u| async move {
                lmt(&u)
                    .send_sms(&lmt_bulksms::SendSms::new("Shop", "Bonjour").to(PHONE_CM))
                    .await
                    .and_then(|o| o.into_iter().next().unwrap().into_result())
            }
        ),
        op!(
            "lmt pushes send",
            body(418, r#"{"code":"ZZZ99"}"#),
            body(201, "{}"),
            |u| lmt_pushes(&u)
                .send_sms(&lmt_bulksms::pushes::SendSms::new("Shop", "Bonjour").to(PHONE_CM))
        ),
        // AllMySMS HTTP API v9.
        op!("allmysms sendSms", a_undoc(), a_noid(), |u| allmysms(&u)
            .send_sms(&SendSms::new("Bonjour").to(PHONE_FR))),
        op!("allmysms simulateCampaign", None, None, |u| allmysms(&u)
            .simulate_campaign(&SendSms::new("Bonjour").to(PHONE_FR))),
        op!(
            "allmysms simplified send",
            a_undoc(),
            body(200, r#"{"status":100}"#),
            |u| allmysms(&u).send_simple(&SimpleSms::new("Bonjour").to(PHONE_FR))
        ),
        op!("allmysms sendMms", a_undoc(), a_noid(), |u| allmysms(&u)
            .send_mms(
                &SendMms::new("Bonjour", MmsContent::Text).to(PHONE_FR)
            )),
        op!("allmysms sendEmail", None, None, |u| allmysms(&u)
            .send_email(&SendEmail::new(
                "a@example.org",
                "b@example.org",
                "Hi",
                "<p>Hi</p>"
            ))),
        op!("allmysms getAcks", None, None, |u| allmysms(&u)
            .get_acks("camp-1")),
        op!("allmysms getAckBySmsId", None, None, |u| allmysms(&u)
            .get_ack_by_sms_id("sms-1")),
        op!("allmysms getPulls", None, None, |u| allmysms(&u)
            .get_pulls(Some(5))),
        op!("allmysms getPull", None, None, |u| allmysms(&u)
            .get_pull("camp-1")),
        op!("allmysms getPullBySmsId", None, None, |u| allmysms(&u)
            .get_pull_by_sms_id("sms-1")),
        op!("allmysms getInfo", None, None, |u| allmysms(&u).get_info()),
        op!("allmysms getBlacklist", None, None, |u| allmysms(&u)
            .get_blacklist()),
        op!("allmysms deleteCampaign", None, None, |u| allmysms(&u)
            .delete_campaign("camp-1")),
        op!("allmysms getCreditsByCountryIsoCode", None, None, |u| allmysms(&u).get_credits_by_country_iso_code("FR")),
        op!("allmysms shortenUrl", None, None, |u| allmysms(&u)
            .shorten_url("https://example.org/")),
        op!("allmysms getCampaignStats", None, None, |u| allmysms(&u)
            .get_campaign_stats("camp-1")),
        op!("allmysms createSubAccount", None, None, |u| allmysms(&u)
            .create_sub_account(&SubAccountData::new(
                "shop-paris",
                "Zq9x7SubPassword",
                "Marc",
                "Dupont",
                "m@example.org"
            ))),
        op!("allmysms updateSubAccount", None, None, |u| allmysms(&u)
            .update_sub_account(
                "shop-paris",
                &SubAccountUpdate::new().city("Paris")
            )),
        op!("allmysms getSubAccounts", None, None, |u| allmysms(&u)
            .get_sub_accounts()),
        op!("allmysms manageSubAccountCredits", None, None, |u| allmysms(&u).manage_sub_account_credits("shop-paris", 10)),
        op!("allmysms deleteSubAccount", None, None, |u| allmysms(&u)
            .delete_sub_account("shop-paris")),
        op!("allmysms createList", None, None, |u| allmysms(&u)
            .create_list(
                "clients",
                false,
                &[ListField::new("nom", false, false)]
            )),
        op!("allmysms populateList", None, None, |u| async move {
            allmysms(&u).populate_list("clients", &[Contact::new(PHONE_FR)]).await
        }),
        op!("allmysms deleteContacts", None, None, |u| async move {
            allmysms(&u).delete_contacts("clients", &[Contact::new(PHONE_FR)]).await
        }),
        op!("allmysms deleteList", None, None, |u| allmysms(&u)
            .delete_list("clients")),
        op!("allmysms getLists", None, None, |u| allmysms(&u)
            .get_lists()),
        op!("allmysms getContacts", None, None, |u| allmysms(&u)
            .get_contacts("clients")),
        // AllMySMS REST API.
        op!("allmysms rest send", r_undoc(), r_noid(), |u| allmysms_rest(&u).send_sms(&rest::SendSms::new(PHONE_FR, "Bonjour"))),
        op!("allmysms rest send_bulk", r_undoc(), r_noid(), |u| allmysms_rest(&u).send_bulk(&rest::BulkSms::new("Bonjour").to(PHONE_FR))),
        op!("allmysms rest voice_send_bulk", r_undoc(), r_noid(), |u| allmysms_rest(&u).voice_send_bulk(
                &VoiceBulk::new("0140000000", "https://example.org/a.mp3").to(PHONE_FR),
            )),
        op!("allmysms rest account", None, None, |u| allmysms_rest(&u)
            .account(None)),
        op!("allmysms rest ping", None, None, |u| allmysms_rest(&u)
            .ping()),
        op!("allmysms rest campaign_report", None, None, |u| allmysms_rest(&u).campaign_report("camp-1")),
        // smsadvert.
        op!(
            "smsadvert send",
            body(200, r#"{"status":"queued"}"#),
            body(200, r#"{"successMessage":"ok"}"#),
            |u| smsadvert(&u).send_sms(&smsadvert::SendSms::new("Salut").to(PHONE_RO))
        ),
        // SMSECO, over XML and over GET (the password travels in the URL).
        op!("smseco sendsms xml", e_undoc(), e_noid(), |u| smseco(
            &u,
            Format::Xml
        )
        .send_sms(&smseco::SendSms::new("TEST", "Bonjour").to(PHONE_CI))),
        op!("smseco sendsms get", None, None, |u| smseco(
            &u,
            Format::Get(OutputFormat::Json)
        )
        .send_sms(&smseco::SendSms::new("TEST", "Bonjour").to(PHONE_CI))),
        op!("smseco sendsms json", None, None, |u| smseco(
            &u,
            Format::Json
        )
        .send_sms(&smseco::SendSms::new("TEST", "Bonjour").to(PHONE_CI))),
        op!("smseco getdlrs", None, None, |u| smseco(&u, Format::Xml)
            .get_dlrs(&smseco::DlrQuery::all())),
        op!("smseco getbalance", None, None, |u| smseco(&u, Format::Xml)
            .get_balance()),
        op!("smseco getsenders", None, None, |u| smseco(&u, Format::Xml)
            .get_senders()),
        op!("smseco sendhlr", e_undoc(), e_noid(), |u| smseco(
            &u,
            Format::Xml
        )
        .send_hlr(&smseco::HlrRequest::new().to(PHONE_CI))),
        // Connect-Mobile, over POST and GET.
        op!(
            "connect-mobile envoi post",
            body(200, "99|Erreur interne"),
            body(200, "|Message envoyé"),
            |u| connect(&u, HttpMethod::Post)
                .send_sms(&connect_mobile::SendSms::new("Shop", "Bonjour").to(PHONE_FR))
        ),
        op!("connect-mobile envoi get", None, None, |u| connect(
            &u,
            HttpMethod::Get
        )
        .send_sms(
            &connect_mobile::SendSms::new("Shop", "Bonjour").to(PHONE_FR)
        )),
        op!("connect-mobile statut", None, None, |u| async move {
            let id = connect_mobile::MessageId::new("166852550").unwrap();
            connect(&u, HttpMethod::Get).status(&id).await
        }),
        op!("connect-mobile solde", None, None, |u| connect(
            &u,
            HttpMethod::Post
        )
        .balance()),
    ]
}

/// Every credential the clients above use, in every encoding.
fn redactor() -> Redactor {
    Redactor::new([
        SECRET,
        HEADER_SECRET,
        "Zq9x7PushesSecret",
        "Zq9x7SubPassword",
        LOGIN,
    ])
    .basic_auth(LOGIN, SECRET)
}

/// Runs every operation against its own server behaving as `behavior` (or answering
/// its own body), and checks each outcome.
async fn check_all(case: &str, behavior: impl Fn(&Op) -> Option<Behavior>) {
    check_all_expecting(case, false, behavior).await;
}

/// As [`check_all`], with the expected `is_known_not_sent()`.
async fn check_all_expecting(
    case: &str,
    known_not_sent: bool,
    behavior: impl Fn(&Op) -> Option<Behavior>,
) {
    let _serial = SERIAL.lock().await;
    let ops = operations();
    let runs = ops.iter().filter_map(|op| {
        let behavior = behavior(op)?;
        Some(async move {
            let server = HostileServer::start(behavior).await;
            let info = (op.run)(server.url().to_owned()).await;
            (op.name, info, server.requests(), server.written())
        })
    });
    let results = join_all(runs).await;
    assert!(!results.is_empty(), "{case}: no operation ran");
    let redactor = redactor();
    let mut failures = Vec::new();
    for (name, info, requests, written) in results {
        let Some(info) = info else {
            // `ping` only asks whether the API answers: any 2xx says yes.
            let two_xx = case.contains("200") || case.starts_with("100,000");
            if !(name.ends_with(" ping") && two_xx) {
                failures.push(format!("{case} / {name}: succeeded"));
            }
            continue;
        };
        if info.known_not_sent != known_not_sent {
            failures.push(format!(
                "{case} / {name}: known-not-sent is {} ({})",
                info.known_not_sent, info.kind
            ));
        }
        // Never a second request (no redirect followed, nothing retried); exactly one
        // unless the client gave up before the server read it (a loaded machine).
        let timed_out = info.texts.iter().any(|t| t.contains("timed out"));
        if requests > 1 || (requests == 0 && !timed_out) {
            failures.push(format!(
                "{case} / {name}: {requests} requests reached the server ({:?})",
                info.texts.first()
            ));
        }
        if let Some(r) = &info.repeats_source {
            failures.push(format!("{case} / {name}: Display {r}"));
        }
        if written > 16 << 20 {
            failures.push(format!("{case} / {name}: the client read {written} bytes"));
        }
        for text in &info.texts {
            let leaked = text.contains(CORE)
                || redactor.redact(text) != *text
                || PHONE_PARTS.iter().any(|p| text.contains(p));
            if leaked {
                failures.push(format!("{case} / {name}: leaked in {text:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_never_followed() {
    for status in [301, 302, 303, 307, 308] {
        check_all(&format!("redirect {status}"), |_| {
            Some(Behavior::Redirect(status))
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn echo_pages_never_show_a_credential_or_a_number() {
    for status in [200, 500] {
        check_all(&format!("echo {status}"), |_| Some(Behavior::Echo(status))).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_refusals_echoing_the_request_show_nothing() {
    // Refusals: known not sent, and their texts still never show a credential.
    check_all_expecting("documented refusal with an echo", true, |op| {
        documented_refusal(op.name).map(|(status, body)| Behavior::Respond {
            status,
            headers: Vec::new(),
            body,
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_answers_are_typed_errors() {
    for (name, body) in [("xml", deep_xml(100_000)), ("json", deep_json(100_000))] {
        check_all(&format!("100,000-deep {name}"), |_| {
            Some(Behavior::Respond {
                status: 200,
                headers: Vec::new(),
                body: body.clone(),
            })
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_bodies_are_not_read_whole() {
    for content_length in [true, false] {
        check_all(
            &format!("64 MiB (content-length: {content_length})"),
            |_| {
                Some(Behavior::Huge {
                    size: 64 << 20,
                    content_length,
                })
            },
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undocumented_codes_and_successes_without_ids_are_unknown() {
    let respond = |b: &Option<Body>| {
        b.clone().map(|(status, body)| Behavior::Respond {
            status,
            headers: Vec::new(),
            body,
        })
    };
    check_all("undocumented code", |op| respond(&op.undocumented)).await;
    check_all("success without id", |op| respond(&op.no_id)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_drips_cut_connections_and_garbage_are_unknown() {
    check_all("slow drip", |_| {
        Some(Behavior::Drip(Duration::from_millis(100)))
    })
    .await;
    check_all("cut after the request", |_| Some(Behavior::Cut)).await;
    let garbage: Vec<u8> = (0..4096_u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    for status in [200, 500] {
        check_all(&format!("garbage {status}"), |_| {
            Some(Behavior::Respond {
                status,
                headers: Vec::new(),
                body: garbage.clone(),
            })
        })
        .await;
    }
}

#[tokio::test]
async fn no_error_repeats_its_source() {
    // Invalid input and a refused connection, in every crate: the chain is said once.
    let closed = test_support::closed_port_url();
    let errors: Vec<Box<dyn std::error::Error>> = vec![
        Box::new(
            allmysms(&closed)
                .send_sms(&allmysms::SendSms::new("x").to("12"))
                .await
                .unwrap_err(),
        ),
        Box::new(allmysms(&closed).get_info().await.unwrap_err()),
        Box::new(
            smseco(&closed, smseco::Format::Xml)
                .send_sms(&smseco::SendSms::new("TOO LONG SENDER ID", "x").to(PHONE_CI))
                .await
                .unwrap_err(),
        ),
        Box::new(
            connect(&closed, connect_mobile::HttpMethod::Post)
                .send_sms(&connect_mobile::SendSms::new("S", "x").to("123"))
                .await
                .unwrap_err(),
        ),
        Box::new(
            lmt(&closed)
                .send_sms(&lmt_bulksms::SendSms::new("TOO LONG SENDER ID", "x").to(PHONE_CM))
                .await
                .unwrap_err(),
        ),
        Box::new(
            smsadvert(&closed)
                .send_sms(&smsadvert::SendSms::new("Salut").to("12"))
                .await
                .unwrap_err(),
        ),
        Box::new(
            smsadvert(&closed)
                .send_sms(&smsadvert::SendSms::new("Salut").to(PHONE_RO))
                .await
                .unwrap_err(),
        ),
    ];
    // A client that cannot be built keeps the cause too.
    let mut errors = errors;
    errors.push(Box::new(
        smseco::Client::builder(smseco::Credentials::new(LOGIN, SECRET))
            .base_url("not a url")
            .build()
            .unwrap_err(),
    ));
    for e in errors {
        let e: &(dyn std::error::Error + 'static) = e.as_ref();
        assert!(e.source().is_some(), "{e} should have a source");
        assert_eq!(repeated_source(e), None, "{e:?}");
    }
}

/// A log sink for the tracing test: every line every test of this binary writes.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn traces_show_each_operation_and_no_secret() {
    let sink = Captured::default();
    let writer = sink.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // Global, so that the clients' spawned tasks are captured too.
    let _ = tracing::subscriber::set_global_default(subscriber);
    check_all("echo 500 (traced)", |_| Some(Behavior::Echo(500))).await;
    check_all_expecting("documented refusal with an echo (traced)", true, |op| {
        documented_refusal(op.name).map(|(status, body)| Behavior::Respond {
            status,
            headers: Vec::new(),
            body,
        })
    })
    .await;
    let log = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    let redactor = redactor();
    let mut leaks = Vec::new();
    for line in log.lines() {
        if line.contains(CORE)
            || redactor.redact(line) != line
            || PHONE_PARTS.iter().any(|p| line.contains(p))
        {
            leaks.push(line.to_owned());
        }
    }
    assert!(
        leaks.is_empty(),
        "{} leaking lines:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    // One span per exchange, with its provider, native operation name, status and
    // transport outcome.
    for (provider, operation) in [
        ("allmysms", "sendSms"),
        ("allmysms", "POST /sms/send/"),
        ("smseco", "sendsms"),
        ("connect-mobile", "envoi"),
        ("lmt-bulksms", "push"),
        ("lmt-bulksms", "pushes"),
        ("smsadvert", "sms"),
    ] {
        let needle = format!("provider=\"{provider}\" operation=\"{operation}\"");
        // Other tests of this binary log too (the subscriber is global): any line of
        // this operation's answered exchanges will do.
        let line = log.lines().find(|l| {
            l.contains(&needle) && l.contains("exchange done") && l.contains("outcome=\"answered\"")
        });
        let line = line.unwrap_or_else(|| panic!("no answered span for {needle}"));
        assert!(line.contains("latency_ms="), "{line}");
    }
    assert!(log.contains("http_status=500"), "the status is recorded");
    // One span per operation (the method called, around its exchanges), with the
    // provider-level outcome: unknown for an echoing 500, known not sent for a
    // documented refusal.
    for (provider, operation, exchange) in [
        ("allmysms", "send_sms", "sendSms"),
        ("allmysms", "send_sms", "POST /sms/send/"),
        ("smseco", "send_sms", "sendsms"),
        ("connect-mobile", "send_sms", "envoi"),
        ("lmt-bulksms", "send_sms", "push"),
        ("lmt-bulksms", "send_sms", "pushes"),
        ("smsadvert", "send_sms", "sms"),
    ] {
        let span = format!("sms{{provider=\"{provider}\" operation=\"{operation}\"");
        for outcome in ["unknown", "known_not_sent"] {
            let line = log.lines().find(|l| {
                l.contains(&span)
                    && l.contains("operation done")
                    && l.contains(&format!("outcome=\"{outcome}\""))
            });
            let line = line.unwrap_or_else(|| panic!("no {outcome} operation span {span}"));
            assert!(
                line.contains("latency_ms=") && line.contains("http_status="),
                "{line}"
            );
        }
        // Its exchanges are spans inside it.
        let inner = format!("sms.exchange{{provider=\"{provider}\" operation=\"{exchange}\"");
        assert!(
            log.lines().any(|l| l.contains(&span) && l.contains(&inner)),
            "no {inner} inside {span}"
        );
    }
}
