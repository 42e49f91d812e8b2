//! The provider commands: build the client from the environment, run, map the typed
//! response to JSON.

use std::future::Future;

use serde_json::{Value, json};

use crate::dry_run::Capture;
use crate::output::{self, Fail};
use crate::{
    AllmysmsCommand, ConnectMobileCommand, DataFormat, LmtCommand, LmtFlag, Route, SenderType,
    SmsadvertCommand, SmsecoCommand, SmsecoFormat,
};

/// Options every provider command takes.
pub(crate) struct Options {
    pub(crate) base_url: Option<String>,
    pub(crate) dry_run: bool,
    pub(crate) timeout: Option<std::time::Duration>,
}

impl Options {
    /// The request timeout: `--timeout`, or the clients' default.
    fn timeout(&self) -> std::time::Duration {
        // The same default in every provider crate (sms-http's).
        self.timeout.unwrap_or(smseco::DEFAULT_TIMEOUT)
    }
}

fn env(name: &str) -> Result<String, Fail> {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => Ok(v),
        _ => Err(Fail::Invalid(format!("set {name}"))),
    }
}

/// Runs `f` with the base URL to use: the real one, or, with `--dry-run`, a capture
/// server whose requests are then printed against the real one.
async fn run<F, Fut>(
    opts: &Options,
    env_base: &str,
    default_base: &str,
    secrets: &[String],
    f: F,
) -> Result<Value, Fail>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<Value, Fail>>,
{
    output::hide(secrets);
    let real = opts
        .base_url
        .clone()
        .or_else(|| std::env::var(env_base).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| default_base.to_owned());
    if !opts.dry_run {
        return f(real).await;
    }
    let capture = Capture::start().await?;
    match f(capture.url().to_owned()).await {
        // Refused before sending: nothing to show.
        Err(Fail::Invalid(m)) => Err(Fail::Invalid(m)),
        _ => {
            let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
            Ok(capture.report(&real, &secrets))
        }
    }
}

fn invalid(e: impl std::fmt::Display) -> Fail {
    Fail::Invalid(e.to_string())
}

// ---------------------------------------------------------------- LMT Group

pub(crate) async fn lmt(opts: &Options, command: LmtCommand) -> Result<Value, Fail> {
    let (key, password) = (env("LMT_BULKSMS_API_KEY")?, env("LMT_BULKSMS_PASSWORD")?);
    let LmtCommand::Send {
        to,
        from,
        text,
        flag,
    } = command;
    let secrets = [key.clone(), password.clone()];
    let timeout = opts.timeout();
    run(opts, "LMT_BULKSMS_BASE_URL", lmt_bulksms::DEFAULT_BASE_URL, &secrets, |base| async move {
        let client = lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new(key.as_str(), password.as_str()))
            .base_url(base)
            .timeout(timeout)
            .build()
            .map_err(output::lmt_error)?;
        let mut push = lmt_bulksms::Push::new(from, text).recipients(to.list());
        if let Some(f) = flag {
            push = push.flag(match f {
                LmtFlag::Short => lmt_bulksms::Flag::ShortSms,
                LmtFlag::Long => lmt_bulksms::Flag::LongSms,
            });
        }
        let outcomes = client.push(&push).await.map_err(output::lmt_error)?;
        let mut results = Vec::new();
        let mut first_failure = None;
        for outcome in outcomes {
            let phone = outcome.phone().e164().to_owned();
            match outcome.into_result() {
                Ok(r) => results.push(json!({"phone": phone, "ok": true, "message": r.message(), "http_status": r.http_status()})),
                Err(e) => {
                    let fail = output::lmt_error(e);
                    results.push(json!({"phone": phone, "ok": false, "error": fail.to_json()}));
                    // The overall error is the first unknown outcome, else the first refusal.
                    if first_failure.as_ref().is_none_or(|f: &Fail| f.known_not_sent() && !fail.known_not_sent()) {
                        first_failure = Some(fail);
                    }
                }
            }
        }
        let doc = json!({ "results": results });
        match first_failure {
            None => Ok(doc),
            Some(fail) => Err(Fail::WithDoc(doc, Box::new(fail))),
        }
    })
    .await
}

// ---------------------------------------------------------------- AllMySMS

