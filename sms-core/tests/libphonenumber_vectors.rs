//! Agreement with Google's libphonenumber on the vectors of
//! `tests/fixtures/libphonenumber_vectors.tsv` (see `tools/gen_libphonenumber_vectors.py`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use sms_primitives::{PhoneNumber, PhoneNumberError, Region};

struct Vector {
    input: String,
    region: Option<Region>,
    /// libphonenumber's E.164, `None` when it could not parse.
    e164: Option<String>,
    valid: bool,
}

fn vectors() -> Vec<Vector> {
    include_str!("fixtures/libphonenumber_vectors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "{line}");
            Vector {
                input: cols[0].to_owned(),
                region: (cols[1] != "-").then(|| cols[1].parse().unwrap()),
                e164: (cols[2] != "ERR").then(|| cols[2].to_owned()),
                valid: cols[3] == "valid",
            }
        })
        .collect()
}

fn structural(v: &Vector) -> Result<PhoneNumber, PhoneNumberError> {
    match v.region {
        Some(r) => PhoneNumber::parse_with_region(&v.input, r),
        None => PhoneNumber::parse(&v.input),
    }
}

/// Valid numbers the structural parser reads differently from libphonenumber, because
/// libphonenumber applies per-country rewriting rules that structure alone cannot know
/// (use `parse_validated` for these), or because E.164 caps numbers at 15 digits.
const STRUCTURAL_EXCEPTIONS: &[(&str, &str)] = &[
    // Argentina: the mobile token 15 is rewritten into a 9 after the country code.
    ("011 15-2345-6789", "AR"),
    // Belarus: the national prefix for parsing is `0|80?`, not the `8` alone.
    ("8 029 491-19-11", "BY"),
    ("8 0152 45-09-11", "BY"),
    // Gabon and Norfolk Island: national-prefix transform rules.
    ("+241060312345", "-"),
    ("+67210660", "-"),
    // Germany: a 16-digit number, longer than E.164 allows; refused on purpose.
    ("+4980012345678905", "-"),
];

/// Forms only `parse_validated` reads (libphonenumber's letters, `tel:` URIs and
/// extensions): the structural parser refuses them with `InvalidCharacter`, never
/// misreads them.
fn is_validated_only_form(v: &Vector) -> bool {
    v.input.starts_with("tel:") || v.input.chars().any(|c| c.is_ascii_alphabetic() || c == '#')
}

fn is_exception(v: &Vector) -> bool {
    let region = v.region.map_or("-".to_owned(), |r| r.code().to_owned());
    STRUCTURAL_EXCEPTIONS
        .iter()
        .any(|&(i, r)| i == v.input && r == region)
}

/// Every number libphonenumber calls valid is accepted by the structural parser, with
/// the same E.164 result, except the few listed in `STRUCTURAL_EXCEPTIONS`.
#[test]
fn structural_parse_accepts_every_valid_number_the_same_way() {
    let vectors = vectors();
    assert!(vectors.len() > 4000);
    let mut mismatches = Vec::new();
    for v in vectors.iter().filter(|v| v.valid) {
        if is_validated_only_form(v) {
            assert!(
                matches!(
                    structural(v),
                    Err(PhoneNumberError::InvalidCharacter { .. })
                ),
                "{} must be refused by the structural parser",
                v.input
            );
            continue;
        }
        if is_exception(v) {
            assert_ne!(
                structural(v).ok().map(|n| n.e164().to_owned()),
                v.e164,
                "{} is no longer an exception",
                v.input
            );
            continue;
        }
        let expected = v.e164.as_deref().unwrap();
        match structural(v) {
            Ok(n) if n.e164() == expected => {}
            other => mismatches.push(format!(
                "{:?} in {:?}: libphonenumber {expected}, structural {:?}",
                v.input,
                v.region,
                other.map(|n| n.e164().to_owned())
            )),
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// With the feature, `parse_validated` agrees with libphonenumber on every vector:
/// same E.164 for valid numbers, an error for the others.
#[cfg(feature = "libphonenumber")]
#[test]
fn parse_validated_agrees_with_libphonenumber() {
    let vectors = vectors();
    let mut mismatches = Vec::new();
    for v in &vectors {
        let got = PhoneNumber::parse_validated(&v.input, v.region).map(|n| n.e164().to_owned());
        let expected = if v.region.is_none() && v.input.starts_with("00") && v.e164.is_none() {
            // Our one documented extension: `00` without a region reads as `+`.
            let plus = format!("+{}", &v.input[2..]);
            match vectors
                .iter()
                .find(|w| w.region.is_none() && w.input == plus)
            {
                Some(w) => w.valid.then(|| w.e164.clone().unwrap()),
                None => continue,
            }
        } else if v.e164.as_ref().is_some_and(|e| e.len() > 16) {
            // More than 15 digits: refused on purpose (E.164).
            assert!(
                matches!(got, Err(PhoneNumberError::TooLong { .. })),
                "{}",
                v.input
            );
            continue;
        } else {
            v.valid.then(|| v.e164.clone().unwrap())
        };
        if got.as_ref().ok() != expected.as_ref() {
            mismatches.push(format!(
                "{:?} in {:?}: libphonenumber {expected:?}, ours {got:?}",
                v.input, v.region
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
