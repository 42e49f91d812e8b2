//! Full per-country validation with rlibphonenumber (feature `libphonenumber`).

use rlibphonenumber::PHONE_NUMBER_UTIL;

use super::{E164_MAX_DIGITS, Lengths, PhoneNumber, PhoneNumberError, Region};

/// libphonenumber's shortest and longest national significant numbers
/// (`MIN_LENGTH_FOR_NSN`, `MAX_LENGTH_FOR_NSN`).
const NSN_LENGTHS: core::ops::RangeInclusive<usize> = 2..=17;

impl PhoneNumber {
    /// Parses `input` as Google's libphonenumber `parse()` does (through
    /// rlibphonenumber) and accepts it only if libphonenumber deems it a valid number
    /// for its country: number ranges, not just lengths. National input needs
    /// `region`.
    ///
    /// Everything libphonenumber reads is read: separators, RFC 3966 `tel:` URIs
    /// (`tel:0612345678;phone-context=+33`), vanity letters (`1-800-FLOWERS`), and the
    /// region's own international prefix (`011` in the US, `00` in France; `00` is not
    /// one in the US). An extension (`ext. 12`, `;ext=12`) is accepted and left out of
    /// the number, which is what is sent: see
    /// [`parse_validated_with_extension`](Self::parse_validated_with_extension) to get
    /// it. One addition: without a region, a leading `00` is read as `+`, as
    /// [`parse`](Self::parse) does.
    ///
    /// # Errors
    ///
    /// The structural errors of [`parse_with_region`](Self::parse_with_region) where they
    /// apply, and [`PhoneNumberError::NotValid`] for a number libphonenumber refuses or
    /// does not consider valid.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_primitives::{PhoneNumber, PhoneNumberError, Region};
    ///
    /// let n = PhoneNumber::parse_validated("06 12 34 56 78", Some(Region::FR))?;
    /// assert_eq!(n.e164(), "+33612345678");
    /// // The right length for Cameroon, but no Cameroonian number starts with 1.
    /// assert!(PhoneNumber::parse("+237 1 94 12 43 44").is_ok());
    /// assert_eq!(
    ///     PhoneNumber::parse_validated("+237 1 94 12 43 44", None),
    ///     Err(PhoneNumberError::NotValid)
    /// );
    /// let us = Some(Region::US);
    /// assert_eq!(PhoneNumber::parse_validated("1-800-FLOWERS", us)?.e164(), "+18003569377");
    /// assert_eq!(PhoneNumber::parse_validated("tel:+33-6-12-34-56-78", None)?.e164(), "+33612345678");
    /// assert_eq!(PhoneNumber::parse_validated("011 33 6 12 34 56 78", us)?.e164(), "+33612345678");
    /// assert!(PhoneNumber::parse_validated("00 33 6 12 34 56 78", us).is_err());
    /// # Ok::<(), PhoneNumberError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "libphonenumber")))]
    pub fn parse_validated(input: &str, region: Option<Region>) -> Result<Self, PhoneNumberError> {
        Self::parse_validated_with_extension(input, region).map(|(number, _)| number)
    }

