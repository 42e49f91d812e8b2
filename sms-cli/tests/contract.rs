//! The JSON contract of `sms`: for every provider operation, the keys (and the JSON
//! type of each value) printed on stdout are exactly those of
//! `tests/fixtures/output-keys.json`, recorded from the tool before it printed the
//! provider crates' `serde` forms. Scripts read these keys: adding one means adding it
//! to the file; removing or renaming one breaks them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sms_sandbox::Sandbox;

mod common;

/// Every key path of a document with its JSON type: `sms_ids[].sms_id:str`.
fn paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                let kind = match v {
                    Value::Null => "NoneType",
                    Value::Bool(_) => "bool",
                    Value::Number(n) if n.is_f64() => "float",
                    Value::Number(_) => "int",
                    Value::String(_) => "str",
                    Value::Array(_) => "list",
                    Value::Object(_) => "dict",
                };
                out.insert(format!("{path}:{kind}"));
                paths(v, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

struct Run {
    sandbox: Sandbox,
    seen: BTreeMap<String, BTreeSet<String>>,
}

impl Run {
    async fn rec(&mut self, name: &str, args: &[&str]) -> Value {
        let base = self.sandbox.base_url();
        let mut argv = args.to_vec();
        argv.extend(["--base-url", base.as_str()]);
        let out = common::sms(&argv, &[]).await;
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{name}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        assert!(out.status.success(), "{name}: {doc}");
        let mut keys = BTreeSet::new();
        paths(&doc, "", &mut keys);
        self.seen.insert(name.to_owned(), keys);
        doc
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_prints_the_recorded_keys() {
    let mut r = Run {
        sandbox: Sandbox::start().await.unwrap(),
        seen: BTreeMap::new(),
    };
    let to = ["--to", "0612345678", "--text", "Hi"];
    r.rec(
        "lmt send",
        &[
            "lmt-bulksms",
            "send",
            "--to",
            "694124344",
            "--from",
            "DEMO",
            "--text",
            "Hi",
        ],
    )
    .await;
    r.rec(
        "lmt pushes",
        &[
            "lmt-bulksms",
            "pushes",
            "send",
            "--to",
            "694124344",
            "--from",
            "DEMO",
            "--text",
            "Hi",
        ],
    )
    .await;
    let d = r
        .rec("am send", &[&["allmysms", "send"][..], &to].concat())
        .await;
    let campaign = d["campaign_id"].as_str().unwrap().to_owned();
    let sms_id = d["sms_ids"][0]["sms_id"].as_str().unwrap().to_owned();
    r.rec(
        "am simulate",
        &[&["allmysms", "simulate"][..], &to].concat(),
    )
    .await;
    r.rec("am acks", &["allmysms", "acks", "--campaign", &campaign])
        .await;
    r.rec("am ack", &["allmysms", "ack", "--sms-id", &sms_id])
        .await;
    r.rec("am replies", &["allmysms", "replies"]).await;
    r.rec("am info", &["allmysms", "info"]).await;
    r.rec("am blacklist", &["allmysms", "blacklist"]).await;
    r.rec("am cost", &["allmysms", "cost", "--country", "FR"])
        .await;
    r.rec(
        "am shorten",
        &["allmysms", "shorten-url", "--url", "https://example.org/x"],
    )
    .await;
    r.rec("am stats", &["allmysms", "stats", "--campaign", &campaign])
        .await;
    r.rec("am simple", &[&["allmysms", "simple"][..], &to].concat())
        .await;
    let sub = ["--login", "shop"];
    r.rec(
        "am sub create",
        &[
            &["allmysms", "sub-accounts", "create"][..],
            &sub,
            &[
                "--first-name",
                "M",
                "--last-name",
                "D",
                "--email",
                "m@e.org",
            ],
        ]
        .concat(),
    )
    .await;
    r.rec("am sub list", &["allmysms", "sub-accounts", "list"])
        .await;
    r.rec(
        "am sub credits",
        &[
            &["allmysms", "sub-accounts", "credits"][..],
            &sub,
            &["--credits", "5"],
        ]
        .concat(),
    )
    .await;
    r.rec(
        "am sub delete",
        &[&["allmysms", "sub-accounts", "delete"][..], &sub].concat(),
    )
    .await;
    let csv = std::env::temp_dir().join(format!("sms-contract-{}.csv", std::process::id()));
    std::fs::write(&csv, "MOBILEPHONE,Firstname\n0612345678,Marc\n").unwrap();
    let csv = csv.to_str().unwrap();
    r.rec(
        "am lists create",
        &[
            "allmysms",
            "lists",
            "create",
            "--name",
            "cl",
            "--field",
            "Firstname",
        ],
    )
    .await;
    r.rec(
        "am lists populate",
        &[
            "allmysms", "lists", "populate", "--name", "cl", "--csv", csv,
        ],
    )
    .await;
    r.rec(
        "am lists contacts",
        &["allmysms", "lists", "contacts", "--name", "cl"],
    )
    .await;
    r.rec("am lists list", &["allmysms", "lists", "list"]).await;
    r.rec(
        "rest send",
        &[
            "allmysms",
            "rest",
            "send",
            "--to",
            "33612345678",
            "--text",
            "Hi",
        ],
    )
    .await;
    let d = r
        .rec(
            "rest bulk",
            &[
                "allmysms",
                "rest",
                "bulk",
                "--to",
                "33612345678,33712345678",
                "--text",
                "Hi",
            ],
        )
        .await;
    let rest_campaign = d["campaign_id"].as_str().unwrap().to_owned();
    r.rec("rest account", &["allmysms", "rest", "account"])
        .await;
    r.rec(
        "rest report",
        &["allmysms", "rest", "report", "--campaign", &rest_campaign],
    )
    .await;
    r.rec(
        "smsadvert send",
        &[
            "smsadvert",
            "send",
            "--to",
            "+40740123456",
            "--text",
            "Hello",
        ],
    )
    .await;
    let d = r
        .rec(
            "smseco send",
            &[
                "smseco",
                "send",
                "--to",
                "22507352518",
                "--from",
                "DEMO",
                "--text",
                "Hi",
            ],
        )
        .await;
    let msgfid = d["msgfid"].as_str().unwrap().to_owned();
    r.rec("smseco dlrs", &["smseco", "dlrs", "--msgfid", &msgfid])
        .await;
    r.rec("smseco balance", &["smseco", "balance"]).await;
    r.rec("smseco senders", &["smseco", "senders"]).await;
    r.rec("smseco hlr", &["smseco", "hlr", "--to", "22507352518"])
        .await;
    let d = r
        .rec(
            "cm send",
            &[
                "connect-mobile",
                "send",
                "--to",
                "0612345678",
                "--from",
                "DEMO",
                "--text",
                "Hi",
            ],
        )
        .await;
    let msgid = d["message_ids"][0].as_str().unwrap().to_owned();
    r.rec(
        "cm status",
        &["connect-mobile", "status", "--msgid", &msgid],
    )
    .await;
    r.rec("cm balance", &["connect-mobile", "balance"]).await;

    let recorded: BTreeMap<String, BTreeSet<String>> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/output-keys.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        r.seen.keys().collect::<Vec<_>>(),
        recorded.keys().collect::<Vec<_>>(),
        "every recorded operation runs"
    );
    for (name, keys) in &recorded {
        assert_eq!(&r.seen[name], keys, "`sms {name}` keys changed");
    }
}
