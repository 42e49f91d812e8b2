#![doc = include_str!("../README.md")]

pub mod api;
mod client;
mod error;
mod http;

pub use api::callback::{CallbackError, DeliveryReport, DeliveryStatus};
pub use api::sms::{
    MAX_MESSAGE_CHARS, MAX_RECIPIENTS, MIN_MESSAGE_CHARS, MsgId, Route, SendResponse, SmsRequest,
};
pub use client::{Client, ClientBuilder, Host, SMS_PATH};
pub use error::{Error, Field, FieldError, InvalidRequest};
pub use http::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use sms_primitives::redact::RawBody;
pub use sms_primitives::{PhoneNumber, PhoneNumberError, Region, Secret};
