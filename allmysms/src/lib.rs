#![doc = include_str!("lib.md")]

pub mod api;
mod client;
mod error;
pub mod rest;
mod status;
mod validate;
pub mod webhook;

pub use api::Timestamp;
pub use api::account::{AccountInfo, BlacklistEntry, CampaignStats, CountryCredits, ShortUrl};
pub use api::lists::{Contact, ContactList, ContactsResult, ListContact, ListField};
pub use api::mms::{MmsContent, SendEmail, SendMms};
pub use api::reports::{Ack, Acks, Pull};
pub use api::send::{
    MAX_MESSAGE_CHARS, MAX_SENDER_CHARS, SendResponse, SendSms, SimpleSms, SimulateResponse,
    SmsDataFormat, SmsId,
};
pub use api::subaccounts::{
    MIN_PASSWORD_CHARS, SubAccount, SubAccountCredits, SubAccountData, SubAccountUpdate,
};
pub use client::{Client, ClientBuilder, Credentials, DEFAULT_API_VERSION, DEFAULT_BASE_URL};
pub use error::{ApiError, Error, InvalidRequest, PartialSend};
pub use sms_http::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_TIMEOUT, client_builder,
};
pub use sms_primitives::datetime::{DateTime, InvalidDateTime};
pub use sms_primitives::redact::RawBody;
pub use sms_primitives::{PhoneNumberError, Secret};
pub use status::{DeliveryStatus, StatusCode};
pub use webhook::{DeliveryReportEvent, ReplyEvent};

/// The `User-Agent` of this crate's requests.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
