//! Requests and responses, one module per endpoint.

pub mod push;
pub mod pushes;
