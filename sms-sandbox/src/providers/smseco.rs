//! SMSECO v2.0: `sendsms`, `getdlrs`, `getbalance`, `getsenders`, `sendhlr` over
//! `POST /api/xml/<cmd>/` (`XML=`), `POST /api/json/<cmd>/` (`JSON=`, form field or raw),
//! `GET /api/{xml|json}/<cmd>?…`, and the legacy `POST /XML/XMLdatas.php`.
//!
//! Answers follow the documentation's own shapes, quirks included: the JSON send answer
//! names the id `msgid`, JSON delivery reports spell `statur`, counts are strings.
//!
//! Magic recipients: `225999999NN` → `statut` −NN; `225888888NN` → a delivery report
//! with the DLR code NN (49, 50, 54, 55, 56, 59, 60, 61, 62, 65: the whole table).

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Map, Value, json};

use super::{form, new_id, param, segments};
use crate::Provider;
use crate::state::{Shared, Status, datetime_of};
use crate::xml::{get as pick, items, text as text_of, xml_to_tree};

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/xml/{cmd}/", post(post_xml))
        .route("/api/xml/{cmd}", post(post_xml).get(get_xml))
        .route("/api/json/{cmd}/", post(post_json))
        .route("/api/json/{cmd}", post(post_json).get(get_json))
        .route("/XML/XMLdatas.php", post(legacy))
}

#[derive(Clone, Copy, PartialEq)]
enum Out {
    Xml,
    Json,
}

/// A request, whatever its transport.
#[derive(Default)]
struct Req {
    login: String,
    password: String,
    message: Map<String, Value>,
    recipients: Vec<(String, BTreeMap<String, String>)>,
}

fn from_tree(root: &Map<String, Value>) -> Req {
    let compte = root.get("compte").and_then(Value::as_object);
    let s = |o: Option<&Map<String, Value>>, k: &str| {
        text_of(o.and_then(|o| o.get(k))).unwrap_or_default()
    };
    let message = root
        .get("message")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut recipients = Vec::new();
    match root.get("destinataires") {
        // JSON: [{"numero": …, "datas": {…}}]; XML: <numero>… or <sms><numero/><datas/></sms>.
        Some(Value::Array(list)) => {
            for item in list {
                if let Some(o) = item.as_object() {
                    recipients.push((s(Some(o), "numero"), datas_of(o.get("datas"))));
                }
            }
        }
        Some(Value::Object(d)) => {
            for n in items(d.get("numero"), "numero") {
                recipients.push((text_of(Some(n)).unwrap_or_default(), BTreeMap::new()));
            }
            for sms in items(d.get("sms"), "sms") {
                if let Some(o) = sms.as_object() {
                    recipients.push((s(Some(o), "numero"), datas_of(o.get("datas"))));
                }
            }
        }
        _ => {}
    }
    Req {
        login: s(compte, "login"),
        password: s(compte, "password"),
        message,
        recipients,
    }
}

fn datas_of(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), text_of(Some(v)).unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}

fn from_query(pairs: &[(String, String)]) -> Req {
    let mut message = Map::new();
    for (k, v) in pairs {
        if !matches!(k.as_str(), "login" | "password" | "numero") {
            message.insert(k.clone(), Value::String(v.clone()));
        }
    }
    Req {
        login: param(pairs, "login").unwrap_or_default().to_owned(),
        password: param(pairs, "password").unwrap_or_default().to_owned(),
        message,
        recipients: param(pairs, "numero")
            .unwrap_or_default()
            .split(',')
            .filter(|n| !n.trim().is_empty())
            .map(|n| (n.trim().to_owned(), BTreeMap::new()))
            .collect(),
    }
}

async fn post_xml(State(shared): State<Shared>, Path(cmd): Path<String>, body: Bytes) -> Response {
    let xml = param(&form(&body), "XML").map(str::to_owned);
    let tree = xml
        .as_deref()
        .and_then(xml_to_tree)
        .and_then(|(_, v)| v.as_object().cloned());
    match tree {
        Some(root) => dispatch(&shared, &cmd, from_tree(&root), Out::Xml),
        None => answer_error(Out::Xml, -1),
    }
}

async fn legacy(State(shared): State<Shared>, body: Bytes) -> Response {
    post_xml(State(shared), Path("sendsms".to_owned()), body).await
}

async fn post_json(
    State(shared): State<Shared>,
    Path(cmd): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form_ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    // A form field, or the documentation's raw `JSON=…` body.
    let json = if form_ct {
        param(&form(&body), "JSON").map(str::to_owned)
    } else {
        String::from_utf8_lossy(&body)
            .strip_prefix("JSON=")
            .map(str::to_owned)
    };
    let tree = json
        .and_then(|j| serde_json::from_str::<Value>(&j).ok())
        .and_then(|v| v.as_object().cloned());
    match tree {
        Some(root) => dispatch(&shared, &cmd, from_tree(&root), Out::Json),
        None => answer_error(Out::Json, -1),
    }
}

