//! smsadvert: `POST /api/sms/` (JSON, raw token in `Authorization`), with the delivery
//! callback POSTed to the request's `callback` URL.
//!
//! Magic recipients: `+40799000001` → `errors.phone`; `+40799000002` → `errorMessage`.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Map, Value, json};

use super::new_id;
use crate::Provider;
use crate::state::Shared;

pub(crate) fn routes() -> Router<Shared> {
    Router::new().route("/api/sms/", post(send))
}

fn field_errors(errors: Map<String, Value>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({ "errors": errors })),
    )
        .into_response()
}

async fn send(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let token = shared.lock().accounts.smsadvert_token.clone();
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if auth != token {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"errorMessage": "Invalid token!"})),
        )
            .into_response();
    }
    let Ok(Value::Object(b)) = serde_json::from_slice::<Value>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"errorMessage": "Invalid JSON!"})),
        )
            .into_response();
    };
    let mut errors = Map::new();
    let phone = b.get("phone").and_then(Value::as_str).unwrap_or_default();
    // Sized once for the numbers given, at most the 1,000 a request may hold (growing
    // the set was a twentieth of the sandbox's time in a bulk send).
    let given = phone
        .bytes()
        .filter(|&b| b == b',')
        .count()
        .saturating_add(1)
        .min(1001);
    let mut recipients: Vec<String> = Vec::with_capacity(given);
    let mut seen = std::collections::HashSet::with_capacity(given);
    if phone.is_empty() || phone.ends_with(',') {
        errors.insert("phone".into(), json!("Numéro de téléphone invalide!"));
    } else {
        for n in phone.split(',') {
            // E.164 with `+` only.
            match sms_primitives::PhoneNumber::parse(n.trim()) {
                Ok(p) if n.trim().starts_with('+') && n.trim() != "+40799000001" => {
                    if seen.insert(p) {
                        recipients.push(p.e164().to_owned());
                    }
                }
                _ => {
                    errors.insert("phone".into(), json!("Numéro de téléphone invalide!"));
                    break;
                }
            }
        }
        if recipients.len() > 1000 {
            errors.insert("phone".into(), json!("Maximum 1000 numéros!"));
        }
    }
    let text = b
        .get("shortTextMessage")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let chars = text.chars().count();
    if chars < 3 {
        errors.insert(
            "shortTextMessage".into(),
            json!("Saisissez un minimum de caractères 3!"),
        );
    } else if chars > 480 {
        errors.insert(
            "shortTextMessage".into(),
            json!("Saisissez un maximum de 480 caractères!"),
        );
    }
    let start = b.get("startDate").and_then(Value::as_u64);
    let end = b.get("endDate").and_then(Value::as_u64);
    if b.get("startDate").is_some() && start.is_none() {
        errors.insert("startDate".into(), json!("Date invalide!"));
    }
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        errors.insert("endDate".into(), json!("Date invalide!"));
    }
    if let Some(f) = b.get("failover")
        && f != "short"
    {
        errors.insert("failover".into(), json!("Valeur invalide!"));
    }
    if !errors.is_empty() {
        return field_errors(errors);
    }
    if recipients.iter().any(|r| r == "+40799000002") {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({"errorMessage": "There was a database error!"})),
        )
            .into_response();
    }
    let msg_id = new_id(&shared, "");
    let callback = b.get("callback").and_then(Value::as_str).map(str::to_owned);
    let route = if b.get("sendAsShort") == Some(&json!(true)) {
        "network"
    } else if b.get("failover").is_some() {
        "devices-with-network-failover"
    } else {
        "devices"
    };
    let mut details = BTreeMap::new();
    details.insert("route".into(), route.to_owned());
    if let Some(s) = start {
        details.insert("startDate".into(), s.to_string());
    }
    if let Some(e) = end {
        details.insert("endDate".into(), e.to_string());
    }
    let ids = BTreeMap::from([("msgId".to_owned(), msg_id.clone())]);
    shared.record_all(
        Provider::Smsadvert,
        None,
        text,
        recipients
            .iter()
            .map(|r| (r.trim_start_matches('+'), ids.clone(), details.clone())),
        callback,
    );
    axum::Json(
        json!({"successMessage": "Your message has been successfully submitted!", "msgId": msg_id}),
    )
    .into_response()
}
