//! The `serde` feature: requests, answers, per-line outcomes and errors survive a round
//! trip, and a request read back sends exactly the same HTTP request.
#![cfg(feature = "serde")]

use connect_mobile::{
    ApiError, Balance, ErrorCode, LineOutcome, MessageId, MessageType, SendResponse, SendSms,
    SenderType, SmsStatus,
};
use serde_json::json;
use test_support::round_trip;

use crate::{builder, post_answering, seen};

#[tokio::test]
async fn a_send_read_back_sends_the_same_request() {
    let mut server = mockito::Server::new_async().await;
    let (_mock, log) = post_answering(&mut server, "envoi_success_doc.txt").await;
    let sms = SendSms::new("MaBoutique", "Été à 10 €")
        .recipients(["06 12 34 56 78", "+32 470 12 34 56"])
        .sender_type(SenderType::Text)
        .message_type(MessageType::Flash)
        .callback(true);
    let (json, back) = round_trip(&sms);
    assert_eq!(json["message_type"], "flash");
    assert_eq!(json["sender_type"], "text");
    let client = builder(&server).build().unwrap();
    let sent = client.send_sms(&sms).await.unwrap();
    client.send_sms(&back).await.unwrap();
    let log = seen(&log);
    assert_eq!(log[0].body, log[1].body);

    let (json, back) = round_trip::<SendResponse>(&sent);
    assert_eq!(back, sent);
    assert_eq!(json["lines"], json!([{"sent": "166852550"}]));
}

#[tokio::test]
async fn refusals_statuses_and_balances_round_trip() {
    let mut server = mockito::Server::new_async().await;
    let (_mock, _log) = post_answering(&mut server, "error_01_doc.txt").await;
    let client = builder(&server).build().unwrap();
    let Err(connect_mobile::Error::Api(e)) = client.balance().await else {
        panic!("expected the return code");
    };
    let (json, back) = round_trip::<ApiError>(&e);
    assert_eq!(back, e);
    assert_eq!(json["code"], "01");

    let refused = LineOutcome::Refused(e);
    assert_eq!(round_trip(&refused).1, refused);
    let odd = LineOutcome::Unrecognized("OK maybe".into());
    assert_eq!(round_trip(&odd).0, json!({"unrecognized": "OK maybe"}));

    assert_eq!(round_trip(&ErrorCode::Other("42".into())).0, json!("42"));
    assert!(serde_json::from_value::<ErrorCode>(json!("1")).is_err());
    assert!(serde_json::from_value::<MessageId>(json!("")).is_err());
    assert_eq!(round_trip(&SmsStatus::InProgress).0, json!("0"));
    assert!(serde_json::from_value::<SmsStatus>(json!("01")).is_err());

    let mut server = mockito::Server::new_async().await;
    let (_mock, _log) = post_answering(&mut server, "solde_synthetic.txt").await;
    let balance = builder(&server).build().unwrap().balance().await.unwrap();
    let (json, back) = round_trip::<Balance>(&balance);
    assert_eq!(json, json!(250));
    assert_eq!(back, balance);
    let fraction: Balance = serde_json::from_value(json!(12.5)).unwrap();
    assert_eq!((fraction.as_str(), fraction.whole_sms()), ("12.5", None));
    assert_eq!(round_trip(&fraction).0, json!(12.5));
    let text: Balance = serde_json::from_value(json!("1 250")).unwrap();
    assert_eq!(text.whole_sms(), Some(1250));
    assert!(serde_json::from_value::<Balance>(json!(-1)).is_err());
}
