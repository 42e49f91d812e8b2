//! A worker: claims a campaign's queued recipients and sends them through the bulk
//! engine, recording each outcome.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use sms_http::bulk::{self, BatchSender, BulkOptions, Delivery, Recipient, StopSignal};

use crate::{Error, Outbox};

/// A lease long enough for any request with the clients' default timeouts (30 s),
/// several times over.
const DEFAULT_LEASE: Duration = Duration::from_secs(300);

/// Sends a campaign's queued recipients (see [`Outbox::worker`]).
#[must_use = "a worker does nothing until run"]
pub struct Worker {
    outbox: Outbox,
    campaign: String,
    sender: Arc<dyn BatchSender>,
    options: BulkOptions,
    concurrency: usize,
    claim_batches: Option<usize>,
    lease: Duration,
    id: String,
    stop: StopSignal,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("campaign", &self.campaign)
            .field("id", &self.id)
            .field("options", &self.options)
            .field("lease", &self.lease)
            .finish_non_exhaustive()
    }
}

/// What one [`Worker::run`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RunReport {
    /// Recipients recorded sent.
    pub sent: u64,
    /// Recipients recorded refused (known not sent).
    pub refused: u64,
    /// Recipients recorded unknown.
    pub unknown: u64,
    /// Requests sent.
    pub requests: u64,
    /// Claimed recipients no request carried (after a stop), queued again.
    pub released: u64,
    /// In-flight recipients of dead workers made unknown when this run started.
    pub expired: u64,
}

impl Outbox {
    /// A worker sending `campaign`'s queued recipients through `sender` (the provider
    /// crate's `BulkSender` for the campaign's template), with the bulk engine's
    /// defaults: the provider's batch size, 4 requests at once, no rate limit.
    pub fn worker(&self, campaign: &str, sender: Arc<dyn BatchSender>) -> Worker {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = format!(
            "{}-{}-{}",
            std::process::id(),
            crate::store::now_ms(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        Worker {
            outbox: self.clone(),
            campaign: campaign.to_owned(),
            sender,
            options: BulkOptions::new(),
            concurrency: bulk::DEFAULT_CONCURRENCY,
            claim_batches: None,
            lease: DEFAULT_LEASE,
            id,
            stop: StopSignal::new(),
        }
    }
}

impl Worker {
    /// Recipients per request (capped at the provider's maximum).
    pub fn batch_size(mut self, size: usize) -> Self {
        self.options = self.options.batch_size(size);
        self
    }

    /// Requests in flight at once (in this worker).
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self.options = self.options.concurrency(requests);
        self
    }

    /// At most this many requests start per second (in this worker).
    pub fn rate(mut self, per_second: f64) -> Self {
        self.options = self.options.rate(per_second);
        self
    }

    /// How long a claimed recipient stays this worker's before another run makes it
    /// unknown (default 5 minutes): longer than any request may take.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Batches claimed in one database write (default a quarter of the concurrency,
    /// at least 1). More means fewer writes; but when the worker dies, the claimed
    /// recipients whose request had not left yet become unknown too.
    pub fn claim_batches(mut self, batches: usize) -> Self {
        self.claim_batches = Some(batches.max(1));
        self
    }

    /// This worker's name in the database (default: process id, time, counter).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Stops the run when `signal` is given: no new claim nor request; those in flight
    /// finish and are recorded; claimed recipients no request carried are queued again.
    pub fn stop_signal(mut self, signal: StopSignal) -> Self {
        self.options = self.options.stop_signal(signal.clone());
        self.stop = signal;
        self
    }

    /// Runs until no recipient of the campaign is queued (or the stop signal), and
    /// reports what it recorded. Progress goes to `tracing` (target `sms_outbox`):
    /// counts by outcome, rate and recipients in flight after each write.
    ///
    /// # Errors
    ///
    /// [`Error::NoCampaign`]; [`Error::Database`] (the run stops: what it held stays
    /// in flight until its lease expires); [`Error::Worker`].
    pub async fn run(self) -> Result<RunReport, Error> {
        let span = tracing::info_span!("outbox.run", campaign = %self.campaign, worker = %self.id);
        tracing::Instrument::instrument(self.run_inner(), span).await
    }

    async fn run_inner(self) -> Result<RunReport, Error> {
        self.outbox.campaign(&self.campaign).await?;
        let mut report = RunReport {
            expired: self.outbox.expire_leases(&self.campaign).await?,
            ..RunReport::default()
        };
        let batch = self.options.effective_batch_size(self.sender.as_ref());
        let claim_size = batch.saturating_mul(
            self.claim_batches
                .unwrap_or_else(|| self.concurrency.div_ceil(4)),
        );
        // Claimed rows by recipient (identical recipients share a queue).
        let held: Arc<Mutex<HashMap<Recipient, VecDeque<i64>>>> = Arc::default();
        let claim_error: Arc<Mutex<Option<Error>>> = Arc::default();
        let input = claims(Claimer {
            outbox: self.outbox.clone(),
            campaign: self.campaign.clone(),
            owner: self.id.clone(),
            lease: self.lease,
            size: claim_size,
            buffer: VecDeque::new(),
            held: Arc::clone(&held),
            error: Arc::clone(&claim_error),
            stop: self.stop.clone(),
            done: false,
        });
        let mut stream = bulk::send(Arc::clone(&self.sender), input, &self.options);
        let requests = stream.request_counter();
        // The engine runs on its own task, so that database writes never hold up
        // requests.
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Delivery>();
        let mut engine = AbortOnDrop(tokio::spawn(async move {
            while let Some(delivery) = stream.next().await {
                if tx.send(delivery).is_err() {
                    break;
                }
            }
        }));
        let started = Instant::now();
        let mut buffer = Vec::new();
        let mut write_error = None;
        while rx.recv_many(&mut buffer, 4096).await > 0 {
            let rows: Vec<(i64, Delivery)> = {
                let mut held = held.lock().unwrap_or_else(PoisonError::into_inner);
                buffer
                    .drain(..)
                    .filter_map(|d| {
                        let seqs = held.get_mut(&d.recipient)?;
                        let seq = seqs.pop_front()?;
                        if seqs.is_empty() {
                            held.remove(&d.recipient);
                        }
                        Some((seq, d))
                    })
                    .collect()
            };
            if write_error.is_some() {
                continue;
            }
            if let Err(e) = self.outbox.record(&self.id, &rows).await {
                // Nothing more starts; what is in flight stays so until its lease
                // expires.
                self.stop.stop();
                write_error = Some(e);
                continue;
            }
            for (_, d) in &rows {
                match d.outcome.kind() {
                    "sent" => report.sent += 1,
                    "refused" => report.refused += 1,
                    _ => report.unknown += 1,
                }
            }
            let in_flight: usize = held
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .values()
                .map(VecDeque::len)
                .sum();
            let done = report.sent + report.refused + report.unknown;
            #[allow(clippy::cast_precision_loss)]
            let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-3);
            tracing::info!(
                target: "sms_outbox",
                sent = report.sent,
                refused = report.refused,
                unknown = report.unknown,
                in_flight,
                rate_per_second = rate,
                "outcomes recorded"
            );
        }
        let engine_ok = (&mut engine.0).await.is_ok();
        report.requests = requests.load(Ordering::SeqCst);
        if let Some(e) = write_error {
            return Err(e);
        }
        if !engine_ok {
            return Err(Error::Worker);
        }
        // The engine has ended: a claimed recipient without an outcome was in no
        // request (stopped before it started), so it goes back to the queue.
        let unsent: Vec<i64> = held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain()
            .flat_map(|(_, seqs)| seqs)
            .collect();
        report.released = self.outbox.release(&self.id, &unsent).await?;
        let claim_error = claim_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(e) = claim_error {
            return Err(e);
        }
        // The campaign as this run leaves it (counts, oldest lease), to `tracing`.
        self.outbox.status(&self.campaign).await?;
        Ok(report)
    }
}

