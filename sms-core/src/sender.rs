//! Sender ids (the "from" of an SMS, GSM TP-OA).

use core::fmt;
use core::str::FromStr;

use crate::encoding::gsm7;

/// Longest alphanumeric sender id: 11 characters (TP-OA carries 11 packed septets).
pub const MAX_ALPHANUMERIC_LEN: usize = 11;
/// Longest numeric sender id: 15 digits (an E.164 number).
pub const MAX_NUMERIC_LEN: usize = 15;

/// The two kinds of sender id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum SenderIdKind {
    /// Text such as a brand name: at most 11 GSM-7 characters.
    Alphanumeric,
    /// Digits only (a phone number or short code), an optional leading `+`: at most 15 digits.
    Numeric,
}

/// Why a sender id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SenderIdError {
    /// The sender id is empty.
    #[error("the sender id is empty")]
    Empty,
    /// An alphanumeric sender id is longer than 11 characters.
    #[error(
        "an alphanumeric sender id has at most {MAX_ALPHANUMERIC_LEN} characters, this one has {len}"
    )]
    TooLongAlphanumeric {
        /// Characters given.
        len: usize,
    },
    /// A numeric sender id is longer than 15 digits.
    #[error("a numeric sender id has at most {MAX_NUMERIC_LEN} digits, this one has {len}")]
    TooLongNumeric {
        /// Digits given.
        len: usize,
    },
    /// A character outside the GSM 7-bit default alphabet, or a control character.
    #[error("the sender id has a character that is not allowed: {character:?}")]
    InvalidCharacter {
        /// The first character refused.
        character: char,
    },
    /// Leading or trailing white space (operators strip or reject it).
    #[error("the sender id starts or ends with white space")]
    SurroundingWhitespace,
}

/// A sender id checked against the GSM rules every operator applies: alphanumeric
/// (at most 11 characters of the GSM 7-bit default alphabet, no control characters and
/// no extension characters) or numeric (at most 15 digits, optional leading `+`).
/// Provider crates add their own, stricter rules on top.
///
/// A numeric sender id may be somebody's phone number, so `Debug` and `Display` mask
/// its digits; [`SenderId::as_str`] gives the value.
///
/// # Examples
///
/// ```
/// use sms_primitives::{SenderId, SenderIdKind};
///
/// let s: SenderId = "MaBoutique".parse()?;
/// assert_eq!((s.as_str(), s.kind()), ("MaBoutique", SenderIdKind::Alphanumeric));
///
/// let n = SenderId::new("+33612345678")?;
/// assert_eq!(n.kind(), SenderIdKind::Numeric);
/// assert_eq!(n.to_string(), "+*********78");
///
/// assert!(SenderId::new("MaBoutiqueParis").is_err()); // 15 characters
/// # Ok::<(), sms_primitives::SenderIdError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SenderId {
    value: String,
    kind: SenderIdKind,
}

impl SenderId {
    /// Checks and wraps a sender id.
    ///
    /// # Errors
    ///
    /// [`SenderIdError`] when the value is empty, too long for its kind, has white
    /// space around it or has a character outside the GSM 7-bit default alphabet.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_primitives::{SenderId, SenderIdError};
    ///
    /// assert!(SenderId::new("Orange CI").is_ok());
    /// assert_eq!(SenderId::new(""), Err(SenderIdError::Empty));
    /// ```
    pub fn new(value: impl Into<String>) -> Result<Self, SenderIdError> {
        let value = value.into();
        let kind = Self::check(&value)?;
        Ok(Self { value, kind })
    }

