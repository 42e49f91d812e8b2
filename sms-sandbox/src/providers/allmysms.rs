//! AllMySMS HTTP API v9: `POST` (or `GET`) `/http/9.0/<method>/` with `login`, `apiKey`,
//! `returnformat`, and the method's parameters (`smsData`, `campId`…).
//!
//! Magic recipients: `336990001NN` → send status `1NN` (e.g. `33699000103`: credit
//! exhausted). Credits: 15 per segment and recipient.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Map, Value, json};
use sms_primitives::Region;

use super::{form, international, new_id, param, segments};
use crate::Provider;
use crate::state::{ContactList, Shared, Status, SubAccount, datetime_of, now_ms};
use crate::xml::{text as text_of, xml_to_tree};

/// Credits per segment and recipient ("15 credits = 1 French SMS" in public clients).
pub(crate) const CREDITS_PER_SEGMENT: i64 = 15;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/http/{version}/", post(simple_post).get(simple_get))
        .route(
            "/http/{version}/{method}/",
            post(method_post).get(method_get),
        )
        .route(
            "/http/{version}/{method}",
            post(method_post).get(method_get),
        )
}

fn status_text(code: u16) -> &'static str {
    match code {
        100 => "Your messages have been sent",
        101 => "The message has been scheduled",
        102 => "Problème de connexion - Aucun compte ne correspond aux login et apiKey spécifiés",
        103 => "Crédit SMS épuisé. Veuillez re-créditer votre compte sur AllMySMS.com",
        104 => {
            "Crédit insuffisant pour traiter cet envoi. Veuillez re-créditer votre compte sur AllMySMS.com"
        }
        105 => "Flux XML Vide",
        106 => "Flux XML invalide ou incomplet après la balise DATA",
        110 => "Message non défini (vide) dans le flux XML",
        111 => "Le message dépasse 640 caractères",
        113 => "Certains numéros de téléphone sont invalides ou non pris en charge",
        114 => "Aucun numéro de téléphone valide dans le flux",
        115 => "Flux XML invalide ou date mal formatée entre les balises DATE et /DATE",
        117 => "Balise URL - Lien trop long, dépasse les 80 caractères",
        118 => "Le compte maître spécifié n'existe pas",
        _ => "Flux XML invalide ou incomplet après la balise",
    }
}

