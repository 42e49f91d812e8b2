//! The router: every provider's paths, faults, and the inspection API and inbox under
//! `/_sandbox/`.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;

use crate::Provider;
use crate::state::Shared;

/// Serves `app` until `stop`: HTTP/1 with a header-read timeout (a client that never
/// finishes its headers is dropped, so it cannot hold connections open).
pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    header_read_timeout: std::time::Duration,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let service = hyper_util::service::TowerToHyperService::new(app.clone());
                let connection = http
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .with_upgrades();
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
        }
    }
}

/// Whether a `Host` (or an `Origin`'s host) names this machine: `localhost` (and
/// `*.localhost`), 127.0.0.0/8, `::1`, or the host the sandbox was configured with.
fn is_allowed_host(host_and_port: &str, configured: &str) -> bool {
    let host = match host_and_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_and_port
            .rsplit_once(':')
            .map_or(host_and_port, |(h, _)| h),
    }
    .trim_end_matches('.')
    .to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
        || host.eq_ignore_ascii_case(configured)
}

/// Guards the inbox and the control API: a `Host` that is not this machine is refused
/// (DNS rebinding: a web page whose name resolves to 127.0.0.1 cannot read or change the
/// sandbox), and so is a state change from another site (`Origin` not the same, or
/// `Sec-Fetch-Site: cross-site`/`same-site`).
async fn guard(
    State(configured): State<std::sync::Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    if !request.uri().path().starts_with("/_sandbox/") {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let host = text(header::HOST).unwrap_or_default();
    if !is_allowed_host(&host, &configured) {
        return (
            StatusCode::FORBIDDEN,
            "this sandbox answers only to its own host names",
        )
            .into_response();
    }
    let changes_state = !matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    if changes_state {
        let cross_site_fetch = text(header::HeaderName::from_static("sec-fetch-site"))
            .is_some_and(|v| !matches!(v.as_str(), "same-origin" | "none"));
        let foreign_origin = text(header::ORIGIN).is_some_and(|origin| {
            let authority = origin.split_once("://").map_or("", |(_, rest)| rest);
            !authority.eq_ignore_ascii_case(&host)
        });
        if cross_site_fetch || foreign_origin {
            return (
                StatusCode::FORBIDDEN,
                "cross-site requests cannot change the sandbox",
            )
                .into_response();
        }
    }
    next.run(request).await
}

pub(crate) fn router(shared: Shared, configured_host: String) -> Router {
    Router::new()
        .merge(crate::providers::lmt::routes())
        .merge(crate::providers::allmysms::routes())
        .merge(crate::providers::allmysms_rest::routes())
        .merge(crate::providers::smsadvert::routes())
        .merge(crate::providers::smseco::routes())
        .merge(crate::providers::connect_mobile::routes())
        .route("/_sandbox/", get(inbox))
        .route(
            "/_sandbox/api/messages",
            get(list_messages).delete(clear_messages),
        )
        .route(
            "/_sandbox/api/replies",
            get(list_replies).post(inject_reply),
        )
        .route("/_sandbox/api/balance", post(set_balance).put(set_balance))
        .route("/_sandbox/api/accounts", get(accounts))
        .route("/_sandbox/api/stats", get(stats))
        .route("/_sandbox/api/messages/{id}", get(message_detail))
        .route("/_sandbox/api/messages/{id}/status", post(set_status))
        .route("/_sandbox/api/messages/{id}/reply", post(reply_to))
        .route("/_sandbox/api/faults", get(list_faults))
        .route(
            "/_sandbox/api/faults/{provider}",
            axum::routing::put(set_fault).post(set_fault),
        )
        .route("/_sandbox/api/events", get(events))
        .layer(middleware::from_fn_with_state(shared.clone(), faults))
        .layer(middleware::from_fn_with_state(
            std::sync::Arc::<str>::from(configured_host),
            guard,
        ))
        .with_state(shared)
}

/// One message with its segments as the phone receives them, its units and encoding,
/// its ids, and its timeline (reports, callbacks, replies).
async fn message_detail(State(shared): State<Shared>, Path(id): Path<u64>) -> Response {
    let Some(m) = shared.lock().message(id).cloned() else {
        return (StatusCode::NOT_FOUND, "no such message").into_response();
    };
    let analysis = sms_primitives::analyze(&m.text);
    let parts: Vec<&str> = sms_primitives::encoding::split(&m.text).collect();
    let replies: Vec<_> = shared
        .lock()
        .replies
        .iter()
        .filter(|r| r.in_reply_to == Some(id))
        .cloned()
        .collect();
    let mut doc = serde_json::to_value(&m).unwrap_or_default();
    if let Some(map) = doc.as_object_mut() {
        map.insert("parts".into(), json!(parts));
        map.insert("units".into(), json!(analysis.units()));
        map.insert("chars".into(), json!(analysis.chars()));
        map.insert("replies".into(), json!(replies));
    }
    axum::Json(doc).into_response()
}

#[derive(Deserialize)]
struct SetStatus {
    status: String,
}

/// Marks a message delivered or failed: its delivery report says so, and its callbacks
/// are called.
async fn set_status(State(shared): State<Shared>, Path(id): Path<u64>, body: Bytes) -> Response {
    let status = match serde_json::from_slice::<SetStatus>(&body).map(|s| s.status) {
        Ok(s) if s == "delivered" => crate::state::Status::Delivered,
        Ok(s) if s == "failed" => crate::state::Status::Failed,
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                "expected {\"status\": \"delivered\"|\"failed\"}",
            )
                .into_response();
        }
    };
    match shared.set_status(id, status) {
        Some(m) => axum::Json(m).into_response(),
        None => (StatusCode::NOT_FOUND, "no such message").into_response(),
    }
}

