//! The durable part: campaigns and recipients in SQLite or PostgreSQL.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sms_http::bulk::{Delivery, Outcome, Recipient, Reconcile, Unresolved};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row as _};

use crate::Error;

#[cfg(feature = "sqlite")]
static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
#[cfg(feature = "postgres")]
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Rows per `INSERT` when enqueueing (5 parameters each) and per `UPDATE` when
/// recording (7 each): far below both databases' limits (SQLite 32,766, PostgreSQL
/// 65,535), few statements for a big campaign.
const INSERT_CHUNK: usize = 1_000;
const RECORD_CHUNK: usize = 50;
/// Unknown recipients per [`Reconcile`] call.
const RECONCILE_CHUNK: usize = 100;
/// How long to wait for a database connection (sqlx's default is 30 s).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// What an expired lease leaves as the reason of an unknown outcome.
const LEASE_EXPIRED: &str = "the lease expired: its worker stopped while the request may have left";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sqlite,
    Postgres,
}

/// A durable outbox: campaigns and their recipients in SQLite (`sqlite://campaign.db`,
/// one worker process at a time) or PostgreSQL (`postgres://…`, many workers on many
/// machines). Cloning shares the connection pool.
///
/// Each recipient is sent **at most once**: a [`Worker`](crate::Worker) marks it *in
/// flight* (committed) before its request leaves, and records its outcome after. A
/// worker that dies leaves its rows in flight; once their lease has expired they
/// become *unknown* ([`Outbox::expire_leases`]), never sent again automatically.
#[derive(Clone)]
pub struct Outbox {
    pool: AnyPool,
    kind: Kind,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the URL: it may hold a password.
        f.debug_struct("Outbox")
            .field("database", &self.kind)
            .finish_non_exhaustive()
    }
}

/// A campaign: which provider sends it and its message (the provider's request, as
/// JSON, that every worker rebuilds its sender from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// The caller's id of the campaign.
    pub id: String,
    /// The provider's name (the caller's choice, such as the crate's name).
    pub provider: String,
    /// The message template, as the caller stores it.
    pub template: Value,
}

/// What [`Outbox::enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Enqueued {
    /// Recipients added.
    pub added: u64,
    /// Recipients whose key was already there (nothing changed for them).
    pub existing: u64,
}

/// Where a recipient is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum State {
    /// Waiting for a worker.
    Queued,
    /// Claimed by a worker: its request may have left.
    InFlight,
    /// Accepted by the gateway.
    Sent,
    /// Known not sent.
    Refused,
    /// The request may have reached the gateway.
    Unknown,
}

impl State {
    /// Its name in the database and in `sms outbox status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::InFlight => "in_flight",
            Self::Sent => "sent",
            Self::Refused => "refused",
            Self::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> Result<Self, Error> {
        Ok(match s {
            "queued" => Self::Queued,
            "in_flight" => Self::InFlight,
            "sent" => Self::Sent,
            "refused" => Self::Refused,
            "unknown" => Self::Unknown,
            other => return Err(Error::Corrupt(format!("state {other:?}"))),
        })
    }
}

/// One recipient's row. `Debug` masks the number, in the key too (keys are often
/// the number).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Record {
    /// The caller's key.
    pub key: String,
    /// The recipient (its `Debug` masks the number).
    pub recipient: Recipient,
    /// Where it is.
    pub state: State,
    /// Requests that carried it.
    pub attempts: u64,
    /// The gateway's id (sent), or the id to reconcile with (unknown).
    pub id: Option<String>,
    /// The refusal's code.
    pub code: Option<String>,
    /// Why refused or unknown.
    pub message: Option<String>,
}

impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use sms_primitives::redact::mask_digit_runs;
        f.debug_struct("Record")
            .field("key", &mask_digit_runs(&self.key))
            .field("recipient", &self.recipient)
            .field("state", &self.state)
            .field("attempts", &self.attempts)
            .field("id", &self.id)
            .field("code", &self.code)
            .field("message", &self.message.as_deref().map(mask_digit_runs))
            .finish()
    }
}

