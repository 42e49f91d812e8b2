//! `POST /api/sms/` and the delivery callback.

use std::time::{Duration, UNIX_EPOCH};

use smsadvert::{
    Client, DeliveryReport, DeliveryStatus, Error, Field, InvalidRequest, Route, SendSms,
};

use crate::{closed_port_url, fixture, recorder, seen};

const PATH: &str = "/api/sms/";

fn client(server: &mockito::Server) -> Client {
    Client::builder("fake.jwt.token")
        .base_url(server.url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn sends_the_documented_json_with_the_raw_token() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_header("content-type", "application/json")
        .with_body(fixture("success_doc.json"))
        .expect(1)
        .create_async()
        .await;
    let request = SendSms::new("C'est le contenu du message SMS").recipients([
        "+40740123456",
        "0740 123 457",
        "0040740123456",
        "+40740123458",
    ]);
    let sent = client(&server).send_sms(&request).await.unwrap();
    mock.assert_async().await;

    let req = &seen(&log)[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", PATH));
    assert_eq!(req.header("authorization"), Some("fake.jwt.token"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        req.json(),
        serde_json::json!({
            "phone": "+40740123456,+40740123457,+40740123458",
            "shortTextMessage": "C'est le contenu du message SMS"
        })
    );
    assert_eq!(sent.msg_id().as_str(), "xxxxxx");
    assert_eq!(
        sent.success_message(),
        "Your message has been successfully submitted!"
    );
}

#[tokio::test]
async fn every_option_on_the_wire() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture("success_doc.json"))
        .expect(3)
        .create_async()
        .await;
    let c = client(&server);
    let start = UNIX_EPOCH + Duration::from_millis(1_486_883_578_036);
    let end = UNIX_EPOCH + Duration::from_millis(1_486_889_778_036);
    let text = "Mulțumim ]]> <&> \"ok\" 😀\nÎncă o linie";
    c.send_sms(
        &SendSms::new(text)
            .to("+40740123456")
            .route(Route::Network)
            .start_date(start)
            .end_date(end)
            .callback("http://votresite.com/callback-url/"),
    )
    .await
    .unwrap();
    c.send_sms(
        &SendSms::new("abc")
            .to("+40740123456")
            .route(Route::OwnDevicesWithNetworkFailover),
    )
    .await
    .unwrap();
    c.send_sms(
        &SendSms::new("abc")
            .to("+40740123456")
            .route(Route::OwnDevices),
    )
    .await
    .unwrap();
    let log = seen(&log);
    assert_eq!(
        log[0].json(),
        serde_json::json!({
            "phone": "+40740123456",
            "shortTextMessage": text,
            "sendAsShort": true,
            "startDate": 1_486_883_578_036_u64,
            "endDate": 1_486_889_778_036_u64,
            "callback": "http://votresite.com/callback-url/"
        })
    );
    assert_eq!(
        log[1].json(),
        serde_json::json!({"phone": "+40740123456", "shortTextMessage": "abc", "failover": "short"})
    );
    assert_eq!(
        log[2].json(),
        serde_json::json!({"phone": "+40740123456", "shortTextMessage": "abc"})
    );
}

#[tokio::test]
async fn documented_validation_errors_are_typed_by_field() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", PATH)
        .with_status(400)
        .with_body(fixture("errors_doc.json"))
        .create_async()
        .await;
    match client(&server)
        .send_sms(&SendSms::new("abc").to("+40740123456"))
        .await
    {
        Err(e @ Error::Validation(_)) => {
            assert!(e.is_known_not_sent());
            let Error::Validation(fields) = e else {
                unreachable!()
            };
            let got: Vec<(Field, &str)> = fields
                .iter()
                .map(|f| (f.field.clone(), f.message.as_str()))
                .collect();
            assert_eq!(
                got,
                [
                    (Field::Phone, "Numéro de téléphone invalide!"),
                    (
                        Field::ShortTextMessage,
                        "Saisissez un minimum de caractères 3!"
                    ),
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn error_message_is_an_api_error_with_unknown_outcome() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", PATH)
        .with_status(200)
        .with_body(fixture("error_message_doc.json"))
        .create_async()
        .await;
    match client(&server)
        .send_sms(&SendSms::new("abc").to("+40740123456"))
        .await
    {
        Err(e @ Error::Api(_)) => {
            assert!(!e.is_known_not_sent());
            assert_eq!(
                e.to_string(),
                "smsadvert error (HTTP 200): There was a database error!"
            );
            let Error::Api(api) = &e else { unreachable!() };
            assert_eq!(
                (api.message(), api.http_status()),
                ("There was a database error!", 200)
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn malformed_answers_keep_the_raw_body() {
    for (status, body) in [
        (502, fixture("bad_gateway.html")),
        (200, Vec::new()),
        (200, br#"{"successMessage":"Your mess"#.to_vec()),
        (200, br#"{"msgId":null,"successMessage":"?"}"#.to_vec()),
        (200, b"\xe9rreur".to_vec()),
    ] {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_status(status)
            .with_body(&body)
            .create_async()
            .await;
        match client(&server)
            .send_sms(&SendSms::new("abc").to("+40740123456"))
            .await
        {
            Err(e @ Error::UnexpectedResponse { .. }) => {
                assert!(!e.is_known_not_sent());
                let Error::UnexpectedResponse {
                    http_status,
                    body: raw,
                } = e
                else {
                    unreachable!()
                };
                assert_eq!(
                    (usize::from(http_status), raw.as_bytes()),
                    (status, &body[..])
                );
            }
            other => panic!("{status} {body:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn msg_id_as_a_number_is_accepted() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", PATH)
        .with_body(r#"{"successMessage":"ok","msgId":12345}"#)
        .create_async()
        .await;
    let sent = client(&server)
        .send_sms(&SendSms::new("abc").to("+40740123456"))
        .await
        .unwrap();
    assert_eq!(sent.msg_id().as_str(), "12345");
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("POST", PATH).expect(0).create_async().await;
    let c = client(&server);
    let many: Vec<String> = (0..1001).map(|i| format!("+40740{i:06}")).collect();
    let t0 = UNIX_EPOCH + Duration::from_secs(2_000_000_000);
    let cases: Vec<(SendSms, InvalidRequest)> = vec![
        (SendSms::new("abc"), InvalidRequest::NoRecipient),
        (
            SendSms::new("abc").recipients(many.clone()),
            InvalidRequest::TooManyRecipients {
                count: 1001,
                max: 1000,
            },
        ),
        (
            SendSms::new("ab").to("+40740123456"),
            InvalidRequest::MessageTooShort { chars: 2, min: 3 },
        ),
        (
            SendSms::new("ă".repeat(481)).to("+40740123456"),
            InvalidRequest::MessageTooLong {
                chars: 481,
                max: 480,
            },
        ),
        (
            SendSms::new("abc")
                .to("+40740123456")
                .start_date(t0)
                .end_date(t0 - Duration::from_secs(1)),
            InvalidRequest::EndNotAfterStart,
        ),
        (
            SendSms::new("abc").to("+40740123456").callback("/relative"),
            InvalidRequest::InvalidCallbackUrl,
        ),
        (
            SendSms::new("abc")
                .to("+40740123456")
                .callback("ftp://example.com/x"),
            InvalidRequest::InvalidCallbackUrl,
        ),
    ];
    for (request, expected) in cases {
        match c.send_sms(&request).await {
            Err(Error::InvalidRequest(e)) => assert_eq!(e, expected),
            other => panic!("{request:?}: {other:?}"),
        }
    }
    assert!(matches!(
        c.send_sms(&SendSms::new("abc").to("+40 7401")).await,
        Err(Error::InvalidRequest(InvalidRequest::InvalidPhone {
            index: 0,
            ..
        }))
    ));
    let ok = SendSms::new("abc").to("+40740123456");
    let empty_token = Client::builder("").base_url(server.url()).build().unwrap();
    assert!(matches!(
        empty_token.send_sms(&ok).await,
        Err(Error::InvalidRequest(InvalidRequest::MissingToken))
    ));
    mock.assert_async().await;
}

#[tokio::test]
async fn thousand_distinct_recipients_are_sent() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture("success_doc.json"))
        .create_async()
        .await;
    let phones: Vec<String> = (0..1000).map(|i| format!("+40740{i:06}")).collect();
    // A duplicate does not count against the 1000.
    let mut with_duplicate = phones.clone();
    with_duplicate.push("0740000999".into());
    client(&server)
        .send_sms(&SendSms::new("abc").recipients(with_duplicate))
        .await
        .unwrap();
    let sent = seen(&log)[0].json()["phone"].as_str().unwrap().to_owned();
    assert_eq!(sent, phones.join(","));
    assert!(!sent.ends_with(','));
}

#[tokio::test]
async fn hosts_and_transport_errors() {
    assert_eq!(
        Client::new("t").unwrap().url(),
        "https://www.smsadvert.io/api/sms/"
    );
    let c = Client::builder("secret-token")
        .base_url(closed_port_url())
        .build()
        .unwrap();
    let e = c
        .send_sms(&SendSms::new("abc").to("+40740123456"))
        .await
        .unwrap_err();
    assert!(e.is_known_not_sent(), "{e:?}");
    let shown = format!("{e} {e:?} {c:?}");
    assert!(!shown.contains("secret-token"), "{shown}");
    assert!(!shown.contains("/api/sms/?"), "{shown}");
}

#[test]
fn documented_callback_sample() {
    let report = DeliveryReport::from_json(&fixture("callback_doc.json")).unwrap();
    assert_eq!(report.status(), &DeliveryStatus::Delivered);
    assert_eq!(report.msg_id().as_str(), "xxxxxx");
}

#[test]
fn debug_hides_numbers_and_callback_tokens() {
    let r = SendSms::new("abc")
        .to("+40740123456")
        .callback("https://x.example/?k=s3cr3t");
    let shown = format!("{r:?}");
    assert!(
        !shown.contains("740123456") && !shown.contains("s3cr3t"),
        "{shown}"
    );
}

#[tokio::test]
async fn national_numbers_are_read_in_one_region_and_fully_validated() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture("success_doc.json"))
        .create_async()
        .await;
    // The right length for Romania, but no Romanian number starts with 6.
    let e = client(&server)
        .send_sms(&SendSms::new("Salut").to("0612345678"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidRequest(InvalidRequest::InvalidPhone { index: 0, .. })
        ),
        "{e:?}"
    );
    assert!(seen(&log).is_empty(), "refused before sending");
    // Read in the region the caller names.
    client(&server)
        .send_sms(
            &SendSms::new("Salut")
                .to("06 12 34 56 78")
                .national_region(smsadvert::Region::FR),
        )
        .await
        .unwrap();
    assert_eq!(seen(&log)[0].json()["phone"], "+33612345678");
}

#[tokio::test]
async fn a_refused_token_is_known_not_sent_whatever_the_body() {
    for (status, body) in [
        (401_u16, &b"<html>Unauthorized</html>"[..]),
        (403, br#"{"errorMessage":"Forbidden"}"#),
        (401, b""),
    ] {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_status(usize::from(status))
            .with_body(body)
            .create_async()
            .await;
        let e = client(&server)
            .send_sms(&SendSms::new("Salut").to("+40740123456"))
            .await
            .unwrap_err();
        assert!(
            matches!(e, Error::Unauthorized { http_status, .. } if http_status == status),
            "{e:?}"
        );
        assert!(e.is_known_not_sent());
        assert_eq!(
            e.to_string(),
            format!("smsadvert refused the token (HTTP {status})")
        );
    }
}
