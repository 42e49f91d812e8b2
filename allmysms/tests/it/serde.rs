//! The `serde` feature: every request, answer, webhook event and error survives a round
//! trip, and a request read back sends exactly the same HTTP request.
#![cfg(feature = "serde")]

use allmysms::webhook::{DeliveryReportEvent, ReplyEvent, decode_params};
use allmysms::{
    Client, Contact, Credentials, DateTime, Error, ListField, MmsContent, SendEmail, SendMms,
    SendSms, SimpleSms, StatusCode, SubAccountCredits, rest,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use test_support::{Log, round_trip};

use crate::{fixture, recorder, seen};

/// A server answering `body` (with `status`) to every POST, recording them.
async fn answering(status: usize, body: &[u8]) -> (mockito::ServerGuard, Log) {
    answering_to("POST", status, body).await
}

/// A server answering `body` (with `status`) to every `method` request, recording them.
async fn answering_to(method: &str, status: usize, body: &[u8]) -> (mockito::ServerGuard, Log) {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    server
        .mock(method, mockito::Matcher::Any)
        .match_query(mockito::Matcher::Any)
        .match_request(matcher)
        .with_status(status)
        .with_header("content-type", "application/json")
        .with_body(body)
        .create_async()
        .await;
    (server, log)
}

fn v9(server: &mockito::ServerGuard) -> Client {
    Client::builder(Credentials::new("yourlogin", "fake-api-key"))
        .base_url(server.url())
        .build()
        .unwrap()
}

fn rest_client(server: &mockito::ServerGuard) -> rest::Client {
    rest::Client::builder(Credentials::new("yourlogin", "fake-api-key"))
        .base_url(server.url())
        .build()
        .unwrap()
}

/// Round-trips an answer and checks it reads back equal.
fn same<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) -> Value {
    let (json, back) = round_trip(value);
    assert_eq!(&back, value);
    json
}

/// The two recorded request bodies are the same.
fn same_requests(log: &Log) {
    let log = seen(log);
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].body, log[1].body);
    assert_eq!(log[0].path, log[1].path);
}