/// A campaign's counts: what a user watches.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct Status {
    /// Waiting for a worker.
    pub queued: u64,
    /// Held by workers (requests on their way, or workers that died).
    pub in_flight: u64,
    /// Accepted by the gateway.
    pub sent: u64,
    /// Known not sent.
    pub refused: u64,
    /// May have reached the gateway.
    pub unknown: u64,
    /// Unknown ones with an id [`Outbox::reconcile`] can ask about.
    pub reconcilable: u64,
    /// How long the oldest in-flight recipient has been held.
    pub oldest_in_flight: Option<Duration>,
    /// When the first lease expires (zero when one already has).
    pub next_lease_expiry: Option<Duration>,
    /// Outcomes recorded per second over the last minute.
    pub rate_per_second: f64,
}

impl Status {
    /// Every recipient of the campaign.
    pub fn total(&self) -> u64 {
        self.queued + self.in_flight + self.sent + self.refused + self.unknown
    }
}

/// What [`Outbox::reconcile`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Reconciled {
    /// Unknown recipients asked about.
    pub asked: u64,
    /// Turned into sent.
    pub sent: u64,
    /// Turned into refused.
    pub refused: u64,
    /// Unknown ones without an id, which no gateway can be asked about.
    pub without_id: u64,
    /// In-flight rows whose lease had expired, made unknown first.
    pub expired: u64,
}

/// Which refused recipients [`Outbox::requeue_refused`] queues again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requeue {
    /// Only those the provider called retryable (a temporary refusal, connection
    /// refused); `false` takes every refusal (an invalid number too).
    pub only_retryable: bool,
    /// Only those carried by fewer requests than this.
    pub max_attempts: u64,
}

impl Default for Requeue {
    fn default() -> Self {
        Self {
            only_retryable: true,
            max_attempts: 3,
        }
    }
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Placeholders in the order of the SQL text, bound in that order: `$1, $2, …` for
/// PostgreSQL; `?` for SQLite, whose named parameters (`$N`) cost a linear search
/// each when sqlx binds them (quadratic in a statement of many rows).
struct Marks {
    kind: Kind,
    n: usize,
}

impl Marks {
    fn new(kind: Kind) -> Self {
        Self { kind, n: 0 }
    }

    fn next(&mut self) -> String {
        self.n += 1;
        match self.kind {
            Kind::Sqlite => "?".to_owned(),
            Kind::Postgres => format!("${}", self.n),
        }
    }

    /// `(a, b, …)` of `n` placeholders.
    fn tuple(&mut self, n: usize) -> String {
        let list: Vec<String> = (0..n).map(|_| self.next()).collect();
        format!("({})", list.join(", "))
    }
}

fn params_json(recipient: &Recipient) -> String {
    // Pairs as arrays: order and repeated names are kept.
    Value::Array(
        recipient
            .params
            .iter()
            .map(|(k, v)| Value::Array(vec![Value::from(k.as_str()), Value::from(v.as_str())]))
            .collect(),
    )
    .to_string()
}

fn parse_params(text: &str) -> Result<Vec<(String, String)>, Error> {
    let corrupt = || Error::Corrupt("parameters".into());
    let value: Value = serde_json::from_str(text).map_err(|_| corrupt())?;
    value
        .as_array()
        .ok_or_else(corrupt)?
        .iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(k), Value::String(v)]) => Ok((k.clone(), v.clone())),
            _ => Err(corrupt()),
        })
        .collect()
}

fn recipient_of(row: &AnyRow) -> Result<Recipient, Error> {
    Ok(Recipient {
        phone: row.try_get("phone")?,
        params: parse_params(&row.try_get::<String, _>("params")?)?,
    })
}

/// The columns an outcome sets: state, id, code, message, retryable.
fn columns(outcome: &Outcome) -> (State, Option<&str>, Option<&str>, Option<&str>, i64) {
    match outcome {
        Outcome::Sent { id } => (State::Sent, id.as_deref(), None, None, 0),
        Outcome::Refused {
            code,
            message,
            retryable,
        } => (
            State::Refused,
            None,
            code.as_deref(),
            Some(message.as_str()),
            i64::from(*retryable),
        ),
        Outcome::Unknown { reason, id } => (
            State::Unknown,
            id.as_deref(),
            None,
            Some(reason.as_str()),
            0,
        ),
        // A future outcome this version does not know: the safe reading.
        _ => (
            State::Unknown,
            None,
            None,
            Some("an outcome this outbox does not know"),
            0,
        ),
    }
}

