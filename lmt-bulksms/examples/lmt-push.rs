//! Send one SMS through the BulkSMS push API v1.
//!
//! ```text
//! LMT_BULKSMS_API_KEY=… LMT_BULKSMS_PASSWORD=… LMT_BULKSMS_SENDER=MaBoutique \
//!   cargo run -p lmt-bulksms --example lmt-push -- 694124344 "Bonjour !"
//! ```
//! `LMT_BULKSMS_BASE_URL` points it elsewhere (a sandbox, a reseller).
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use lmt_bulksms::{Client, Credentials, SendSms};

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (Some(to), Some(text)) = (args.next(), args.next()) else {
        return Err("usage: push <number> <text>".into());
    };
    let credentials = Credentials::new(env("LMT_BULKSMS_API_KEY")?, env("LMT_BULKSMS_PASSWORD")?);
    let mut builder = Client::builder(credentials);
    if let Ok(url) = std::env::var("LMT_BULKSMS_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build().map_err(|e| e.to_string())?;
    let push = SendSms::new(env("LMT_BULKSMS_SENDER")?, text).to(to);
    for outcome in client.send_sms(&push).await.map_err(|e| e.to_string())? {
        match outcome.result() {
            Ok(answer) => println!("{}: {}", outcome.phone(), answer.message()),
            Err(e) if e.is_known_not_sent() => println!("{}: not sent: {e}", outcome.phone()),
            Err(e) => println!(
                "{}: outcome unknown (do not resend blindly): {e}",
                outcome.phone()
            ),
        }
    }
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
