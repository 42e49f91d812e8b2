//! The real clients against a real local HTTP server (mockito): exact requests and
//! parsed responses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod push;
mod pushes;

use std::sync::{Arc, Mutex};

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// HTTP method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Headers, names lowercase.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Seen {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The form body decoded, in order.
    pub fn form(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_bytes(&self.body).expect("a form body")
    }

    /// The JSON body.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// Records every request a mock matches.
pub type Log = Arc<Mutex<Vec<Seen>>>;

/// A matcher that accepts every request and records it, so that tests assert on the
/// request with plain `assert_eq!` (clear diffs) rather than through mock matchers.
pub fn recorder() -> (
    Log,
    impl Fn(&mockito::Request) -> bool + Send + Sync + 'static,
) {
    let log: Log = Arc::default();
    let sink = Arc::clone(&log);
    let matcher = move |req: &mockito::Request| {
        let seen = Seen {
            method: req.method().to_owned(),
            path: req.path_and_query().to_owned(),
            headers: req
                .headers()
                .iter()
                .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                .collect(),
            body: req.body().cloned().unwrap_or_default(),
        };
        sink.lock().unwrap().push(seen);
        true
    };
    (log, matcher)
}

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A local address nothing listens on.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
