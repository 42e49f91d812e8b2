//! The `serde` feature: requests, answers and errors survive a round trip, and a
//! request read back sends exactly the same HTTP request.
#![cfg(feature = "serde")]

use serde_json::json;
use smseco::{
    ApiError, Balance, DlrQuery, DlrReport, Error, ErrorCode, Format, HlrRequest, SendDate,
    SendSms, Senders, SubmitResponse,
};
use test_support::round_trip;

use crate::{client, fixture, recorder, route, seen};

/// A mock answering `body` to every request of a command, recording them.
async fn answering(server: &mut mockito::Server, command: &str, body: &[u8]) -> test_support::Log {
    let (method, path) = route(Format::Xml, command, command);
    let (log, matcher) = recorder();
    server
        .mock(method, path.as_str())
        .match_query(mockito::Matcher::Any)
        .match_request(matcher)
        .with_body(body)
        .create_async()
        .await;
    log
}

#[tokio::test]
async fn a_send_read_back_sends_the_same_request() {
    let mut server = mockito::Server::new_async().await;
    let log = answering(&mut server, "sendsms", &fixture("sendsms_success.xml")).await;
    let sms = SendSms::new("MaBoutique", "Bonjour {nom}")
        .to_with_data("0707352518", [("nom", "Awa")])
        .to_with_data("+225 05 07 35 25 19", [("nom", "Koffi")])
        .msgid("cmd-42")
        .flash(true)
        .send_date("2030-01-02 08:30".parse::<SendDate>().unwrap());
    let (json, back) = round_trip(&sms);
    assert_eq!(json["expediteur"], "MaBoutique");
    assert_eq!(json["datesend"], "2030-01-02 08:30");
    let c = client(&server, Format::Xml);
    let sent = c.send_sms(&sms).await.unwrap();
    c.send_sms(&back).await.unwrap();
    let log = seen(&log);
    assert_eq!(log[0].body, log[1].body);

    let (json, back) = round_trip::<SubmitResponse>(&sent);
    assert!(back == sent);
    assert_eq!(json["msgfid"], sent.msgfid());
    assert_eq!(json["statut"], sent.status());
}

#[tokio::test]
async fn reports_queries_and_account_answers_round_trip() {
    let mut server = mockito::Server::new_async().await;
    answering(&mut server, "getdlrs", &fixture("getdlrs.xml")).await;
    answering(&mut server, "getbalance", &fixture("getbalance.xml")).await;
    answering(&mut server, "getsenders", &fixture("getsenders.xml")).await;
    let hlr_log = answering(&mut server, "sendhrl", &fixture("sendhlr.xml")).await;
    let c = client(&server, Format::Xml);

    let query = DlrQuery::msgfid("55857bdb8d51b7-38880789").unwrap();
    let (json, back) = round_trip(&query);
    assert_eq!(
        json,
        json!({"msgfid": "55857bdb8d51b7-38880789", "smsfid": null})
    );
    assert_eq!(back, query);
    // Read back through the constructors' checks: an empty filter is refused.
    assert!(serde_json::from_value::<DlrQuery>(json!({"msgfid": " ", "smsfid": null})).is_err());

    let report = c.get_dlrs(&query).await.unwrap();
    let (json, back) = round_trip::<DlrReport>(&report);
    assert!(back == report);
    let first = &json["messages"][0]["dlrs"][0];
    assert_eq!(
        first["statut"],
        i64::from(report.dlrs().next().unwrap().status())
    );

    let balance = c.get_balance().await.unwrap();
    assert_eq!(round_trip::<Balance>(&balance).1, balance);
    let senders = c.get_senders().await.unwrap();
    assert_eq!(round_trip::<Senders>(&senders).1, senders);

    let hlr = HlrRequest::new().to("0707352518").msgid("h1");
    let (_, back) = round_trip(&hlr);
    c.send_hlr(&hlr).await.unwrap();
    c.send_hlr(&back).await.unwrap();
    let log = seen(&hlr_log);
    assert_eq!(log[0].body, log[1].body);
}

#[tokio::test]
async fn errors_and_codes_round_trip() {
    let mut server = mockito::Server::new_async().await;
    answering(&mut server, "sendsms", &fixture("error.xml")).await;
    let Err(Error::Api(e)) = client(&server, Format::Xml)
        .send_sms(&SendSms::new("X", "y").to("0707352518"))
        .await
    else {
        panic!("expected an API error");
    };
    let (json, back) = round_trip::<ApiError>(&e);
    assert_eq!(back, e);
    assert_eq!(json["code"], -8);
    assert_eq!(back.code(), ErrorCode::from_code(-8));
    // A date is checked when read back.
    assert!(serde_json::from_value::<SendDate>(json!("2030-02-30 08:00")).is_err());
}
