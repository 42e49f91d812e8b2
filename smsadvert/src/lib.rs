#![doc = include_str!("lib.md")]

mod api;
mod bulk_sender;
mod client;
mod error;

pub use api::callback::{CallbackError, DeliveryReport, DeliveryStatus};
pub use api::sms::{
    MAX_MESSAGE_CHARS, MAX_RECIPIENTS, MIN_MESSAGE_CHARS, MsgId, Route, SendResponse, SendSms,
};
pub use bulk_sender::BulkSender;
pub use client::{Client, ClientBuilder, Host, SMS_PATH};
pub use error::{ApiError, Error, Field, FieldError, InvalidRequest};
/// The bulk engine: [`Client::bulk_send`] and [`BulkSender`].
pub use sms_http::bulk;
pub use sms_http::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_TIMEOUT, client_builder,
};
pub use sms_primitives::redact::RawBody;
pub use sms_primitives::{PhoneNumber, PhoneNumberError, Region, Secret};

/// The `User-Agent` of this crate's requests.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
