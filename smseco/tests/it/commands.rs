//! `getdlrs`, `getbalance`, `getsenders` and `sendhlr`, in every transport.

use serde_json::json;
use smseco::{DlrQuery, DlrStatus, Error, ErrorCode, Format, HlrRequest, OutputFormat};

use crate::{FORMATS, Payload, XML_COMPTE, client, fixture, mock, pairs, payload, seen};

#[tokio::test]
async fn getdlrs_everywhere() {
    for format in FORMATS {
        let answer = match format {
            Format::Json | Format::Get(OutputFormat::Json) => fixture("getdlrs.json"),
            _ => fixture("getdlrs.xml"),
        };
        let mut server = mockito::Server::new_async().await;
        let (m, log) = mock(&mut server, format, "getdlrs", "getdlrs", &answer).await;
        let query = DlrQuery::msgfid("55857bdb8d51b7-38880789")
            .and_then(|q| q.and_smsfid("55857bf80517a0-38726421"))
            .unwrap();
        let report = client(&server, format).get_dlrs(&query).await.unwrap();
        m.assert_async().await;
        let expected = match format {
            Format::Xml => Payload::Xml(format!(
                "<SMS>{XML_COMPTE}<message><msgfid>55857bdb8d51b7-38880789</msgfid>\
                 <smsfid>55857bf80517a0-38726421</smsfid></message></SMS>"
            )),
            Format::Json => Payload::Json(json!({
                "compte": {"login": "toto@toto.fr", "password": "fake&pass+word"},
                "message": {"msgfid": "55857bdb8d51b7-38880789", "smsfid": "55857bf80517a0-38726421"}
            })),
            _ => Payload::Query(pairs(&[
                ("login", "toto@toto.fr"),
                ("password", "fake&pass+word"),
                ("msgfid", "55857bdb8d51b7-38880789"),
                ("smsfid", "55857bf80517a0-38726421"),
            ])),
        };
        assert_eq!(payload(&seen(&log)[0]), expected, "{format:?}");
        assert_eq!((report.accountid(), report.status()), ("12345", 0));
        let first = report.dlrs().next().unwrap();
        assert_eq!(first.smsfid(), "55857bf80517a0-38726421");
        assert_eq!(first.destination(), "22507352518");
        assert_eq!(first.date(), "2015-06-21 16:52:10");
        if matches!(format, Format::Json | Format::Get(OutputFormat::Json)) {
            // The JSON template's `statur`.
            assert_eq!(first.status(), DlrStatus::Rejected);
            assert_eq!(first.label(), "Rejeté");
            assert_eq!(first.status().is_billed(), Some(false));
        } else {
            assert_eq!(report.messages()[0].msgfid(), "55857bdb8d51b7-38880789");
            let statuses: Vec<DlrStatus> = report.dlrs().map(|d| d.status()).collect();
            assert_eq!(statuses, [DlrStatus::Delivered, DlrStatus::NotDelivered]);
            assert_eq!(report.dlrs().nth(1).unwrap().text(), "Abonné absent");
        }
    }
}

#[tokio::test]
async fn getdlrs_without_filters_and_with_nothing_available() {
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        Format::Xml,
        "getdlrs",
        "getdlrs",
        &fixture("getdlrs_none.xml"),
    )
    .await;
    let report = client(&server, Format::Xml)
        .get_dlrs(&DlrQuery::all())
        .await
        .unwrap();
    assert_eq!(
        payload(&seen(&log)[0]),
        Payload::Xml(format!("<SMS>{XML_COMPTE}<message></message></SMS>"))
    );
    assert_eq!(report.status(), -15);
    assert_eq!(report.dlrs().count(), 0);
    assert_eq!(report.text(), "Aucun statut sms disponible");
}

#[test]
fn dlr_status_table() {
    let table = [
        (50, "en Attente", false),
        (62, "Rejeté", false),
        (65, "File d'attente locale", true),
        (54, "non envoyé", false),
        (55, "Transmis à l'Opérateur", true),
        (61, "File d'attente Opérateur", true),
        (56, "Accusé de Réception", true),
        (59, "Non Délivré par l'Opérateur", true),
        (60, "Erreur réseau opérateur", true),
        (49, "Erreur Crédits", false),
    ];
    for (code, label, billed) in table {
        let s = DlrStatus::from_code(code);
        assert_eq!(
            (s.code(), s.french_label(), s.is_billed()),
            (code, label, Some(billed))
        );
    }
    assert_eq!(DlrStatus::from_code(7).is_billed(), None);
}

