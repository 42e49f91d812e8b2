//! The real client against a real local HTTP server (mockito).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bulk;
mod sandbox;
mod serde;
mod sms;

pub use test_support::{closed_port_url, recorder, seen};

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> Vec<u8> {
    test_support::fixture_bytes(env!("CARGO_MANIFEST_DIR"), name)
}
