//! `sendsms` and mail merge, in every transport.

use serde_json::json;
use smseco::{Client, Credentials, Error, Format, InvalidRequest, OutputFormat, SendDate, SendSms};

use crate::{FORMATS, Payload, XML_COMPTE, client, fixture, mock, pairs, payload, recorder, seen};

fn full_sms() -> SendSms {
    SendSms::new("TEST", "Bonjour & <bienvenue> ]]> 10€ ! Ça va ?")
        .recipients(["22507352518", "+225 05 05 44 27 10", "22507352518"])
        .msgid("cmd-15")
        .flash(true)
        .unicode(false)
        .binary(false)
        .send_date(SendDate::new(2015, 6, 21, 16, 49).unwrap())
        .mwi("1")
        .pid("0")
        .rpi("1")
        .alt_dcs("0")
        .udhdata("050003CC0201")
}

#[tokio::test]
async fn every_option_in_every_transport() {
    for format in FORMATS {
        let mut server = mockito::Server::new_async().await;
        let (m, log) = mock(
            &mut server,
            format,
            "sendsms",
            "sendsms",
            &fixture("sendsms_success.xml"),
        )
        .await;
        let sent = client(&server, format).send_sms(&full_sms()).await.unwrap();
        m.assert_async().await;
        let msg = "Bonjour & <bienvenue> ]]> 10€ ! Ça va ?";
        let expected = match format {
            Format::Xml => Payload::Xml(format!(
                "<SMS>{XML_COMPTE}<message><msgid>cmd-15</msgid><expediteur>TEST</expediteur>\
                 <msg>Bonjour &amp; &lt;bienvenue&gt; ]]&gt; 10€ ! Ça va ?</msg>\
                 <flash>1</flash><unicode>0</unicode><binaire>0</binaire>\
                 <datesend>2015-06-21 16:49</datesend><mwi>1</mwi><pid>0</pid><rpi>1</rpi>\
                 <alt_dcs>0</alt_dcs><udhdata>050003CC0201</udhdata></message>\
                 <destinataires><numero>22507352518</numero><numero>2250505442710</numero>\
                 </destinataires></SMS>"
            )),
            Format::Json => Payload::Json(json!({
                "compte": {"login": "toto@toto.fr", "password": "fake&pass+word"},
                "message": {
                    "msgid": "cmd-15", "expediteur": "TEST", "msg": msg,
                    "flash": 1, "unicode": 0, "binaire": 0, "datesend": "2015-06-21 16:49",
                    "mwi": "1", "pid": "0", "rpi": "1", "alt_dcs": "0", "udhdata": "050003CC0201"
                },
                "destinataires": [{"numero": "22507352518"}, {"numero": "2250505442710"}]
            })),
            _ => Payload::Query(pairs(&[
                ("login", "toto@toto.fr"),
                ("password", "fake&pass+word"),
                ("msgid", "cmd-15"),
                ("expediteur", "TEST"),
                ("msg", msg),
                ("flash", "1"),
                ("unicode", "0"),
                ("binaire", "0"),
                ("datesend", "2015-06-21 16:49"),
                ("mwi", "1"),
                ("pid", "0"),
                ("rpi", "1"),
                ("alt_dcs", "0"),
                ("udhdata", "050003CC0201"),
                ("numero", "22507352518,2250505442710"),
            ])),
        };
        let req = &seen(&log)[0];
        assert_eq!(payload(req), expected, "{format:?}");
        if matches!(format, Format::Get(_)) {
            // The space of `datesend` is encoded (the doc's URL shows it raw).
            assert!(
                req.query().contains("datesend=2015-06-21+16%3A49"),
                "{}",
                req.query()
            );
        }
        assert_eq!(sent.msgfid(), "55857bdb8d51b7-38880789");
        assert_eq!(
            (sent.status(), sent.recipient_count(), sent.sms()),
            (2, 2, 2)
        );
        assert_eq!((sent.credits(), sent.balance()), (2.0, 98.0));
        assert_eq!(sent.text(), "Envoi effectué");
        let ids: Vec<&str> = sent.messages().iter().map(|m| m.smsfid()).collect();
        assert_eq!(ids, ["55857bf80517a0-38726421", "55857bf80517a0-38726422"]);
        assert_eq!(sent.messages()[1].destination(), "22505442710");
        assert_eq!(sent.messages()[1].credits(), 1.0);
    }
}

