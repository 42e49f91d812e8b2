//! Full per-country validation with rlibphonenumber (feature `libphonenumber`).

use rlibphonenumber::PHONE_NUMBER_UTIL;

use super::{PhoneNumber, PhoneNumberError, Region, collect_digits};

impl PhoneNumber {
    /// Parses `input` with libphonenumber (through rlibphonenumber) and accepts it only
    /// if libphonenumber deems it a valid number for its country: number ranges, not
    /// just lengths. National input needs `region`.
    ///
    /// The characters allowed are those of [`parse`](Self::parse): letters are refused
    /// even though libphonenumber would read vanity numbers such as `1-800-FLOWERS`.
    /// Without a region, a leading `00` is read as `+`, as [`parse`](Self::parse) does
    /// (libphonenumber itself needs a region to know the international prefix).
    ///
    /// # Errors
    ///
    /// The structural errors of [`parse_with_region`](Self::parse_with_region) where they
    /// apply, and [`PhoneNumberError::NotValid`] for a number libphonenumber parses but
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
    /// # Ok::<(), PhoneNumberError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "libphonenumber")))]
    pub fn parse_validated(input: &str, region: Option<Region>) -> Result<Self, PhoneNumberError> {
        let digits = collect_digits(input)?;
        let international = digits.plus || digits.as_bytes().starts_with(b"00");
        if region.is_none() && !international {
            return Err(PhoneNumberError::MissingRegion);
        }
        let lib_region = region.and_then(|r| r.code().parse::<rlibphonenumber::Region>().ok());
        let structural = || match region {
            Some(r) => Self::parse_with_region(input, r),
            None => Self::parse(input),
        };
        // libphonenumber only knows `00` as an international prefix through a region.
        let plus_form;
        let lib_input = match (region, digits.plus) {
            (None, false) => {
                plus_form = format!("+{}", input.trim_start().trim_start_matches('0'));
                plus_form.as_str()
            }
            _ => input,
        };
        let parsed = match PHONE_NUMBER_UTIL.parse(lib_input, lib_region) {
            Ok(parsed) => parsed,
            // Prefer the precise structural error when there is one.
            Err(_) => return Err(structural().err().unwrap_or(PhoneNumberError::NotValid)),
        };
        if !parsed.is_valid() {
            return Err(PhoneNumberError::NotValid);
        }
        let country_code =
            u16::try_from(parsed.country_code).map_err(|_| PhoneNumberError::UnknownCountryCode)?;
        Self::build(
            country_code,
            parsed.get_national_significant_number().as_bytes(),
        )
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