fn allmysms_send_json(r: &allmysms::SendResponse) -> Value {
    json!({
        "status": r.status().code(), "status_text": r.status_text(), "invalid_numbers": r.invalid_numbers(),
        "campaign_id": r.campaign_id(), "credits": r.credits(), "credits_used": r.credits_used(),
        "nb_contacts": r.nb_contacts(), "nb_sms": r.nb_sms(),
        "sms_ids": r.sms_ids().iter().map(|s| json!({"phone_number": s.phone_number(), "sms_id": s.sms_id()})).collect::<Vec<_>>(),
    })
}

fn ack_json(a: &allmysms::Ack) -> Value {
    json!({"phone_number": a.phone_number(), "status": a.status().code(), "status_label": a.status().label(),
        "comment": a.comment(), "reception_date": a.reception_date().as_str()})
}

fn pull_json(p: &allmysms::Pull) -> Value {
    json!({"phone_number": p.phone_number(), "id": p.id(), "campaign_id": p.campaign_id(),
        "message": p.message(), "reception_date": p.reception_date().as_str()})
}

fn allmysms_campaign(send: &crate::AllmysmsSend) -> Result<allmysms::SendSms, Fail> {
    let mut sms = allmysms::SendSms::new(send.text.clone()).recipients(send.to.list());
    if let Some(f) = &send.from {
        sms = sms.sender(f.clone());
    }
    if let Some(at) = &send.at {
        sms = sms.date(at.parse().map_err(invalid)?);
    }
    if let Some(c) = &send.campaign {
        sms = sms.campaign_name(c.clone());
    }
    if send.flash {
        sms = sms.flash(true);
    }
    Ok(sms)
}

pub(crate) async fn allmysms(opts: &Options, command: AllmysmsCommand) -> Result<Value, Fail> {
    let (login, key) = (env("ALLMYSMS_LOGIN")?, env("ALLMYSMS_API_KEY")?);
    let secrets = [key.clone()];
    let timeout = opts.timeout();
    run(opts, "ALLMYSMS_BASE_URL", allmysms::DEFAULT_BASE_URL, &secrets, |base| async move {
        let format = match &command {
            AllmysmsCommand::Send(s) | AllmysmsCommand::Simulate(s) => s.format,
            _ => DataFormat::Xml,
        };
        let client = allmysms::Client::builder(allmysms::Credentials::new(login.as_str(), key.as_str()))
            .base_url(base)
            .timeout(timeout)
            .sms_data_format(match format {
                DataFormat::Xml => allmysms::SmsDataFormat::Xml,
                DataFormat::Json => allmysms::SmsDataFormat::Json,
            })
            .build()
            .map_err(output::allmysms_error)?;
        let e = output::allmysms_error;
        Ok(match command {
            AllmysmsCommand::Send(s) => allmysms_send_json(&client.send_sms(&allmysms_campaign(&s)?).await.map_err(e)?),
            AllmysmsCommand::Simulate(s) => {
                let r = client.simulate_campaign(&allmysms_campaign(&s)?).await.map_err(e)?;
                json!({"status": r.status().code(), "status_text": r.status_text(), "invalid_numbers": r.invalid_numbers(),
                    "nb_credits": r.nb_credits(), "nb_contacts": r.nb_contacts(), "nb_sms": r.nb_sms()})
            }
            AllmysmsCommand::Acks { campaign } => {
                let r = client.get_acks(&campaign).await.map_err(e)?;
                json!({"acks": r.acks().iter().map(ack_json).collect::<Vec<_>>(), "cli_msg_id": r.cli_msg_id()})
            }
            AllmysmsCommand::Ack { sms_id } => ack_json(&client.get_ack_by_sms_id(&sms_id).await.map_err(e)?),
            AllmysmsCommand::Replies { campaign } => {
                let pulls = match campaign {
                    Some(c) => client.get_pull(&c).await,
                    None => client.get_pulls(None).await,
                }
                .map_err(e)?;
                json!({"replies": pulls.iter().map(pull_json).collect::<Vec<_>>()})
            }
            AllmysmsCommand::Info => {
                let i = client.get_info().await.map_err(e)?;
                json!({"status": i.status(), "credits": i.credits(), "last_name": i.last_name(), "first_name": i.first_name(),
                    "society": i.society(), "email": i.email()})
            }
            AllmysmsCommand::Blacklist => {
                let list = client.get_blacklist().await.map_err(e)?;
                json!({"blacklist": list.iter().map(|b| json!({"phone_number": b.phone_number(), "comment": b.comment(),
                    "reception_date": b.reception_date().as_str()})).collect::<Vec<_>>()})
            }
            AllmysmsCommand::Cost { country } => {
                let c = client.get_credits_by_country_iso_code(&country).await.map_err(e)?;
                json!({"iso_code": c.iso_code(), "nb_credits": c.nb_credits()})
            }
        })
    })
    .await
}

