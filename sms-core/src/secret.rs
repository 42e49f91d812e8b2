//! A string that holds a credential and never shows it.

use core::fmt;

use subtle::ConstantTimeEq as _;
use zeroize::Zeroize as _;

/// A credential (password, API key, token) that prints as `***` and is compared in
/// constant time. The value is read only through [`Secret::expose`], so every place
/// that uses it is easy to find.
///
/// The bytes are overwritten with zeros when the secret is dropped (best effort: copies
/// the allocator or the caller made are out of reach).
///
/// With the `serde` feature a `Secret` can be deserialized (from configuration files);
/// it deliberately does not implement `Serialize`.
///
/// # Examples
///
/// ```
/// use sms_primitives::Secret;
///
/// let key = Secret::new("s3cr3t-api-key");
/// assert_eq!(format!("{key} {key:?}"), "*** Secret(***)");
/// assert_eq!(key.expose(), "s3cr3t-api-key");
/// assert_eq!(key, Secret::from("s3cr3t-api-key"));
/// ```
#[derive(Clone, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    ///
    /// ```
    /// # use sms_primitives::Secret;
    /// let s = Secret::new(String::from("token"));
    /// assert_eq!(s.to_string(), "***");
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself: call this only where it is put on the wire.
    ///
    /// ```
    /// # use sms_primitives::Secret;
    /// assert_eq!(Secret::new("token").expose(), "token");
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the credential is empty (a common configuration mistake).
    ///
    /// ```
    /// # use sms_primitives::Secret;
    /// assert!(Secret::new("").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Secret {
    /// Constant time in the content (`subtle`); the length of the values may leak.
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl Drop for Secret {
    /// Zeroes the bytes (`zeroize`, which the optimiser cannot remove).
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_printed() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{s:#?}"), "Secret(***)");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Config {
            key: Secret,
        }
        assert!(!format!("{:?}", Config { key: s }).contains("hunter2"));
    }

    #[test]
    fn equality() {
        assert_eq!(Secret::new("abc"), Secret::new("abc"));
        assert_ne!(Secret::new("abc"), Secret::new("abd"));
        assert_ne!(Secret::new("abc"), Secret::new("abcd"));
        assert_ne!(Secret::new(""), Secret::new("a"));
        assert_eq!(Secret::new(""), Secret::new(""));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserializes() {
        let s: Secret = serde_json::from_str("\"k\"").unwrap();
        assert_eq!(s.expose(), "k");
    }
}