/// Answers in the requested `returnformat` (XML without it, as the documentation's
/// samples that parse XML suggest).
fn reply(json_out: bool, body: Value) -> Response {
    if json_out {
        return axum::Json(body).into_response();
    }
    fn write(v: &Value, name: &str, out: &mut String) {
        match v {
            Value::Object(m) => {
                out.push_str(&format!("<{name}>"));
                for (k, v) in m {
                    write(v, k, out);
                }
                out.push_str(&format!("</{name}>"));
            }
            Value::Array(items) => {
                for item in items {
                    write(item, name, out);
                }
            }
            other => {
                let t = match other {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    v => v.to_string(),
                };
                out.push_str(&format!(
                    "<{name}>{}</{name}>",
                    t.replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;")
                ));
            }
        }
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    write(&body, "response", &mut out);
    ([(header::CONTENT_TYPE, "text/xml; charset=UTF-8")], out).into_response()
}

fn error(json_out: bool, code: u16) -> Response {
    reply(
        json_out,
        json!({"status": code, "statusText": status_text(code)}),
    )
}

struct Call {
    params: Vec<(String, String)>,
    json_out: bool,
}

impl Call {
    fn get(&self, name: &str) -> Option<&str> {
        param(&self.params, name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }
}

fn call_of(mut params: Vec<(String, String)>, query: Option<String>) -> Call {
    params.extend(form(query.unwrap_or_default().as_bytes()));
    let json_out = param(&params, "returnformat").is_some_and(|f| f.eq_ignore_ascii_case("json"));
    Call { params, json_out }
}

async fn method_post(
    State(shared): State<Shared>,
    Path((_v, method)): Path<(String, String)>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    handle(&shared, &method, call_of(form(&body), q))
}

async fn method_get(
    State(shared): State<Shared>,
    Path((_v, method)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    handle(&shared, &method, call_of(Vec::new(), q))
}

async fn simple_post(
    State(shared): State<Shared>,
    Path(_v): Path<String>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    handle(&shared, "", call_of(form(&body), q))
}

async fn simple_get(
    State(shared): State<Shared>,
    Path(_v): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    handle(&shared, "", call_of(Vec::new(), q))
}

fn handle(shared: &Shared, method: &str, call: Call) -> Response {
    {
        let inner = shared.lock();
        let a = &inner.accounts;
        if call.get("login") != Some(a.allmysms_login.as_str())
            || call.get("apiKey") != Some(a.allmysms_api_key.as_str())
        {
            return error(call.json_out, 102);
        }
    }
    match method {
        "sendSms" | "simulateCampaign" | "sendMms" => campaign(shared, &call, method),
        "" => simple(shared, &call),
        "getAcks" | "getAckBySmsId" => acks(shared, &call, method == "getAckBySmsId"),
        "getPulls" | "getPull" | "getPullBySmsId" => pulls(shared, &call, method),
        "getInfo" => info(shared, &call),
        "getBlacklist" => {
            let list: Vec<Value> = shared
                .lock()
                .blacklist
                .iter()
                .map(|(p, c, d)| json!({"phoneNumber": p, "comment": c, "receptionDate": d}))
                .collect();
            reply(call.json_out, json!({ "blacklist": list }))
        }
        "deleteCampaign" => {
            let camp = call.get("campId").unwrap_or_default().to_owned();
            let mut inner = shared.lock();
            let exists = inner
                .messages
                .iter()
                .any(|m| m.id_of("campaignId") == Some(camp.as_str()));
            if exists {
                inner.deleted_campaigns.push(camp);
                reply(call.json_out, json!({"status": "OK"}))
            } else {
                reply(
                    call.json_out,
                    json!({"status": "KO", "statusText": "unknown campaign"}),
                )
            }
        }
        "getCreditsByCountryIsoCode" => {
            let iso = call
                .get("countryIsoCode")
                .unwrap_or("FR")
                .to_ascii_uppercase();
            let credits = if iso == "FR" { 15 } else { 20 };
            reply(
                call.json_out,
                json!({"isoCode": iso, "nbCredits": credits.to_string()}),
            )
        }
        "shortenUrl" => {
            let url = call.get("url").unwrap_or_default().to_owned();
            let short = format!("http://bs.ms/{}", new_id(shared, "").replace('-', ""));
            reply(call.json_out, json!({"url": url, "shortUrl": short}))
        }
        "getCampaignStats" => stats(shared, &call),
        "createSubAccount"
        | "updateSubAccount"
        | "getSubAccounts"
        | "manageSubAccountCredits"
        | "deleteSubAccount" => sub_accounts(shared, &call, method),
        "createList" | "populateList" | "deleteContacts" | "deleteList" | "getLists"
        | "getContacts" => lists(shared, &call, method),
        "sendEmail" => {
            let data = call.get("emailData").and_then(data_of);
            match data {
                Some(d)
                    if ["FROM", "TO", "SUBJECT", "HTML"]
                        .iter()
                        .all(|k| text_of(d.get(*k)).is_some_and(|v| !v.is_empty())) =>
                {
                    reply(
                        call.json_out,
                        json!({"status": 100, "statusText": "Your e-mails have been sent", "campaignId": new_id(shared, "em_")}),
                    )
                }
                Some(_) => error(call.json_out, 106),
                None => error(call.json_out, 105),
            }
        }
        _ => reply(
            call.json_out,
            json!({"status": 106, "statusText": "unknown method"}),
        ),
    }
}

/// A `*Data` parameter: `<DATA>…</DATA>` or `{"DATA": {…}}`.
fn data_of(raw: &str) -> Option<Map<String, Value>> {
    let raw = raw.trim();
    let root = if raw.starts_with('<') {
        let (name, v) = xml_to_tree(raw)?;
        if name != "DATA" {
            return None;
        }
        v
    } else {
        serde_json::from_str::<Value>(raw)
            .ok()?
            .get("DATA")?
            .clone()
    };
    root.as_object().cloned()
}

/// The entries of a list field, XML (repeated element) or JSON (array).
fn entries<'a>(data: &'a Map<String, Value>, key: &str) -> Vec<&'a Map<String, Value>> {
    match data.get(key) {
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
        Some(Value::Object(o)) => vec![o],
        _ => Vec::new(),
    }
}

fn campaign(shared: &Shared, call: &Call, method: &str) -> Response {
    let key = if method == "sendMms" {
        "mmsData"
    } else {
        "smsData"
    };
    let Some(raw) = call.get(key) else {
        return error(call.json_out, 105);
    };
    let Some(data) = data_of(raw) else {
        return error(call.json_out, 106);
    };
    let message = data
        .get("MESSAGE")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| text_of(data.get("MESSAGE")))
        .unwrap_or_default();
    if message.trim().is_empty() {
        return error(call.json_out, 110);
    }
    if message.chars().count() > 640 {
        return error(call.json_out, 111);
    }
    let date = text_of(data.get("DATE")).filter(|d| !d.is_empty());
    if let Some(d) = &date
        && d.parse::<sms_primitives::datetime::DateTime>().is_err()
    {
        return error(call.json_out, 115);
    }
    let login = shared.lock().accounts.allmysms_login.clone();
    if let Some(master) = text_of(data.get("MASTERACCOUNT")).filter(|m| !m.is_empty())
        && master != login
    {
        return error(call.json_out, 118);
    }
    let list_key = if method == "sendMms" { "MMS" } else { "SMS" };
    // Per-recipient parameters need `DYNAMIC` (their number), as documented: without
    // it the feed is invalid.
    let uses_params = entries(&data, list_key)
        .iter()
        .any(|sms| sms.keys().any(|k| k.starts_with("PARAM_")));
    let dynamic = text_of(data.get("DYNAMIC")).and_then(|d| d.parse::<u32>().ok());
    if uses_params && dynamic.is_none_or(|d| d == 0) {
        return reply(
            call.json_out,
            json!({"status": 107, "statusText": "Flux XML invalide ou incomplet après la balise DYNAMIC"}),
        );
    }
    let tpoa = text_of(data.get("TPOA")).filter(|t| !t.is_empty());
    let mut valid: Vec<(String, String)> = Vec::new();
    let mut invalid: Vec<String> = Vec::new();
    for sms in entries(&data, list_key) {
        let raw_phone = text_of(sms.get("MOBILEPHONE")).unwrap_or_default();
        let Some(n) = international(
            &format!("+{}", raw_phone.trim_start_matches('+')),
            Region::FR,
        ) else {
            invalid.push(raw_phone);
            continue;
        };
        if let Some(code) = n
            .strip_prefix("336990001")
            .and_then(|c| c.parse::<u16>().ok())
        {
            return error(call.json_out, 100 + code);
        }
        let mut text = message.clone();
        for (k, v) in sms {
            if let Some(i) = k.strip_prefix("PARAM_") {
                text = text.replace(
                    &format!("#param_{i}#"),
                    &text_of(Some(v)).unwrap_or_default(),
                );
            }
        }
        if !valid.iter().any(|(v, _)| *v == n) {
            valid.push((n, text));
        }
    }
    if valid.is_empty() {
        return error(call.json_out, 114);
    }
    let cost: i64 = valid
        .iter()
        .map(|(_, t)| segments(t) * CREDITS_PER_SEGMENT)
        .sum();
    let nb_sms: i64 = valid.iter().map(|(_, t)| segments(t)).sum();
    if method == "simulateCampaign" {
        return reply(
            call.json_out,
            json!({"status": 100, "statusText": "Simulation", "invalidNumbers": invalid.join("|"),
            "nbCredits": cost, "nbContacts": valid.len(), "nbSms": nb_sms}),
        );
    }
    let left = {
        let mut inner = shared.lock();
        if inner.accounts.allmysms_credits <= 0 {
            return error(call.json_out, 103);
        }
        if !Shared::charge(&mut inner.accounts.allmysms_credits, cost) {
            return error(call.json_out, 104);
        }
        inner.accounts.allmysms_credits
    };
    let campaign_id = new_id(shared, "ap_");
    let scheduled = date.is_some();
    let mut sms_ids = Vec::new();
    for (n, text) in &valid {
        let sms_id = new_id(shared, "");
        let mut ids = BTreeMap::new();
        ids.insert("smsId".into(), sms_id.clone());
        ids.insert("campaignId".into(), campaign_id.clone());
        let mut details = BTreeMap::new();
        for k in [
            "CAMPAIGN_NAME",
            "DATE",
            "FLASH",
            "MAIL_NOTIF",
            "CLIMSGID",
            "TRACKING",
            "MSGCLASS",
            "IMAGE",
            "VIDEO",
            "SOUND",
        ] {
            if let Some(v) = text_of(data.get(k)).filter(|v| !v.is_empty()) {
                details.insert(k.into(), v);
            }
        }
        // A custom sender is honoured for French numbers only with "STOP au 36180".
        let sender = match &tpoa {
            Some(t) if !n.starts_with("33") || text.to_lowercase().contains("stop au 36180") => {
                t.clone()
            }
            _ => "36180".to_owned(),
        };
        shared.record(
            Provider::Allmysms,
            Some(&sender),
            n,
            text,
            ids,
            details,
            None,
        );
        sms_ids.push(json!({"phoneNumber": n, "smsId": sms_id}));
    }
    let status = if scheduled { 101 } else { 100 };
    reply(
        call.json_out,
        json!({
            "status": status, "statusText": status_text(status), "invalidNumbers": invalid.join("|"),
            "campaignId": campaign_id, "credits": left.to_string(), "creditsUsed": cost.to_string(),
            "nbContacts": valid.len().to_string(), "nbSms": nb_sms.to_string(), "smsIds": sms_ids
        }),
    )
}

