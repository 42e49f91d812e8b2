//! The outbox against real databases: a SQLite file always, and PostgreSQL
//! (`SMS_OUTBOX_POSTGRES_URL`, or the private server `tools/postgres.sh` starts when
//! the package is installed; under CI it must be there).
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
    // Built without the `postgres` feature, this crate has only SQLite.
    if cfg!(feature = "postgres")
        && let Some(url) = test_support::postgres_url()
    {
        all.push(Outbox::open(&url).await.unwrap());
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
