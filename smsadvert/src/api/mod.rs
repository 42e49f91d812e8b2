//! Requests and responses, one module per endpoint.

pub(crate) mod callback;
#[cfg(test)]
mod properties;
pub(crate) mod sms;
