use super::*;

fn e164(input: &str, region: Option<Region>) -> Result<String, PhoneNumberError> {
    match region {
        Some(r) => PhoneNumber::parse_with_region(input, r),
        None => PhoneNumber::parse(input),
    }
    .map(|n| n.e164().to_owned())
}

#[test]
fn international_input() {
    assert_eq!(e164("+237 6 94 12 43 44", None).unwrap(), "+237694124344");
    assert_eq!(e164("00237694124344", None).unwrap(), "+237694124344");
    assert_eq!(e164("+40740123456", None).unwrap(), "+40740123456");
    assert_eq!(e164("+33 (0)6 12 34 56 78", None).unwrap(), "+33612345678");
    assert_eq!(e164("+1 (212) 555-0123", None).unwrap(), "+12125550123");
    assert_eq!(e164("+7 800 123-45-67", None).unwrap(), "+78001234567");
    assert_eq!(e164("+225 07 35 25 18 00", None).unwrap(), "+2250735251800");
}

#[test]
fn separators_are_stripped() {
    for input in [
        "+237\u{a0}694\u{a0}124\u{a0}344",
        "+237\u{202f}694\u{202f}124344",
        "+237.694.12.43.44",
        "+237-694-124-344",
        "+(237) 694 124 344",
        "\t+237 694 124 344\n",
        "+237 694–124–344",
        "＋２３７６９４１２４３４４",
    ] {
        assert_eq!(e164(input, None).unwrap(), "+237694124344", "{input:?}");
    }
}

#[test]
fn national_input_with_a_region() {
    assert_eq!(
        e164("694124344", Some(Region::CM)).unwrap(),
        "+237694124344"
    );
    assert_eq!(
        e164("0740123456", Some(Region::RO)).unwrap(),
        "+40740123456"
    );
    assert_eq!(
        e164("0612345678", Some(Region::FR)).unwrap(),
        "+33612345678"
    );
    assert_eq!(
        e164("06.12.34.56.78", Some(Region::FR)).unwrap(),
        "+33612345678"
    );
    // Trunk prefix and numbers that may start with its digit (Russia).
    assert_eq!(
        e164("8 800 123 45 67", Some(Region::RU)).unwrap(),
        "+78001234567"
    );
    assert_eq!(
        e164("800 123 45 67", Some(Region::RU)).unwrap(),
        "+78001234567"
    );
    assert_eq!(
        e164("8 912 345 67 89", Some(Region::RU)).unwrap(),
        "+79123456789"
    );
    // Region-specific international prefix.
    assert_eq!(
        e164("011 33 6 12 34 56 78", Some(Region::US)).unwrap(),
        "+33612345678"
    );
    // International input ignores the region.
    assert_eq!(
        e164("+40740123456", Some(Region::CM)).unwrap(),
        "+40740123456"
    );
    // Digits already carrying the region's calling code, without `+`.
    assert_eq!(
        e164("237694124344", Some(Region::CM)).unwrap(),
        "+237694124344"
    );
    assert_eq!(
        e164("33612345678", Some(Region::FR)).unwrap(),
        "+33612345678"
    );
}

#[test]
fn from_international_digits() {
    let n = PhoneNumber::from_international_digits("2250707352518").unwrap();
    assert_eq!(n.e164(), "+2250707352518");
    // Côte d'Ivoire moved to 10-digit numbers in 2021: the old 8-digit form is refused.
    assert!(matches!(
        PhoneNumber::from_international_digits("22507352518"),
        Err(PhoneNumberError::TooShort {
            country_code: 225,
            len: 8,
            min: 10
        })
    ));
    let n = PhoneNumber::from_international_digits("+40740123456").unwrap();
    assert_eq!(n.national_number(), "740123456");
}

#[test]
fn outputs() {
    let n = PhoneNumber::parse("+237694124344").unwrap();
    assert_eq!(n.e164(), "+237694124344");
    assert_eq!(n.international_digits(), "237694124344");
    assert_eq!(n.country_calling_code(), 237);
    assert_eq!(n.national_number(), "694124344");
    let n = PhoneNumber::parse("+1 212 555 0123").unwrap();
    assert_eq!(
        (n.country_calling_code(), n.national_number()),
        (1, "2125550123")
    );
}

