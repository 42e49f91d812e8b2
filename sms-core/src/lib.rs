#![doc = include_str!("lib.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod datetime;
pub mod encoding;
pub mod latin1;
pub mod phone;
pub mod redact;
mod secret;
mod sender;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

pub use encoding::{Analysis, Encoding, analyze};
pub use phone::{PhoneNumber, PhoneNumberError, Region, UnknownRegion};
pub use secret::Secret;
pub use sender::{MAX_ALPHANUMERIC_LEN, MAX_NUMERIC_LEN, SenderId, SenderIdError, SenderIdKind};
