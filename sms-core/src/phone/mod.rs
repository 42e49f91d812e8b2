//! Phone numbers in E.164 form, parsed from what people type.
//!
//! Validation is structural: the country calling code must be one in force, and the
//! national significant number must have a length that country uses (both from
//! libphonenumber's metadata, see `tools/gen_phone_tables.py`), within E.164's 15
//! digits. It does not check number ranges: with the `libphonenumber` feature,
//! `PhoneNumber::parse_validated` does.

mod tables;
#[cfg(feature = "libphonenumber")]
mod validated;

use core::fmt;
use core::str::FromStr;

pub use tables::Region;
use tables::{COUNTRY_CODES, REGIONS};

/// Most digits an E.164 number has, country calling code included.
pub const E164_MAX_DIGITS: usize = 15;

/// Why a phone number was refused. It never contains the number itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhoneNumberError {
    /// The input has no digits.
    #[error("the phone number is empty")]
    Empty,
    /// A character that is neither a digit, a leading `+` nor a separator
    /// (white space, `.`, `-`, `/`, parentheses).
    #[error("the phone number has a character that is not allowed: {character:?}")]
    InvalidCharacter {
        /// The first character refused.
        character: char,
    },
    /// A `+` that does not start the number.
    #[error("`+` may only start a phone number")]
    MisplacedPlus,
    /// A national number (no `+` nor `00`) was given without a default region.
    #[error("the phone number is not in international form and no default region was given")]
    MissingRegion,
    /// No country calling code in force starts the number.
    #[error("the phone number does not start with a known country calling code")]
    UnknownCountryCode,
    /// Too few digits for the country.
    #[error(
        "too short for +{country_code}: {len} digits in the national number, at least {min} expected"
    )]
    TooShort {
        /// Country calling code.
        country_code: u16,
        /// Digits of the national significant number given.
        len: usize,
        /// Fewest digits that country uses.
        min: usize,
    },
    /// Too many digits for the country, or for E.164.
    #[error(
        "too long for +{country_code}: {len} digits in the national number, at most {max} expected"
    )]
    TooLong {
        /// Country calling code (0 when the input is too long to find one).
        country_code: u16,
        /// Digits of the national significant number given.
        len: usize,
        /// Most digits that country uses.
        max: usize,
    },
    /// libphonenumber does not consider the number valid for its country
    /// (only from `PhoneNumber::parse_validated`).
    #[error("the phone number is not a valid number for its country")]
    NotValid,
}

/// Why a region code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown region code (expected an ISO 3166-1 alpha-2 code such as CM, FR or RO)")]
pub struct UnknownRegion;

/// A region's facts, in a table generated from libphonenumber's metadata.
pub(crate) struct RegionData {
    pub(crate) region: Region,
    pub(crate) code: &'static str,
    pub(crate) calling_code: u16,
    pub(crate) national_prefix: Option<&'static str>,
    pub(crate) international_prefix: Option<&'static str>,
    pub(crate) name: &'static str,
}

