//! Full per-country validation with rlibphonenumber (feature `libphonenumber`).

use rlibphonenumber::PHONE_NUMBER_UTIL;

use super::{PhoneNumber, PhoneNumberError, Region};

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
