//! `getPulls`: `cargo run -p allmysms --example allmysms-replies`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    common::run(async {
        for pull in common::client()?
            .get_pulls(Some(100))
            .await
            .map_err(|e| e.to_string())?
        {
            println!(
                "{} [{}] {}",
                pull.reception_date().as_str(),
                pull.campaign_id(),
                pull.message()
            );
        }
        Ok(())
    })
}
