//! `simulateCampaign`: `cargo run -p allmysms --example allmysms-simulate -- 0612345678 "Bonjour"`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use allmysms::SendSms;

fn main() -> ExitCode {
    common::run(async {
        let mut args = std::env::args().skip(1);
        let (Some(to), Some(text)) = (args.next(), args.next()) else {
            return Err("usage: simulate <number>[,<number>…] <text>".into());
        };
        let sim = common::client()?
            .simulate_campaign(&SendSms::new(text).recipients(to.split(',')))
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "{:?} credits, {:?} SMS, {:?} contacts",
            sim.nb_credits(),
            sim.nb_sms(),
            sim.nb_contacts()
        );
        Ok(())
    })
}
