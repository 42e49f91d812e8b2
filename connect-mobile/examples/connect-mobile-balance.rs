//! `action=solde`: `cargo run -p connect-mobile --example connect-mobile-balance`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

async fn run() -> Result<(), String> {
    let balance = common::client()?
        .balance()
        .await
        .map_err(|e| e.to_string())?;
    println!("{} SMS left", balance.as_str());
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
