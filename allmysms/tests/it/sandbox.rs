//! End to end through the local sandbox (`sms-sandbox`).

use allmysms::rest;
use allmysms::{Client, Credentials, DeliveryStatus, SendSms, SmsDataFormat, StatusCode};
use sms_sandbox::Sandbox;

#[tokio::test]
async fn send_then_read_the_acks_in_both_formats() {
    let sb = Sandbox::start().await.unwrap();
    for format in [SmsDataFormat::Xml, SmsDataFormat::Json] {
        let client = Client::builder(Credentials::new("demo", "demo-api-key"))
            .base_url(sb.base_url())
            .sms_data_format(format)
            .build()
            .unwrap();
        let campaign = SendSms::new("Bonjour #param_1# ]]> & <ok>. STOP au 36180")
            .to_with_params("0612345678", ["Marc"])
            .to_with_params("0712345678", ["Julie"])
            .sender("Shop");
        let cost = client.simulate_campaign(&campaign).await.unwrap();
        assert_eq!(cost.nb_credits(), Some(30));
        let sent = client.send_sms(&campaign).await.unwrap();
        assert_eq!(sent.status(), StatusCode::Sent);
        assert_eq!(sent.sms_ids().len(), 2);
        let acks = client.get_acks(sent.campaign_id()).await.unwrap();
        assert!(
            acks.acks()
                .iter()
                .all(|a| a.status() == DeliveryStatus::Delivered),
            "{format:?}"
        );
        let ack = client
            .get_ack_by_sms_id(sent.sms_ids()[0].sms_id())
            .await
            .unwrap();
        assert_eq!(ack.status(), DeliveryStatus::Delivered);
    }
    let texts: Vec<String> = sb.messages().into_iter().map(|m| m.text).collect();
    assert_eq!(
        texts[0], "Bonjour Marc ]]> & <ok>. STOP au 36180",
        "byte-exact through XML"
    );
    assert_eq!(texts[2], texts[0], "and through JSON");
}

#[tokio::test]
async fn rest_bulk_then_the_campaign_report() {
    let sb = Sandbox::start().await.unwrap();
    let client = rest::Client::builder(Credentials::new("demo", "demo-api-key"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let sent = client
        .send_bulk(
            &rest::BulkSms::new("Bonjour #param_1#")
                .to_with_params("0612345678", ["Marc"])
                .to_with_params("0712345678", ["Julie"]),
        )
        .await
        .unwrap();
    assert!(sent.cost().is_some_and(|c| c.amount() > 0.0));
    let reports = client
        .campaign_report(sent.campaign_id().unwrap())
        .await
        .unwrap();
    assert_eq!(reports.len(), 2);
    assert!(reports.iter().all(|r| r.code() == Some(1)));
}

#[tokio::test]
async fn the_xml_message_arrives_untrimmed() {
    let sb = Sandbox::start().await.unwrap();
    let client = Client::builder(Credentials::new("demo", "demo-api-key"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    client
        .send_sms(&SendSms::new("  Bonjour, à bientôt  ").to("0612345678"))
        .await
        .unwrap();
    assert_eq!(sb.messages()[0].text, "  Bonjour, à bientôt  ");
}

/// A reply sent from the sandbox's control API as the recipient: the client reads it.
#[tokio::test]
async fn a_reply_from_the_control_api_is_pulled() {
    let sb = Sandbox::start().await.unwrap();
    let c = Client::builder(Credentials::new("demo", "demo-api-key"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let sent = c
        .send_sms(&SendSms::new("Votre avis ?").to("0612345678"))
        .await
        .unwrap();
    let id = sb.messages()[0].id;
    let r = reqwest::Client::new()
        .post(format!(
            "{}/_sandbox/api/messages/{id}/reply",
            sb.base_url()
        ))
        .json(&serde_json::json!({"text": "Très bien"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let pulls = c.get_pull(sent.campaign_id()).await.unwrap();
    assert_eq!(pulls.len(), 1);
    assert_eq!(
        (pulls[0].phone_number(), pulls[0].message()),
        ("33612345678", "Très bien")
    );
}
