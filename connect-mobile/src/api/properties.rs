//! Property tests: every answer parser, fed arbitrary bytes and mutated fixtures, never
//! panics, and says "known not sent" only for documented refusals. Cases:
//! `PROPTEST_CASES` (see the crate README for the long run).

use proptest::prelude::*;
use sms_http::Answer;
use sms_primitives::testing as fuzz;

use crate::error::Error;

const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/envoi_success_doc.txt"),
    include_bytes!("../../tests/fixtures/envoi_success_latin1.txt"),
    include_bytes!("../../tests/fixtures/error_01_doc.txt"),
    include_bytes!("../../tests/fixtures/error_03_doc.txt"),
    include_bytes!("../../tests/fixtures/solde_synthetic.txt"),
    include_bytes!("../../tests/fixtures/statut_in_progress_synthetic.txt"),
    b"1|Message envoy\xe9\r\n2|Message envoy\xe9\r\n06|Num\xe9ro invalide",
    include_bytes!("../../tests/fixtures/bad_gateway.html"),
];

fn check<T>(result: Result<T, Error>) -> Result<(), TestCaseError> {
    fuzz::check(result, Error::is_known_not_sent, |e| match e {
        Error::Api(api) => api.is_documented(),
        Error::PerLine(r) => r.all_refused(),
        _ => false,
    })
}

proptest! {
    #![proptest_config(fuzz::config())]

    #[test]
    fn answers_never_panic_and_only_documented_codes_are_refusals(
        status in fuzz::statuses(),
        body in fuzz::bodies(FIXTURES),
    ) {
        let answer = Answer::new(status, body);
        check(super::envoi::parse_answer(&answer))?;
        check(super::statut::parse_answer(&answer))?;
        check(super::solde::parse_answer(&answer))?;
    }
}
