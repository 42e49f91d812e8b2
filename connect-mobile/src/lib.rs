#![doc = include_str!("lib.md")]

mod api;
mod bulk_sender;
pub mod charset;
mod client;
mod error;

pub use api::envoi::{
    LineOutcome, MAX_MESSAGE_CHARS, MessageId, MessageType, SendResponse, SendSms, SenderType,
};
pub use api::solde::Balance;
pub use api::statut::SmsStatus;
pub use bulk_sender::BulkSender;
pub use client::{
    API_PATH, Client, ClientBuilder, Credentials, DEFAULT_BASE_URL, HttpMethod, MAX_GET_URL_LEN,
    PasswordParameter,
};
pub use error::{ApiError, Error, ErrorCode, InvalidRequest};
/// The bulk engine: [`Client::bulk_send`] and [`BulkSender`].
pub use sms_http::bulk;
pub use sms_http::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_TIMEOUT, client_builder,
};
pub use sms_primitives::redact::RawBody;
pub use sms_primitives::{PhoneNumber, PhoneNumberError, Region, Secret, SenderId, SenderIdError};

/// The `User-Agent` of this crate's requests.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
