//! `action=envoi`.

use std::time::Duration;

use connect_mobile::{
    Client, Credentials, Error, ErrorCode, HttpMethod, InvalidRequest, MessageType,
    PasswordParameter, SendSms, SenderType,
};
use mockito::Matcher;

use crate::{PATH, builder, closed_port_url, fixture, pairs, post_answering, recorder, seen};

#[tokio::test]
async fn post_sends_the_documented_fields_in_latin1() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture("envoi_success_doc.txt"))
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server).build().unwrap();
    let request = SendSms::new("Michelle", "Été à Zürich, leçon ça?").recipients([
        "06 12 34 56 78",
        "+40 740 123 456",
        "0033612345678",
    ]);
    let sent = client.send_sms(&request).await.unwrap();
    mock.assert_async().await;

    let req = &seen(&log)[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", PATH));
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded; charset=ISO-8859-1")
    );
    assert_eq!(
        req.latin1_form(),
        pairs(&[
            ("action", "envoi"),
            ("login", "Michelle"),
            ("apipasse", "Fake-Pass-123"),
            ("msg", "Été à Zürich, le?on ?a?"),
            ("dest", "33612345678,40740123456"),
            ("origine", "Michelle"),
            ("sendertype", "5"),
            ("type", "0"),
            ("callback", "0"),
        ])
    );
    // The bytes themselves: ISO-8859-1, percent-encoded, `ç` already turned into `?`.
    let body = String::from_utf8(req.body.clone()).unwrap();
    assert!(
        body.contains("msg=%C9t%E9+%E0+Z%FCrich%2C+le%3Fon+%3Fa%3F&"),
        "{body}"
    );
    assert_eq!(sent.message_id().unwrap().as_str(), "166852550");
    assert_eq!(sent.http_status(), 200);
}

#[tokio::test]
async fn options_and_the_table_spelling_of_the_password() {
    let mut server = mockito::Server::new_async().await;
    let (_mock, log) = post_answering(&mut server, "envoi_success_latin1.txt").await;
    let client = builder(&server)
        .password_parameter(PasswordParameter::Apipass)
        .build()
        .unwrap();
    let request = SendSms::new("33612345678", "Flash!")
        .to("0612345678")
        .sender_type(SenderType::Mobile)
        .message_type(MessageType::Flash)
        .callback(true);
    let sent = client.send_sms(&request).await.unwrap();
    assert_eq!(sent.message_id().unwrap().as_str(), "166852550");
    let form = seen(&log)[0].latin1_form();
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("apipass"), Some("Fake-Pass-123"));
    assert_eq!(get("apipasse"), None, "never both spellings");
    assert_eq!(
        (get("sendertype"), get("type"), get("callback")),
        (Some("1"), Some("1"), Some("1"))
    );
}

#[tokio::test]
async fn get_puts_the_same_fields_in_the_query() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let mock = server
        .mock("GET", PATH)
        .match_query(Matcher::Any)
        .match_request(matcher)
        .with_body(fixture("envoi_success_doc.txt"))
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server).method(HttpMethod::Get).build().unwrap();
    client
        .send_sms(&SendSms::new("Shop", "Bonjour à vous").to("0612345678"))
        .await
        .unwrap();
    mock.assert_async().await;
    let req = &seen(&log)[0];
    assert_eq!(req.path_only(), PATH);
    assert!(req.body.is_empty());
    assert_eq!(
        req.latin1_query(),
        pairs(&[
            ("action", "envoi"),
            ("login", "Michelle"),
            ("apipasse", "Fake-Pass-123"),
            ("msg", "Bonjour à vous"),
            ("dest", "33612345678"),
            ("origine", "Shop"),
            ("sendertype", "5"),
            ("type", "0"),
            ("callback", "0"),
        ])
    );
    assert!(req.query().contains("msg=Bonjour+%E0+vous&"));
}

