//! The provider commands: build the client from the environment, run, map the typed
//! response to JSON.

use std::future::Future;

use serde_json::{Value, json};

use crate::dry_run::Capture;
use crate::outbox::Job;
use crate::output::{self, Fail};
use crate::{
    AllmysmsCommand, ConnectMobileCommand, DataFormat, ListsCommand, LmtCommand, LmtFlag,
    LmtPushesCommand, PushesFlag, RestCommand, Route, SenderType, SmsadvertCommand, SmsecoCommand,
    SmsecoFormat, SubAccountFields, SubAccountsCommand,
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

/// A comma-separated list, trimmed, without empty items.
fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The bulk options go with `--to-file`; `--dry-run` (each request printed) does not.
fn bulk_allowed(
    opts: &Options,
    to_file: Option<&std::path::Path>,
    bulk: &crate::bulk::BulkArgs,
) -> Result<(), Fail> {
    if opts.dry_run && to_file.is_some() {
        return Err(Fail::Invalid("--dry-run does not go with --to-file".into()));
    }
    if to_file.is_none() && bulk.any() {
        return Err(Fail::Invalid(
            "--concurrency, --rate, --batch, --journal and --outbox go with --to-file".into(),
        ));
    }
    output::hide_also(bulk.outbox.as_deref().and_then(crate::outbox::url_password));
    Ok(())
}

fn invalid(e: impl std::fmt::Display) -> Fail {
    Fail::Invalid(e.to_string())
}

/// A provider crate's type as the tool prints it: its `serde` form (the crates' field
/// names are the tool's JSON keys).
fn to_json<T: serde::Serialize>(value: &T) -> Value {
    // These types serialize to plain JSON objects; nothing in them can fail.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// `value`'s object with the keys of `extra` added (values derived for the reader, such
/// as a code's label) and the keys in `drop` removed.
fn with(mut value: Value, extra: Value, drop: &[&str]) -> Value {
    if let (Value::Object(map), Value::Object(extra)) = (&mut value, extra) {
        map.extend(extra);
        for key in drop {
            map.remove(*key);
        }
    }
    value
}

// ---------------------------------------------------------------- LMT Group

pub(crate) async fn lmt(opts: &Options, command: LmtCommand) -> Result<Value, Fail> {
    let (to, bulk, from, text, flag) = match command {
        LmtCommand::Pushes { command } => return lmt_pushes(opts, command).await,
        LmtCommand::Send {
            to,
            bulk,
            from,
            text,
            flag,
        } => (to, bulk, from, text, flag),
    };
    bulk_allowed(opts, to.to_file.as_deref(), &bulk)?;
    let (key, password) = (env("LMT_BULKSMS_API_KEY")?, env("LMT_BULKSMS_PASSWORD")?);
    let secrets = [key.clone(), password.clone()];
    let timeout = opts.timeout();
    run(
        opts,
        "LMT_BULKSMS_BASE_URL",
        lmt_bulksms::DEFAULT_BASE_URL,
        &secrets,
        |base| async move {
            let client = lmt_client(base, timeout, &key, &password)?;
            let mut push = lmt_bulksms::SendSms::new(from, text);
            if let Some(f) = flag {
                push = push.flag(match f {
                    LmtFlag::Short => lmt_bulksms::Flag::ShortSms,
                    LmtFlag::Long => lmt_bulksms::Flag::LongSms,
                });
            }
            if let Some(file) = &to.to_file {
                let sender = lmt_bulksms::BulkSender::new(client, push.clone())
                    .map_err(output::lmt_error)?;
                let job = Job::new("lmt-bulksms", &push, json!({}), sender);
                return crate::bulk::run(job, file, &bulk).await;
            }
            let push = push.recipients(to.list());
            let outcomes = client.send_sms(&push).await.map_err(output::lmt_error)?;
            let mut results = Vec::new();
            let mut first_failure = None;
            for outcome in outcomes {
                let phone = outcome.phone().e164().to_owned();
                match outcome.into_result() {
                    Ok(r) => {
                        results.push(with(to_json(&r), json!({"phone": phone, "ok": true}), &[]))
                    }
                    Err(e) => {
                        let fail = output::lmt_error(e);
                        results.push(json!({"phone": phone, "ok": false, "error": fail.to_json()}));
                        // The overall error is the first unknown outcome, else the first refusal.
                        if first_failure
                            .as_ref()
                            .is_none_or(|f: &Fail| f.known_not_sent() && !fail.known_not_sent())
                        {
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
        },
    )
    .await
}

/// `sms lmt-bulksms pushes send`: the pushes platform, several numbers per request.
async fn lmt_pushes(opts: &Options, command: LmtPushesCommand) -> Result<Value, Fail> {
    let LmtPushesCommand::Send {
        to,
        from,
        text,
        flag,
        masked,
    } = command;
    let (key, secret) = (env("LMT_PUSHES_API_KEY")?, env("LMT_PUSHES_SECRET")?);
    let secrets = [key.clone(), secret.clone()];
    let timeout = opts.timeout();
    run(
        opts,
        "LMT_PUSHES_BASE_URL",
        lmt_bulksms::pushes::DEFAULT_BASE_URL,
        &secrets,
        |base| async move {
            use lmt_bulksms::pushes;
            let client =
                pushes::Client::builder(pushes::Credentials::new(key.as_str(), secret.as_str()))
                    .base_url(base)
                    .timeout(timeout)
                    .build()
                    .map_err(output::lmt_error)?;
            let numbers: Vec<String> = to
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect();
            let mut request = pushes::SendSms::new(from, text).masked_msisdn(masked);
            for n in numbers {
                request = request.to(n);
            }
            if let Some(f) = flag {
                request = request.flag(match f {
                    PushesFlag::Gsm7 => sms_primitives::Encoding::Gsm7,
                    PushesFlag::Ucs2 => sms_primitives::Encoding::Ucs2,
                });
            }
            let r = client.send_sms(&request).await.map_err(output::lmt_error)?;
            // `raw` (the whole answer) may list the numbers: not printed.
            Ok(with(to_json(&r), json!({}), &["raw"]))
        },
    )
    .await
}

// ---------------------------------------------------------------- AllMySMS

fn allmysms_send_json(r: &allmysms::SendResponse) -> Value {
    to_json(r)
}

fn ack_json(a: &allmysms::Ack) -> Value {
    with(to_json(a), json!({"status_label": a.status().label()}), &[])
}

fn allmysms_campaign(send: &crate::AllmysmsSend) -> Result<allmysms::SendSms, Fail> {
    let mut sms = allmysms::SendSms::new(send.text.clone());
    match (&send.to.to, &send.to.csv) {
        // Per-recipient parameters: the columns after the number are PARAM_1, PARAM_2…
        (_, Some(path)) => {
            for (phone, params) in crate::csvin::read(path)?.keyed() {
                sms = sms.to_with_params(phone, params.into_iter().map(|(_, v)| v));
            }
        }
        (Some(list), None) => sms = sms.recipients(split_list(list)),
        // `--to-file`: the bulk engine adds the recipients.
        (None, None) if send.to.to_file.is_some() => {}
        (None, None) => return Err(Fail::Invalid("give --to or --csv".into())),
    }
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
    if let Some(id) = &send.client_msg_id {
        sms = sms.cli_msg_id(id.clone());
    }
    if send.tracking {
        sms = sms.tracking(true);
    }
    if send.mail_notif {
        sms = sms.mail_notif(true);
    }
    if let Some(m) = &send.master_account {
        sms = sms.master_account(m.clone());
    }
    Ok(sms)
}

fn sub_account_fields<T>(
    mut data: T,
    f: SubAccountFields,
    set: impl Fn(T, &'static str, String) -> T,
    active: impl Fn(T, bool) -> T,
) -> T {
    for (name, value) in [
        ("FIRSTNAME", f.first_name),
        ("LASTNAME", f.last_name),
        ("EMAIL", f.email),
        ("SOCIETY", f.society),
        ("MOBILE", f.mobile),
        ("CITY", f.city),
        ("COUNTRY", f.country),
    ] {
        if let Some(v) = value {
            data = set(data, name, v);
        }
    }
    match f.active {
        Some(a) => active(data, a),
        None => data,
    }
}

fn sub_accounts_credits_json(list: &[allmysms::SubAccountCredits]) -> Value {
    json!({"sub_accounts": to_json(&list)})
}

fn contacts_of(path: &std::path::Path) -> Result<Vec<allmysms::Contact>, Fail> {
    Ok(crate::csvin::read(path)?
        .keyed()
        .into_iter()
        .map(|(phone, fields)| {
            fields
                .into_iter()
                .fold(allmysms::Contact::new(phone), |c, (k, v)| c.field(k, v))
        })
        .collect())
}

/// `sms allmysms rest …`: the REST API, same login and API key (Basic auth).
async fn allmysms_rest(
    base: String,
    timeout: std::time::Duration,
    credentials: allmysms::Credentials,
    command: RestCommand,
) -> Result<Value, Fail> {
    use allmysms::rest::{self, VoiceBulk};
    let e = output::allmysms_error;
    let client = allmysms_rest_client(base, timeout, credentials)?;
    let date = |at: &Option<String>| at.as_deref().map(str::parse).transpose().map_err(invalid);
    Ok(match command {
        RestCommand::Send {
            to,
            text,
            from,
            campaign,
            client_msg_id,
            at,
            simulate,
        } => {
            let mut sms = rest::SendSms::new(to, text).simulate(simulate);
            if let Some(f) = from {
                sms = sms.from(f);
            }
            if let Some(c) = campaign {
                sms = sms.campaign_name(c);
            }
            if let Some(id) = client_msg_id {
                sms = sms.cli_msg_id(id);
            }
            if let Some(d) = date(&at)? {
                sms = sms.date(d);
            }
            to_json(&client.send_sms(&sms).await.map_err(e)?)
        }
        RestCommand::Bulk {
            to,
            bulk,
            text,
            from,
            campaign,
            at,
            simulate,
        } => {
            let mut sms = rest::BulkSms::new(text).simulate(simulate);
            match (&to.to, &to.csv) {
                (_, Some(path)) => {
                    for (phone, params) in crate::csvin::read(path)?.keyed() {
                        sms = sms.to_with_params(phone, params.into_iter().map(|(_, v)| v));
                    }
                }
                (Some(list), None) => {
                    for n in split_list(list) {
                        sms = sms.to(n);
                    }
                }
                // `--to-file`: the bulk engine adds the recipients.
                (None, None) if to.to_file.is_some() => {}
                (None, None) => return Err(Fail::Invalid("give --to or --csv".into())),
            }
            if let Some(f) = from {
                sms = sms.from(f);
            }
            if let Some(c) = campaign {
                sms = sms.campaign_name(c);
            }
            if let Some(d) = date(&at)? {
                sms = sms.date(d);
            }
            if let Some(file) = &to.to_file {
                let sender = rest::BulkSender::new(client, sms.clone()).map_err(e)?;
                let job = Job::new("allmysms-rest", &sms, json!({}), sender);
                return crate::bulk::run(job, file, &bulk).await;
            }
            to_json(&client.send_bulk(&sms).await.map_err(e)?)
        }
        RestCommand::Voice {
            to,
            from,
            url,
            campaign,
            at,
            simulate,
        } => {
            let mut voice = VoiceBulk::new(from, url).simulate(simulate);
            for n in to.list() {
                voice = voice.to(n);
            }
            if let Some(c) = campaign {
                voice = voice.campaign_name(c);
            }
            if let Some(d) = date(&at)? {
                voice = voice.date(d);
            }
            to_json(&client.voice_send_bulk(&voice).await.map_err(e)?)
        }
        RestCommand::Account { sub_account } => {
            // The API key the answer carries is never serialized.
            to_json(&client.account(sub_account.as_deref()).await.map_err(e)?)
        }
        RestCommand::Ping => {
            client.ping().await.map_err(e)?;
            json!({"ping": "ok"})
        }
        RestCommand::Report { campaign } => {
            json!({"reports": to_json(&client.campaign_report(&campaign).await.map_err(e)?)})
        }
    })
}

pub(crate) async fn allmysms(opts: &Options, command: AllmysmsCommand) -> Result<Value, Fail> {
    match &command {
        AllmysmsCommand::Send(s) => bulk_allowed(opts, s.to.to_file.as_deref(), &s.bulk)?,
        AllmysmsCommand::Rest {
            command: RestCommand::Bulk { to, bulk, .. },
        } => bulk_allowed(opts, to.to_file.as_deref(), bulk)?,
        _ => {}
    }
    let (login, key) = (env("ALLMYSMS_LOGIN")?, env("ALLMYSMS_API_KEY")?);
    // A new sub-account's password comes from the environment, never the command line.
    let sub_password = std::env::var("ALLMYSMS_SUB_ACCOUNT_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let mut secrets = vec![key.clone()];
    secrets.extend(sub_password.clone());
    let timeout = opts.timeout();
    run(opts, "ALLMYSMS_BASE_URL", allmysms::DEFAULT_BASE_URL, &secrets, |base| async move {
        if let AllmysmsCommand::Rest { command } = command {
            let credentials = allmysms::Credentials::new(login.as_str(), key.as_str());
            return allmysms_rest(base, timeout, credentials, command).await;
        }
        let format = match &command {
            AllmysmsCommand::Send(s) | AllmysmsCommand::Simulate(s) => s.format,
            _ => DataFormat::Xml,
        };
        let client = allmysms_client(base, timeout, &login, &key, format)?;
        let e = output::allmysms_error;
        Ok(match command {
            AllmysmsCommand::Send(s) if s.to.to_file.is_some() => {
                let campaign = allmysms_campaign(&s)?;
                let sender = allmysms::BulkSender::new(client, campaign.clone()).map_err(e)?;
                let job = Job::reconciling("allmysms", &campaign, json!({"format": value_name(format)}), sender);
                let file = s.to.to_file.clone().unwrap_or_default();
                return crate::bulk::run(job, &file, &s.bulk).await;
            }
            AllmysmsCommand::Send(s) => allmysms_send_json(&client.send_sms(&allmysms_campaign(&s)?).await.map_err(e)?),
            AllmysmsCommand::Simulate(s) if s.to.to_file.is_some() => {
                return Err(Fail::Invalid("--to-file goes with `send` only".into()));
            }
            AllmysmsCommand::Simulate(s) => {
                to_json(&client.simulate_campaign(&allmysms_campaign(&s)?).await.map_err(e)?)
            }
            AllmysmsCommand::Acks { campaign } => {
                let r = client.get_acks(&campaign).await.map_err(e)?;
                with(to_json(&r), json!({"acks": r.acks().iter().map(ack_json).collect::<Vec<_>>()}), &[])
            }
            AllmysmsCommand::Ack { sms_id } => ack_json(&client.get_ack_by_sms_id(&sms_id).await.map_err(e)?),
            AllmysmsCommand::Replies { campaign } => {
                let pulls = match campaign {
                    Some(c) => client.get_pull(&c).await,
                    None => client.get_pulls(None).await,
                }
                .map_err(e)?;
                json!({"replies": to_json(&pulls)})
            }
            AllmysmsCommand::Info => {
                // The API key the answer carries is never serialized.
                to_json(&client.get_info().await.map_err(e)?)
            }
            AllmysmsCommand::Blacklist => {
                json!({"blacklist": to_json(&client.get_blacklist().await.map_err(e)?)})
            }
            AllmysmsCommand::Cost { country } => {
                to_json(&client.get_credits_by_country_iso_code(&country).await.map_err(e)?)
            }
            AllmysmsCommand::Simple { to, text, from, at, flash, campaign, lowcost } => {
                let mut sms = allmysms::SimpleSms::new(text).recipients(to.list());
                if let Some(f) = from {
                    sms = sms.sender(f);
                }
                if let Some(at) = at {
                    sms = sms.date(at.parse().map_err(invalid)?);
                }
                if flash {
                    sms = sms.flash(true);
                }
                if let Some(c) = campaign {
                    sms = sms.campaign(c);
                }
                if lowcost {
                    sms = sms.lowcost(true);
                }
                allmysms_send_json(&client.send_simple(&sms).await.map_err(e)?)
            }
            AllmysmsCommand::Mms { to, text, image, video, sound, campaign, at, client_msg_id } => {
                let content = match (image, video, sound) {
                    (Some(u), _, _) => allmysms::MmsContent::Image(u),
                    (_, Some(u), _) => allmysms::MmsContent::Video(u),
                    (_, _, Some(u)) => allmysms::MmsContent::Sound(u),
                    _ => allmysms::MmsContent::Text,
                };
                let mut mms = allmysms::SendMms::new(text, content);
                for n in to.list() {
                    mms = mms.to(n);
                }
                if let Some(c) = campaign {
                    mms = mms.campaign_name(c);
                }
                if let Some(at) = at {
                    mms = mms.date(at.parse().map_err(invalid)?);
                }
                if let Some(id) = client_msg_id {
                    mms = mms.cli_msg_id(id);
                }
                allmysms_send_json(&client.send_mms(&mms).await.map_err(e)?)
            }
            AllmysmsCommand::Email { from, to, subject, html, alias, mail_text, reply_to, campaign } => {
                let mut mail = allmysms::SendEmail::new(from, to, subject, html);
                if let Some(a) = alias {
                    mail = mail.alias(a);
                }
                if let Some(t) = mail_text {
                    mail = mail.mail_text(t);
                }
                if let Some(r) = reply_to {
                    mail = mail.reply_to(r);
                }
                if let Some(c) = campaign {
                    mail = mail.campaign_name(c);
                }
                client.send_email(&mail).await.map_err(e)?
            }
            AllmysmsCommand::DeleteCampaign { campaign } => {
                client.delete_campaign(&campaign).await.map_err(e)?;
                json!({"deleted": campaign})
            }
            AllmysmsCommand::ShortenUrl { url } => {
                to_json(&client.shorten_url(&url).await.map_err(e)?)
            }
            AllmysmsCommand::Stats { campaign } => {
                to_json(&client.get_campaign_stats(&campaign).await.map_err(e)?)
            }
            AllmysmsCommand::SubAccounts { command } => match command {
                SubAccountsCommand::List => {
                    let list = client.get_sub_accounts().await.map_err(e)?;
                    // `raw` (the whole object) may carry more than the documented fields: not printed.
                    json!({"sub_accounts": list.iter().map(|a| with(to_json(a), json!({}), &["raw"])).collect::<Vec<_>>()})
                }
                SubAccountsCommand::Create { login: sub, fields, profile, postpaid, send_email_to_customer } => {
                    let password = sub_password.clone().ok_or_else(|| Fail::Invalid("set ALLMYSMS_SUB_ACCOUNT_PASSWORD".into()))?;
                    let first = fields.first_name.clone().unwrap_or_default();
                    let last = fields.last_name.clone().unwrap_or_default();
                    let email = fields.email.clone().unwrap_or_default();
                    let mut data = allmysms::SubAccountData::new(sub, password, first, last, email);
                    data = sub_account_fields(data, fields, |d, k, v| match k {
                        "SOCIETY" => d.society(v),
                        "MOBILE" => d.mobile(v),
                        "CITY" => d.city(v),
                        "COUNTRY" => d.country(v),
                        _ => d,
                    }, allmysms::SubAccountData::active);
                    if let Some(p) = profile {
                        data = data.profile(p);
                    }
                    data = data.postpaid(postpaid).send_email_to_customer(send_email_to_customer);
                    json!({"status": client.create_sub_account(&data).await.map_err(e)?})
                }
                SubAccountsCommand::Update { login: sub, fields } => {
                    let mut changes = allmysms::SubAccountUpdate::new();
                    if let Some(p) = sub_password.clone() {
                        changes = changes.password(p);
                    }
                    changes = sub_account_fields(changes, fields, |d, k, v| match k {
                        "FIRSTNAME" => d.first_name(v),
                        "LASTNAME" => d.last_name(v),
                        "EMAIL" => d.email(v),
                        "SOCIETY" => d.society(v),
                        "MOBILE" => d.mobile(v),
                        "CITY" => d.city(v),
                        "COUNTRY" => d.country(v),
                        _ => d,
                    }, allmysms::SubAccountUpdate::active);
                    json!({"status": client.update_sub_account(&sub, &changes).await.map_err(e)?})
                }
                SubAccountsCommand::Credits { login: sub, credits } => {
                    sub_accounts_credits_json(&client.manage_sub_account_credits(&sub, credits).await.map_err(e)?)
                }
                SubAccountsCommand::Delete { login: sub } => {
                    sub_accounts_credits_json(&client.delete_sub_account(&sub).await.map_err(e)?)
                }
            },
            AllmysmsCommand::Lists { command } => match command {
                ListsCommand::List => {
                    json!({"lists": to_json(&client.get_lists().await.map_err(e)?)})
                }
                ListsCommand::Create { name, fields, locked } => {
                    let structure: Vec<allmysms::ListField> =
                        fields.into_iter().map(|f| allmysms::ListField::new(f, false, false)).collect();
                    json!({"status": client.create_list(&name, locked, &structure).await.map_err(e)?})
                }
                ListsCommand::Populate { name, csv } => {
                    to_json(&client.populate_list(&name, &contacts_of(&csv)?).await.map_err(e)?)
                }
                ListsCommand::DeleteContacts { name, csv } => {
                    to_json(&client.delete_contacts(&name, &contacts_of(&csv)?).await.map_err(e)?)
                }
                ListsCommand::Delete { name } => json!({"status": client.delete_list(&name).await.map_err(e)?}),
                ListsCommand::Contacts { name } => {
                    json!({"contacts": to_json(&client.get_contacts(&name).await.map_err(e)?)})
                }
            },
            // Served by `allmysms_rest` before the v9 client is built.
            AllmysmsCommand::Rest { .. } => return Err(Fail::Invalid("unreachable".into())),
        })
    })
    .await
}

// ---------------------------------------------------------------- smsadvert

pub(crate) async fn smsadvert(opts: &Options, command: SmsadvertCommand) -> Result<Value, Fail> {
    let token = env("SMSADVERT_TOKEN")?;
    let SmsadvertCommand::Send {
        to,
        bulk,
        text,
        route,
        start,
        end,
        callback,
    } = command;
    bulk_allowed(opts, to.to_file.as_deref(), &bulk)?;
    let secrets = [token.clone()];
    let timeout = opts.timeout();
    run(
        opts,
        "SMSADVERT_BASE_URL",
        smsadvert::Host::Io.base_url(),
        &secrets,
        |base| async move {
            let client = smsadvert_client(base, timeout, &token)?;
            let mut req = smsadvert::SendSms::new(text).route(match route {
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
            if let Some(file) = &to.to_file {
                let sender = smsadvert::BulkSender::new(client, req.clone())
                    .map_err(output::smsadvert_error)?;
                let job = Job::new("smsadvert", &req, json!({}), sender);
                return crate::bulk::run(job, file, &bulk).await;
            }
            let req = req.recipients(to.list());
            Ok(to_json(
                &client
                    .send_sms(&req)
                    .await
                    .map_err(output::smsadvert_error)?,
            ))
        },
    )
    .await
}

// ---------------------------------------------------------------- SMSECO

pub(crate) async fn smseco(opts: &Options, command: SmsecoCommand) -> Result<Value, Fail> {
    if let SmsecoCommand::Send { to, bulk, .. } = &command {
        bulk_allowed(opts, to.to_file.as_deref(), bulk)?;
    }
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
        let client = smseco_client(base, timeout, &login, &password, format)?;
        let e = output::smseco_error;
        Ok(match command {
            SmsecoCommand::Send { to, bulk, from, text, at, flash, unicode, msgid, binary, mwi, pid, rpi, alt_dcs, udh, .. } => {
                let mut sms = smseco::SendSms::new(from, text);
                match (&to.to, &to.merge) {
                    // Mail merge: each column after the number is a placeholder.
                    (_, Some(path)) => {
                        for (numero, datas) in crate::csvin::read(path)?.keyed() {
                            sms = sms.to_with_data(numero, datas);
                        }
                    }
                    (Some(list), None) => sms = sms.recipients(split_list(list)),
                    // `--to-file`: the bulk engine adds the recipients.
                    (None, None) if to.to_file.is_some() => {}
                    (None, None) => return Err(Fail::Invalid("give --to or --merge".into())),
                }
                if binary {
                    sms = sms.binary(true);
                }
                if let Some(v) = mwi {
                    sms = sms.mwi(v);
                }
                if let Some(v) = pid {
                    sms = sms.pid(v);
                }
                if let Some(v) = rpi {
                    sms = sms.rpi(v);
                }
                if let Some(v) = alt_dcs {
                    sms = sms.alt_dcs(v);
                }
                if let Some(v) = udh {
                    sms = sms.udhdata(v);
                }
                if let Some(at) = at {
                    sms = sms.send_date(at.parse().map_err(invalid)?);
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
                if let Some(file) = &to.to_file {
                    let sender = smseco::BulkSender::new(client, sms.clone()).map_err(e)?;
                    let job = Job::reconciling("smseco", &sms, json!({"format": value_name(format)}), sender);
                    return crate::bulk::run(job, file, &bulk).await;
                }
                to_json(&client.send_sms(&sms).await.map_err(e)?)
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
                // Each report with its status's label and billing, for the reader.
                let dlr = |d: &smseco::Dlr| {
                    let s = d.status();
                    with(to_json(d), json!({"label": s.french_label(), "billed": s.is_billed(), "final": s.is_final()}), &[])
                };
                let messages: Vec<Value> = r.messages().iter().map(|m| {
                    with(to_json(m), json!({"dlrs": m.dlrs().iter().map(dlr).collect::<Vec<_>>()}), &[])
                }).collect();
                with(to_json(&r), json!({"messages": messages}), &[])
            }
            SmsecoCommand::Balance { .. } => {
                to_json(&client.get_balance().await.map_err(e)?)
            }
            SmsecoCommand::Senders { .. } => {
                to_json(&client.get_senders().await.map_err(e)?)
            }
            SmsecoCommand::Hlr { to, msgid, .. } => {
                let mut h = smseco::HlrRequest::new().recipients(to.list());
                if let Some(m) = msgid {
                    h = h.msgid(m);
                }
                to_json(&client.send_hlr(&h).await.map_err(e)?)
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
    if let ConnectMobileCommand::Send { to, bulk, .. } = &command {
        bulk_allowed(opts, to.to_file.as_deref(), bulk)?;
    }
    let (login, password) = (
        env("CONNECT_MOBILE_LOGIN")?,
        env("CONNECT_MOBILE_API_PASSWORD")?,
    );
    let secrets = [password.clone()];
    let timeout = opts.timeout();
    run(opts, "CONNECT_MOBILE_BASE_URL", connect_mobile::DEFAULT_BASE_URL, &secrets, |base| async move {
        let get = matches!(command, ConnectMobileCommand::Send { get: true, .. });
        let client = connect_mobile_client(base, timeout, &login, &password, get)?;
        let e = output::connect_mobile_error;
        Ok(match command {
            ConnectMobileCommand::Send { to, bulk, from, text, flash, sender_type, callback, .. } => {
                let mut req = connect_mobile::SendSms::new(from, text).callback(callback);
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
                if let Some(file) = &to.to_file {
                    let sender = connect_mobile::BulkSender::new(client, req.clone()).map_err(e)?;
                    let job = Job::reconciling("connect-mobile", &req, json!({"get": get}), sender);
                    return crate::bulk::run(job, file, &bulk).await;
                }
                let req = req.recipients(to.list());
                let delivered = req.message_as_delivered().into_owned();
                let r = client.send_sms(&req).await.map_err(e)?;
                json!({"message_ids": to_json(&r.message_ids()), "text_as_delivered": delivered})
            }
            ConnectMobileCommand::Status { msgid } => {
                let id = connect_mobile::MessageId::new(msgid).map_err(invalid)?;
                let s = client.status(&id).await.map_err(e)?;
                json!({"status": to_json(&s), "label": s.french_text(), "delivered": s.is_delivered()})
            }
            ConnectMobileCommand::Balance => {
                // A whole number is an integer in the JSON, a fraction a decimal.
                json!({"sms": to_json(&client.balance().await.map_err(e)?)})
            }
        })
    })
    .await
}

// ---------------------------------------------------------------- clients

type Timeout = std::time::Duration;

fn lmt_client(
    base: String,
    timeout: Timeout,
    key: &str,
    password: &str,
) -> Result<lmt_bulksms::Client, Fail> {
    lmt_bulksms::Client::builder(lmt_bulksms::Credentials::new(key, password))
        .base_url(base)
        .timeout(timeout)
        .build()
        .map_err(output::lmt_error)
}

fn allmysms_client(
    base: String,
    timeout: Timeout,
    login: &str,
    key: &str,
    format: DataFormat,
) -> Result<allmysms::Client, Fail> {
    allmysms::Client::builder(allmysms::Credentials::new(login, key))
        .base_url(base)
        .timeout(timeout)
        .sms_data_format(match format {
            DataFormat::Xml => allmysms::SmsDataFormat::Xml,
            DataFormat::Json => allmysms::SmsDataFormat::Json,
        })
        .build()
        .map_err(output::allmysms_error)
}

fn allmysms_rest_client(
    base: String,
    timeout: Timeout,
    credentials: allmysms::Credentials,
) -> Result<allmysms::rest::Client, Fail> {
    allmysms::rest::Client::builder(credentials)
        .base_url(base)
        .timeout(timeout)
        .build()
        .map_err(output::allmysms_error)
}

fn smsadvert_client(
    base: String,
    timeout: Timeout,
    token: &str,
) -> Result<smsadvert::Client, Fail> {
    smsadvert::Client::builder(token)
        .base_url(base)
        .timeout(timeout)
        .build()
        .map_err(output::smsadvert_error)
}

fn smseco_client(
    base: String,
    timeout: Timeout,
    login: &str,
    password: &str,
    format: SmsecoFormat,
) -> Result<smseco::Client, Fail> {
    smseco::Client::builder(smseco::Credentials::new(login, password))
        .base_url(base)
        .timeout(timeout)
        .format(match format {
            SmsecoFormat::Xml => smseco::Format::Xml,
            SmsecoFormat::Json => smseco::Format::Json,
            SmsecoFormat::Get => smseco::Format::Get(smseco::OutputFormat::Xml),
            SmsecoFormat::GetJson => smseco::Format::Get(smseco::OutputFormat::Json),
        })
        .build()
        .map_err(output::smseco_error)
}

fn connect_mobile_client(
    base: String,
    timeout: Timeout,
    login: &str,
    password: &str,
    get: bool,
) -> Result<connect_mobile::Client, Fail> {
    connect_mobile::Client::builder(connect_mobile::Credentials::new(login, password))
        .base_url(base)
        .timeout(timeout)
        .method(if get {
            connect_mobile::HttpMethod::Get
        } else {
            connect_mobile::HttpMethod::Post
        })
        .build()
        .map_err(output::connect_mobile_error)
}

/// A `--format`-like option's name on the command line.
fn value_name(v: impl clap::ValueEnum) -> String {
    v.to_possible_value()
        .map(|p| p.get_name().to_owned())
        .unwrap_or_default()
}

/// The stored name of a `--format`-like option, read back.
fn from_name<T: clap::ValueEnum>(
    campaign: &sms_outbox::Campaign,
    name: &str,
) -> Result<Option<T>, Fail> {
    crate::outbox::client_option(campaign, name)
        .and_then(Value::as_str)
        .map(|v| {
            T::from_str(v, false).map_err(|_| {
                Fail::Invalid(format!("campaign {:?}: {name} {v:?} unknown", campaign.id))
            })
        })
        .transpose()
}

// ---------------------------------------------------------------- outbox

/// The sender of an outbox campaign, rebuilt from its stored request and options, with
/// the credentials of the provider's environment variables (`sms outbox run`).
pub(crate) async fn outbox_job(opts: &Options, c: &sms_outbox::Campaign) -> Result<Job, Fail> {
    use crate::outbox::request;
    if opts.dry_run {
        return Err(Fail::Invalid("--dry-run does not go with an outbox".into()));
    }
    let timeout = opts.timeout();
    let base = |env_base: &str, default: &str| {
        opts.base_url
            .clone()
            .or_else(|| std::env::var(env_base).ok().filter(|v| !v.is_empty()))
            .unwrap_or_else(|| default.to_owned())
    };
    Ok(match c.provider.as_str() {
        "lmt-bulksms" => {
            let (key, password) = (env("LMT_BULKSMS_API_KEY")?, env("LMT_BULKSMS_PASSWORD")?);
            output::hide(&[key.clone(), password.clone()]);
            let client = lmt_client(
                base("LMT_BULKSMS_BASE_URL", lmt_bulksms::DEFAULT_BASE_URL),
                timeout,
                &key,
                &password,
            )?;
            let push: lmt_bulksms::SendSms = request(c)?;
            let sender =
                lmt_bulksms::BulkSender::new(client, push.clone()).map_err(output::lmt_error)?;
            Job::new("lmt-bulksms", &push, json!({}), sender)
        }
        provider @ ("allmysms" | "allmysms-rest") => {
            let (login, key) = (env("ALLMYSMS_LOGIN")?, env("ALLMYSMS_API_KEY")?);
            output::hide(std::slice::from_ref(&key));
            let base = base("ALLMYSMS_BASE_URL", allmysms::DEFAULT_BASE_URL);
            if provider == "allmysms-rest" {
                let client = allmysms_rest_client(
                    base,
                    timeout,
                    allmysms::Credentials::new(login.as_str(), key.as_str()),
                )?;
                let sms: allmysms::rest::BulkSms = request(c)?;
                let sender = allmysms::rest::BulkSender::new(client, sms.clone())
                    .map_err(output::allmysms_error)?;
                Job::new("allmysms-rest", &sms, json!({}), sender)
            } else {
                let format = from_name(c, "format")?.unwrap_or(DataFormat::Xml);
                let client = allmysms_client(base, timeout, &login, &key, format)?;
                let sms: allmysms::SendSms = request(c)?;
                let sender = allmysms::BulkSender::new(client, sms.clone())
                    .map_err(output::allmysms_error)?;
                Job::reconciling(
                    "allmysms",
                    &sms,
                    json!({"format": value_name(format)}),
                    sender,
                )
            }
        }
        "smsadvert" => {
            let token = env("SMSADVERT_TOKEN")?;
            output::hide(std::slice::from_ref(&token));
            let client = smsadvert_client(
                base("SMSADVERT_BASE_URL", smsadvert::Host::Io.base_url()),
                timeout,
                &token,
            )?;
            let req: smsadvert::SendSms = request(c)?;
            let sender =
                smsadvert::BulkSender::new(client, req.clone()).map_err(output::smsadvert_error)?;
            Job::new("smsadvert", &req, json!({}), sender)
        }
        "smseco" => {
            let (login, password) = (env("SMSECO_LOGIN")?, env("SMSECO_PASSWORD")?);
            output::hide(std::slice::from_ref(&password));
            let format = from_name(c, "format")?.unwrap_or(SmsecoFormat::Xml);
            let client = smseco_client(
                base("SMSECO_BASE_URL", smseco::DEFAULT_BASE_URL),
                timeout,
                &login,
                &password,
                format,
            )?;
            let sms: smseco::SendSms = request(c)?;
            let sender =
                smseco::BulkSender::new(client, sms.clone()).map_err(output::smseco_error)?;
            Job::reconciling(
                "smseco",
                &sms,
                json!({"format": value_name(format)}),
                sender,
            )
        }
        "connect-mobile" => {
            let (login, password) = (
                env("CONNECT_MOBILE_LOGIN")?,
                env("CONNECT_MOBILE_API_PASSWORD")?,
            );
            output::hide(std::slice::from_ref(&password));
            let get = crate::outbox::client_option(c, "get")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let client = connect_mobile_client(
                base("CONNECT_MOBILE_BASE_URL", connect_mobile::DEFAULT_BASE_URL),
                timeout,
                &login,
                &password,
                get,
            )?;
            let req: connect_mobile::SendSms = request(c)?;
            let sender = connect_mobile::BulkSender::new(client, req.clone())
                .map_err(output::connect_mobile_error)?;
            Job::reconciling("connect-mobile", &req, json!({"get": get}), sender)
        }
        other => {
            return Err(Fail::Invalid(format!(
                "campaign {:?}: {other:?} is not a provider this tool sends with",
                c.id
            )));
        }
    })
}
