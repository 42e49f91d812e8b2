//! A campaign through a SQLite outbox, against a local sandbox (nothing leaves this
//! machine): `cargo run -p sms-outbox --example sms-outbox-campaign`.
//!
//! Run it twice: the second run finds every recipient settled and sends nothing.
#![allow(clippy::print_stdout)]

use std::sync::Arc;

use sms_outbox::{Campaign, Outbox, Recipient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = sms_sandbox::Sandbox::start().await?;
    let client = smseco::Client::builder(smseco::Credentials::new("demo@smseco.com", "demo"))
        .base_url(sandbox.base_url())
        .build()?;
    let template = smseco::SendSms::new("DEMO", "Bonjour {nom}, -20 % ce week-end.");

    let path = std::env::temp_dir().join("sms-outbox-example.db");
    let outbox = Outbox::open(&format!("sqlite://{}", path.display())).await?;
    outbox
        .create_campaign(&Campaign {
            id: "week-end".into(),
            provider: "smseco".into(),
            template: serde_json::to_value(&template)?,
        })
        .await?;
    let people = [("2250700000001", "Awa"), ("2250700000002", "Koffi")];
    let added = outbox
        .enqueue(
            "week-end",
            people.iter().map(|(phone, name)| {
                (
                    (*phone).to_owned(),
                    Recipient::new(*phone).param("nom", *name),
                )
            }),
        )
        .await?;
    println!("{} added, {} already there", added.added, added.existing);

    let sender = Arc::new(smseco::BulkSender::new(client, template)?);
    let report = outbox.worker("week-end", sender.clone()).run().await?;
    println!(
        "this run: {} sent, {} refused, {} unknown in {} request(s)",
        report.sent, report.refused, report.unknown, report.requests
    );
    let status = outbox.status("week-end").await?;
    println!(
        "campaign: {} sent, {} refused, {} unknown, {} queued",
        status.sent, status.refused, status.unknown, status.queued
    );
    Ok(())
}
