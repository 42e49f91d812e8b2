//! `sms <provider> send --to-file F --outbox URL`, and `sms outbox
//! status|run|reconcile|requeue`: campaigns in a durable outbox (`sms-outbox`) on SQLite
//! or PostgreSQL, each recipient sent at most once across crashes and workers.
//!
//! A campaign stores its provider and its request (the provider crate's `serde` form,
//! with the client's options), so that `sms outbox run` on any machine rebuilds the same
//! sender from the provider's environment variables.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{Value, json};
use sms_http::bulk::{BatchSender, Reconcile, StopSignal};
use sms_outbox::{Campaign, Outbox, Requeue, RunReport, Status};

use crate::bulk::BulkArgs;
use crate::output::{self, Fail};

/// What a provider command hands to a `--to-file` run: its sender, and what an outbox
/// campaign stores to rebuild it.
pub(crate) struct Job {
    pub(crate) sender: Arc<dyn BatchSender>,
    pub(crate) reconcile: Option<Arc<dyn Reconcile>>,
    pub(crate) provider: &'static str,
    pub(crate) template: Value,
}

impl Job {
    /// A job whose unknown outcomes cannot be asked about.
    pub(crate) fn new<S: BatchSender>(
        provider: &'static str,
        request: &impl serde::Serialize,
        client: Value,
        sender: S,
    ) -> Self {
        Self {
            sender: Arc::new(sender),
            reconcile: None,
            provider,
            template: json!({"request": to_value(request), "client": client}),
        }
    }

    /// A job whose unknown outcomes `sms outbox reconcile` asks the gateway about.
    pub(crate) fn reconciling<S: BatchSender + Reconcile>(
        provider: &'static str,
        request: &impl serde::Serialize,
        client: Value,
        sender: S,
    ) -> Self {
        let sender = Arc::new(sender);
        Self {
            sender: Arc::clone(&sender) as Arc<dyn BatchSender>,
            reconcile: Some(sender),
            provider,
            template: json!({"request": to_value(request), "client": client}),
        }
    }
}

fn to_value(request: &impl serde::Serialize) -> Value {
    // The provider crates' requests serialize to plain JSON objects.
    serde_json::to_value(request).unwrap_or(Value::Null)
}

/// The stored request of a campaign, as the provider crate reads it.
pub(crate) fn request<T: serde::de::DeserializeOwned>(campaign: &Campaign) -> Result<T, Fail> {
    let stored = campaign
        .template
        .get("request")
        .cloned()
        .unwrap_or_default();
    serde_json::from_value(stored).map_err(|e| {
        Fail::Invalid(format!(
            "campaign {:?}: its stored request cannot be read ({e})",
            campaign.id
        ))
    })
}

/// A client option the campaign stored (`None` when absent).
pub(crate) fn client_option<'a>(campaign: &'a Campaign, name: &str) -> Option<&'a Value> {
    campaign.template.get("client")?.get(name)
}

/// The outbox's URL: on the command line or in `SMS_OUTBOX_URL` (its password is never
/// printed).
#[derive(Debug, Args)]
pub(crate) struct Database {
    /// The outbox: `sqlite://campaign.db` (created if missing) or
    /// `postgres://user:password@host/db` (default: `SMS_OUTBOX_URL`).
    #[arg(
        long,
        value_name = "URL",
        env = "SMS_OUTBOX_URL",
        hide_env_values = true
    )]
    pub(crate) outbox: String,
}

/// How a run sends: `send --to-file`'s options, and `sms outbox run`'s.
#[derive(Debug, Args)]
pub(crate) struct WorkerArgs {
    /// Requests in flight at once (default 4; `send` with `--to-file`).
    #[arg(long, value_name = "N")]
    pub(crate) concurrency: Option<usize>,
    /// At most R requests start per second (`send` with `--to-file`).
    #[arg(long, value_name = "R")]
    pub(crate) rate: Option<f64>,
    /// Recipients per request (at most the provider's maximum, default its maximum or
    /// its documented default; `send` with `--to-file`).
    #[arg(long, value_name = "N")]
    pub(crate) batch: Option<usize>,
    /// Seconds a claimed recipient stays this run's before another run makes it
    /// unknown (default 300; longer than any request; with an outbox).
    #[arg(long, value_name = "SECONDS", requires = "outbox")]
    pub(crate) lease: Option<f64>,
}

