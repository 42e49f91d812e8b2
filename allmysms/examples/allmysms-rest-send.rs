//! REST `POST /sms/send/`: `cargo run -p allmysms --example allmysms-rest-send -- 0612345678 "Bonjour"`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use allmysms::Credentials;
use allmysms::rest;

fn main() -> ExitCode {
    common::run(async {
        let mut args = std::env::args().skip(1);
        let (Some(to), Some(text)) = (args.next(), args.next()) else {
            return Err("usage: allmysms-rest-send <number> <text>".into());
        };
        let credentials = Credentials::new(
            common::env("ALLMYSMS_LOGIN")?,
            common::env("ALLMYSMS_API_KEY")?,
        );
        let mut builder = rest::Client::builder(credentials);
        if let Ok(url) = std::env::var("ALLMYSMS_BASE_URL") {
            builder = builder.base_url(url);
        }
        let client = builder.build().map_err(|e| e.to_string())?;
        match client.send_sms(&rest::SendSms::new(to, text)).await {
            Ok(sent) => {
                println!(
                    "sms {:?}: cost {:?}, balance {:?}",
                    sent.sms_id(),
                    sent.cost(),
                    sent.balance()
                );
                Ok(())
            }
            Err(e) if e.is_known_not_sent() => Err(format!("not sent: {e}")),
            Err(e) => Err(format!("outcome unknown (do not resend blindly): {e}")),
        }
    })
}
