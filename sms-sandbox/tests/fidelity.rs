//! The sandbox is as strict as the gateways it plays, so that the clients' tests catch
//! our own regressions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use sms_sandbox::{Provider, Sandbox};

#[tokio::test]
async fn allmysms_parameters_need_dynamic() {
    let sb = Sandbox::start().await.unwrap();
    let send = |data: &'static str| {
        let url = format!("{}/http/9.0/sendSms/", sb.base_url());
        async move {
            reqwest::Client::new()
                .post(url)
                .form(&[
                    ("login", "demo"),
                    ("apiKey", "demo-api-key"),
                    ("returnformat", "json"),
                    ("smsData", data),
                ])
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let without = send(
        r#"{"DATA":{"MESSAGE":"Bonjour #param_1#","SMS":[{"MOBILEPHONE":"33612345678","PARAM_1":"Marc"}]}}"#,
    )
    .await;
    assert_eq!(without["status"], 107, "{without}");
    let with = send(
        r#"{"DATA":{"MESSAGE":"Bonjour #param_1#","DYNAMIC":"1","SMS":[{"MOBILEPHONE":"33612345678","PARAM_1":"Marc"}]}}"#,
    )
    .await;
    assert_eq!(with["status"], 100, "{with}");
    assert_eq!(sb.messages()[0].text, "Bonjour Marc");
}

#[tokio::test]
async fn connect_mobile_reads_iso_8859_1_only() {
    let sb = Sandbox::start().await.unwrap();
    let url = format!("{}/client/api/", sb.base_url());
    for body in [
        // ISO-8859-1, as documented: arrives as written.
        "action=envoi&login=demo&apipasse=demo&msg=%E9t%E9&dest=33612345678&origine=Shop",
        // UTF-8: garbled, as the gateway would garble it.
        "action=envoi&login=demo&apipasse=demo&msg=%C3%A9t%C3%A9&dest=33612345678&origine=Shop",
    ] {
        let r = reqwest::Client::new()
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let texts: Vec<String> = sb
        .messages_of(Provider::ConnectMobile)
        .into_iter()
        .map(|m| m.text)
        .collect();
    // UTF-8 `é` is read as the two characters `Ã©`, which the gateway's character
    // table does not have: the recipient would read `??`.
    assert_eq!(texts, ["été", "??t??"]);
}
