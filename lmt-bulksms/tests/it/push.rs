//! The BulkSMS push API v1.

use std::time::Duration;

use lmt_bulksms::{Client, Credentials, Error, Flag, InvalidRequest, SendSms};

use crate::{closed_port_url, fixture, recorder};

const PATH: &str = "/bulksms/api/v1/push";

fn client(server: &mockito::Server) -> Client {
    Client::builder(Credentials::new("my-api-key", "my p@ss&word"))
        .base_url(server.url())
        .build()
        .unwrap()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[tokio::test]
async fn sends_the_documented_form_and_parses_success() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(fixture("push_success_doc.json"))
        .expect(1)
        .create_async()
        .await;

    let push = SendSms::new("MaBoutique", "Votre commande est prête.").to("694124344");
    let outcomes = client(&server).send_sms(&push).await.unwrap();
    mock.assert_async().await;

    let seen = log.lock().unwrap()[0].clone();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, PATH);
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded;charset=utf-8")
    );
    assert_eq!(
        seen.form(),
        pairs(&[
            ("api_key", "my-api-key"),
            ("password", "my p@ss&word"),
            ("message", "Votre commande est prête."),
            ("sender", "MaBoutique"),
            ("phone", "237694124344"),
            ("flag", "short_sms"),
        ])
    );
    // Non-ASCII is percent-encoded UTF-8 on the wire.
    assert!(String::from_utf8_lossy(&seen.body).contains("pr%C3%AAte"));

    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].phone().e164(), "+237694124344");
    let answer = outcomes[0].result().as_ref().unwrap();
    assert_eq!(
        (answer.message(), answer.http_status()),
        ("message sent", 200)
    );
}

#[tokio::test]
async fn one_request_per_number_in_order_without_duplicates() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture("push_success_doc.json"))
        .expect(3)
        .create_async()
        .await;

    let push = SendSms::new("Shop", "Bonjour").recipients([
        "694124344",
        "+237 6 77 00 00 00",
        "00237694124344", // the first number again
        "+33 6 12 34 56 78",
    ]);
    let outcomes = client(&server).send_sms(&push).await.unwrap();
    mock.assert_async().await;

    let phones: Vec<String> = log
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.form().into_iter().find(|(k, _)| k == "phone").unwrap().1)
        .collect();
    assert_eq!(phones, ["237694124344", "237677000000", "33612345678"]);
    let outcome_phones: Vec<&str> = outcomes.iter().map(|o| o.phone().e164()).collect();
    assert_eq!(
        outcome_phones,
        ["+237694124344", "+237677000000", "+33612345678"]
    );
    assert!(outcomes.iter().all(|o| o.result().is_ok()));
}

#[tokio::test]
async fn a_failure_for_one_number_does_not_stop_the_others() {
    let mut server = mockito::Server::new_async().await;
    let bad = server
        .mock("POST", PATH)
        .match_body(mockito::Matcher::UrlEncoded(
            "phone".into(),
            "237677000000".into(),
        ))
        .with_body(fixture("push_error_doc.json"))
        .expect(1)
        .create_async()
        .await;
    let good = server
        .mock("POST", PATH)
        .match_body(mockito::Matcher::UrlEncoded(
            "phone".into(),
            "237694124344".into(),
        ))
        .with_body(fixture("push_success_doc.json"))
        .expect(1)
        .create_async()
        .await;

    let push = SendSms::new("Shop", "Hi").to("677000000").to("694124344");
    let outcomes = client(&server).send_sms(&push).await.unwrap();
    bad.assert_async().await;
    good.assert_async().await;
    assert!(matches!(outcomes[0].result(), Err(Error::Api(_))));
    assert!(outcomes[1].result().is_ok());
}

#[tokio::test]
async fn long_and_unicode_texts_get_long_sms_unless_forced() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture("push_success_doc.json"))
        .expect(3)
        .create_async()
        .await;
    let c = client(&server);
    let emoji = "Promo 😀 ".repeat(10); // UCS-2, 90 units: two segments
    c.send_sms(&SendSms::new("Shop", emoji.clone()).to("694124344"))
        .await
        .unwrap();
    c.send_sms(&SendSms::new("Shop", "a".repeat(160)).to("694124344"))
        .await
        .unwrap();
    c.send_sms(
        &SendSms::new("Shop", "a".repeat(200))
            .to("694124344")
            .flag(Flag::ShortSms),
    )
    .await
    .unwrap();
    let log = log.lock().unwrap();
    let field = |i: usize, name: &str| {
        log[i]
            .form()
            .into_iter()
            .find(|(k, _)| k == name)
            .unwrap()
            .1
    };
    assert_eq!(field(0, "flag"), "long_sms");
    assert_eq!(
        field(0, "message"),
        emoji,
        "the text reaches the server byte-exact"
    );
    assert_eq!(field(1, "flag"), "short_sms");
    assert_eq!(field(2, "flag"), "short_sms");
}

