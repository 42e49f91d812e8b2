//! Masking for text that may hold phone numbers or credentials (server bodies kept in
//! errors, request previews), so that `Debug` and `Display` never show one.
//!
//! Two tools, used together:
//! - [`mask_digit_runs`] hides anything that looks like a phone number, written with or
//!   without separators (`+237694124344`, `0740 123 456`, `+40-740-123-456`).
//! - a [`Redactor`] knows a client's own credentials and hides each of them in every
//!   encoding the client may have sent it in (raw, form- or percent-encoded in UTF-8 or
//!   ISO-8859-1, XML-escaped, JSON-escaped, Base64 for HTTP Basic), since a gateway's
//!   error page may echo the request in any of them.

use core::fmt;
use std::borrow::Cow;
use std::sync::Arc;

use base64::Engine as _;

/// Numbers with at least this many digits are masked: phone numbers are longer, while
/// status codes, counts and times stay readable.
pub const MIN_MASKED_DIGITS: usize = 7;

/// What a masked credential is replaced with.
pub const MASK: &str = "***";

/// Separators that may stand between the digit groups of a written phone number.
const fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'.' | b'/' | b'(' | b')')
}

/// One digit group of a number-like run: its byte range.
type Group = (usize, usize);

/// Whether three groups are a date (`2026-11-21`, `21/11/2026`, `21.11.2026`), which is
/// kept readable: same single separator, sizes 4-2-2 or 2-2-4.
fn is_date(bytes: &[u8], g: &[Group]) -> bool {
    let [a, b, c] = g else { return false };
    let sizes = (a.1 - a.0, b.1 - b.0, c.1 - c.0);
    let sep1 = bytes.get(a.1..b.0);
    let sep2 = bytes.get(b.1..c.0);
    matches!(sizes, (4, 2, 2) | (2, 2, 4))
        && sep1 == sep2
        && matches!(sep1, Some([b'-' | b'/' | b'.']))
}

/// Replaces the digits of every number of [`MIN_MASKED_DIGITS`] or more digits with
/// `*`, keeping the last two. A number may be written with separators between its
/// digit groups (spaces, `-`, `.`, `/`, parentheses; at most two in a row), so
/// `0740 123 456` is masked like `0740123456`. Dates (`2026-11-21`, `21/11/2026`) and
/// times stay readable. Borrows when there is nothing to mask.
///
/// # Examples
///
/// ```
/// use sms_primitives::redact::mask_digit_runs;
///
/// assert_eq!(mask_digit_runs("phone 237694124344 is invalid"), "phone **********44 is invalid");
/// assert_eq!(mask_digit_runs("to 0740 123 456"), "to **** *** *56");
/// assert_eq!(mask_digit_runs("error -5 at 2026-11-21 10:00:00"), "error -5 at 2026-11-21 10:00:00");
/// ```
pub fn mask_digit_runs(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // Byte ranges of the runs to mask (each a list of digit groups).
    let mut runs: Vec<Vec<Group>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        // Collect the groups of this run.
        let mut groups: Vec<Group> = Vec::new();
        loop {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            groups.push((start, i));
            // Up to two separators, then a digit, continue the run.
            let mut j = i;
            while j < i + 2 && bytes.get(j).copied().is_some_and(is_separator) {
                j += 1;
            }
            if j > i && bytes.get(j).is_some_and(u8::is_ascii_digit) {
                i = j;
            } else {
                break;
            }
        }
        // A leading date is kept; what follows it is judged on its own.
        let mut rest: &[Group] = &groups;
        if rest.get(..3).is_some_and(|g| is_date(bytes, g)) {
            rest = rest.get(3..).unwrap_or_default();
        }
        let digits: usize = rest.iter().map(|(s, e)| e - s).sum();
        if digits >= MIN_MASKED_DIGITS {
            runs.push(rest.to_vec());
        }
    }
    if runs.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for groups in runs {
        let digits: usize = groups.iter().map(|(s, e)| e - s).sum();
        let mut to_mask = digits - 2;
        for (s, e) in groups {
            for b in out.iter_mut().take(e).skip(s) {
                if to_mask == 0 {
                    break;
                }
                *b = b'*';
                to_mask -= 1;
            }
        }
    }
    // Only ASCII digits were replaced with ASCII: still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
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

/// Hides a client's own credentials in text it shows: each credential in every encoding
/// the client may have put it on the wire with, so that an error page echoing the
/// request cannot print it back.
///
/// The encodings covered, for each value given: as is; XML-escaped (fully, or only
/// `&`, `<`, `>`); JSON-escaped (with non-ASCII as is or as `\uXXXX`); each of those
/// form-encoded (`+` for space) and percent-encoded (`%20`), with upper- or
/// lower-case hex, from UTF-8 or ISO-8859-1 bytes; and, for [`Redactor::basic_auth`],
/// the Base64 of `user:password`. Cheap to clone (shared).
///
/// ```
/// use sms_primitives::redact::Redactor;
///
/// let r = Redactor::new(["p@ss w&rd"]).basic_auth("me", "p@ss w&rd");
/// let echo = "password=p%40ss+w%26rd xml=p@ss w&amp;rd auth=Basic bWU6cEBzcyB3JnJk";
/// assert_eq!(r.redact(echo), "password=*** xml=*** auth=Basic ***");
/// ```
#[derive(Clone, Default)]
pub struct Redactor {
    // Longest first, so that a shorter form never leaves part of a longer one.
    patterns: Arc<[Vec<u8>]>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redactor({} patterns)", self.patterns.len())
    }
}

