//! AllMySMS REST API: HTTP Basic `login:apiKey`, JSON, success as HTTP 201 with `code`
//! 100/101; `balance` and `cost` in euros (5 cents per segment and recipient here).

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::{Value, json};
use sms_primitives::Region;

use super::{form, international, new_id, param, segments};
use crate::Provider;
use crate::state::{Shared, Status, datetime_of};

/// Euro cents per segment and recipient.
const CENTS_PER_SEGMENT: i64 = 5;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/sms/send/", post(send))
        .route("/sms/send", post(send))
        .route("/sms/send/bulk/", post(bulk))
        .route("/sms/send/bulk", post(bulk))
        .route("/voice/send/bulk", post(voice))
        .route("/voice/send/bulk/", post(voice))
        .route("/account", get(account))
        .route("/ping/", get(ping))
        .route("/ping", get(ping))
        .route("/report/campaign/{id}", get(report))
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// `Some(refusal)` when the Basic credentials are wrong.
fn refused(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    let (login, key) = {
        let inner = shared.lock();
        (
            inner.accounts.allmysms_login.clone(),
            inner.accounts.allmysms_api_key.clone(),
        )
    };
    let expected = format!("{login}:{key}");
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| {
            base64::engine::general_purpose::STANDARD
                .decode(v.trim())
                .ok()
        })
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    (given.as_deref() != Some(expected.as_str())).then(|| {
        answer(
            StatusCode::UNAUTHORIZED,
            json!({"code": 102, "description": "Authentication failed"}),
        )
    })
}

fn json_body(body: &[u8]) -> Option<serde_json::Map<String, Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }
}

fn invalid_json() -> Response {
    answer(
        StatusCode::BAD_REQUEST,
        json!({"code": 106, "description": "Invalid JSON"}),
    )
}

/// Records the sends and charges; `recipients` are (raw number, text).
fn deliver(
    shared: &Shared,
    from: &str,
    recipients: Vec<(String, String)>,
    b: &serde_json::Map<String, Value>,
    voice: bool,
) -> Response {
    let mut valid = Vec::new();
    let mut invalid = Vec::new();
    for (raw, text) in recipients {
        match international(&format!("+{}", raw.trim_start_matches('+')), Region::FR) {
            Some(n) if !valid.iter().any(|(v, _): &(String, String)| *v == n) => {
                valid.push((n, text))
            }
            Some(_) => {}
            None => invalid.push(raw),
        }
    }
    if valid.is_empty() {
        return answer(
            StatusCode::BAD_REQUEST,
            json!({"code": 114, "description": "No valid phone number"}),
        );
    }
    let cost: i64 = valid
        .iter()
        .map(|(_, t)| if voice { 3 } else { segments(t) } * CENTS_PER_SEGMENT)
        .sum();
    let simulate = b
        .get("simulate")
        .is_some_and(|s| s == 1 || s == "1" || s == true);
    let balance = {
        let mut inner = shared.lock();
        if !simulate && !Shared::charge(&mut inner.accounts.allmysms_euro_cents, cost) {
            return answer(
                StatusCode::PAYMENT_REQUIRED,
                json!({"code": 104, "description": "Insufficient credit"}),
            );
        }
        inner.accounts.allmysms_euro_cents
    };
    let campaign_id = new_id(shared, "ap_");
    let mut sms_ids = Vec::new();
    if !simulate {
        for (n, text) in &valid {
            let sms_id = new_id(shared, "");
            let mut ids = BTreeMap::new();
            ids.insert("smsId".into(), sms_id.clone());
            ids.insert("campaignId".into(), campaign_id.clone());
            let mut details = BTreeMap::new();
            details.insert(
                "api".into(),
                if voice { "rest-voice" } else { "rest" }.into(),
            );
            for k in ["campaignName", "date", "cliMsgId", "url"] {
                if let Some(v) = b.get(k).and_then(Value::as_str) {
                    details.insert(k.into(), v.to_owned());
                }
            }
            shared.record(Provider::Allmysms, Some(from), n, text, ids, details, None);
            sms_ids.push(json!({"smsId": sms_id, "phoneNumber": n}));
        }
    }
    let code = if b.get("date").is_some() { 101 } else { 100 };
    let mut out = json!({
        "code": code, "description": if code == 100 { "Your messages have been sent" } else { "Your messages have been scheduled" },
        "invalidNumbers": invalid.join("|"), "nbContacts": valid.len(),
        "nbSms": valid.iter().map(|(_, t)| segments(t)).sum::<i64>(),
        "balance": balance as f64 / 100.0, "cost": cost as f64 / 100.0,
    });
    if let Some(o) = out.as_object_mut() {
        if valid.len() == 1 && !voice {
            let id = sms_ids.first().and_then(|s| s.get("smsId")).cloned();
            o.insert("smsId".into(), id.unwrap_or(Value::Null));
        } else {
            o.insert("campaignId".into(), json!(campaign_id));
            o.insert("smsIds".into(), json!(sms_ids));
        }
    }
    answer(StatusCode::CREATED, out)
}

