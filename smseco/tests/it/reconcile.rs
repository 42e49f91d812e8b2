//! `Reconcile` (feature `outbox`): unknown recipients asked about with `getdlrs` by
//! the `msgfid` their submission gave.
#![cfg(feature = "outbox")]

use std::time::Duration;

use smseco::bulk::{Outcome, Recipient, Reconcile, Unresolved};
use smseco::{BulkSender, Client, Credentials, Format, SendSms};
use test_support::scripted::{Reply, ScriptedServer};

const REPORT: &str = r#"<REPONSE><accountid>1</accountid><statut>0</statut><texte>OK</texte>
<messages><message><msgfid>m-1</msgfid><dlrs>
<dlr><smsfid>s-1</smsfid><destination>22507352518</destination><date>2026-12-01 10:00:00</date><statut>56</statut><libelle>Accusé de Réception</libelle><texte>ok</texte></dlr>
<dlr><smsfid>s-2</smsfid><destination>22505442710</destination><date>2026-12-01 10:00:00</date><statut>62</statut><libelle>Rejeté</libelle><texte>non</texte></dlr>
</dlrs></message></messages></REPONSE>"#;

#[tokio::test]
async fn listed_numbers_are_settled_and_one_request_serves_a_submission() {
    let server = ScriptedServer::start(Duration::ZERO, |n, _| match n {
        0 => Reply::Respond(200, REPORT.as_bytes().to_vec()),
        _ => Reply::Respond(200, b"<html>down</html>".to_vec()),
    })
    .await;
    let client = Client::builder(Credentials::new("l", "p"))
        .base_url(server.url())
        .format(Format::Xml)
        .build()
        .unwrap();
    let sender = BulkSender::new(client, SendSms::new("DEMO", "Bonjour")).unwrap();
    let item = |phone: &str, id: &str| Unresolved {
        recipient: Recipient::new(phone),
        id: id.into(),
    };
    let settled = sender
        .reconcile(&[
            item("225 07 35 25 18", "m-1"),
            item("22505442710", "m-1"),
            // Not in the report: a report may come later.
            item("22501010101", "m-1"),
            // Another submission, whose lookup fails: nothing settled.
            item("22502020202", "m-2"),
        ])
        .await;
    assert_eq!(
        settled,
        [
            Some(Outcome::Sent {
                id: Some("s-1".into())
            }),
            Some(Outcome::Refused {
                code: Some("62".into()),
                message: "SMSECO report: Rejeté".into(),
                retryable: false,
            }),
            None,
            None,
        ]
    );
    let bodies: Vec<String> = server
        .bodies()
        .iter()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert_eq!(bodies.len(), 2, "one getdlrs per msgfid");
    let request = |msgfid: &str| {
        format!(
            "XML=%3CSMS%3E%3Ccompte%3E%3Clogin%3El%3C%2Flogin%3E%3Cpassword%3Ep%3C%2Fpassword%3E\
             %3C%2Fcompte%3E%3Cmessage%3E%3Cmsgfid%3E{msgfid}%3C%2Fmsgfid%3E%3C%2Fmessage%3E%3C%2FSMS%3E"
        )
    };
    assert_eq!(bodies, [request("m-1"), request("m-2")]);
}