async fn get_xml(
    State(shared): State<Shared>,
    Path(cmd): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    dispatch(
        &shared,
        &cmd,
        from_query(&form(q.unwrap_or_default().as_bytes())),
        Out::Xml,
    )
}

async fn get_json(
    State(shared): State<Shared>,
    Path(cmd): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    dispatch(
        &shared,
        &cmd,
        from_query(&form(q.unwrap_or_default().as_bytes())),
        Out::Json,
    )
}

fn error_text(code: i64) -> &'static str {
    match code {
        -1 => "XML invalide",
        -2 => "Login non spécifié",
        -3 => "Mot de passe non spécifié",
        -4 => "Echec de l'Authentification",
        -5 => "Aucun message spécifié",
        -6 => "Pas assez de crédits ou crédits insuffisants",
        -7 => "Aucun destinataire spécifié",
        -8 => "Expéditeur non enregistré",
        -9 => "Aucuns destinataires valides",
        -10 => "La longueur de l'Id du message dépasse les 30 caractères autorisés",
        -11 => "Envoi de sms non autorisé pour ce compte",
        -12 => "Compte non actif dans le système",
        -13 => "Heure d'envoi pour message différé incorrecte",
        -14 => "Commande inconnue",
        _ => "Aucun statut sms disponible",
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn xml_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/xml; charset=UTF-8")], body).into_response()
}

fn answer_error(out: Out, code: i64) -> Response {
    match out {
        Out::Xml => xml_response(format!(
            "<REPONSE><statut>{code}</statut><texte>{}</texte></REPONSE>",
            escape(error_text(code))
        )),
        Out::Json => axum::Json(json!({"statut": code, "texte": error_text(code)})).into_response(),
    }
}

fn dispatch(shared: &Shared, cmd: &str, req: Req, out: Out) -> Response {
    if req.login.trim().is_empty() {
        return answer_error(out, -2);
    }
    if req.password.is_empty() {
        return answer_error(out, -3);
    }
    {
        let inner = shared.lock();
        if req.login != inner.accounts.smseco_login
            || req.password != inner.accounts.smseco_password
        {
            return answer_error(out, -4);
        }
    }
    match cmd.to_ascii_lowercase().as_str() {
        "sendsms" => submit(shared, &req, out, false),
        "sendhlr" | "sendhrl" => submit(shared, &req, out, true),
        "getdlrs" => dlrs(shared, &req, out),
        "getbalance" => balance(shared, out),
        "getsenders" => senders(shared, out),
        // An unknown command: 404, as a web server would.
        _ => (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
    }
}

/// Normalises a recipient as SMSECO takes it: international digits, or a national
/// Ivorian number (8 or 10 digits).
fn normalize(raw: &str) -> Option<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '+')
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.len() == 8 || (digits.len() == 10 && digits.starts_with('0')) {
        return Some(format!("225{digits}"));
    }
    (9..=15).contains(&digits.len()).then_some(digits)
}

