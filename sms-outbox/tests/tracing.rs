//! Progress in `tracing`, and no phone number in logs nor `Debug`. Its own test binary:
//! `tracing` caches per call site whether anyone listens, and tests on other threads
//! without a subscriber would race with this one's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

// Its whole helper, of which this test uses a part.
#[allow(dead_code)]
#[path = "it/fake.rs"]
mod fake;

use std::sync::Arc;

use fake::{Fake, people};
use serde_json::json;
use sms_outbox::{Campaign, Outbox};

/// Where `tracing` output goes in a test.
#[derive(Clone, Default)]
struct Log(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn progress_goes_to_tracing_and_debug_output_shows_no_number() {
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("outbox-tracing-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let outbox = Outbox::open(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    let id = "tracing".to_owned();
    outbox
        .create_campaign(&Campaign {
            id: id.clone(),
            provider: "fake".into(),
            template: json!({}),
        })
        .await
        .unwrap();
    outbox.enqueue(&id, people(12)).await.unwrap();
    let fake = Arc::new(Fake::sent());
    let worker = outbox.worker(&id, fake).concurrency(2);
    let shown = format!("{worker:?}");
    worker.run().await.unwrap();
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("outcomes recorded"), "{text}");
    assert!(text.contains("sent=12"), "{text}");
    assert!(text.contains("in_flight=0"), "{text}");
    assert!(text.contains("rate_per_second="), "{text}");
    assert!(text.contains("campaign status"), "{text}");
    assert!(text.contains("queued=0"), "{text}");
    let records = outbox.records(&id).await.unwrap();
    let debug = format!("{records:?} {shown} {outbox:?}");
    for (phone, _) in people(12) {
        let digits = phone.trim_start_matches('+');
        assert!(!text.contains(digits), "{text}");
        assert!(!debug.contains(digits), "{debug}");
    }
}
