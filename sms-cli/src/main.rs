//! `sms`: every operation of five SMS gateways from the command line, plus `inspect`,
//! `phone`, `--dry-run`, a local `sandbox` and a `demo`.
//!
//! stdout carries exactly one JSON document; stderr carries human messages. Exit status:
//! 0 success; 1 the provider answered with an error; 2 invalid input or usage, nothing
//! sent; 3 transport failure or an answer that could not be understood.

mod bulk;
mod csvin;
mod demo;
mod dry_run;
mod outbox;
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

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
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
        /// Address to listen on (the control API and inbox answer only this host and
        /// loopback names).
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Port.
        #[arg(long, default_value_t = 8025)]
        port: u16,
        /// Latency added to every answer (`50ms`, `1s`).
        #[arg(long, value_name = "DURATION")]
        latency: Option<String>,
        /// Delay before a delivery report is available (`2s`).
        #[arg(long, value_name = "DURATION")]
        dlr_delay: Option<String>,
        /// Most messages kept (the oldest are dropped past it).
        #[arg(long, value_name = "N")]
        max_messages: Option<usize>,
        /// A provider's fault, repeatable: `PROVIDER:latency=50ms`, `PROVIDER:503=0.2`
        /// (share of requests answered 503 before processing), `PROVIDER:cut=true`
        /// (processed, then the connection is cut).
        #[arg(long, value_name = "PROVIDER:KIND=VALUE")]
        fault: Vec<String>,
    },
    /// Start the sandbox, send one message through each client, read each report back.
    Demo,
    /// Campaigns in a durable outbox (SQLite or PostgreSQL) that `send --to-file …
    /// --outbox URL` filled: their status, more workers, reconciling unknown outcomes,
    /// queueing refused ones again.
    Outbox {
        #[command(subcommand)]
        command: outbox::OutboxCommand,
    },
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

/// The recipients of a `send`: `--to`, or a whole file sent through the bulk engine.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct SendRecipients {
    /// Recipient(s), comma-separated.
    #[arg(long, value_name = "N[,N…]")]
    pub(crate) to: Option<String>,
    /// A file of recipients, sent in batches (see the bulk options): one number per line
    /// (blank lines and `#` comments ignored), or a CSV whose header's first column is
    /// `phone`. Every line is checked before the first request.
    #[arg(long, value_name = "FILE")]
    pub(crate) to_file: Option<std::path::PathBuf>,
}

