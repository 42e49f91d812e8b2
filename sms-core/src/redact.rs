//! Masking for text that may hold phone numbers (server bodies kept in errors),
//! so that `Debug` and `Display` never show one.

use core::fmt;
use std::borrow::Cow;

/// Runs of at least this many digits are masked: phone numbers are longer, while
/// status codes, counts and dates stay readable.
pub const MIN_MASKED_DIGITS: usize = 7;

/// Replaces every run of [`MIN_MASKED_DIGITS`] or more ASCII digits with `*`, keeping
/// the last two digits of the run. Borrows when there is nothing to mask.
///
/// # Examples
///
/// ```
/// use sms_primitives::redact::mask_digit_runs;
///
/// assert_eq!(mask_digit_runs("phone 237694124344 is invalid"), "phone **********44 is invalid");
/// assert_eq!(mask_digit_runs("error -5 at 2026-11-21"), "error -5 at 2026-11-21");
/// ```
pub fn mask_digit_runs(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start >= MIN_MASKED_DIGITS {
                runs.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    if runs.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in runs {
        // Digit runs are ASCII, so these are char boundaries.
        out.push_str(text.get(last..start).unwrap_or_default());
        out.extend(std::iter::repeat_n('*', end - start - 2));
        out.push_str(text.get(end - 2..end).unwrap_or_default());
        last = end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    Cow::Owned(out)
}

/// Shortens `text` to at most `max_chars` characters for display, marking the cut.
///
/// ```
/// use sms_primitives::redact::truncate_for_display;
///
/// assert_eq!(truncate_for_display("<html><body>Bad Gateway</body></html>", 12), "<html><body>…");
/// assert_eq!(truncate_for_display("short", 12), "short");
/// ```
pub fn truncate_for_display(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => Cow::Owned(format!("{}…", text.get(..cut).unwrap_or_default())),
        None => Cow::Borrowed(text),
    }
}

/// A response body kept in an error. `Debug` and `Display` show it shortened and with
/// digit runs masked; [`RawBody::as_str`] and [`RawBody::as_bytes`] give it whole.
#[derive(Clone, PartialEq, Eq)]
pub struct RawBody {
    bytes: Vec<u8>,
    text: String,
}

impl RawBody {
    /// Keeps `bytes` as received, decoded as UTF-8 or else ISO-8859-1.
    ///
    /// ```
    /// use sms_primitives::redact::RawBody;
    ///
    /// let body = RawBody::new(b"Num\xe9ro 237694124344 invalide");
    /// assert_eq!(body.as_str(), "Numéro 237694124344 invalide");
    /// assert_eq!(body.to_string(), "\"Numéro **********44 invalide\"");
    /// ```
    pub fn new(bytes: &[u8]) -> Self {
        Self {
            bytes: bytes.to_vec(),
            // Not always UTF-8: fall back to Latin-1 rather than fail.
            text: crate::latin1::decode_utf8_or_latin1(bytes).into_owned(),
        }
    }

    /// The body decoded as UTF-8, or as ISO-8859-1 when it is not valid UTF-8.
    ///
    /// ```
    /// # use sms_primitives::redact::RawBody;
    /// assert_eq!(RawBody::new(b"ok").as_str(), "ok");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The bytes as received.
    ///
    /// ```
    /// # use sms_primitives::redact::RawBody;
    /// assert_eq!(RawBody::new(b"\xff").as_bytes(), b"\xff");
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Display for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text.trim().is_empty() {
            return f.write_str("(empty body)");
        }
        let shown = truncate_for_display(&self.text, 200);
        write!(f, "{:?}", mask_digit_runs(&shown))
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawBody({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_every_long_run() {
        assert_eq!(
            mask_digit_runs("+33612345678,40740123456"),
            "+*********78,*********56"
        );
        assert_eq!(mask_digit_runs("1234567"), "*****67");
        assert_eq!(mask_digit_runs("123456"), "123456");
        assert_eq!(mask_digit_runs(""), "");
        assert_eq!(mask_digit_runs("é1234567é"), "é*****67é");
    }

    #[test]
    fn raw_body_display() {
        assert_eq!(RawBody::new(b"").to_string(), "(empty body)");
        assert_eq!(RawBody::new(b" \r\n").to_string(), "(empty body)");
        let long = RawBody::new("x".repeat(500).as_bytes());
        assert_eq!(long.to_string().chars().count(), 200 + 3);
        assert_eq!(format!("{:?}", RawBody::new(b"a")), "RawBody(\"a\")");
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate_for_display("ééé", 2), "éé…");
        assert_eq!(truncate_for_display("ééé", 3), "ééé");
    }
}
