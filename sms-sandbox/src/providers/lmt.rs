//! LMT Group: the push API v1 (`POST /bulksms/api/{version}/push`, form) and the pushes
//! platform (`POST /api/v1/pushes`, JSON).
//!
//! Magic recipients: `237699000001` → "phone is invalid"; `237699000002` → not enough
//! credit; `237699000003` → (pushes) `INP02`.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use sms_primitives::Region;

use super::{form, international, new_id, param, segments};
use crate::Provider;
use crate::state::Shared;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/bulksms/api/{version}/push", post(push))
        .route("/api/v1/pushes", post(pushes))
}

fn error(message: &str, errors: &[&str]) -> Response {
    // HTTP 200 and the key spelt as in the documentation's own error sample.
    axum::Json(json!({"status": "error", "message": message, "errros": errors})).into_response()
}

async fn push(State(shared): State<Shared>, Path(version): Path<String>, body: Bytes) -> Response {
    if version != "v1" {
        return (StatusCode::NOT_FOUND, "unknown API version").into_response();
    }
    let p = form(&body);
    let (key, password) = {
        let inner = shared.lock();
        (
            inner.accounts.lmt_api_key.clone(),
            inner.accounts.lmt_password.clone(),
        )
    };
    let mut missing = Vec::new();
    for name in ["api_key", "password", "message", "sender", "phone"] {
        if param(&p, name).is_none_or(|v| v.trim().is_empty()) {
            missing.push(name);
        }
    }
    if !missing.is_empty() {
        let errors: Vec<String> = missing.iter().map(|m| format!("{m} is required")).collect();
        let refs: Vec<&str> = errors.iter().map(String::as_str).collect();
        return error("invalid paramerters", &refs);
    }
    if param(&p, "api_key") != Some(key.as_str())
        || param(&p, "password") != Some(password.as_str())
    {
        return error("authentication failed", &[]);
    }
    let flag = param(&p, "flag").unwrap_or("short_sms");
    if flag != "short_sms" && flag != "long_sms" {
        return error("invalid paramerters", &["flag is invalid"]);
    }
    let Some(phone) = international(param(&p, "phone").unwrap_or_default(), Region::CM) else {
        return error("invalid paramerters", &["phone is invalid"]);
    };
    if phone == "237699000001" {
        return error("invalid paramerters", &["phone is invalid"]);
    }
    let sender = param(&p, "sender").unwrap_or_default();
    if sender.chars().count() > 11 && !sender.chars().all(|c| c.is_ascii_digit()) {
        return error("invalid paramerters", &["sender is invalid"]);
    }
    let text = param(&p, "message").unwrap_or_default();
    let cost = segments(text);
    {
        let mut inner = shared.lock();
        if phone == "237699000002" || !Shared::charge(&mut inner.accounts.lmt_credits, cost) {
            return error("insufficient credit", &[]);
        }
    }
    let mut details = BTreeMap::new();
    details.insert("flag".into(), flag.to_owned());
    shared.record(
        Provider::LmtBulksms,
        Some(sender),
        &phone,
        text,
        BTreeMap::new(),
        details,
        None,
    );
    axum::Json(json!({"status": "success", "message": "message sent"})).into_response()
}

async fn pushes(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let (key, secret) = {
        let inner = shared.lock();
        (
            inner.accounts.lmt_pushes_key.clone(),
            inner.accounts.lmt_pushes_secret.clone(),
        )
    };
    let header = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    if header("x-api-key") != key || header("x-secret") != secret {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"code": "AUTH01", "message": "Authentication error"})),
        )
            .into_response();
    }
    let bad = |m: &str| {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"code": "INP02", "message": m})),
        )
            .into_response()
    };
    let Ok(Value::Object(b)) = serde_json::from_slice::<Value>(&body) else {
        return bad("Invalid request payload");
    };
    let text = b
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let sender = b
        .get("senderId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let numbers: Vec<String> = b
        .get("msisdn")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if text.trim().is_empty() || sender.is_empty() || numbers.is_empty() {
        return bad("Required request param is missing");
    }
    let mut recipients = Vec::new();
    for n in &numbers {
        // LMT refuses the E.164 `+` here.
        if n.starts_with('+') || n == "237699000003" {
            return bad("Required request param is missing");
        }
        match international(&format!("+{n}"), Region::CM) {
            Some(d) => recipients.push(d),
            None => return bad("Invalid msisdn"),
        }
    }
    let cost = segments(&text) * i64::try_from(recipients.len()).unwrap_or(1);
    {
        let mut inner = shared.lock();
        if !Shared::charge(&mut inner.accounts.lmt_credits, cost) {
            return (
                StatusCode::PAYMENT_REQUIRED,
                axum::Json(json!({"code": "CRD01", "message": "Insufficient credit"})),
            )
                .into_response();
        }
    }
    let id = new_id(&shared, "push-");
    for r in &recipients {
        let mut ids = BTreeMap::new();
        ids.insert("id".into(), id.clone());
        let mut details = BTreeMap::new();
        details.insert(
            "flag".into(),
            b.get("flag")
                .and_then(Value::as_str)
                .unwrap_or("GSM7")
                .to_owned(),
        );
        shared.record(
            Provider::LmtBulksms,
            Some(&sender),
            r,
            &text,
            ids,
            details,
            None,
        );
    }
    (
        StatusCode::CREATED,
        axum::Json(json!({"id": id, "content": text, "totalRecipients": recipients.len()})),
    )
        .into_response()
}
