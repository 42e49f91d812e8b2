#![doc = include_str!("lib.md")]

mod providers;
mod server;
mod state;
mod xml;

use std::net::SocketAddr;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;

pub use state::{Accounts, Message, Reply, Status, TimelineEntry};

/// The five gateways the sandbox speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    /// LMT Group BulkSMS: `/bulksms/api/v1/push` and `/api/v1/pushes`.
    LmtBulksms,
    /// AllMySMS: `/http/9.0/…` and the REST paths (`/sms/send/`…).
    Allmysms,
    /// smsadvert: `/api/sms/`.
    Smsadvert,
    /// SMSECO: `/api/{xml,json}/…` and `/XML/XMLdatas.php`.
    Smseco,
    /// Connect-Mobile: `/client/api/`.
    ConnectMobile,
}

impl Provider {
    /// Every provider.
    pub const ALL: [Self; 5] = [
        Self::LmtBulksms,
        Self::Allmysms,
        Self::Smsadvert,
        Self::Smseco,
        Self::ConnectMobile,
    ];

    /// The name used in the inspection API and the inbox (`lmt-bulksms`, `allmysms`…).
    ///
    /// ```
    /// assert_eq!(sms_sandbox::Provider::ConnectMobile.as_str(), "connect-mobile");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::LmtBulksms => "lmt-bulksms",
            Self::Allmysms => "allmysms",
            Self::Smsadvert => "smsadvert",
            Self::Smseco => "smseco",
            Self::ConnectMobile => "connect-mobile",
        }
    }

    /// The provider serving a request path, if any.
    pub(crate) fn of_path(path: &str) -> Option<Self> {
        const ALLMYSMS_REST: [&str; 6] = [
            "/sms/", "/account", "/ping", "/report/", "/voice/", "/http/",
        ];
        if path.starts_with("/bulksms/") || path.starts_with("/api/v1/pushes") {
            Some(Self::LmtBulksms)
        } else if path.starts_with("/api/sms") {
            Some(Self::Smsadvert)
        } else if path.starts_with("/api/xml/")
            || path.starts_with("/api/json/")
            || path.starts_with("/XML/")
        {
            Some(Self::Smseco)
        } else if path.starts_with("/client/api") {
            Some(Self::ConnectMobile)
        } else if ALLMYSMS_REST.iter().any(|p| path.starts_with(p)) {
            Some(Self::Allmysms)
        } else {
            None
        }
    }
}

impl std::str::FromStr for Provider {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("unknown provider {s:?}"))
    }
}

/// Faults injected into one provider's answers, to test error handling and retry
/// safety.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fault {
    /// Added before answering.
    pub latency: Duration,
    /// Share of requests (0.0 to 1.0) answered with HTTP 503 before being processed.
    pub http_5xx_rate: f64,
    /// Read and process the request, then close the connection without an answer: the
    /// client cannot know whether the message went out.
    pub close_after_read: bool,
}

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The address could not be bound.
    #[error("cannot bind the sandbox: {0}")]
    Bind(#[from] std::io::Error),
}

/// Messages kept unless configured ([`SandboxBuilder::max_messages`]).
pub const DEFAULT_MAX_MESSAGES: usize = 10_000;
/// Time to send a request's headers unless configured
/// ([`SandboxBuilder::header_read_timeout`]).
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Configures and starts a [`Sandbox`].
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    host: String,
    port: u16,
    max_messages: usize,
    header_read_timeout: Duration,
    accounts: Accounts,
    dlr_delay: Duration,
    seed: u64,
    latency: Duration,
    faults: Vec<(Provider, Fault)>,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 0,
            max_messages: DEFAULT_MAX_MESSAGES,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            accounts: Accounts::default(),
            dlr_delay: Duration::ZERO,
            seed: 0x5EED,
            latency: Duration::ZERO,
            faults: Vec::new(),
        }
    }
}

