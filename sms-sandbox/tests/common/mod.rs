//! What the sandbox's HTTP tests share: a server that records callbacks and webhooks,
//! and waiting for something to happen.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Requests received: (content type, body).
pub(crate) type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// A local server that records what is POSTed to it (callbacks, webhooks).
pub(crate) async fn capture() -> (String, Received) {
    let seen: Received = Arc::default();
    let sink = Arc::clone(&seen);
    let app = axum::Router::new().fallback(
        move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
            let sink = Arc::clone(&sink);
            async move {
                let ct = headers
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                sink.lock().unwrap().push((ct, body.to_vec()));
                "OK"
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

pub(crate) async fn wait_for<T>(mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(v) = check() {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting")
}
