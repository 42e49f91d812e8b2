//! The real client against a real local HTTP server (mockito), for every command in
//! every transport: exact requests and parsed answers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bulk;
mod commands;
mod errors;
mod reconcile;
mod sandbox;
mod sendsms;
mod serde;

use smseco::{Client, Credentials, Format, OutputFormat};
use test_support::Seen;

pub use test_support::{closed_port_url, recorder, seen};

/// Every transport.
pub const FORMATS: [Format; 4] = [
    Format::Xml,
    Format::Json,
    Format::Get(OutputFormat::Xml),
    Format::Get(OutputFormat::Json),
];

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> Vec<u8> {
    test_support::fixture_bytes(env!("CARGO_MANIFEST_DIR"), name)
}

/// A client of the mock server with fake credentials.
pub fn client(server: &mockito::Server, format: Format) -> Client {
    Client::builder(Credentials::new("toto@toto.fr", "fake&pass+word"))
        .base_url(server.url())
        .format(format)
        .build()
        .unwrap()
}

/// The method and path a command uses in a transport (`cmd` as POST segment, `get` as
/// GET segment).
pub fn route(format: Format, post: &str, get: &str) -> (&'static str, String) {
    match format {
        Format::Xml => ("POST", format!("/api/xml/{post}/")),
        Format::Json => ("POST", format!("/api/json/{post}/")),
        Format::Get(OutputFormat::Xml) => ("GET", format!("/api/xml/{get}")),
        Format::Get(OutputFormat::Json) => ("GET", format!("/api/json/{get}")),
        _ => unreachable!(),
    }
}

/// A mock for a command in a transport, answering `body`, recording requests.
pub async fn mock(
    server: &mut mockito::Server,
    format: Format,
    post: &str,
    get: &str,
    body: &[u8],
) -> (mockito::Mock, test_support::Log) {
    let (method, path) = route(format, post, get);
    let (log, matcher) = recorder();
    let m = server
        .mock(method, path.as_str())
        .match_query(mockito::Matcher::Any)
        .match_request(matcher)
        .with_body(body)
        .expect(1)
        .create_async()
        .await;
    (m, log)
}

/// What a request carried, decoded per transport: the XML payload, the JSON payload,
/// or the query pairs.
#[derive(Debug, PartialEq)]
pub enum Payload {
    /// `XML=` form field.
    Xml(String),
    /// `JSON=` form field, parsed.
    Json(serde_json::Value),
    /// Query pairs.
    Query(Vec<(String, String)>),
}

/// Decodes what was sent.
pub fn payload(req: &Seen) -> Payload {
    if req.method == "GET" {
        assert!(req.body.is_empty());
        return Payload::Query(serde_urlencoded::from_str(req.query()).unwrap());
    }
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let form = req.form();
    assert_eq!(form.len(), 1, "one form field: {form:?}");
    let (name, value) = form.into_iter().next().unwrap();
    match name.as_str() {
        "XML" => Payload::Xml(value),
        "JSON" => Payload::Json(serde_json::from_str(&value).unwrap()),
        other => panic!("unexpected field {other}"),
    }
}

/// Query pairs from literals.
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The `<compte>` element every XML request starts with.
pub const XML_COMPTE: &str =
    "<compte><login>toto@toto.fr</login><password>fake&amp;pass+word</password></compte>";
