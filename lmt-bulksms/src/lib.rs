#![doc = include_str!("lib.md")]

mod api;
mod bulk_sender;
mod client;
mod error;
pub mod pushes;

pub use api::push::{Flag, PushOutcome, PushResponse, PushStatus, SendSms};
pub use bulk_sender::BulkSender;
pub use client::{Client, ClientBuilder, Credentials, DEFAULT_API_VERSION, DEFAULT_BASE_URL};
pub use error::{ApiError, Error, ErrorCode, InvalidRequest};
/// The bulk engine: [`Client::bulk_send`] and [`BulkSender`].
pub use sms_http::bulk;
pub use sms_http::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_TIMEOUT, client_builder,
};
pub use sms_primitives::redact::RawBody;
pub use sms_primitives::{
    Encoding, PhoneNumber, PhoneNumberError, Region, Secret, SenderId, SenderIdError,
};

/// The `User-Agent` of this crate's requests.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
