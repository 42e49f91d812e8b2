//! Every operation of every provider through the `sms` tool, against the sandbox:
//! SMSECO mail merge and every `sendsms` option, AllMySMS's whole v9 and REST APIs,
//! LMT's pushes platform, CSV input checked before anything is sent, and `--help`
//! naming the providers' own parameters.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

use serde_json::Value;
use sms_sandbox::{Provider, Sandbox};

mod common;

/// Runs `sms` against the sandbox; returns (exit status, stdout JSON, stderr).
async fn sms(sb: &Sandbox, args: &[&str]) -> (i32, Value, String) {
    common::sms_json(&sb.base_url(), args).await
}

async fn ok(sb: &Sandbox, args: &[&str]) -> Value {
    let (code, doc, stderr) = sms(sb, args).await;
    assert_eq!(code, 0, "{args:?}: {doc}\n{stderr}");
    doc
}

/// A CSV file in a fresh temporary directory.
fn csv_file(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sms-cli-ops-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn smseco_mail_merge_and_every_sendsms_option() {
    let sb = Sandbox::start().await.unwrap();
    let merge = csv_file(
        "merge.csv",
        "numero,nom,solde\n22507352518,Marc,1200\n22505442710,\"Julie, dite Ju\",300\n",
    );
    let doc = ok(
        &sb,
        &[
            "smseco",
            "send",
            "--merge",
            merge.to_str().unwrap(),
            "--from",
            "DEMO",
            "--text",
            "Bonjour {nom}, solde {solde}",
        ],
    )
    .await;
    assert_eq!(doc["statut"], 2, "{doc}");
    let texts: Vec<String> = sb
        .messages_of(Provider::Smseco)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(
        texts,
        [
            "Bonjour Marc, solde 1200",
            "Bonjour Julie, dite Ju, solde 300"
        ]
    );

    // Every option on the wire, with the provider's own names.
    let doc = ok(
        &sb,
        &[
            "smseco",
            "send",
            "--to",
            "22507352518",
            "--from",
            "DEMO",
            "--text",
            "00FF",
            "--binary",
            "--mwi",
            "1",
            "--pid",
            "64",
            "--rpi",
            "1",
            "--alt-dcs",
            "1",
            "--udh",
            "050003CC0201",
            "--dry-run",
        ],
    )
    .await;
    let body = doc["requests"][0]["body"].as_str().unwrap().to_owned();
    for element in [
        "binaire%3E1",
        "mwi%3E1",
        "pid%3E64",
        "rpi%3E1",
        "alt_dcs%3E1",
        "udhdata%3E050003CC0201",
    ] {
        assert!(body.contains(element), "{element} not in {body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn allmysms_v9_every_operation() {
    let sb = Sandbox::start().await.unwrap();
    let params = csv_file(
        "params.csv",
        "phone,prenom,code\n0612345678,Marc,1234\n0712345678,Julie,9876\n",
    );
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "send",
            "--csv",
            params.to_str().unwrap(),
            "--text",
            "Bonjour #param_1#, code #param_2#",
            "--client-msg-id",
            "cli-42",
            "--tracking",
            "--mail-notif",
        ],
    )
    .await;
    assert_eq!(doc["status"], 100, "{doc}");
    let campaign = doc["campaign_id"].as_str().unwrap().to_owned();
    let texts: Vec<String> = sb
        .messages_of(Provider::Allmysms)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(
        texts,
        ["Bonjour Marc, code 1234", "Bonjour Julie, code 9876"]
    );
    let dry = ok(
        &sb,
        &[
            "allmysms",
            "send",
            "--to",
            "0612345678",
            "--text",
            "x",
            "--client-msg-id",
            "cli-42",
            "--tracking",
            "--dry-run",
        ],
    )
    .await;
    let body = dry["requests"][0]["body"].as_str().unwrap();
    assert!(
        body.contains("CLIMSGID%3Ecli-42") && body.contains("TRACKING%3E1"),
        "{body}"
    );

    let doc = ok(
        &sb,
        &[
            "allmysms",
            "simple",
            "--to",
            "0612345678",
            "--text",
            "Code 1234",
            "--lowcost",
        ],
    )
    .await;
    assert_eq!(doc["status"], 100, "{doc}");
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "mms",
            "--to",
            "0612345678",
            "--text",
            "Photo",
            "--image",
            "https://example.org/a.jpg",
        ],
    )
    .await;
    assert_eq!(doc["status"], 100, "{doc}");
    ok(
        &sb,
        &[
            "allmysms",
            "email",
            "--from",
            "a@example.org",
            "--to",
            "b@example.org",
            "--subject",
            "Hi",
            "--html",
            "<p>Hi</p>",
        ],
    )
    .await;
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "shorten-url",
            "--url",
            "https://example.org/long",
        ],
    )
    .await;
    assert!(doc["short_url"].is_string(), "{doc}");
    ok(&sb, &["allmysms", "stats", "--campaign", &campaign]).await;

    ok(
        &sb,
        &[
            "allmysms",
            "sub-accounts",
            "create",
            "--login",
            "shop-paris",
            "--first-name",
            "Marc",
            "--last-name",
            "Dupont",
            "--email",
            "m@example.org",
            "--postpaid",
        ],
    )
    .await;
    ok(
        &sb,
        &[
            "allmysms",
            "sub-accounts",
            "update",
            "--login",
            "shop-paris",
            "--city",
            "Lyon",
            "--active",
            "false",
        ],
    )
    .await;
    let doc = ok(&sb, &["allmysms", "sub-accounts", "list"]).await;
    assert_eq!(doc["sub_accounts"][0]["login"], "shop-paris", "{doc}");
    ok(
        &sb,
        &[
            "allmysms",
            "sub-accounts",
            "credits",
            "--login",
            "shop-paris",
            "--credits",
            "-5",
        ],
    )
    .await;
    ok(
        &sb,
        &[
            "allmysms",
            "sub-accounts",
            "delete",
            "--login",
            "shop-paris",
        ],
    )
    .await;

    let contacts = csv_file("contacts.csv", "MOBILEPHONE,Firstname\n0612345678,Marc\n");
    ok(
        &sb,
        &[
            "allmysms",
            "lists",
            "create",
            "--name",
            "clients",
            "--field",
            "Firstname",
        ],
    )
    .await;
    ok(
        &sb,
        &[
            "allmysms",
            "lists",
            "populate",
            "--name",
            "clients",
            "--csv",
            contacts.to_str().unwrap(),
        ],
    )
    .await;
    let doc = ok(&sb, &["allmysms", "lists", "contacts", "--name", "clients"]).await;
    assert_eq!(doc["contacts"].as_array().unwrap().len(), 1, "{doc}");
    ok(
        &sb,
        &[
            "allmysms",
            "lists",
            "delete-contacts",
            "--name",
            "clients",
            "--csv",
            contacts.to_str().unwrap(),
        ],
    )
    .await;
    let doc = ok(&sb, &["allmysms", "lists", "list"]).await;
    assert_eq!(doc["lists"][0]["list_name"], "clients", "{doc}");
    ok(&sb, &["allmysms", "lists", "delete", "--name", "clients"]).await;
    // The password never reaches the output.
    let (_, doc, stderr) = sms(
        &sb,
        &[
            "allmysms",
            "sub-accounts",
            "create",
            "--login",
            "x",
            "--first-name",
            "a",
            "--last-name",
            "b",
            "--email",
            "c@d.e",
            "--dry-run",
        ],
    )
    .await;
    assert!(
        !doc.to_string().contains("Sub-Pass-123") && !stderr.contains("Sub-Pass-123"),
        "{doc}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn allmysms_rest_and_lmt_pushes() {
    let sb = Sandbox::start().await.unwrap();
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "rest",
            "send",
            "--to",
            "33612345678",
            "--text",
            "Bonjour",
        ],
    )
    .await;
    assert_eq!(doc["code"], 100, "{doc}");
    let params = csv_file(
        "rest.csv",
        "phone,p1\n33612345678,Marc\n33712345678,Julie\n",
    );
    let doc = ok(
        &sb,
        &[
            "allmysms",
            "rest",
            "bulk",
            "--csv",
            params.to_str().unwrap(),
            "--text",
            "Bonjour #param1#",
        ],
    )
    .await;
    let campaign = doc["campaign_id"].as_str().unwrap().to_owned();
    ok(
        &sb,
        &[
            "allmysms",
            "rest",
            "voice",
            "--to",
            "33612345678",
            "--from",
            "0140000000",
            "--url",
            "https://example.org/a.mp3",
        ],
    )
    .await;
    ok(&sb, &["allmysms", "rest", "account"]).await;
    ok(&sb, &["allmysms", "rest", "ping"]).await;
    let doc = ok(
        &sb,
        &["allmysms", "rest", "report", "--campaign", &campaign],
    )
    .await;
    assert_eq!(doc["reports"].as_array().unwrap().len(), 2, "{doc}");

    let doc = ok(
        &sb,
        &[
            "lmt-bulksms",
            "pushes",
            "send",
            "--to",
            "694124344,694124345",
            "--from",
            "Shop",
            "--text",
            "Bonjour 😀",
            "--masked",
        ],
    )
    .await;
    assert_eq!(doc["total_recipients"], 2, "{doc}");
    assert_eq!(sb.messages_of(Provider::LmtBulksms).len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_csv_is_refused_whole_before_anything_is_sent() {
    let sb = Sandbox::start().await.unwrap();
    let bad = csv_file(
        "bad.csv",
        "numero,nom\n22507352518,Marc\n,Julie\n22505442710\n\n22505442711,Ok\n",
    );
    let (code, doc, stderr) = sms(
        &sb,
        &[
            "smseco",
            "send",
            "--csv",
            bad.to_str().unwrap(),
            "--from",
            "DEMO",
            "--text",
            "Bonjour {nom}",
        ],
    )
    .await;
    assert_eq!(code, 2, "{doc}");
    // Every bad line, with its number.
    assert!(
        stderr.contains("bad.csv:3") && stderr.contains("bad.csv:4"),
        "{stderr}"
    );
    assert!(sb.messages().is_empty());
    // A usage error (clap's, exit 2): the two ways of giving recipients exclude each
    // other.
    let both = Command::new(env!("CARGO_BIN_EXE_sms"))
        .args([
            "smseco",
            "send",
            "--to",
            "22507352518",
            "--csv",
            bad.to_str().unwrap(),
        ])
        .args(["--from", "D", "--text", "x"])
        .output()
        .unwrap();
    let code = both.status.code().unwrap();
    assert_eq!(code, 2, "--to and --csv exclude each other");
}

#[test]
fn help_names_the_providers_own_parameters() {
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_sms"))
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for (args, names) in [
        (
            &["smseco", "send"][..],
            &[
                "expediteur",
                "msg",
                "datesend",
                "binaire",
                "mwi",
                "pid",
                "rpi",
                "alt_dcs",
                "udhdata",
                "msgid",
            ][..],
        ),
        (
            &["allmysms", "send"],
            &[
                "TPOA",
                "CLIMSGID",
                "TRACKING",
                "MAIL_NOTIF",
                "MASTERACCOUNT",
                "PARAM_1",
            ],
        ),
        (&["allmysms", "simple"], &["tpoa", "lowcost", "campaign"]),
        (
            &["allmysms", "rest", "send"],
            &["cliMsgId", "campaignName", "simulate"],
        ),
        (
            &["lmt-bulksms", "pushes", "send"],
            &["msisdn", "senderId", "maskedMsisdn", "flag"],
        ),
        (&["connect-mobile", "send"], &["origine", "sendertype"]),
    ] {
        let text = help(args);
        for name in names {
            assert!(
                text.contains(name),
                "`sms {} --help` does not name `{name}`:\n{text}",
                args.join(" ")
            );
        }
    }
}