fn simple(shared: &Shared, call: &Call) -> Response {
    let message = call.get("message").unwrap_or_default().to_owned();
    let mobiles: Vec<String> = call
        .get("mobile")
        .unwrap_or_default()
        .split(';')
        .map(|m| json!({"MOBILEPHONE": m.trim()}))
        .map(|v| v.to_string())
        .collect();
    let sms: Vec<Value> = mobiles
        .iter()
        .filter_map(|m| serde_json::from_str(m).ok())
        .collect();
    let mut data = Map::new();
    data.insert("MESSAGE".into(), Value::String(message));
    for (from, to) in [
        ("tpoa", "TPOA"),
        ("date", "DATE"),
        ("campaign", "CAMPAIGN_NAME"),
        ("flash", "FLASH"),
    ] {
        if let Some(v) = call.get(from) {
            data.insert(to.into(), Value::String(v.to_owned()));
        }
    }
    data.insert("SMS".into(), Value::Array(sms));
    let mut params = call.params.clone();
    params.push(("smsData".into(), json!({ "DATA": data }).to_string()));
    let inner_call = Call {
        params,
        json_out: call.json_out,
    };
    campaign(shared, &inner_call, "sendSms")
}

fn ack_of(m: &crate::state::Message) -> Value {
    let (status, comment) = match m.status {
        Status::Delivered => ("1", "Delivered"),
        Status::Failed => ("2", "Not delivered"),
        Status::Queued => ("3", "Transmitted to operator"),
    };
    // `statut`, as the documentation's sample spells it.
    json!({"phoneNumber": m.recipient, "statut": status, "comment": comment,
        "receptionDate": m.delivered_at_ms.map(datetime_of).unwrap_or_default()})
}

