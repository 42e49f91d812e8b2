//! The real client against a real local HTTP server (mockito): exact decoded requests
//! (ISO-8859-1 form and query encoding) and parsed answers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bulk;
mod envoi;
mod reconcile;
mod sandbox;
mod serde;
mod solde_statut;

use connect_mobile::{Client, ClientBuilder, Credentials};

pub use test_support::{closed_port_url, recorder, seen};

/// The documented path.
pub const PATH: &str = "/client/api/";

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> Vec<u8> {
    test_support::fixture_bytes(env!("CARGO_MANIFEST_DIR"), name)
}

/// A builder pointed at `url`, with fake credentials.
pub fn builder_for(url: &str) -> ClientBuilder {
    Client::builder(Credentials::new("Michelle", "Fake-Pass-123")).base_url(url)
}

/// A builder pointed at the mock server, with fake credentials.
pub fn builder(server: &mockito::Server) -> ClientBuilder {
    builder_for(&server.url())
}

/// A POST mock on the documented path answering the fixture `answer`, recording every
/// request it sees.
pub async fn post_answering(
    server: &mut mockito::Server,
    answer: &str,
) -> (mockito::Mock, test_support::Log) {
    let (log, matcher) = recorder();
    let mock = server
        .mock("POST", PATH)
        .match_request(matcher)
        .with_body(fixture(answer))
        .create_async()
        .await;
    (mock, log)
}

/// Pairs of owned strings, for comparisons.
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}
