//! End to end through the local sandbox (`sms-sandbox`).

use lmt_bulksms::pushes;
use lmt_bulksms::{Client, Credentials, Error, SendSms};
use sms_sandbox::{Provider, Sandbox, Status};

#[tokio::test]
async fn push_through_the_sandbox() {
    let sb = Sandbox::start().await.unwrap();
    let client = Client::builder(Credentials::new("demo-api-key", "demo-password"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let outcomes = client
        .send_sms(
            &SendSms::new("MaBoutique", "Bonjour à tous")
                .recipients(["694124344", "+237 6 77 00 00 00"]),
        )
        .await
        .unwrap();
    assert!(outcomes.iter().all(|o| o.result().is_ok()), "{outcomes:?}");
    // LMT documents no delivery-report API: the report is read from the sandbox.
    let messages = sb.messages_of(Provider::LmtBulksms);
    let recipients: Vec<&str> = messages.iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(recipients, ["237694124344", "237677000000"]);
    assert!(
        messages
            .iter()
            .all(|m| m.status == Status::Delivered && m.text == "Bonjour à tous")
    );
    assert_eq!(
        messages[0].details.get("flag").map(String::as_str),
        Some("short_sms")
    );

    // The sandbox answers the documented error sample (with its `errros` key).
    let failed = client
        .send_sms(&SendSms::new("Shop", "Hi").to("699000001"))
        .await
        .unwrap()
        .pop()
        .unwrap();
    match failed.into_result() {
        Err(Error::Api(api)) => assert_eq!(api.errors, ["phone is invalid"]),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn pushes_platform_through_the_sandbox() {
    let sb = Sandbox::start().await.unwrap();
    let client = pushes::Client::builder(pushes::Credentials::new("demo-api-key", "demo-secret"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let answer = client
        .send_sms(&pushes::SendSms::new("Shop", "Salut 😀").recipients(["694124344", "677000000"]))
        .await
        .unwrap();
    assert_eq!(answer.total_recipients(), Some(2));
    assert_eq!(
        sb.messages_of(Provider::LmtBulksms)[0].details["flag"],
        "UCS2"
    );
}
