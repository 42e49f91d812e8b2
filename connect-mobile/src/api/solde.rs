//! `action=solde`: the number of SMS left on the account.

use super::Text;
use crate::error::Error;
use sms_http::Answer;

/// The account balance (`XX SMS`): a count of SMS, not money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[doc(alias = "solde")]
pub struct Balance {
    sms: u64,
}

impl Balance {
    /// SMS left ("XX est le nombre des SMS restant").
    pub const fn sms(&self) -> u64 {
        self.sms
    }
}

/// Reads `XX SMS`; tolerates thousands separators (`1 250 SMS`), a `|`, and a missing
/// `SMS` word.
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
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(text.unexpected());
    }
    digits
        .parse()
        .map(|sms| Balance { sms })
        .map_err(|_| text.unexpected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (body, n) in [
            ("250 SMS", 250),
            ("0 SMS\r\n", 0),
            ("1 250 SMS", 1250),
            ("42", 42),
        ] {
            assert_eq!(
                parse_answer(&Answer::new(200, body.as_bytes().to_vec()))
                    .unwrap()
                    .sms(),
                n,
                "{body}"
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
