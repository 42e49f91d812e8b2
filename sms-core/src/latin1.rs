//! ISO-8859-1 (Latin-1): encoding outgoing text for gateways that expect it, and
//! decoding server bodies that are not always UTF-8.

use std::borrow::Cow;

/// Whether `c` exists in ISO-8859-1 (U+0000 to U+00FF).
///
/// ```
/// # use sms_primitives::latin1;
/// assert!(latin1::is_latin1('é'));
/// assert!(!latin1::is_latin1('€')); // € is in Windows-1252 and ISO-8859-15, not Latin-1
/// ```
pub const fn is_latin1(c: char) -> bool {
    (c as u32) <= 0xFF
}

/// Encodes `text` as ISO-8859-1, replacing each character outside it by `replacement`
/// (which must itself be Latin-1; `?` is what most gateways use).
///
/// ```
/// # use sms_primitives::latin1;
/// assert_eq!(latin1::encode_lossy("Été 5€", b'?'), b"\xC9t\xE9 5?".to_vec());
/// ```
pub fn encode_lossy(text: &str, replacement: u8) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(replacement))
        .collect()
}

/// The characters of `text` that ISO-8859-1 cannot carry, with their byte offsets, so
/// a caller can see before sending what would be replaced.
///
/// ```
/// # use sms_primitives::latin1;
/// let bad: Vec<_> = latin1::unmappable("Prix : 5€ ✓").collect();
/// assert_eq!(bad, [(8, '€'), (12, '✓')]);
/// ```
pub fn unmappable(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter(|&(_, c)| !is_latin1(c))
}

/// Decodes ISO-8859-1 bytes; every byte is a character, so this cannot fail.
///
/// ```
/// # use sms_primitives::latin1;
/// assert_eq!(latin1::decode(b"Message envoy\xE9"), "Message envoyé");
/// ```
pub fn decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Decodes a server body: UTF-8 when it is valid UTF-8 (borrowed), ISO-8859-1
/// otherwise. Never fails, so a garbled body can always be kept in an error.
///
/// ```
/// # use sms_primitives::latin1;
/// assert_eq!(latin1::decode_utf8_or_latin1("envoyé".as_bytes()), "envoyé");
/// assert_eq!(latin1::decode_utf8_or_latin1(b"envoy\xE9"), "envoyé");
/// ```
pub fn decode_utf8_or_latin1(bytes: &[u8]) -> Cow<'_, str> {
    match core::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(decode(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_latin1_byte_round_trips() {
        let bytes: Vec<u8> = (0..=255).collect();
        let text = decode(&bytes);
        assert_eq!(encode_lossy(&text, b'?'), bytes);
        assert_eq!(unmappable(&text).count(), 0);
    }

    #[test]
    fn outside_latin1_is_replaced() {
        assert_eq!(encode_lossy("ș😀", b'?'), b"??");
        assert_eq!(encode_lossy("", b'?'), b"");
    }
}
