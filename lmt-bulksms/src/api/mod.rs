//! Requests and responses, one module per endpoint.

#[cfg(test)]
mod properties;
pub(crate) mod push;
pub(crate) mod pushes;