/// `sms outbox …`.
#[derive(Debug, Subcommand)]
pub(crate) enum OutboxCommand {
    /// Each campaign's counts: queued, in flight, sent, refused, unknown, the oldest
    /// in-flight recipient, the next lease to expire, the recent rate.
    Status {
        #[command(flatten)]
        db: Database,
        /// Only this campaign.
        #[arg(long)]
        campaign: Option<String>,
    },
    /// Sends a campaign's queued recipients (run several at once, on several machines,
    /// with PostgreSQL). Credentials come from the provider's environment variables.
    Run {
        #[command(flatten)]
        db: Database,
        /// The campaign.
        #[arg(long)]
        campaign: String,
        #[command(flatten)]
        worker: WorkerArgs,
    },
    /// Makes the expired leases unknown, then asks the gateway about unknown outcomes
    /// that carry an id (SMSECO, AllMySMS, Connect-Mobile). Sends nothing.
    Reconcile {
        #[command(flatten)]
        db: Database,
        /// The campaign.
        #[arg(long)]
        campaign: String,
    },
    /// Queues refused recipients again (never unknown ones): by default those refused
    /// as temporary and carried by fewer than 3 requests.
    Requeue {
        #[command(flatten)]
        db: Database,
        /// The campaign.
        #[arg(long)]
        campaign: String,
        /// Every refusal, not only temporary ones (an invalid number too).
        #[arg(long)]
        all: bool,
        /// Only those carried by fewer requests than this.
        #[arg(long, value_name = "N", default_value_t = 3)]
        max_attempts: u64,
    },
}

/// The password of a database URL (`scheme://user:password@host…`), to hide.
pub(crate) fn url_password(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let userinfo = rest.split('/').next()?.rsplit_once('@')?.0;
    let password = userinfo.split_once(':')?.1;
    (!password.is_empty()).then(|| password.to_owned())
}

fn fail(e: sms_outbox::Error) -> Fail {
    use sms_outbox::Error as E;
    match e {
        E::UnsupportedUrl | E::NoCampaign(_) | E::CampaignMismatch(_) | E::Invalid(_) => {
            Fail::Invalid(e.to_string())
        }
        // A database's message may quote a row: numbers masked.
        other => Fail::Transport {
            message: sms_primitives::redact::mask_digit_runs(&sms_http::error_chain(&other))
                .into_owned(),
            // While a worker runs, requests may have left; what they did is in the
            // outbox (in flight until their lease expires).
            known_not_sent: false,
        },
    }
}

/// A database failure of a command that sends nothing (status, reconcile, requeue).
fn failed(e: sms_outbox::Error) -> Fail {
    match fail(e) {
        Fail::Transport { message, .. } => Fail::Transport {
            message,
            known_not_sent: true,
        },
        other => other,
    }
}

/// Opens the outbox (before any request: a failure sent nothing).
async fn open(url: &str) -> Result<Outbox, Fail> {
    Outbox::open(url).await.map_err(failed)
}

fn lease(seconds: Option<f64>) -> Result<Option<Duration>, Fail> {
    seconds
        .map(|s| {
            Duration::try_from_secs_f64(s)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| Fail::Invalid(format!("--lease {s}: a positive number of seconds")))
        })
        .transpose()
}

