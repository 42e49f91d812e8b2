//! At most once, one outcome each, leases, idempotent enqueue, reconcile, requeue,
//! stop: on every database.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use sms_http::bulk::BoxFuture;
use sms_outbox::{
    Campaign, Error, Outbox, Outcome, Recipient, Reconcile, Requeue, State, StopSignal, Unresolved,
};

use crate::fake::{Fake, people};
use crate::{databases, unique};

async fn campaign(outbox: &Outbox, name: &str) -> String {
    let id = unique(name);
    outbox
        .create_campaign(&Campaign {
            id: id.clone(),
            provider: "fake".into(),
            template: json!({"text": "Bonjour"}),
        })
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn campaigns_and_enqueue_are_idempotent_and_checked() {
    for outbox in databases("idempotent").await {
        let id = campaign(&outbox, "idem").await;
        // The same campaign again: nothing changes; another template: refused.
        outbox
            .create_campaign(&Campaign {
                id: id.clone(),
                provider: "fake".into(),
                template: json!({"text": "Bonjour"}),
            })
            .await
            .unwrap();
        let other = outbox
            .create_campaign(&Campaign {
                id: id.clone(),
                provider: "fake".into(),
                template: json!({"text": "Autre"}),
            })
            .await;
        assert!(
            matches!(other, Err(Error::CampaignMismatch(_))),
            "{other:?}"
        );
        assert!(outbox.campaigns().await.unwrap().contains(&id));
        assert_eq!(outbox.campaign(&id).await.unwrap().provider, "fake");

        let first = outbox.enqueue(&id, people(25)).await.unwrap();
        assert_eq!((first.added, first.existing), (25, 0));
        // Retried with more: only the new keys are added.
        let again = outbox.enqueue(&id, people(30)).await.unwrap();
        assert_eq!((again.added, again.existing), (5, 25));
        // Parameters are kept, in order.
        let with = Recipient::new("+33611110000")
            .param("b", "2")
            .param("a", "1");
        outbox
            .enqueue(&id, [("p".to_owned(), with.clone())])
            .await
            .unwrap();
        let records = outbox.records(&id).await.unwrap();
        assert_eq!(records.len(), 31);
        assert_eq!(records[30].recipient, with);
        assert!(records.iter().all(|r| r.state == State::Queued));

        // Bad input: nothing written.
        let bad = outbox
            .enqueue(
                &id,
                [
                    ("new".to_owned(), Recipient::new("+33600000000")),
                    (String::new(), Recipient::new("+33600000001")),
                ],
            )
            .await;
        assert!(matches!(bad, Err(Error::Invalid(_))), "{bad:?}");
        let missing = outbox.enqueue("no-such-campaign", people(1)).await;
        assert!(matches!(missing, Err(Error::NoCampaign(_))), "{missing:?}");
        assert_eq!(outbox.status(&id).await.unwrap().queued, 31);
    }
}

#[tokio::test]
async fn a_worker_sends_each_recipient_once_and_records_every_outcome() {
    for outbox in databases("once").await {
        let id = campaign(&outbox, "once").await;
        let mut all = people(95);
        all.push(("bad".into(), Recipient::new("bad-number")));
        outbox.enqueue(&id, all).await.unwrap();
        let fake = Arc::new(Fake::new(10, |r, _| {
            if r.phone.ends_with('7') {
                Outcome::Refused {
                    code: Some("12".into()),
                    message: "refused".into(),
                    retryable: false,
                }
            } else if r.phone.ends_with('3') {
                Outcome::unknown("cut")
            } else {
                Outcome::Sent {
                    id: Some(format!("id-{}", r.phone)),
                }
            }
        }));
        let report = outbox
            .worker(&id, fake.clone())
            .concurrency(3)
            .run()
            .await
            .unwrap();
        assert_eq!(report.requests, 10, "95 recipients, 10 a request");
        assert_eq!(*fake.requests.lock().unwrap(), 10);
        assert_eq!(fake.max_times(), 1);
        assert_eq!((report.sent, report.refused, report.unknown), (76, 10, 10));
        let status = outbox.status(&id).await.unwrap();
        assert_eq!(
            (
                status.queued,
                status.in_flight,
                status.sent,
                status.refused,
                status.unknown
            ),
            (0, 0, 76, 10, 10)
        );
        assert!(status.rate_per_second > 0.0);
        let records = outbox.records(&id).await.unwrap();
        let bad = records.iter().find(|r| r.key == "bad").unwrap();
        assert_eq!(bad.state, State::Refused);
        assert_eq!(bad.code.as_deref(), Some("invalid"));
        assert_eq!(bad.attempts, 0, "no request carried it");
        let sent = records.iter().find(|r| r.key == "+33612340000").unwrap();
        assert_eq!(sent.id.as_deref(), Some("id-+33612340000"));
        assert_eq!(sent.attempts, 1);
        // A second run sends nothing: unknown ones are never sent again.
        let report = outbox.worker(&id, fake.clone()).run().await.unwrap();
        assert_eq!(report.requests, 0);
        assert_eq!(fake.max_times(), 1);
    }
}

#[tokio::test]
async fn a_dead_workers_rows_become_unknown_when_the_lease_expires_and_are_never_resent() {
    for outbox in databases("lease").await {
        let id = campaign(&outbox, "lease").await;
        outbox.enqueue(&id, people(20)).await.unwrap();
        let mut hanging = Fake::sent();
        hanging.hang = true;
        let hanging = Arc::new(hanging);
        // The worker's requests never end; the run is dropped, as when a process dies.
        let run = outbox
            .worker(&id, hanging.clone())
            .concurrency(1)
            .claim_batches(1)
            .lease(Duration::from_millis(300))
            .run();
        let _ = tokio::time::timeout(Duration::from_millis(200), run).await;
        assert_eq!(*hanging.requests.lock().unwrap(), 1);
        let status = outbox.status(&id).await.unwrap();
        assert_eq!((status.in_flight, status.queued), (10, 10), "{status:?}");
        assert!(status.oldest_in_flight.is_some());
        assert!(status.next_lease_expiry.is_some());
        // Before the lease expires, another worker leaves them alone.
        let fake = Arc::new(Fake::sent());
        let report = outbox.worker(&id, fake.clone()).run().await.unwrap();
        assert_eq!((report.sent, report.expired), (10, 0));
        assert_eq!(outbox.status(&id).await.unwrap().in_flight, 10);
        tokio::time::sleep(Duration::from_millis(400)).await;
        let report = outbox.worker(&id, fake.clone()).run().await.unwrap();
        assert_eq!((report.expired, report.requests), (10, 0));
        let status = outbox.status(&id).await.unwrap();
        assert_eq!((status.sent, status.unknown, status.in_flight), (10, 10, 0));
        // Each recipient reached one provider once.
        for (phone, _) in people(20) {
            assert_eq!(hanging.times(&phone) + fake.times(&phone), 1, "{phone}");
        }
        let records = outbox.records(&id).await.unwrap();
        let expired = records.iter().find(|r| r.state == State::Unknown).unwrap();
        assert!(
            expired
                .message
                .as_deref()
                .unwrap()
                .contains("lease expired")
        );
    }
}

/// Settles ids starting with `s` as sent, `r` as refused, others not.
struct Reconciler;

impl Reconcile for Reconciler {
    fn reconcile<'a>(
        &'a self,
        unresolved: &'a [Unresolved],
    ) -> BoxFuture<'a, Vec<Option<Outcome>>> {
        Box::pin(async move {
            unresolved
                .iter()
                .map(|u| match u.id.chars().next() {
                    Some('s') => Some(Outcome::Sent { id: None }),
                    Some('r') => Some(Outcome::Refused {
                        code: Some("62".into()),
                        message: "rejected".into(),
                        retryable: false,
                    }),
                    _ => None,
                })
                .collect()
        })
    }
}