// ---------------------------------------------------------------- smsadvert

pub(crate) async fn smsadvert(opts: &Options, command: SmsadvertCommand) -> Result<Value, Fail> {
    let token = env("SMSADVERT_TOKEN")?;
    let SmsadvertCommand::Send {
        to,
        text,
        route,
        start,
        end,
        callback,
    } = command;
    let secrets = [token.clone()];
    let timeout = opts.timeout();
    run(opts, "SMSADVERT_BASE_URL", smsadvert::Host::Io.base_url(), &secrets, |base| async move {
        let client = smsadvert::Client::builder(token.as_str())
            .base_url(base)
            .timeout(timeout)
            .build()
            .map_err(output::smsadvert_error)?;
        let mut req = smsadvert::SmsRequest::new(text).recipients(to.list()).route(match route {
            Route::Devices => smsadvert::Route::OwnDevices,
            Route::Network => smsadvert::Route::Network,
            Route::Failover => smsadvert::Route::OwnDevicesWithNetworkFailover,
        });
        if let Some(s) = start {
            req = req.start_date(crate::time::parse_rfc3339(&s).map_err(Fail::Invalid)?);
        }
        if let Some(e) = end {
            req = req.end_date(crate::time::parse_rfc3339(&e).map_err(Fail::Invalid)?);
        }
        if let Some(c) = callback {
            req = req.callback(c);
        }
        let r = client.send(&req).await.map_err(output::smsadvert_error)?;
        Ok(json!({"msg_id": r.msg_id().as_str(), "success_message": r.success_message(), "http_status": r.http_status()}))
    })
    .await
}

// ---------------------------------------------------------------- SMSECO

fn submit_json(r: &smseco::SubmitResponse) -> Value {
    json!({
        "msgfid": r.msgfid(), "statut": r.statut(), "texte": r.texte(), "destinataires": r.destinataires(),
        "sms": r.sms(), "credits": r.credits(), "solde": r.solde(),
        "messages": r.messages().iter().map(|m| json!({"smsfid": m.smsfid(), "destination": m.destination(), "credits": m.credits()})).collect::<Vec<_>>(),
    })
}

pub(crate) async fn smseco(opts: &Options, command: SmsecoCommand) -> Result<Value, Fail> {
    let (login, password) = (env("SMSECO_LOGIN")?, env("SMSECO_PASSWORD")?);
    let secrets = [password.clone()];
    let timeout = opts.timeout();
    run(opts, "SMSECO_BASE_URL", smseco::DEFAULT_BASE_URL, &secrets, |base| async move {
        let format = match &command {
            SmsecoCommand::Send { format, .. }
            | SmsecoCommand::Dlrs { format, .. }
            | SmsecoCommand::Balance { format }
            | SmsecoCommand::Senders { format }
            | SmsecoCommand::Hlr { format, .. } => *format,
        };
        let client = smseco::Client::builder(smseco::Credentials::new(login.as_str(), password.as_str()))
            .base_url(base)
            .timeout(timeout)
            .format(match format {
                SmsecoFormat::Xml => smseco::Format::Xml,
                SmsecoFormat::Json => smseco::Format::Json,
                SmsecoFormat::Get => smseco::Format::Get(smseco::OutputFormat::Xml),
                SmsecoFormat::GetJson => smseco::Format::Get(smseco::OutputFormat::Json),
            })
            .build()
            .map_err(output::smseco_error)?;
        let e = output::smseco_error;
        Ok(match command {
            SmsecoCommand::Send { to, from, text, at, flash, unicode, msgid, .. } => {
                let mut sms = smseco::SendSms::new(from, text).recipients(to.list());
                if let Some(at) = at {
                    sms = sms.datesend(at.parse().map_err(invalid)?);
                }
                if flash {
                    sms = sms.flash(true);
                }
                if unicode {
                    sms = sms.unicode(true);
                }
                if let Some(m) = msgid {
                    sms = sms.msgid(m);
                }
                submit_json(&client.send_sms(&sms).await.map_err(e)?)
            }
            SmsecoCommand::Dlrs { msgfid, smsfid, .. } => {
                // An empty filter would read (and consume) every report: invalid input.
                let mut q = smseco::DlrQuery::all();
                if let Some(m) = msgfid {
                    q = q.and_msgfid(&m).map_err(|x| e(x.into()))?;
                }
                if let Some(s) = smsfid {
                    q = q.and_smsfid(&s).map_err(|x| e(x.into()))?;
                }
                let r = client.get_dlrs(&q).await.map_err(e)?;
                json!({
                    "accountid": r.accountid(), "statut": r.statut(), "texte": r.texte(),
                    "messages": r.messages().iter().map(|m| json!({"msgfid": m.msgfid(), "dlrs": m.dlrs().iter().map(|d| json!({
                        "smsfid": d.smsfid(), "destination": d.destination(), "date": d.date(), "statut": d.statut().code(),
                        "label": d.statut().french_label(), "billed": d.statut().is_billed(), "final": d.statut().is_final(),
                        "libelle": d.libelle(), "texte": d.texte()})).collect::<Vec<_>>()})).collect::<Vec<_>>(),
                })
            }
            SmsecoCommand::Balance { .. } => {
                let b = client.get_balance().await.map_err(e)?;
                json!({"accountid": b.accountid(), "statut": b.statut(), "texte": b.texte(),
                    "credits": b.credits(), "expire": b.expire(), "cumul": b.cumul()})
            }
            SmsecoCommand::Senders { .. } => {
                let s = client.get_senders().await.map_err(e)?;
                json!({"accountid": s.accountid(), "statut": s.statut(), "texte": s.texte(), "senders": s.senders()})
            }
            SmsecoCommand::Hlr { to, msgid, .. } => {
                let mut h = smseco::HlrRequest::new().recipients(to.list());
                if let Some(m) = msgid {
                    h = h.msgid(m);
                }
                submit_json(&client.send_hlr(&h).await.map_err(e)?)
            }
        })
    })
    .await
}

