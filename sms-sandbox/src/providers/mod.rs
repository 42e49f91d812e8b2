//! The five gateways' server sides, written from the providers' documentation.

pub(crate) mod allmysms;
pub(crate) mod allmysms_rest;
pub(crate) mod connect_mobile;
pub(crate) mod lmt;
pub(crate) mod smsadvert;
pub(crate) mod smseco;

use std::time::Duration;

use sms_primitives::{PhoneNumber, Region};

use crate::Provider;
use crate::state::{Message, Reply, Shared, Status, datetime_of, now_ms};

/// Form pairs (UTF-8).
pub(crate) fn form(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

/// A form or query decoded as ISO-8859-1 only, as a gateway that takes only that charset
/// does (Connect-Mobile): UTF-8 bytes become two characters each (`é` arrives as `Ã©`),
/// so that a client sending UTF-8 shows in the inbox what the recipient would get.
pub(crate) fn form_latin1(body: &[u8]) -> Vec<(String, String)> {
    let decode = |part: &[u8]| {
        let mut bytes = Vec::with_capacity(part.len());
        let mut i = 0;
        while let Some(&b) = part.get(i) {
            match b {
                b'+' => bytes.push(b' '),
                b'%' => {
                    let hex = part
                        .get(i + 1..i + 3)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        Some(v) => {
                            bytes.push(v);
                            i += 2;
                        }
                        None => bytes.push(b'%'),
                    }
                }
                other => bytes.push(other),
            }
            i += 1;
        }
        sms_primitives::latin1::decode(&bytes)
    };
    body.split(|&b| b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |&b| b == b'=');
            let k = decode(it.next().unwrap_or_default());
            let v = decode(it.next().unwrap_or_default());
            (k, v)
        })
        .collect()
}

/// A parameter's value.
pub(crate) fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// International digits of a number given as the provider takes it (`+`, `00`, or
/// digits already carrying the calling code, or national in `region`).
pub(crate) fn international(raw: &str, region: Region) -> Option<String> {
    PhoneNumber::parse_with_region(raw.trim(), region)
        .ok()
        .map(|p| p.international_digits().to_owned())
}

/// Segments of a text (at least 1).
pub(crate) fn segments(text: &str) -> i64 {
    i64::try_from(sms_primitives::analyze(text).segments().max(1)).unwrap_or(1)
}

/// A fresh id in a provider's style.
pub(crate) fn new_id(shared: &Shared, prefix: &str) -> String {
    let n = {
        let mut inner = shared.lock();
        inner.next_id += 1;
        inner.next_id
    };
    format!("{prefix}{:08x}-{n:04}", now_ms() & 0xFFFF_FFFF)
}

/// Calls the callbacks a delivery report produces: smsadvert's `callback` URL (JSON) and
/// the AllMySMS webhook (form), best effort.
pub(crate) async fn fire_callbacks(
    shared: &Shared,
    message: &Message,
    allmysms_webhook: Option<String>,
    callback: Option<String>,
) {
    let delivered = message.status == Status::Delivered;
    match message.provider {
        Provider::Smsadvert => {
            if let Some(url) = callback {
                let body = serde_json::json!({
                    "status": if delivered { "delivered" } else { "failed" },
                    "msgId": message.id_of("msgId").unwrap_or_default(),
                });
                let sent = shared
                    .http
                    .post(&url)
                    .timeout(Duration::from_secs(5))
                    .json(&body)
                    .send()
                    .await;
                note_callback(shared, message.id, url, body.to_string(), sent);
            }
        }
        Provider::Allmysms => {
            if let Some(url) = allmysms_webhook {
                let (status, text) = if delivered {
                    ("1", "Delivered")
                } else {
                    ("2", "Not delivered")
                };
                let form = [
                    (
                        "smsId",
                        message.id_of("smsId").unwrap_or_default().to_owned(),
                    ),
                    (
                        "campaignId",
                        message.id_of("campaignId").unwrap_or_default().to_owned(),
                    ),
                    ("phoneNumber", message.recipient.clone()),
                    (
                        "receptionDate",
                        datetime_of(message.delivered_at_ms.unwrap_or_else(now_ms)),
                    ),
                    ("status", status.to_owned()),
                    ("statusText", text.to_owned()),
                ];
                let sent = shared
                    .http
                    .post(&url)
                    .timeout(Duration::from_secs(5))
                    .form(&form)
                    .send()
                    .await;
                let body = serde_urlencoded::to_string(form).unwrap_or_default();
                note_callback(shared, message.id, url, body, sent);
            }
        }
        _ => {}
    }
}

/// Puts a callback's delivery (its URL, body, and status or error) on the message's
/// timeline.
fn note_callback(
    shared: &Shared,
    id: u64,
    url: String,
    body: String,
    sent: Result<reqwest::Response, reqwest::Error>,
) {
    let (http_status, detail) = match sent {
        Ok(r) => (Some(r.status().as_u16()), body),
        Err(e) => (None, format!("{body} (not delivered: {})", e.without_url())),
    };
    shared.note(
        id,
        crate::state::TimelineEntry {
            url: Some(url),
            http_status,
            detail: Some(detail),
            ..crate::state::TimelineEntry::now("callback")
        },
    );
}

/// Records an injected reply.
pub(crate) fn add_reply(
    shared: &Shared,
    provider: Provider,
    from: &str,
    text: &str,
    in_reply_to: Option<u64>,
) -> Reply {
    let mut inner = shared.lock();
    inner.next_id += 1;
    let reply = Reply {
        id: inner.next_id,
        provider,
        from: from.trim().trim_start_matches('+').to_owned(),
        text: text.to_owned(),
        in_reply_to,
        received_at_ms: now_ms(),
    };
    inner.replies.push(reply.clone());
    drop(inner);
    // On the replied message's timeline, and in the live view.
    match in_reply_to {
        Some(id) => shared.note(
            id,
            crate::state::TimelineEntry {
                detail: Some(reply.text.clone()),
                ..crate::state::TimelineEntry::now("reply")
            },
        ),
        None => shared.publish("reply", reply.id),
    }
    reply
}

/// Pushes an AllMySMS reply to the webhook (`smsId`, `campaignId`, `phoneNumber`,
/// `receptionDate`, `smsMoId`, `message`), best effort.
pub(crate) async fn fire_reply_webhook(shared: &Shared, reply: &Reply) {
    if reply.provider != Provider::Allmysms {
        return;
    }
    let (url, original) = {
        let inner = shared.lock();
        let original = reply.in_reply_to.and_then(|id| inner.message(id).cloned());
        (inner.accounts.allmysms_webhook_url.clone(), original)
    };
    let Some(url) = url else { return };
    let form = [
        (
            "smsId",
            original
                .as_ref()
                .and_then(|m| m.id_of("smsId"))
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            "campaignId",
            original
                .as_ref()
                .and_then(|m| m.id_of("campaignId"))
                .unwrap_or_default()
                .to_owned(),
        ),
        ("phoneNumber", reply.from.clone()),
        ("receptionDate", datetime_of(reply.received_at_ms)),
        ("smsMoId", reply.id.to_string()),
        ("message", reply.text.clone()),
    ];
    let sent = shared
        .http
        .post(&url)
        .timeout(Duration::from_secs(5))
        .form(&form)
        .send()
        .await;
    if let Some(id) = reply.in_reply_to {
        let body = serde_urlencoded::to_string(form).unwrap_or_default();
        note_callback(shared, id, url, body, sent);
    }
}
