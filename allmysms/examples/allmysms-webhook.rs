//! Parses a webhook's query string or form body from standard input:
//! `echo 'smsId=x&status=1' | cargo run -p allmysms --example allmysms-webhook`.
#![allow(clippy::print_stdout)]

use std::io::Read;
use std::process::ExitCode;

use allmysms::webhook::{DeliveryReportEvent, ReplyEvent, decode_params};

fn main() -> ExitCode {
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return ExitCode::FAILURE;
    }
    let params = decode_params(input.trim_ascii());
    if let Ok(reply) = ReplyEvent::from_params(&params) {
        println!(
            "reply {} to {}: {}",
            reply.sms_mo_id(),
            reply.sms_id(),
            reply.message()
        );
    } else {
        match DeliveryReportEvent::from_params(&params) {
            Ok(report) => println!("report for {}: {}", report.sms_id(), report.status()),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("answer: 200 {}", allmysms::webhook::RESPONSE_BODY);
    ExitCode::SUCCESS
}
