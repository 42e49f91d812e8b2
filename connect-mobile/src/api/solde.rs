//! `action=solde`: the number of SMS left on the account.

use super::Text;
use crate::error::Error;
use sms_http::Answer;

/// The account balance (`XX SMS`): a number of SMS, not money. Kept exactly as the
/// gateway wrote it (a decimal, read without guessing): see [`Balance::sms`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[doc(alias = "solde")]
pub struct Balance {
    /// The digits, without separators (`125` for `12.5`).
    digits: u64,
    /// How many of them are decimals (`1` for `12.5`).
    scale: u32,
    /// The number in plain form (`12.5`, `1250`).
    text: String,
}

// With the `serde` feature a balance is a JSON number (`250`, `12.5`), read back from
// a number or its plain text (`"12.5"`) through the same exact parser.
#[cfg(feature = "serde")]
impl serde::Serialize for Balance {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.whole_sms() {
            Some(n) => serializer.serialize_u64(n),
            None => serializer.serialize_f64(self.sms()),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Balance {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Number;
        impl serde::de::Visitor<'_> for Number {
            type Value = Balance;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a number of SMS")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Balance, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Balance, E> {
                // `Display` of an f64 is its shortest exact decimal form.
                self.visit_str(&n.to_string())
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Balance, E> {
                parse_number(s.trim()).ok_or_else(|| E::custom("not a number of SMS"))
            }
        }
        deserializer.deserialize_any(Number)
    }
}

impl Balance {
    /// SMS left ("XX est le nombre des SMS restant"). A fractional balance (`12.5 SMS`,
    /// possible when an SMS costs more than one unit) is kept as such.
    pub fn sms(&self) -> f64 {
        // Exact for every count below 2^53, far above any balance.
        self.digits as f64 / 10_f64.powi(i32::try_from(self.scale).unwrap_or(0))
    }

    /// The balance when it is a whole number of SMS.
    pub fn whole_sms(&self) -> Option<u64> {
        (self.scale == 0).then_some(self.digits)
    }

    /// The number in plain form: digits, and a `.` before the decimals if any (`1250`,
    /// `12.5`).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Reads the number of `XX SMS` exactly, or not at all. Accepted: digits (`1250`),
/// digits grouped by three with spaces (`1 250`, also no-break spaces), and decimals
/// after `.` or `,` (`12.5`, `12,5`, `1 250,75`). Refused as ambiguous: a separator
/// followed by exactly three digits (`1,250`, `1.250`: a thousand and a quarter, or a
/// thousand two hundred and fifty?).
fn parse_number(number: &str) -> Option<Balance> {
    let (int_part, frac) = match number.find(['.', ',']) {
        Some(at) => (number.get(..at)?, Some(number.get(at + 1..)?)),
        None => (number, None),
    };
    let groups: Vec<&str> = int_part.split([' ', '\u{a0}', '\u{202f}']).collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let grouped = groups.len() > 1;
    let valid_groups = groups.iter().all(|g| all_digits(g))
        && (!grouped
            || (groups.first().is_some_and(|g| g.len() <= 3)
                && groups.iter().skip(1).all(|g| g.len() == 3)));
    if !valid_groups {
        return None;
    }
    let whole: String = groups.concat();
    let frac = match frac {
        None => "",
        Some(f) if all_digits(f) && f.len() != 3 => f,
        Some(_) => return None,
    };
    let digits: u64 = format!("{whole}{frac}").parse().ok()?;
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    Some(Balance {
        digits,
        scale: u32::try_from(frac.len()).ok()?,
        text: if frac.is_empty() {
            whole.to_owned()
        } else {
            format!("{whole}.{frac}")
        },
    })
}

/// Reads `XX SMS`; tolerates a `|` and a missing `SMS` word.
pub(crate) fn parse_answer(answer: &Answer) -> Result<Balance, Error> {
    let text = Text::new(answer);
    if let Some(error) = text.return_code() {
        return Err(error);
    }
    let line = text.lines().next().unwrap_or_default();
    let number = line
        .trim_end_matches('|')
        .trim()
        .strip_suffix("SMS")
        .unwrap_or(line)
        .trim();
    parse_number(number).ok_or_else(|| text.unexpected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (body, text, n) in [
            ("250 SMS", "250", 250.0),
            ("0 SMS\r\n", "0", 0.0),
            ("1 250 SMS", "1250", 1250.0),
            ("1\u{a0}250\u{a0}000 SMS", "1250000", 1_250_000.0),
            ("42", "42", 42.0),
            ("12.5 SMS", "12.5", 12.5),
            ("12,5 SMS", "12.5", 12.5),
            ("1 250,75 SMS", "1250.75", 1250.75),
            ("0.25 SMS", "0.25", 0.25),
        ] {
            let b = parse_answer(&Answer::new(200, body.as_bytes().to_vec())).unwrap();
            assert_eq!((b.as_str(), b.sms()), (text, n), "{body}");
            assert_eq!(b.whole_sms().is_some(), !text.contains('.'), "{body}");
        }
    }

    #[test]
    fn ambiguous_or_malformed_numbers_are_not_guessed() {
        for body in [
            "1,250 SMS",
            "1.250 SMS",
            "12 50 SMS",
            "1 2500 SMS",
            "1.2.3 SMS",
            "12. SMS",
            ",5 SMS",
            "1 250.000 SMS",
        ] {
            let r = parse_answer(&Answer::new(200, body.as_bytes().to_vec()));
            assert!(
                matches!(r, Err(Error::UnexpectedResponse { .. })),
                "{body}: {r:?}"
            );
        }
    }

    #[test]
    fn errors_and_garbage() {
        assert!(matches!(
            parse_answer(&Answer::new(
                200,
                (b"01|Login , mot de passe non valide").to_vec()
            )),
            Err(Error::Api(_))
        ));
        for body in [
            &b"XX SMS"[..],
            b"",
            b"SMS",
            b"-5 SMS",
            b"<html>",
            b"99999999999999999999999 SMS",
        ] {
            assert!(
                matches!(
                    parse_answer(&Answer::new(200, (body).to_vec())),
                    Err(Error::UnexpectedResponse { .. })
                ),
                "{body:?}"
            );
        }
    }
}