impl Region {
    /// The ISO 3166-1 alpha-2 code, e.g. `"CM"`.
    ///
    /// ```
    /// # use sms_primitives::Region;
    /// assert_eq!(Region::CI.code(), "CI");
    /// ```
    pub fn code(self) -> &'static str {
        self.data().code
    }

    /// The English name of the region.
    ///
    /// ```
    /// # use sms_primitives::Region;
    /// assert_eq!(Region::CM.name(), "Cameroon");
    /// ```
    pub fn name(self) -> &'static str {
        self.data().name
    }

    /// The country calling code.
    ///
    /// ```
    /// # use sms_primitives::Region;
    /// assert_eq!(Region::CM.calling_code(), 237);
    /// assert_eq!(Region::CI.calling_code(), 225);
    /// ```
    pub fn calling_code(self) -> u16 {
        self.data().calling_code
    }

    /// The national (trunk) prefix dialled before national numbers, if any.
    ///
    /// ```
    /// # use sms_primitives::Region;
    /// assert_eq!(Region::FR.national_prefix(), Some("0"));
    /// assert_eq!(Region::CM.national_prefix(), None);
    /// ```
    pub fn national_prefix(self) -> Option<&'static str> {
        self.data().national_prefix
    }

    /// Every region, in code order.
    ///
    /// ```
    /// # use sms_primitives::Region;
    /// assert!(Region::all().any(|r| r == Region::RO));
    /// ```
    pub fn all() -> impl Iterator<Item = Region> {
        REGIONS.iter().map(|d| d.region)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Region {
    type Err = UnknownRegion;

    /// Parses an ISO 3166-1 alpha-2 code, in any case.
    ///
    /// ```
    /// # use sms_primitives::Region;
    /// assert_eq!("cm".parse::<Region>(), Ok(Region::CM));
    /// assert!("XX".parse::<Region>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        REGIONS
            .iter()
            .find(|d| d.code.eq_ignore_ascii_case(s))
            .map(|d| d.region)
            .ok_or(UnknownRegion)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Region {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The possible lengths of national significant numbers under a calling code.
#[derive(Clone, Copy)]
struct Lengths {
    mask: u32,
    main: Option<Region>,
    /// The digits libphonenumber's national prefix for parsing of the main region can
    /// start with (bit d: digit d), used by `validated`'s fast path.
    #[cfg_attr(not(feature = "libphonenumber"), allow(dead_code))]
    prefix_starts: u16,
}

impl Lengths {
    fn of(country_code: u16) -> Option<Self> {
        COUNTRY_CODES
            .binary_search_by_key(&country_code, |&(cc, ..)| cc)
            .ok()
            .and_then(|i| COUNTRY_CODES.get(i))
            .map(|&(_, mask, main, prefix_starts)| Self {
                mask,
                main,
                prefix_starts,
            })
    }

    fn possible(self, n: usize) -> bool {
        n < 32 && self.mask & (1 << n) != 0
    }

    fn min(self) -> usize {
        self.mask.trailing_zeros() as usize
    }

    fn max(self) -> usize {
        31usize.saturating_sub(self.mask.leading_zeros() as usize)
    }
}

/// Digits collected from the input, without separators.
struct Digits {
    buf: [u8; 20],
    len: usize,
    plus: bool,
}

impl Digits {
    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

/// The decimal value of `c` for the digit scripts libphonenumber also accepts.
fn digit_value(c: char) -> Option<u8> {
    let base = match c {
        '0'..='9' => '0',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}', // fullwidth
        '\u{0660}'..='\u{0669}' => '\u{0660}', // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}', // Extended Arabic-Indic
        _ => return None,
    };
    u8::try_from(u32::from(c) - u32::from(base)).ok()
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | '-' | '/' | '(' | ')' | '[' | ']' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        )
}

fn collect_digits(input: &str) -> Result<Digits, PhoneNumberError> {
    let mut d = Digits {
        buf: [0; 20],
        len: 0,
        plus: false,
    };
    for c in input.chars() {
        if let Some(v) = digit_value(c) {
            match d.buf.get_mut(d.len) {
                Some(slot) => *slot = b'0' + v,
                None => {
                    return Err(PhoneNumberError::TooLong {
                        country_code: 0,
                        len: d.len + 1,
                        max: E164_MAX_DIGITS,
                    });
                }
            }
            d.len += 1;
        } else if c == '+' || c == '\u{FF0B}' {
            if d.plus || d.len > 0 {
                return Err(PhoneNumberError::MisplacedPlus);
            }
            d.plus = true;
        } else if !is_separator(c) {
            return Err(PhoneNumberError::InvalidCharacter { character: c });
        }
    }
    if d.len == 0 {
        return Err(PhoneNumberError::Empty);
    }
    Ok(d)
}

/// A phone number in E.164 form: a country calling code and a national significant
/// number, at most 15 digits in all. `Copy`, and allocation-free.
///
/// `Debug` and `Display` mask the number (`+237*******44`) so it cannot reach logs by
/// accident; [`e164`](Self::e164) and [`international_digits`](Self::international_digits)
/// give the value to put on the wire.
///
/// # Examples
///
/// ```
/// use sms_primitives::{PhoneNumber, Region};
///
/// let n: PhoneNumber = "+237 6 94 12 43 44".parse()?;
/// assert_eq!(n.e164(), "+237694124344");
/// assert_eq!(n.international_digits(), "237694124344");
/// assert_eq!((n.country_calling_code(), n.national_number()), (237, "694124344"));
/// assert_eq!(n.to_string(), "+237*******44");
///
/// let fr = PhoneNumber::parse_with_region("06 12 34 56 78", Region::FR)?;
/// assert_eq!(fr.e164(), "+33612345678");
/// # Ok::<(), sms_primitives::PhoneNumberError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber {
    /// `+` then the digits, ASCII.
    buf: [u8; E164_MAX_DIGITS + 1],
    len: u8,
    cc_len: u8,
}

impl PhoneNumber {
    /// Parses a number in international form: `+` or `00`, then the country calling
    /// code. Separators (white space including no-break spaces, `.`, `-`, `/`,
    /// parentheses) are ignored.
    ///
    /// # Errors
    ///
    /// [`PhoneNumberError`]: no digits, a letter or other stray character, a misplaced
    /// `+`, a national number ([`MissingRegion`](PhoneNumberError::MissingRegion)), an
    /// unknown country calling code, or a length the country does not use.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_primitives::{PhoneNumber, PhoneNumberError};
    ///
    /// assert_eq!(PhoneNumber::parse("00237694124344")?.e164(), "+237694124344");
    /// assert_eq!(PhoneNumber::parse("+40 (740) 123-456")?.e164(), "+40740123456");
    /// assert_eq!(PhoneNumber::parse("0612345678"), Err(PhoneNumberError::MissingRegion));
    /// # Ok::<(), PhoneNumberError>(())
    /// ```
    pub fn parse(input: &str) -> Result<Self, PhoneNumberError> {
        Self::parse_inner(input, None)
    }

    /// Parses a number in international or national form; a national number belongs to
    /// `region`. The national (trunk) prefix is removed (`0612345678` in France is
    /// `+33612345678`), and digits that already start with the region's calling code
    /// without `+` (`237694124344` in Cameroon) are understood, as libphonenumber does.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse), except that national numbers are accepted.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_primitives::{PhoneNumber, Region};
    ///
    /// assert_eq!(PhoneNumber::parse_with_region("694124344", Region::CM)?.e164(), "+237694124344");
    /// assert_eq!(PhoneNumber::parse_with_region("0740123456", Region::RO)?.e164(), "+40740123456");
    /// assert_eq!(PhoneNumber::parse_with_region("+33 6 12 34 56 78", Region::CM)?.e164(), "+33612345678");
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    pub fn parse_with_region(input: &str, region: Region) -> Result<Self, PhoneNumberError> {
        Self::parse_inner(input, Some(region))
    }

    /// Parses international digits with or without the `+` (`237694124344`), the form
    /// most gateways use in their responses.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_primitives::PhoneNumber;
    ///
    /// assert_eq!(PhoneNumber::from_international_digits("2250707352518")?.e164(), "+2250707352518");
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    pub fn from_international_digits(input: &str) -> Result<Self, PhoneNumberError> {
        let d = collect_digits(input)?;
        Self::international(d.as_bytes())
    }

    fn parse_inner(input: &str, region: Option<Region>) -> Result<Self, PhoneNumberError> {
        let d = collect_digits(input)?;
        let digits = d.as_bytes();
        if d.plus {
            return Self::international(digits);
        }
        // `00` is an international prefix without a region (this crate's reading), and
        // in a region whose prefix is `00` or is not a plain number; not in the US
        // (`011`) or Japan (`010`), where `00…` is national, as libphonenumber reads it.
        let idd = region.and_then(|r| r.data().international_prefix);
        if let Some(rest) = digits.strip_prefix(b"00")
            && idd.is_none_or(|p| p == "00")
        {
            return Self::international(rest);
        }
        let Some(region) = region else {
            return Err(PhoneNumberError::MissingRegion);
        };
        let data = region.data();
        if let Some(rest) = data
            .international_prefix
            .and_then(|idd| digits.strip_prefix(idd.as_bytes()))
        {
            return Self::international(rest);
        }
        Self::national(digits, data)
    }

    fn national(digits: &[u8], data: &RegionData) -> Result<Self, PhoneNumberError> {
        let cc = data.calling_code;
        let lengths = Lengths::of(cc).ok_or(PhoneNumberError::UnknownCountryCode)?;
        let possible = |n: usize| lengths.possible(n);
        // Digits that already carry the calling code, without `+`: taken as such only
        // when the whole is not a possible national number and the rest is.
        let mut cc_buf = [0u8; 5];
        let cc_digits = write_u16(&mut cc_buf, cc);
        if let Some(rest) = digits.strip_prefix(cc_digits)
            && !possible(digits.len())
            && possible(rest.len())
        {
            return Self::build(cc, rest);
        }
        Self::build(cc, strip_national_prefix(digits, data, possible))
    }

    fn international(digits: &[u8]) -> Result<Self, PhoneNumberError> {
        for n in 1..=3 {
            let (Some(head), Some(nsn)) = (digits.get(..n), digits.get(n..)) else {
                break;
            };
            if head.first() == Some(&b'0') {
                break;
            }
            let cc = head
                .iter()
                .fold(0u16, |acc, &b| acc * 10 + u16::from(b - b'0'));
            if let Some(lengths) = Lengths::of(cc) {
                let possible = |n: usize| lengths.possible(n);
                // A trunk prefix written after the calling code, as in +33 (0)6 12 34 56 78:
                // removed only when the number is impossible with it, since some
                // countries' numbers begin with their prefix digit (+375 801…).
                let nsn = match lengths.main {
                    Some(r) if !possible(nsn.len()) => {
                        strip_national_prefix(nsn, r.data(), possible)
                    }
                    _ => nsn,
                };
                return Self::build(cc, nsn);
            }
        }
        Err(PhoneNumberError::UnknownCountryCode)
    }

    pub(crate) fn build(country_code: u16, nsn: &[u8]) -> Result<Self, PhoneNumberError> {
        let lengths = Lengths::of(country_code).ok_or(PhoneNumberError::UnknownCountryCode)?;
        let mut buf = [0u8; E164_MAX_DIGITS + 1];
        buf[0] = b'+';
        let cc_len = write_u16(&mut buf[1..], country_code).len();
        let max = lengths.max().min(E164_MAX_DIGITS - cc_len);
        let len = nsn.len();
        if len > max {
            return Err(PhoneNumberError::TooLong {
                country_code,
                len,
                max,
            });
        }
        if !lengths.possible(len) {
            // Between two possible lengths counts as too short for the next one up.
            let min = (len..=max)
                .find(|&n| lengths.possible(n))
                .unwrap_or(lengths.min());
            return Err(PhoneNumberError::TooShort {
                country_code,
                len,
                min,
            });
        }
        let end = 1 + cc_len + nsn.len();
        if let Some(slot) = buf.get_mut(1 + cc_len..end) {
            slot.copy_from_slice(nsn);
        }
        Ok(Self {
            buf,
            // Both fit: end ≤ 16.
            len: u8::try_from(end).unwrap_or(0),
            cc_len: u8::try_from(cc_len).unwrap_or(0),
        })
    }

    fn ascii(&self, from: usize) -> &str {
        let bytes = self
            .buf
            .get(from..usize::from(self.len))
            .unwrap_or_default();
        // Only ASCII digits and `+` are ever stored.
        core::str::from_utf8(bytes).unwrap_or_default()
    }

    /// E.164 with the `+`: `+237694124344`.
    ///
    /// ```
    /// # use sms_primitives::PhoneNumber;
    /// let n = PhoneNumber::parse("+237 6 94 12 43 44")?;
    /// assert_eq!(n.e164(), "+237694124344");
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    pub fn e164(&self) -> &str {
        self.ascii(0)
    }

    /// E.164 without the `+`: `237694124344`, the form most gateways expect.
    ///
    /// ```
    /// # use sms_primitives::PhoneNumber;
    /// let n = PhoneNumber::parse("+237 6 94 12 43 44")?;
    /// assert_eq!(n.international_digits(), "237694124344");
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    #[doc(alias = "msisdn")]
    pub fn international_digits(&self) -> &str {
        self.ascii(1)
    }

    /// The country calling code: `237`.
    ///
    /// ```
    /// # use sms_primitives::PhoneNumber;
    /// let n = PhoneNumber::parse("+237 6 94 12 43 44")?;
    /// assert_eq!(n.country_calling_code(), 237);
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    pub fn country_calling_code(&self) -> u16 {
        // The code was written from a u16.
        self.ascii(1)
            .get(..usize::from(self.cc_len))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    /// The national significant number, without trunk prefix: `694124344`.
    ///
    /// ```
    /// # use sms_primitives::PhoneNumber;
    /// let n = PhoneNumber::parse("+237 6 94 12 43 44")?;
    /// assert_eq!(n.national_number(), "694124344");
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    pub fn national_number(&self) -> &str {
        self.ascii(1 + usize::from(self.cc_len))
    }
}

/// Removes `data`'s national prefix from `digits` when what remains has a possible
/// length (`8 800 123 45 67` in Russia is `+7 800…`, while `800 123 45 67` keeps its 8
/// because 9 digits are not a Russian length).
fn strip_national_prefix<'a>(
    digits: &'a [u8],
    data: &RegionData,
    possible: impl Fn(usize) -> bool,
) -> &'a [u8] {
    match data
        .national_prefix
        .and_then(|p| digits.strip_prefix(p.as_bytes()))
    {
        Some(rest) if possible(rest.len()) => rest,
        _ => digits,
    }
}

