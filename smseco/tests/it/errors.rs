//! Error answers, malformed answers and transport failures.

use std::time::Duration;

use smseco::{Client, Credentials, Error, ErrorCode, Format, OutputFormat, SendSms};

use crate::{FORMATS, client, closed_port_url, fixture, mock};

fn sms() -> SendSms {
    SendSms::new("TEST", "Hi").to("22507352518")
}

/// Sends [`sms`] through a client of `format` to a server answering `body`.
async fn sent_with_answer(format: Format, body: &[u8]) -> Result<smseco::SubmitResponse, Error> {
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(&mut server, format, "sendsms", "sendsms", body).await;
    client(&server, format).send_sms(&sms()).await
}

#[tokio::test]
async fn every_error_code_in_xml_and_json_numbers_and_strings() {
    for code in -15..=-1_i64 {
        let expected = ErrorCode::from_code(code);
        let bodies = [
            format!(
                "<REPONSE><statut>{code}</statut><texte>{}</texte></REPONSE>",
                expected.french_text()
            ),
            format!(
                r#"{{"statut":{code},"texte":"{}"}}"#,
                expected.french_text()
            ),
            format!(
                r#"{{"statut":"{code}","texte":"{}"}}"#,
                expected.french_text()
            ),
        ];
        for body in bodies {
            match sent_with_answer(Format::Xml, body.as_bytes()).await {
                Err(e @ Error::Api(_)) => {
                    assert!(e.is_known_not_sent());
                    let Error::Api(api) = e else { unreachable!() };
                    assert_eq!(api.code, expected);
                    assert_eq!(api.code.code(), code);
                    assert_ne!(api.code.french_text(), "code non documenté");
                    assert_eq!(api.message, expected.french_text());
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn documented_error_shapes() {
    for (file, code) in [
        ("error.xml", ErrorCode::SenderNotRegistered),
        ("error_strings.json", ErrorCode::AuthenticationFailed),
    ] {
        for format in FORMATS {
            match sent_with_answer(format, &fixture(file)).await {
                Err(Error::Api(api)) => assert_eq!(api.code, code, "{file} {format:?}"),
                other => panic!("{file} {format:?}: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn malformed_answers_keep_the_raw_body_and_never_panic() {
    let cases: Vec<(usize, Vec<u8>)> = vec![
        (502, fixture("bad_gateway.html")),
        (200, Vec::new()),
        (200, fixture("sendsms_template_doc.json")),
        (
            200,
            b"<REPONSE><msgfid>x</msgfid><statut>2</statut><messages><sms>".to_vec(),
        ),
        (
            200,
            br#"{"msgfid":"x","statut":2,"messages":[{"smsfid""#.to_vec(),
        ),
        (
            200,
            b"<REPONSE><statut>0</statut><texte>?</texte></REPONSE>".to_vec(),
        ),
        (200, b"<REPONSE><texte>no statut</texte></REPONSE>".to_vec()),
        (
            200,
            b"<REPONSE><statut>2</statut><texte>Envoy\xe9</texte>".to_vec(),
        ),
        (200, b"<html><body>Bienvenue<br></body></html>".to_vec()),
        (200, br#"{"statut":[1]}"#.to_vec()),
    ];
    for (status, body) in cases {
        let _ = status;
        match sent_with_answer(Format::Xml, &body).await {
            Err(e @ Error::UnexpectedResponse { .. }) => {
                assert!(!e.is_known_not_sent());
                let Error::UnexpectedResponse { body: raw, .. } = e else {
                    unreachable!()
                };
                assert_eq!(raw.as_bytes(), &body[..]);
            }
            other => panic!("{body:?}: {other:?}"),
        }
    }
}

/// Every value the documentation lists in a sendsms success is required: an answer
/// without one (or with it empty) is not understood, and the send's outcome unknown;
/// never a zero or an empty text. `texte` may be empty.
#[tokio::test]
async fn every_documented_success_value_is_required() {
    let top = [
        ("msgfid", "m1"),
        ("statut", "1"),
        ("texte", "OK"),
        ("destinataires", "1"),
        ("sms", "1"),
        ("credits", "1"),
        ("solde", "98"),
    ];
    let one = [
        ("smsfid", "s1"),
        ("destination", "22507352518"),
        ("credits", "1"),
    ];
    let xml = |top: &[(&str, &str)], one: Option<&[(&str, &str)]>| {
        let fields = |f: &[(&str, &str)]| -> String {
            f.iter().map(|(k, v)| format!("<{k}>{v}</{k}>")).collect()
        };
        let messages = one
            .map(|one| format!("<messages><sms>{}</sms></messages>", fields(one)))
            .unwrap_or_default();
        format!("<REPONSE>{}{messages}</REPONSE>", fields(top))
    };
    let without = |list: &[(&'static str, &'static str)], i: usize| {
        let mut list = list.to_vec();
        list.remove(i);
        list
    };
    let emptied = |list: &[(&'static str, &'static str)], i: usize| {
        let mut list = list.to_vec();
        list[i].1 = "";
        list
    };
    let mut broken = vec![xml(&top, None)];
    for i in (0..top.len()).filter(|&i| !matches!(top[i].0, "statut" | "texte")) {
        broken.push(xml(&without(&top, i), Some(&one)));
        broken.push(xml(&emptied(&top, i), Some(&one)));
    }
    broken.push(xml(&without(&top, 2), Some(&one)));
    for i in 0..one.len() {
        broken.push(xml(&top, Some(&without(&one, i))));
        broken.push(xml(&top, Some(&emptied(&one, i))));
    }
    for body in broken {
        match sent_with_answer(Format::Xml, body.as_bytes()).await {
            Err(e @ Error::UnexpectedResponse { .. }) => assert!(!e.is_known_not_sent(), "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
    // The whole answer is read, and an empty `texte` is a text.
    for texte in ["OK", ""] {
        let mut top = top;
        top[2].1 = texte;
        let body = xml(&top, Some(&one));
        let sent = sent_with_answer(Format::Xml, body.as_bytes())
            .await
            .unwrap();
        assert_eq!(
            (
                sent.text(),
                sent.recipient_count(),
                sent.sms(),
                sent.credits(),
                sent.balance()
            ),
            (texte, 1, 1, 1.0, 98.0)
        );
        let first = &sent.messages()[0];
        assert_eq!(
            (first.smsfid(), first.destination(), first.credits()),
            ("s1", "22507352518", 1.0)
        );
    }
}

#[tokio::test]
async fn latin1_xml_answers_are_read() {
    let body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><REPONSE><msgfid>m</msgfid><statut>1</statut><texte>Envoy\xe9</texte><destinataires>1</destinataires><sms>1</sms><credits>1</credits><solde>98</solde><messages><sms><smsfid>s1</smsfid><destination>22507352518</destination><credits>1</credits></sms></messages></REPONSE>";
    let sent = sent_with_answer(Format::Xml, body).await.unwrap();
    assert_eq!(sent.text(), "Envoyé");
}

#[tokio::test]
async fn get_failures_never_show_the_password_from_the_url() {
    let c = Client::builder(Credentials::new("toto@toto.fr", "Sup3rS3cret"))
        .base_url(closed_port_url())
        .format(Format::Get(OutputFormat::Xml))
        .build()
        .unwrap();
    let e = c.send_sms(&sms()).await.unwrap_err();
    assert!(e.is_known_not_sent());
    let shown = format!("{e} {e:?} {c:?}");
    assert!(
        !shown.contains("Sup3rS3cret") && !shown.contains("password="),
        "{shown}"
    );

    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/xml/sendsms")
        .match_query(mockito::Matcher::Any)
        .with_chunked_body(|w| {
            std::thread::sleep(Duration::from_millis(1500));
            w.write_all(b"<REPONSE/>")
        })
        .create_async()
        .await;
    let c = Client::builder(Credentials::new("toto@toto.fr", "Sup3rS3cret"))
        .base_url(server.url())
        .format(Format::Get(OutputFormat::Xml))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = c.send_sms(&sms()).await.unwrap_err();
    assert!(matches!(&e, Error::Http { source, .. } if source.is_timeout()));
    assert!(!e.is_known_not_sent(), "a timed-out send may have gone out");
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("Sup3rS3cret"), "{shown}");
}

#[tokio::test]
async fn debug_output_hides_numbers() {
    let sent = sent_with_answer(Format::Xml, &fixture("sendsms_success.xml"))
        .await
        .unwrap();
    let shown = format!("{sent:?} {:?}", sms());
    assert!(!shown.contains("07352518"), "{shown}");
}

#[tokio::test]
async fn an_injected_client_that_follows_a_redirect_is_caught() {
    // A client built without `client_builder()` follows the 307 and re-POSTs: the SMS
    // may have gone twice. The answer's URL tells: it is reported as unexpected.
    let mut server = mockito::Server::new_async().await;
    let _moved = server
        .mock("POST", "/api/xml/sendsms/")
        .with_status(307)
        .with_header("location", "/elsewhere/")
        .create_async()
        .await;
    let _elsewhere = server
        .mock("POST", "/elsewhere/")
        .with_body(fixture("sendsms_success.xml"))
        .create_async()
        .await;
    let following = reqwest::Client::builder().build().unwrap();
    let c = Client::builder(Credentials::new("toto@toto.fr", "pw"))
        .base_url(server.url())
        .http_client(following)
        .build()
        .unwrap();
    let e = c.send_sms(&sms()).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::UnexpectedResponse {
                http_status: 200,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!e.is_known_not_sent());
    // Built from `client_builder()`, the 307 itself is the answer: one request.
    let c = Client::builder(Credentials::new("toto@toto.fr", "pw"))
        .base_url(server.url())
        .http_client(smseco::client_builder().build().unwrap())
        .build()
        .unwrap();
    let e = c.send_sms(&sms()).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::UnexpectedResponse {
                http_status: 307,
                ..
            }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn the_body_limit_is_configurable() {
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(
        &mut server,
        Format::Xml,
        "sendsms",
        "sendsms",
        &fixture("sendsms_success.xml"),
    )
    .await;
    let c = Client::builder(Credentials::new("toto@toto.fr", "pw"))
        .base_url(server.url())
        .max_body_size(64)
        .build()
        .unwrap();
    let e = c.send_sms(&sms()).await.unwrap_err();
    assert!(
        matches!(e, Error::ResponseTooLarge { limit: 64, .. }),
        "{e:?}"
    );
    assert!(!e.is_known_not_sent());
    assert_eq!(
        e.to_string(),
        "the answer (HTTP 200) is larger than 64 bytes"
    );
}