impl SendRecipients {
    /// The `--to` numbers (empty with `--to-file`).
    pub(crate) fn list(&self) -> Vec<String> {
        self.to
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Recipients given one way or the other: `--to`, or a CSV file with one row per
/// recipient (first column the number; the other columns per-recipient values).
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct RecipientsOrCsv {
    /// Recipient(s), comma-separated.
    #[arg(long, value_name = "N[,N…]")]
    pub(crate) to: Option<String>,
    /// A CSV file: a header row, then one row per recipient; the first column is the
    /// number, each other column a per-recipient value named by its header.
    #[arg(long, value_name = "FILE.csv")]
    pub(crate) csv: Option<std::path::PathBuf>,
    /// A file of recipients, sent in batches (`send` only; see the bulk options): one
    /// number per line (blank lines and `#` comments ignored), or a CSV whose header's
    /// first column is `phone`, the other columns each recipient's `PARAM_1`,
    /// `PARAM_2`…. Every line is checked before the first request.
    #[arg(long, value_name = "FILE")]
    pub(crate) to_file: Option<std::path::PathBuf>,
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
/// SMSECO's recipients: `--to`, or a mail-merge file.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct SmsecoRecipients {
    /// Recipient(s) (`numero`), comma-separated.
    #[arg(long, value_name = "N[,N…]")]
    pub(crate) to: Option<String>,
    /// Mail merge (publipostage): a CSV file with a header row, then one row per
    /// recipient: the number (`numero`) first, each other column a placeholder of the
    /// text (`{nom}` for a column `nom`).
    #[arg(long, value_name = "FILE.csv", visible_alias = "csv")]
    pub(crate) merge: Option<std::path::PathBuf>,
    /// A file of recipients, sent in batches (see the bulk options): one number per line
    /// (blank lines and `#` comments ignored), or a CSV whose header's first column is
    /// `phone`, each other column a placeholder of the text. Every line is checked
    /// before the first request.
    #[arg(long, value_name = "FILE")]
    pub(crate) to_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum LmtCommand {
    /// The pushes platform (`sms.lmtgroup.com/api/v1/pushes`): several numbers per
    /// request, credentials `LMT_PUSHES_API_KEY` and `LMT_PUSHES_SECRET`.
    Pushes {
        #[command(subcommand)]
        command: LmtPushesCommand,
    },
    /// Push API v1: one request per number.
    Send {
        #[command(flatten)]
        to: SendRecipients,
        #[command(flatten)]
        bulk: crate::bulk::BulkArgs,
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

#[derive(Debug, Subcommand)]
pub(crate) enum LmtPushesCommand {
    /// `POST /api/v1/pushes`.
    Send {
        /// Recipients (`msisdn`), comma-separated.
        #[arg(long, value_name = "N[,N…]")]
        to: String,
        /// Sender id (`senderId`).
        #[arg(long)]
        from: String,
        /// Message text (`message`).
        #[arg(long)]
        text: String,
        /// Force the encoding (`flag`, default: from the text).
        #[arg(long, value_enum)]
        flag: Option<PushesFlag>,
        /// Hide the numbers in LMT's reports (`maskedMsisdn`).
        #[arg(long)]
        masked: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum PushesFlag {
    /// `GSM7`.
    Gsm7,
    /// `UCS2`.
    Ucs2,
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
    /// Recipients (`SMS/MOBILEPHONE`); with `--csv`, the other columns are each
    /// recipient's `PARAM_1`, `PARAM_2`… (`#param_1#` in the text), in column order.
    #[command(flatten)]
    pub(crate) to: RecipientsOrCsv,
    #[command(flatten)]
    pub(crate) bulk: crate::bulk::BulkArgs,
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
    /// Your id for the campaign, echoed in the reports (`CLIMSGID`).
    #[arg(long)]
    pub(crate) client_msg_id: Option<String>,
    /// Track the links of the text (`TRACKING`).
    #[arg(long)]
    pub(crate) tracking: bool,
    /// E-mail notification of the replies (`MAIL_NOTIF`).
    #[arg(long)]
    pub(crate) mail_notif: bool,
    /// Bill the master account (`MASTERACCOUNT`).
    #[arg(long)]
    pub(crate) master_account: Option<String>,
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

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum AllmysmsCommand {
    /// `sendSms`; with `--csv`, the columns after the number are each recipient's
    /// `PARAM_1`, `PARAM_2`… (`#param_1#` in the text), in column order.
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
    /// The simplified send (`/`): plain parameters instead of `smsData`.
    Simple {
        #[command(flatten)]
        to: Recipients,
        /// Message text (`message`).
        #[arg(long)]
        text: String,
        /// Sender (`tpoa`).
        #[arg(long)]
        from: Option<String>,
        /// Deferred send (`date`), `YYYY-MM-DD HH:MM:SS`.
        #[arg(long)]
        at: Option<String>,
        /// Flash SMS (`flash`).
        #[arg(long)]
        flash: bool,
        /// Campaign name (`campaign`).
        #[arg(long)]
        campaign: Option<String>,
        /// The low-cost route (`lowcost`).
        #[arg(long)]
        lowcost: bool,
    },
    /// `sendMms`.
    Mms {
        #[command(flatten)]
        to: Recipients,
        /// Message text (`MESSAGE`).
        #[arg(long)]
        text: String,
        /// Image URL (`IMAGE`, `MSGCLASS` 1).
        #[arg(long, group = "media")]
        image: Option<String>,
        /// Video URL (`VIDEO`, `MSGCLASS` 2).
        #[arg(long, group = "media")]
        video: Option<String>,
        /// Sound URL (`SOUND`, `MSGCLASS` 3).
        #[arg(long, group = "media")]
        sound: Option<String>,
        /// Campaign name (`CAMPAIGN_NAME`).
        #[arg(long)]
        campaign: Option<String>,
        /// Deferred send (`DATE`), `YYYY-MM-DD HH:MM:SS`.
        #[arg(long)]
        at: Option<String>,
        /// Your id (`CLIMSGID`).
        #[arg(long)]
        client_msg_id: Option<String>,
    },
    /// `sendEmail`.
    Email {
        /// Sender address (`FROM`).
        #[arg(long)]
        from: String,
        /// Recipient address (`TO`).
        #[arg(long)]
        to: String,
        /// Subject (`SUBJECT`).
        #[arg(long)]
        subject: String,
        /// HTML body (`HTML`).
        #[arg(long)]
        html: String,
        /// Sender name (`ALIAS`).
        #[arg(long)]
        alias: Option<String>,
        /// Plain-text body (`MAILTEXT`).
        #[arg(long)]
        mail_text: Option<String>,
        /// Reply-to address (`REPLYTO`).
        #[arg(long)]
        reply_to: Option<String>,
        /// Campaign name (`CAMPAIGN_NAME`).
        #[arg(long)]
        campaign: Option<String>,
    },
    /// `deleteCampaign`: cancels a scheduled campaign.
    DeleteCampaign {
        /// Campaign id (`campId`).
        #[arg(long)]
        campaign: String,
    },
    /// `shortenUrl`.
    ShortenUrl {
        /// The URL (`url`).
        #[arg(long)]
        url: String,
    },
    /// `getCampaignStats`.
    Stats {
        /// Campaign id (`campaignId`).
        #[arg(long)]
        campaign: String,
    },
    /// Sub-accounts (`createSubAccount`, `updateSubAccount`, `getSubAccounts`,
    /// `manageSubAccountCredits`, `deleteSubAccount`).
    SubAccounts {
        #[command(subcommand)]
        command: SubAccountsCommand,
    },
    /// Contact lists (`createList`, `populateList`, `deleteContacts`, `deleteList`,
    /// `getLists`, `getContacts`).
    Lists {
        #[command(subcommand)]
        command: ListsCommand,
    },
    /// The REST API (`api.allmysms.com`, Basic auth with the same login and API key).
    Rest {
        #[command(subcommand)]
        command: RestCommand,
    },
}

/// The fields of a sub-account, for creation and update.
#[derive(Debug, Args)]
pub(crate) struct SubAccountFields {
    /// `FIRSTNAME`.
    #[arg(long)]
    pub(crate) first_name: Option<String>,
    /// `LASTNAME`.
    #[arg(long)]
    pub(crate) last_name: Option<String>,
    /// `EMAIL`.
    #[arg(long)]
    pub(crate) email: Option<String>,
    /// `SOCIETY`.
    #[arg(long)]
    pub(crate) society: Option<String>,
    /// `MOBILE`.
    #[arg(long)]
    pub(crate) mobile: Option<String>,
    /// `CITY`.
    #[arg(long)]
    pub(crate) city: Option<String>,
    /// `COUNTRY`.
    #[arg(long)]
    pub(crate) country: Option<String>,
    /// `ACTIVE` (`true`/`false`).
    #[arg(long)]
    pub(crate) active: Option<bool>,
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum SubAccountsCommand {
    /// `getSubAccounts`.
    List,
    /// `createSubAccount`; the password (`PASSWORD`) comes from
    /// `ALLMYSMS_SUB_ACCOUNT_PASSWORD`, never the command line.
    Create {
        /// `LOGIN`.
        #[arg(long)]
        login: String,
        #[command(flatten)]
        fields: SubAccountFields,
        /// `PROFILE` (creation only).
        #[arg(long)]
        profile: Option<String>,
        /// `POSTPAID` (creation only).
        #[arg(long)]
        postpaid: bool,
        /// `SENDEMAILTOCUSTOMER` (creation only).
        #[arg(long)]
        send_email_to_customer: bool,
    },
    /// `updateSubAccount` (a new password, if any, from `ALLMYSMS_SUB_ACCOUNT_PASSWORD`).
    Update {
        /// The sub-account (`subAccount`).
        #[arg(long)]
        login: String,
        #[command(flatten)]
        fields: SubAccountFields,
    },
    /// `manageSubAccountCredits`: adds (> 0) or removes (< 0) credits.
    Credits {
        /// The sub-account (`subAccount`).
        #[arg(long)]
        login: String,
        /// Credits (`credits`).
        #[arg(long, allow_hyphen_values = true)]
        credits: i64,
    },
    /// `deleteSubAccount`.
    Delete {
        /// The sub-account (`loginToDelete`).
        #[arg(long)]
        login: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ListsCommand {
    /// `getLists`.
    List,
    /// `createList`.
    Create {
        /// `LISTNAME`.
        #[arg(long)]
        name: String,
        /// A field of the list's structure (`STRUCTURE`), repeatable.
        #[arg(long = "field")]
        fields: Vec<String>,
        /// `LOCKED`.
        #[arg(long)]
        locked: bool,
    },
    /// `populateList`: contacts from a CSV (first column `MOBILEPHONE`, the others
    /// fields named by their header).
    Populate {
        /// `LISTNAME`.
        #[arg(long)]
        name: String,
        /// The contacts.
        #[arg(long, value_name = "FILE.csv")]
        csv: std::path::PathBuf,
    },
    /// `deleteContacts`: contacts from a CSV, as for `populate`.
    DeleteContacts {
        /// `LISTNAME`.
        #[arg(long)]
        name: String,
        /// The contacts.
        #[arg(long, value_name = "FILE.csv")]
        csv: std::path::PathBuf,
    },
    /// `deleteList`.
    Delete {
        /// `listName`.
        #[arg(long)]
        name: String,
    },
    /// `getContacts`.
    Contacts {
        /// `listName`.
        #[arg(long)]
        name: String,
    },
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum RestCommand {
    /// `POST /sms/send/`: one SMS to one number.
    Send {
        /// The number (`to`).
        #[arg(long)]
        to: String,
        /// Message text (`text`).
        #[arg(long)]
        text: String,
        /// Sender (`from`).
        #[arg(long)]
        from: Option<String>,
        /// Campaign name (`campaignName`).
        #[arg(long)]
        campaign: Option<String>,
        /// Your id (`cliMsgId`).
        #[arg(long)]
        client_msg_id: Option<String>,
        /// Deferred send (`date`), `YYYY-MM-DD HH:MM:SS`.
        #[arg(long)]
        at: Option<String>,
        /// Cost only, nothing sent (`simulate`).
        #[arg(long)]
        simulate: bool,
    },
    /// `POST /sms/send/bulk/`: one text to many numbers; with `--csv`, the other
    /// columns are each recipient's `param1`, `param2`…
    Bulk {
        #[command(flatten)]
        to: RecipientsOrCsv,
        #[command(flatten)]
        bulk: crate::bulk::BulkArgs,
        /// Message text (`text`).
        #[arg(long)]
        text: String,
        /// Sender (`from`).
        #[arg(long)]
        from: Option<String>,
        /// Campaign name (`campaignName`).
        #[arg(long)]
        campaign: Option<String>,
        /// Deferred send (`date`), `YYYY-MM-DD HH:MM:SS`.
        #[arg(long)]
        at: Option<String>,
        /// Cost only, nothing sent (`simulate`).
        #[arg(long)]
        simulate: bool,
    },
    /// `POST /voice/send/bulk`: a voice message from a French landline.
    Voice {
        #[command(flatten)]
        to: Recipients,
        /// The calling landline (`from`, `0X…`).
        #[arg(long)]
        from: String,
        /// Public MP3 or WAV URL (`url`).
        #[arg(long)]
        url: String,
        /// Campaign name (`campaignName`).
        #[arg(long)]
        campaign: Option<String>,
        /// Deferred send (`date`), `YYYY-MM-DD HH:MM:SS`.
        #[arg(long)]
        at: Option<String>,
        /// Cost only, nothing sent (`simulate`).
        #[arg(long)]
        simulate: bool,
    },
    /// `GET /account`.
    Account {
        /// A sub-account's (`subAccount`).
        #[arg(long)]
        sub_account: Option<String>,
    },
    /// `GET /ping/`.
    Ping,
    /// `GET /report/campaign/{id}`.
    Report {
        /// Campaign id.
        #[arg(long)]
        campaign: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum SmsadvertCommand {
    /// `POST /api/sms/`.
    Send {
        #[command(flatten)]
        to: SendRecipients,
        #[command(flatten)]
        bulk: crate::bulk::BulkArgs,
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

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum SmsecoCommand {
    /// `sendsms`; with `--merge`, a mail merge (publipostage): each column after the
    /// number is a placeholder (`{nom}` in the text for a column `nom`).
    Send {
        #[command(flatten)]
        to: SmsecoRecipients,
        #[command(flatten)]
        bulk: crate::bulk::BulkArgs,
        /// Sender (`expediteur`), registered on the account.
        #[arg(long)]
        from: String,
        /// Message text (`msg`).
        #[arg(long)]
        text: String,
        /// Deferred send (`datesend`), `YYYY-MM-DD HH:MM`.
        #[arg(long)]
        at: Option<String>,
        /// Flash SMS (`flash`).
        #[arg(long)]
        flash: bool,
        /// UCS-2 (`unicode`; set anyway when the text needs it).
        #[arg(long)]
        unicode: bool,
        /// Your message id (`msgid`, at most 30 bytes).
        #[arg(long)]
        msgid: Option<String>,
        /// The text is a binary payload (`binaire`).
        #[arg(long)]
        binary: bool,
        /// Message waiting indication (`mwi`).
        #[arg(long)]
        mwi: Option<String>,
        /// Protocol identifier (`pid`).
        #[arg(long)]
        pid: Option<String>,
        /// Reply path indicator (`rpi`).
        #[arg(long)]
        rpi: Option<String>,
        /// Alternative data coding scheme (`alt_dcs`).
        #[arg(long)]
        alt_dcs: Option<String>,
        /// User data header (`udhdata`).
        #[arg(long)]
        udh: Option<String>,
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

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum ConnectMobileCommand {
    /// `action=envoi`.
    Send {
        #[command(flatten)]
        to: SendRecipients,
        #[command(flatten)]
        bulk: crate::bulk::BulkArgs,
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
        Command::Sandbox {
            host,
            port,
            latency,
            dlr_delay,
            max_messages,
            fault,
        } => {
            let options = tools::SandboxOptions {
                host,
                port,
                latency,
                dlr_delay,
                max_messages,
                faults: fault,
            };
            tools::sandbox(options).await
        }
        Command::Demo => demo::run().await,
        Command::Outbox { command } => outbox::command(&opts, command).await,
    }
}

#[cfg(test)]
mod tests {
    /// Clap's own checks of every command (unique names, valid requirements): a clash
    /// would otherwise show only when that command runs.
    #[test]
    fn the_command_line_is_consistent() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
