//! `action=envoi`: `cargo run -p connect-mobile --example connect-mobile-send -- 0612345678 "Bonjour"`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use connect_mobile::{SendSms, charset};

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (Some(to), Some(text)) = (args.next(), args.next()) else {
        return Err("usage: send <number>[,<number>…] <text>".into());
    };
    let request = SendSms::new(common::env("CONNECT_MOBILE_SENDER")?, text.as_str())
        .recipients(to.split(','));
    let replaced: Vec<char> = charset::unsupported(&text).map(|(_, c)| c).collect();
    if !replaced.is_empty() {
        println!("these characters will arrive as '?': {replaced:?}");
    }
    match common::client()?.send_sms(&request).await {
        Ok(sent) => {
            for id in sent.message_ids() {
                println!("sent, message id {id}");
            }
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
