//! The sandbox's inbox in a real browser (headless Chromium from the distribution's
//! packages, driven over the Chrome DevTools Protocol): a message sent through a client
//! appears without reloading, its detail opens, marking it failed is what the client
//! then reads, and a reply typed on the page is what the client then pulls. Screenshots
//! at 360 and 1440 px go to `target/sandbox-inbox-360.png` and `…-1440.png`.
//!
//! Needs `chromium-headless-shell` (or `chromium`; `SMS_CHROMIUM` names another), which
//! `.ci/run` installs and the README's `apt-get` line names.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::BufRead as _;
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use sms_sandbox::Sandbox;
use tokio_tungstenite::tungstenite::Message as Ws;

/// A headless browser, killed when dropped.
struct Browser {
    child: Child,
    _profile: std::path::PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The whole process group: the distribution's command is a script that starts
        // the browser, which starts its helpers.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// Starts the browser; returns it and its DevTools WebSocket URL.
fn launch() -> (Browser, String) {
    let binary = std::env::var("SMS_CHROMIUM").ok().or_else(|| {
        ["chromium-headless-shell", "chromium"]
            .into_iter()
            .find(|b| {
                Command::new("which")
                    .arg(b)
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .map(str::to_owned)
    });
    let binary = binary.expect(
        "no Chromium: install chromium-headless-shell (apt-get install chromium-headless-shell)",
    );
    let profile = std::env::temp_dir().join(format!("sms-browser-{}", std::process::id()));
    let mut child = Command::new(binary)
        .process_group(0)
        .args([
            "--no-sandbox",
            "--headless",
            "--hide-scrollbars",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut url = None;
    for line in stderr.lines() {
        let line = line.unwrap();
        if let Some(at) = line.find("ws://") {
            url = Some(line[at..].trim().to_owned());
            break;
        }
    }
    (
        Browser {
            child,
            _profile: profile,
        },
        url.expect("DevTools URL"),
    )
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// One page, over the browser's DevTools connection.
struct Page {
    socket: Socket,
    session: String,
    next: u64,
}

impl Page {
    async fn open(devtools: &str, url: &str) -> Self {
        let (socket, _) = tokio_tungstenite::connect_async(devtools).await.unwrap();
        let mut page = Self {
            socket,
            session: String::new(),
            next: 0,
        };
        let target = page
            .call("Target.createTarget", json!({"url": url}), false)
            .await;
        let attached = page
            .call(
                "Target.attachToTarget",
                json!({"targetId": target["targetId"], "flatten": true}),
                false,
            )
            .await;
        page.session = attached["sessionId"].as_str().unwrap().to_owned();
        page
    }

    /// Calls a DevTools method (on the page's session unless `browser`); returns its
    /// result, skipping events.
    async fn call(&mut self, method: &str, params: Value, browser: bool) -> Value {
        self.next += 1;
        let mut command = json!({"id": self.next, "method": method, "params": params});
        if !browser && !self.session.is_empty() {
            command["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Ws::text(command.to_string()))
            .await
            .unwrap();
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(20), self.socket.next())
                .await
                .expect("DevTools answer")
                .unwrap()
                .unwrap();
            let Ws::Text(text) = frame else { continue };
            let v: Value = serde_json::from_str(&text).unwrap();
            if v["id"] == json!(self.next) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Evaluates JavaScript on the page; returns its value.
    async fn eval(&mut self, expression: &str) -> Value {
        let r = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
                false,
            )
            .await;
        assert!(r.get("exceptionDetails").is_none(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    /// Waits until `expression` is true on the page (an exception, while the page
    /// loads, counts as not yet).
    async fn until(&mut self, expression: &str) {
        for _ in 0..200 {
            let r = self
                .call(
                    "Runtime.evaluate",
                    json!({"expression": expression, "returnByValue": true}),
                    false,
                )
                .await;
            if r["result"]["value"] == json!(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("never true on the page: {expression}");
    }

    /// A screenshot at `width` px (the whole page), as PNG bytes.
    async fn screenshot(&mut self, width: u32) -> Vec<u8> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
            false,
        )
        .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let shot = self
            .call(
                "Page.captureScreenshot",
                json!({"format": "png", "captureBeyondViewport": true}),
                false,
            )
            .await;
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_inbox_in_a_real_browser() {
    let sb = Sandbox::start().await.unwrap();
    let client = allmysms::Client::builder(allmysms::Credentials::new("demo", "demo-api-key"))
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let (_browser, devtools) = launch();
    let mut page = Page::open(&devtools, &format!("{}/_sandbox/", sb.base_url())).await;
    page.until("document.getElementById('live').textContent === 'live'")
        .await;
    page.eval("window.notReloaded = true").await;
    page.until("document.querySelectorAll('button.row').length === 0")
        .await;

    // Sent through a client: it appears without a reload.
    let text = "Livraison demain entre 9 h et 12 h : suivez https://example.com/suivi/un-tres-long-chemin-qui-ne-se-coupe-pas?commande=123456789&client=ABCDEFGHIJ";
    let sent = client
        .send_sms(&allmysms::SendSms::new(text).to("0612345678"))
        .await
        .unwrap();
    page.until("document.querySelectorAll('button.row').length === 1")
        .await;
    assert_eq!(
        page.eval("window.notReloaded === true").await,
        json!(true),
        "no reload"
    );

    // Its detail: the full text and its segments.
    page.eval("document.querySelector('button.row').focus(); document.querySelector('button.row').click()").await;
    page.until(&format!(
        "document.getElementById('detail-text')?.textContent === {}",
        json!(text)
    ))
    .await;
    assert_eq!(
        page.eval("document.querySelectorAll('ol.parts li').length")
            .await,
        json!(1)
    );

    // Marked failed on the page: the client reads that report.
    page.eval("document.getElementById('mark-failed').click()")
        .await;
    page.until("document.getElementById('detail-status')?.textContent === 'failed'")
        .await;
    let sms_id = sent.sms_ids()[0].sms_id().to_owned();
    let ack = client.get_ack_by_sms_id(&sms_id).await.unwrap();
    assert_eq!(ack.status(), allmysms::DeliveryStatus::NotDelivered);

    // A reply typed on the page: the client pulls it.
    page.eval("document.getElementById('reply-text').value = 'Merci, à demain'; document.getElementById('send-reply').click()").await;
    page.until("document.querySelectorAll('#replies li').length === 1")
        .await;
    let pulls = client.get_pull(sent.campaign_id()).await.unwrap();
    assert_eq!(pulls.len(), 1);
    assert_eq!(pulls[0].message(), "Merci, à demain");

    // Faults from the page: a latency typed for SMSECO reaches the sandbox.
    page.eval("document.getElementById('faults-pane').open = true")
        .await;
    page.until("document.querySelectorAll('#faults input').length === 15")
        .await;
    page.eval(
        "const i = document.querySelector('#faults input[aria-label=\"smseco latency in milliseconds\"]'); \
         i.value = '120'; i.dispatchEvent(new Event('change'))",
    )
    .await;
    let mut latency = 0;
    for _ in 0..100 {
        latency = sms_http::reqwest::get(format!("{}/_sandbox/api/faults", sb.base_url()))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["smseco"]["latency_ms"]
            .as_u64()
            .unwrap();
        if latency == 120 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(latency, 120);

    // Readable at both widths: long texts and URLs wrap (nothing wider than the page).
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
    std::fs::create_dir_all(&target).unwrap();
    for width in [360, 1440] {
        let png = page.screenshot(width).await;
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(target.join(format!("sandbox-inbox-{width}.png")), png).unwrap();
        let fits = page
            .eval("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            .await;
        assert_eq!(fits, json!(true), "no horizontal scrolling at {width} px");
    }
    // Keyboard: every message row and action is a focusable button.
    assert_eq!(
        page.eval("[...document.querySelectorAll('button.row, #mark-failed, #send-reply')].every(b => b.tabIndex >= 0)").await,
        json!(true)
    );
}
