//! LMT's newer pushes platform.

use lmt_bulksms::pushes;
use lmt_bulksms::{Encoding, Error, ErrorCode, InvalidRequest};

use crate::{fixture, recorder};

const PATH: &str = "/api/v1/pushes";

fn client(server: &mockito::Server) -> pushes::Client {
    pushes::Client::builder(pushes::Credentials::new("the-key", "the-secret"))
        .base_url(server.url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn sends_headers_and_json_and_parses_the_answer() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_status(201)
        .with_header("content-type", "application/json")
        .with_body(fixture("pushes_success.json"))
        .expect(1)
        .create_async()
        .await;

    let req = pushes::SendSms::new("MaBoutique", "New test of SMS push!")
        .recipients(["694124344", "+237 6 77 00 00 00", "237694124344"])
        .masked_msisdn(true);
    let answer = client(&server).send_sms(&req).await.unwrap();
    mock.assert_async().await;

    let seen = log.lock().unwrap()[0].clone();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    assert_eq!(seen.header("x-api-key"), Some("the-key"));
    assert_eq!(seen.header("x-secret"), Some("the-secret"));
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(
        seen.json(),
        serde_json::json!({
            "senderId": "MaBoutique",
            "message": "New test of SMS push!",
            "msisdn": ["237694124344", "237677000000"],
            "maskedMsisdn": true,
            "flag": "GSM7"
        })
    );
    assert_eq!(answer.http_status(), 201);
    assert_eq!(answer.id(), Some("6f1c2a"));
    assert_eq!(answer.content(), Some("New test of SMS push!"));
    assert_eq!(answer.total_recipients(), Some(1));
    assert_eq!(answer.raw()["id"], "6f1c2a");
}

#[tokio::test]
async fn flag_is_the_encoding_and_can_be_forced() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_status(200)
        .with_body(r#"{"id":"p1","totalRecipients":1}"#)
        .expect(2)
        .create_async()
        .await;
    let c = client(&server);
    let text = "Mulțumim ]]> <&> \"ok\" 😀\n";
    c.send_sms(&pushes::SendSms::new("Shop", text).to("694124344"))
        .await
        .unwrap();
    c.send_sms(
        &pushes::SendSms::new("Shop", "plain")
            .to("694124344")
            .flag(Encoding::Ucs2),
    )
    .await
    .unwrap();
    let log = log.lock().unwrap();
    assert_eq!(log[0].json()["flag"], "UCS2");
    assert_eq!(log[0].json()["message"], text, "byte-exact through JSON");
    assert_eq!(log[1].json()["flag"], "UCS2");
}

#[tokio::test]
async fn error_answers_are_typed() {
    let cases: Vec<(usize, String, Option<ErrorCode>, &str)> = vec![
        (
            400,
            fixture("pushes_error_inp02.json"),
            Some(ErrorCode::RequiredParamMissing),
            "Required request param is missing",
        ),
        (401, "Unauthorized".into(), None, "Unauthorized"),
        (
            400,
            r#"{"code":"X9","error":"bad"}"#.into(),
            Some(ErrorCode::Other("X9".into())),
            "bad",
        ),
    ];
    for (status, body, code, message) in cases {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_status(status)
            .with_body(&body)
            .create_async()
            .await;
        match client(&server)
            .send_sms(&pushes::SendSms::new("Shop", "Hi").to("694124344"))
            .await
        {
            Err(e @ Error::Api(_)) => {
                assert!(e.is_known_not_sent());
                let Error::Api(api) = e else { unreachable!() };
                assert_eq!(
                    (api.http_status as usize, api.code, api.message.as_str()),
                    (status, code, message)
                );
            }
            other => panic!("{status} {body}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn server_errors_and_garbage_are_unexpected() {
    for (status, body) in [
        (500, fixture("bad_gateway.html")),
        (201, String::new()),
        (201, r#"{"id":"#.to_owned()),
    ] {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_status(status)
            .with_body(&body)
            .create_async()
            .await;
        match client(&server)
            .send_sms(&pushes::SendSms::new("Shop", "Hi").to("694124344"))
            .await
        {
            Err(e @ Error::UnexpectedResponse { .. }) => {
                assert!(!e.is_known_not_sent());
                let Error::UnexpectedResponse { body: raw, .. } = e else {
                    unreachable!()
                };
                assert_eq!(raw.to_text(), body);
            }
            other => panic!("{status} {body}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("POST", PATH).expect(0).create_async().await;
    let c = client(&server);
    let cases = [
        (pushes::SendSms::new("Shop", "Hi"), "no recipient"),
        (pushes::SendSms::new("Shop", " ").to("694124344"), "empty"),
        (pushes::SendSms::new("Shop", "Hi").to("+999 1234"), "phone"),
        (
            pushes::SendSms::new("Shop", "Ș")
                .to("694124344")
                .flag(Encoding::Gsm7),
            "gsm7",
        ),
        (
            pushes::SendSms::new("Shop\u{7}", "Hi").to("694124344"),
            "sender",
        ),
    ];
    for (req, what) in cases {
        match c.send_sms(&req).await {
            Err(Error::InvalidRequest(e)) => {
                let ok = match what {
                    "no recipient" => e == InvalidRequest::NoRecipient,
                    "empty" => e == InvalidRequest::EmptyMessage,
                    "phone" => matches!(e, InvalidRequest::InvalidPhone { index: 0, .. }),
                    "gsm7" => e == InvalidRequest::NotGsm7,
                    _ => matches!(e, InvalidRequest::InvalidSender(_)),
                };
                assert!(ok, "{what}: {e:?}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    let no_secret = pushes::Client::builder(pushes::Credentials::new("k", ""))
        .base_url(server.url())
        .build()
        .unwrap();
    assert!(matches!(
        no_secret
            .send_sms(&pushes::SendSms::new("Shop", "Hi").to("694124344"))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::MissingCredential(
            "X-Secret"
        )))
    ));
    mock.assert_async().await;
}

#[tokio::test]
async fn secrets_never_shown() {
    let c = pushes::Client::new(pushes::Credentials::new("the-key", "the-secret")).unwrap();
    assert_eq!(c.url(), "https://sms.lmtgroup.com/api/v1/pushes");
    let shown = format!("{c:?}");
    assert!(
        !shown.contains("the-key") && !shown.contains("the-secret"),
        "{shown}"
    );
}