// ---------------------------------------------------------------- Connect-Mobile

pub(crate) async fn connect_mobile(
    opts: &Options,
    command: ConnectMobileCommand,
) -> Result<Value, Fail> {
    let (login, password) = (
        env("CONNECT_MOBILE_LOGIN")?,
        env("CONNECT_MOBILE_API_PASSWORD")?,
    );
    let secrets = [password.clone()];
    let timeout = opts.timeout();
    run(opts, "CONNECT_MOBILE_BASE_URL", connect_mobile::DEFAULT_BASE_URL, &secrets, |base| async move {
        let get = matches!(command, ConnectMobileCommand::Send { get: true, .. });
        let client = connect_mobile::Client::builder(connect_mobile::Credentials::new(login.as_str(), password.as_str()))
            .base_url(base)
            .timeout(timeout)
            .method(if get { connect_mobile::HttpMethod::Get } else { connect_mobile::HttpMethod::Post })
            .build()
            .map_err(output::connect_mobile_error)?;
        let e = output::connect_mobile_error;
        Ok(match command {
            ConnectMobileCommand::Send { to, from, text, flash, sender_type, callback, .. } => {
                let mut req = connect_mobile::SendRequest::new(from, text).recipients(to.list()).callback(callback);
                if flash {
                    req = req.message_type(connect_mobile::MessageType::Flash);
                }
                if let Some(t) = sender_type {
                    req = req.sender_type(match t {
                        SenderType::Mobile => connect_mobile::SenderType::Mobile,
                        SenderType::Number => connect_mobile::SenderType::Number,
                        SenderType::Text => connect_mobile::SenderType::Text,
                    });
                }
                let delivered = req.message_as_delivered().into_owned();
                let r = client.send(&req).await.map_err(e)?;
                json!({"message_ids": r.message_ids().iter().map(|m| m.as_str()).collect::<Vec<_>>(), "text_as_delivered": delivered})
            }
            ConnectMobileCommand::Status { msgid } => {
                let id = connect_mobile::MessageId::new(msgid).map_err(invalid)?;
                let s = client.status(&id).await.map_err(e)?;
                json!({"status": s.code(), "label": s.french_text(), "delivered": s.is_delivered()})
            }
            ConnectMobileCommand::Balance => {
                // A whole number stays an integer in the JSON, as before.
                let b = client.balance().await.map_err(e)?;
                match b.whole_sms() {
                    Some(n) => json!({"sms": n}),
                    None => json!({"sms": b.sms()}),
                }
            }
        })
    })
    .await
}
