//! `action=statut`: `cargo run -p connect-mobile --example connect-mobile-status -- 166852550`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use connect_mobile::MessageId;

async fn run() -> Result<(), String> {
    let id = std::env::args()
        .nth(1)
        .ok_or("usage: status <message id>")?;
    let id = MessageId::new(id).map_err(|e| e.to_string())?;
    let status = common::client()?
        .status(&id)
        .await
        .map_err(|e| e.to_string())?;
    println!("{id}: {} ({})", status.french_text(), status.code());
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
