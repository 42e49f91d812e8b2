//! `getdlrs`: `cargo run -p smseco --example smseco-dlrs -- [msgfid]`. Each status is returned once.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use smseco::DlrQuery;

fn main() -> ExitCode {
    common::run(async {
        let mut query = DlrQuery::all();
        if let Some(msgfid) = std::env::args().nth(1) {
            query = DlrQuery::msgfid(&msgfid).map_err(|e| e.to_string())?;
        }
        let report = common::client()?
            .get_dlrs(&query)
            .await
            .map_err(|e| e.to_string())?;
        for dlr in report.dlrs() {
            println!(
                "{} {}: {} (billed: {:?})",
                dlr.date(),
                dlr.smsfid(),
                dlr.status(),
                dlr.status().is_billed()
            );
        }
        Ok(())
    })
}
