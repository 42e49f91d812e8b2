//! The `serde` feature: every request, response and callback survives a round trip,
//! and a request read back sends exactly the same HTTP request.
#![cfg(feature = "serde")]

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;
use smsadvert::{
    ApiError, Client, DeliveryReport, DeliveryStatus, Error, Field, FieldError, Route,
    SendResponse, SendSms,
};
use test_support::round_trip;

use crate::{fixture, recorder, seen};

#[tokio::test]
async fn a_request_read_back_sends_the_same_request() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _mock = server
        .mock("POST", "/api/sms/")
        .match_request(matcher)
        .with_body(fixture("success_doc.json"))
        .expect(2)
        .create_async()
        .await;
    let request = SendSms::new("Mulțumim 😀")
        .recipients(["+40740123456", "0740 123 457"])
        .route(Route::OwnDevicesWithNetworkFailover)
        .start_date(UNIX_EPOCH + Duration::from_millis(1_486_883_578_036))
        .callback("https://example.com/cb");
    let (json, back) = round_trip(&request);
    assert_eq!(json["text"], "Mulțumim 😀");
    assert_eq!(json["phones"], json!(["+40740123456", "0740 123 457"]));
    assert_eq!(json["route"], "own_devices_with_network_failover");

    let client = Client::builder("t").base_url(server.url()).build().unwrap();
    let sent = client.send_sms(&request).await.unwrap();
    client.send_sms(&back).await.unwrap();
    let log = seen(&log);
    assert_eq!(log[0].body, log[1].body);

    let (json, back) = round_trip::<SendResponse>(&sent);
    assert_eq!(back, sent);
    assert_eq!(json["msg_id"], "xxxxxx");
    assert_eq!(json["http_status"], 200);
}

#[test]
fn callbacks_and_errors_round_trip() {
    let report = DeliveryReport::from_json(&fixture("callback_doc.json")).unwrap();
    let (json, back) = round_trip(&report);
    assert_eq!(back, report);
    assert_eq!(json["status"], "delivered");
    // Any status the docs do not name is kept verbatim.
    let odd = DeliveryReport::from_json(br#"{"status": "queued", "msgId": "m"}"#).unwrap();
    assert_eq!(
        round_trip(&odd).1.status(),
        &DeliveryStatus::Unknown("queued".into())
    );

    let fields: Vec<FieldError> = serde_json::from_value(json!([
        {"field": "shortTextMessage", "message": "too long"},
        {"field": "somethingNew", "message": "?"}
    ]))
    .unwrap();
    assert_eq!(fields[0].field, Field::ShortTextMessage);
    assert_eq!(fields[1].field, Field::Other("somethingNew".into()));
    round_trip(&fields);
}

#[tokio::test]
async fn api_errors_round_trip() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("POST", "/api/sms/")
        .with_status(400)
        .with_body(fixture("error_message_doc.json"))
        .create_async()
        .await;
    let client = Client::builder("t").base_url(server.url()).build().unwrap();
    let Err(Error::Api(error)) = client
        .send_sms(&SendSms::new("abc").to("+40740123456"))
        .await
    else {
        panic!("expected an API error");
    };
    let (json, back) = round_trip::<ApiError>(&error);
    assert_eq!(back, error);
    assert_eq!(json["http_status"], 400);
}
