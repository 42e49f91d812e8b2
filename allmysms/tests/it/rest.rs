//! The REST API.

use allmysms::rest::{self, Euros, VoiceBulk};
use allmysms::{Credentials, Error, InvalidRequest, StatusCode};
use serde_json::json;

use crate::{fixture, recorder, seen};

fn client(server: &mockito::Server) -> rest::Client {
    rest::Client::builder(Credentials::new("yourlogin", "fake-api-key"))
        .base_url(server.url())
        .build()
        .unwrap()
}

async fn mock(
    server: &mut mockito::Server,
    method: &str,
    path: &str,
    status: usize,
    body: &[u8],
) -> (mockito::Mock, test_support::Log) {
    let (log, matcher) = recorder();
    let m = server
        .mock(method, path)
        .match_query(mockito::Matcher::Any)
        .match_request(matcher)
        .with_status(status)
        .with_body(body)
        .expect(1)
        .create_async()
        .await;
    (m, log)
}

/// `Basic base64(yourlogin:fake-api-key)`.
const AUTH: &str = "Basic eW91cmxvZ2luOmZha2UtYXBpLWtleQ==";

#[tokio::test]
async fn send_with_every_option_and_euros() {
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(
        &mut server,
        "POST",
        "/sms/send/",
        201,
        &fixture("rest_send_symfony.json"),
    )
    .await;
    let sent = client(&server)
        .send_sms(
            &rest::SendSms::new("+33 6 12 34 56 78", "Bonjour ]]> & 😀. STOP au 36180")
                .from("MaBoutique")
                .alerting(1)
                .campaign_name("c")
                .cli_msg_id("id-1")
                .date("2026-12-24 18:30:00".parse().unwrap())
                .simulate(true)
                .unique_identifier("u-1")
                .verbose(1),
        )
        .await
        .unwrap();
    m.assert_async().await;
    let req = &seen(&log)[0];
    assert_eq!(req.header("authorization"), Some(AUTH));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        req.json(),
        json!({"to": "33612345678", "text": "Bonjour ]]> & 😀. STOP au 36180", "from": "MaBoutique",
            "alerting": 1, "campaignName": "c", "cliMsgId": "id-1", "date": "2026-12-24 18:30:00",
            "simulate": 1, "uniqueIdentifier": "u-1", "verbose": 1})
    );
    assert_eq!(sent.code(), StatusCode::Sent);
    assert_eq!(sent.sms_id(), Some("de4d766d-4faf-11e9-a8ef-0025907cf72e"));
    assert_eq!(
        (sent.balance(), sent.cost()),
        (Some(Euros::new(2.81)), Some(Euros::new(0.19)))
    );
    assert_eq!((sent.nb_contacts(), sent.nb_sms()), (Some(1), Some(1)));
}

#[tokio::test]
async fn bulk_with_per_recipient_params_and_plain_lists() {
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "POST",
        "/sms/send/bulk/",
        201,
        &fixture("rest_bulk_synthetic.json"),
    )
    .await;
    let sent = client(&server)
        .send_bulk(
            &rest::BulkSms::new("Bonjour #param_1#")
                .to_with_params("0612345678", ["Marc"])
                .to_with_params("0712345678", ["Julie"])
                .campaign_name("promo")
                .simulate(false),
        )
        .await
        .unwrap();
    assert_eq!(
        seen(&log)[0].json(),
        json!({"text": "Bonjour #param_1#", "campaignName": "promo", "simulate": 0, "to": [
            {"mobilePhone": "33612345678", "param1": "Marc"},
            {"mobilePhone": "33712345678", "param1": "Julie"}]})
    );
    assert_eq!(
        (sent.code(), sent.campaign_id()),
        (StatusCode::Scheduled, Some("c-77"))
    );
    assert_eq!(
        sent.balance(),
        Some(Euros::new(2.43)),
        "a string amount is read too"
    );
    assert_eq!(sent.invalid_numbers(), ["33600000000"]);

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "POST",
        "/sms/send/bulk/",
        201,
        &fixture("rest_bulk_synthetic.json"),
    )
    .await;
    client(&server)
        .send_bulk(&rest::BulkSms::new("Hi").to("0612345678").to("0612345678"))
        .await
        .unwrap();
    assert_eq!(seen(&log)[0].json()["to"], json!(["33612345678"]));
}

