//! Send one SMS through LMT's newer pushes platform.
//!
//! ```text
//! LMT_API_KEY=… LMT_SECRET=… LMT_BULKSMS_SENDER=MaBoutique \
//!   cargo run -p lmt-bulksms --example lmt-pushes -- 694124344 "Bonjour !"
//! ```
//! `LMT_PUSHES_BASE_URL` points it elsewhere.
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use lmt_bulksms::pushes;

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (Some(to), Some(text)) = (args.next(), args.next()) else {
        return Err("usage: pushes <number>[,<number>…] <text>".into());
    };
    let credentials = pushes::Credentials::new(env("LMT_API_KEY")?, env("LMT_SECRET")?);
    let mut builder = pushes::Client::builder(credentials);
    if let Ok(url) = std::env::var("LMT_PUSHES_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build().map_err(|e| e.to_string())?;
    let request = pushes::SendSms::new(env("LMT_BULKSMS_SENDER")?, text).recipients(to.split(','));
    match client.send_sms(&request).await {
        Ok(answer) => {
            println!(
                "accepted: id {:?}, {:?} recipients",
                answer.id(),
                answer.total_recipients()
            );
            Ok(())
        }
        Err(e) if e.is_known_not_sent() => Err(format!("not sent: {e}")),
        Err(e) => Err(format!("outcome unknown (do not resend blindly): {e}")),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
