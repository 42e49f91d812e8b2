//! Shared by the examples: a client from the environment, and a runner.
// Not every example uses every helper.
#![allow(dead_code)]

use std::future::Future;
use std::process::ExitCode;

use allmysms::{Client, Credentials};

/// Reads an environment variable or says which one to set.
pub(crate) fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

/// A client from `ALLMYSMS_LOGIN`, `ALLMYSMS_API_KEY` and the optional `ALLMYSMS_BASE_URL`.
pub(crate) fn client() -> Result<Client, String> {
    let mut builder = Client::builder(Credentials::new(
        env("ALLMYSMS_LOGIN")?,
        env("ALLMYSMS_API_KEY")?,
    ));
    if let Ok(url) = std::env::var("ALLMYSMS_BASE_URL") {
        builder = builder.base_url(url);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Runs an example's body and turns its error into an exit code.
pub(crate) fn run<F: Future<Output = Result<(), String>>>(body: F) -> ExitCode {
    let result = tokio::runtime::Runtime::new()
        .map_err(|e| e.to_string())
        .and_then(|rt| rt.block_on(body));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
