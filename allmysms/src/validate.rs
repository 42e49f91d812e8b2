//! The checks both APIs (v9 and REST) make before sending: one copy.

use sms_primitives::{PhoneNumber, Region};

use crate::api::send::{MAX_MESSAGE_CHARS, MAX_SENDER_CHARS};
use crate::error::InvalidRequest;

/// A message: not empty, at most [`MAX_MESSAGE_CHARS`] characters.
pub(crate) fn check_message(message: &str) -> Result<(), InvalidRequest> {
    if message.trim().is_empty() {
        return Err(InvalidRequest::EmptyMessage);
    }
    let chars = message.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        return Err(InvalidRequest::MessageTooLong {
            chars,
            max: MAX_MESSAGE_CHARS,
        });
    }
    Ok(())
}

/// A sender: "pas plus de 11 caractères alphanumériques" (the documentation's PHP sample).
pub(crate) fn check_sender(tpoa: &str) -> Result<(), InvalidRequest> {
    let ok = !tpoa.is_empty()
        && tpoa.chars().count() <= MAX_SENDER_CHARS
        && tpoa.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
        && !tpoa.starts_with(' ')
        && !tpoa.ends_with(' ');
    if ok {
        Ok(())
    } else {
        Err(InvalidRequest::InvalidSender)
    }
}

/// A recipient as both APIs take it: international digits without `+` (French national
/// input is read as French).
pub(crate) fn international(raw: &str, index: usize) -> Result<String, InvalidRequest> {
    PhoneNumber::parse_with_region(raw.trim(), Region::FR)
        .map(|p| p.international_digits().to_owned())
        .map_err(|source| InvalidRequest::InvalidPhone { index, source })
}