    /// As [`parse_validated`](Self::parse_validated), and the extension, if any, apart:
    /// an extension is dialled after the call connects and cannot be part of an SMS
    /// recipient, so it is never sent.
    ///
    /// # Errors
    ///
    /// As [`parse_validated`](Self::parse_validated).
    ///
    /// ```
    /// use sms_primitives::PhoneNumber;
    ///
    /// let (n, ext) = PhoneNumber::parse_validated_with_extension("+33 6 12 34 56 78 ext. 123", None)?;
    /// assert_eq!((n.e164(), ext.as_deref()), ("+33612345678", Some("123")));
    /// let (_, ext) = PhoneNumber::parse_validated_with_extension("tel:+237694124344;ext=12", None)?;
    /// assert_eq!(ext.as_deref(), Some("12"));
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "libphonenumber")))]
    pub fn parse_validated_with_extension(
        input: &str,
        region: Option<Region>,
    ) -> Result<(Self, Option<String>), PhoneNumberError> {
        if let Some(fast) = Self::validated_fast(input) {
            return fast.map(|number| (number, None));
        }
        Self::validated_full(input, region)
    }

    /// libphonenumber's answer for `+` and digits alone (the form bulk files and most
    /// systems hold), without its full parse, which costs three times its validity
    /// check; `None` when the full parse must decide. The answer is the same because,
    /// for such input, that parse only extracts the calling code (the shortest known
    /// one, checked against libphonenumber's own list) and then strips a national
    /// prefix if one can be read at the start of the rest (`+40 0740…`): a rest whose
    /// first digit cannot begin the main region's national prefix for parsing (from
    /// the generated tables) is kept whole. A rest starting with `0` also takes the
    /// full path, which sets Italian leading zeros.
    fn validated_fast(input: &str) -> Option<Result<Self, PhoneNumberError>> {
        let digits = input.strip_prefix('+')?.as_bytes();
        if digits.len() > E164_MAX_DIGITS || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let lib_knows = |code: u16| {
            PHONE_NUMBER_UTIL
                .get_region_for_country_code(i32::from(code))
                .is_some()
        };
        let mut code = 0u16;
        for (len, &digit) in digits.iter().enumerate().take(3) {
            code = code * 10 + u16::from(digit - b'0');
            if code == 0 {
                return None;
            }
            let Some(lengths) = Lengths::of(code) else {
                if lib_knows(code) {
                    return None;
                }
                continue;
            };
            let nsn = digits.get(len + 1..)?;
            let &first = nsn.first()?;
            let first = first - b'0';
            if first == 0
                || lengths.prefix_starts & (1 << first) != 0
                || !NSN_LENGTHS.contains(&nsn.len())
                || !lib_knows(code)
            {
                return None;
            }
            // At most 14 digits, the first not 0: the value fits and keeps them all.
            let national_number = nsn
                .iter()
                .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
            let lib_number = rlibphonenumber::PhoneNumber {
                country_code: i32::from(code),
                national_number,
                ..Default::default()
            };
            if !PHONE_NUMBER_UTIL.is_valid_number(&lib_number) {
                return Some(Err(PhoneNumberError::NotValid));
            }
            return Some(Self::build(code, nsn));
        }
        None
    }

    /// [`parse_validated_with_extension`](Self::parse_validated_with_extension) through
    /// libphonenumber's full parse.
    fn validated_full(
        input: &str,
        region: Option<Region>,
    ) -> Result<(Self, Option<String>), PhoneNumberError> {
        let lib_region = region.and_then(|r| r.code().parse::<rlibphonenumber::Region>().ok());
        let structural = || match region {
            Some(r) => Self::parse_with_region(input, r),
            None => Self::parse(input),
        };
        // libphonenumber only knows `00` as an international prefix through a region.
        let trimmed = input.trim_start();
        let plus_form;
        let lib_input = match trimmed.strip_prefix("00") {
            Some(rest) if region.is_none() => {
                plus_form = format!("+{rest}");
                plus_form.as_str()
            }
            _ => input,
        };
        let parsed = match PHONE_NUMBER_UTIL.parse(lib_input, lib_region) {
            Ok(parsed) => parsed,
            // Prefer the precise structural error when there is one (a national number
            // without a region, a stray character…).
            Err(_) => return Err(structural().err().unwrap_or(PhoneNumberError::NotValid)),
        };
        if !parsed.is_valid() {
            return Err(PhoneNumberError::NotValid);
        }
        let country_code =
            u16::try_from(parsed.country_code).map_err(|_| PhoneNumberError::UnknownCountryCode)?;
        let number = Self::build(
            country_code,
            parsed.get_national_significant_number().as_bytes(),
        )?;
        let extension = parsed.extension.clone().filter(|e| !e.is_empty());
        Ok((number, extension))
    }

    /// Whether libphonenumber deems this number valid for its country.
    ///
    /// ```
    /// use sms_primitives::PhoneNumber;
    ///
    /// assert!(PhoneNumber::parse("+237 6 94 12 43 44")?.is_valid_number());
    /// assert!(!PhoneNumber::parse("+237 1 94 12 43 44")?.is_valid_number());
    /// # Ok::<(), sms_primitives::PhoneNumberError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "libphonenumber")))]
    pub fn is_valid_number(&self) -> bool {
        PHONE_NUMBER_UTIL
            .parse(self.e164(), None)
            .is_ok_and(|n| n.is_valid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rlibphonenumber::PhoneNumberType;

    /// The fast path, where it answers, answers as the full parse does, whatever the
    /// default region (it reads none: the input starts with `+`).
    fn agrees(input: &str) -> Option<bool> {
        let fast = PhoneNumber::validated_fast(input)?;
        for region in [None, Some(Region::RO), Some(Region::US)] {
            let full = PhoneNumber::validated_full(input, region).map(|(n, _)| n);
            assert_eq!(fast, full, "{input:?} in {region:?}");
        }
        Some(fast.is_ok())
    }

    /// Every region's example numbers of every type, as `+` and digits, and variants
    /// around them: another first digit (national prefixes among them), a digit more
    /// in front or at the end, one less. Both outcomes must come through the fast
    /// path many times, or the test would prove nothing.
    #[test]
    fn fast_path_agrees_with_the_full_parse_around_every_example_number() {
        let types = [
            PhoneNumberType::FixedLine,
            PhoneNumberType::Mobile,
            PhoneNumberType::TollFree,
            PhoneNumberType::PremiumRate,
            PhoneNumberType::SharedCost,
            PhoneNumberType::VoIP,
            PhoneNumberType::PersonalNumber,
            PhoneNumberType::Pager,
            PhoneNumberType::UAN,
            PhoneNumberType::VoiceMail,
        ];
        let (mut valid, mut not_valid, mut full) = (0, 0, 0);
        for region in PHONE_NUMBER_UTIL.get_supported_regions() {
            for kind in types {
                let Ok(example) =
                    PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, kind)
                else {
                    continue;
                };
                let cc = example.country_code.to_string();
                let nsn = example.get_national_significant_number();
                let mut inputs = vec![nsn.clone(), nsn[..nsn.len() - 1].to_owned()];
                for d in '0'..='9' {
                    inputs.push(format!("{d}{nsn}"));
                    inputs.push(format!("{nsn}{d}"));
                    inputs.push(format!("{d}{}", &nsn[1..]));
                }
                for rest in inputs {
                    match agrees(&format!("+{cc}{rest}")) {
                        Some(true) => valid += 1,
                        Some(false) => not_valid += 1,
                        None => full += 1,
                    }
                }
            }
        }
        assert!(
            valid > 3_000 && not_valid > 10_000 && full > 1_000,
            "{valid} valid, {not_valid} not valid, {full} through the full parse"
        );
    }

    #[test]
    fn a_national_prefix_after_the_calling_code_takes_the_full_parse() {
        // libphonenumber strips it: `+40 0740…` is +40740….
        assert_eq!(PhoneNumber::validated_fast("+400740123456"), None);
        assert_eq!(
            PhoneNumber::parse_validated("+400740123456", None).map(|n| n.e164().to_owned()),
            Ok("+40740123456".to_owned())
        );
        // Russia's prefix is 8; +7 8… numbers take the full path, +7 9… the fast one.
        assert_eq!(PhoneNumber::validated_fast("+78123456789"), None);
        assert!(PhoneNumber::validated_fast("+79123456789").is_some());
        // Separators, a missing `+`, a leading 0 after the code: the full parse.
        assert_eq!(PhoneNumber::validated_fast("+40 740123456"), None);
        assert_eq!(PhoneNumber::validated_fast("40740123456"), None);
        assert_eq!(PhoneNumber::validated_fast("+390612345678"), None);
        assert_eq!(
            PhoneNumber::validated_fast("+40740123456"),
            Some(PhoneNumber::parse("+40740123456"))
        );
        assert_eq!(
            PhoneNumber::validated_fast("+40140123456"),
            Some(Err(PhoneNumberError::NotValid))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Any `+` and digits, half of them after a calling code in force.
        #[test]
        fn fast_path_agrees_with_the_full_parse_on_any_digits(
            code in proptest::sample::select(super::super::COUNTRY_CODES),
            with_code: bool,
            rest in "[0-9]{0,16}",
        ) {
            let input = if with_code { format!("+{}{rest}", code.0) } else { format!("+{rest}") };
            agrees(&input);
        }
    }
}