#[tokio::test]
async fn getbalance_everywhere() {
    for format in FORMATS {
        let answer = match format {
            Format::Json | Format::Get(OutputFormat::Json) => fixture("getbalance.json"),
            _ => fixture("getbalance.xml"),
        };
        let mut server = mockito::Server::new_async().await;
        // GET capitalises the command, as documented.
        let (m, log) = mock(&mut server, format, "getbalance", "Getbalance", &answer).await;
        let balance = client(&server, format).get_balance().await.unwrap();
        m.assert_async().await;
        let expected = match format {
            Format::Xml => Payload::Xml(format!("<SMS>{XML_COMPTE}</SMS>")),
            Format::Json => Payload::Json(
                json!({"compte": {"login": "toto@toto.fr", "password": "fake&pass+word"}}),
            ),
            _ => Payload::Query(pairs(&[
                ("login", "toto@toto.fr"),
                ("password", "fake&pass+word"),
            ])),
        };
        assert_eq!(payload(&seen(&log)[0]), expected, "{format:?}");
        assert_eq!(balance.accountid(), "12345");
        assert_eq!((balance.status(), balance.text()), (0, "OK"), "{format:?}");
        assert_eq!(
            (
                balance.credits(),
                balance.expire(),
                balance.total_consumption()
            ),
            (1500.0, "2027-06-30", 8500.0)
        );
    }
}

#[tokio::test]
async fn getsenders_everywhere() {
    for format in FORMATS {
        let answer = match format {
            Format::Json | Format::Get(OutputFormat::Json) => fixture("getsenders.json"),
            _ => fixture("getsenders.xml"),
        };
        let mut server = mockito::Server::new_async().await;
        let (m, _log) = mock(&mut server, format, "getsenders", "Getsenders", &answer).await;
        let senders = client(&server, format).get_senders().await.unwrap();
        m.assert_async().await;
        assert_eq!(senders.senders(), ["TEST", "MaBoutique"], "{format:?}");
        assert_eq!((senders.status(), senders.text()), (0, "OK"), "{format:?}");
        assert!(senders.contains("TEST") && !senders.contains("Other"));
    }
}

