//! Property tests: every answer mapping (v9 and REST) and the webhook parsers, fed
//! arbitrary bytes and mutated fixtures, never panic; only documented refusals are
//! "known not sent". Cases: `PROPTEST_CASES` (see the crate README for the long run).

use proptest::prelude::*;
use sms_http::Answer;
use sms_primitives::testing as fuzz;

use super::{Json, account, lists, mms, read_json, reports, send, subaccounts};
use crate::error::Error;
use crate::status::StatusCode;

const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/ack_by_sms_id_doc.json"),
    include_bytes!("../../tests/fixtures/acks_doc.json"),
    include_bytes!("../../tests/fixtures/bad_gateway.html"),
    include_bytes!("../../tests/fixtures/blacklist_doc.json"),
    include_bytes!("../../tests/fixtures/campaign_stats_synthetic.json"),
    include_bytes!("../../tests/fixtures/contacts_doc.json"),
    include_bytes!("../../tests/fixtures/credits_by_country_doc.json"),
    include_bytes!("../../tests/fixtures/delete_campaign_doc_fixed.json"),
    include_bytes!("../../tests/fixtures/delete_campaign_doc_invalid.txt"),
    include_bytes!("../../tests/fixtures/error_102_synthetic.json"),
    include_bytes!("../../tests/fixtures/info_doc_fixed.json"),
    include_bytes!("../../tests/fixtures/info_doc_invalid.txt"),
    include_bytes!("../../tests/fixtures/list_deleted_doc.json"),
    include_bytes!("../../tests/fixtures/list_populated_doc.json"),
    include_bytes!("../../tests/fixtures/lists_doc.json"),
    include_bytes!("../../tests/fixtures/pull_by_sms_id_doc.json"),
    include_bytes!("../../tests/fixtures/pulls_doc.json"),
    include_bytes!("../../tests/fixtures/rest_account_synthetic.json"),
    include_bytes!("../../tests/fixtures/rest_bulk_synthetic.json"),
    include_bytes!("../../tests/fixtures/rest_error_102_synthetic.json"),
    include_bytes!("../../tests/fixtures/rest_report_synthetic.json"),
    include_bytes!("../../tests/fixtures/rest_send_symfony.json"),
    include_bytes!("../../tests/fixtures/rest_voice_synthetic.json"),
    include_bytes!("../../tests/fixtures/send_sms_doc.json"),
    include_bytes!("../../tests/fixtures/shorten_url_doc.json"),
    include_bytes!("../../tests/fixtures/simulate_doc.json"),
    include_bytes!("../../tests/fixtures/sub_accounts_synthetic.json"),
    include_bytes!("../../tests/fixtures/sub_created_doc.json"),
    include_bytes!("../../tests/fixtures/sub_credits_doc_fixed.json"),
    include_bytes!("../../tests/fixtures/sub_updated_doc.json"),
    br#"{"status":113,"statusText":"x","invalidNumbers":"336|337","campaignId":"c","smsIds":[{"phoneNumber":"33612345678","smsId":"a"}]}"#,
    b"login=a&apiKey=b&campaignId=c&smsId=d&phoneNumber=33612345678&status=1&message=R%E9ponse&receptionDate=2026-01-01+10%3A00%3A00",
];

fn check<T>(result: Result<T, Error>) -> Result<(), TestCaseError> {
    fuzz::check(result, Error::is_known_not_sent, |e| {
        matches!(
            e,
            Error::Api(api) if !matches!(api.code, StatusCode::SomeNumbersInvalid | StatusCode::Unknown(_))
        )
    })
}

/// Every v9 mapping of one JSON answer.
fn v9(json: &Json) -> Result<(), TestCaseError> {
    check(send::to_send_response(json, true))?;
    check(send::to_send_response(json, false))?;
    check(send::to_simulate_response(json))?;
    check(reports::to_acks(json))?;
    check(reports::to_ack_single(json))?;
    check(reports::to_pulls(json))?;
    check(reports::to_pull_single(json))?;
    check(account::to_info(json))?;
    check(account::to_blacklist(json))?;
    check(account::to_deleted(json))?;
    check(account::to_country_credits(json))?;
    check(account::to_short_url(json))?;
    check(account::to_campaign_stats(json))?;
    check(subaccounts::to_status_one(json))?;
    check(subaccounts::to_credits(json))?;
    check(subaccounts::to_sub_accounts(json))?;
    check(lists::to_contacts_result(json))?;
    check(lists::to_lists(json))?;
    check(lists::to_contacts(json))?;
    check(mms::to_email_answer(json))?;
    Ok(())
}

proptest! {
    #![proptest_config(fuzz::config())]

    #[test]
    fn v9_answers_never_panic_and_only_documented_codes_are_refusals(
        status in fuzz::statuses(),
        body in fuzz::bodies(FIXTURES),
    ) {
        match read_json(Answer::new(status, body)) {
            Ok(json) => v9(&json)?,
            Err(e) => check::<()>(Err(e))?,
        }
    }

    #[test]
    fn rest_answers_never_panic_and_only_documented_codes_are_refusals(
        status in fuzz::statuses(),
        body in fuzz::bodies(FIXTURES),
    ) {
        let answer = Answer::new(status, body);
        check(crate::rest::to_send_response(&answer))?;
        check(crate::rest::read_object(&answer))?;
    }

    #[test]
    fn webhooks_never_panic(body in fuzz::bodies(FIXTURES)) {
        let params = crate::webhook::decode_params(&body);
        fuzz::check(crate::webhook::DeliveryReportEvent::from_params(&params), |_| false, |_| false)?;
        fuzz::check(crate::webhook::ReplyEvent::from_params(&params), |_| false, |_| false)?;
    }
}