#[tokio::test]
async fn account_ping_report_voice() {
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "GET",
        "/account",
        200,
        &fixture("rest_account_synthetic.json"),
    )
    .await;
    let account = client(&server).account(Some("shop-paris")).await.unwrap();
    let req = &seen(&log)[0];
    assert_eq!(
        (req.path_only(), req.query()),
        ("/account", "subAccount=shop-paris")
    );
    assert_eq!(req.header("authorization"), Some(AUTH));
    assert_eq!(
        (account.balance(), account.nb_sms()),
        (Some(Euros::new(12.5)), Some(250))
    );
    assert_eq!(account.reference_country_iso(), "FR");
    assert!(!format!("{account:?}").contains("0123456789abcdef"));

    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(&mut server, "GET", "/ping/", 200, b"").await;
    client(&server).ping().await.unwrap();
    m.assert_async().await;
    assert_eq!(
        seen(&log)[0].header("authorization"),
        None,
        "ping needs no authentication"
    );

    let mut server = mockito::Server::new_async().await;
    let (m, _log) = mock(
        &mut server,
        "GET",
        "/report/campaign/c%2077",
        200,
        &fixture("rest_report_synthetic.json"),
    )
    .await;
    let reports = client(&server).campaign_report("c 77").await.unwrap();
    m.assert_async().await;
    assert_eq!(
        (reports[0].code(), reports[0].description()),
        (Some(1), "Delivered")
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "POST",
        "/voice/send/bulk",
        201,
        &fixture("rest_voice_synthetic.json"),
    )
    .await;
    let sent = client(&server)
        .voice_send_bulk(
            &VoiceBulk::new("+33 1 45 67 89 00", "https://example.com/m.mp3")
                .to("0612345678")
                .campaign_name("v"),
        )
        .await
        .unwrap();
    assert_eq!(
        seen(&log)[0].json(),
        json!({"to": ["33612345678"], "from": "0145678900", "type": "directdeposit",
            "url": "https://example.com/m.mp3", "campaignName": "v"})
    );
    assert_eq!(
        sent.sms_ids(),
        [("33612345678".to_owned(), "s-1".to_owned())]
    );
}

#[tokio::test]
async fn errors_and_validation() {
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(
        &mut server,
        "POST",
        "/sms/send/",
        401,
        &fixture("rest_error_102_synthetic.json"),
    )
    .await;
    match client(&server)
        .send_sms(&rest::SendSms::new("0612345678", "Hi"))
        .await
    {
        Err(Error::Api(api)) => assert_eq!(
            (api.code, api.http_status),
            (StatusCode::AuthenticationFailed, 401)
        ),
        other => panic!("{other:?}"),
    }
    for (status, body) in [
        (201, &br#"{"description":"no code"}"#[..]),
        (500, b"<html>"),
        (201, b""),
    ] {
        let mut server = mockito::Server::new_async().await;
        let (_m, _log) = mock(&mut server, "POST", "/sms/send/", status, body).await;
        assert!(matches!(
            client(&server)
                .send_sms(&rest::SendSms::new("0612345678", "Hi"))
                .await,
            Err(Error::UnexpectedResponse { .. })
        ));
    }
    let mut server = mockito::Server::new_async().await;
    let m = server
        .mock("POST", mockito::Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let c = client(&server);
    assert!(matches!(
        c.send_sms(&rest::SendSms::new("12", "Hi")).await,
        Err(Error::InvalidRequest(InvalidRequest::InvalidPhone { .. }))
    ));
    assert!(matches!(
        c.send_sms(&rest::SendSms::new("0612345678", "")).await,
        Err(Error::InvalidRequest(InvalidRequest::EmptyMessage))
    ));
    assert!(matches!(
        c.send_bulk(&rest::BulkSms::new("Hi")).await,
        Err(Error::InvalidRequest(InvalidRequest::NoRecipient))
    ));
    assert!(
        matches!(
            c.voice_send_bulk(&VoiceBulk::new("0612345678", "https://x/m.mp3").to("0612345678"))
                .await,
            Err(Error::InvalidRequest(InvalidRequest::InvalidSender))
        ),
        "a mobile cannot send voice messages"
    );
    m.assert_async().await;
}
