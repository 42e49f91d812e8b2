//! `sms`: every operation of five SMS gateways from the command line, plus `inspect`,
//! `phone`, `--dry-run`, a local `sandbox` and a `demo`.
//!
//! stdout carries exactly one JSON document; stderr carries human messages. Exit status:
//! 0 success; 1 the provider answered with an error; 2 invalid input or usage, nothing
//! sent; 3 transport failure or an answer that could not be understood.

mod demo;
mod dry_run;
mod output;
mod providers;
mod time;
mod tools;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Fail;

/// Talk to five SMS gateways: LMT Group, AllMySMS, smsadvert, SMSECO, Connect-Mobile.
#[derive(Debug, Parser)]
#[command(name = "sms", version, about, long_about = None)]
pub(crate) struct Cli {
    /// Replaces the scheme, host and port of the provider's documented URLs; a path in
    /// it goes in front of the documented path (default: `<PROVIDER>_BASE_URL`).
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Print the HTTP request(s) that would be sent, secrets masked; send nothing.
    #[arg(long, global = true)]
    pub(crate) dry_run: bool,
    /// Total time allowed for each HTTP request, in seconds (default 30). A request
    /// that times out may have reached the gateway: its outcome is unknown.
    #[arg(long, global = true, value_name = "SECONDS")]
    pub(crate) timeout: Option<f64>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// LMT Group BulkSMS (Cameroon).
    #[command(name = "lmt-bulksms")]
    LmtBulksms {
        #[command(subcommand)]
        command: LmtCommand,
    },
    /// AllMySMS (France), HTTP API v9.
    Allmysms {
        #[command(subcommand)]
        command: AllmysmsCommand,
    },
    /// smsadvert (Romania).
    Smsadvert {
        #[command(subcommand)]
        command: SmsadvertCommand,
    },
    /// SMSECO (Côte d'Ivoire).
    Smseco {
        #[command(subcommand)]
        command: SmsecoCommand,
    },
    /// Connect-Mobile (France).
    #[command(name = "connect-mobile")]
    ConnectMobile {
        #[command(subcommand)]
        command: ConnectMobileCommand,
    },
    /// What a text costs: encoding, units, segments, room left, the segments' texts.
    Inspect {
        /// The message text.
        text: String,
        /// Transliterate to GSM-7 first (smart quotes, dashes, accents GSM-7 lacks…).
        #[arg(long)]
        transliterate: bool,
    },
    /// Parse and validate a phone number (full libphonenumber validation).
    Phone {
        /// The number, international (`+237…`, `00237…`) or national with `--region`.
        number: String,
        /// ISO 3166-1 region for national numbers (`CM`, `FR`, `RO`…).
        #[arg(long, value_name = "CC")]
        region: Option<String>,
    },
    /// Run the local sandbox of all five gateways until interrupted.
    Sandbox {
        /// Port on 127.0.0.1.
        #[arg(long, default_value_t = 8025)]
        port: u16,
    },
    /// Start the sandbox, send one message through each client, read each report back.
    Demo,
}

#[derive(Debug, Args)]
pub(crate) struct Recipients {
    /// Recipient(s), comma-separated.
    #[arg(long, value_name = "N[,N…]", required = true)]
    pub(crate) to: String,
}

