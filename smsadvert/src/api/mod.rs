//! Requests and responses, one module per endpoint.

pub mod callback;
pub mod sms;
