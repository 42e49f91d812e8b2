//! `action=statut` and `action=solde`.

use connect_mobile::{Error, ErrorCode, HttpMethod, InvalidRequest, MessageId, SmsStatus};
use mockito::Matcher;

use crate::{PATH, builder, fixture, pairs, recorder, seen};

#[tokio::test]
async fn statut_sends_the_msgid_and_reads_both_statuses() {
    for (body, expected) in [
        (b"1".to_vec(), SmsStatus::Delivered),
        (
            fixture("statut_in_progress_synthetic.txt"),
            SmsStatus::InProgress,
        ),
        (b"0\r\n".to_vec(), SmsStatus::InProgress),
    ] {
        let mut server = mockito::Server::new_async().await;
        let (log, matcher) = recorder();
        let mock = server
            .mock("POST", PATH)
            .match_request(matcher)
            .with_body(&body)
            .expect(1)
            .create_async()
            .await;
        let client = builder(&server).build().unwrap();
        let id = MessageId::new("166852550").unwrap();
        assert_eq!(client.status(&id).await.unwrap(), expected, "{body:?}");
        mock.assert_async().await;
        assert_eq!(
            seen(&log)[0].latin1_form(),
            pairs(&[
                ("action", "statut"),
                ("login", "Michelle"),
                ("apipasse", "Fake-Pass-123"),
                ("msgid", "166852550"),
            ])
        );
    }
}

#[tokio::test]
async fn statut_errors_are_codes_not_statuses() {
    for (body, code) in [
        (
            "01|Login , mot de passe non valide",
            ErrorCode::InvalidCredentials,
        ),
        ("10|Le msgid est invalide", ErrorCode::InvalidMessageId),
        (
            "09|Le msgid n'est pas renseigne",
            ErrorCode::MissingMessageId,
        ),
    ] {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_body(body)
            .create_async()
            .await;
        let client = builder(&server).build().unwrap();
        match client.status(&MessageId::new("1").unwrap()).await {
            Err(Error::Api(api)) => assert_eq!(api.code, code),
            other => panic!("{body}: {other:?}"),
        }
    }
    assert_eq!(
        MessageId::new("").unwrap_err(),
        InvalidRequest::InvalidMessageId
    );
}

#[tokio::test]
async fn solde_over_get() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let mock = server
        .mock("GET", PATH)
        .match_query(Matcher::Any)
        .match_request(matcher)
        .with_body(fixture("solde_synthetic.txt"))
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server).method(HttpMethod::Get).build().unwrap();
    assert_eq!(client.balance().await.unwrap().whole_sms(), Some(250));
    mock.assert_async().await;
    assert_eq!(
        seen(&log)[0].latin1_query(),
        pairs(&[
            ("action", "solde"),
            ("login", "Michelle"),
            ("apipasse", "Fake-Pass-123"),
        ])
    );
}

#[tokio::test]
async fn solde_errors_and_garbage() {
    for (status, body, api) in [
        (200, &b"02|Vous n'avez pas assez de cr\xe9dit"[..], true),
        (200, b"XX SMS", false),
        (503, b"<html>Service Unavailable</html>", false),
        (200, b"", false),
    ] {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_status(status)
            .with_body(body)
            .create_async()
            .await;
        let client = builder(&server).build().unwrap();
        match (client.balance().await, api) {
            (Err(Error::Api(e)), true) => {
                assert_eq!(e.code, ErrorCode::NotEnoughCredit);
                assert_eq!(
                    e.message, "Vous n'avez pas assez de crédit",
                    "Latin-1 decoded"
                );
            }
            (Err(Error::UnexpectedResponse { body: raw, .. }), false) => {
                assert_eq!(raw.as_bytes(), body)
            }
            (other, _) => panic!("{body:?}: {other:?}"),
        }
    }
}
