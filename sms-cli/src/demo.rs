//! `sms demo`: the sandbox in-process, one message through each of the five clients,
//! each delivery report or status read back.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use sms_sandbox::{Provider, Sandbox};

use crate::output::{self, Fail};

fn line(provider: &str, what: &str) {
    eprintln!("  {provider:<15} {what}");
}

/// A one-route server receiving smsadvert's delivery callback.
async fn callback_receiver() -> Result<(String, Arc<Mutex<Option<Vec<u8>>>>), Fail> {
    let got: Arc<Mutex<Option<Vec<u8>>>> = Arc::default();
    let sink = Arc::clone(&got);
    let app = axum::Router::new().fallback(move |body: axum::body::Bytes| {
        let sink = Arc::clone(&sink);
        async move {
            *sink.lock().unwrap_or_else(|p| p.into_inner()) = Some(body.to_vec());
            "OK"
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| Fail::Transport {
            message: e.to_string(),
            known_not_sent: true,
        })?;
    let url = format!(
        "http://{}/dlr",
        listener.local_addr().map_err(|e| Fail::Transport {
            message: e.to_string(),
            known_not_sent: true
        })?
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((url, got))
}

pub(crate) async fn run() -> Result<Value, Fail> {
    let sb = Sandbox::start()
        .await
        .map_err(|e| Fail::Invalid(e.to_string()))?;
    let base = sb.base_url();
    let a = sb.accounts();
    eprintln!("sms demo: sandbox on {base}; one message through each gateway's client:");
    let mut summary = Vec::new();

    // LMT Group: no delivery-report API; the sandbox's record shows the status.
    let lmt = lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new(
        a.lmt_api_key.as_str(),
        a.lmt_password.as_str(),
    ))
    .base_url(&base)
    .build()
    .map_err(output::lmt_error)?;
    let outcome = lmt
        .send_sms(
            &lmt_bulksms::SendSms::new("MaBoutique", "Bonjour du bac à sable !").to("694124344"),
        )
        .await
        .map_err(output::lmt_error)?
        .pop()
        .ok_or_else(|| Fail::Invalid("no outcome".into()))?;
    let answer = outcome
        .result()
        .as_ref()
        .map_err(|e| Fail::Transport {
            message: e.to_string(),
            known_not_sent: false,
        })?
        .message()
        .to_owned();
    let status = sb
        .messages_of(Provider::LmtBulksms)
        .last()
        .map(|m| format!("{:?}", m.status))
        .unwrap_or_default();
    line(
        "lmt-bulksms",
        &format!(
            "push to {}: \"{answer}\"; sandbox status: {status}",
            outcome.phone()
        ),
    );
    summary.push(json!({"provider": "lmt-bulksms", "answer": answer, "status": status}));

    // AllMySMS: sendSms, then getAckBySmsId.
    let allmysms = allmysms::Client::builder(allmysms::Credentials::new(
        a.allmysms_login.as_str(),
        a.allmysms_api_key.as_str(),
    ))
    .base_url(&base)
    .build()
    .map_err(output::allmysms_error)?;
    let sent = allmysms
        .send_sms(
            &allmysms::SendSms::new("Votre code : 1234. STOP au 36180")
                .to("0612345678")
                .sender("MaBoutique"),
        )
        .await
        .map_err(output::allmysms_error)?;
    let sms_id = sent
        .sms_ids()
        .first()
        .map(|s| s.sms_id().to_owned())
        .unwrap_or_default();
    let ack = allmysms
        .get_ack_by_sms_id(&sms_id)
        .await
        .map_err(output::allmysms_error)?;
    line(
        "allmysms",
        &format!(
            "campaign {} ({}); ack: {}",
            sent.campaign_id(),
            sent.status(),
            ack.status()
        ),
    );
    summary.push(json!({"provider": "allmysms", "campaign_id": sent.campaign_id(), "ack": ack.status().label()}));

    // smsadvert: send with a callback; the report arrives as a real callback.
    let (callback, got) = callback_receiver().await?;
    let smsadvert = smsadvert::Client::builder(a.smsadvert_token.as_str())
        .base_url(&base)
        .build()
        .map_err(output::smsadvert_error)?;
    let sent = smsadvert
        .send_sms(
            &smsadvert::SendSms::new("Comanda dvs. a fost expediată")
                .to("0740123456")
                .callback(callback),
        )
        .await
        .map_err(output::smsadvert_error)?;
    let mut report = None;
    for _ in 0..100 {
        if let Some(body) = got.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            report = smsadvert::DeliveryReport::from_json(&body).ok();
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let status = report
        .map(|r| format!("{:?}", r.status()))
        .unwrap_or_else(|| "no callback".into());
    line(
        "smsadvert",
        &format!("msgId {}; callback: {status}", sent.msg_id()),
    );
    summary.push(
        json!({"provider": "smsadvert", "msg_id": sent.msg_id().as_str(), "callback": status}),
    );

    // SMSECO: sendsms, then getdlrs.
    let smseco = smseco::Client::builder(smseco::Credentials::new(
        a.smseco_login.as_str(),
        a.smseco_password.as_str(),
    ))
    .base_url(&base)
    .build()
    .map_err(output::smseco_error)?;
    let sent = smseco
        .send_sms(&smseco::SendSms::new("DEMO", "Bonjour depuis Abidjan !").to("0707352518"))
        .await
        .map_err(output::smseco_error)?;
    let dlrs = smseco
        .get_dlrs(
            &smseco::DlrQuery::msgfid(sent.msgfid()).map_err(|x| output::smseco_error(x.into()))?,
        )
        .await
        .map_err(output::smseco_error)?;
    let status = dlrs
        .dlrs()
        .next()
        .map(|d| d.status().to_string())
        .unwrap_or_default();
    line(
        "smseco",
        &format!(
            "msgfid {} ({} recipient); report: {status}",
            sent.msgfid(),
            sent.status()
        ),
    );
    summary.push(json!({"provider": "smseco", "msgfid": sent.msgfid(), "report": status}));

    // Connect-Mobile: envoi, then statut.
    let cm = connect_mobile::Client::builder(connect_mobile::Credentials::new(
        a.connect_mobile_login.as_str(),
        a.connect_mobile_api_password.as_str(),
    ))
    .base_url(&base)
    .build()
    .map_err(output::connect_mobile_error)?;
    let sent = cm
        .send_sms(
            &connect_mobile::SendSms::new("Shop", "Votre colis arrive demain à 10 h")
                .to("0612345678"),
        )
        .await
        .map_err(output::connect_mobile_error)?;
    let id = sent
        .message_id()
        .cloned()
        .ok_or_else(|| Fail::Invalid("no message id".into()))?;
    let status = cm.status(&id).await.map_err(output::connect_mobile_error)?;
    line(
        "connect-mobile",
        &format!(
            "message {id}; statut: {} ({})",
            status.code(),
            status.french_text()
        ),
    );
    summary.push(json!({"provider": "connect-mobile", "message_id": id.as_str(), "status": status.french_text()}));

    eprintln!(
        "sms demo: {} messages in the sandbox's inbox; all five gateways answered.",
        sb.messages().len()
    );
    Ok(
        json!({"demo": "ok", "sandbox": base, "providers": summary, "messages": sb.messages().len()}),
    )
}