#[tokio::test]
async fn every_return_code_is_typed() {
    let cases = [
        ("01", ErrorCode::InvalidCredentials),
        ("02", ErrorCode::NotEnoughCredit),
        ("03", ErrorCode::MissingRecipient),
        ("04", ErrorCode::MissingSender),
        ("05", ErrorCode::NonNumericRecipient),
        ("06", ErrorCode::RecipientTooShort),
        ("07", ErrorCode::InvalidInternationalPrefix),
        ("08", ErrorCode::MissingMessage),
        ("09", ErrorCode::MissingMessageId),
        ("10", ErrorCode::InvalidMessageId),
        ("11", ErrorCode::Other("11".into())),
    ];
    for (code, expected) in cases {
        let mut server = mockito::Server::new_async().await;
        let body = format!("{code}|{}", expected.french_text());
        let _mock = server
            .mock("POST", PATH)
            .with_body(body.clone())
            .create_async()
            .await;
        let client = builder(&server).build().unwrap();
        match client
            .send_sms(&SendSms::new("Shop", "Hi").to("0612345678"))
            .await
        {
            Err(e @ Error::Api(_)) => {
                // Only the manual's codes are refusals; an undocumented one is unknown.
                assert_eq!(e.is_known_not_sent(), code != "11", "{code}");
                let Error::Api(api) = e else { unreachable!() };
                assert_eq!(api.code, expected);
                assert_eq!(api.code.code(), code, "leading zero kept");
                assert_eq!(api.message, expected.french_text());
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn documented_error_samples() {
    for (file, code, text) in [
        (
            "error_03_doc.txt",
            ErrorCode::MissingRecipient,
            "Le numéro du destinataire n'est pas renseigné",
        ),
        (
            "error_01_doc.txt",
            ErrorCode::InvalidCredentials,
            "Login , mot de passe non valide",
        ),
    ] {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_body(fixture(file))
            .create_async()
            .await;
        let client = builder(&server).build().unwrap();
        match client
            .send_sms(&SendSms::new("Shop", "Hi").to("0612345678"))
            .await
        {
            Err(Error::Api(api)) => {
                assert_eq!((api.code(), api.message()), (&code, text));
                assert_eq!((api.code, api.message.as_str()), (code, text));
            }
            other => panic!("{file}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn malformed_answers_keep_the_raw_body() {
    let cases: Vec<(usize, Vec<u8>)> = vec![
        (502, fixture("bad_gateway.html")),
        (200, Vec::new()),
        (200, b"16685".to_vec()),
        (200, b"166852550|Message env".to_vec()),
        (200, b"Erreur interne: donn\xe9es".to_vec()),
        (500, b"03".to_vec()),
    ];
    for (status, body) in cases {
        let mut server = mockito::Server::new_async().await;
        let _mock = server
            .mock("POST", PATH)
            .with_status(status)
            .with_body(&body)
            .create_async()
            .await;
        let client = builder(&server).build().unwrap();
        match client
            .send_sms(&SendSms::new("Shop", "Hi").to("0612345678"))
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
                assert_eq!((http_status as usize, raw.as_bytes()), (status, &body[..]));
            }
            other => panic!("{status} {body:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let mut server = mockito::Server::new_async().await;
    let mock = server.mock("POST", PATH).expect(0).create_async().await;
    let get_mock = server
        .mock("GET", PATH)
        .match_query(Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let client = builder(&server).build().unwrap();
    let many: Vec<String> = (0..200).map(|i| format!("+336{:08}", i)).collect();
    let cases: Vec<(SendSms, InvalidRequest)> = vec![
        (
            SendSms::new("Shop", "  ").to("0612345678"),
            InvalidRequest::EmptyMessage,
        ),
        (
            SendSms::new("Shop", "ç".repeat(161)).to("0612345678"),
            InvalidRequest::MessageTooLong {
                chars: 161,
                max: 160,
            },
        ),
        (SendSms::new("Shop", "Hi"), InvalidRequest::NoRecipient),
        (
            SendSms::new("Shop", "Hi").to("+290 22158"),
            InvalidRequest::RecipientTooShort {
                index: 0,
                digits: 8,
            },
        ),
    ];
    for (request, expected) in cases {
        match client.send_sms(&request).await {
            Err(Error::InvalidRequest(e)) => assert_eq!(e, expected),
            other => panic!("{request:?}: {other:?}"),
        }
    }
    for request in [
        SendSms::new("Shop", "Hi").to("06 12 AB 56 78"),
        SendSms::new("", "Hi").to("0612345678"),
        SendSms::new("MaBoutiqueDuCoin", "Hi").to("0612345678"),
    ] {
        assert!(
            matches!(
                client.send_sms(&request).await,
                Err(Error::InvalidRequest(
                    InvalidRequest::InvalidPhone { .. } | InvalidRequest::InvalidSender(_)
                ))
            ),
            "{request:?}"
        );
    }
    let no_password = Client::builder(Credentials::new("Michelle", ""))
        .base_url(server.url())
        .build()
        .unwrap();
    assert!(matches!(
        no_password.balance().await,
        Err(Error::InvalidRequest(InvalidRequest::MissingCredential(
            "apipasse"
        )))
    ));
    let bad_login = Client::builder(Credentials::new("Michał", "p"))
        .base_url(server.url())
        .build()
        .unwrap();
    assert!(matches!(
        bad_login.balance().await,
        Err(Error::InvalidRequest(InvalidRequest::NotLatin1 {
            field: "login"
        }))
    ));
    let get = builder(&server).method(HttpMethod::Get).build().unwrap();
    assert!(matches!(
        get.send_sms(&SendSms::new("Shop", "Hi").recipients(many))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::UrlTooLong { .. }))
    ));
    mock.assert_async().await;
    get_mock.assert_async().await;
}

#[tokio::test]
async fn get_errors_never_show_the_credentials_in_the_url() {
    // Connection refused: known not sent.
    let client = Client::builder(Credentials::new("Michelle", "Fake-Pass-123"))
        .base_url(closed_port_url())
        .method(HttpMethod::Get)
        .build()
        .unwrap();
    let e = client
        .send_sms(&SendSms::new("Shop", "Hi").to("0612345678"))
        .await
        .unwrap_err();
    assert!(e.is_known_not_sent());
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("Fake-Pass-123"), "{shown}");
    assert!(!shown.contains("apipasse"), "{shown}");

    // Timeout after the request was sent: outcome unknown.
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("GET", PATH)
        .match_query(Matcher::Any)
        .with_chunked_body(|w| {
            std::thread::sleep(Duration::from_millis(1500));
            w.write_all(b"1|Message envoy\xe9")
        })
        .create_async()
        .await;
    let client = builder(&server)
        .method(HttpMethod::Get)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = client
        .send_sms(&SendSms::new("Shop", "Hi").to("0612345678"))
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::Http { source, .. } if source.is_timeout()));
    assert!(!e.is_known_not_sent());
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("Fake-Pass-123"), "{shown}");
}

#[tokio::test]
async fn nothing_secret_or_personal_in_debug() {
    let server = mockito::Server::new_async().await;
    let client = builder(&server).build().unwrap();
    let request = SendSms::new("Shop", "Hi").to("0612345678");
    let shown = format!("{client:?} {request:?}");
    for leak in ["Fake-Pass-123", "612345678"] {
        assert!(!shown.contains(leak), "{leak} in {shown}");
    }
    assert_eq!(
        Client::new(Credentials::new("a", "b")).unwrap().url(),
        "http://www.connect-mobile.com/client/api/"
    );
}

#[tokio::test]
async fn dest_takes_international_digits_of_any_country() {
    let mut server = mockito::Server::new_async().await;
    let (_mock, log) = post_answering(&mut server, "envoi_success_doc.txt").await;
    let client = builder(&server).build().unwrap();
    // "au format international (exemple : 33612345678)": any country, no `+`; French
    // national input is still read as French.
    let request = SendSms::new("Shop", "Hi").recipients([
        "40740123456",
        "447700900123",
        "32470123456",
        "33612345678",
        "06 12 34 56 79",
    ]);
    client.send_sms(&request).await.unwrap();
    let form = seen(&log)[0].latin1_form();
    let dest = form.iter().find(|(k, _)| k == "dest").unwrap();
    assert_eq!(
        dest.1,
        "40740123456,447700900123,32470123456,33612345678,33612345679"
    );
    // Not a number of any country: refused before sending.
    let e = client
        .send_sms(&SendSms::new("Shop", "Hi").to("99912345678"))
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        Error::InvalidRequest(InvalidRequest::InvalidPhone { index: 0, .. })
    ));
    assert_eq!(seen(&log).len(), 1, "no request for invalid input");
}

#[tokio::test]
async fn origine_length_can_be_left_to_the_gateway() {
    let mut server = mockito::Server::new_async().await;
    let (_mock, log) = post_answering(&mut server, "envoi_success_doc.txt").await;
    let client = builder(&server).build().unwrap();
    let long = "MaBoutiqueParis"; // 15 characters: the manual's "15 caractères"
    let e = client
        .send_sms(&SendSms::new(long, "Hi").to("0612345678"))
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::InvalidRequest(InvalidRequest::InvalidSender(_))),
        "{e:?}"
    );
    assert!(seen(&log).is_empty(), "refused before sending");
    client
        .send_sms(
            &SendSms::new(long, "Hi")
                .to("0612345678")
                .check_origine_length(false),
        )
        .await
        .unwrap();
    let form = seen(&log)[0].latin1_form();
    assert!(
        form.contains(&("origine".to_owned(), long.to_owned())),
        "{form:?}"
    );
    // Everything but the length is still checked.
    for bad in ["", " Shop", "Shop\u{7}", "Shop€"] {
        let e = client
            .send_sms(
                &SendSms::new(bad, "Hi")
                    .to("0612345678")
                    .check_origine_length(false),
            )
            .await
            .unwrap_err();
        assert!(e.is_known_not_sent(), "{bad:?}");
    }
    assert_eq!(seen(&log).len(), 1);
}
