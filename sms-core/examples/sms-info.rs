//! What a message costs before you send it, and what a phone number parses to.
//!
//! ```text
//! cargo run -p sms-primitives --example sms-info                      # a demo
//! cargo run -p sms-primitives --example sms-info -- "Votre texte…"    # your texts
//! cargo run -p sms-primitives --example sms-info -- --region CM --phone 694124344
//! ```
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use sms_primitives::encoding::{Analysis, analyze, split, transliterate_to_gsm7};
use sms_primitives::{PhoneNumber, Region};

const DEMO_TEXTS: &[&str] = &[
    "Votre code de vérification est 482913. Il expire dans 10 minutes.",
    "Bonjour ! Votre commande n°1234 est prête — retrait à l’accueil dès 9 h.",
    "Mulțumim pentru comandă! Livrarea are loc mâine între 9 și 12.",
    "Promo : -20 % sur tout le magasin ce week-end 🎉",
];
const DEMO_PHONES: &[(&str, Option<Region>)] = &[
    ("+237 6 94 12 43 44", None),
    ("694124344", Some(Region::CM)),
    ("0740123456", Some(Region::RO)),
    ("06 12 34 56 78", Some(Region::FR)),
    ("+225 07 07 35 25 18", None),
    ("06 12 AB 56 78", Some(Region::FR)),
];

fn describe(a: &Analysis) -> String {
    format!(
        "{}, {} characters, {} units, {} segment{}, {} units left in the last one",
        a.encoding(),
        a.chars(),
        a.units(),
        a.segments(),
        if a.segments() == 1 { "" } else { "s" },
        a.remaining_in_last_segment()
    )
}

fn show_text(text: &str) {
    let a = analyze(text);
    println!("text: {text:?}");
    println!("  {}", describe(&a));
    if a.segments() > 1 {
        for (i, part) in split(text).enumerate() {
            println!("  segment {}: {part:?}", i + 1);
        }
    }
    let gsm = transliterate_to_gsm7(text);
    if gsm != text {
        let b = analyze(&gsm);
        println!("  transliterated: {gsm:?}");
        println!("    {}", describe(&b));
    }
}

fn show_phone(input: &str, region: Option<Region>) {
    let parsed = match region {
        Some(r) => PhoneNumber::parse_with_region(input, r),
        None => PhoneNumber::parse(input),
    };
    let region = region.map_or("-".to_owned(), |r| r.to_string());
    match parsed {
        // An example may print the number: its user typed it. Libraries never do.
        Ok(n) => println!(
            "phone {input:?} (region {region}): E.164 {}, country code +{}, national {}",
            n.e164(),
            n.country_calling_code(),
            n.national_number()
        ),
        Err(e) => println!("phone {input:?} (region {region}): refused: {e}"),
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut region = None;
    let mut any = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--region" => match args.next().map(|r| r.parse::<Region>()) {
                Some(Ok(r)) => region = Some(r),
                _ => {
                    eprintln!("--region needs an ISO 3166-1 code such as CM, FR or RO");
                    return ExitCode::FAILURE;
                }
            },
            "--phone" => {
                let Some(p) = args.next() else {
                    eprintln!("--phone needs a number");
                    return ExitCode::FAILURE;
                };
                show_phone(&p, region);
                any = true;
            }
            text => {
                show_text(text);
                any = true;
            }
        }
    }
    if !any {
        for text in DEMO_TEXTS {
            show_text(text);
        }
        println!();
        for &(p, r) in DEMO_PHONES {
            show_phone(p, r);
        }
    }
    ExitCode::SUCCESS
}
