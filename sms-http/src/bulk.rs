//! Bulk sending: one engine for every provider crate.
//!
//! Recipients come from any stream (or iterator); the engine checks each one, splits
//! them into requests of at most the provider's batch size, sends at most
//! `concurrency` requests at once and at most `rate` per second, and yields each
//! recipient's [`Delivery`] as soon as its request is answered. Every recipient gets
//! exactly one outcome:
//!
//! - [`Outcome::Sent`]: the gateway accepted it (with the id it gave, if any);
//! - [`Outcome::Refused`]: known not sent (a documented refusal, invalid input, or no
//!   request left);
//! - [`Outcome::Unknown`]: the request may have reached the gateway (timeouts, cut
//!   connections, 5xx, unknown codes, partial answers that do not name it).
//!
//! A request whose outcome is unknown is never sent again. With [`Retry`], a recipient
//! refused as *retryable* (connection refused, a provider's temporary refusal) is
//! sent again, a bounded number of times. Dropping the stream starts no new request;
//! [`StopSignal::stop`] also lets the requests in flight finish and yields their
//! outcomes.
//!
//! Each provider crate implements [`BatchSender`]: how to send one batch and how to map
//! its answer to one outcome per recipient.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

/// The trait of recipient streams (from `futures`).
#[doc(no_inline)]
pub use futures_util::stream::Stream;
use futures_util::stream::{self, StreamExt};

/// A boxed future, as [`BatchSender::send_batch`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One recipient of a bulk send: a phone number as the caller wrote it, and its
/// parameters where the provider has them (AllMySMS `PARAM_n` in order, SMSECO mail
/// merge placeholders by name). `Debug` masks the number and shows only the
/// parameters' names.
#[derive(Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Recipient {
    /// The phone number.
    pub phone: String,
    /// `(name, value)` parameters, in order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub params: Vec<(String, String)>,
}

impl std::fmt::Debug for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.params.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("Recipient")
            .field(
                "phone",
                &sms_primitives::redact::mask_digit_runs(&self.phone),
            )
            .field("params", &names)
            .finish()
    }
}

impl Recipient {
    /// A recipient without parameters.
    pub fn new(phone: impl Into<String>) -> Self {
        Self {
            phone: phone.into(),
            params: Vec::new(),
        }
    }

    /// Adds a parameter.
    #[must_use]
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }
}

impl From<&str> for Recipient {
    fn from(phone: &str) -> Self {
        Self::new(phone)
    }
}

impl From<String> for Recipient {
    fn from(phone: String) -> Self {
        Self::new(phone)
    }
}

/// What became of one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "outcome", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Outcome {
    /// The gateway accepted the message for this recipient.
    Sent {
        /// The id the gateway gave (per recipient, or per request when that is all
        /// the provider gives).
        id: Option<String>,
    },
    /// Known not sent: a documented refusal, invalid input, or no request left.
    Refused {
        /// The provider's code, when it gave one (or `invalid` for input refused before
        /// sending).
        code: Option<String>,
        /// Why, credentials hidden.
        message: String,
        /// Whether sending again may succeed (connection refused, a temporary refusal).
        #[cfg_attr(feature = "serde", serde(default))]
        retryable: bool,
    },
    /// The request may have reached the gateway: check before sending again.
    Unknown {
        /// Why the outcome is unknown, credentials hidden.
        reason: String,
        /// An id the gateway gave that may identify this recipient's message (its own
        /// id, or its request's), for [`Reconcile`] to ask about it later.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        id: Option<String>,
    },
}

impl Outcome {
    /// The outcome an error means for every recipient of its request: refused when it
    /// proves nothing was sent, else unknown. The text is the error and its causes
    /// (credentials hidden, as in every error of these crates).
    pub fn from_error<E: crate::OperationError + std::error::Error>(error: &E) -> Self {
        if error.is_known_not_sent() {
            Self::Refused {
                code: error.refusal_code(),
                message: crate::error_chain(error),
                retryable: error.is_retryable(),
            }
        } else {
            Self::Unknown {
                reason: crate::error_chain(error),
                id: None,
            }
        }
    }

    /// An outcome unknown for `reason`, without an id to ask about.
    pub fn unknown(reason: impl Into<String>) -> Self {
        Self::Unknown {
            reason: reason.into(),
            id: None,
        }
    }

