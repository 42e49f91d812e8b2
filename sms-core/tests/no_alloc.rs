//! The hot paths allocate nothing: counted with a counting global allocator (a count,
//! not a timing, so the test is deterministic).
#![allow(clippy::unwrap_used)]

use sms_primitives::encoding::{Encoding, analyze, analyze_as, split, transliterate_to_gsm7};
use sms_primitives::{PhoneNumber, Region};

#[test]
fn analysis_does_not_allocate() {
    let texts = [
        String::new(),
        "Bonjour, votre code est 123456.".to_owned(),
        "€".repeat(200),
        "Mulțumim! 😀".repeat(30),
    ];
    let info = allocation_counter::measure(|| {
        for t in &texts {
            let a = analyze(t);
            std::hint::black_box(a);
            std::hint::black_box(analyze_as(t, Encoding::Ucs2));
            std::hint::black_box(split(t).count());
            std::hint::black_box(transliterate_to_gsm7("déjà vu"));
        }
    });
    assert_eq!(info.count_total, 0);
}

#[test]
fn phone_parsing_does_not_allocate() {
    let info = allocation_counter::measure(|| {
        let n = PhoneNumber::parse("+237 6 94 12 43 44").unwrap();
        std::hint::black_box(n.e164());
        let n = PhoneNumber::parse_with_region("06 12 34 56 78", Region::FR).unwrap();
        std::hint::black_box(n.national_number());
        let _ = std::hint::black_box(PhoneNumber::parse("+33 6 12 AB"));
    });
    assert_eq!(info.count_total, 0);
}

#[test]
fn the_counter_counts() {
    // Guards the two tests above against a counter that never counts.
    let info = allocation_counter::measure(|| {
        std::hint::black_box(transliterate_to_gsm7("Ședință"));
    });
    assert!(info.count_total > 0);
}