/// Percent-encodes bytes: unreserved characters kept, space as `+` or `%20`.
fn percent(bytes: &[u8], plus_for_space: bool, lower: bool) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b));
            }
            b' ' if plus_for_space => out.push('+'),
            _ if lower => out.push_str(&format!("%{b:02x}")),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// XML escaping of text content, the minimal way (`"` and `'` left as they are).
fn xml_min_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// JSON escaping with every non-ASCII character as `\uXXXX` (UTF-16), as some servers
/// write it.
fn json_ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in json_escape(s).chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0_u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

impl Redactor {
    /// A redactor for these credential values (empty ones are ignored).
    pub fn new<I, S>(secrets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for secret in secrets {
            add_variants(&mut patterns, secret.as_ref());
        }
        Self::default().with(patterns)
    }

    /// Also hides the Base64 `user:password` of HTTP Basic authentication (and the
    /// password itself in every encoding).
    #[must_use]
    pub fn basic_auth(self, user: &str, password: &str) -> Self {
        let mut patterns: Vec<Vec<u8>> = self.patterns.iter().cloned().collect();
        add_variants(&mut patterns, password);
        let token = format!("{user}:{password}");
        for engine in [
            &base64::engine::general_purpose::STANDARD,
            &base64::engine::general_purpose::URL_SAFE,
        ] {
            let encoded = engine.encode(token.as_bytes());
            // Without the padding too, which some echoes drop.
            patterns.push(encoded.trim_end_matches('=').as_bytes().to_vec());
            patterns.push(encoded.into_bytes());
        }
        Self::default().with(patterns)
    }

    fn with(mut self, mut patterns: Vec<Vec<u8>>) -> Self {
        patterns.retain(|p| !p.is_empty());
        patterns.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        patterns.dedup();
        self.patterns = patterns.into();
        self
    }

    /// Whether this redactor hides anything.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// `text` with every known form of every credential replaced by [`MASK`].
    /// Borrows when there is nothing to hide.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        for pattern in self.patterns.iter() {
            // Patterns that are not UTF-8 (ISO-8859-1 bytes) cannot occur in a str.
            let Ok(p) = core::str::from_utf8(pattern) else {
                continue;
            };
            if out.contains(p) {
                out = Cow::Owned(out.replace(p, MASK));
            }
        }
        out
    }

    /// The same for bytes (a body as received, whatever its charset).
    pub fn redact_bytes<'a>(&self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        let mut out = Cow::Borrowed(bytes);
        for pattern in self.patterns.iter() {
            if let Some(replaced) = replace_bytes(&out, pattern) {
                out = Cow::Owned(replaced);
            }
        }
        out
    }
}

/// Every encoding of `secret` this workspace's clients put on the wire.
fn add_variants(out: &mut Vec<Vec<u8>>, secret: &str) {
    if secret.is_empty() {
        return;
    }
    for base in [
        secret.to_owned(),
        xml_escape(secret),
        xml_min_escape(secret),
        json_escape(secret),
        json_ascii_escape(secret),
    ] {
        let latin1 = crate::latin1::encode_lossy(&base, b'?');
        for bytes in [base.as_bytes(), &latin1] {
            for (plus, lower) in [(true, false), (false, false), (true, true), (false, true)] {
                out.push(percent(bytes, plus, lower).into_bytes());
            }
        }
        out.push(latin1);
        out.push(base.into_bytes());
    }
}

fn replace_bytes(haystack: &[u8], needle: &[u8]) -> Option<Vec<u8>> {
    let first = haystack.windows(needle.len()).position(|w| w == needle)?;
    let mut out = Vec::with_capacity(haystack.len());
    out.extend_from_slice(haystack.get(..first).unwrap_or_default());
    let mut rest = haystack.get(first..).unwrap_or_default();
    while !rest.is_empty() {
        if rest.starts_with(needle) {
            out.extend_from_slice(MASK.as_bytes());
            rest = rest.get(needle.len()..).unwrap_or_default();
        } else if let Some((b, tail)) = rest.split_first() {
            out.push(*b);
            rest = tail;
        }
    }
    Some(out)
}

/// A response body kept in an error, with the client's credentials already hidden (see
/// [`Redactor`]). `Debug` and `Display` show it shortened and with phone numbers
/// masked; [`RawBody::to_text`] and [`RawBody::as_bytes`] give it whole.
#[derive(Clone, PartialEq, Eq)]
pub struct RawBody {
    // One copy: the bytes as received, credentials replaced by `***`.
    bytes: Vec<u8>,
}

