//! The real client against a real local HTTP server (mockito): exact decoded requests
//! for every method (both `smsData` formats for sends) and the documented answers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bulk;
mod methods;
mod part2;
mod reconcile;
mod rest;
mod sandbox;
mod send;
mod serde;

use allmysms::{Client, ClientBuilder, Credentials};
use test_support::Seen;

pub use test_support::{closed_port_url, recorder, seen};

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> Vec<u8> {
    test_support::fixture_bytes(env!("CARGO_MANIFEST_DIR"), name)
}

/// A builder pointed at the mock server, with fake credentials.
pub fn builder(server: &mockito::Server) -> ClientBuilder {
    Client::builder(Credentials::new("yourlogin", "fake-api-key")).base_url(server.url())
}

/// A mock of one v9 method answering `body`, recording requests.
pub async fn mock(
    server: &mut mockito::Server,
    method: &str,
    body: &[u8],
) -> (mockito::Mock, test_support::Log) {
    let (log, matcher) = recorder();
    let path = if method.is_empty() {
        "/http/9.0/".to_owned()
    } else {
        format!("/http/9.0/{method}/")
    };
    let m = server
        .mock("POST", path.as_str())
        .match_request(matcher)
        .with_header("content-type", "application/json")
        .with_body(body)
        .expect(1)
        .create_async()
        .await;
    (m, log)
}

/// The decoded form, checking the parts every call carries.
pub fn form(req: &Seen) -> Vec<(String, String)> {
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let form = req.form();
    assert_eq!(
        form.first().map(|(k, v)| (k.as_str(), v.as_str())),
        Some(("login", "yourlogin"))
    );
    assert_eq!(
        form.get(1).map(|(k, v)| (k.as_str(), v.as_str())),
        Some(("apiKey", "fake-api-key"))
    );
    assert_eq!(
        form.last().map(|(k, v)| (k.as_str(), v.as_str())),
        Some(("returnformat", "json"))
    );
    form
}

/// The method's own parameters (without login, apiKey and returnformat).
pub fn params(req: &Seen) -> Vec<(String, String)> {
    let f = form(req);
    f[2..f.len() - 1].to_vec()
}

/// Pairs from literals.
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}