impl Recipients {
    pub(crate) fn list(&self) -> Vec<String> {
        self.to
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum LmtCommand {
    /// Push API v1: one request per number.
    Send {
        #[command(flatten)]
        to: Recipients,
        /// Sender id.
        #[arg(long)]
        from: String,
        /// Message text.
        #[arg(long)]
        text: String,
        /// Force the `flag` (default: from the segment count).
        #[arg(long)]
        flag: Option<LmtFlag>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum LmtFlag {
    /// `short_sms`.
    Short,
    /// `long_sms`.
    Long,
}

#[derive(Debug, Args)]
pub(crate) struct AllmysmsSend {
    #[command(flatten)]
    pub(crate) to: Recipients,
    /// Message text.
    #[arg(long)]
    pub(crate) text: String,
    /// Sender (`TPOA`); for French numbers the text needs "STOP au 36180".
    #[arg(long)]
    pub(crate) from: Option<String>,
    /// Deferred send, `YYYY-MM-DD HH:MM:SS`.
    #[arg(long)]
    pub(crate) at: Option<String>,
    /// Campaign name.
    #[arg(long)]
    pub(crate) campaign: Option<String>,
    /// Flash SMS.
    #[arg(long)]
    pub(crate) flash: bool,
    /// `smsData` format.
    #[arg(long, value_enum, default_value_t = DataFormat::Xml)]
    pub(crate) format: DataFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DataFormat {
    /// XML `smsData`.
    Xml,
    /// JSON `smsData`.
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AllmysmsCommand {
    /// `sendSms`.
    Send(AllmysmsSend),
    /// `simulateCampaign`: the cost, nothing sent.
    Simulate(AllmysmsSend),
    /// `getAcks`: a campaign's delivery reports.
    Acks {
        /// Campaign id.
        #[arg(long)]
        campaign: String,
    },
    /// `getAckBySmsId`.
    Ack {
        /// SMS id.
        #[arg(long)]
        sms_id: String,
    },
    /// `getPulls` (or `getPull` with `--campaign`): replies.
    Replies {
        /// Campaign id.
        #[arg(long)]
        campaign: Option<String>,
    },
    /// `getInfo`.
    Info,
    /// `getBlacklist`.
    Blacklist,
    /// `getCreditsByCountryIsoCode`.
    Cost {
        /// ISO country code (`FR`, `DE`…).
        #[arg(long)]
        country: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum SmsadvertCommand {
    /// `POST /api/sms/`.
    Send {
        #[command(flatten)]
        to: Recipients,
        /// Message text (3 to 480 characters).
        #[arg(long)]
        text: String,
        /// Channel.
        #[arg(long, value_enum, default_value_t = Route::Devices)]
        route: Route,
        /// Start of sending, RFC 3339.
        #[arg(long)]
        start: Option<String>,
        /// End of sending, RFC 3339.
        #[arg(long)]
        end: Option<String>,
        /// Delivery callback URL.
        #[arg(long)]
        callback: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Route {
    /// The account's own devices.
    Devices,
    /// The smsadvert network.
    Network,
    /// Own devices, network on failure.
    Failover,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SmsecoCommand {
    /// `sendsms`.
    Send {
        #[command(flatten)]
        to: Recipients,
        /// Sender (`expediteur`), registered on the account.
        #[arg(long)]
        from: String,
        /// Message text.
        #[arg(long)]
        text: String,
        /// Deferred send, `YYYY-MM-DD HH:MM`.
        #[arg(long)]
        at: Option<String>,
        /// Flash SMS.
        #[arg(long)]
        flash: bool,
        /// UCS-2.
        #[arg(long)]
        unicode: bool,
        /// Your message id (at most 30 characters).
        #[arg(long)]
        msgid: Option<String>,
        /// Transport.
        #[arg(long, value_enum, default_value_t = SmsecoFormat::Xml)]
        format: SmsecoFormat,
    },
    /// `getdlrs`: delivery reports (each returned once).
    Dlrs {
        /// One submission.
        #[arg(long)]
        msgfid: Option<String>,
        /// One recipient.
        #[arg(long)]
        smsfid: Option<String>,
        /// Transport.
        #[arg(long, value_enum, default_value_t = SmsecoFormat::Xml)]
        format: SmsecoFormat,
    },
    /// `getbalance`.
    Balance {
        /// Transport.
        #[arg(long, value_enum, default_value_t = SmsecoFormat::Xml)]
        format: SmsecoFormat,
    },
    /// `getsenders`.
    Senders {
        /// Transport.
        #[arg(long, value_enum, default_value_t = SmsecoFormat::Xml)]
        format: SmsecoFormat,
    },
    /// `sendhlr`: HLR lookup.
    Hlr {
        #[command(flatten)]
        to: Recipients,
        /// Your id for the lookup.
        #[arg(long)]
        msgid: Option<String>,
        /// Transport.
        #[arg(long, value_enum, default_value_t = SmsecoFormat::Xml)]
        format: SmsecoFormat,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum SmsecoFormat {
    /// POST `XML=`.
    Xml,
    /// POST `JSON=`.
    Json,
    /// HTTP GET, XML answers.
    Get,
    /// HTTP GET, JSON answers.
    GetJson,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConnectMobileCommand {
    /// `action=envoi`.
    Send {
        #[command(flatten)]
        to: Recipients,
        /// Sender (`origine`).
        #[arg(long)]
        from: String,
        /// Message text (at most 160 characters).
        #[arg(long)]
        text: String,
        /// Flash SMS.
        #[arg(long)]
        flash: bool,
        /// `sendertype`.
        #[arg(long, value_enum)]
        sender_type: Option<SenderType>,
        /// Delivery receipts to the account's callback URL.
        #[arg(long)]
        callback: bool,
        /// Use GET instead of POST.
        #[arg(long)]
        get: bool,
    },
    /// `action=statut`.
    Status {
        /// The message id.
        #[arg(long)]
        msgid: String,
    },
    /// `action=solde`.
    Balance,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum SenderType {
    /// `1`.
    Mobile,
    /// `0`.
    Number,
    /// `5`.
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("sms: cannot start the runtime: {e}");
            return ExitCode::from(3);
        }
    };
    let result = runtime.block_on(run(cli));
    output::finish(result)
}

async fn run(cli: Cli) -> Result<serde_json::Value, Fail> {
    let timeout = match cli.timeout {
        None => None,
        Some(t) => Some(
            std::time::Duration::try_from_secs_f64(t)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    Fail::Invalid(format!("--timeout {t} is not a positive number of seconds"))
                })?,
        ),
    };
    let opts = providers::Options {
        base_url: cli.base_url,
        dry_run: cli.dry_run,
        timeout,
    };
    match cli.command {
        Command::LmtBulksms { command } => providers::lmt(&opts, command).await,
        Command::Allmysms { command } => providers::allmysms(&opts, command).await,
        Command::Smsadvert { command } => providers::smsadvert(&opts, command).await,
        Command::Smseco { command } => providers::smseco(&opts, command).await,
        Command::ConnectMobile { command } => providers::connect_mobile(&opts, command).await,
        Command::Inspect {
            text,
            transliterate,
        } => Ok(tools::inspect(&text, transliterate)),
        Command::Phone { number, region } => tools::phone(&number, region.as_deref()),
        Command::Sandbox { port } => tools::sandbox(port).await,
        Command::Demo => demo::run().await,
    }
}
