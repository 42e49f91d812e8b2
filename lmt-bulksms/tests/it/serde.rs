//! The `serde` feature: requests, answers and per-recipient outcomes survive a round
//! trip, and a request read back sends exactly the same HTTP request.
#![cfg(feature = "serde")]

use lmt_bulksms::pushes;
use lmt_bulksms::{
    ApiError, Client, Credentials, Error, ErrorCode, Flag, PushOutcome, PushResponse, SendSms,
};
use serde_json::json;
use test_support::round_trip;

use crate::{closed_port_url, fixture, recorder};
use test_support::seen;

fn client(url: &str) -> Client {
    Client::builder(Credentials::new("my-api-key", "my-password"))
        .base_url(url)
        .build()
        .unwrap()
}

#[tokio::test]
async fn push_requests_and_outcomes_round_trip() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _ok = server
        .mock("POST", "/bulksms/api/v1/push")
        .match_request(matcher)
        .with_body(fixture("push_success_doc.json"))
        .expect(2)
        .create_async()
        .await;
    let push = SendSms::new("MaBoutique", "Bonjour")
        .to("694124344")
        .flag(Flag::LongSms);
    let (json, back) = round_trip(&push);
    assert_eq!(
        json,
        json!({"sender": "MaBoutique", "message": "Bonjour", "recipients": ["694124344"], "flag": "long_sms"})
    );
    let c = client(&server.url());
    let outcomes = c.send_sms(&push).await.unwrap();
    c.send_sms(&back).await.unwrap();
    let log = seen(&log);
    assert_eq!(log[0].body, log[1].body);

    // Sent: the answer is kept.
    let (json, sent) = round_trip::<PushOutcome>(&outcomes[0]);
    assert_eq!(json["phone"], "+237694124344");
    assert_eq!(json["outcome"], "sent");
    assert_eq!(json["response"]["http_status"], 200);
    let response: &PushResponse = sent.result().as_ref().unwrap();
    assert_eq!(Some(response), outcomes[0].result().as_ref().ok());
}

#[tokio::test]
async fn refused_and_unknown_outcomes_round_trip() {
    let mut server = mockito::Server::new_async().await;
    let _refused = server
        .mock("POST", "/bulksms/api/v1/push")
        .with_body(fixture("push_error_doc.json"))
        .create_async()
        .await;
    let push = SendSms::new("MaBoutique", "Bonjour").to("694124344");
    let refused = client(&server.url()).send_sms(&push).await.unwrap();
    let (json, back) = round_trip::<PushOutcome>(&refused[0]);
    assert_eq!(json["outcome"], "refused");
    assert_eq!(json["error"]["message"], "invalid paramerters");
    let Err(Error::Api(e)) = back.result() else {
        panic!("expected the API error back");
    };
    assert!(e.is_documented());
    assert_eq!(round_trip::<ApiError>(e).1, *e);

    // Nothing listens: known not sent, kept as its text.
    let closed = client(&closed_port_url()).send_sms(&push).await.unwrap();
    let (json, back) = round_trip::<PushOutcome>(&closed[0]);
    assert_eq!(json["outcome"], "refused");
    let Err(e @ Error::Recorded { reason, .. }) = back.result() else {
        panic!("expected a recorded error");
    };
    assert!(e.is_known_not_sent());
    assert!(reason.starts_with("the HTTP exchange failed"), "{reason}");

    // A 503: unknown, and read back as unknown.
    let mut server = mockito::Server::new_async().await;
    let _down = server
        .mock("POST", "/bulksms/api/v1/push")
        .with_status(503)
        .with_body("busy")
        .create_async()
        .await;
    let unknown = client(&server.url()).send_sms(&push).await.unwrap();
    let (json, back) = round_trip::<PushOutcome>(&unknown[0]);
    assert_eq!(json["outcome"], "unknown");
    assert!(!back.result().as_ref().unwrap_err().is_known_not_sent());

    // A record that says "sent" without its answer is refused.
    assert!(
        serde_json::from_value::<PushOutcome>(json!({"phone": "+237694124344", "outcome": "sent"}))
            .is_err()
    );
}

#[tokio::test]
async fn pushes_requests_and_answers_round_trip() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _ok = server
        .mock("POST", "/api/v1/pushes")
        .match_request(matcher)
        .with_body(fixture("pushes_success.json"))
        .expect(2)
        .create_async()
        .await;
    let request = pushes::SendSms::new("MaBoutique", "Bonjour")
        .recipients(["694124344", "+237 6 77 00 00 00"])
        .masked_msisdn(true)
        .flag(sms_primitives::Encoding::Ucs2);
    let (json, back) = round_trip(&request);
    assert_eq!(json["flag"], "ucs2");
    let c = pushes::Client::builder(pushes::Credentials::new("k", "s"))
        .base_url(server.url())
        .build()
        .unwrap();
    let answer = c.send_sms(&request).await.unwrap();
    c.send_sms(&back).await.unwrap();
    let log = seen(&log);
    assert_eq!(log[0].body, log[1].body);

    let (json, back) = round_trip::<pushes::SendResponse>(&answer);
    assert_eq!(back, answer);
    assert_eq!(json["total_recipients"], 1);
    assert_eq!(
        round_trip(&ErrorCode::RequiredParamMissing).0,
        json!("INP02")
    );
    assert_eq!(round_trip(&ErrorCode::Other("X1".into())).0, json!("X1"));
}
