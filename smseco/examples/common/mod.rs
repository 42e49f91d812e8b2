//! Shared by the examples: a client from the environment, and a runner.
// Not every example uses every helper.
#![allow(dead_code)]

use std::future::Future;
use std::process::ExitCode;

use smseco::{Client, Credentials, Format, OutputFormat};

/// Reads an environment variable or says which one to set.
pub(crate) fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

/// A client from `SMSECO_LOGIN`, `SMSECO_PASSWORD`, and the optional `SMSECO_BASE_URL`
/// and `SMSECO_FORMAT` (`xml`, `json`, `get-xml`, `get-json`).
pub(crate) fn client() -> Result<Client, String> {
    let credentials = Credentials::new(env("SMSECO_LOGIN")?, env("SMSECO_PASSWORD")?);
    let format = match std::env::var("SMSECO_FORMAT").as_deref() {
        Ok("xml") | Err(_) => Format::Xml,
        Ok("json") => Format::Json,
        Ok("get-xml") => Format::Get(OutputFormat::Xml),
        Ok("get-json") => Format::Get(OutputFormat::Json),
        Ok(other) => return Err(format!("unknown SMSECO_FORMAT {other:?}")),
    };
    let mut builder = Client::builder(credentials).format(format);
    if let Ok(url) = std::env::var("SMSECO_BASE_URL") {
        builder = builder.base_url(url);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Runs an example's body on a runtime and turns its error into an exit code.
pub(crate) fn run<F: Future<Output = Result<(), String>>>(body: F) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(body) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
