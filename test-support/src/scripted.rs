//! A scripted gateway for bulk tests: each request gets the answer a closure picks
//! from its number and body (a status and body, a cut connection after reading it, or
//! no answer at all), after an optional delay; the server records every request body
//! and the most requests it had in flight at once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request (it has read it whole, so it counts as
/// received: the gateway processed it).
#[derive(Debug, Clone)]
pub enum Reply {
    /// This status and body.
    Respond(u16, Vec<u8>),
    /// Close the connection without answering.
    Cut,
    /// Never answer (the client times out).
    Hang,
}

type Script = dyn Fn(usize, &[u8]) -> Reply + Send + Sync;

/// A running scripted server.
pub struct ScriptedServer {
    url: String,
    bodies: Arc<Mutex<Vec<Vec<u8>>>>,
    max_in_flight: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ScriptedServer {
    /// Starts the server: `script(n, body)` answers the `n`th request (from 0), after
    /// `delay`.
    pub async fn start(
        delay: Duration,
        script: impl Fn(usize, &[u8]) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let bodies: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let script: Arc<Script> = Arc::new(script);
        let (b, m) = (Arc::clone(&bodies), Arc::clone(&max_in_flight));
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (b, m, f, s) = (
                    Arc::clone(&b),
                    Arc::clone(&m),
                    Arc::clone(&in_flight),
                    Arc::clone(&script),
                );
                tokio::spawn(async move {
                    let _ = serve(stream, delay, b, m, f, s).await;
                });
            }
        });
        Self {
            url,
            bodies,
            max_in_flight,
            task,
        }
    }

    /// The base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bodies of the requests received so far, in arrival order.
    pub fn bodies(&self) -> Vec<Vec<u8>> {
        self.bodies.lock().unwrap().clone()
    }

    /// How many requests were received.
    pub fn requests(&self) -> usize {
        self.bodies.lock().unwrap().len()
    }

    /// The most requests the server held at once.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

async fn serve(
    mut stream: TcpStream,
    delay: Duration,
    bodies: Arc<Mutex<Vec<Vec<u8>>>>,
    max_in_flight: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    script: Arc<Script>,
) -> std::io::Result<()> {
    // One request per connection (`connection: close`).
    let request = crate::hostile::read_request(&mut stream).await?;
    if request.is_empty() {
        return Ok(());
    }
    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    max_in_flight.fetch_max(now, Ordering::SeqCst);
    let body = request
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or_else(Vec::new, |end| request[end + 4..].to_vec());
    let n = {
        let mut all = bodies.lock().unwrap();
        all.push(body.clone());
        all.len() - 1
    };
    let reply = script(n, &body);
    tokio::time::sleep(delay).await;
    // Done before answering: the client cannot start its next request sooner.
    if !matches!(reply, Reply::Hang) {
        in_flight.fetch_sub(1, Ordering::SeqCst);
    }
    match reply {
        Reply::Respond(status, answer) => {
            let head = format!(
                "HTTP/1.1 {status} Scripted\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                answer.len()
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&answer).await?;
            stream.shutdown().await
        }
        Reply::Cut => Ok(()),
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(())
        }
    }
}
