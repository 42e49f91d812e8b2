//! Runs the sandbox until Ctrl-C: `cargo run -p sms-sandbox --example sms-sandbox-serve -- [port]`.
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use sms_sandbox::Sandbox;

#[tokio::main]
async fn main() -> ExitCode {
    let port = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(8025);
    let sandbox = match Sandbox::builder().port(port).start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let a = sandbox.accounts();
    println!(
        "SMS sandbox on {} (inbox: {}/_sandbox/)",
        sandbox.base_url(),
        sandbox.base_url()
    );
    println!(
        "  lmt-bulksms     api_key={} password={}",
        a.lmt_api_key, a.lmt_password
    );
    println!(
        "  allmysms        login={} apiKey={}",
        a.allmysms_login, a.allmysms_api_key
    );
    println!("  smsadvert       token={}", a.smsadvert_token);
    println!(
        "  smseco          login={} password={} senders={:?}",
        a.smseco_login, a.smseco_password, a.smseco_senders
    );
    println!(
        "  connect-mobile  login={} apipasse={}",
        a.connect_mobile_login, a.connect_mobile_api_password
    );
    println!("Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