#[test]
fn refused_inputs() {
    use PhoneNumberError::*;
    assert_eq!(e164("", None), Err(Empty));
    assert_eq!(e164("  ", None), Err(Empty));
    assert_eq!(e164("+", None), Err(Empty));
    assert_eq!(
        e164("+33 6 12 AB 56 78", None),
        Err(InvalidCharacter { character: 'A' })
    );
    assert_eq!(
        e164("1-800-FLOWERS", Some(Region::US)),
        Err(InvalidCharacter { character: 'F' })
    );
    assert_eq!(
        e164("+33 6 12 34 56 78 ext 9", None),
        Err(InvalidCharacter { character: 'e' })
    );
    assert_eq!(e164("33+612345678", None), Err(MisplacedPlus));
    assert_eq!(e164("++33612345678", None), Err(MisplacedPlus));
    assert_eq!(e164("0612345678", None), Err(MissingRegion));
    assert_eq!(e164("+999 123456789", None), Err(UnknownCountryCode));
    assert_eq!(e164("+0 123456789", None), Err(UnknownCountryCode));
    assert_eq!(
        e164("+237 6941243", None),
        Err(TooShort {
            country_code: 237,
            len: 7,
            min: 8
        })
    );
    assert_eq!(
        e164("+33 6 12 34 56 78 9", None),
        Err(TooLong {
            country_code: 33,
            len: 10,
            max: 9
        })
    );
    assert!(matches!(
        e164("+1234567890123456789012", None),
        Err(TooLong { .. })
    ));
    // Romanian number with one digit too many.
    assert!(matches!(
        e164("07401234567", Some(Region::RO)),
        Err(TooLong { .. })
    ));
}

#[test]
fn e164_caps_at_15_digits() {
    // Non-geographic +882 allows long numbers: never more than 15 digits in all.
    for len in 1..=16 {
        let input = format!("+882{}", "1".repeat(len));
        if let Ok(n) = PhoneNumber::parse(&input) {
            assert!(n.international_digits().len() <= E164_MAX_DIGITS);
        }
    }
}

#[test]
fn never_shows_the_number() {
    let n = PhoneNumber::parse("+237694124344").unwrap();
    let shown = format!("{n} {n:?} {n:#?}");
    assert!(!shown.contains("694124"), "{shown}");
    assert_eq!(format!("{n}"), "+237*******44");
    assert_eq!(format!("{n:?}"), "PhoneNumber(+237*******44)");
    let err = PhoneNumber::parse("+237 6941243").unwrap_err();
    assert!(!format!("{err} {err:?}").contains("6941243"));
}

#[test]
fn regions() {
    assert_eq!("CM".parse::<Region>(), Ok(Region::CM));
    assert_eq!(" ro ".parse::<Region>(), Ok(Region::RO));
    assert_eq!("XX".parse::<Region>(), Err(UnknownRegion));
    assert_eq!(Region::FR.to_string(), "FR");
    assert_eq!(Region::RO.calling_code(), 40);
    assert_eq!(Region::CI.national_prefix(), None);
    // The generated table is in `Region` order and each row belongs to its region.
    for (i, r) in Region::all().enumerate() {
        assert_eq!(r as usize, i);
        assert_eq!(r.data().region, r);
        assert_eq!(r.code().parse::<Region>(), Ok(r));
        assert!(Lengths::of(r.calling_code()).is_some(), "{r}");
    }
}

#[test]
fn is_copy_and_ordered() {
    let a = PhoneNumber::parse("+33612345678").unwrap();
    let b = a;
    assert_eq!(a, b);
    let c = PhoneNumber::parse("+40740123456").unwrap();
    assert!(a < c);
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let n = PhoneNumber::parse("+237694124344").unwrap();
    let json = serde_json::to_string(&n).unwrap();
    assert_eq!(json, "\"+237694124344\"");
    assert_eq!(serde_json::from_str::<PhoneNumber>(&json).unwrap(), n);
    assert!(serde_json::from_str::<PhoneNumber>("\"0612\"").is_err());
    assert_eq!(serde_json::to_string(&Region::CM).unwrap(), "\"CM\"");
    assert_eq!(
        serde_json::from_str::<Region>("\"fr\"").unwrap(),
        Region::FR
    );
}