impl Outbox {
    /// Opens (creating it if needed) the outbox at `url` and applies the embedded
    /// migrations: `sqlite://campaign.db` (or `sqlite::memory:`), or
    /// `postgres://user:password@host/db`. SQLite runs in WAL mode with
    /// `synchronous=FULL`, one connection (one writer); PostgreSQL gets a pool of 16.
    ///
    /// # Errors
    ///
    /// [`Error::UnsupportedUrl`], [`Error::Database`] (cannot connect),
    /// [`Error::Migrate`].
    pub async fn open(url: &str) -> Result<Self, Error> {
        sqlx::any::install_default_drivers();
        let kind = if url.starts_with("sqlite:") && cfg!(feature = "sqlite") {
            Kind::Sqlite
        } else if (url.starts_with("postgres://") || url.starts_with("postgresql://"))
            && cfg!(feature = "postgres")
        {
            Kind::Postgres
        } else {
            return Err(Error::UnsupportedUrl);
        };
        let pool = match kind {
            Kind::Sqlite => {
                // Created when missing; one connection: SQLite has one writer.
                let url = if url.contains('?') || url.contains(":memory:") {
                    url.to_owned()
                } else {
                    format!("{url}?mode=rwc")
                };
                AnyPoolOptions::new()
                    .max_connections(1)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // Durable at commit; readers never block the writer;
                            // another process's write is waited for.
                            for pragma in [
                                "PRAGMA journal_mode = WAL",
                                "PRAGMA synchronous = FULL",
                                "PRAGMA busy_timeout = 30000",
                                "PRAGMA foreign_keys = ON",
                            ] {
                                sqlx::query(pragma).execute(&mut *conn).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Kind::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(CONNECT_TIMEOUT)
                    .connect(url)
                    .await?
            }
        };
        let migrator = match kind {
            #[cfg(feature = "sqlite")]
            Kind::Sqlite => &SQLITE,
            #[cfg(feature = "postgres")]
            Kind::Postgres => &POSTGRES,
            #[allow(unreachable_patterns)]
            _ => return Err(Error::UnsupportedUrl),
        };
        migrator.run(&pool).await.map_err(Error::Migrate)?;
        Ok(Self { pool, kind })
    }

    /// Rows per statement: PostgreSQL plans a long `VALUES` list as a hash join over
    /// the whole table (250 s instead of 5 s for 100,000 outcomes), SQLite does not.
    fn chunk(&self, postgres: usize) -> usize {
        match self.kind {
            Kind::Sqlite => postgres * 10,
            Kind::Postgres => postgres,
        }
    }

    /// Closes the pool (waits for connections in use).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Creates a campaign, or does nothing when one with the same id, provider and
    /// template exists (so that a retried call is harmless).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for an empty id or provider; [`Error::CampaignMismatch`]
    /// when the id exists with another provider or template; [`Error::Database`].
    pub async fn create_campaign(&self, campaign: &Campaign) -> Result<(), Error> {
        if campaign.id.is_empty() || campaign.provider.is_empty() {
            return Err(Error::Invalid(
                "a campaign needs an id and a provider".into(),
            ));
        }
        sqlx::query(
            "INSERT INTO outbox_campaigns (id, provider, template, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&campaign.id)
        .bind(&campaign.provider)
        .bind(campaign.template.to_string())
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        let stored = self.campaign(&campaign.id).await?;
        if stored.provider != campaign.provider || stored.template != campaign.template {
            return Err(Error::CampaignMismatch(campaign.id.clone()));
        }
        Ok(())
    }

    /// The campaign with this id.
    ///
    /// # Errors
    ///
    /// [`Error::NoCampaign`], [`Error::Corrupt`] (its template is not JSON),
    /// [`Error::Database`].
    pub async fn campaign(&self, id: &str) -> Result<Campaign, Error> {
        let row = sqlx::query("SELECT provider, template FROM outbox_campaigns WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::NoCampaign(id.to_owned()))?;
        let template: String = row.try_get("template")?;
        Ok(Campaign {
            id: id.to_owned(),
            provider: row.try_get("provider")?,
            template: serde_json::from_str(&template)
                .map_err(|_| Error::Corrupt("template".into()))?,
        })
    }

    /// Every campaign's id, oldest first.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn campaigns(&self) -> Result<Vec<String>, Error> {
        let rows = sqlx::query("SELECT id FROM outbox_campaigns ORDER BY created_at, id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| r.try_get("id").map_err(Error::from))
            .collect()
    }

    /// Adds recipients to a campaign, each under the caller's key: a key already
    /// there adds nothing (a retried enqueue is harmless). Every item is checked
    /// before anything is written; all are added in one transaction.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for an empty key or number (nothing written);
    /// [`Error::NoCampaign`]; [`Error::Database`].
    pub async fn enqueue<I>(&self, campaign: &str, recipients: I) -> Result<Enqueued, Error>
    where
        I: IntoIterator<Item = (String, Recipient)>,
    {
        let items: Vec<(String, Recipient)> = recipients.into_iter().collect();
        if let Some(i) = items
            .iter()
            .position(|(k, r)| k.is_empty() || r.phone.trim().is_empty())
        {
            return Err(Error::Invalid(format!(
                "recipient {} has an empty key or number; nothing enqueued",
                i + 1
            )));
        }
        self.campaign(campaign).await?;
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let mut added = 0;
        for chunk in items.chunks(INSERT_CHUNK) {
            let mut marks = Marks::new(self.kind);
            let values: Vec<String> = chunk
                .iter()
                .map(|_| {
                    format!(
                        "({}, {}, {}, {}, 'queued', 0, {})",
                        marks.next(),
                        marks.next(),
                        marks.next(),
                        marks.next(),
                        marks.next()
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO outbox_recipients \
                 (campaign, key, phone, params, state, attempts, updated_at) VALUES {} \
                 ON CONFLICT (campaign, key) DO NOTHING",
                values.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for (key, recipient) in chunk {
                query = query
                    .bind(campaign)
                    .bind(key)
                    .bind(&recipient.phone)
                    .bind(params_json(recipient))
                    .bind(now);
            }
            added += query.execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(Enqueued {
            added,
            existing: items.len() as u64 - added,
        })
    }

    /// Claims up to `limit` queued recipients for `owner` until `lease` from now:
    /// committed in flight before this returns (so before any request).
    pub(crate) async fn claim(
        &self,
        campaign: &str,
        owner: &str,
        lease: Duration,
        limit: usize,
    ) -> Result<Vec<(i64, Recipient)>, Error> {
        let now = now_ms();
        // PostgreSQL: rows another worker is claiming are skipped, not waited for.
        // SQLite: one writer at a time, the statement is atomic.
        let lock = match self.kind {
            Kind::Postgres => " FOR UPDATE SKIP LOCKED",
            Kind::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox_recipients SET state = 'in_flight', lease_owner = $1, \
             lease_until = $2, updated_at = $3 WHERE seq IN (SELECT seq FROM \
             outbox_recipients WHERE campaign = $4 AND state = 'queued' ORDER BY seq \
             LIMIT $5{lock}) RETURNING seq, phone, params"
        );
        let rows = sqlx::query(&sql)
            .bind(owner)
            .bind(now.saturating_add(ms(lease)))
            .bind(now)
            .bind(campaign)
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .fetch_all(&self.pool)
            .await?;
        let mut claimed = rows
            .iter()
            .map(|row| Ok((row.try_get::<i64, _>("seq")?, recipient_of(row)?)))
            .collect::<Result<Vec<_>, Error>>()?;
        claimed.sort_by_key(|(seq, _)| *seq);
        Ok(claimed)
    }

    /// Records outcomes of `owner`'s recipients in one transaction. A row whose lease
    /// expired (now unknown) still takes a late outcome from its own worker.
    pub(crate) async fn record(
        &self,
        owner: &str,
        deliveries: &[(i64, Delivery)],
    ) -> Result<(), Error> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        for chunk in deliveries.chunks(self.chunk(RECORD_CHUNK)) {
            // One statement per chunk: 7 values per row, then the time and the owner.
            let mut marks = Marks::new(self.kind);
            let values: Vec<String> = chunk.iter().map(|_| marks.tuple(7)).collect();
            let sql = format!(
                "WITH v (seq, state, gateway_id, code, message, retryable, attempts) AS \
                 (VALUES {}) \
                 UPDATE outbox_recipients SET state = v.state, gateway_id = v.gateway_id, \
                 code = v.code, message = v.message, retryable = v.retryable, \
                 attempts = outbox_recipients.attempts + v.attempts, lease_until = NULL, \
                 updated_at = {} FROM v WHERE outbox_recipients.seq = v.seq \
                 AND outbox_recipients.lease_owner = {} \
                 AND outbox_recipients.state IN ('in_flight', 'unknown')",
                values.join(", "),
                marks.next(),
                marks.next()
            );
            let mut query = sqlx::query(&sql);
            for (seq, delivery) in chunk {
                let (state, id, code, message, retryable) = columns(&delivery.outcome);
                query = query
                    .bind(*seq)
                    .bind(state.as_str())
                    .bind(id)
                    .bind(code)
                    .bind(message)
                    .bind(retryable)
                    .bind(i64::from(delivery.attempts));
            }
            query.bind(now).bind(owner).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Puts back in the queue rows `owner` claimed that no request carried.
    pub(crate) async fn release(&self, owner: &str, seqs: &[i64]) -> Result<u64, Error> {
        let mut released = 0;
        for chunk in seqs.chunks(INSERT_CHUNK) {
            let mut marks = Marks::new(self.kind);
            let sql = format!(
                "UPDATE outbox_recipients SET state = 'queued', lease_owner = NULL, \
                 lease_until = NULL WHERE lease_owner = {} AND state = 'in_flight' \
                 AND seq IN {}",
                marks.next(),
                marks.tuple(chunk.len())
            );
            let mut query = sqlx::query(&sql).bind(owner);
            for seq in chunk {
                query = query.bind(*seq);
            }
            released += query.execute(&self.pool).await?.rows_affected();
        }
        Ok(released)
    }

    /// Makes every in-flight recipient of `campaign` whose lease has expired
    /// *unknown* (its worker died or hung: the request may have left). Returns how
    /// many. Workers and [`Outbox::reconcile`] call it first.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn expire_leases(&self, campaign: &str) -> Result<u64, Error> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE outbox_recipients SET state = 'unknown', message = $1, updated_at = $2 \
             WHERE campaign = $3 AND state = 'in_flight' AND lease_until < $4",
        )
        .bind(LEASE_EXPIRED)
        .bind(now)
        .bind(campaign)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// The campaign's counts, oldest lease and recent rate (also a `tracing` event,
    /// target `sms_outbox`).
    ///
    /// # Errors
    ///
    /// [`Error::NoCampaign`], [`Error::Database`].
    pub async fn status(&self, campaign: &str) -> Result<Status, Error> {
        self.campaign(campaign).await?;
        let now = now_ms();
        let rows = sqlx::query(
            "SELECT state, COUNT(*) AS n FROM outbox_recipients WHERE campaign = $1 \
             GROUP BY state",
        )
        .bind(campaign)
        .fetch_all(&self.pool)
        .await?;
        let mut status = Status::default();
        for row in &rows {
            let n = count(row.try_get("n")?);
            match State::parse(&row.try_get::<String, _>("state")?)? {
                State::Queued => status.queued = n,
                State::InFlight => status.in_flight = n,
                State::Sent => status.sent = n,
                State::Refused => status.refused = n,
                State::Unknown => status.unknown = n,
            }
        }
        let row = sqlx::query(
            "SELECT MIN(updated_at) AS oldest, MIN(lease_until) AS lease \
             FROM outbox_recipients WHERE campaign = $1 AND state = 'in_flight'",
        )
        .bind(campaign)
        .fetch_one(&self.pool)
        .await?;
        let since = |t: i64| Duration::from_millis(u64::try_from(t).unwrap_or(0));
        status.oldest_in_flight = row
            .try_get::<Option<i64>, _>("oldest")?
            .map(|t| since(now - t));
        status.next_lease_expiry = row
            .try_get::<Option<i64>, _>("lease")?
            .map(|t| since(t - now));
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM outbox_recipients WHERE campaign = $1 AND \
             state IN ('sent', 'refused', 'unknown') AND updated_at >= $2",
        )
        .bind(campaign)
        .bind(now - 60_000)
        .fetch_one(&self.pool)
        .await?;
        #[allow(clippy::cast_precision_loss)]
        {
            status.rate_per_second = count(row.try_get("n")?) as f64 / 60.0;
        }
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM outbox_recipients WHERE campaign = $1 AND \
             state = 'unknown' AND gateway_id IS NOT NULL",
        )
        .bind(campaign)
        .fetch_one(&self.pool)
        .await?;
        status.reconcilable = count(row.try_get("n")?);
        // What a user watches, for whoever collects `tracing` events.
        tracing::info!(
            target: "sms_outbox",
            campaign,
            queued = status.queued,
            in_flight = status.in_flight,
            sent = status.sent,
            refused = status.refused,
            unknown = status.unknown,
            oldest_in_flight_ms = status.oldest_in_flight.map(|d| d.as_millis() as u64),
            rate_per_second = status.rate_per_second,
            "campaign status"
        );
        Ok(status)
    }

    /// Every recipient of the campaign, in the order enqueued.
    ///
    /// # Errors
    ///
    /// [`Error::Corrupt`], [`Error::Database`].
    pub async fn records(&self, campaign: &str) -> Result<Vec<Record>, Error> {
        let rows = sqlx::query(
            "SELECT key, phone, params, state, attempts, gateway_id, code, message \
             FROM outbox_recipients WHERE campaign = $1 ORDER BY seq",
        )
        .bind(campaign)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Record {
                    key: row.try_get("key")?,
                    recipient: recipient_of(row)?,
                    state: State::parse(&row.try_get::<String, _>("state")?)?,
                    attempts: count(row.try_get("attempts")?),
                    id: row.try_get("gateway_id")?,
                    code: row.try_get("code")?,
                    message: row.try_get("message")?,
                })
            })
            .collect()
    }

    /// Expires leases, then asks the gateway, through `reconciler`, about every
    /// unknown recipient that has an id, and records what it settles (sent or
    /// refused). Sends nothing.
    ///
    /// # Errors
    ///
    /// [`Error::Corrupt`], [`Error::Database`].
    pub async fn reconcile(
        &self,
        campaign: &str,
        reconciler: &dyn Reconcile,
    ) -> Result<Reconciled, Error> {
        let mut done = Reconciled {
            expired: self.expire_leases(campaign).await?,
            ..Reconciled::default()
        };
        let rows = sqlx::query(
            "SELECT seq, phone, params, gateway_id FROM outbox_recipients \
             WHERE campaign = $1 AND state = 'unknown' ORDER BY seq",
        )
        .bind(campaign)
        .fetch_all(&self.pool)
        .await?;
        let mut asked = Vec::new();
        for row in &rows {
            match row.try_get::<Option<String>, _>("gateway_id")? {
                Some(id) => asked.push((
                    row.try_get::<i64, _>("seq")?,
                    Unresolved {
                        recipient: recipient_of(row)?,
                        id,
                    },
                )),
                None => done.without_id += 1,
            }
        }
        for chunk in asked.chunks(RECONCILE_CHUNK) {
            let items: Vec<Unresolved> = chunk.iter().map(|(_, u)| u.clone()).collect();
            let settled = reconciler.reconcile(&items).await;
            done.asked += items.len() as u64;
            let now = now_ms();
            let mut tx = self.pool.begin().await?;
            for ((seq, item), outcome) in chunk.iter().zip(settled) {
                let Some(outcome) = outcome else { continue };
                let (state, id, code, message, retryable) = columns(&outcome);
                match state {
                    State::Sent => done.sent += 1,
                    State::Refused => done.refused += 1,
                    // Still unknown: nothing to record.
                    _ => continue,
                }
                sqlx::query(
                    "UPDATE outbox_recipients SET state = $1, gateway_id = $2, code = $3, \
                     message = $4, retryable = $5, updated_at = $6 \
                     WHERE seq = $7 AND state = 'unknown'",
                )
                .bind(state.as_str())
                .bind(id.unwrap_or(item.id.as_str()))
                .bind(code)
                .bind(message)
                .bind(retryable)
                .bind(now)
                .bind(*seq)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
        Ok(done)
    }

    /// Queues refused recipients again, as `policy` says (never an unknown one: it
    /// may have been sent).
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn requeue_refused(&self, campaign: &str, policy: Requeue) -> Result<u64, Error> {
        let done = sqlx::query(
            "UPDATE outbox_recipients SET state = 'queued', code = NULL, message = NULL, \
             retryable = 0, lease_owner = NULL, lease_until = NULL, updated_at = $1 \
             WHERE campaign = $2 AND state = 'refused' AND attempts < $3 \
             AND (retryable = 1 OR $4 = 0)",
        )
        .bind(now_ms())
        .bind(campaign)
        .bind(i64::try_from(policy.max_attempts).unwrap_or(i64::MAX))
        .bind(i64::from(policy.only_retryable))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}