async fn send(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(r) = refused(&shared, &headers) {
        return r;
    }
    let Some(b) = json_body(&body) else {
        return invalid_json();
    };
    let text = b
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if text.trim().is_empty() {
        return answer(
            StatusCode::BAD_REQUEST,
            json!({"code": 110, "description": "Empty message"}),
        );
    }
    let to = b
        .get("to")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let from = b
        .get("from")
        .and_then(Value::as_str)
        .unwrap_or("36180")
        .to_owned();
    deliver(&shared, &from, vec![(to, text)], &b, false)
}

async fn bulk(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(r) = refused(&shared, &headers) {
        return r;
    }
    let Some(b) = json_body(&body) else {
        return invalid_json();
    };
    let text = b
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if text.trim().is_empty() {
        return answer(
            StatusCode::BAD_REQUEST,
            json!({"code": 110, "description": "Empty message"}),
        );
    }
    let mut recipients = Vec::new();
    for item in b
        .get("to")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        match item {
            Value::String(n) => recipients.push((n, text.clone())),
            Value::Object(o) => {
                let n = o
                    .get("mobilePhone")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let mut t = text.clone();
                for (k, v) in &o {
                    if let Some(i) = k.strip_prefix("param") {
                        t = t.replace(&format!("#param_{i}#"), v.as_str().unwrap_or_default());
                    }
                }
                recipients.push((n, t));
            }
            _ => {}
        }
    }
    let from = b
        .get("from")
        .and_then(Value::as_str)
        .unwrap_or("36180")
        .to_owned();
    deliver(&shared, &from, recipients, &b, false)
}

async fn voice(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(r) = refused(&shared, &headers) {
        return r;
    }
    let Some(b) = json_body(&body) else {
        return invalid_json();
    };
    let from = b
        .get("from")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    // A French landline only.
    let landline = from.len() == 10
        && from.starts_with('0')
        && !from.starts_with("06")
        && !from.starts_with("07");
    let url = b
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if !landline || url.is_empty() || b.get("type").and_then(Value::as_str) != Some("directdeposit")
    {
        return answer(
            StatusCode::BAD_REQUEST,
            json!({"code": 106, "description": "Invalid voice request"}),
        );
    }
    let recipients = b
        .get("to")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|n| (n.to_owned(), format!("(voice message {url})")))
                .collect()
        })
        .unwrap_or_default();
    deliver(&shared, &from, recipients, &b, true)
}

async fn account(
    State(shared): State<Shared>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if let Some(r) = refused(&shared, &headers) {
        return r;
    }
    let q = form(q.unwrap_or_default().as_bytes());
    let inner = shared.lock();
    if let Some(sub) = param(&q, "subAccount")
        && !inner.sub_accounts.contains_key(sub)
    {
        return answer(
            StatusCode::NOT_FOUND,
            json!({"code": 118, "description": "Unknown sub-account"}),
        );
    }
    let cents = inner.accounts.allmysms_euro_cents;
    answer(
        StatusCode::OK,
        json!({"code": 100, "description": "OK", "balance": cents as f64 / 100.0,
        "nbSms": cents / CENTS_PER_SEGMENT, "referenceCountryIso": "FR", "apiKey": inner.accounts.allmysms_api_key,
        "lastName": "Sandbox", "firstName": "Demo", "company": "sms-sandbox", "email": "demo@example.com", "alerting": 0}),
    )
}

async fn ping() -> Response {
    answer(StatusCode::OK, json!({"code": 100, "description": "pong"}))
}

async fn report(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Some(r) = refused(&shared, &headers) {
        return r;
    }
    let inner = shared.lock();
    let reports: Vec<Value> = inner
        .messages
        .iter()
        .filter(|m| m.id_of("campaignId") == Some(id.as_str()))
        .map(|m| {
            let (code, description) = match m.status {
                Status::Delivered => (1, "Delivered"),
                Status::Failed => (2, "Not delivered"),
                Status::Queued => (3, "Transmitted to operator"),
            };
            json!({"phoneNumber": m.recipient, "code": code, "description": description,
                "receptionDate": m.delivered_at_ms.map(datetime_of).unwrap_or_default()})
        })
        .collect();
    answer(
        StatusCode::OK,
        json!({"code": 100, "description": "OK", "reports": reports}),
    )
}
