//! Requests and responses, one module per endpoint.

#[cfg(test)]
mod properties;
pub mod push;
pub mod pushes;
