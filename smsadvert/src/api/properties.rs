//! Property tests: the send answer and delivery-callback parsers, fed arbitrary bytes
//! and mutated fixtures, never panic; only field errors and a refused token are "known not sent". Cases:
//! `PROPTEST_CASES` (see the crate README for the long run).

use proptest::prelude::*;
use sms_http::Answer;
use sms_primitives::testing as fuzz;

use crate::error::Error;

const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/callback_doc.json"),
    include_bytes!("../../tests/fixtures/error_message_doc.json"),
    include_bytes!("../../tests/fixtures/errors_doc.json"),
    include_bytes!("../../tests/fixtures/success_doc.json"),
    include_bytes!("../../tests/fixtures/bad_gateway.html"),
];

proptest! {
    #![proptest_config(fuzz::config())]

    #[test]
    fn answers_never_panic_and_only_documented_refusals_are_known(
        status in fuzz::statuses(),
        body in fuzz::bodies(FIXTURES),
    ) {
        fuzz::check(
            super::sms::parse_answer(&Answer::new(status, body)),
            Error::is_known_not_sent,
            |e| matches!(e, Error::Validation(_) | Error::Unauthorized { .. }),
        )?;
    }

    #[test]
    fn callbacks_never_panic(body in fuzz::bodies(FIXTURES)) {
        fuzz::check(crate::DeliveryReport::from_json(&body), |_| false, |_| false)?;
    }
}
