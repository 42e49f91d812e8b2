//! The real clients against a real local HTTP server (mockito): exact requests and
//! parsed responses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bulk;
mod push;
mod pushes;
mod sandbox;
mod serde;

pub use test_support::{closed_port_url, recorder};

/// A file of `tests/fixtures`, as text.
pub fn fixture(name: &str) -> String {
    String::from_utf8(test_support::fixture_bytes(
        env!("CARGO_MANIFEST_DIR"),
        name,
    ))
    .unwrap()
}