#[tokio::test]
async fn reconcile_settles_unknown_outcomes_that_have_an_id() {
    for outbox in databases("reconcile").await {
        let id = campaign(&outbox, "reconcile").await;
        outbox.enqueue(&id, people(8)).await.unwrap();
        // Ids by the recipient's last digit: 0-1 sent later, 2-3 refused, 4-5 still
        // unknown, 6-7 no id at all.
        let fake = Arc::new(Fake::new(10, |r, _| {
            let last = r.phone.chars().last().unwrap();
            let id = match last {
                '0' | '1' => Some(format!("s{last}")),
                '2' | '3' => Some(format!("r{last}")),
                '4' | '5' => Some(format!("x{last}")),
                _ => None,
            };
            Outcome::Unknown {
                reason: "cut".into(),
                id,
            }
        }));
        outbox.worker(&id, fake).run().await.unwrap();
        assert_eq!(outbox.status(&id).await.unwrap().reconcilable, 6);
        let done = outbox.reconcile(&id, &Reconciler).await.unwrap();
        assert_eq!(
            (done.asked, done.sent, done.refused, done.without_id),
            (6, 2, 2, 2)
        );
        let records = outbox.records(&id).await.unwrap();
        let states: Vec<State> = records.iter().map(|r| r.state).collect();
        use State::{Refused, Sent, Unknown};
        assert_eq!(
            states,
            [
                Sent, Sent, Refused, Refused, Unknown, Unknown, Unknown, Unknown
            ]
        );
        assert_eq!(records[0].id.as_deref(), Some("s0"));
        assert_eq!(records[2].code.as_deref(), Some("62"));
        // Again: only the unsettled ones are asked.
        let again = outbox.reconcile(&id, &Reconciler).await.unwrap();
        assert_eq!((again.asked, again.sent), (2, 0));
    }
}