    fn check(value: &str) -> Result<SenderIdKind, SenderIdError> {
        if value.is_empty() {
            return Err(SenderIdError::Empty);
        }
        if value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace) {
            return Err(SenderIdError::SurroundingWhitespace);
        }
        let digits = value.strip_prefix('+').unwrap_or(value);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return if digits.len() > MAX_NUMERIC_LEN {
                Err(SenderIdError::TooLongNumeric { len: digits.len() })
            } else {
                Ok(SenderIdKind::Numeric)
            };
        }
        if let Some(character) = value
            .chars()
            .find(|&c| c.is_control() || gsm7::width(c) != Some(1))
        {
            return Err(SenderIdError::InvalidCharacter { character });
        }
        let len = value.chars().count();
        if len > MAX_ALPHANUMERIC_LEN {
            return Err(SenderIdError::TooLongAlphanumeric { len });
        }
        Ok(SenderIdKind::Alphanumeric)
    }

    /// The sender id as given (unmasked, for the wire).
    ///
    /// ```
    /// # use sms_primitives::SenderId;
    /// assert_eq!(SenderId::new("36180")?.as_str(), "36180");
    /// # Ok::<(), sms_primitives::SenderIdError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Alphanumeric or numeric.
    ///
    /// ```
    /// # use sms_primitives::{SenderId, SenderIdKind};
    /// assert_eq!(SenderId::new("36180")?.kind(), SenderIdKind::Numeric);
    /// # Ok::<(), sms_primitives::SenderIdError>(())
    /// ```
    pub const fn kind(&self) -> SenderIdKind {
        self.kind
    }
}

impl fmt::Display for SenderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            SenderIdKind::Alphanumeric => f.write_str(&self.value),
            SenderIdKind::Numeric => crate::phone::write_masked(f, &self.value),
        }
    }
}

impl fmt::Debug for SenderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SenderId({self})")
    }
}

impl FromStr for SenderId {
    type Err = SenderIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<&str> for SenderId {
    type Error = SenderIdError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl TryFrom<String> for SenderId {
    type Error = SenderIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl AsRef<str> for SenderId {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SenderId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.value)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SenderId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphanumeric_boundaries() {
        assert_eq!(
            SenderId::new("A").unwrap().kind(),
            SenderIdKind::Alphanumeric
        );
        assert!(SenderId::new("ABCDEFGHIJK").is_ok());
        assert_eq!(
            SenderId::new("ABCDEFGHIJKL"),
            Err(SenderIdError::TooLongAlphanumeric { len: 12 })
        );
        // Accented GSM-7 letters count one character each.
        assert!(SenderId::new("Café Élysée").is_ok());
        assert!(SenderId::new("Mr. Smith").is_ok());
        assert!(SenderId::new("2FA-Code").is_ok());
    }

    #[test]
    fn numeric_boundaries() {
        assert_eq!(
            SenderId::new("123456789012345").unwrap().kind(),
            SenderIdKind::Numeric
        );
        assert_eq!(
            SenderId::new("+123456789012345").unwrap().kind(),
            SenderIdKind::Numeric
        );
        assert_eq!(
            SenderId::new("1234567890123456"),
            Err(SenderIdError::TooLongNumeric { len: 16 })
        );
        assert_eq!(
            SenderId::new("36180").unwrap().kind(),
            SenderIdKind::Numeric
        );
    }

    #[test]
    fn refused() {
        assert_eq!(SenderId::new(""), Err(SenderIdError::Empty));
        assert_eq!(
            SenderId::new(" Shop"),
            Err(SenderIdError::SurroundingWhitespace)
        );
        assert_eq!(
            SenderId::new("Shop\n"),
            Err(SenderIdError::SurroundingWhitespace)
        );
        assert_eq!(
            SenderId::new("Șop"),
            Err(SenderIdError::InvalidCharacter { character: 'Ș' })
        );
        assert_eq!(
            SenderId::new("A[B]"),
            Err(SenderIdError::InvalidCharacter { character: '[' })
        );
        assert_eq!(
            SenderId::new("a\u{0}b"),
            Err(SenderIdError::InvalidCharacter { character: '\0' })
        );
    }

    #[test]
    fn numeric_ids_are_masked() {
        let s = SenderId::new("+33612345678").unwrap();
        assert!(!format!("{s} {s:?}").contains("612345"));
        let s = SenderId::new("Shop").unwrap();
        assert_eq!(format!("{s} {s:?}"), "Shop SenderId(Shop)");
    }
}

#[cfg(all(test, feature = "serde"))]
mod serde_tests {
    use super::*;

    #[test]
    fn round_trip_and_validation() {
        let s = SenderId::new("Shop").unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"Shop\"");
        assert_eq!(serde_json::from_str::<SenderId>("\"Shop\"").unwrap(), s);
        assert!(serde_json::from_str::<SenderId>("\"MuchTooLongSender\"").is_err());
        assert_eq!(
            serde_json::to_string(&SenderIdKind::Numeric).unwrap(),
            "\"numeric\""
        );
    }
}