    /// An input refused before any request.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Refused {
            code: Some("invalid".to_owned()),
            message: message.into(),
            retryable: false,
        }
    }

    /// Whether this outcome proves nothing was sent.
    pub fn is_known_not_sent(&self) -> bool {
        matches!(self, Self::Refused { .. })
    }

    /// The outcome's name: `sent`, `refused` or `unknown`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sent { .. } => "sent",
            Self::Refused { .. } => "refused",
            Self::Unknown { .. } => "unknown",
        }
    }
}

/// One recipient's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Delivery {
    /// The recipient, as given.
    pub recipient: Recipient,
    /// What became of it.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub outcome: Outcome,
    /// How many requests carried it (more than 1 only with [`Retry`]).
    pub attempts: u32,
}

/// How a provider crate sends one batch.
pub trait BatchSender: Send + Sync + 'static {
    /// The most recipients one request may carry: the provider's documented maximum
    /// (`usize::MAX` where the docs give none).
    fn max_batch(&self) -> usize;

    /// Recipients per request unless [`BulkOptions::batch_size`] says otherwise: the
    /// documented maximum, or a conservative default where the docs give none.
    fn default_batch(&self) -> usize {
        self.max_batch()
    }

    /// Checks a recipient before any request (phone number, parameters): `Err` is its
    /// outcome, and it is not sent.
    ///
    /// # Errors
    ///
    /// The [`Outcome::Refused`] for an invalid recipient.
    fn check(&self, recipient: &Recipient) -> Result<(), Outcome>;

    /// Sends one request to `batch` and returns exactly one outcome per recipient, in
    /// the order of `batch`. Never retries a request.
    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>>;
}

/// A recipient whose outcome is unknown, as [`Reconcile`] gets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The recipient, as sent.
    pub recipient: Recipient,
    /// The id the gateway gave ([`Outcome::Unknown`]'s `id`).
    pub id: String,
}

/// How a provider crate settles unknown outcomes by asking the gateway (AllMySMS
/// acknowledgements, SMSECO delivery reports, Connect-Mobile `statut`): what an outbox
/// calls to turn *unknown* into *sent* or *refused*.
pub trait Reconcile: Send + Sync + 'static {
    /// Asks the gateway about each of `unresolved`: `Some` outcome (sent or refused)
    /// when its answer settles it, `None` when it cannot tell (the outcome stays
    /// unknown), one per item in order. Never sends a message.
    fn reconcile<'a>(&'a self, unresolved: &'a [Unresolved])
    -> BoxFuture<'a, Vec<Option<Outcome>>>;
}

/// Sending again what was refused as retryable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Requests per recipient at most (1: no retry).
    pub max_attempts: u32,
    /// Pause before sending again.
    pub delay: Duration,
}

impl Default for Retry {
    /// No retry.
    fn default() -> Self {
        Self {
            max_attempts: 1,
            delay: Duration::from_millis(500),
        }
    }
}

/// Stops a bulk send from another task (Ctrl-C): no new request starts; the requests
/// in flight finish and their outcomes are yielded; recipients not sent yet get no
/// outcome.
#[derive(Debug, Clone, Default)]
pub struct StopSignal(Arc<StopInner>);

#[derive(Debug, Default)]
struct StopInner {
    stopped: AtomicBool,
    notify: tokio::sync::Notify,
}

impl StopSignal {
    /// A signal not given yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Gives the signal.
    pub fn stop(&self) {
        self.0.stopped.store(true, Ordering::SeqCst);
        self.0.notify.notify_waiters();
    }

    /// Whether the signal was given.
    pub fn is_stopped(&self) -> bool {
        self.0.stopped.load(Ordering::SeqCst)
    }

    async fn stopped(self) {
        loop {
            let notified = self.0.notify.notified();
            if self.is_stopped() {
                return;
            }
            notified.await;
        }
    }
}

/// Options of a bulk send.
#[derive(Debug, Clone)]
pub struct BulkOptions {
    batch_size: Option<usize>,
    concurrency: usize,
    rate: Option<f64>,
    retry: Retry,
    stop: StopSignal,
}

impl Default for BulkOptions {
    fn default() -> Self {
        Self {
            batch_size: None,
            concurrency: DEFAULT_CONCURRENCY,
            rate: None,
            retry: Retry::default(),
            stop: StopSignal::new(),
        }
    }
}

/// Requests in flight at once, by default.
pub const DEFAULT_CONCURRENCY: usize = 4;