#[tokio::test]
async fn refused_recipients_are_queued_again_only_by_the_policy() {
    for outbox in databases("requeue").await {
        let id = campaign(&outbox, "requeue").await;
        outbox.enqueue(&id, people(6)).await.unwrap();
        // Even numbers: a temporary refusal the first time; odd: a final one.
        let fake = Arc::new(Fake::new(10, |r, before| {
            let even = r.phone.ends_with(['0', '2', '4']);
            if even && before > 0 {
                Outcome::Sent { id: None }
            } else {
                Outcome::Refused {
                    code: Some("t".into()),
                    message: "try later".into(),
                    retryable: even,
                }
            }
        }));
        let first = outbox.worker(&id, fake.clone()).run().await.unwrap();
        assert_eq!(first.refused, 6);
        let requeued = outbox
            .requeue_refused(&id, Requeue::default())
            .await
            .unwrap();
        assert_eq!(requeued, 3);
        let second = outbox.worker(&id, fake.clone()).run().await.unwrap();
        assert_eq!((second.sent, second.requests), (3, 1));
        // Every refusal, but at most 1 attempt: none left.
        let none = outbox
            .requeue_refused(
                &id,
                Requeue {
                    only_retryable: false,
                    max_attempts: 1,
                },
            )
            .await
            .unwrap();
        assert_eq!(none, 0);
        let records = outbox.records(&id).await.unwrap();
        assert!(
            records
                .iter()
                .all(|r| r.state == State::Sent && r.attempts == 2
                    || r.state == State::Refused && r.attempts == 1)
        );
    }
}

#[tokio::test]
async fn a_stopped_worker_finishes_its_requests_and_gives_back_the_rest() {
    for outbox in databases("stop").await {
        let id = campaign(&outbox, "stop").await;
        outbox.enqueue(&id, people(100)).await.unwrap();
        let stop = StopSignal::new();
        let on_first = stop.clone();
        let fake = Arc::new(Fake::new(10, move |r, _| {
            on_first.stop();
            Outcome::Sent {
                id: Some(r.phone.clone()),
            }
        }));
        let report = outbox
            .worker(&id, fake.clone())
            .concurrency(1)
            .claim_batches(3)
            .stop_signal(stop)
            .run()
            .await
            .unwrap();
        assert_eq!((report.requests, report.sent), (1, 10));
        assert_eq!(report.released, 20, "claimed, in no request");
        let status = outbox.status(&id).await.unwrap();
        assert_eq!((status.sent, status.queued, status.in_flight), (10, 90, 0));
        let rest = outbox.worker(&id, fake.clone()).run().await.unwrap();
        assert_eq!(rest.sent, 90);
        assert_eq!(fake.max_times(), 1);
    }
}

#[tokio::test]
async fn bad_urls_are_refused_without_showing_them() {
    let e = Outbox::open("mysql://user:s3cr3t-pw@host/db")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::UnsupportedUrl));
    assert!(!e.to_string().contains("s3cr3t"));
    let outbox = &databases("debug").await[0];
    assert!(!format!("{outbox:?}").contains("sqlite://"));
}
