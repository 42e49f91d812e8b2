//! `getAcks`: `cargo run -p allmysms --example allmysms-acks -- <campaignId>`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    common::run(async {
        let campaign = std::env::args().nth(1).ok_or("usage: acks <campaignId>")?;
        let acks = common::client()?
            .get_acks(&campaign)
            .await
            .map_err(|e| e.to_string())?;
        for ack in acks.acks() {
            println!(
                "{} {} {}",
                ack.reception_date().as_str(),
                ack.status(),
                ack.comment()
            );
        }
        Ok(())
    })
}
