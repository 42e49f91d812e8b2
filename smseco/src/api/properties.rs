//! Property tests: every answer parser, fed arbitrary bytes and mutated fixtures, never
//! panics, and says "known not sent" only for a documented refusal. Cases:
//! `PROPTEST_CASES` (see the crate README for the long run).

use proptest::prelude::*;
use sms_http::Answer as HttpAnswer;
use sms_primitives::testing as fuzz;

use super::{account, getdlrs, read_answer, sendsms};
use crate::error::{Error, ErrorCode};

macro_rules! fixtures {
    ($($name:literal),* $(,)?) => {
        &[$(include_bytes!(concat!("../../tests/fixtures/", $name))),*]
    };
}

const FIXTURES: &[&[u8]] = fixtures!(
    "error.xml",
    "error_strings.json",
    "getbalance.json",
    "getbalance.xml",
    "getdlrs.json",
    "getdlrs.xml",
    "getdlrs_none.xml",
    "getsenders.json",
    "getsenders.xml",
    "getsenders_error_text.xml",
    "sendhlr.xml",
    "sendsms_success.json",
    "sendsms_success.xml",
    "sendsms_template_doc.json",
    "bad_gateway.html",
);

/// Every mapping of an answer, as the client runs them.
fn every_parser(answer: &HttpAnswer) -> Vec<Result<(), Error>> {
    vec![
        read_answer(answer, sendsms::to_submit).map(drop),
        read_answer(answer, getdlrs::to_report).map(drop),
        read_answer(answer, account::to_balance).map(drop),
        read_answer(answer, account::to_senders).map(drop),
    ]
}

proptest! {
    #![proptest_config(fuzz::config())]

    #[test]
    fn answers_never_panic_and_only_documented_codes_are_refusals(
        status in fuzz::statuses(),
        body in fuzz::bodies(FIXTURES),
    ) {
        let answer = HttpAnswer::new(status, body);
        for result in every_parser(&answer) {
            fuzz::check(result, Error::is_known_not_sent, |e| {
                matches!(e, Error::Api(api) if !matches!(api.code, ErrorCode::Unknown(_)))
            })?;
        }
    }

    #[test]
    fn xml_trees_never_panic(body in fuzz::bodies(FIXTURES)) {
        let text = sms_primitives::latin1::decode_utf8_or_latin1(&body);
        let _ = crate::tree::xml_to_tree(&text);
    }
}