#[tokio::test]
async fn json_answer_with_msgid_key_and_numbers_as_strings() {
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(
        &mut server,
        Format::Json,
        "sendsms",
        "sendsms",
        &fixture("sendsms_success.json"),
    )
    .await;
    let sent = client(&server, Format::Json)
        .send_sms(&SendSms::new("TEST", "Hi").to("22507352518"))
        .await
        .unwrap();
    assert_eq!(sent.msgfid(), "55857bdb8d51b7-38880789");
    assert_eq!((sent.status(), sent.recipient_count()), (1, 1));
    assert_eq!((sent.credits(), sent.balance()), (1.5, 98.5));
    assert_eq!(sent.messages()[0].credits(), 1.5);
}

#[tokio::test]
async fn minimal_send_omits_every_unset_option() {
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        Format::Json,
        "sendsms",
        "sendsms",
        &fixture("sendsms_success.xml"),
    )
    .await;
    client(&server, Format::Json)
        .send_sms(&SendSms::new("TOT O", " Juste un test").to("07352518"))
        .await
        .unwrap();
    assert_eq!(
        payload(&seen(&log)[0]),
        Payload::Json(json!({
            "compte": {"login": "toto@toto.fr", "password": "fake&pass+word"},
            "message": {"expediteur": "TOT O", "msg": " Juste un test"},
            "destinataires": [{"numero": "07352518"}]
        }))
    );
}

#[tokio::test]
async fn mail_merge_in_xml_and_json() {
    let merge = || {
        SendSms::new("TEST", "Bonjour {nom}, votre solde est {solde}")
            .to_with_data("22507352518", [("nom", "Philo"), ("solde", "1 200 F")])
            .to_with_data("22505442710", [("nom", "Ange & Co"), ("solde", "300 F")])
    };
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        Format::Xml,
        "sendsms",
        "sendsms",
        &fixture("sendsms_success.xml"),
    )
    .await;
    client(&server, Format::Xml)
        .send_sms(&merge())
        .await
        .unwrap();
    assert_eq!(
        payload(&seen(&log)[0]),
        Payload::Xml(format!(
            "<SMS>{XML_COMPTE}<message><expediteur>TEST</expediteur>\
             <msg>Bonjour {{nom}}, votre solde est {{solde}}</msg></message><destinataires>\
             <sms><numero>22507352518</numero><datas><nom>Philo</nom><solde>1 200 F</solde></datas></sms>\
             <sms><numero>22505442710</numero><datas><nom>Ange &amp; Co</nom><solde>300 F</solde></datas></sms>\
             </destinataires></SMS>"
        ))
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        Format::Json,
        "sendsms",
        "sendsms",
        &fixture("sendsms_success.xml"),
    )
    .await;
    client(&server, Format::Json)
        .send_sms(&merge())
        .await
        .unwrap();
    let Payload::Json(v) = payload(&seen(&log)[0]) else {
        panic!()
    };
    assert_eq!(
        v["destinataires"],
        json!([
            {"numero": "22507352518", "datas": {"nom": "Philo", "solde": "1 200 F"}},
            {"numero": "22505442710", "datas": {"nom": "Ange & Co", "solde": "300 F"}}
        ])
    );
}

#[tokio::test]
async fn json_as_documented_and_legacy_xml_path() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let _m = server
        .mock("POST", "/api/json/sendsms/")
        .match_request(matcher)
        .with_body(fixture("sendsms_success.json"))
        .create_async()
        .await;
    let c = Client::builder(Credentials::new("l", "p"))
        .base_url(server.url())
        .format(Format::Json)
        .json_as_documented(true)
        .build()
        .unwrap();
    c.send_sms(&SendSms::new("TEST", "a+b&c").to("22507352518"))
        .await
        .unwrap();
    let req = &seen(&log)[0];
    assert_eq!(req.header("content-type"), Some("application/json"));
    let body = String::from_utf8(req.body.clone()).unwrap();
    let raw = body.strip_prefix("JSON=").unwrap();
    let v: serde_json::Value = serde_json::from_str(raw).unwrap();
    assert_eq!(v["message"]["msg"], "a+b&c");

    let mut server = mockito::Server::new_async().await;
    let legacy = server
        .mock("POST", "/XML/XMLdatas.php")
        .with_body(fixture("sendsms_success.xml"))
        .expect(1)
        .create_async()
        .await;
    let c = Client::builder(Credentials::new("l", "p"))
        .base_url(server.url())
        .legacy_xml_send_path(true)
        .build()
        .unwrap();
    c.send_sms(&SendSms::new("TEST", "Hi").to("22507352518"))
        .await
        .unwrap();
    legacy.assert_async().await;
}

