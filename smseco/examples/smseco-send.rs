//! `sendsms`: `cargo run -p smseco --example smseco-send -- 22507352518 "Bonjour"`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use smseco::SendSms;

fn main() -> ExitCode {
    common::run(async {
        let mut args = std::env::args().skip(1);
        let (Some(to), Some(text)) = (args.next(), args.next()) else {
            return Err("usage: send <number>[,<number>…] <text>".into());
        };
        let sms = SendSms::new(common::env("SMSECO_SENDER")?, text).recipients(to.split(','));
        match common::client()?.send_sms(&sms).await {
            Ok(sent) => {
                println!(
                    "msgfid {}: {} valid recipients, cost {}, left {}",
                    sent.msgfid(),
                    sent.status(),
                    sent.credits(),
                    sent.balance()
                );
                Ok(())
            }
            Err(e) if e.is_known_not_sent() => Err(format!("not sent: {e}")),
            Err(e) => Err(format!("outcome unknown (do not resend blindly): {e}")),
        }
    })
}
