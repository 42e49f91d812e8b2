//! `sendhlr`: `cargo run -p smseco --example smseco-hlr -- 22507352518[,…]` (enterprise accounts).
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use smseco::HlrRequest;

fn main() -> ExitCode {
    common::run(async {
        let numbers = std::env::args()
            .nth(1)
            .ok_or("usage: hlr <number>[,<number>…]")?;
        let hlr = HlrRequest::new().recipients(numbers.split(','));
        let answer = common::client()?
            .send_hlr(&hlr)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "msgfid {}: {} numbers submitted",
            answer.msgfid(),
            answer.status()
        );
        Ok(())
    })
}