/// `send --to-file FILE --outbox URL`: checks the file, creates (or finds) the campaign,
/// enqueues every line (keyed by its number: running again adds nothing), then runs a
/// worker until nothing is queued.
pub(crate) async fn send_file(
    job: Job,
    url: &str,
    lines: Vec<sms_http::bulk::Recipient>,
    path: &Path,
    args: &BulkArgs,
) -> Result<Value, Fail> {
    let id = match &args.outbox_campaign {
        Some(c) => c.clone(),
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Fail::Invalid("give --outbox-campaign".into()))?,
    };
    let lease = lease(args.worker.lease)?;
    let outbox = open(url).await?;
    outbox
        .create_campaign(&Campaign {
            id: id.clone(),
            provider: job.provider.to_owned(),
            template: job.template.clone(),
        })
        .await
        .map_err(|e| match e {
            sms_outbox::Error::CampaignMismatch(_) => Fail::Invalid(format!(
                "campaign {id:?} is in the outbox with another provider or message: give \
                 another --outbox-campaign"
            )),
            other => failed(other),
        })?;
    let recipients = lines.len() as u64;
    let keyed = lines.into_iter().map(|r| (r.phone.trim().to_owned(), r));
    outbox.enqueue(&id, keyed).await.map_err(failed)?;
    run_worker(
        &outbox,
        &id,
        job.sender,
        &args.worker,
        lease,
        Some(recipients),
    )
    .await
}

/// Runs one worker on `campaign` and prints the summary of `send --to-file`.
async fn run_worker(
    outbox: &Outbox,
    campaign: &str,
    sender: Arc<dyn BatchSender>,
    args: &WorkerArgs,
    lease: Option<Duration>,
    recipients: Option<u64>,
) -> Result<Value, Fail> {
    let before = outbox.status(campaign).await.map_err(failed)?;
    let stop = StopSignal::new();
    let on_signal = stop.clone();
    let signal = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            output::note("sms: interrupted: no new request; waiting for those in flight");
            on_signal.stop();
        }
    });
    let mut worker = outbox.worker(campaign, sender).stop_signal(stop.clone());
    if let Some(c) = args.concurrency {
        worker = worker.concurrency(c);
    }
    if let Some(r) = args.rate {
        worker = worker.rate(r);
    }
    if let Some(b) = args.batch {
        worker = worker.batch_size(b);
    }
    if let Some(l) = lease {
        worker = worker.lease(l);
    }
    let progress = indicatif::ProgressBar::new(before.queued);
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} recipients recorded, {per_sec}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    progress.enable_steady_tick(Duration::from_millis(200));
    let report = worker.run().await;
    progress.finish_and_clear();
    signal.abort();
    let report = report.map_err(fail)?;
    let after = outbox.status(campaign).await.map_err(fail)?;
    let interrupted = stop.is_stopped();
    summary(campaign, &report, &after, recipients, interrupted)
}

fn summary(
    campaign: &str,
    report: &RunReport,
    after: &Status,
    recipients: Option<u64>,
    interrupted: bool,
) -> Result<Value, Fail> {
    let attempted = report.sent + report.refused + report.unknown;
    let total = recipients.unwrap_or_else(|| after.total());
    let doc = json!({
        "recipients": total,
        "sent": report.sent,
        "refused": report.refused,
        "unknown": report.unknown,
        // Settled before this run (or by other workers meanwhile).
        "skipped": total.saturating_sub(attempted + after.queued + after.in_flight),
        "requests": report.requests,
        "not_attempted": after.queued + after.in_flight,
        "interrupted": interrupted,
        "campaign": campaign_json(campaign, after),
    });
    // The campaign's whole state decides, not only this run's part; rows still in
    // flight may have been sent.
    let unknown = after.unknown + after.in_flight;
    crate::bulk::finish(doc, interrupted, unknown, after.refused)
}

fn seconds(d: Option<Duration>) -> Value {
    d.map_or(Value::Null, |d| json!(d.as_secs_f64()))
}

fn campaign_json(id: &str, s: &Status) -> Value {
    json!({
        "id": id,
        "queued": s.queued,
        "in_flight": s.in_flight,
        "sent": s.sent,
        "refused": s.refused,
        "unknown": s.unknown,
        "reconcilable": s.reconcilable,
        "oldest_in_flight_seconds": seconds(s.oldest_in_flight),
        "next_lease_expiry_seconds": seconds(s.next_lease_expiry),
        "rate_per_second": s.rate_per_second,
    })
}

