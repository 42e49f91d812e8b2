//! The sandbox driven over HTTP with plain requests written from the providers'
//! documentation (no provider crate involved).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Duration;

use serde_json::{Value, json};
use sms_sandbox::{Accounts, Fault, Provider, Sandbox, Status};

mod common;

use common::{capture, wait_for};

fn http() -> reqwest::Client {
    reqwest::Client::new()
}

#[tokio::test]
async fn lmt_push_v1_and_pushes() {
    let sb = Sandbox::start().await.unwrap();
    let url = format!("{}/bulksms/api/v1/push", sb.base_url());
    let ok: Value = http()
        .post(&url)
        .form(&[
            ("api_key", "demo-api-key"),
            ("password", "demo-password"),
            ("message", "Bonjour"),
            ("sender", "test"),
            ("phone", "694124344"),
            ("flag", "short_sms"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ok, json!({"status": "success", "message": "message sent"}));
    let bad: Value = http()
        .post(&url)
        .form(&[
            ("api_key", "demo-api-key"),
            ("password", "demo-password"),
            ("message", "x"),
            ("sender", "test"),
            ("phone", "12"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bad["status"], "error");
    assert_eq!(
        bad["errros"],
        json!(["phone is invalid"]),
        "the documentation's own spelling"
    );
    let auth: Value = http()
        .post(&url)
        .form(&[
            ("api_key", "x"),
            ("password", "y"),
            ("message", "x"),
            ("sender", "s"),
            ("phone", "694124344"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(auth["status"], "error");

    let pushes = format!("{}/api/v1/pushes", sb.base_url());
    let r = http().post(&pushes).header("X-Api-Key", "demo-api-key").header("X-Secret", "demo-secret")
        .json(&json!({"senderId": "Shop", "message": "Hi", "msisdn": ["237694124344", "237677000000"], "maskedMsisdn": false, "flag": "GSM7"}))
        .send().await.unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(r.json::<Value>().await.unwrap()["totalRecipients"], 2);
    let r = http()
        .post(&pushes)
        .header("X-Api-Key", "demo-api-key")
        .header("X-Secret", "demo-secret")
        .json(&json!({"senderId": "Shop", "message": "Hi", "msisdn": ["+237694124344"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "INP02");

    let messages = sb.messages_of(Provider::LmtBulksms);
    assert_eq!(messages.len(), 3);
    assert_eq!(
        (messages[0].recipient.as_str(), messages[0].text.as_str()),
        ("237694124344", "Bonjour")
    );
    assert_eq!(sb.accounts().lmt_credits, 1000 - 3);
}

#[tokio::test]
async fn allmysms_v9_send_acks_webhook_and_replies() {
    let (hook, seen) = capture().await;
    let sb = Sandbox::builder()
        .accounts(Accounts {
            allmysms_webhook_url: Some(hook),
            ..Accounts::default()
        })
        .start()
        .await
        .unwrap();
    let send = format!("{}/http/9.0/sendSms/", sb.base_url());
    let data = "<DATA><MESSAGE><![CDATA[Bonjour #param_1# ]]]]><![CDATA[> STOP au 36180]]></MESSAGE><DYNAMIC>1</DYNAMIC><TPOA>Shop</TPOA>\
                <SMS><MOBILEPHONE>33612345678</MOBILEPHONE><PARAM_1>Marc</PARAM_1></SMS></DATA>";
    let r: Value = http()
        .post(&send)
        .form(&[
            ("login", "demo"),
            ("apiKey", "demo-api-key"),
            ("smsData", data),
            ("returnformat", "json"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["status"], 100);
    assert_eq!(r["credits"], (15_000 - 15).to_string());
    let campaign = r["campaignId"].as_str().unwrap().to_owned();
    let sms_id = r["smsIds"][0]["smsId"].as_str().unwrap().to_owned();
    let m = &sb.messages_of(Provider::Allmysms)[0];
    assert_eq!(
        m.text, "Bonjour Marc ]]> STOP au 36180",
        "CDATA joined, parameters replaced"
    );
    assert_eq!(m.sender.as_deref(), Some("Shop"));

    let acks: Value = http()
        .post(format!("{}/http/9.0/getAcks/", sb.base_url()))
        .form(&[
            ("login", "demo"),
            ("apiKey", "demo-api-key"),
            ("campId", campaign.as_str()),
            ("returnformat", "json"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(acks["acks"][0]["statut"], "1");

    // The webhook got the delivery report.
    let (ct, body) = wait_for(|| seen.lock().unwrap().first().cloned()).await;
    assert!(ct.starts_with("application/x-www-form-urlencoded"));
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap();
    assert!(form.contains(&("smsId".into(), sms_id.clone())));
    assert!(form.contains(&("status".into(), "1".into())));

    // A reply, pulled and pushed.
    let mid = sb.messages_of(Provider::Allmysms)[0].id;
    sb.inject_reply(Provider::Allmysms, "33612345678", "Oui merci", Some(mid))
        .await;
    let pull: Value = http()
        .post(format!("{}/http/9.0/getPullBySmsId/", sb.base_url()))
        .form(&[
            ("login", "demo"),
            ("apiKey", "demo-api-key"),
            ("smsId", sms_id.as_str()),
            ("returnformat", "json"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pull["message"], "Oui merci");
    wait_for(|| (seen.lock().unwrap().len() >= 2).then_some(())).await;

    // Errors in the send table.
    let r: Value = http()
        .post(&send)
        .form(&[
            ("login", "demo"),
            ("apiKey", "wrong"),
            ("smsData", data),
            ("returnformat", "json"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["status"], 102);
    let r: Value = http()
        .post(&send)
        .form(&[
            ("login", "demo"),
            ("apiKey", "demo-api-key"),
            ("returnformat", "json"),
            (
                "smsData",
                r#"{"DATA":{"MESSAGE":"x","SMS":[{"MOBILEPHONE":"33699000103"}]}}"#,
            ),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["status"], 103, "magic number");
    let r: Value = http()
        .post(&send)
        .form(&[
            ("login", "demo"),
            ("apiKey", "demo-api-key"),
            ("returnformat", "json"),
            ("smsData", r#"{"DATA":{"MESSAGE":"","SMS":[]}}"#),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["status"], 110);
}

#[tokio::test]
async fn allmysms_rest() {
    let sb = Sandbox::start().await.unwrap();
    let r = http()
        .post(format!("{}/sms/send/", sb.base_url()))
        .basic_auth("demo", Some("demo-api-key"))
        .json(&json!({"to": "33612345678", "text": "Hello"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        (v["code"].clone(), v["cost"].clone(), v["balance"].clone()),
        (json!(100), json!(0.05), json!(49.95))
    );
    let r = http()
        .post(format!("{}/sms/send/", sb.base_url()))
        .basic_auth("demo", Some("nope"))
        .json(&json!({"to": "33612345678", "text": "Hello"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = http()
        .get(format!("{}/ping/", sb.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn smsadvert_send_errors_and_callback() {
    let (hook, seen) = capture().await;
    let sb = Sandbox::start().await.unwrap();
    let url = format!("{}/api/sms/", sb.base_url());
    let r: Value = http().post(&url).header("Authorization", "demo-token")
        .json(&json!({"phone": "+40740123456,+40740123457", "shortTextMessage": "Salut!", "callback": hook}))
        .send().await.unwrap().json().await.unwrap();
    assert_eq!(
        r["successMessage"],
        "Your message has been successfully submitted!"
    );
    let msg_id = r["msgId"].as_str().unwrap().to_owned();
    let (ct, body) = wait_for(|| seen.lock().unwrap().first().cloned()).await;
    assert_eq!(ct, "application/json");
    let cb: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (cb["status"].as_str(), cb["msgId"].as_str()),
        (Some("delivered"), Some(msg_id.as_str()))
    );

    let r = http()
        .post(&url)
        .header("Authorization", "demo-token")
        .json(&json!({"phone": "0740123456", "shortTextMessage": "ab"}))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert!(v["errors"]["phone"].is_string() && v["errors"]["shortTextMessage"].is_string());
    let r: Value = http()
        .post(&url)
        .header("Authorization", "demo-token")
        .json(&json!({"phone": "+40799000002", "shortTextMessage": "abc"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["errorMessage"], "There was a database error!");
    let r = http()
        .post(&url)
        .header("Authorization", "Bearer demo-token")
        .json(&json!({"phone": "+40740123456", "shortTextMessage": "abc"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "the raw token only");
}

fn smseco_xml(body: &str) -> String {
    format!(
        "<SMS><compte><login>demo@smseco.com</login><password>demo</password></compte>{body}</SMS>"
    )
}

#[tokio::test]
async fn smseco_every_transport_and_read_once_reports() {
    let sb = Sandbox::start().await.unwrap();
    let base = sb.base_url();
    let xml = smseco_xml(
        "<message><expediteur>DEMO</expediteur><msg>Bonjour</msg></message>\
        <destinataires><numero>22507352518</numero><numero>07352518</numero><numero>0707352519</numero></destinataires>",
    );
    let r = http()
        .post(format!("{base}/api/xml/sendsms/"))
        .form(&[("XML", xml.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(r.contains("<statut>2</statut>"), "duplicates filtered: {r}");
    let msgfid = r
        .split("<msgfid>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();

    // JSON, as the documentation's raw cURL sample sends it.
    let raw = r#"JSON={"compte":{"login":"demo@smseco.com","password":"demo"},"message":{"expediteur":"TEST","msg":"Salut"},"destinataires":[{"numero":"22505442710"}]}"#;
    let v: Value = http()
        .post(format!("{base}/api/json/sendsms/"))
        .header("Content-Type", "application/json")
        .body(raw)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (v["statut"].clone(), v["destinataires"].clone()),
        (json!(1), json!("1"))
    );
    assert!(v["msgid"].is_string(), "the JSON template's key");

    // GET, with the capitalised commands.
    let v: Value = http()
        .get(format!(
            "{base}/api/json/Getbalance?login=demo@smseco.com&password=demo"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["credits"], (1000 - 3).to_string());
    let s = http()
        .get(format!(
            "{base}/api/xml/Getsenders?login=demo@smseco.com&password=demo"
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(s.contains("<sender>DEMO</sender><sender>TEST</sender>"));

    // Delivery reports are returned once.
    let dlr = smseco_xml(&format!(
        "<message><msgfid>{msgfid}</msgfid><smsfid></smsfid></message>"
    ));
    let first = http()
        .post(format!("{base}/api/xml/getdlrs/"))
        .form(&[("XML", dlr.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(first.matches("<dlr>").count(), 2, "{first}");
    assert!(first.contains("<statut>56</statut>"));
    let second = http()
        .post(format!("{base}/api/xml/getdlrs/"))
        .form(&[("XML", dlr.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(second.contains("<statut>-15</statut>"), "{second}");

    // Errors: unknown sender, auth, magic number, invalid payload, HLR on both spellings.
    let bad = smseco_xml(
        "<message><expediteur>OTHER</expediteur><msg>x</msg></message><destinataires><numero>22507352518</numero></destinataires>",
    );
    let r = http()
        .post(format!("{base}/api/xml/sendsms/"))
        .form(&[("XML", bad.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(r.contains("<statut>-8</statut>"));
    let r = http().get(format!("{base}/api/json/sendsms?login=demo@smseco.com&password=x&expediteur=DEMO&msg=x&numero=22507352518")).send().await.unwrap().text().await.unwrap();
    assert!(r.contains("-4"));
    let r = http().get(format!("{base}/api/xml/sendsms?login=demo@smseco.com&password=demo&expediteur=DEMO&msg=x&numero=22599999906")).send().await.unwrap().text().await.unwrap();
    assert!(r.contains("<statut>-6</statut>"));
    let r = http()
        .post(format!("{base}/api/xml/sendsms/"))
        .form(&[("XML", "<SMS><compte>")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(r.contains("<statut>-1</statut>"));
    for spelling in ["sendhrl", "sendhlr"] {
        let hlr = smseco_xml(
            "<message><msgid>h1</msgid></message><destinataires><numero>22507352518</numero></destinataires>",
        );
        let r = http()
            .post(format!("{base}/api/xml/{spelling}/"))
            .form(&[("XML", hlr.as_str())])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(r.contains("<statut>1</statut>"), "{spelling}: {r}");
    }
    let r = http()
        .post(format!("{base}/api/xml/nosuchcmd/"))
        .form(&[("XML", xml.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn connect_mobile_latin1_statut_solde() {
    let sb = Sandbox::start().await.unwrap();
    let url = format!("{}/client/api/", sb.base_url());
    // `é` as the ISO-8859-1 byte %E9, `ç` outside the annex's table.
    let r = http().post(&url).header("Content-Type", "application/x-www-form-urlencoded")
        .body("action=envoi&login=demo&apipasse=demo&msg=Caf%E9+%E7a&dest=33612345678&origine=Shop&sendertype=5&type=0&callback=0")
        .send().await.unwrap().bytes().await.unwrap();
    let text = sms_primitives::latin1::decode_utf8_or_latin1(&r).into_owned();
    let id = text.split('|').next().unwrap().to_owned();
    assert!(text.ends_with("|Message envoyé"), "{text}");
    assert_eq!(sb.messages_of(Provider::ConnectMobile)[0].text, "Café ?a");
    let r = http()
        .get(format!(
            "{url}?action=statut&msgid={id}&login=demo&apipasse=demo"
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(r, "1");
    let r = http()
        .get(format!("{url}?action=solde&login=demo&apipasse=demo"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(r, "999 SMS");
    let r = http()
        .get(format!("{url}?action=solde&login=demo&apipasse=bad"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(r.starts_with(b"01|"));
    let r = http()
        .get(format!(
            "{url}?action=envoi&login=demo&apipasse=demo&msg=x&dest=33699000002&origine=S"
        ))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(r.starts_with(b"02|"), "magic number");
}

#[tokio::test]
async fn inspection_api_and_inbox() {
    let sb = Sandbox::start().await.unwrap();
    let base = sb.base_url();
    http()
        .post(format!("{base}/api/sms/"))
        .header("Authorization", "demo-token")
        .json(&json!({"phone": "+40740123456", "shortTextMessage": "Ședință <b>"}))
        .send()
        .await
        .unwrap();
    let list: Value = http()
        .get(format!("{base}/_sandbox/api/messages?provider=smsadvert"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["provider"], "smsadvert");
    assert_eq!(
        (
            list[0]["encoding"].clone(),
            list[0]["segments"].clone(),
            list[0]["status"].clone()
        ),
        (json!("ucs2"), json!(1), json!("delivered"))
    );
    let html = http()
        .get(format!("{base}/_sandbox/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The page is static: texts are written by its script, never as HTML.
    assert!(html.contains("<title>SMS sandbox</title>") && html.contains("EventSource"));
    assert!(
        !html.contains("Ședință"),
        "no message text in the page's HTML"
    );
    let r = http()
        .post(format!("{base}/_sandbox/api/replies"))
        .json(&json!({"provider": "allmysms", "from": "+33612345678", "text": "STOP"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = http()
        .put(format!("{base}/_sandbox/api/balance"))
        .json(&json!({"provider": "smseco", "amount": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let xml = smseco_xml(
        "<message><expediteur>DEMO</expediteur><msg>x</msg></message><destinataires><numero>22507352518</numero></destinataires>",
    );
    let r = http()
        .post(format!("{base}/api/xml/sendsms/"))
        .form(&[("XML", xml.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(r.contains("<statut>-6</statut>"), "balance 0: {r}");
    let r = http()
        .delete(format!("{base}/_sandbox/api/messages"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(sb.messages().is_empty());
    let accounts: Value = http()
        .get(format!("{base}/_sandbox/api/accounts"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(accounts["smseco"]["senders"], json!(["DEMO", "TEST"]));
}

#[tokio::test]
async fn faults_and_delays() {
    let sb = Sandbox::builder()
        .dlr_delay(Duration::from_millis(300))
        .fault(
            Provider::Smsadvert,
            Fault {
                http_5xx_rate: 1.0,
                ..Fault::default()
            },
        )
        .fault(
            Provider::ConnectMobile,
            Fault {
                close_after_read: true,
                ..Fault::default()
            },
        )
        .fault(
            Provider::LmtBulksms,
            Fault {
                latency: Duration::from_millis(200),
                ..Fault::default()
            },
        )
        .start()
        .await
        .unwrap();
    let base = sb.base_url();
    let r = http()
        .post(format!("{base}/api/sms/"))
        .header("Authorization", "demo-token")
        .json(&json!({"phone": "+40740123456", "shortTextMessage": "abc"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert!(
        sb.messages_of(Provider::Smsadvert).is_empty(),
        "refused before processing"
    );

    // The request is processed, the answer is cut.
    let result = async {
        http().get(format!("{base}/client/api/?action=envoi&login=demo&apipasse=demo&msg=x&dest=33612345678&origine=S"))
            .send().await?.bytes().await
    }.await;
    assert!(result.is_err());
    assert_eq!(
        sb.messages_of(Provider::ConnectMobile).len(),
        1,
        "sent although the client saw an error"
    );

    let started = std::time::Instant::now();
    http()
        .post(format!("{base}/bulksms/api/v1/push"))
        .form(&[
            ("api_key", "demo-api-key"),
            ("password", "demo-password"),
            ("message", "x"),
            ("sender", "s"),
            ("phone", "694124344"),
        ])
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(200));

    // Reports appear after the delay.
    let m = &sb.messages_of(Provider::LmtBulksms)[0];
    assert_eq!(m.status, Status::Queued);
    let id = m.id;
    wait_for(|| {
        sb.messages()
            .iter()
            .find(|m| m.id == id && m.status == Status::Delivered)
            .map(|_| ())
    })
    .await;
}

#[tokio::test]
async fn stops_on_drop() {
    let sb = Sandbox::start().await.unwrap();
    let base = sb.base_url();
    assert!(http().get(format!("{base}/_sandbox/")).send().await.is_ok());
    drop(sb);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        http()
            .get(format!("{base}/_sandbox/"))
            .send()
            .await
            .is_err()
    );
}
