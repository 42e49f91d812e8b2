//! Reports, replies, account methods, malformed answers, transport failures, webhooks.

use std::time::Duration;

use allmysms::webhook::{DeliveryReportEvent, ReplyEvent, decode_params};
use allmysms::{Client, Credentials, DeliveryStatus, Error, InvalidRequest};

use crate::{builder, closed_port_url, fixture, mock, pairs, params, seen};

#[tokio::test]
async fn get_acks_and_get_ack_by_sms_id() {
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(&mut server, "getAcks", &fixture("acks_doc.json")).await;
    let acks = builder(&server)
        .build()
        .unwrap()
        .get_acks("camp-1")
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(params(&seen(&log)[0]), pairs(&[("campId", "camp-1")]));
    assert_eq!(acks.cli_msg_id(), Some("xxxx"));
    let ack = &acks.acks()[0];
    assert_eq!(
        ack.status(),
        DeliveryStatus::Delivered,
        "read from `statut`"
    );
    assert_eq!(
        (ack.comment(), ack.phone_number()),
        ("Delivered", "336xxxxxxxx")
    );
    assert_eq!(ack.reception_date().as_str(), "2014-02-19 11:40:35");
    assert_eq!(
        ack.reception_date().datetime().unwrap().to_string(),
        "2014-02-19 11:40:35"
    );

    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(
        &mut server,
        "getAckBySmsId",
        &fixture("ack_by_sms_id_doc.json"),
    )
    .await;
    let ack = builder(&server)
        .build()
        .unwrap()
        .get_ack_by_sms_id("330792bd")
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(params(&seen(&log)[0]), pairs(&[("smsId", "330792bd")]));
    assert_eq!(ack.status(), DeliveryStatus::Delivered);
}

#[tokio::test]
async fn delivery_statuses_from_status_as_number() {
    let mut server = mockito::Server::new_async().await;
    let body = br#"{"acks":[{"phoneNumber":"33612345678","status":5,"comment":"rejected","receptionDate":"bad date"}]}"#;
    let (_m, _log) = mock(&mut server, "getAcks", body).await;
    let acks = builder(&server)
        .build()
        .unwrap()
        .get_acks("c")
        .await
        .unwrap();
    assert_eq!(acks.acks()[0].status(), DeliveryStatus::SmsRejected);
    assert_eq!(acks.acks()[0].reception_date().datetime(), None);
    assert_eq!(acks.cli_msg_id(), None);
}

#[tokio::test]
async fn replies() {
    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(&mut server, "getPulls", &fixture("pulls_doc.json")).await;
    let pulls = builder(&server)
        .build()
        .unwrap()
        .get_pulls(Some(50))
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(params(&seen(&log)[0]), pairs(&[("limit", "50")]));
    assert_eq!(pulls[0].message(), "Réponse 1");
    assert_eq!(
        (pulls[0].id(), pulls[0].campaign_id()),
        (Some("32154"), "ap_28423xxxxx")
    );

    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(&mut server, "getPull", &fixture("pulls_doc.json")).await;
    let pulls = builder(&server)
        .build()
        .unwrap()
        .get_pull("ap_28423xxxxx")
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[("campId", "ap_28423xxxxx")])
    );
    assert_eq!(pulls.len(), 1);

    let mut server = mockito::Server::new_async().await;
    let (m, log) = mock(
        &mut server,
        "getPullBySmsId",
        &fixture("pull_by_sms_id_doc.json"),
    )
    .await;
    let pull = builder(&server)
        .build()
        .unwrap()
        .get_pull_by_sms_id("s1")
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(params(&seen(&log)[0]), pairs(&[("smsId", "s1")]));
    assert_eq!((pull.id(), pull.message()), (None, "Réponse 1"));
}

#[tokio::test]
async fn sub_account_is_added_to_read_methods() {
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(&mut server, "getPulls", &fixture("pulls_doc.json")).await;
    builder(&server)
        .build()
        .unwrap()
        .with_sub_account("shop-paris")
        .get_pulls(None)
        .await
        .unwrap();
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[("subAccount", "shop-paris")])
    );
}

