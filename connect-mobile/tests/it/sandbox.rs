//! End to end through the local sandbox (`sms-sandbox`), including retry safety.

use connect_mobile::{Client, Credentials, HttpMethod, SendSms, SmsStatus};
use sms_sandbox::{Fault, Provider, Sandbox};

#[tokio::test]
async fn send_then_read_the_status_over_post_and_get() {
    let sb = Sandbox::start().await.unwrap();
    for method in [HttpMethod::Post, HttpMethod::Get] {
        let client = Client::builder(Credentials::new("demo", "demo"))
            .base_url(sb.base_url())
            .method(method)
            .build()
            .unwrap();
        let sent = client
            .send_sms(&SendSms::new("Shop", "Café ou thé ? Leçon à 18 h").to("0612345678"))
            .await
            .unwrap();
        let id = sent.message_id().unwrap();
        assert_eq!(client.status(id).await.unwrap(), SmsStatus::Delivered);
    }
    let client = Client::builder(Credentials::new("demo", "demo"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    assert_eq!(client.balance().await.unwrap().whole_sms(), Some(998));
    // The gateway received the Latin-1 text, `ç` already mapped to `?` by the client,
    // over POST and GET alike (the sandbox reads ISO-8859-1 only, as the gateway does:
    // a UTF-8 request would show `??` here).
    let texts: Vec<String> = sb
        .messages_of(Provider::ConnectMobile)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, ["Café ou thé ? Le?on à 18 h"; 2]);
}

#[tokio::test]
async fn a_cut_answer_is_not_known_not_sent() {
    let sb = Sandbox::builder()
        .fault(
            Provider::ConnectMobile,
            Fault {
                close_after_read: true,
                ..Fault::default()
            },
        )
        .start()
        .await
        .unwrap();
    let client = Client::builder(Credentials::new("demo", "demo"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let err = client
        .send_sms(&SendSms::new("Shop", "Hi").to("0612345678"))
        .await
        .unwrap_err();
    assert!(!err.is_known_not_sent(), "{err:?}");
    assert_eq!(
        sb.messages_of(Provider::ConnectMobile).len(),
        1,
        "it did go out: a blind retry would send it twice"
    );

    sb.set_fault(
        Provider::ConnectMobile,
        Fault {
            http_5xx_rate: 1.0,
            ..Fault::default()
        },
    );
    let err = client
        .send_sms(&SendSms::new("Shop", "Hi").to("0612345678"))
        .await
        .unwrap_err();
    assert!(
        !err.is_known_not_sent(),
        "a 503 body is not understood: unknown outcome"
    );
    assert_eq!(
        sb.messages_of(Provider::ConnectMobile).len(),
        1,
        "refused before processing"
    );
}
