//! `sendSms` (XML and JSON `smsData`), `simulateCampaign` and the simplified send.

use allmysms::{
    Client, Credentials, DateTime, Error, InvalidRequest, SendSms, SimpleSms, SmsDataFormat,
    StatusCode,
};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::json;

use crate::{builder, fixture, mock, pairs, params, seen};

const TRICKY: &str = "Promo ]]> <b>&amp;</b> \"l'été\"\nLigne 2 😀 ]]]]> fin";

fn campaign() -> SendSms {
    SendSms::new("Bonjour #param_1#, votre code est #param_2#. STOP au 36180")
        .to_with_params("06 12 34 56 78", ["Marc", "12&34"])
        .to_with_params("+33 7 00 00 00 01", ["Julie", "<9876>"])
        .to_with_params("0033612345678", ["dup", "dup"])
        .sender("MaBoutique")
        .date("2011-11-05 15:10:00".parse().unwrap())
        .campaign_name("codes")
        .flash(false)
        .mail_notif(true)
        .cli_msg_id("cli-1")
        .tracking(true)
        .master_account("master")
}

/// The text of an XML element, CDATA sections joined.
fn xml_text(xml: &str, element: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.local_name().as_ref() == element => inside = true,
            Event::End(e) if e.local_name().as_ref() == element => return out,
            Event::CData(c) if inside => out.push_str(&c.xml10_content()),
            Event::Text(t) if inside => out.push_str(&t.xml10_content()),
            Event::Eof => panic!("no {element}"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn send_sms_with_xml_sms_data() {
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(&mut server, "sendSms", &fixture("send_sms_doc.json")).await;
    let sent = builder(&server)
        .build()
        .unwrap()
        .send_sms(&campaign())
        .await
        .unwrap();
    m.assert_async().await;
    let p = params(&seen(&log)[0]);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, "smsData");
    assert_eq!(
        p[0].1,
        "<DATA><MESSAGE><![CDATA[Bonjour #param_1#, votre code est #param_2#. STOP au 36180]]></MESSAGE>\
         <DYNAMIC>2</DYNAMIC><CAMPAIGN_NAME>codes</CAMPAIGN_NAME><DATE>2011-11-05 15:10:00</DATE>\
         <TPOA>MaBoutique</TPOA><FLASH>0</FLASH><MAIL_NOTIF>1</MAIL_NOTIF><CLIMSGID>cli-1</CLIMSGID>\
         <TRACKING>1</TRACKING><MASTERACCOUNT>master</MASTERACCOUNT>\
         <SMS><MOBILEPHONE>33612345678</MOBILEPHONE><PARAM_1>Marc</PARAM_1><PARAM_2>12&amp;34</PARAM_2></SMS>\
         <SMS><MOBILEPHONE>33700000001</MOBILEPHONE><PARAM_1>Julie</PARAM_1><PARAM_2>&lt;9876&gt;</PARAM_2></SMS></DATA>"
    );
    assert_eq!(sent.status(), StatusCode::Sent);
    assert_eq!(sent.status_text(), "Your messages have been sent");
    assert!(sent.invalid_numbers().is_empty());
    assert_eq!(sent.campaign_id(), "xxxxxxxxxxx");
    assert_eq!(
        (
            sent.credits(),
            sent.credits_used(),
            sent.nb_contacts(),
            sent.nb_sms()
        ),
        (Some(340), Some(15), Some(1), Some(1))
    );
    assert_eq!(
        sent.sms_ids()[0].sms_id(),
        "330792bd-8e0b-11e5-bf51-0025907cd72e"
    );
    assert_eq!(sent.sms_ids()[0].phone_number(), "336XXXXXXXX");
}

#[tokio::test]
async fn send_sms_with_json_sms_data() {
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(&mut server, "sendSms", &fixture("send_sms_doc.json")).await;
    builder(&server)
        .sms_data_format(SmsDataFormat::Json)
        .build()
        .unwrap()
        .send_sms(&campaign())
        .await
        .unwrap();
    m.assert_async().await;
    let p = params(&seen(&log)[0]);
    assert_eq!(p[0].0, "smsData");
    let data: serde_json::Value = serde_json::from_str(&p[0].1).unwrap();
    assert_eq!(
        data,
        json!({"DATA": {
            "MESSAGE": "Bonjour #param_1#, votre code est #param_2#. STOP au 36180",
            "DYNAMIC": "2", "CAMPAIGN_NAME": "codes", "DATE": "2011-11-05 15:10:00",
            "TPOA": "MaBoutique", "FLASH": "0", "MAIL_NOTIF": "1", "CLIMSGID": "cli-1",
            "TRACKING": "1", "MASTERACCOUNT": "master",
            "SMS": [
                {"MOBILEPHONE": "33612345678", "PARAM_1": "Marc", "PARAM_2": "12&34"},
                {"MOBILEPHONE": "33700000001", "PARAM_1": "Julie", "PARAM_2": "<9876>"}
            ]
        }})
    );
}

#[tokio::test]
async fn tricky_text_arrives_byte_exact_in_both_formats() {
    for format in [SmsDataFormat::Xml, SmsDataFormat::Json] {
        let mut server = mockito::Server::new_async().await;
        let (_m, log) = mock(&mut server, "sendSms", &fixture("send_sms_doc.json")).await;
        builder(&server)
            .sms_data_format(format)
            .build()
            .unwrap()
            .send_sms(&SendSms::new(TRICKY).to("0612345678"))
            .await
            .unwrap();
        let data = params(&seen(&log)[0]).remove(0).1;
        let message = match format {
            SmsDataFormat::Xml => {
                assert!(data.contains("]]]]><![CDATA[>"), "{data}");
                xml_text(&data, "MESSAGE")
            }
            _ => serde_json::from_str::<serde_json::Value>(&data).unwrap()["DATA"]["MESSAGE"]
                .as_str()
                .unwrap()
                .to_owned(),
        };
        assert_eq!(message, TRICKY, "{format:?}");
        // A fixed message sends no DYNAMIC.
        assert!(!data.contains("DYNAMIC"));
    }
}

#[tokio::test]
async fn every_error_status_is_typed() {
    for code in [
        102_u16, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118,
    ] {
        let mut server = mockito::Server::new_async().await;
        let body = format!(r#"{{"status": "{code}", "statusText": "texte {code}"}}"#);
        let (_m, _log) = mock(&mut server, "sendSms", body.as_bytes()).await;
        match builder(&server)
            .build()
            .unwrap()
            .send_sms(&SendSms::new("Hi").to("0612345678"))
            .await
        {
            // 113: some numbers may have gone out: a typed partial outcome.
            Err(Error::PartiallySent(p)) if code == 113 => {
                assert_eq!(p.status_text, "texte 113");
                assert!(!Error::PartiallySent(p).is_known_not_sent());
            }
            Err(e @ Error::Api(_)) => {
                // 116 is not in the table: its outcome is unknown.
                assert_eq!(e.is_known_not_sent(), code != 116, "{code}");
                let Error::Api(api) = e else { unreachable!() };
                assert_eq!(api.code.code(), code);
                assert!(!api.code.is_success());
                assert_eq!(api.message, format!("texte {code}"));
                assert_eq!(api.raw["status"], code.to_string());
                // The accessors every provider's ApiError has.
                assert_eq!(api.code().code(), code);
                assert_eq!(api.message(), format!("texte {code}"));
                assert_eq!(api.http_status(), 200);
            }
            other => panic!("{code}: {other:?}"),
        }
    }
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(&mut server, "sendSms", &fixture("error_102_synthetic.json")).await;
    match builder(&server)
        .build()
        .unwrap()
        .send_sms(&SendSms::new("Hi").to("0612345678"))
        .await
    {
        Err(Error::Api(api)) => assert_eq!(api.code, StatusCode::AuthenticationFailed),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn status_113_keeps_the_ids_and_the_refused_numbers() {
    let mut server = mockito::Server::new_async().await;
    let body = br#"{"status":113,"statusText":"Certains numeros sont invalides","invalidNumbers":"33600000001|33600000002","campaignId":"c113","smsIds":[{"phoneNumber":"33612345678","smsId":"id-1"}]}"#;
    let (_m, _log) = mock(&mut server, "sendSms", body).await;
    let e = builder(&server)
        .build()
        .unwrap()
        .send_sms(&SendSms::new("Hi").to("0612345678"))
        .await
        .unwrap_err();
    assert!(!e.is_known_not_sent());
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains("33612345678") && !shown.contains("33600000001"),
        "{shown}"
    );
    let Error::PartiallySent(p) = e else {
        panic!("{e:?}")
    };
    assert_eq!(p.campaign_id.as_deref(), Some("c113"));
    assert_eq!(p.invalid_numbers, ["33600000001", "33600000002"]);
    assert_eq!(
        (p.sms_ids[0].phone_number(), p.sms_ids[0].sms_id()),
        ("33612345678", "id-1")
    );
}

#[tokio::test]
async fn a_success_without_its_ids_is_not_understood() {
    for body in [
        &br#"{"status":100,"statusText":"ok","smsIds":[]}"#[..],
        br#"{"status":100,"campaignId":"","smsIds":[]}"#,
        br#"{"status":100,"campaignId":"c"}"#,
        br#"{"status":100,"campaignId":"c","smsIds":[{"phoneNumber":"33612345678"}]}"#,
    ] {
        let mut server = mockito::Server::new_async().await;
        let (_m, _log) = mock(&mut server, "sendSms", body).await;
        let e = builder(&server)
            .build()
            .unwrap()
            .send_sms(&SendSms::new("Hi").to("0612345678"))
            .await
            .unwrap_err();
        assert!(matches!(e, Error::UnexpectedResponse { .. }), "{e:?}");
        assert!(!e.is_known_not_sent());
    }
}

#[tokio::test]
async fn scheduled_is_a_success() {
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(
        &mut server,
        "sendSms",
        br#"{"status":"101","statusText":"scheduled","campaignId":"c","smsIds":[]}"#,
    )
    .await;
    let sent = builder(&server)
        .build()
        .unwrap()
        .send_sms(&SendSms::new("Hi").to("0612345678"))
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::Scheduled);
}

#[tokio::test]
async fn simulate_campaign() {
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(
        &mut server,
        "simulateCampaign",
        &fixture("simulate_doc.json"),
    )
    .await;
    let sim = builder(&server)
        .build()
        .unwrap()
        .simulate_campaign(&SendSms::new("Hi").recipients(["0612345678", "0712345678"]))
        .await
        .unwrap();
    m.assert_async().await;
    let p = params(&seen(&log)[0]);
    assert_eq!(
        p,
        pairs(&[(
            "smsData",
            "<DATA><MESSAGE><![CDATA[Hi]]></MESSAGE><SMS><MOBILEPHONE>33612345678</MOBILEPHONE></SMS>\
             <SMS><MOBILEPHONE>33712345678</MOBILEPHONE></SMS></DATA>"
        )])
    );
    assert_eq!(
        (sim.nb_credits(), sim.nb_contacts(), sim.nb_sms()),
        (Some(45), Some(2), Some(3))
    );
    assert_eq!(sim.status(), StatusCode::Sent);
}

#[tokio::test]
async fn texts_xml_cannot_carry_go_as_json() {
    for text in ["Ligne 1\r\nLigne 2", "Bip\u{7}", "a\u{1b}[0m"] {
        let mut server = mockito::Server::new_async().await;
        let (_m, log) = mock(&mut server, "sendSms", &fixture("send_sms_doc.json")).await;
        builder(&server)
            .build()
            .unwrap()
            .send_sms(&SendSms::new(text).to("0612345678"))
            .await
            .unwrap();
        let p = params(&seen(&log)[0]);
        assert_eq!(p[0].0, "smsData");
        let data: serde_json::Value = serde_json::from_str(&p[0].1)
            .unwrap_or_else(|e| panic!("{text:?} was not sent as JSON ({e}): {}", p[0].1));
        assert_eq!(data["DATA"]["MESSAGE"], text, "the text arrives unchanged");
    }
    // A plain text still goes as the documented XML.
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(&mut server, "sendSms", &fixture("send_sms_doc.json")).await;
    builder(&server)
        .build()
        .unwrap()
        .send_sms(&SendSms::new("Ligne 1\nLigne 2\tfin").to("0612345678"))
        .await
        .unwrap();
    assert!(params(&seen(&log)[0])[0].1.starts_with("<DATA>"));
}

#[tokio::test]
async fn simplified_send() {
    let mut server = mockito::Server::new_async().await;
    let body = br#"{"status":100,"statusText":"ok","invalidNumbers":"33600000000|33611111111","campaignId":"c9","credits":"325"}"#;
    let (m, log) = mock(&mut server, "", body).await;
    let sent = builder(&server)
        .build()
        .unwrap()
        .send_simple(
            &SimpleSms::new("Votre code : 1234")
                .recipients(["0612345678", "+40 740 123 456"])
                .sender("MaBoutique")
                .date(DateTime::new(2026, 12, 24, 18, 30, 0).unwrap())
                .flash(true)
                .campaign("otp")
                .lowcost(true),
        )
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[
            ("message", "Votre code : 1234"),
            ("mobile", "33612345678;40740123456"),
            ("tpoa", "MaBoutique"),
            ("date", "2026-12-24 18:30:00"),
            ("flash", "1"),
            ("campaign", "otp"),
            ("lowcost", "true"),
        ])
    );
    assert_eq!(sent.invalid_numbers(), ["33600000000", "33611111111"]);
    assert_eq!((sent.campaign_id(), sent.credits()), ("c9", Some(325)));
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let mut server = mockito::Server::new_async().await;
    let m = server
        .mock("POST", mockito::Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let c = builder(&server).build().unwrap();
    type Check = fn(&InvalidRequest) -> bool;
    let cases: Vec<(SendSms, Check)> = vec![
        (SendSms::new("  ").to("0612345678"), |e| {
            *e == InvalidRequest::EmptyMessage
        }),
        (SendSms::new("é".repeat(641)).to("0612345678"), |e| {
            *e == InvalidRequest::MessageTooLong {
                chars: 641,
                max: 640,
            }
        }),
        (SendSms::new("Hi"), |e| *e == InvalidRequest::NoRecipient),
        (SendSms::new("Hi").to("06 12 AB"), |e| {
            matches!(e, InvalidRequest::InvalidPhone { index: 0, .. })
        }),
        (
            SendSms::new("Hi")
                .to("0612345678")
                .sender("MaBoutiqueParis"),
            |e| *e == InvalidRequest::InvalidSender,
        ),
        (SendSms::new("Hi #param_1#").to("0612345678"), |e| {
            matches!(e, InvalidRequest::DynamicMismatch(_))
        }),
        (
            SendSms::new("Hi #param_3#").to_with_params("0612345678", ["a", "b"]),
            |e| matches!(e, InvalidRequest::DynamicMismatch(_)),
        ),
    ];
    for (sms, ok) in cases {
        match c.send_sms(&sms).await {
            Err(Error::InvalidRequest(e)) => assert!(ok(&e), "{sms:?}: {e:?}"),
            other => panic!("{sms:?}: {other:?}"),
        }
    }
    assert!(
        "2011-11-05 25:10:00".parse::<DateTime>().is_err(),
        "a bad date cannot be built"
    );
    assert!(matches!(
        c.send_simple(&SimpleSms::new("Hi")).await,
        Err(Error::InvalidRequest(InvalidRequest::NoRecipient))
    ));
    let no_key = Client::builder(Credentials::new("login", ""))
        .base_url(server.url())
        .build()
        .unwrap();
    assert!(matches!(
        no_key.send_sms(&SendSms::new("Hi").to("0612345678")).await,
        Err(Error::InvalidRequest(InvalidRequest::MissingCredential(
            "apiKey"
        )))
    ));
    m.assert_async().await;
}

/// A zoned time is sent as Paris time, daylight saving included: 01:30 UTC on the
/// night clocks go forward (2026-03-29) is 03:30 in Paris, and the day before 02:30.
#[cfg(feature = "jiff")]
#[tokio::test]
async fn a_zoned_date_is_sent_in_paris_time() {
    use jiff::{Timestamp, tz::TimeZone};
    for (utc, paris) in [
        ("2026-03-29T01:30:00Z", "2026-03-29 03:30:00"),
        ("2026-03-28T01:30:00Z", "2026-03-28 02:30:00"),
    ] {
        let when = utc
            .parse::<Timestamp>()
            .unwrap()
            .to_zoned_datetime(TimeZone::UTC);
        let mut server = mockito::Server::new_async().await;
        let (_m, log) = mock(&mut server, "sendSms", &fixture("send_sms_doc.json")).await;
        builder(&server)
            .sms_data_format(allmysms::SmsDataFormat::Json)
            .build()
            .unwrap()
            .send_sms(
                &SendSms::new("Hi")
                    .to("0612345678")
                    .date_zoned(&when)
                    .unwrap(),
            )
            .await
            .unwrap();
        let p = params(&seen(&log)[0]);
        let data: serde_json::Value = serde_json::from_str(&p[0].1).unwrap();
        assert_eq!(data["DATA"]["DATE"], paris, "{utc}");
    }
}