impl BulkOptions {
    /// The defaults: the provider's batch size, [`DEFAULT_CONCURRENCY`], no rate limit,
    /// no retry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Recipients per request, instead of the provider's default (capped at its
    /// documented maximum; 0 is taken as 1).
    #[must_use]
    pub fn batch_size(mut self, size: usize) -> Self {
        self.batch_size = Some(size.max(1));
        self
    }

    /// Requests in flight at once (0 is taken as 1).
    #[must_use]
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// At most this many requests start per second (ignored unless positive).
    #[must_use]
    pub fn rate(mut self, per_second: f64) -> Self {
        self.rate = (per_second.is_finite() && per_second > 0.0).then_some(per_second);
        self
    }

    /// Sends again what is refused as retryable.
    #[must_use]
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = Retry {
            max_attempts: retry.max_attempts.max(1),
            delay: retry.delay,
        };
        self
    }

    /// Stops the send when `signal` is given.
    #[must_use]
    pub fn stop_signal(mut self, signal: StopSignal) -> Self {
        self.stop = signal;
        self
    }

    /// The batch size used with `sender`: the option or its default, capped at its
    /// maximum.
    pub fn effective_batch_size(&self, sender: &dyn BatchSender) -> usize {
        let max = sender.max_batch().max(1);
        self.batch_size
            .unwrap_or_else(|| sender.default_batch())
            .clamp(1, max)
    }
}

/// The stream of a bulk send's outcomes (see the [module](self) documentation).
pub struct BulkStream {
    inner: Pin<Box<dyn Stream<Item = Delivery> + Send>>,
    requests: Arc<AtomicU64>,
}

impl BulkStream {
    /// Requests started so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// A handle to read the request count while the stream is consumed elsewhere.
    pub fn request_counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.requests)
    }
}

impl std::fmt::Debug for BulkStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BulkStream")
            .field("requests", &self.requests())
            .finish_non_exhaustive()
    }
}

