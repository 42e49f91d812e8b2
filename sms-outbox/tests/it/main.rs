//! The outbox against real databases: a SQLite file always, PostgreSQL when
//! `SMS_OUTBOX_POSTGRES_URL` is set (`.ci/run` starts one and sets it; under CI it
//! must be set).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod fake;
mod guarantees;
mod providers;

use sms_outbox::Outbox;

/// A new SQLite file, and the PostgreSQL database when there is one.
pub(crate) async fn databases(name: &str) -> Vec<Outbox> {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("outbox-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let mut all = vec![
        Outbox::open(&format!("sqlite://{}", file.display()))
            .await
            .unwrap(),
    ];
    match std::env::var("SMS_OUTBOX_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => all.push(Outbox::open(&url).await.unwrap()),
        _ => assert!(
            std::env::var_os("CI").is_none(),
            "CI must set SMS_OUTBOX_POSTGRES_URL (.ci/run starts PostgreSQL)"
        ),
    }
    all
}

/// A campaign id no other test (nor an earlier run on the same PostgreSQL) uses.
pub(crate) fn unique(name: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{name}-{now}-{}",
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    )
}
