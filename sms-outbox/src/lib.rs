#![doc = include_str!("lib.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
mod store;
mod worker;

pub use error::Error;
pub use store::{Campaign, Enqueued, Outbox, Reconciled, Record, Requeue, State, Status};
pub use worker::{RunReport, Worker};

/// The bulk engine's types an outbox uses, re-exported (from [`sms_http::bulk`]).
pub use sms_http::bulk::{BatchSender, Outcome, Recipient, Reconcile, StopSignal, Unresolved};
