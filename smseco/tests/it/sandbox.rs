//! End to end through the local sandbox (`sms-sandbox`), in every transport.

use sms_sandbox::Sandbox;
use smseco::{
    Client, Credentials, DlrQuery, DlrStatus, Error, ErrorCode, Format, HlrRequest, OutputFormat,
    SendSms,
};

use crate::FORMATS;

fn client(sb: &Sandbox, format: Format) -> Client {
    Client::builder(Credentials::new("demo@smseco.com", "demo"))
        .base_url(sb.base_url())
        .format(format)
        .build()
        .unwrap()
}

#[tokio::test]
async fn send_then_read_the_reports_once_in_every_transport() {
    let sb = Sandbox::start().await.unwrap();
    for format in FORMATS {
        let c = client(&sb, format);
        let sent = c
            .send_sms(
                &SendSms::new("DEMO", "Bonjour !")
                    .recipients(["22507352518", "2250707352518"])
                    .msgid("m-1"),
            )
            .await
            .unwrap();
        assert_eq!(sent.status(), 2, "{format:?}");
        let report = c
            .get_dlrs(&DlrQuery::msgfid(sent.msgfid()).unwrap())
            .await
            .unwrap();
        let statuses: Vec<DlrStatus> = report.dlrs().map(|d| d.status()).collect();
        assert_eq!(
            statuses,
            [DlrStatus::Delivered, DlrStatus::Delivered],
            "{format:?}"
        );
        // Returned once.
        let again = c
            .get_dlrs(&DlrQuery::msgfid(sent.msgfid()).unwrap())
            .await
            .unwrap();
        assert_eq!(again.dlrs().count(), 0);
        assert_eq!(again.status(), -15);
    }
    let c = client(&sb, Format::Xml);
    assert_eq!(c.get_balance().await.unwrap().credits(), 1000.0 - 8.0);
    assert!(c.get_senders().await.unwrap().contains("DEMO"));
}

#[tokio::test]
async fn mail_merge_hlr_and_errors() {
    let sb = Sandbox::start().await.unwrap();
    let c = client(&sb, Format::Json);
    c.send_sms(
        &SendSms::new("TEST", "Bonjour {nom}")
            .to_with_data("22507352518", [("nom", "Philo")])
            .to_with_data("22505442710", [("nom", "Ange")]),
    )
    .await
    .unwrap();
    let texts: Vec<String> = sb.messages().into_iter().map(|m| m.text).collect();
    assert_eq!(texts, ["Bonjour Philo", "Bonjour Ange"]);

    for format in [Format::Xml, Format::Get(OutputFormat::Json)] {
        let hlr = client(&sb, format)
            .send_hlr(&HlrRequest::new().to("22507352518"))
            .await
            .unwrap();
        let report = client(&sb, format)
            .get_dlrs(&DlrQuery::msgfid(hlr.msgfid()).unwrap())
            .await
            .unwrap();
        assert_eq!(report.dlrs().next().unwrap().text(), "Numéro actif");
    }

    match c
        .send_sms(&SendSms::new("NOTREG", "x").to("22507352518"))
        .await
    {
        Err(Error::Api(e)) => assert_eq!(e.code, ErrorCode::SenderNotRegistered),
        other => panic!("{other:?}"),
    }
    match c
        .send_sms(&SendSms::new("DEMO", "x").to("22599999906"))
        .await
    {
        Err(Error::Api(e)) => assert_eq!(e.code, ErrorCode::NotEnoughCredits),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_text_arrives_untrimmed_and_every_dlr_code_reads_back() {
    let sb = Sandbox::start().await.unwrap();
    for format in [Format::Xml, Format::Json] {
        let c = client(&sb, format);
        // Trailing spaces are part of the text: the stricter sandbox keeps them.
        c.send_sms(&SendSms::new("DEMO", "  Bonjour  ").to("22507352518"))
            .await
            .unwrap();
        let last = sb.messages().pop().unwrap();
        assert_eq!(last.text, "  Bonjour  ", "{format:?}");
    }
    // `225888888NN` answers the DLR code NN: the whole documented table.
    let c = client(&sb, Format::Xml);
    for code in [49, 50, 54, 55, 56, 59, 60, 61, 62, 65] {
        let sent = c
            .send_sms(&SendSms::new("DEMO", "Bonjour").to(format!("225888888{code}")))
            .await
            .unwrap();
        let report = c
            .get_dlrs(&DlrQuery::msgfid(sent.msgfid()).unwrap())
            .await
            .unwrap();
        let statuses: Vec<DlrStatus> = report.dlrs().map(|d| d.status()).collect();
        assert_eq!(statuses, [DlrStatus::from_code(code)], "{code}");
        assert!(!matches!(statuses[0], DlrStatus::Unknown(_)), "{code}");
    }
}

/// A message marked failed from the sandbox's control API: the client reads that report.
#[tokio::test]
async fn a_message_marked_failed_reads_as_not_delivered() {
    let sb = Sandbox::builder()
        .dlr_delay(std::time::Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let c = client(&sb, Format::Xml);
    let sent = c
        .send_sms(&SendSms::new("DEMO", "Bonjour !").to("22507352518"))
        .await
        .unwrap();
    let id = sb.messages()[0].id;
    let r = reqwest::Client::new()
        .post(format!(
            "{}/_sandbox/api/messages/{id}/status",
            sb.base_url()
        ))
        .json(&serde_json::json!({"status": "failed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let report = c
        .get_dlrs(&DlrQuery::msgfid(sent.msgfid()).unwrap())
        .await
        .unwrap();
    let statuses: Vec<DlrStatus> = report.dlrs().map(|d| d.status()).collect();
    assert_eq!(statuses, [DlrStatus::NotDelivered]);
}
