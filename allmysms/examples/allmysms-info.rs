//! `getInfo`: `cargo run -p allmysms --example allmysms-info`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    common::run(async {
        let info = common::client()?
            .get_info()
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "{}: {:?} credits ({} {})",
            info.status(),
            info.credits(),
            info.first_name(),
            info.last_name()
        );
        Ok(())
    })
}
