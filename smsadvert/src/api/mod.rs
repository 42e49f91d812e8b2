//! Requests and responses, one module per endpoint.

pub mod callback;
#[cfg(test)]
mod properties;
pub mod sms;