/// `sms outbox …`.
pub(crate) async fn command(
    opts: &crate::providers::Options,
    command: OutboxCommand,
) -> Result<Value, Fail> {
    let url = match &command {
        OutboxCommand::Status { db, .. }
        | OutboxCommand::Run { db, .. }
        | OutboxCommand::Reconcile { db, .. }
        | OutboxCommand::Requeue { db, .. } => db.outbox.clone(),
    };
    output::hide_also(url_password(&url));
    if opts.dry_run {
        // `requeue` and `reconcile` write to the outbox; nothing here prints requests.
        return Err(Fail::Invalid(
            "--dry-run does not go with sms outbox".into(),
        ));
    }
    match command {
        OutboxCommand::Status { campaign, .. } => {
            let outbox = open(&url).await?;
            let ids = match campaign {
                Some(c) => vec![c],
                None => outbox.campaigns().await.map_err(failed)?,
            };
            let mut all = Vec::new();
            for id in ids {
                let c = outbox.campaign(&id).await.map_err(failed)?;
                let status = outbox.status(&id).await.map_err(failed)?;
                let mut doc = campaign_json(&id, &status);
                if let Some(fields) = doc.as_object_mut() {
                    fields.insert("provider".into(), json!(c.provider));
                }
                all.push(doc);
            }
            Ok(json!({ "campaigns": all }))
        }
        OutboxCommand::Run {
            campaign, worker, ..
        } => {
            let lease = lease(worker.lease)?;
            let outbox = open(&url).await?;
            let c = outbox.campaign(&campaign).await.map_err(failed)?;
            let job = crate::providers::outbox_job(opts, &c).await?;
            check_worker(job.sender.as_ref(), &worker)?;
            run_worker(&outbox, &campaign, job.sender, &worker, lease, None).await
        }
        OutboxCommand::Reconcile { campaign, .. } => {
            let outbox = open(&url).await?;
            let c = outbox.campaign(&campaign).await.map_err(failed)?;
            let job = crate::providers::outbox_job(opts, &c).await?;
            let Some(reconciler) = job.reconcile else {
                // Nothing to ask: the expired leases still become unknown.
                let expired = outbox.expire_leases(&campaign).await.map_err(failed)?;
                return Ok(json!({
                    "supported": false, "asked": 0, "sent": 0, "refused": 0,
                    "without_id": outbox.status(&campaign).await.map_err(failed)?.unknown,
                    "expired": expired,
                }));
            };
            let done = outbox
                .reconcile(&campaign, reconciler.as_ref())
                .await
                .map_err(failed)?;
            Ok(json!({
                "supported": true,
                "asked": done.asked,
                "sent": done.sent,
                "refused": done.refused,
                "without_id": done.without_id,
                "expired": done.expired,
            }))
        }
        OutboxCommand::Requeue {
            campaign,
            all,
            max_attempts,
            ..
        } => {
            let outbox = open(&url).await?;
            outbox.campaign(&campaign).await.map_err(failed)?;
            let requeued = outbox
                .requeue_refused(
                    &campaign,
                    Requeue {
                        only_retryable: !all,
                        max_attempts,
                    },
                )
                .await
                .map_err(failed)?;
            Ok(json!({ "requeued": requeued }))
        }
    }
}

/// The worker options, checked before any request.
pub(crate) fn check_worker(sender: &dyn BatchSender, args: &WorkerArgs) -> Result<(), Fail> {
    if let Some(b) = args.batch {
        let max = sender.max_batch();
        if b == 0 || b > max {
            return Err(Fail::Invalid(format!(
                "--batch {b}: between 1 and {max} recipients per request"
            )));
        }
    }
    if args.concurrency == Some(0) {
        return Err(Fail::Invalid("--concurrency 0: at least 1".into()));
    }
    if let Some(r) = args.rate
        && !(r.is_finite() && r > 0.0)
    {
        return Err(Fail::Invalid(format!(
            "--rate {r}: a positive number of requests per second"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::url_password;

    #[test]
    fn passwords_are_found_in_database_urls() {
        assert_eq!(
            url_password("postgres://u:p%40ss@h:5432/db").as_deref(),
            Some("p%40ss")
        );
        assert_eq!(url_password("postgres://u@h/db"), None);
        assert_eq!(url_password("sqlite://campaign.db"), None);
        assert_eq!(url_password("postgres://u:@h/db"), None);
    }
}