impl RawBody {
    /// Keeps `bytes` with every form of the credentials `redactor` knows replaced.
    ///
    /// ```
    /// use sms_primitives::redact::{RawBody, Redactor};
    ///
    /// let body = RawBody::new(b"Num\xe9ro 237694124344 invalide pour pw=hunter2", &Redactor::new(["hunter2"]));
    /// assert_eq!(body.to_text(), "Numéro 237694124344 invalide pour pw=***");
    /// assert_eq!(body.to_string(), "\"Numéro **********44 invalide pour pw=***\"");
    /// ```
    pub fn new(bytes: &[u8], redactor: &Redactor) -> Self {
        Self {
            bytes: redactor.redact_bytes(bytes).into_owned(),
        }
    }

    /// The body decoded as UTF-8, or as ISO-8859-1 when it is not valid UTF-8.
    ///
    /// ```
    /// # use sms_primitives::redact::{RawBody, Redactor};
    /// assert_eq!(RawBody::new(b"ok", &Redactor::default()).to_text(), "ok");
    /// ```
    pub fn to_text(&self) -> Cow<'_, str> {
        // Not always UTF-8: fall back to Latin-1 rather than fail.
        crate::latin1::decode_utf8_or_latin1(&self.bytes)
    }

    /// The bytes as received (credentials hidden).
    ///
    /// ```
    /// # use sms_primitives::redact::{RawBody, Redactor};
    /// assert_eq!(RawBody::new(b"\xff", &Redactor::default()).as_bytes(), b"\xff");
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Display for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Decode only a prefix: a body may be large, and only 200 characters are shown.
        let head = self.bytes.get(..1024).unwrap_or(&self.bytes);
        let text = crate::latin1::decode_utf8_or_latin1(head);
        if text.trim().is_empty() && self.bytes.len() == head.len() {
            return f.write_str("(empty body)");
        }
        let mut shown = truncate_for_display(&text, 200).into_owned();
        if self.bytes.len() > head.len() && !shown.ends_with('…') {
            shown.push('…');
        }
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
    fn masks_numbers_written_with_separators() {
        for (input, masked) in [
            ("0740 123 456", "**** *** *56"),
            ("+40-740-123-456", "+**-***-***-*56"),
            ("+40 (740) 123 456", "+** (***) *** *56"),
            ("06.12.34.56.78", "**.**.**.**.78"),
            ("tel: 694 12 43 44.", "tel: *** ** ** 44."),
        ] {
            assert_eq!(mask_digit_runs(input), masked, "{input}");
        }
        for kept in [
            "2026-11-21",
            "21/11/2026 10:00",
            "21.11.2026",
            "code 12 34",
            "1 250 SMS",
            "2026-11-21 10:00:00",
        ] {
            assert_eq!(mask_digit_runs(kept), kept);
        }
        // A number right after a date is still masked.
        assert_eq!(
            mask_digit_runs("2026-11-21 0740123456"),
            "2026-11-21 ********56"
        );
    }

    #[test]
    fn redactor_covers_every_encoding() {
        let secret = "Sup3r&Sécret \"x\"<y>'";
        let r = Redactor::new([secret]).basic_auth("login", secret);
        let xml = xml_escape(secret);
        let json = json_escape(secret);
        let encodings = [
            secret.to_owned(),
            xml.clone(),
            xml_min_escape(secret),
            json.clone(),
            json_ascii_escape(secret),
            percent(secret.as_bytes(), true, false),
            percent(secret.as_bytes(), false, true),
            percent(&crate::latin1::encode_lossy(secret, b'?'), true, false),
            percent(xml.as_bytes(), true, false),
            percent(json.as_bytes(), false, false),
            base64::engine::general_purpose::STANDARD.encode(format!("login:{secret}")),
        ];
        for e in encodings {
            let text = format!("before {e} after");
            assert_eq!(r.redact(&text), "before *** after", "{e}");
            assert_eq!(&*r.redact_bytes(text.as_bytes()), b"before *** after");
        }
        let latin1 = crate::latin1::encode_lossy(&format!("[{secret}]"), b'?');
        assert_eq!(&*r.redact_bytes(&latin1), b"[***]");
        assert!(matches!(r.redact("nothing here"), Cow::Borrowed(_)));
        assert!(Redactor::new([""]).is_empty());
        assert!(!format!("{r:?}").contains("Sup3r"));
    }

    #[test]
    fn raw_body_display() {
        let none = Redactor::default();
        assert_eq!(RawBody::new(b"", &none).to_string(), "(empty body)");
        assert_eq!(RawBody::new(b" \r\n", &none).to_string(), "(empty body)");
        let long = RawBody::new("x".repeat(5000).as_bytes(), &none);
        assert_eq!(long.to_string().chars().count(), 200 + 3);
        assert_eq!(format!("{:?}", RawBody::new(b"a", &none)), "RawBody(\"a\")");
        let spaces = RawBody::new(" ".repeat(5000).as_bytes(), &none);
        assert!(spaces.to_string().ends_with("…\""));
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate_for_display("ééé", 2), "éé…");
        assert_eq!(truncate_for_display("ééé", 3), "ééé");
    }
}
