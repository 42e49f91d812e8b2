//! The REST API (`https://api.allmysms.com/sms/send/`…): HTTP Basic `login:apiKey`,
//! JSON in lowerCamelCase, success as HTTP 201 with `code` 100/101, and amounts in
//! **euros** ([`Euros`]), where the v9 API counts **credits** (plain integers).
//!
//! Known from public client code and AllMySMS's online REST documentation.
//!
//! One module per job: [`Client`] (and its builder) in `client`, the requests
//! ([`SendSms`], [`BulkSms`], [`VoiceBulk`]) in `requests`, the answers ([`SendResponse`],
//! [`Account`], [`Report`]) in `responses`, money ([`Euros`]) in `money`. The
//! validation of texts, senders and numbers is the v9 API's (`crate::validate`).

mod bulk_sender;
mod client;
mod money;
mod requests;
mod responses;

pub use bulk_sender::BulkSender;
pub use client::{Client, ClientBuilder};
pub use money::Euros;
pub use requests::{BulkSms, SendSms, VoiceBulk};
pub use responses::{Account, Report, SendResponse};
// For the parsers' property tests.
#[cfg(test)]
pub(crate) use responses::{read_object, to_send_response};

/// The REST API's origin.
pub const DEFAULT_BASE_URL: &str = "https://api.allmysms.com";
