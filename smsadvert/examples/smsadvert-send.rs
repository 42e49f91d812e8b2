//! Send one SMS: `cargo run -p smsadvert --example smsadvert-send -- 0740123456 "Salut"`.
//!
//! Needs `SMSADVERT_TOKEN`; optional `SMSADVERT_BASE_URL` and `SMSADVERT_ROUTE`
//! (`devices`, `network` or `failover`).
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use smsadvert::{Client, Route, SendSms};

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (Some(to), Some(text)) = (args.next(), args.next()) else {
        return Err("usage: send <number>[,<number>…] <text>".into());
    };
    let token = std::env::var("SMSADVERT_TOKEN").map_err(|_| "set SMSADVERT_TOKEN")?;
    let route = match std::env::var("SMSADVERT_ROUTE").as_deref() {
        Ok("network") => Route::Network,
        Ok("failover") => Route::OwnDevicesWithNetworkFailover,
        Ok("devices") | Err(_) => Route::OwnDevices,
        Ok(other) => return Err(format!("unknown route {other:?}")),
    };
    let mut builder = Client::builder(token);
    if let Ok(url) = std::env::var("SMSADVERT_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build().map_err(|e| e.to_string())?;
    let request = SendSms::new(text).recipients(to.split(',')).route(route);
    match client.send_sms(&request).await {
        Ok(sent) => {
            println!("submitted: msgId {}", sent.msg_id());
            Ok(())
        }
        Err(e) if e.is_known_not_sent() => Err(format!("not sent: {e}")),
        Err(e) => Err(format!("outcome unknown (do not resend blindly): {e}")),
    }
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
