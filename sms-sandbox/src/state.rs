//! The sandbox's state: accounts, received messages, delivery reports, replies, faults.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use sms_primitives::datetime::DateTime;

use crate::{Fault, Provider};

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Accepted, delivery report not produced yet.
    Queued,
    /// Delivered (the report is available).
    Delivered,
    /// Not delivered (a recipient ending in `666`).
    Failed,
}

/// One thing that happened to a message: received, delivered or failed (its delivery
/// report), a callback or webhook delivery, a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// When (Unix milliseconds).
    pub at_ms: u64,
    /// `received`, `delivered`, `failed`, `callback` or `reply`.
    pub event: &'static str,
    /// The callback's URL, for a callback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The callback's HTTP status, when it was answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// What was sent (a callback's body, a reply's text) or went wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl TimelineEntry {
    pub(crate) fn now(event: &'static str) -> Self {
        Self {
            at_ms: now_ms(),
            event,
            url: None,
            http_status: None,
            detail: None,
        }
    }
}

/// A message the sandbox received.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// Sandbox id, unique across providers.
    pub id: u64,
    /// Which gateway received it.
    pub provider: Provider,
    /// The sender as given (sender id, `TPOA`, `expediteur`, `origine`…), if any.
    pub sender: Option<String>,
    /// The recipient, as international digits without `+`.
    pub recipient: String,
    /// The decoded text, as the recipient would read it.
    pub text: String,
    /// `gsm7` or `ucs2`.
    pub encoding: &'static str,
    /// Segments the text takes.
    pub segments: usize,
    /// Delivery status.
    pub status: Status,
    /// When the sandbox received it (Unix milliseconds).
    pub received_at_ms: u64,
    /// When the delivery report was produced (Unix milliseconds).
    pub delivered_at_ms: Option<u64>,
    /// The ids the provider gave it (`msgId`, `smsId`, `campaignId`, `msgfid`, `smsfid`…).
    pub ids: BTreeMap<String, String>,
    /// Extra details as the provider named them (campaign, flash, deferred date…).
    pub details: BTreeMap<String, String>,
    /// What happened to it, in order.
    pub timeline: Vec<TimelineEntry>,
    /// Whether a read-once report (SMSECO) was already returned.
    #[serde(skip)]
    pub(crate) report_read: bool,
}

impl Message {
    /// An id by its provider name.
    pub fn id_of(&self, name: &str) -> Option<&str> {
        self.ids.get(name).map(String::as_str)
    }
}

/// A reply (MO) injected by a test, as the provider would report it.
#[derive(Debug, Clone, Serialize)]
pub struct Reply {
    /// Sandbox id.
    pub id: u64,
    /// Which gateway.
    pub provider: Provider,
    /// Who replied (international digits).
    pub from: String,
    /// The text.
    pub text: String,
    /// The message replied to (its sandbox id), if any.
    pub in_reply_to: Option<u64>,
    /// When (Unix milliseconds).
    pub received_at_ms: u64,
}

/// A sub-account (AllMySMS).
#[derive(Debug, Clone, Default)]
pub(crate) struct SubAccount {
    pub(crate) fields: BTreeMap<String, String>,
    pub(crate) credits: i64,
}

/// A contact list (AllMySMS).
#[derive(Debug, Clone, Default)]
pub(crate) struct ContactList {
    pub(crate) locked: bool,
    pub(crate) contacts: Vec<BTreeMap<String, String>>,
    pub(crate) created: String,
}

