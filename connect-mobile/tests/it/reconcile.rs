//! `Reconcile` (feature `outbox`): an id asked about with `action=statut`.
#![cfg(feature = "outbox")]

use connect_mobile::bulk::{Outcome, Recipient, Reconcile, Unresolved};
use connect_mobile::{BulkSender, SendSms};

use crate::{PATH, builder, pairs, recorder, seen};

#[tokio::test]
async fn a_known_id_is_sent_an_unknown_one_stays_unknown() {
    let mut server = mockito::Server::new_async().await;
    let (log, matcher) = recorder();
    let known = server
        .mock("POST", PATH)
        .match_request(matcher)
        .match_body(mockito::Matcher::Regex("msgid=166852550".into()))
        .with_body("0")
        .expect(1)
        .create_async()
        .await;
    let unknown = server
        .mock("POST", PATH)
        .match_body(mockito::Matcher::Regex("msgid=999".into()))
        .with_body("10|Le msgid est invalide")
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server).build().unwrap();
    let sender = BulkSender::new(client, SendSms::new("DEMO", "Bonjour")).unwrap();
    let item = |id: &str| Unresolved {
        recipient: Recipient::new("0612345678"),
        id: id.into(),
    };
    let settled = sender
        .reconcile(&[
            item("166852550"),
            item("999"),
            // Not an id Connect-Mobile could have given: not asked.
            item("a b"),
        ])
        .await;
    assert_eq!(
        settled,
        [
            Some(Outcome::Sent {
                id: Some("166852550".into())
            }),
            None,
            None,
        ]
    );
    known.assert_async().await;
    unknown.assert_async().await;
    assert_eq!(
        seen(&log)[0].latin1_form(),
        pairs(&[
            ("action", "statut"),
            ("login", "Michelle"),
            ("apipasse", "Fake-Pass-123"),
            ("msgid", "166852550"),
        ])
    );
}