#[derive(Deserialize)]
struct ReplyText {
    text: String,
}

/// A reply from the message's recipient: served by the pull methods and pushed to the
/// webhook.
async fn reply_to(State(shared): State<Shared>, Path(id): Path<u64>, body: Bytes) -> Response {
    let Ok(ReplyText { text }) = serde_json::from_slice::<ReplyText>(&body) else {
        return (StatusCode::BAD_REQUEST, "expected {\"text\": …}").into_response();
    };
    let Some((provider, from)) = shared
        .lock()
        .message(id)
        .map(|m| (m.provider, m.recipient.clone()))
    else {
        return (StatusCode::NOT_FOUND, "no such message").into_response();
    };
    let reply = crate::providers::add_reply(&shared, provider, &from, &text, Some(id));
    crate::providers::fire_reply_webhook(&shared, &reply).await;
    (StatusCode::CREATED, axum::Json(reply)).into_response()
}

fn fault_json(f: &crate::Fault) -> serde_json::Value {
    json!({
        "latency_ms": u64::try_from(f.latency.as_millis()).unwrap_or(u64::MAX),
        "http_503_rate": f.http_5xx_rate,
        "cut_after_processing": f.close_after_read,
    })
}

/// Each provider's faults.
async fn list_faults(State(shared): State<Shared>) -> Response {
    let doc: serde_json::Map<String, serde_json::Value> = Provider::ALL
        .iter()
        .map(|&p| (p.as_str().to_owned(), fault_json(&shared.fault(p))))
        .collect();
    axum::Json(doc).into_response()
}

#[derive(Deserialize)]
struct SetFault {
    #[serde(default)]
    latency_ms: u64,
    #[serde(default)]
    http_503_rate: f64,
    #[serde(default)]
    cut_after_processing: bool,
}

/// Sets one provider's faults (fields left out are off).
async fn set_fault(
    State(shared): State<Shared>,
    Path(provider): Path<String>,
    body: Bytes,
) -> Response {
    let Some(provider) = Provider::ALL
        .iter()
        .copied()
        .find(|p| p.as_str() == provider)
    else {
        return (StatusCode::NOT_FOUND, "no such provider").into_response();
    };
    let Ok(req) = serde_json::from_slice::<SetFault>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            "expected {latency_ms?, http_503_rate?, cut_after_processing?}",
        )
            .into_response();
    };
    if !(0.0..=1.0).contains(&req.http_503_rate) {
        return (StatusCode::BAD_REQUEST, "http_503_rate is between 0 and 1").into_response();
    }
    let fault = crate::Fault {
        latency: std::time::Duration::from_millis(req.latency_ms),
        http_5xx_rate: req.http_503_rate,
        close_after_read: req.cut_after_processing,
    };
    let doc = fault_json(&fault);
    shared.lock().faults.insert(provider, fault);
    axum::Json(doc).into_response()
}