/// Dropping the run (a cancelled future) stops its engine: no new claim nor request;
/// the rows it held stay in flight until their lease expires, as after a crash.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The engine's input: recipients claimed a few batches at a time, when it asks.
struct Claimer {
    outbox: Outbox,
    campaign: String,
    owner: String,
    lease: Duration,
    size: usize,
    buffer: VecDeque<Recipient>,
    held: Arc<Mutex<HashMap<Recipient, VecDeque<i64>>>>,
    error: Arc<Mutex<Option<Error>>>,
    stop: StopSignal,
    done: bool,
}

fn claims(claimer: Claimer) -> impl futures_util::Stream<Item = Recipient> + Send + 'static {
    futures_util::stream::unfold(claimer, |mut c| async move {
        loop {
            if let Some(r) = c.buffer.pop_front() {
                return Some((r, c));
            }
            if c.done || c.stop.is_stopped() {
                return None;
            }
            match c.outbox.claim(&c.campaign, &c.owner, c.lease, c.size).await {
                Ok(rows) if rows.is_empty() => c.done = true,
                Ok(rows) => {
                    let mut held = c.held.lock().unwrap_or_else(PoisonError::into_inner);
                    for (seq, recipient) in rows {
                        held.entry(recipient.clone()).or_default().push_back(seq);
                        c.buffer.push_back(recipient);
                    }
                }
                Err(e) => {
                    *c.error.lock().unwrap_or_else(PoisonError::into_inner) = Some(e);
                    c.done = true;
                }
            }
        }
    })
}
