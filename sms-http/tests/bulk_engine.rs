//! The bulk engine's own rules, with a fake sender (no network: the provider crates'
//! tests run it against real local servers): checks before batching, one outcome per
//! recipient even from a sender that forgets some, bounded retries of retryable
//! refusals only, the rate limit (on a paused clock), and stop during a retry.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use sms_http::bulk::{
    self, BatchSender, BoxFuture, BulkOptions, Delivery, Outcome, Recipient, Retry, StopSignal,
};

/// Answers each batch with `outcome(recipient)`, keeping only `keep` outcomes per batch.
struct Fake {
    max: usize,
    keep: usize,
    batches: AtomicUsize,
    outcome: fn(&Recipient) -> Outcome,
}

impl Fake {
    fn new(max: usize, outcome: fn(&Recipient) -> Outcome) -> Self {
        Self {
            max,
            keep: usize::MAX,
            batches: AtomicUsize::new(0),
            outcome,
        }
    }
}

impl BatchSender for Fake {
    fn max_batch(&self) -> usize {
        self.max
    }
    fn check(&self, r: &Recipient) -> Result<(), Outcome> {
        if r.phone.starts_with('x') {
            Err(Outcome::invalid("bad number"))
        } else {
            Ok(())
        }
    }
    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        self.batches.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { batch.iter().take(self.keep).map(self.outcome).collect() })
    }
}

fn sent(_: &Recipient) -> Outcome {
    Outcome::Sent { id: None }
}

fn refused_retryable(_: &Recipient) -> Outcome {
    Outcome::Refused {
        code: None,
        message: "connection refused".into(),
        retryable: true,
    }
}

fn people(n: usize) -> Vec<Recipient> {
    (0..n)
        .map(|i| Recipient::new(format!("+336000000{i:02}")))
        .collect()
}

async fn run(fake: Arc<Fake>, recipients: Vec<Recipient>, options: &BulkOptions) -> Vec<Delivery> {
    bulk::send(fake, futures_util::stream::iter(recipients), options)
        .collect()
        .await
}

#[tokio::test]
async fn invalid_recipients_get_their_outcome_without_a_batch() {
    let fake = Arc::new(Fake::new(10, sent));
    let mut recipients = people(3);
    recipients.insert(1, Recipient::new("x-not-a-number"));
    let deliveries = run(Arc::clone(&fake), recipients, &BulkOptions::new()).await;
    assert_eq!(deliveries.len(), 4);
    let bad = deliveries
        .iter()
        .find(|d| d.recipient.phone.starts_with('x'))
        .unwrap();
    assert_eq!((bad.outcome.kind(), bad.attempts), ("refused", 0));
    assert_eq!(
        fake.batches.load(Ordering::SeqCst),
        1,
        "the 3 valid ones in one batch"
    );
}

#[tokio::test]
async fn a_forgotten_recipient_is_unknown_never_lost() {
    let fake = Arc::new(Fake {
        keep: 1,
        ..Fake::new(3, sent)
    });
    let deliveries = run(fake, people(3), &BulkOptions::new()).await;
    let kinds: Vec<&str> = deliveries.iter().map(|d| d.outcome.kind()).collect();
    assert_eq!(kinds, ["sent", "unknown", "unknown"]);
}

#[tokio::test]
async fn retries_are_bounded_and_only_for_retryable_refusals() {
    let fake = Arc::new(Fake::new(2, refused_retryable));
    let retry = Retry {
        max_attempts: 3,
        delay: Duration::ZERO,
    };
    let deliveries = run(
        Arc::clone(&fake),
        people(2),
        &BulkOptions::new().retry(retry),
    )
    .await;
    assert!(
        deliveries
            .iter()
            .all(|d| d.attempts == 3 && d.outcome.kind() == "refused")
    );
    assert_eq!(fake.batches.load(Ordering::SeqCst), 3);
    // Unknown is never sent again, whatever the policy.
    let unknown = Arc::new(Fake::new(2, |_| Outcome::unknown("cut")));
    let deliveries = run(
        Arc::clone(&unknown),
        people(2),
        &BulkOptions::new().retry(retry),
    )
    .await;
    assert!(deliveries.iter().all(|d| d.attempts == 1));
    assert_eq!(unknown.batches.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn the_rate_spaces_request_starts() {
    let fake = Arc::new(Fake::new(1, sent));
    let start = tokio::time::Instant::now();
    let options = BulkOptions::new().concurrency(8).rate(10.0);
    let deliveries = run(Arc::clone(&fake), people(5), &options).await;
    assert_eq!(deliveries.len(), 5);
    // Five starts at 10 per second: the last one 400 ms after the first (virtual time).
    let elapsed = start.elapsed();
    assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(500), "{elapsed:?}");
}

#[tokio::test(start_paused = true)]
async fn stop_during_a_retry_keeps_the_last_refusal() {
    let fake = Arc::new(Fake::new(1, refused_retryable));
    let stop = StopSignal::new();
    let options = BulkOptions::new()
        .retry(Retry {
            max_attempts: 5,
            delay: Duration::from_secs(1),
        })
        .stop_signal(stop.clone());
    let mut stream = bulk::send(
        Arc::clone(&fake) as Arc<dyn BatchSender>,
        futures_util::stream::iter(people(1)),
        &options,
    );
    let stopper = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        stop.stop();
    });
    let d = stream.next().await.unwrap();
    stopper.await.unwrap();
    assert_eq!((d.outcome.kind(), d.attempts), ("refused", 2), "{d:?}");
    assert!(stream.next().await.is_none());
    assert_eq!(fake.batches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn debug_shows_no_number_nor_parameter_value() {
    let r = Recipient::new("+33 6 12 34 56 78").param("name", "Awa Diallo");
    let deliveries = run(
        Arc::new(Fake::new(1, sent)),
        vec![r.clone()],
        &BulkOptions::new(),
    )
    .await;
    for shown in [format!("{r:?}"), format!("{deliveries:?}")] {
        assert!(
            !shown.contains("12 34 56") && !shown.contains("Awa"),
            "{shown}"
        );
        assert!(shown.contains("name"), "{shown}");
    }
}