/// Writes `n` in decimal at the start of `buf`, returning the digits written.
fn write_u16(buf: &mut [u8], n: u16) -> &[u8] {
    let mut tmp = [0u8; 5];
    let mut i = tmp.len();
    let mut n = n;
    loop {
        i -= 1;
        if let Some(slot) = tmp.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    let digits = tmp.get(i..).unwrap_or_default();
    let len = digits.len().min(buf.len());
    if let (Some(dst), Some(src)) = (buf.get_mut(..len), digits.get(..len)) {
        dst.copy_from_slice(src);
    }
    buf.get(..len).unwrap_or_default()
}

/// Writes `value` with every digit but the last two replaced by `*`, keeping the
/// first `keep` characters (a `+` and the country calling code).
pub(crate) fn write_masked_keeping(
    f: &mut fmt::Formatter<'_>,
    value: &str,
    keep: usize,
) -> fmt::Result {
    let n = value.chars().count();
    for (i, c) in value.chars().enumerate() {
        let shown = i < keep || (i + 2 >= n && n >= keep + 4);
        if shown {
            fmt::Write::write_char(f, c)?;
        } else {
            f.write_str("*")?;
        }
    }
    Ok(())
}

/// Masks a numeric value that may be a phone number: keeps a leading `+` and the
/// last two digits.
pub(crate) fn write_masked(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    write_masked_keeping(f, value, usize::from(value.starts_with('+')))
}

impl fmt::Display for PhoneNumber {
    /// Masked: `+237*******44`. Use [`PhoneNumber::e164`] for the number itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_masked_keeping(f, self.e164(), 1 + usize::from(self.cc_len))
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({self})")
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneNumberError;
    /// Same as [`PhoneNumber::parse`] (international form only).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for PhoneNumber {
    type Error = PhoneNumberError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PhoneNumber {
    /// Serialized as E.164 (`"+237694124344"`): serialization is data, not a log.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.e164())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PhoneNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
