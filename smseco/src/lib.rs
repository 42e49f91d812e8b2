#![doc = include_str!("lib.md")]

mod api;
mod bulk_sender;
mod client;
mod date;
mod error;
mod tree;
mod wire;

pub use api::MAX_MSGID_BYTES;
pub use api::account::{Balance, Senders};
pub use api::getdlrs::{Dlr, DlrMessage, DlrQuery, DlrReport, DlrStatus};
pub use api::sendhlr::HlrRequest;
pub use api::sendsms::{SendSms, SubmitResponse, SubmittedSms};
pub use bulk_sender::{BulkSender, DEFAULT_BULK_BATCH};
pub use client::{
    Client, ClientBuilder, Credentials, DEFAULT_BASE_URL, Format, MAX_GET_URL_LEN, OutputFormat,
};
pub use date::{InvalidDate, SendDate};
pub use error::{ApiError, Error, ErrorCode, InvalidRequest};
/// The bulk engine: [`Client::bulk_send`] and [`BulkSender`].
pub use sms_http::bulk;
pub use sms_http::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_TIMEOUT, client_builder,
};
pub use sms_primitives::redact::RawBody;
pub use sms_primitives::{Secret, SenderIdError};

/// The `User-Agent` of this crate's requests.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