fn acks(shared: &Shared, call: &Call, by_sms_id: bool) -> Response {
    let inner = shared.lock();
    let mine = inner
        .messages
        .iter()
        .filter(|m| m.provider == Provider::Allmysms);
    if by_sms_id {
        let id = call.get("smsId").unwrap_or_default();
        return match mine.clone().find(|m| m.id_of("smsId") == Some(id)) {
            Some(m) => reply(call.json_out, ack_of(m)),
            None => reply(
                call.json_out,
                json!({"status": 106, "statusText": "unknown smsId"}),
            ),
        };
    }
    let camp = call.get("campId").unwrap_or_default();
    let list: Vec<&crate::state::Message> = mine
        .filter(|m| m.id_of("campaignId") == Some(camp))
        .collect();
    let cli = list
        .first()
        .and_then(|m| m.details.get("CLIMSGID").cloned())
        .unwrap_or_default();
    let acks: Vec<Value> = list.into_iter().map(ack_of).collect();
    reply(call.json_out, json!({"acks": acks, "cliMsgId": cli}))
}

fn pulls(shared: &Shared, call: &Call, method: &str) -> Response {
    let inner = shared.lock();
    let original = |r: &crate::state::Reply| r.in_reply_to.and_then(|id| inner.message(id));
    let to_json = |r: &crate::state::Reply, with_id: bool| {
        let o = original(r);
        let mut v = json!({"phoneNumber": r.from, "campaignId": o.and_then(|m| m.id_of("campaignId")).unwrap_or_default(),
            "message": r.text, "receptionDate": datetime_of(r.received_at_ms)});
        if with_id && let Some(o) = v.as_object_mut() {
            o.insert("id".into(), json!(r.id.to_string()));
        }
        v
    };
    let mine: Vec<&crate::state::Reply> = inner
        .replies
        .iter()
        .filter(|r| r.provider == Provider::Allmysms)
        .collect();
    match method {
        "getPullBySmsId" => {
            let id = call.get("smsId").unwrap_or_default();
            match mine
                .iter()
                .find(|r| original(r).and_then(|m| m.id_of("smsId")) == Some(id))
            {
                Some(r) => reply(call.json_out, to_json(r, false)),
                None => reply(
                    call.json_out,
                    json!({"status": 106, "statusText": "no reply"}),
                ),
            }
        }
        "getPull" => {
            let camp = call.get("campId").unwrap_or_default();
            let mos: Vec<Value> = mine
                .iter()
                .filter(|r| original(r).and_then(|m| m.id_of("campaignId")) == Some(camp))
                .map(|r| to_json(r, true))
                .collect();
            reply(call.json_out, json!({ "mos": mos }))
        }
        _ => {
            let limit = call
                .get("limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(1000usize);
            let mos: Vec<Value> = mine
                .iter()
                .rev()
                .take(limit)
                .map(|r| to_json(r, true))
                .collect();
            reply(call.json_out, json!({ "mos": mos }))
        }
    }
}

fn info(shared: &Shared, call: &Call) -> Response {
    let inner = shared.lock();
    let credits = match call.get("subAccount") {
        Some(sub) => match inner.sub_accounts.get(sub) {
            Some(s) => s.credits,
            None => {
                return reply(
                    call.json_out,
                    json!({"status": 118, "statusText": status_text(118)}),
                );
            }
        },
        None => inner.accounts.allmysms_credits,
    };
    reply(
        call.json_out,
        json!({"status": "Active Account", "credits": credits.to_string(),
        "apiKey": inner.accounts.allmysms_api_key, "lastName": "Sandbox", "firstName": "Demo",
        "society": "sms-sandbox", "email": "demo@example.com"}),
    )
}

fn stats(shared: &Shared, call: &Call) -> Response {
    let camp = call.get("campaignId").unwrap_or_default();
    let inner = shared.lock();
    let list: Vec<_> = inner
        .messages
        .iter()
        .filter(|m| m.id_of("campaignId") == Some(camp))
        .collect();
    let count = |s: Status| list.iter().filter(|m| m.status == s).count();
    reply(
        call.json_out,
        json!({"campaign": {"sent": list.len(), "delivered": count(Status::Delivered),
        "pending": count(Status::Queued), "errors": count(Status::Failed), "clicks": 0}}),
    )
}

fn sub_accounts(shared: &Shared, call: &Call, method: &str) -> Response {
    let mut inner = shared.lock();
    let ok = |text: &str| json!({"status": "1", "text": text});
    match method {
        "createSubAccount" | "updateSubAccount" => {
            let Some(data) = call.get("accountData").and_then(data_of) else {
                return error(call.json_out, 105);
            };
            let fields: BTreeMap<String, String> = data
                .iter()
                .map(|(k, v)| (k.clone(), text_of(Some(v)).unwrap_or_default()))
                .collect();
            if method == "createSubAccount" {
                let complete = ["LOGIN", "PASSWORD", "FIRSTNAME", "LASTNAME", "EMAIL"]
                    .iter()
                    .all(|k| fields.get(*k).is_some_and(|v| !v.is_empty()));
                if !complete
                    || fields
                        .get("PASSWORD")
                        .is_some_and(|p| p.chars().count() < 6)
                {
                    return reply(
                        call.json_out,
                        json!({"status": "0", "text": "Missing or invalid field"}),
                    );
                }
                let login = fields.get("LOGIN").cloned().unwrap_or_default();
                inner
                    .sub_accounts
                    .insert(login, SubAccount { fields, credits: 0 });
                reply(call.json_out, ok("Sub-account successfully created"))
            } else {
                let login = call.get("subAccount").unwrap_or_default();
                match inner.sub_accounts.get_mut(login) {
                    Some(s) => {
                        s.fields.extend(fields);
                        reply(call.json_out, ok("Sub-account successfully updated"))
                    }
                    None => reply(
                        call.json_out,
                        json!({"status": 118, "statusText": status_text(118)}),
                    ),
                }
            }
        }
        "getSubAccounts" => {
            let list: Vec<Value> = inner
                .sub_accounts
                .iter()
                .map(|(login, s)| {
                    let f = |k: &str| s.fields.get(k).cloned().unwrap_or_default();
                    json!({"Login": login, "LastName": f("LASTNAME"), "FirstName": f("FIRSTNAME"), "Company": f("SOCIETY"),
                        "Email": f("EMAIL"), "City": f("CITY"), "Credits": s.credits.to_string()})
                })
                .collect();
            reply(
                call.json_out,
                json!({"total": list.len(), "subAccounts": list}),
            )
        }
        "manageSubAccountCredits" => {
            let login = call.get("subAccount").unwrap_or_default().to_owned();
            let delta: i64 = call
                .get("credits")
                .and_then(|c| c.trim_start_matches('+').parse().ok())
                .unwrap_or(0);
            if !inner.sub_accounts.contains_key(&login) {
                return reply(
                    call.json_out,
                    json!({"status": 118, "statusText": status_text(118)}),
                );
            }
            if delta > 0 && !Shared::charge(&mut inner.accounts.allmysms_credits, delta) {
                return error(call.json_out, 104);
            }
            let credits = inner.sub_accounts.get_mut(&login).map(|s| {
                s.credits += delta;
                s.credits
            });
            if delta < 0 {
                inner.accounts.allmysms_credits -= delta;
            }
            reply(
                call.json_out,
                json!({"subAccount": [{"Login": login, "Credits": credits.unwrap_or(0).to_string()}]}),
            )
        }
        _ => {
            let login = call.get("loginToDelete").unwrap_or_default().to_owned();
            match inner.sub_accounts.remove(&login) {
                Some(s) => {
                    inner.accounts.allmysms_credits += s.credits;
                    reply(
                        call.json_out,
                        json!({"subAccount": [{"Login": login, "Credits": s.credits.to_string()}]}),
                    )
                }
                None => reply(
                    call.json_out,
                    json!({"status": 118, "statusText": status_text(118)}),
                ),
            }
        }
    }
}

fn lists(shared: &Shared, call: &Call, method: &str) -> Response {
    let mut inner = shared.lock();
    let ok = |t: &str| json!({"status": "1", "statusText": t});
    let data_key = match method {
        "createList" => Some("listData"),
        "populateList" => Some("populateData"),
        "deleteContacts" => Some("deleteData"),
        _ => None,
    };
    let data = data_key.and_then(|k| call.get(k)).and_then(data_of);
    if data_key.is_some() && data.is_none() {
        return error(call.json_out, 105);
    }
    let data = data.unwrap_or_default();
    let name = text_of(data.get("LISTNAME"))
        .or_else(|| call.get("listName").map(str::to_owned))
        .unwrap_or_default();
    match method {
        "createList" => {
            inner.lists.insert(
                name,
                ContactList {
                    locked: text_of(data.get("LOCKED")).as_deref() == Some("1"),
                    contacts: Vec::new(),
                    created: datetime_of(now_ms())
                        .get(..10)
                        .unwrap_or_default()
                        .to_owned(),
                },
            );
            reply(call.json_out, ok("list successfully created"))
        }
        "populateList" | "deleteContacts" => {
            let Some(list) = inner.lists.get_mut(&name) else {
                return reply(
                    call.json_out,
                    json!({"status": "0", "statusText": "unknown list"}),
                );
            };
            let (mut success, mut ignored, mut duplicated) = (0, 0, 0);
            for c in entries(&data, "CONTACTS") {
                let contact: BTreeMap<String, String> = c
                    .iter()
                    .map(|(k, v)| (k.clone(), text_of(Some(v)).unwrap_or_default()))
                    .collect();
                let phone = contact.get("MOBILEPHONE").cloned().unwrap_or_default();
                if phone.is_empty() {
                    ignored += 1;
                    continue;
                }
                let pos = list
                    .contacts
                    .iter()
                    .position(|x| x.get("MOBILEPHONE") == Some(&phone));
                match (method, pos) {
                    ("populateList", Some(_)) => duplicated += 1,
                    ("populateList", None) => {
                        list.contacts.push(contact);
                        success += 1;
                    }
                    (_, Some(i)) => {
                        list.contacts.remove(i);
                        success += 1;
                    }
                    (_, None) => ignored += 1,
                }
            }
            reply(
                call.json_out,
                json!({"status": "1", "statusText": "list your base successfully populated",
                "success": success, "ignored": ignored, "duplicated": duplicated}),
            )
        }
        "deleteList" => match inner.lists.remove(&name) {
            Some(_) => reply(
                call.json_out,
                ok("list your base has been successfully deleted"),
            ),
            None => reply(
                call.json_out,
                json!({"status": "0", "statusText": "unknown list"}),
            ),
        },
        "getLists" => {
            let lists: Vec<Value> = inner
                .lists
                .iter()
                .map(|(n, l)| {
                    json!({"listName": n, "contacts": l.contacts.len().to_string(),
                    "locked": if l.locked { "1" } else { "0" }, "creationDate": l.created})
                })
                .collect();
            reply(call.json_out, json!({ "lists": lists }))
        }
        _ => {
            let contacts: Vec<Value> = inner
                .lists
                .get(&name)
                .map(|l| {
                    l.contacts
                        .iter()
                        .map(|c| {
                            let mut o = Map::new();
                            for (k, v) in c {
                                let key = if k == "MOBILEPHONE" {
                                    "MobilePhone".to_owned()
                                } else {
                                    k.clone()
                                };
                                o.insert(key, Value::String(v.clone()));
                            }
                            Value::Object(o)
                        })
                        .collect()
                })
                .unwrap_or_default();
            reply(call.json_out, json!({ "contacts": contacts }))
        }
    }
}