impl SandboxBuilder {
    /// The address to listen on (default `127.0.0.1`). The control API and the inbox
    /// answer only requests whose `Host` is a loopback name or this host (against DNS
    /// rebinding).
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = host.into();
        self
    }

    /// Most messages kept (default 10,000): past it the oldest are dropped and counted
    /// ([`Sandbox::dropped_messages`]), so that a sandbox kept open all day stays small.
    pub fn max_messages(mut self, max: usize) -> Self {
        self.max_messages = max;
        self
    }

    /// How long a client may take to send a request's headers (default 10 s) before the
    /// connection is closed: a client that never finishes cannot hold it open.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// The port on the host (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The demo accounts (credentials, balances, senders, webhook URL).
    pub fn accounts(mut self, accounts: Accounts) -> Self {
        self.accounts = accounts;
        self
    }

    /// How long after a send its delivery report becomes available (default: at once).
    pub fn dlr_delay(mut self, delay: Duration) -> Self {
        self.dlr_delay = delay;
        self
    }

    /// Latency added to every provider's answers (a provider's own [`fault`](Self::fault)
    /// takes precedence).
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// A fault for one provider.
    pub fn fault(mut self, provider: Provider, fault: Fault) -> Self {
        self.faults.push((provider, fault));
        self
    }

    /// The seed of the fault-rate random numbers (for reproducible runs).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Starts the sandbox on a background task of the current tokio runtime.
    ///
    /// # Errors
    ///
    /// [`Error::Bind`] if the port cannot be bound.
    pub async fn start(self) -> Result<Sandbox, Error> {
        let shared =
            state::Shared::new(self.accounts, self.dlr_delay, self.seed, self.max_messages);
        {
            let mut inner = shared.lock();
            if !self.latency.is_zero() {
                for provider in Provider::ALL {
                    let fault = Fault {
                        latency: self.latency,
                        ..Fault::default()
                    };
                    inner.faults.insert(provider, fault);
                }
            }
            for (provider, fault) in self.faults {
                inner.faults.insert(provider, fault);
            }
        }
        let listener = tokio::net::TcpListener::bind((self.host.as_str(), self.port)).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = server::router(shared.clone(), self.host);
        tokio::spawn(server::serve(
            listener,
            app,
            self.header_read_timeout,
            stopped,
        ));
        Ok(Sandbox {
            addr,
            shared,
            stop: Some(stop),
        })
    }
}

/// A running sandbox. It stops when dropped.
///
/// # Examples
///
/// ```no_run
/// # async fn run() -> Result<(), sms_sandbox::Error> {
/// let sandbox = sms_sandbox::Sandbox::start().await?;
/// println!("point your client at {}", sandbox.base_url());
/// // … send through any of the five clients …
/// for message in sandbox.messages() {
///     println!("{}: {} -> {}", message.provider.as_str(), message.text, message.recipient);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    shared: state::Shared,
    stop: Option<oneshot::Sender<()>>,
}

impl Sandbox {
    /// Starts a sandbox on a free port with the demo accounts.
    ///
    /// # Errors
    ///
    /// [`Error::Bind`] if no port can be bound.
    pub async fn start() -> Result<Self, Error> {
        Self::builder().start().await
    }

    /// A builder for the port, accounts, delay and faults.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// `http://127.0.0.1:<port>`: the base URL for every client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The demo accounts as they stand (balances included).
    pub fn accounts(&self) -> Accounts {
        self.shared.lock().accounts.clone()
    }

    /// Every message received, oldest first.
    pub fn messages(&self) -> Vec<Message> {
        self.shared.lock().messages.iter().cloned().collect()
    }

    /// How many messages were dropped (oldest first) to keep at most
    /// [`SandboxBuilder::max_messages`].
    pub fn dropped_messages(&self) -> u64 {
        self.shared.lock().dropped_messages
    }

    /// The messages one provider received, oldest first.
    pub fn messages_of(&self, provider: Provider) -> Vec<Message> {
        self.messages()
            .into_iter()
            .filter(|m| m.provider == provider)
            .collect()
    }

    /// Forgets every message and reply.
    pub fn clear(&self) {
        let mut inner = self.shared.lock();
        inner.messages.clear();
        inner.replies.clear();
    }

    /// Injects a reply (MO) from `from` to a provider, in answer to the message with
    /// sandbox id `in_reply_to` if given. AllMySMS replies are also pushed to the
    /// configured webhook.
    pub async fn inject_reply(
        &self,
        provider: Provider,
        from: &str,
        text: &str,
        in_reply_to: Option<u64>,
    ) -> Reply {
        let reply = providers::add_reply(&self.shared, provider, from, text, in_reply_to);
        providers::fire_reply_webhook(&self.shared, &reply).await;
        reply
    }

    /// Sets a provider's balance, in its unit (credits, SMS; euro cents for the AllMySMS
    /// REST balance is set with [`Accounts::allmysms_euro_cents`]).
    pub fn set_balance(&self, provider: Provider, amount: i64) {
        let mut inner = self.shared.lock();
        let a = &mut inner.accounts;
        match provider {
            Provider::LmtBulksms => a.lmt_credits = amount,
            Provider::Allmysms => a.allmysms_credits = amount,
            Provider::Smseco => a.smseco_credits = amount,
            Provider::ConnectMobile => a.connect_mobile_sms = amount,
            Provider::Smsadvert => {}
        }
    }

    /// Marks a message delivered or failed now, as the inbox's buttons do: its delivery
    /// report says so and its callbacks are called. `None` when no such message is kept.
    pub fn set_status(&self, id: u64, status: Status) -> Option<Message> {
        self.shared.set_status(id, status)
    }

    /// Sets (or, with the default, removes) a provider's fault.
    pub fn set_fault(&self, provider: Provider, fault: Fault) {
        self.shared.lock().faults.insert(provider, fault);
    }

    /// Stops the server (dropping the sandbox does the same).
    pub fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