/// The demo accounts, one per gateway. See [`SandboxBuilder`](crate::SandboxBuilder) to
/// change them.
#[derive(Debug, Clone)]
pub struct Accounts {
    /// LMT push API v1: `api_key`.
    pub lmt_api_key: String,
    /// LMT push API v1: `password`.
    pub lmt_password: String,
    /// LMT pushes platform: `X-Api-Key`.
    pub lmt_pushes_key: String,
    /// LMT pushes platform: `X-Secret`.
    pub lmt_pushes_secret: String,
    /// LMT credits (one per segment and recipient).
    pub lmt_credits: i64,
    /// AllMySMS `login`.
    pub allmysms_login: String,
    /// AllMySMS `apiKey`.
    pub allmysms_api_key: String,
    /// AllMySMS v9 credits (15 per segment and recipient).
    pub allmysms_credits: i64,
    /// AllMySMS REST balance in euro cents (5 cents per segment and recipient).
    pub allmysms_euro_cents: i64,
    /// The URL AllMySMS-style webhooks are posted to (configured in the customer area
    /// on the real service).
    pub allmysms_webhook_url: Option<String>,
    /// smsadvert API token.
    pub smsadvert_token: String,
    /// SMSECO `login`.
    pub smseco_login: String,
    /// SMSECO `password`.
    pub smseco_password: String,
    /// SMSECO registered sender names.
    pub smseco_senders: Vec<String>,
    /// SMSECO credits (one per segment and recipient; an HLR costs one too).
    pub smseco_credits: i64,
    /// Connect-Mobile `login`.
    pub connect_mobile_login: String,
    /// Connect-Mobile API password (`apipasse`).
    pub connect_mobile_api_password: String,
    /// Connect-Mobile SMS left (one per recipient).
    pub connect_mobile_sms: i64,
}

impl Default for Accounts {
    fn default() -> Self {
        Self {
            lmt_api_key: "demo-api-key".into(),
            lmt_password: "demo-password".into(),
            lmt_pushes_key: "demo-api-key".into(),
            lmt_pushes_secret: "demo-secret".into(),
            lmt_credits: 1000,
            allmysms_login: "demo".into(),
            allmysms_api_key: "demo-api-key".into(),
            allmysms_credits: 15_000,
            allmysms_euro_cents: 5_000,
            allmysms_webhook_url: None,
            smsadvert_token: "demo-token".into(),
            smseco_login: "demo@smseco.com".into(),
            smseco_password: "demo".into(),
            smseco_senders: vec!["DEMO".into(), "TEST".into()],
            smseco_credits: 1000,
            connect_mobile_login: "demo".into(),
            connect_mobile_api_password: "demo".into(),
            connect_mobile_sms: 1000,
        }
    }
}

impl Inner {
    /// The message with this id, if still kept. Ids grow with arrival and messages are
    /// kept in arrival order: a binary search.
    pub(crate) fn message(&self, id: u64) -> Option<&Message> {
        let at = self.messages.binary_search_by_key(&id, |m| m.id).ok()?;
        self.messages.get(at)
    }

    /// [`Inner::message`], mutable.
    pub(crate) fn message_mut(&mut self, id: u64) -> Option<&mut Message> {
        let at = self.messages.binary_search_by_key(&id, |m| m.id).ok()?;
        self.messages.get_mut(at)
    }
}

/// The timeline name of a status.
pub(crate) fn status_event(status: Status) -> &'static str {
    match status {
        Status::Queued => "received",
        Status::Delivered => "delivered",
        Status::Failed => "failed",
    }
}

/// Everything, behind one lock.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) accounts: Accounts,
    /// Oldest first; at most `max_messages` (the oldest are dropped and counted).
    pub(crate) messages: std::collections::VecDeque<Message>,
    pub(crate) max_messages: usize,
    pub(crate) dropped_messages: u64,
    pub(crate) replies: Vec<Reply>,
    pub(crate) faults: BTreeMap<Provider, Fault>,
    pub(crate) next_id: u64,
    pub(crate) rng: u64,
    // AllMySMS extras.
    pub(crate) sub_accounts: BTreeMap<String, SubAccount>,
    pub(crate) lists: BTreeMap<String, ContactList>,
    pub(crate) blacklist: Vec<(String, String, String)>,
    pub(crate) deleted_campaigns: Vec<String>,
}

