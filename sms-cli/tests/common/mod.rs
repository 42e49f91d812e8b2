//! What the `sms` tests share: the demo credentials and running the built binary.
#![allow(dead_code, clippy::unwrap_used)]

use std::process::{Command, Output};

/// The sandbox's demo credentials, for every provider.
pub(crate) const CREDENTIALS: [(&str, &str); 12] = [
    ("LMT_PUSHES_API_KEY", "demo-api-key"),
    ("LMT_PUSHES_SECRET", "demo-secret"),
    ("ALLMYSMS_SUB_ACCOUNT_PASSWORD", "Sub-Pass-123"),
    ("LMT_BULKSMS_API_KEY", "demo-api-key"),
    ("LMT_BULKSMS_PASSWORD", "demo-password"),
    ("ALLMYSMS_LOGIN", "demo"),
    ("ALLMYSMS_API_KEY", "demo-api-key"),
    ("SMSADVERT_TOKEN", "demo-token"),
    ("SMSECO_LOGIN", "demo@smseco.com"),
    ("SMSECO_PASSWORD", "demo"),
    ("CONNECT_MOBILE_LOGIN", "demo"),
    ("CONNECT_MOBILE_API_PASSWORD", "demo"),
];

/// Runs `sms` with the demo credentials (and `extra_env`), off the async runtime.
pub(crate) async fn sms(args: &[&str], extra_env: &[(&str, &str)]) -> Output {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let extra: Vec<(String, String)> = extra_env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    tokio::task::spawn_blocking(move || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sms"));
        cmd.args(&args);
        for (k, _) in CREDENTIALS.iter().chain(
            [
                ("LMT_BULKSMS_BASE_URL", ""),
                ("ALLMYSMS_BASE_URL", ""),
                ("SMSADVERT_BASE_URL", ""),
                ("SMSECO_BASE_URL", ""),
                ("CONNECT_MOBILE_BASE_URL", ""),
            ]
            .iter(),
        ) {
            cmd.env_remove(k);
        }
        for (k, v) in CREDENTIALS {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        cmd.output().unwrap()
    })
    .await
    .unwrap()
}

/// Runs `sms args --base-url base`; returns (exit status, stdout JSON, stderr). A
/// stdout that is not JSON fails the test, with what was printed.
pub(crate) async fn sms_json(base: &str, args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut argv = args.to_vec();
    argv.extend(["--base-url", base]);
    let out = sms(&argv, &[]).await;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}\n{stderr}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.code().unwrap_or(-1), doc, stderr)
}
