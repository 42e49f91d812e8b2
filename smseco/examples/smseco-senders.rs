//! `getsenders`: `cargo run -p smseco --example smseco-senders`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    common::run(async {
        let s = common::client()?
            .get_senders()
            .await
            .map_err(|e| e.to_string())?;
        for name in s.senders() {
            println!("{name}");
        }
        Ok(())
    })
}
