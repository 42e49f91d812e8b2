//! Parse a delivery callback body read from standard input:
//! `echo '{"status":"delivered","msgId":"x"}' | cargo run -p smsadvert --example smsadvert-callback`.
#![allow(clippy::print_stdout)]

use std::io::Read;
use std::process::ExitCode;

use smsadvert::DeliveryReport;

fn main() -> ExitCode {
    let mut body = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut body) {
        eprintln!("cannot read stdin: {e}");
        return ExitCode::FAILURE;
    }
    match DeliveryReport::from_json(&body) {
        Ok(report) => {
            println!("{}: {:?}", report.msg_id(), report.status());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