#[tokio::test]
async fn reseller_base_url_with_a_path_prefix() {
    let mut server = mockito::Server::new_async().await;
    let m = server
        .mock("POST", "/client/abc/fr/api/json/sendsms/")
        .with_body(fixture("sendsms_success.json"))
        .expect(1)
        .create_async()
        .await;
    let c = Client::builder(Credentials::new("l", "p"))
        .base_url(format!("{}/client/abc/fr/", server.url()))
        .format(Format::Json)
        .build()
        .unwrap();
    c.send_sms(&SendSms::new("TEST", "Hi").to("22507352518"))
        .await
        .unwrap();
    m.assert_async().await;
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let mut server = mockito::Server::new_async().await;
    let mut mocks = Vec::new();
    for (method, path) in [("POST", "/api/xml/sendsms/"), ("GET", "/api/xml/sendsms")] {
        mocks.push(
            server
                .mock(method, path)
                .match_query(mockito::Matcher::Any)
                .expect(0)
                .create_async()
                .await,
        );
    }
    let xml = client(&server, Format::Xml);
    let get = client(&server, Format::Get(OutputFormat::Xml));
    let cases: Vec<(SendSms, InvalidRequest)> = vec![
        (
            SendSms::new("TEST", " \n ").to("22507352518"),
            InvalidRequest::EmptyMessage,
        ),
        (SendSms::new("TEST", "Hi"), InvalidRequest::NoRecipient),
        (
            SendSms::new("TEST", "Hi")
                .to("22507352518")
                .to("07 35 25 1x"),
            InvalidRequest::InvalidPhone { index: 1 },
        ),
        (
            SendSms::new("TEST", "Hi").to("+999 12345678"),
            InvalidRequest::InvalidPhone { index: 0 },
        ),
        (
            SendSms::new("TEST", "Hi")
                .to("22507352518")
                .msgid("x".repeat(31)),
            InvalidRequest::InvalidMsgId { len: 31 },
        ),
        (
            SendSms::new("TEST", "Bonjour {nom}").to_with_data("22507352518", [("prenom", "A")]),
            InvalidRequest::MergeField {
                index: 0,
                field: "nom".into(),
            },
        ),
    ];
    for (sms, expected) in cases {
        match xml.send_sms(&sms).await {
            Err(Error::InvalidRequest(e)) => assert_eq!(e, expected),
            other => panic!("{sms:?}: {other:?}"),
        }
    }
    assert!(matches!(
        xml.send_sms(&SendSms::new("", "Hi").to("22507352518"))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::InvalidSender(_)))
    ));
    // A malformed date cannot even be built.
    assert!("2026-02-30 10:00".parse::<SendDate>().is_err());
    assert!("24/12/2026 18:30".parse::<SendDate>().is_err());
    // Mail merge is not documented over GET; huge GET URLs are refused.
    assert!(matches!(
        get.send_sms(&SendSms::new("TEST", "{nom}").to_with_data("22507352518", [("nom", "A")]))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::MergeOverGet))
    ));
    let many: Vec<String> = (0..300).map(|i| format!("2250707{i:06}")).collect();
    assert!(matches!(
        get.send_sms(&SendSms::new("TEST", "Hi").recipients(many))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::UrlTooLong { .. }))
    ));
    let no_password = Client::builder(Credentials::new("l", ""))
        .base_url(server.url())
        .build()
        .unwrap();
    assert!(matches!(
        no_password
            .send_sms(&SendSms::new("TEST", "Hi").to("22507352518"))
            .await,
        Err(Error::InvalidRequest(InvalidRequest::MissingCredential(
            "password"
        )))
    ));
    for m in mocks {
        m.assert_async().await;
    }
}
