//! `getbalance`: `cargo run -p smseco --example smseco-balance`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    common::run(async {
        let b = common::client()?
            .get_balance()
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "credits {:?}, expire {:?}, used {:?}",
            b.credits(),
            b.expire(),
            b.total_consumption()
        );
        Ok(())
    })
}