fn submit(shared: &Shared, req: &Req, out: Out, hlr: bool) -> Response {
    let m = &req.message;
    let msgid = text_of(m.get("msgid")).unwrap_or_default();
    if msgid.chars().count() > 30 {
        return answer_error(out, -10);
    }
    let msg = if hlr {
        String::new()
    } else {
        // The text as sent, spaces included (the gateway does not trim it).
        m.get("msg")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| text_of(m.get("msg")))
            .unwrap_or_default()
    };
    let expediteur = text_of(pick(m, &["expediteur"])).unwrap_or_default();
    if !hlr {
        if msg.trim().is_empty() {
            return answer_error(out, -5);
        }
        if req.recipients.is_empty() {
            return answer_error(out, -7);
        }
        if !shared.lock().accounts.smseco_senders.contains(&expediteur) {
            return answer_error(out, -8);
        }
        if let Some(d) = text_of(pick(m, &["datesend", "date send"])).filter(|d| !d.is_empty())
            && d.parse::<sms_primitives::datetime::DateTime>().is_err()
        {
            return answer_error(out, -13);
        }
    } else if req.recipients.is_empty() {
        return answer_error(out, -7);
    }
    let mut valid: Vec<(String, String)> = Vec::new();
    for (raw, datas) in &req.recipients {
        let Some(n) = normalize(raw) else { continue };
        if let Some(code) = n
            .strip_prefix("225999999")
            .and_then(|c| c.parse::<i64>().ok())
        {
            return answer_error(out, -code);
        }
        // Mail merge: {name} replaced by the recipient's data.
        let mut text = msg.clone();
        for (k, v) in datas {
            text = text.replace(&format!("{{{k}}}"), v);
        }
        // Duplicates are filtered: one message per person and request.
        if !valid.iter().any(|(v, _)| *v == n) {
            valid.push((n, text));
        }
    }
    if valid.is_empty() {
        return answer_error(out, -9);
    }
    let cost: i64 = valid
        .iter()
        .map(|(_, t)| if hlr { 1 } else { segments(t) })
        .sum();
    let solde = {
        let mut inner = shared.lock();
        if !Shared::charge(&mut inner.accounts.smseco_credits, cost) {
            return answer_error(out, -6);
        }
        inner.accounts.smseco_credits
    };
    let msgfid = new_id(shared, "");
    let mut messages = Vec::new();
    for (n, text) in &valid {
        let smsfid = new_id(shared, "");
        let mut ids = BTreeMap::new();
        ids.insert("msgfid".into(), msgfid.clone());
        ids.insert("smsfid".into(), smsfid.clone());
        if !msgid.is_empty() {
            ids.insert("msgid".into(), msgid.clone());
        }
        let mut details = BTreeMap::new();
        if hlr {
            details.insert("kind".into(), "hlr".into());
        }
        for k in [
            "flash", "unicode", "binaire", "datesend", "mwi", "pid", "rpi", "alt_dcs", "udhdata",
        ] {
            if let Some(v) = text_of(m.get(k)).filter(|v| !v.is_empty()) {
                details.insert(k.into(), v);
            }
        }
        let sender = (!hlr).then_some(expediteur.as_str());
        let shown = if hlr { "(HLR lookup)" } else { text.as_str() };
        shared.record(Provider::Smseco, sender, n, shown, ids, details, None);
        let credits = if hlr { 1 } else { segments(text) };
        messages.push((smsfid, n.clone(), credits));
    }
    let count = valid.len();
    let texte = if hlr { "HLR soumis" } else { "Envoi effectué" };
    match out {
        Out::Xml => {
            let mut x = format!(
                "<REPONSE><msgfid>{msgfid}</msgfid><statut>{count}</statut><texte>{texte}</texte>\
                 <destinataires>{count}</destinataires><sms>{cost}</sms><credits>{cost}</credits>\
                 <solde>{solde}</solde><messages>"
            );
            for (smsfid, n, c) in &messages {
                x.push_str(&format!(
                    "<sms><smsfid>{smsfid}</smsfid><destination>{n}</destination><credits>{c}</credits></sms>"
                ));
            }
            x.push_str("</messages></REPONSE>");
            xml_response(x)
        }
        Out::Json => {
            let list: Vec<Value> = messages
                .iter()
                .map(|(s, n, c)| json!({"smsfid": s, "destination": n, "credits": c}))
                .collect();
            // As the documentation's template: `msgid` for the submission id, counts as
            // strings, `statut` a number.
            axum::Json(json!({
                "msgid": msgfid, "statut": count, "texte": texte,
                "destinataires": count.to_string(), "sms": cost.to_string(),
                "credits": cost.to_string(), "solde": solde.to_string(), "messages": list
            }))
            .into_response()
        }
    }
}

/// A report found: msgfid, smsfid, destination, date, status, whether an HLR lookup.
type Found = (String, String, String, String, i64, bool);

/// The documentation's DLR codes and labels ("Définition des statuts des messages
/// envoyés").
fn dlr_label(code: i64) -> Option<&'static str> {
    Some(match code {
        49 => "Erreur Crédits",
        50 => "en Attente",
        54 => "non envoyé",
        55 => "Transmis à l'Opérateur",
        56 => "Accusé de Réception",
        59 => "Non Délivré par l'Opérateur",
        60 => "Erreur réseau opérateur",
        61 => "File d'attente Opérateur",
        62 => "Rejeté",
        65 => "File d'attente locale",
        _ => return None,
    })
}