#[tokio::test]
async fn v9_requests_read_back_send_the_same_request() {
    let (server, log) = answering(200, &fixture("send_sms_doc.json")).await;
    let c = v9(&server);
    let at: DateTime = "2030-05-01 09:00:00".parse().unwrap();
    let sms = SendSms::new("Bonjour #param_1# 😀")
        .to_with_params("0612345678", ["Awa"])
        .sender("MaBoutique")
        .date(at)
        .campaign_name("c1")
        .cli_msg_id("m-1")
        .flash(true);
    let (json, back) = round_trip(&sms);
    assert_eq!(json["date"], "2030-05-01 09:00:00");
    let sent = c.send_sms(&sms).await.unwrap();
    c.send_sms(&back).await.unwrap();
    same_requests(&log);
    let json = same(&sent);
    assert_eq!(json["status"], 100);
    assert_eq!(json["sms_ids"][0]["sms_id"], sent.sms_ids()[0].sms_id());

    let (server, log) = answering(200, &fixture("send_sms_doc.json")).await;
    let c = v9(&server);
    let simple = SimpleSms::new("Hi")
        .recipients(["0612345678"])
        .lowcost(true);
    c.send_simple(&simple).await.unwrap();
    c.send_simple(&round_trip(&simple).1).await.unwrap();
    same_requests(&log);

    let (server, log) = answering(200, &fixture("send_sms_doc.json")).await;
    let c = v9(&server);
    let mms =
        SendMms::new("Promo", MmsContent::Image("https://e.com/a.png".into())).to("0612345678");
    let (json, back) = round_trip(&mms);
    assert_eq!(json["content"], json!({"image": "https://e.com/a.png"}));
    c.send_mms(&mms).await.unwrap();
    c.send_mms(&back).await.unwrap();
    same_requests(&log);

    let (server, log) = answering(200, br#"{"status":100,"statusText":"ok"}"#).await;
    let c = v9(&server);
    let mail = SendEmail::new("a@e.com", "b@e.com", "Objet", "<p>x</p>").alias("Boutique");
    let (json, back) = round_trip(&mail);
    assert_eq!(json["HTML"], "<p>x</p>");
    assert_eq!(json["ALIAS"], "Boutique");
    assert!(serde_json::from_value::<SendEmail>(json!({"BCC": "x"})).is_err());
    c.send_email(&mail).await.unwrap();
    c.send_email(&back).await.unwrap();
    same_requests(&log);

    let (server, log) = answering(200, &fixture("list_populated_doc.json")).await;
    let c = v9(&server);
    let contacts = vec![Contact::new("0612345678").field("NAME", "Awa")];
    let result = c.populate_list("l", &contacts).await.unwrap();
    c.populate_list("l", &round_trip(&contacts).1)
        .await
        .unwrap();
    same_requests(&log);
    same(&result);
    round_trip(&ListField::new("NAME", true, false));
}

#[tokio::test]
async fn v9_answers_round_trip() {
    let (server, _) = answering(200, &fixture("acks_doc.json")).await;
    let acks = v9(&server).get_acks("c").await.unwrap();
    let json = same(&acks);
    // A delivery status is its code; a date is the text AllMySMS wrote.
    assert_eq!(json["acks"][0]["status"], acks.acks()[0].status().code());
    assert_eq!(
        json["acks"][0]["reception_date"],
        acks.acks()[0].reception_date().as_str()
    );

    let (server, _) = answering(200, &fixture("pulls_doc.json")).await;
    same(&v9(&server).get_pulls(None).await.unwrap());
    let (server, _) = answering(200, &fixture("blacklist_doc.json")).await;
    same(&v9(&server).get_blacklist().await.unwrap());
    let (server, _) = answering(200, &fixture("credits_by_country_doc.json")).await;
    same(
        &v9(&server)
            .get_credits_by_country_iso_code("FR")
            .await
            .unwrap(),
    );
    let (server, _) = answering(200, &fixture("shorten_url_doc.json")).await;
    same(
        &v9(&server)
            .shorten_url("https://example.com")
            .await
            .unwrap(),
    );
    let (server, _) = answering(200, &fixture("campaign_stats_synthetic.json")).await;
    same(&v9(&server).get_campaign_stats("c").await.unwrap());
    let (server, _) = answering(200, &fixture("lists_doc.json")).await;
    same(&v9(&server).get_lists().await.unwrap());
    let (server, _) = answering(200, &fixture("contacts_doc.json")).await;
    same(&v9(&server).get_contacts("l").await.unwrap());
    let (server, _) = answering(200, &fixture("simulate_doc.json")).await;
    same(
        &v9(&server)
            .simulate_campaign(&SendSms::new("x").to("0612345678"))
            .await
            .unwrap(),
    );
    let (server, _) = answering(200, &fixture("sub_accounts_synthetic.json")).await;
    same(&v9(&server).get_sub_accounts().await.unwrap());
    let (server, _) = answering(200, &fixture("sub_credits_doc_fixed.json")).await;
    let credits: Vec<SubAccountCredits> = v9(&server)
        .manage_sub_account_credits("sub", 10)
        .await
        .unwrap();
    same(&credits);

    // The API key an answer carries is never written.
    let (server, _) = answering(200, &fixture("info_doc_fixed.json")).await;
    let info = v9(&server).get_info().await.unwrap();
    let (json, back) = round_trip(&info);
    assert!(json.get("api_key").is_none(), "{json}");
    assert_eq!(back.email(), info.email());
}

#[tokio::test]
async fn errors_and_partial_sends_round_trip() {
    let (server, _) = answering(200, &fixture("error_102_synthetic.json")).await;
    let Err(Error::Api(e)) = v9(&server).get_info().await else {
        panic!("expected an API error");
    };
    let json = same(&e);
    assert_eq!(json["code"], 102);
    assert_eq!(round_trip(&StatusCode::from_code(113)).0, json!(113));

    let body = br#"{"status":113,"statusText":"Certains invalides","invalidNumbers":"33600000001","campaignId":"c113","smsIds":[{"phoneNumber":"33612345678","smsId":"id-1"}]}"#;
    let (server, _) = answering(200, body).await;
    let Err(Error::PartiallySent(p)) = v9(&server)
        .send_sms(&SendSms::new("Hi").to("0612345678"))
        .await
    else {
        panic!("expected a partial send");
    };
    let json = same(&p);
    assert_eq!(json["invalid_numbers"], json!(["33600000001"]));
}

#[test]
fn webhook_events_round_trip() {
    let query = "smsId=330792bd-8e0b&campaignId=ap_1&phoneNumber=33612345678&receptionDate=2014-02-19%2011:40:35&status=2&statusText=Not+delivered";
    let event = DeliveryReportEvent::from_params(&decode_params(query.as_bytes())).unwrap();
    let json = same(&event);
    assert_eq!(json["status"], 2);
    assert_eq!(json["reception_date"], "2014-02-19 11:40:35");
    let form = "smsId=s&campaignId=c&phoneNumber=33612345678&receptionDate=2014-02-14+15%3A09%3A05&smsMoId=32154&message=Oui";
    same(&ReplyEvent::from_params(&decode_params(form.as_bytes())).unwrap());
}

#[tokio::test]
async fn rest_requests_and_answers_round_trip() {
    let (server, log) = answering(201, &fixture("rest_send_symfony.json")).await;
    let c = rest_client(&server);
    let sms = rest::SendSms::new("+33 6 12 34 56 78", "Bonjour")
        .from("MaBoutique")
        .alerting(1)
        .campaign_name("c")
        .simulate(true);
    let sent = c.send_sms(&sms).await.unwrap();
    c.send_sms(&round_trip(&sms).1).await.unwrap();
    same_requests(&log);
    let json = same(&sent);
    assert!(json["balance"].is_number(), "{json}");

    let body = br#"{"code": 100, "description": "sent", "campaignId": "c-77", "nbContacts": 1, "nbSms": 1, "smsIds": [{"phoneNumber": "33612345678", "smsId": "s-1"}]}"#;
    let (server, log) = answering(201, body).await;
    let c = rest_client(&server);
    let bulk = rest::BulkSms::new("Hi #param_1#").to_with_params("0612345678", ["Awa"]);
    let sent = c.send_bulk(&bulk).await.unwrap();
    let json = same(&sent);
    // Written like the v9 API's ids.
    assert_eq!(json["sms_ids"][0]["phone_number"], sent.sms_ids()[0].0);
    c.send_bulk(&round_trip(&bulk).1).await.unwrap();
    same_requests(&log);

    let (server, log) = answering(201, &fixture("rest_voice_synthetic.json")).await;
    let c = rest_client(&server);
    let voice = rest::VoiceBulk::new("+33 1 45 67 89 00", "https://e.com/m.mp3").to("0612345678");
    c.voice_send_bulk(&voice).await.unwrap();
    c.voice_send_bulk(&round_trip(&voice).1).await.unwrap();
    same_requests(&log);

    let (server, _) = answering_to("GET", 200, &fixture("rest_account_synthetic.json")).await;
    let account = rest_client(&server).account(None).await.unwrap();
    let (json, _) = round_trip(&account);
    assert!(json.get("api_key").is_none(), "{json}");
    let (server, _) = answering_to("GET", 200, &fixture("rest_report_synthetic.json")).await;
    same(&rest_client(&server).campaign_report("c").await.unwrap());
}
