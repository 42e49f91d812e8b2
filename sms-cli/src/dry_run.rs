//! `--dry-run`: the real client sends to an in-process capture server (nothing leaves
//! the process), and the captured requests are printed against the real base URL with
//! every secret masked. What is printed is exactly what the client would send.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{Map, Value, json};
use sms_primitives::redact::Redactor;

use crate::output::Fail;

/// A request the capture server received.
#[derive(Debug, Clone)]
struct Captured {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// A running capture server.
pub(crate) struct Capture {
    url: String,
    seen: Arc<Mutex<Vec<Captured>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Capture {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Capture {
    /// Starts the capture server on a free local port.
    pub(crate) async fn start() -> Result<Self, Fail> {
        let seen: Arc<Mutex<Vec<Captured>>> = Arc::default();
        let sink = Arc::clone(&seen);
        let app = axum::Router::new().fallback(
            move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
                let sink = Arc::clone(&sink);
                async move {
                    let captured = Captured {
                        method: method.to_string(),
                        path: uri
                            .path_and_query()
                            .map(|p| p.as_str().to_owned())
                            .unwrap_or_default(),
                        headers: headers
                            .iter()
                            .map(|(k, v)| {
                                (
                                    k.as_str().to_owned(),
                                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                                )
                            })
                            .collect(),
                        body: body.to_vec(),
                    };
                    sink.lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(captured);
                    // Not a provider answer: the client reports it as not understood.
                    (
                        StatusCode::from_u16(599).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                        "dry run",
                    )
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| Fail::Transport {
                message: format!("dry run: {e}"),
                known_not_sent: true,
            })?;
        let addr = listener.local_addr().map_err(|e| Fail::Transport {
            message: format!("dry run: {e}"),
            known_not_sent: true,
        })?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Self {
            url: format!("http://{addr}"),
            seen,
            stop: Some(stop),
        })
    }

    /// The base URL to give the client.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The captured requests, against `real_base`, with `secrets` masked.
    pub(crate) fn report(&self, real_base: &str, secrets: &[&str]) -> Value {
        let seen = self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let requests: Vec<Value> = seen
            .iter()
            .map(|r| {
                let mut headers = Map::new();
                for (k, v) in &r.headers {
                    if matches!(k.as_str(), "host" | "content-length") {
                        continue;
                    }
                    let shown = if k == "authorization" && v.starts_with("Basic ") {
                        "Basic ***".to_owned()
                    } else {
                        mask(v, secrets)
                    };
                    headers.insert(k.clone(), Value::String(shown));
                }
                json!({
                    "method": r.method,
                    "url": mask(&format!("{}{}", real_base.trim_end_matches('/'), r.path), secrets),
                    "headers": headers,
                    "body": mask(&String::from_utf8_lossy(&r.body), secrets),
                })
            })
            .collect();
        json!({"dry_run": true, "sent": false, "requests": requests})
    }
}

/// Replaces every form of each secret with `***` (the clients' own [`Redactor`]).
pub(crate) fn mask(text: &str, secrets: &[&str]) -> String {
    Redactor::new(secrets).redact(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaped_then_form_encoded() {
        let s = mask(
            "XML=%3Cpassword%3ESup3r%26amp%3BSecret%3C%2Fpassword%3E",
            &["Sup3r&Secret"],
        );
        assert_eq!(s, "XML=%3Cpassword%3E***%3C%2Fpassword%3E");
        let s = mask("msg=p%E9", &["pé"]);
        assert_eq!(s, "msg=***", "ISO-8859-1 form encoding");
    }

    #[test]
    fn every_form_is_masked() {
        let s = mask(
            "apiKey=p%40ss%22w%C3%B6rd&x={\"k\":\"p@ss\\\"w\u{f6}rd\"} p@ss\"w\u{f6}rd",
            &["p@ss\"w\u{f6}rd"],
        );
        assert!(!s.contains("ss"), "{s}");
    }
}
