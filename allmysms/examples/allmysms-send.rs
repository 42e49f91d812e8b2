//! `sendSms`: `cargo run -p allmysms --example allmysms-send -- 0612345678 "Bonjour"`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use allmysms::SendSms;

fn main() -> ExitCode {
    common::run(async {
        let mut args = std::env::args().skip(1);
        let (Some(to), Some(text)) = (args.next(), args.next()) else {
            return Err("usage: send <number>[,<number>…] <text>".into());
        };
        let mut sms = SendSms::new(text).recipients(to.split(','));
        if let Ok(sender) = std::env::var("ALLMYSMS_SENDER") {
            // For French numbers, the text must contain "STOP au 36180" for this to apply.
            sms = sms.sender(sender);
        }
        match common::client()?.send_sms(&sms).await {
            Ok(sent) => {
                println!(
                    "campaign {} ({}), {:?} credits left",
                    sent.campaign_id(),
                    sent.status(),
                    sent.credits()
                );
                for id in sent.sms_ids() {
                    println!("  smsId {}", id.sms_id());
                }
                Ok(())
            }
            Err(e) if e.is_known_not_sent() => Err(format!("not sent: {e}")),
            Err(e) => Err(format!("outcome unknown (do not resend blindly): {e}")),
        }
    })
}