impl Stream for BulkStream {
    type Item = Delivery;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Delivery>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Spaces request starts `1 / rate` apart.
struct Pace {
    interval: Duration,
    next: std::sync::Mutex<Option<tokio::time::Instant>>,
}

impl Pace {
    async fn wait(&self) {
        let slot = {
            let mut next = self
                .next
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = tokio::time::Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// What a batch future needs.
struct Run {
    sender: Arc<dyn BatchSender>,
    pace: Option<Pace>,
    retry: Retry,
    requests: Arc<AtomicU64>,
    stop: StopSignal,
}

impl Run {
    /// Sends one batch (and, with [`Retry`], its retryable refusals again); one
    /// delivery per recipient.
    async fn batch(&self, batch: Vec<Recipient>) -> Vec<Delivery> {
        let mut done = Vec::with_capacity(batch.len());
        let mut pending = batch;
        // The outcomes of the previous attempt, for a retry the stop signal cancels.
        let mut last: Vec<Outcome> = Vec::new();
        let mut attempt = 0;
        while !pending.is_empty() {
            if let Some(pace) = &self.pace {
                pace.wait().await;
            }
            if self.stop.is_stopped() {
                // Not sent: a first attempt has no outcome yet (a later run sends
                // it); a retry keeps the refusal it had.
                let attempts = attempt;
                done.extend(
                    pending
                        .into_iter()
                        .zip(last)
                        .map(|(recipient, outcome)| Delivery {
                            recipient,
                            outcome,
                            attempts,
                        }),
                );
                break;
            }
            attempt += 1;
            self.requests.fetch_add(1, Ordering::SeqCst);
            let outcomes = self.sender.send_batch(&pending).await;
            let mut outcomes = outcomes.into_iter();
            let mut again = Vec::new();
            last = Vec::new();
            for recipient in pending {
                // A sender that forgets a recipient: its request did leave.
                let outcome = outcomes.next().unwrap_or_else(|| Outcome::Unknown {
                    reason: "the answer did not account for this recipient".to_owned(),
                    id: None,
                });
                let retryable = matches!(
                    outcome,
                    Outcome::Refused {
                        retryable: true,
                        ..
                    }
                );
                if retryable && attempt < self.retry.max_attempts {
                    again.push(recipient);
                    last.push(outcome);
                } else {
                    done.push(Delivery {
                        recipient,
                        outcome,
                        attempts: attempt,
                    });
                }
            }
            pending = again;
            if !pending.is_empty() {
                tokio::time::sleep(self.retry.delay).await;
            }
        }
        done
    }
}

/// Sends to every recipient of `recipients` through `sender` (see the
/// [module](self) documentation). Must be polled within a Tokio runtime.
pub fn send<S>(sender: Arc<dyn BatchSender>, recipients: S, options: &BulkOptions) -> BulkStream
where
    S: Stream<Item = Recipient> + Send + 'static,
{
    let batch_size = options.effective_batch_size(sender.as_ref());
    let requests = Arc::new(AtomicU64::new(0));
    let run = Arc::new(Run {
        sender: Arc::clone(&sender),
        pace: options.rate.map(|rate| Pace {
            interval: Duration::from_secs_f64(1.0 / rate),
            next: std::sync::Mutex::new(None),
        }),
        retry: options.retry,
        requests: Arc::clone(&requests),
        stop: options.stop.clone(),
    });
    let checker = Arc::clone(&sender);
    // Invalid recipients get their outcome at once; the others are batched.
    let checked = recipients.map(move |recipient| match checker.check(&recipient) {
        Ok(()) => Ok(recipient),
        Err(outcome) => Err(Delivery {
            recipient,
            outcome,
            attempts: 0,
        }),
    });
    // Stopping drops a batch still being filled: no new request starts.
    let work = checked
        .ready_chunks_by_validity(batch_size)
        .take_until(options.stop.clone().stopped())
        .map(move |item| {
            let run = Arc::clone(&run);
            async move {
                match item {
                    Work::Refused(delivery) => vec![delivery],
                    Work::Batch(batch) => run.batch(batch).await,
                }
            }
        })
        .buffer_unordered(options.concurrency)
        .flat_map(stream::iter);
    BulkStream {
        inner: Box::pin(work),
        requests,
    }
}

/// One unit of work: a batch to send, or a recipient refused before sending.
enum Work {
    Batch(Vec<Recipient>),
    Refused(Delivery),
}

/// Groups valid recipients into batches of `size` (a batch is complete when it is full
/// or the input ends); refused ones pass through on their own.
trait ChunkValid: Stream<Item = Result<Recipient, Delivery>> + Sized {
    fn ready_chunks_by_validity(self, size: usize) -> Chunks<Self> {
        Chunks {
            inner: Box::pin(self),
            size,
            batch: Vec::new(),
            done: false,
        }
    }
}

impl<S: Stream<Item = Result<Recipient, Delivery>>> ChunkValid for S {}

struct Chunks<S> {
    inner: Pin<Box<S>>,
    size: usize,
    batch: Vec<Recipient>,
    done: bool,
}

impl<S: Stream<Item = Result<Recipient, Delivery>>> Stream for Chunks<S> {
    type Item = Work;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Work>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        loop {
            match this.inner.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(recipient))) => {
                    this.batch.push(recipient);
                    if this.batch.len() >= this.size {
                        return Poll::Ready(Some(Work::Batch(std::mem::take(&mut this.batch))));
                    }
                }
                Poll::Ready(Some(Err(delivery))) => {
                    return Poll::Ready(Some(Work::Refused(delivery)));
                }
                Poll::Ready(None) => {
                    this.done = true;
                    if this.batch.is_empty() {
                        return Poll::Ready(None);
                    }
                    return Poll::Ready(Some(Work::Batch(std::mem::take(&mut this.batch))));
                }
                // A partial batch waits for more recipients (the input is not ended).
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// Writes a provider client's `bulk_send` inside its `impl Client` block: the doc
/// comment given, then the method that checks `template` with the crate's
/// `BulkSender::new(client, template)` and runs [`send`].
// `crate::Error` is meant: the calling crate's error type.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! bulk_send_method {
    ($(#[$attr:meta])* $template:ty => $sender:ty) => {
        $(#[$attr])*
        ///
        /// # Errors
        ///
        /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) when the template (its
        /// text, sender or options) is invalid, before any request.
        pub fn bulk_send<S>(
            &self,
            template: &$template,
            recipients: S,
            options: &$crate::bulk::BulkOptions,
        ) -> ::core::result::Result<$crate::bulk::BulkStream, crate::Error>
        where
            S: $crate::bulk::Stream<Item = $crate::bulk::Recipient> + Send + 'static,
        {
            let sender = <$sender>::new(self.clone(), template.clone())?;
            Ok($crate::bulk::send(::std::sync::Arc::new(sender), recipients, options))
        }
    };
}