/// Shared state and settings.
#[derive(Debug, Clone)]
pub(crate) struct Shared {
    pub(crate) inner: Arc<Mutex<Inner>>,
    pub(crate) dlr_delay: Duration,
    pub(crate) http: reqwest::Client,
    /// Live events for the inbox (`/_sandbox/api/events`): JSON documents.
    pub(crate) events: tokio::sync::broadcast::Sender<String>,
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) of a Unix-millisecond time.
pub(crate) fn datetime_of(ms: u64) -> String {
    DateTime::from_system_time_utc(UNIX_EPOCH + Duration::from_millis(ms))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

impl Shared {
    pub(crate) fn new(
        accounts: Accounts,
        dlr_delay: Duration,
        seed: u64,
        max_messages: usize,
    ) -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                accounts,
                messages: std::collections::VecDeque::new(),
                max_messages,
                dropped_messages: 0,
                replies: Vec::new(),
                faults: BTreeMap::new(),
                next_id: 1,
                rng: seed.max(1),
                sub_accounts: BTreeMap::new(),
                lists: BTreeMap::new(),
                blacklist: vec![(
                    "33600000000".into(),
                    "stop".into(),
                    "2024-01-01 00:00:00".into(),
                )],
                deleted_campaigns: Vec::new(),
            })),
            dlr_delay,
            events: tokio::sync::broadcast::channel(1024).0,
            // Callbacks and webhooks go where the account says, never where a redirect
            // points; and never hang a delivery task forever.
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        }
    }

    /// Tells the inbox's live view that something changed (nobody listening is fine).
    pub(crate) fn publish(&self, event: &str, id: u64) {
        // Nobody watching the inbox: nothing to write (a campaign of 100,000 recipients
        // spent a fifth of the sandbox's time writing events no one read).
        if self.events.receiver_count() == 0 {
            return;
        }
        let _ = self
            .events
            .send(serde_json::json!({"event": event, "id": id}).to_string());
    }

    /// Adds an entry to a message's timeline and tells the live view.
    pub(crate) fn note(&self, id: u64, entry: TimelineEntry) {
        let event = entry.event;
        if let Some(m) = self.lock().message_mut(id) {
            m.timeline.push(entry);
        }
        self.publish(event, id);
    }

    /// Marks a message delivered or failed now (a tester's choice), and calls its
    /// callbacks as a delivery report would. `None` when no such message is kept.
    pub(crate) fn set_status(&self, id: u64, status: Status) -> Option<Message> {
        let (message, webhook, callback) = {
            let mut inner = self.lock();
            let webhook = inner.accounts.allmysms_webhook_url.clone();
            let m = inner.message_mut(id)?;
            let callback = m.details.get("callback").cloned();
            m.status = status;
            m.delivered_at_ms = Some(now_ms());
            m.timeline.push(TimelineEntry::now(status_event(status)));
            (m.clone(), webhook, callback)
        };
        self.publish(status_event(status), id);
        let shared = self.clone();
        let called = message.clone();
        tokio::spawn(async move {
            crate::providers::fire_callbacks(&shared, &called, webhook, callback).await;
        });
        Some(message)
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock must not take the whole sandbox down.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records a message and schedules its delivery report; returns its sandbox id.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn record(
        &self,
        provider: Provider,
        sender: Option<&str>,
        recipient: &str,
        text: &str,
        ids: BTreeMap<String, String>,
        details: BTreeMap<String, String>,
        callback: Option<String>,
    ) -> u64 {
        let ids = self.record_all(
            provider,
            sender,
            text,
            std::iter::once((recipient, ids, details)),
            callback,
        );
        ids.first().copied().unwrap_or_default()
    }

    /// Records one message per recipient of one request (with its ids and details)
    /// under one lock, and schedules the delivery reports; returns the sandbox ids.
    pub(crate) fn record_all<'a>(
        &self,
        provider: Provider,
        sender: Option<&str>,
        text: &str,
        recipients: impl Iterator<Item = (&'a str, BTreeMap<String, String>, BTreeMap<String, String>)>,
        callback: Option<String>,
    ) -> Vec<u64> {
        let analysis = sms_primitives::analyze(text);
        let encoding = match analysis.encoding() {
            sms_primitives::Encoding::Gsm7 => "gsm7",
            sms_primitives::Encoding::Ucs2 => "ucs2",
        };
        let now = now_ms();
        let mut scheduled = Vec::new();
        let mut recorded = Vec::new();
        let mut inner = self.lock();
        // Without a delay nor anything to call back, the report is there at once.
        let calls = match provider {
            Provider::Smsadvert => callback.is_some(),
            Provider::Allmysms => inner.accounts.allmysms_webhook_url.is_some(),
            _ => false,
        };
        for (recipient, ids, mut details) in recipients {
            // Kept, so that a status set by hand calls it back too.
            if let Some(url) = &callback {
                details.insert("callback".into(), url.clone());
            }
            // A scheduled send (smsadvert's `startDate`, Unix milliseconds) is not
            // delivered, nor called back, before its time.
            let not_before_ms = details.get("startDate").and_then(|d| d.parse::<u64>().ok());
            let id = inner.next_id;
            inner.next_id += 1;
            // Bounded memory for a sandbox kept open all day: drop the oldest.
            while inner.messages.len() >= inner.max_messages.max(1) {
                inner.messages.pop_front();
                inner.dropped_messages += 1;
            }
            let at_once = self.dlr_delay.is_zero() && not_before_ms.is_none() && !calls;
            let status = match (at_once, recipient.ends_with("666")) {
                (false, _) => Status::Queued,
                (true, true) => Status::Failed,
                (true, false) => Status::Delivered,
            };
            inner.messages.push_back(Message {
                id,
                provider,
                sender: sender.map(str::to_owned),
                recipient: recipient.to_owned(),
                text: text.to_owned(),
                encoding,
                segments: analysis.segments(),
                status,
                received_at_ms: now,
                delivered_at_ms: at_once.then_some(now),
                ids,
                details,
                timeline: {
                    let received = TimelineEntry {
                        at_ms: now,
                        ..TimelineEntry::now("received")
                    };
                    if at_once {
                        let report = TimelineEntry {
                            at_ms: now,
                            ..TimelineEntry::now(status_event(status))
                        };
                        vec![received, report]
                    } else {
                        vec![received]
                    }
                },
                report_read: false,
            });
            recorded.push(id);
            if !at_once {
                let wait = not_before_ms
                    .map(|at| Duration::from_millis(at.saturating_sub(now)))
                    .unwrap_or_default();
                scheduled.push((id, wait));
            }
        }
        drop(inner);
        for id in &recorded {
            self.publish("received", *id);
        }
        for (id, wait) in scheduled {
            self.schedule_delivery(id, callback.clone(), wait);
        }
        recorded
    }

    /// After the configured delay (and `wait`, for a scheduled send), marks the message
    /// delivered (or failed, for a recipient ending in `666`) and calls the callbacks.
    fn schedule_delivery(&self, id: u64, callback: Option<String>, wait: Duration) {
        let shared = self.clone();
        let deliver = move || {
            let (status, called) = {
                let mut inner = shared.lock();
                let webhook = inner.accounts.allmysms_webhook_url.clone();
                let m = inner.message_mut(id)?;
                // Marked already (by a tester): that report stands.
                if m.status != Status::Queued {
                    return None;
                }
                m.status = if m.recipient.ends_with("666") {
                    Status::Failed
                } else {
                    Status::Delivered
                };
                m.delivered_at_ms = Some(now_ms());
                m.timeline.push(TimelineEntry::now(status_event(m.status)));
                // Nothing to call back (the usual case): no copy, no task.
                let calls = match m.provider {
                    Provider::Smsadvert => callback.is_some(),
                    Provider::Allmysms => webhook.is_some(),
                    _ => false,
                };
                (m.status, calls.then(|| (m.clone(), webhook)))
            };
            shared.publish(status_event(status), id);
            let (message, webhook) = called?;
            Some((shared.clone(), message, webhook, callback))
        };
        let delay = self.dlr_delay + wait;
        if delay.is_zero() {
            // No delay: the report is there before the send is answered.
            if let Some((shared, message, webhook, callback)) = deliver() {
                tokio::spawn(async move {
                    crate::providers::fire_callbacks(&shared, &message, webhook, callback).await;
                });
            }
            return;
        }
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if let Some((shared, message, webhook, callback)) = deliver() {
                crate::providers::fire_callbacks(&shared, &message, webhook, callback).await;
            }
        });
    }

    /// Takes `cost` units from a balance when there is enough.
    pub(crate) fn charge(balance: &mut i64, cost: i64) -> bool {
        if *balance >= cost {
            *balance -= cost;
            true
        } else {
            false
        }
    }

    /// A pseudo-random number in [0, 1) from a seeded xorshift, for reproducible fault
    /// rates.
    pub(crate) fn random(&self) -> f64 {
        let mut inner = self.lock();
        let mut x = inner.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        inner.rng = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn fault(&self, provider: Provider) -> Fault {
        self.lock()
            .faults
            .get(&provider)
            .cloned()
            .unwrap_or_default()
    }
}
