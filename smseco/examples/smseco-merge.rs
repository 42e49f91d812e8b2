//! Mail merge (publipostage): `cargo run -p smseco --example smseco-merge -- 22507352518:Philo 22505442710:Ange`.
#![allow(clippy::print_stdout)]

mod common;

use std::process::ExitCode;

use smseco::SendSms;

fn main() -> ExitCode {
    common::run(async {
        let mut sms = SendSms::new(common::env("SMSECO_SENDER")?, "Bonjour {nom} !");
        for arg in std::env::args().skip(1) {
            let (number, name) = arg.split_once(':').ok_or("arguments are number:name")?;
            sms = sms.to_with_data(number, [("nom", name)]);
        }
        let sent = common::client()?
            .send_sms(&sms)
            .await
            .map_err(|e| e.to_string())?;
        println!("msgfid {}: {} recipients", sent.msgfid(), sent.status());
        Ok(())
    })
}