#[tokio::test]
async fn getsenders_error_with_the_text_element() {
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(
        &mut server,
        Format::Xml,
        "getsenders",
        "Getsenders",
        &fixture("getsenders_error_text.xml"),
    )
    .await;
    match client(&server, Format::Xml).get_senders().await {
        Err(Error::Api(e)) => {
            assert_eq!(e.code, ErrorCode::AuthenticationFailed);
            assert_eq!(e.message, "Echec de l'Authentification");
            // The accessors every provider's ApiError has.
            assert_eq!(
                (e.code(), e.message(), e.http_status()),
                (
                    ErrorCode::AuthenticationFailed,
                    "Echec de l'Authentification",
                    200
                )
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn sendhlr_everywhere_with_the_documented_spellings() {
    for format in FORMATS {
        let mut server = mockito::Server::new_async().await;
        // XML and JSON: `sendhrl`, as documented; GET: `sendhlr`.
        let (m, log) = mock(
            &mut server,
            format,
            "sendhrl",
            "sendhlr",
            &fixture("sendhlr.xml"),
        )
        .await;
        let hlr = HlrRequest::new()
            .recipients(["22507352518", "22507352518", "22505442710"])
            .msgid("hlr-1");
        let answer = client(&server, format).send_hlr(&hlr).await.unwrap();
        m.assert_async().await;
        let expected = match format {
            Format::Xml => Payload::Xml(format!(
                "<SMS>{XML_COMPTE}<message><msgid>hlr-1</msgid></message><destinataires>\
                 <numero>22507352518</numero><numero>22505442710</numero></destinataires></SMS>"
            )),
            Format::Json => Payload::Json(json!({
                "compte": {"login": "toto@toto.fr", "password": "fake&pass+word"},
                "message": {"msgid": "hlr-1"},
                "destinataires": [{"numero": "22507352518"}, {"numero": "22505442710"}]
            })),
            _ => Payload::Query(pairs(&[
                ("login", "toto@toto.fr"),
                ("password", "fake&pass+word"),
                ("msgid", "hlr-1"),
                ("numero", "22507352518,22505442710"),
            ])),
        };
        assert_eq!(payload(&seen(&log)[0]), expected, "{format:?}");
        assert_eq!(answer.msgfid(), "hlr-55857bdb8d51b7");
        assert_eq!((answer.status(), answer.credits()), (1, 0.2));
        assert_eq!(answer.messages()[0].smsfid(), "hlr-1");
    }
}

#[tokio::test]
async fn sendhlr_falls_back_to_the_other_spelling_only_when_nothing_ran() {
    // 404 on the documented `sendhrl`: `sendhlr` is tried once.
    let mut server = mockito::Server::new_async().await;
    let first = server
        .mock("POST", "/api/xml/sendhrl/")
        .with_status(404)
        .expect(1)
        .create_async()
        .await;
    let second = server
        .mock("POST", "/api/xml/sendhlr/")
        .with_body(fixture("sendhlr.xml"))
        .expect(1)
        .create_async()
        .await;
    let answer = client(&server, Format::Xml)
        .send_hlr(&HlrRequest::new().to("22507352518"))
        .await
        .unwrap();
    first.assert_async().await;
    second.assert_async().await;
    assert_eq!(answer.status(), 1);

    // -14 "Commande inconnue" on GET `sendhlr`: `sendhrl` is tried once.
    let mut server = mockito::Server::new_async().await;
    let first = server
        .mock("GET", "/api/json/sendhlr")
        .match_query(mockito::Matcher::Any)
        .with_body(r#"{"statut":-14,"texte":"Commande inconnue"}"#)
        .expect(1)
        .create_async()
        .await;
    let second = server
        .mock("GET", "/api/json/sendhrl")
        .match_query(mockito::Matcher::Any)
        .with_body(fixture("sendhlr.xml"))
        .expect(1)
        .create_async()
        .await;
    client(&server, Format::Get(OutputFormat::Json))
        .send_hlr(&HlrRequest::new().to("22507352518"))
        .await
        .unwrap();
    first.assert_async().await;
    second.assert_async().await;

    // Any other error is final: no second request.
    let mut server = mockito::Server::new_async().await;
    let only = server
        .mock("POST", "/api/xml/sendhrl/")
        .with_body("<REPONSE><statut>-6</statut><text>Pas assez de crédits</text></REPONSE>")
        .expect(1)
        .create_async()
        .await;
    let other = server
        .mock("POST", "/api/xml/sendhlr/")
        .expect(0)
        .create_async()
        .await;
    match client(&server, Format::Xml)
        .send_hlr(&HlrRequest::new().to("22507352518"))
        .await
    {
        Err(Error::Api(e)) => assert_eq!(e.code, ErrorCode::NotEnoughCredits),
        other => panic!("{other:?}"),
    }
    only.assert_async().await;
    other.assert_async().await;
}

#[tokio::test]
async fn getbalance_and_getsenders_without_a_documented_field_are_unexpected() {
    let full = fixture("getbalance.xml");
    let full = std::str::from_utf8(&full).unwrap();
    for field in ["accountid", "credits", "expire", "cumul"] {
        // Drop <field>…</field> from an otherwise valid answer.
        let start = full.find(&format!("<{field}>")).unwrap();
        let end = full.find(&format!("</{field}>")).unwrap() + field.len() + 3;
        let answer = format!("{}{}", &full[..start], &full[end..]);
        let mut server = mockito::Server::new_async().await;
        let (m, _log) = mock(
            &mut server,
            Format::Xml,
            "getbalance",
            "Getbalance",
            answer.as_bytes(),
        )
        .await;
        match client(&server, Format::Xml).get_balance().await {
            Err(Error::UnexpectedResponse { .. }) => {}
            other => panic!("{field}: {other:?}"),
        }
        m.assert_async().await;
    }
    let mut server = mockito::Server::new_async().await;
    let (m, _log) = mock(
        &mut server,
        Format::Json,
        "getsenders",
        "Getsenders",
        br#"{"statut":0,"texte":"OK","senders":["TEST"]}"#,
    )
    .await;
    match client(&server, Format::Json).get_senders().await {
        Err(Error::UnexpectedResponse { .. }) => {}
        other => panic!("{other:?}"),
    }
    m.assert_async().await;
}
