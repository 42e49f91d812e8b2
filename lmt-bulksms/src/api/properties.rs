//! Property tests: both answer parsers, fed arbitrary bytes and mutated fixtures, never
//! panic, and say "known not sent" only for documented refusals. Cases:
//! `PROPTEST_CASES` (see the crate README for the long run).

use proptest::prelude::*;
use sms_http::Answer;
use sms_primitives::testing as fuzz;

use crate::error::Error;

const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/push_error_doc.json"),
    include_bytes!("../../tests/fixtures/push_error_synthetic.json"),
    include_bytes!("../../tests/fixtures/push_success_doc.json"),
    include_bytes!("../../tests/fixtures/pushes_error_inp02.json"),
    include_bytes!("../../tests/fixtures/pushes_success.json"),
    include_bytes!("../../tests/fixtures/bad_gateway.html"),
];

fn check<T>(result: Result<T, Error>) -> Result<(), TestCaseError> {
    fuzz::check(
        result,
        Error::is_known_not_sent,
        |e| matches!(e, Error::Api(api) if api.is_documented()),
    )
}

proptest! {
    #![proptest_config(fuzz::config())]

    #[test]
    fn answers_never_panic_and_only_documented_codes_are_refusals(
        status in fuzz::statuses(),
        body in fuzz::bodies(FIXTURES),
    ) {
        let answer = Answer::new(status, body);
        check(super::push::parse_answer(&answer))?;
        check(super::pushes::parse_answer(&answer))?;
    }
}