fn dlrs(shared: &Shared, req: &Req, out: Out) -> Response {
    let msgfid = text_of(req.message.get("msgfid")).filter(|s| !s.is_empty());
    let smsfid = text_of(req.message.get("smsfid")).filter(|s| !s.is_empty());
    let (accountid, found) = {
        let mut inner = shared.lock();
        let accountid = inner.accounts.smseco_login.clone();
        let mut found: Vec<Found> = Vec::new();
        for m in inner
            .messages
            .iter_mut()
            .filter(|m| m.provider == Provider::Smseco)
        {
            let matches = msgfid
                .as_deref()
                .is_none_or(|f| m.id_of("msgfid") == Some(f))
                && smsfid
                    .as_deref()
                    .is_none_or(|f| m.id_of("smsfid") == Some(f));
            if !matches || m.report_read || m.status == Status::Queued {
                continue;
            }
            // Each status is returned once.
            m.report_read = true;
            let delivered = m.status == Status::Delivered;
            let magic = m
                .recipient
                .strip_prefix("225888888")
                .and_then(|c| c.parse::<i64>().ok())
                .filter(|c| dlr_label(*c).is_some());
            found.push((
                m.id_of("msgfid").unwrap_or_default().to_owned(),
                m.id_of("smsfid").unwrap_or_default().to_owned(),
                m.recipient.clone(),
                datetime_of(m.delivered_at_ms.unwrap_or(m.received_at_ms)),
                magic.unwrap_or(if delivered { 56 } else { 59 }),
                m.details.get("kind").is_some_and(|k| k == "hlr"),
            ));
        }
        (accountid, found)
    };
    if found.is_empty() {
        return answer_error(out, -15);
    }
    // msgfid → (smsfid, destination, date, status, HLR).
    type Dlr = (String, String, String, i64, bool);
    let mut grouped: BTreeMap<String, Vec<Dlr>> = BTreeMap::new();
    for (msgfid, smsfid, dest, date, statut, hlr) in found {
        grouped
            .entry(msgfid)
            .or_default()
            .push((smsfid, dest, date, statut, hlr));
    }
    let label = |s: i64| dlr_label(s).unwrap_or("Non Délivré par l'Opérateur");
    let detail = |s: i64, hlr: bool| match (s, hlr) {
        (56, true) => "Numéro actif",
        (_, true) => "Numéro inactif",
        (56, false) => "Message délivré",
        _ => "Message non délivré",
    };
    match out {
        Out::Xml => {
            let mut x = format!(
                "<REPONSE><accountid>{}</accountid><statut>0</statut><texte>OK</texte><messages>",
                escape(&accountid)
            );
            for (msgfid, list) in &grouped {
                x.push_str(&format!("<message><msgfid>{msgfid}</msgfid><dlrs>"));
                for (smsfid, dest, date, statut, hlr) in list {
                    x.push_str(&format!(
                        "<dlr><smsfid>{smsfid}</smsfid><destination>{dest}</destination><date>{date}</date>\
                         <statut>{statut}</statut><libelle>{}</libelle><texte>{}</texte></dlr>",
                        escape(label(*statut)),
                        escape(detail(*statut, *hlr))
                    ));
                }
                x.push_str("</dlrs></message>");
            }
            x.push_str("</messages></REPONSE>");
            xml_response(x)
        }
        Out::Json => {
            let messages: Vec<Value> = grouped
                .iter()
                .map(|(msgfid, list)| {
                    let dlrs: Vec<Value> = list
                        .iter()
                        .map(|(smsfid, dest, date, statut, hlr)| {
                            // `statur`, as the documentation's JSON template spells it.
                            json!({"smsfid": smsfid, "destination": dest, "date": date,
                                "statur": statut.to_string(), "libelle": label(*statut), "texte": detail(*statut, *hlr)})
                        })
                        .collect();
                    json!({"msgfid": msgfid, "dlrs": dlrs})
                })
                .collect();
            axum::Json(
                json!({"accountid": accountid, "statut": "0", "texte": "OK", "messages": messages}),
            )
            .into_response()
        }
    }
}

fn balance(shared: &Shared, out: Out) -> Response {
    let (accountid, credits, used) = {
        let inner = shared.lock();
        let used: i64 = inner
            .messages
            .iter()
            .filter(|m| m.provider == Provider::Smseco)
            .map(|m| i64::try_from(m.segments.max(1)).unwrap_or(1))
            .sum();
        (
            inner.accounts.smseco_login.clone(),
            inner.accounts.smseco_credits,
            used,
        )
    };
    let expire = "2099-12-31";
    match out {
        Out::Xml => xml_response(format!(
            "<REPONSE><accountid>{}</accountid><statut>0</statut><texte>OK</texte><credits>{credits}</credits>\
             <expire>{expire}</expire><cumul>{used}</cumul></REPONSE>",
            escape(&accountid)
        )),
        Out::Json => axum::Json(json!({"accountid": accountid, "statut": 0, "texte": "OK",
            "credits": credits.to_string(), "expire": expire, "cumul": used.to_string()}))
        .into_response(),
    }
}

fn senders(shared: &Shared, out: Out) -> Response {
    let (accountid, senders) = {
        let inner = shared.lock();
        (
            inner.accounts.smseco_login.clone(),
            inner.accounts.smseco_senders.clone(),
        )
    };
    match out {
        Out::Xml => {
            let list: String = senders
                .iter()
                .map(|s| format!("<sender>{}</sender>", escape(s)))
                .collect();
            xml_response(format!(
                "<REPONSE><accountid>{}</accountid><statut>0</statut><texte>OK</texte><senders>{list}</senders></REPONSE>",
                escape(&accountid)
            ))
        }
        Out::Json => axum::Json(
            json!({"accountid": accountid, "statut": 0, "texte": "OK", "senders": senders}),
        )
        .into_response(),
    }
}
