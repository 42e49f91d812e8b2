//! Helpers for the provider crates' integration tests: record what a mockito server
//! received, decode it, and find a port nothing listens on.
// Test code: a malformed request should fail the test loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

pub mod hostile;
pub mod scripted;

use std::sync::{Arc, Mutex};

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// HTTP method.
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    /// Headers (names lowercase).
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

    /// The path without its query.
    pub fn path_only(&self) -> &str {
        self.path.split('?').next().unwrap_or_default()
    }

    /// The raw query string (empty when none).
    pub fn query(&self) -> &str {
        self.path
            .split_once('?')
            .map(|(_, q)| q)
            .unwrap_or_default()
    }

    /// The form body decoded as UTF-8 pairs, in order.
    pub fn form(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_bytes(&self.body).expect("a UTF-8 form body")
    }

    /// The form body decoded as ISO-8859-1 pairs, in order.
    pub fn latin1_form(&self) -> Vec<(String, String)> {
        decode_latin1_form(&self.body)
    }

    /// The query string decoded as ISO-8859-1 pairs, in order.
    pub fn latin1_query(&self) -> Vec<(String, String)> {
        decode_latin1_form(self.query().as_bytes())
    }

    /// The JSON body.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// Decodes `application/x-www-form-urlencoded` whose bytes are ISO-8859-1.
pub fn decode_latin1_form(input: &[u8]) -> Vec<(String, String)> {
    let decode = |part: &[u8]| {
        let mut bytes = Vec::with_capacity(part.len());
        let mut i = 0;
        while i < part.len() {
            match part[i] {
                b'+' => bytes.push(b' '),
                b'%' if i + 2 < part.len() => {
                    let hex = std::str::from_utf8(&part[i + 1..i + 3]).expect("hex");
                    bytes.push(u8::from_str_radix(hex, 16).expect("hex"));
                    i += 2;
                }
                b => bytes.push(b),
            }
            i += 1;
        }
        sms_primitives::latin1::decode(&bytes)
    };
    input
        .split(|&b| b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |&b| b == b'=');
            let k = decode(it.next().unwrap_or_default());
            let v = decode(it.next().unwrap_or_default());
            (k, v)
        })
        .collect()
}

/// Every request a mock matched, in order.
pub type Log = Arc<Mutex<Vec<Seen>>>;

/// A mockito request matcher that accepts every request and records it, so that tests
/// assert on requests with plain `assert_eq!` (clear diffs).
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

/// The requests recorded so far.
pub fn seen(log: &Log) -> Vec<Seen> {
    log.lock().unwrap().clone()
}

/// A file of the calling crate's `tests/fixtures`, as bytes.
pub fn fixture_bytes(manifest_dir: &str, name: &str) -> Vec<u8> {
    std::fs::read(format!("{manifest_dir}/tests/fixtures/{name}")).expect("fixture")
}

/// A local URL nothing listens on.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// Serializes `value` to JSON, reads it back and serializes that again: the two JSON
/// documents must be equal. Returns the JSON and the value read back.
pub fn round_trip<T>(value: &T) -> (serde_json::Value, T)
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let json = serde_json::to_value(value).expect("serialize");
    let back: T = serde_json::from_value(json.clone()).expect("deserialize");
    assert_eq!(serde_json::to_value(&back).expect("serialize again"), json);
    (json, back)
}

/// The PostgreSQL URL for the outbox tests: `SMS_OUTBOX_POSTGRES_URL` when set; else,
/// when the distribution's server is installed, the private one `tools/postgres.sh`
/// starts (or finds running); else `None` (the tests that need it say so and pass),
/// except under CI, where PostgreSQL must be there.
pub fn postgres_url() -> Option<String> {
    static URL: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("SMS_OUTBOX_POSTGRES_URL")
            && !url.is_empty()
        {
            return Some(url);
        }
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/postgres.sh");
        let started = std::process::Command::new("bash")
            .arg(&script)
            .arg("start")
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| {
                String::from_utf8_lossy(&out.stdout)
                    .trim()
                    .strip_prefix("export SMS_OUTBOX_POSTGRES_URL=")
                    .map(str::to_owned)
            });
        assert!(
            started.is_some() || std::env::var_os("CI").is_none(),
            "CI needs PostgreSQL: set SMS_OUTBOX_POSTGRES_URL or install the package postgresql"
        );
        if started.is_none() {
            eprintln!("PostgreSQL skipped: install the package postgresql (see the README)");
        }
        started
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_forms() {
        assert_eq!(
            decode_latin1_form(b"a=b+c&msg=%E9t%E9%26&e="),
            [
                ("a".into(), "b c".into()),
                ("msg".into(), "été&".into()),
                ("e".into(), String::new())
            ]
        );
    }
}