#[tokio::test]
async fn account_methods() {
    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(&mut server, "getInfo", &fixture("info_doc_fixed.json")).await;
    let info = builder(&server).build().unwrap().get_info().await.unwrap();
    assert!(params(&seen(&log)[0]).is_empty());
    assert_eq!(
        (info.status(), info.credits()),
        ("Active Account", Some(1847))
    );
    assert_eq!((info.first_name(), info.last_name()), ("Marc", "Dupont"));
    assert_eq!(
        (info.society(), info.email()),
        ("allmysms.com", "support@allmysms.com")
    );
    assert_eq!(info.api_key().unwrap().expose(), "0123456789abcdef");
    assert!(
        !format!("{info:?}").contains("0123456789abcdef"),
        "the API key is a secret"
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(&mut server, "getBlacklist", &fixture("blacklist_doc.json")).await;
    let list = builder(&server)
        .build()
        .unwrap()
        .get_blacklist()
        .await
        .unwrap();
    assert_eq!(
        (list[0].phone_number(), list[0].comment()),
        ("336XXXXXXXX", "stop")
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "deleteCampaign",
        &fixture("delete_campaign_doc_fixed.json"),
    )
    .await;
    builder(&server)
        .build()
        .unwrap()
        .delete_campaign("c42")
        .await
        .unwrap();
    assert_eq!(params(&seen(&log)[0]), pairs(&[("campId", "c42")]));

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "getCreditsByCountryIsoCode",
        &fixture("credits_by_country_doc.json"),
    )
    .await;
    let credits = builder(&server)
        .build()
        .unwrap()
        .get_credits_by_country_iso_code("fr")
        .await
        .unwrap();
    assert_eq!(params(&seen(&log)[0]), pairs(&[("countryIsoCode", "FR")]));
    assert_eq!((credits.iso_code(), credits.nb_credits()), ("FR", Some(15)));

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(&mut server, "shortenUrl", &fixture("shorten_url_doc.json")).await;
    let short = builder(&server)
        .build()
        .unwrap()
        .shorten_url("http://www.yoururl.fr")
        .await
        .unwrap();
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[("url", "http://www.yoururl.fr")])
    );
    assert_eq!(
        (short.url(), short.short_url()),
        ("http://www.yoururl.fr", "http://bs.ms/xxxx")
    );

    let mut server = mockito::Server::new_async().await;
    let (_m, log) = mock(
        &mut server,
        "getCampaignStats",
        &fixture("campaign_stats_synthetic.json"),
    )
    .await;
    let stats = builder(&server)
        .build()
        .unwrap()
        .get_campaign_stats("c7")
        .await
        .unwrap();
    assert_eq!(
        params(&seen(&log)[0]),
        pairs(&[("campaignId", "c7"), ("type", "sms"), ("msisdnList", "0")])
    );
    assert_eq!(
        (
            stats.sent(),
            stats.delivered(),
            stats.pending(),
            stats.errors(),
            stats.clicks()
        ),
        (Some(120), Some(110), Some(5), Some(5), Some(42))
    );
}

#[tokio::test]
async fn errors_on_read_methods() {
    let mut server = mockito::Server::new_async().await;
    let (_m, _log) = mock(&mut server, "getInfo", &fixture("error_102_synthetic.json")).await;
    assert!(matches!(
        builder(&server).build().unwrap().get_info().await,
        Err(Error::Api(_))
    ));
    let c = builder(&server).build().unwrap();
    for result in [
        c.get_acks(" ").await.map(|_| ()),
        c.get_ack_by_sms_id("").await.map(|_| ()),
        c.delete_campaign("").await,
        c.shorten_url("").await.map(|_| ()),
    ] {
        assert!(matches!(
            result,
            Err(Error::InvalidRequest(InvalidRequest::MissingParameter(_)))
        ));
    }
}

