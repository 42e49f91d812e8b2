//! Connect-Mobile: `GET`/`POST /client/api/` with `action=envoi|statut|solde`, plain-text
//! answers, ISO-8859-1 parameters.
//!
//! Magic recipients: `336990000NN` (NN from 01 to 10) → return code NN.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{form_latin1, param};
use crate::Provider;
use crate::state::{Shared, Status};

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/client/api/", get(api_get).post(api_post))
        .route("/client/api", get(api_get).post(api_post))
        .route("/client/api/index.php", get(api_get).post(api_post))
}

/// The gateway's answers are ISO-8859-1 text.
fn text(body: &str) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=ISO-8859-1")],
        sms_primitives::latin1::encode_lossy(body, b'?'),
    )
        .into_response()
}

fn code(c: &str) -> Response {
    let message = match c {
        "01" => "Login , mot de passe non valide",
        "02" => "Vous n'avez pas assez de crédit",
        "03" => "Le numéro du destinataire n'est pas renseigné",
        "04" => "L'expéditeur n'est pas renseigné",
        "05" | "06" => "Le numéro du destinataire est invalide",
        "07" => "Préfixe international invalide",
        "08" => "Le message n'est pas renseigné",
        "09" => "Le msgid n'est pas renseigne",
        _ => "Le msgid est invalide",
    };
    text(&format!("{c}|{message}"))
}

async fn api_get(State(shared): State<Shared>, RawQuery(query): RawQuery) -> Response {
    handle(&shared, form_latin1(query.unwrap_or_default().as_bytes()))
}

async fn api_post(
    State(shared): State<Shared>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    // ISO-8859-1 only, as the gateway reads it.
    let mut params = form_latin1(&body);
    params.extend(form_latin1(query.unwrap_or_default().as_bytes()));
    handle(&shared, params)
}

fn handle(shared: &Shared, p: Vec<(String, String)>) -> Response {
    let (login, password) = {
        let inner = shared.lock();
        (
            inner.accounts.connect_mobile_login.clone(),
            inner.accounts.connect_mobile_api_password.clone(),
        )
    };
    // `apipasse` in the examples, `apipass` in the parameter table: both accepted.
    let given = param(&p, "apipasse").or_else(|| param(&p, "apipass"));
    if param(&p, "login") != Some(login.as_str()) || given != Some(password.as_str()) {
        return code("01");
    }
    match param(&p, "action") {
        Some("envoi") => envoi(shared, &p),
        Some("statut") => statut(shared, &p),
        Some("solde") => {
            let sms = shared.lock().accounts.connect_mobile_sms;
            text(&format!("{sms} SMS"))
        }
        _ => code("10"),
    }
}

fn envoi(shared: &Shared, p: &[(String, String)]) -> Response {
    let dest = param(p, "dest").unwrap_or_default().trim();
    if dest.is_empty() {
        return code("03");
    }
    let origine = param(p, "origine").unwrap_or_default().trim();
    if origine.is_empty() {
        return code("04");
    }
    let msg = param(p, "msg").unwrap_or_default();
    if msg.trim().is_empty() {
        return code("08");
    }
    let mut numbers = Vec::new();
    for n in dest.split(',').map(str::trim) {
        if !n.bytes().all(|b| b.is_ascii_digit()) {
            return code("05");
        }
        if n.len() < 10 {
            return code("06");
        }
        if let Some(c) = n.strip_prefix("336990000").filter(|c| c.len() == 2) {
            return code(c);
        }
        if sms_primitives::PhoneNumber::from_international_digits(n).is_err() {
            return code("07");
        }
        numbers.push(n.to_owned());
    }
    // What the recipient reads: characters outside the annex's table become `?`.
    let delivered: String = msg
        .chars()
        .map(|c| if is_supported(c) { c } else { '?' })
        .collect();
    let cost = i64::try_from(numbers.len()).unwrap_or(1);
    {
        let mut inner = shared.lock();
        if !Shared::charge(&mut inner.accounts.connect_mobile_sms, cost) {
            return code("02");
        }
    }
    let mut lines = Vec::new();
    for n in &numbers {
        let id = {
            let mut inner = shared.lock();
            inner.next_id += 1;
            166_852_550 + inner.next_id
        };
        let mut ids = BTreeMap::new();
        ids.insert("msgid".into(), id.to_string());
        let mut details = BTreeMap::new();
        for key in ["sendertype", "type", "callback"] {
            if let Some(v) = param(p, key) {
                details.insert(key.into(), v.to_owned());
            }
        }
        shared.record(
            Provider::ConnectMobile,
            Some(origine),
            n,
            &delivered,
            ids,
            details,
            None,
        );
        lines.push(format!("{id}|Message envoyé"));
    }
    text(&lines.join("\n"))
}

fn statut(shared: &Shared, p: &[(String, String)]) -> Response {
    let id = param(p, "msgid").unwrap_or_default().trim();
    if id.is_empty() {
        return code("09");
    }
    let inner = shared.lock();
    match inner
        .messages
        .iter()
        .find(|m| m.provider == Provider::ConnectMobile && m.id_of("msgid") == Some(id))
    {
        Some(m) if m.status == Status::Delivered => text("1"),
        Some(_) => text("0"),
        None => code("10"),
    }
}

/// The annex's character table ("Encodage caractères").
fn is_supported(c: char) -> bool {
    matches!(c,
        '\n' | '\r' | ' '..='/' | '0'..='9' | ':'..='@' | 'A'..='Z' | '_' | 'a'..='z'
        | '¡' | '£' | '¤' | '¥' | '§' | '¿'
        | 'Ä' | 'Å' | 'Æ' | 'Ç' | 'È' | 'É' | 'Ñ' | 'Ö' | 'Ø' | 'Ü' | 'ß'
        | 'à' | 'ä' | 'å' | 'æ' | 'è' | 'é' | 'ì' | 'ñ' | 'ò' | 'ö' | 'ø' | 'ù' | 'ü')
}