/// Live events for the inbox (Server-Sent Events): `{"event": "received" | "delivered" |
/// "failed" | "callback" | "reply", "id": …}`, one per change.
async fn events(State(shared): State<Shared>) -> Response {
    let receiver = shared.events.subscribe();
    let stream = futures_util::stream::unfold(receiver, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(data) => {
                    let event = axum::response::sse::Event::default().data(data);
                    return Some((Ok::<_, std::convert::Infallible>(event), rx));
                }
                // A slow page missed some: it reloads the list on the next one.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    axum::response::sse::Sse::new(stream)
        .keep_alive(axum::response::sse::KeepAlive::default())
        .into_response()
}

/// Counts: messages kept, the limit, and how many were dropped to respect it.
async fn stats(State(shared): State<Shared>) -> Response {
    let inner = shared.lock();
    axum::Json(json!({
        "messages": inner.messages.len(),
        "max_messages": inner.max_messages,
        "dropped_messages": inner.dropped_messages,
        "replies": inner.replies.len(),
    }))
    .into_response()
}

/// Latency, 503s and dropped connections, per provider (by path).
async fn faults(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    let Some(provider) = Provider::of_path(request.uri().path()) else {
        return next.run(request).await;
    };
    let fault = shared.fault(provider);
    if !fault.latency.is_zero() {
        tokio::time::sleep(fault.latency).await;
    }
    if fault.http_5xx_rate > 0.0 && shared.random() < fault.http_5xx_rate {
        // Refused before any processing: nothing was sent.
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "503 Service Unavailable (sandbox fault)",
        )
            .into_response();
    }
    let response = next.run(request).await;
    if fault.close_after_read {
        // The request was processed; the answer is cut: the client cannot know.
        let broken = futures_util::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::other("sandbox fault: connection closed"))
        });
        return Response::builder()
            .status(StatusCode::OK)
            .body(Body::from_stream(broken))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    response
}

#[derive(Deserialize)]
struct ProviderFilter {
    provider: Option<Provider>,
}

async fn list_messages(
    State(shared): State<Shared>,
    Query(filter): Query<ProviderFilter>,
) -> Response {
    let messages: Vec<_> = shared
        .lock()
        .messages
        .iter()
        .filter(|m| filter.provider.is_none_or(|p| p == m.provider))
        .cloned()
        .collect();
    axum::Json(messages).into_response()
}

/// Deletes every message and reply, or only one provider's (`?provider=`).
async fn clear_messages(
    State(shared): State<Shared>,
    Query(filter): Query<ProviderFilter>,
) -> StatusCode {
    let mut inner = shared.lock();
    match filter.provider {
        None => {
            inner.messages.clear();
            inner.replies.clear();
        }
        Some(provider) => {
            inner.messages.retain(|m| m.provider != provider);
            inner.replies.retain(|r| r.provider != provider);
        }
    }
    StatusCode::NO_CONTENT
}

async fn list_replies(State(shared): State<Shared>) -> Response {
    axum::Json(shared.lock().replies.clone()).into_response()
}

#[derive(Deserialize)]
struct InjectReply {
    provider: Provider,
    from: String,
    text: String,
    in_reply_to: Option<u64>,
}

async fn inject_reply(State(shared): State<Shared>, body: Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<InjectReply>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            "expected {provider, from, text, in_reply_to?}",
        )
            .into_response();
    };
    let reply =
        crate::providers::add_reply(&shared, req.provider, &req.from, &req.text, req.in_reply_to);
    crate::providers::fire_reply_webhook(&shared, &reply).await;
    (StatusCode::CREATED, axum::Json(reply)).into_response()
}

#[derive(Deserialize)]
struct SetBalance {
    provider: Provider,
    amount: i64,
}

async fn set_balance(State(shared): State<Shared>, body: Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<SetBalance>(&body) else {
        return (StatusCode::BAD_REQUEST, "expected {provider, amount}").into_response();
    };
    let mut inner = shared.lock();
    let a = &mut inner.accounts;
    match req.provider {
        Provider::LmtBulksms => a.lmt_credits = req.amount,
        Provider::Allmysms => a.allmysms_credits = req.amount,
        Provider::Smseco => a.smseco_credits = req.amount,
        Provider::ConnectMobile => a.connect_mobile_sms = req.amount,
        Provider::Smsadvert => {
            return (StatusCode::BAD_REQUEST, "smsadvert has no balance").into_response();
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn accounts(State(shared): State<Shared>) -> Response {
    let a = shared.lock().accounts.clone();
    axum::Json(json!({
        "lmt-bulksms": {"api_key": a.lmt_api_key, "password": a.lmt_password,
            "pushes_api_key": a.lmt_pushes_key, "pushes_secret": a.lmt_pushes_secret, "credits": a.lmt_credits},
        "allmysms": {"login": a.allmysms_login, "api_key": a.allmysms_api_key,
            "credits": a.allmysms_credits, "euro_cents": a.allmysms_euro_cents},
        "smsadvert": {"token": a.smsadvert_token},
        "smseco": {"login": a.smseco_login, "password": a.smseco_password,
            "senders": a.smseco_senders, "credits": a.smseco_credits},
        "connect-mobile": {"login": a.connect_mobile_login, "api_password": a.connect_mobile_api_password,
            "sms": a.connect_mobile_sms},
    }))
    .into_response()
}

/// The inbox: one page, no external asset, driven by the control API and its live
/// events (message texts are written with `textContent`, never as HTML).
async fn inbox() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // Nothing but this page's own script and style, and its own API.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                 connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'",
            ),
        ],
        include_str!("inbox.html"),
    )
        .into_response()
}