#[tokio::test]
async fn documented_error_sample_with_the_misspelt_key() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", PATH)
        .with_body(fixture("push_error_doc.json"))
        .create_async()
        .await;
    let outcome = client(&server)
        .send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
        .await
        .unwrap()
        .pop()
        .unwrap();
    match outcome.into_result() {
        Err(e @ Error::Api(_)) => {
            assert!(e.is_known_not_sent());
            let Error::Api(api) = &e else { unreachable!() };
            assert_eq!(api.message, "invalid paramerters");
            assert_eq!(api.errors, ["phone is invalid"]);
            assert_eq!(api.http_status, 200);
            // The accessors every provider's ApiError has.
            assert_eq!(
                (api.code(), api.message(), api.errors(), api.http_status()),
                (
                    None,
                    "invalid paramerters",
                    &["phone is invalid".to_owned()][..],
                    200
                )
            );
            assert_eq!(
                e.to_string(),
                "LMT error (HTTP 200): invalid paramerters; phone is invalid"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn synthetic_error_with_the_documented_key() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", PATH)
        .with_status(400)
        .with_body(fixture("push_error_synthetic.json"))
        .create_async()
        .await;
    let outcome = client(&server)
        .send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
        .await
        .unwrap()
        .pop()
        .unwrap();
    match outcome.result() {
        Err(Error::Api(api)) => {
            assert_eq!(api.errors, ["sender is invalid"]);
            assert_eq!(api.http_status, 400);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn malformed_answers_keep_the_raw_body_and_never_panic() {
    let cases: Vec<(usize, Vec<u8>)> = vec![
        (502, fixture("bad_gateway.html").into_bytes()),
        (200, Vec::new()),
        (200, br#"{"status":"success","mess"#.to_vec()),
        (200, br#"{"status":"pending"}"#.to_vec()),
        (200, br#"{"status":["success"]}"#.to_vec()),
        (200, b"Erreur: param\xe8tre invalide".to_vec()),
    ];
    for (status, body) in cases {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_status(status)
            .with_body(&body)
            .create_async()
            .await;
        let outcome = client(&server)
            .send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
            .await
            .unwrap()
            .pop()
            .unwrap();
        match outcome.result() {
            Err(
                e @ Error::UnexpectedResponse {
                    http_status,
                    body: raw,
                },
            ) => {
                assert_eq!(*http_status as usize, status);
                assert_eq!(raw.as_bytes(), body.as_slice());
                assert!(
                    !e.is_known_not_sent(),
                    "the outcome of a send is unknown here"
                );
                if body.starts_with(b"Erreur") {
                    // ISO-8859-1 bodies are decoded, not refused.
                    assert_eq!(raw.to_text(), "Erreur: paramètre invalide");
                }
            }
            other => panic!("{status} {body:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("POST", PATH).expect(0).create_async().await;
    let c = client(&server);
    type Check = fn(&InvalidRequest) -> bool;
    let cases: Vec<(SendSms, Check)> = vec![
        (SendSms::new("Shop", "Hi").to("69412434a"), |e| {
            matches!(e, InvalidRequest::InvalidPhone { index: 0, .. })
        }),
        (
            SendSms::new("Shop", "Hi").to("694124344").to("6941243"),
            |e| matches!(e, InvalidRequest::InvalidPhone { index: 1, .. }),
        ),
        (SendSms::new("Shop", "").to("694124344"), |e| {
            matches!(e, InvalidRequest::EmptyMessage)
        }),
        (
            SendSms::new("Shop", "a".repeat(153 * 255 + 1)).to("694124344"),
            |e| matches!(e, InvalidRequest::MessageTooLong { .. }),
        ),
        (
            SendSms::new("MaBoutiqueDuCoin", "Hi").to("694124344"),
            |e| matches!(e, InvalidRequest::InvalidSender(_)),
        ),
        (SendSms::new("", "Hi").to("694124344"), |e| {
            matches!(e, InvalidRequest::InvalidSender(_))
        }),
        (SendSms::new("Shop", "Hi"), |e| {
            matches!(e, InvalidRequest::NoRecipient)
        }),
    ];
    for (push, expected) in cases {
        match c.send_sms(&push).await {
            Err(Error::InvalidRequest(e)) => assert!(expected(&e), "{push:?}: {e:?}"),
            other => panic!("{push:?}: {other:?}"),
        }
    }
    let no_key = Client::builder(Credentials::new("", "p"))
        .base_url(server.url())
        .build()
        .unwrap();
    assert!(matches!(
        no_key
            .send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::MissingCredential(
            "api_key"
        )))
    ));
    mock.assert_async().await;
}

#[tokio::test]
async fn api_version_and_base_url_are_configurable() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/reseller/bulksms/api/v2/push")
        .with_body(fixture("push_success_doc.json"))
        .expect(1)
        .create_async()
        .await;
    let c = Client::builder(Credentials::new("k", "p"))
        .base_url(format!("{}/reseller/", server.url()))
        .api_version("v2")
        .build()
        .unwrap();
    assert_eq!(
        c.push_url(),
        format!("{}/reseller/bulksms/api/v2/push", server.url())
    );
    c.send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
        .await
        .unwrap();
    mock.assert_async().await;

    assert!(matches!(
        Client::builder(Credentials::new("k", "p"))
            .base_url("ftp://x")
            .build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        Client::builder(Credentials::new("k", "p"))
            .api_version("v1/x")
            .build(),
        Err(Error::Config(_))
    ));
    assert_eq!(
        Client::new(Credentials::new("k", "p")).unwrap().push_url(),
        "https://app.lmtgroup.com/bulksms/api/v1/push"
    );
}

#[tokio::test]
async fn an_injected_http_client_is_used() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture("push_success_doc.json"))
        .create_async()
        .await;
    let http = reqwest::Client::builder()
        .user_agent("my-app/1.0")
        .build()
        .unwrap();
    let c = Client::builder(Credentials::new("k", "p"))
        .base_url(server.url())
        .http_client(http)
        .build()
        .unwrap();
    c.send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
        .await
        .unwrap();
    assert_eq!(
        log.lock().unwrap()[0].header("user-agent"),
        Some("my-app/1.0")
    );
}

#[tokio::test]
async fn timeout_after_sending_is_not_known_not_sent() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", PATH)
        .with_chunked_body(|w| {
            std::thread::sleep(Duration::from_millis(1500));
            w.write_all(b"{}")
        })
        .create_async()
        .await;
    let c = Client::builder(Credentials::new("k", "p"))
        .base_url(server.url())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let outcome = c
        .send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
        .await
        .unwrap()
        .pop()
        .unwrap();
    match outcome.result() {
        Err(e @ Error::Http { source, .. }) => {
            assert!(source.is_timeout(), "{source:?}");
            assert!(!e.is_known_not_sent());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_known_not_sent_and_hides_the_url() {
    let c = Client::builder(Credentials::new("k", "p"))
        .base_url(closed_port_url())
        .build()
        .unwrap();
    let outcome = c
        .send_sms(&SendSms::new("Shop", "Hi").to("694124344"))
        .await
        .unwrap()
        .pop()
        .unwrap();
    let e = outcome.into_result().unwrap_err();
    assert!(matches!(e, Error::Http { .. }));
    assert!(e.is_known_not_sent());
    // `without_url()`: the URL (which for other providers carries credentials in the
    // query) is gone; hyper's socket address may remain.
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("/bulksms/api"), "{shown}");
}

#[tokio::test]
async fn nothing_secret_or_personal_in_debug_or_errors() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", PATH)
        .with_body(r#"{"status":"error","message":"phone 237694124344 is invalid"}"#)
        .create_async()
        .await;
    let c = client(&server);
    let push = SendSms::new("Shop", "Hi").to("694124344");
    let outcomes = c.send_sms(&push).await.unwrap();
    let shown = format!(
        "{c:?} {push:?} {outcomes:?} {}",
        outcomes[0].result().as_ref().unwrap_err()
    );
    for leak in ["my-api-key", "p@ss", "694124344"] {
        assert!(!shown.contains(leak), "{leak} in {shown}");
    }
    // The unmasked text stays reachable for whoever needs it.
    let Err(Error::Api(api)) = outcomes[0].result() else {
        panic!()
    };
    assert_eq!(api.message, "phone 237694124344 is invalid");
}
