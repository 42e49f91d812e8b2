//! A hostile gateway: a raw TCP server that answers every request the same bad way
//! (redirects, echo pages, deep nesting, huge or dripping bodies, garbage, cut
//! connections) and counts what reached it, for the clients' fault tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers every request.
#[derive(Debug, Clone)]
pub enum Behavior {
    /// This status, extra headers and body.
    Respond {
        /// HTTP status.
        status: u16,
        /// Extra headers.
        headers: Vec<(String, String)>,
        /// Body.
        body: Vec<u8>,
    },
    /// A redirect to another path of the same server (`Location`), with a small body.
    Redirect(u16),
    /// This status, and a body that echoes the whole request: as received, then
    /// percent-decoded (`+` as space), then with any Basic credentials decoded.
    Echo(u16),
    /// 200 and a body of `size` bytes, streamed, with or without `Content-Length`.
    Huge {
        /// Bytes the server tries to send.
        size: usize,
        /// Whether to announce the size.
        content_length: bool,
    },
    /// 200 with a `Content-Length` of 1,000, then one byte every `interval`.
    Drip(Duration),
    /// Read the request, then close the connection without answering.
    Cut,
}

/// A running hostile server.
pub struct HostileServer {
    url: String,
    requests: Arc<AtomicUsize>,
    written: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl HostileServer {
    /// Starts the server on a free local port.
    pub async fn start(behavior: Behavior) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let written = Arc::new(AtomicUsize::new(0));
        let (r, w) = (Arc::clone(&requests), Arc::clone(&written));
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (r, w, b) = (Arc::clone(&r), Arc::clone(&w), behavior.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, b, r, w).await;
                });
            }
        });
        Self {
            url,
            requests,
            written,
            task,
        }
    }

    /// The base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many requests reached the server.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// How many body bytes the server managed to write.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::SeqCst)
    }
}

/// Reads one request (headers, then a `Content-Length` body; at most 8 MiB).
pub(crate) async fn read_request(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0_u8; 8192];
    loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(buf);
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len && buf.len() < 8 << 20 {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Ok(buf);
        }
    }
}

/// Percent-decodes (`+` as space), byte for byte.
fn percent_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < input.len() => {
                match std::str::from_utf8(&input[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// The decoded `user:password` of a Basic `Authorization` header, if any.
fn basic_decoded(request: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    let text = String::from_utf8_lossy(request);
    text.lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("authorization")
                .then(|| value.trim().strip_prefix("Basic ").map(str::to_owned))
                .flatten()
        })
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .unwrap_or_default()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        500 => "Internal Server Error",
        _ => "Whatever",
    }
}

async fn write_all(
    stream: &mut TcpStream,
    bytes: &[u8],
    written: &AtomicUsize,
) -> std::io::Result<()> {
    stream.write_all(bytes).await?;
    written.fetch_add(bytes.len(), Ordering::SeqCst);
    Ok(())
}

async fn serve(
    mut stream: TcpStream,
    behavior: Behavior,
    requests: Arc<AtomicUsize>,
    written: Arc<AtomicUsize>,
) -> std::io::Result<()> {
    let request = read_request(&mut stream).await?;
    if request.is_empty() {
        return Ok(());
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let head = |status: u16, extra: &str, len: Option<usize>| {
        let len = len
            .map(|l| format!("content-length: {l}\r\n"))
            .unwrap_or_default();
        format!(
            "HTTP/1.1 {status} {}\r\nconnection: close\r\n{extra}{len}\r\n",
            reason(status)
        )
    };
    match behavior {
        Behavior::Respond {
            status,
            headers,
            body,
        } => {
            let extra: String = headers
                .iter()
                .map(|(k, v)| format!("{k}: {v}\r\n"))
                .collect();
            stream
                .write_all(head(status, &extra, Some(body.len())).as_bytes())
                .await?;
            write_all(&mut stream, &body, &written).await?;
        }
        Behavior::Redirect(status) => {
            let body = b"<html>moved</html>";
            let extra = "location: /elsewhere/\r\ncontent-type: text/html\r\n";
            stream
                .write_all(head(status, extra, Some(body.len())).as_bytes())
                .await?;
            write_all(&mut stream, body, &written).await?;
        }
        Behavior::Echo(status) => {
            let mut body = b"<html><pre>You sent:\n".to_vec();
            body.extend_from_slice(&request);
            body.extend_from_slice(b"\nDecoded:\n");
            body.extend_from_slice(&percent_decode(&request));
            body.extend_from_slice(b"\nAuth:\n");
            body.extend_from_slice(&basic_decoded(&request));
            body.extend_from_slice(b"</pre></html>");
            stream
                .write_all(head(status, "", Some(body.len())).as_bytes())
                .await?;
            write_all(&mut stream, &body, &written).await?;
        }
        Behavior::Huge {
            size,
            content_length,
        } => {
            stream
                .write_all(head(200, "", content_length.then_some(size)).as_bytes())
                .await?;
            let chunk = vec![b'['; 64 * 1024];
            let mut left = size;
            while left > 0 {
                let n = left.min(chunk.len());
                write_all(&mut stream, &chunk[..n], &written).await?;
                left -= n;
            }
        }
        Behavior::Drip(interval) => {
            stream
                .write_all(head(200, "", Some(1000)).as_bytes())
                .await?;
            for _ in 0..1000 {
                write_all(&mut stream, b"{", &written).await?;
                tokio::time::sleep(interval).await;
            }
        }
        Behavior::Cut => {}
    }
    stream.shutdown().await
}

/// A body nested `depth` levels deep: XML elements.
pub fn deep_xml(depth: usize) -> Vec<u8> {
    let mut s = "<REPONSE>".repeat(depth);
    s.push_str(&"</REPONSE>".repeat(depth));
    s.into_bytes()
}

/// A body nested `depth` levels deep: JSON arrays inside an object.
pub fn deep_json(depth: usize) -> Vec<u8> {
    let mut s = String::from("{\"status\":");
    s.push_str(&"[".repeat(depth));
    s.push_str(&"]".repeat(depth));
    s.push('}');
    s.into_bytes()
}
