//! A provider whose answers the test chooses, counting what it is asked.

use std::collections::HashMap;
use std::sync::Mutex;

use sms_http::bulk::BoxFuture;
use sms_outbox::{BatchSender, Outcome, Recipient};

type Answer = dyn Fn(&Recipient, u32) -> Outcome + Send + Sync;

/// Answers each recipient with `answer(recipient, how many times it was sent before)`.
pub(crate) struct Fake {
    pub(crate) batch: usize,
    answer: Box<Answer>,
    /// How many requests carried each number.
    pub(crate) seen: Mutex<HashMap<String, u32>>,
    pub(crate) requests: Mutex<u64>,
    /// Requests never answered (a worker that hangs, then dies).
    pub(crate) hang: bool,
}

impl Fake {
    pub(crate) fn new(
        batch: usize,
        answer: impl Fn(&Recipient, u32) -> Outcome + Send + Sync + 'static,
    ) -> Self {
        Self {
            batch,
            answer: Box::new(answer),
            seen: Mutex::default(),
            requests: Mutex::default(),
            hang: false,
        }
    }

    pub(crate) fn sent() -> Self {
        // An id that is not the number (what a gateway gives).
        Self::new(10, |r, _| Outcome::Sent {
            id: Some(format!("gw-{}", r.phone.len())),
        })
    }

    pub(crate) fn times(&self, phone: &str) -> u32 {
        self.seen.lock().unwrap().get(phone).copied().unwrap_or(0)
    }

    pub(crate) fn max_times(&self) -> u32 {
        self.seen
            .lock()
            .unwrap()
            .values()
            .copied()
            .max()
            .unwrap_or(0)
    }
}

impl BatchSender for Fake {
    fn max_batch(&self) -> usize {
        self.batch
    }

    fn check(&self, recipient: &Recipient) -> Result<(), Outcome> {
        if recipient.phone.starts_with("bad") {
            return Err(Outcome::invalid("not a number"));
        }
        Ok(())
    }

    fn send_batch<'a>(&'a self, batch: &'a [Recipient]) -> BoxFuture<'a, Vec<Outcome>> {
        Box::pin(async move {
            *self.requests.lock().unwrap() += 1;
            let outcomes = batch
                .iter()
                .map(|r| {
                    let mut seen = self.seen.lock().unwrap();
                    let before = seen.get(&r.phone).copied().unwrap_or(0);
                    seen.insert(r.phone.clone(), before + 1);
                    (self.answer)(r, before)
                })
                .collect();
            if self.hang {
                std::future::pending::<()>().await;
            }
            outcomes
        })
    }
}

pub(crate) fn people(n: usize) -> Vec<(String, Recipient)> {
    (0..n)
        .map(|i| {
            let phone = format!("+3361234{i:04}");
            (phone.clone(), Recipient::new(phone))
        })
        .collect()
}