#[tokio::test]
async fn malformed_answers_keep_the_raw_body() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("getInfo", fixture("info_doc_invalid.txt")),
        ("deleteCampaign", fixture("delete_campaign_doc_invalid.txt")),
        (
            "getAcks",
            br#"{"subAccount": [{"Login": "subaccountx", "Credits": "1500"},]}"#.to_vec(),
        ),
        ("getAcks", fixture("bad_gateway.html")),
        ("getAcks", Vec::new()),
        ("getAcks", br#"{"acks": [{"phoneNumber"#.to_vec()),
        ("getAcks", b"<?xml version=\"1.0\"?><acks/>".to_vec()),
        ("getAcks", br#"{"unexpected": true}"#.to_vec()),
        ("sendSms", br#"{"status":"sent"}"#.to_vec()),
        ("sendSms", b"\xff\xfe garbage".to_vec()),
        (
            "getCreditsByCountryIsoCode",
            br#"{"isoCode":"FR"}"#.to_vec(),
        ),
    ];
    for (method, body) in cases {
        let mut server = mockito::Server::new_async().await;
        let (_m, _log) = mock(&mut server, method, &body).await;
        let c = builder(&server).build().unwrap();
        let result = match method {
            "getInfo" => c.get_info().await.map(|_| ()),
            "deleteCampaign" => c.delete_campaign("c").await,
            "getAcks" => c.get_acks("c").await.map(|_| ()),
            "getCreditsByCountryIsoCode" => {
                c.get_credits_by_country_iso_code("FR").await.map(|_| ())
            }
            _ => c
                .send_sms(&allmysms::SendSms::new("Hi").to("0612345678"))
                .await
                .map(|_| ()),
        };
        match result {
            Err(e @ Error::UnexpectedResponse { .. }) => {
                assert!(!e.is_known_not_sent());
                let Error::UnexpectedResponse { body: raw, .. } = e else {
                    unreachable!()
                };
                assert_eq!(raw.as_bytes(), &body[..], "{method}");
            }
            other => panic!("{method} {body:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn transport_failures_and_secrets() {
    let c = Client::builder(Credentials::new("login", "S3cr3tKey"))
        .base_url(closed_port_url())
        .build()
        .unwrap();
    let e = c.get_info().await.unwrap_err();
    assert!(e.is_known_not_sent());
    assert!(!format!("{e} {e:?} {c:?}").contains("S3cr3tKey"));

    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("POST", "/http/9.0/sendSms/")
        .with_chunked_body(|w| {
            std::thread::sleep(Duration::from_millis(1500));
            w.write_all(b"{}")
        })
        .create_async()
        .await;
    let c = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = c
        .send_sms(&allmysms::SendSms::new("Hi").to("0612345678"))
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::Http { source, .. } if source.is_timeout()));
    assert!(!e.is_known_not_sent());
}

#[test]
fn webhooks_from_query_and_form() {
    let query = "smsId=330792bd-8e0b&campaignId=ap_1&phoneNumber=33612345678&receptionDate=2014-02-19%2011:40:35&status=2&statusText=Not+delivered";
    let event = DeliveryReportEvent::from_params(&decode_params(query.as_bytes())).unwrap();
    assert_eq!(event.status(), DeliveryStatus::NotDelivered);
    assert_eq!(
        (event.sms_id(), event.campaign_id()),
        ("330792bd-8e0b", "ap_1")
    );
    assert_eq!(event.status_text(), "Not delivered");
    assert_eq!(
        event.reception_date().datetime().unwrap().to_string(),
        "2014-02-19 11:40:35"
    );
    assert!(!format!("{event:?}").contains("612345678"));

    let form = "smsId=s&campaignId=c&phoneNumber=33612345678&receptionDate=2014-02-14+15%3A09%3A05&smsMoId=32154&message=Oui%2C+STOP+%F0%9F%98%80";
    let reply = ReplyEvent::from_params(&decode_params(form.as_bytes())).unwrap();
    assert_eq!(
        (reply.sms_mo_id(), reply.message()),
        ("32154", "Oui, STOP 😀")
    );
    assert_eq!(allmysms::webhook::RESPONSE_BODY, "OK");
}
