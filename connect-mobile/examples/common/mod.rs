//! Shared by the examples: a client from the environment.
// Not every example uses every helper.
#![allow(dead_code)]

use connect_mobile::{Client, Credentials};

/// Reads an environment variable or says which one to set.
pub(crate) fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

/// A client from `CONNECT_MOBILE_LOGIN`, `CONNECT_MOBILE_API_PASSWORD` and the optional
/// `CONNECT_MOBILE_BASE_URL`.
pub(crate) fn client() -> Result<Client, String> {
    let credentials = Credentials::new(
        env("CONNECT_MOBILE_LOGIN")?,
        env("CONNECT_MOBILE_API_PASSWORD")?,
    );
    let mut builder = Client::builder(credentials);
    if let Ok(url) = std::env::var("CONNECT_MOBILE_BASE_URL") {
        builder = builder.base_url(url);
    }
    builder.build().map_err(|e| e.to_string())
}
