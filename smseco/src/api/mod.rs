//! Requests and responses, one module per command, and the shared reading of answers.

pub(crate) mod account;
pub(crate) mod getdlrs;
#[cfg(test)]
mod properties;
pub(crate) mod sendhlr;
pub(crate) mod sendsms;

use serde_json::Value;
use sms_http::Answer as HttpAnswer;

use crate::error::{ApiError, Error, ErrorCode, InvalidRequest};
use crate::tree::{Node, Object, get, int, text, xml_to_tree};

/// Most bytes in `msgid`, counted in UTF-8. The doc says "30 caractères" without saying
/// how the server counts; bytes is the reading no server can exceed (an `é` is two).
pub const MAX_MSGID_BYTES: usize = 30;

/// An answer read into a tree (borrowing from the answer), with its `statut`.
#[derive(Debug)]
pub(crate) struct Answer<'a> {
    pub(crate) map: Object<'a>,
    pub(crate) statut: i64,
}

/// An answer this client does not understand (credentials hidden in the kept body).
pub(crate) fn unexpected(answer: &HttpAnswer) -> Error {
    Error::UnexpectedResponse {
        http_status: answer.status,
        body: answer.raw_body(),
    }
}

/// Reads an answer, XML or JSON (sniffed from the body, so that a GET answer in either
/// output format, or a reseller answering in the other one, is read), turns a negative
/// `statut` into [`Error::Api`], and maps the rest with `mapping` (the tree borrows from
/// the answer, so it is mapped here); `None` from `mapping` is an unexpected answer.
pub(crate) fn read_answer<T>(
    answer: &HttpAnswer,
    mapping: impl FnOnce(Answer<'_>) -> Option<T>,
) -> Result<T, Error> {
    let decoded = sms_primitives::latin1::decode_utf8_or_latin1(&answer.body);
    let trimmed = decoded.trim_start_matches('\u{FEFF}').trim();
    let json;
    let tree = if trimmed.starts_with('<') {
        xml_to_tree(trimmed).map(|(_, v)| v)
    } else {
        json = serde_json::from_str::<Value>(trimmed).ok();
        json.as_ref().map(Node::from_json)
    };
    let Some(Node::Object(map)) = tree else {
        return Err(unexpected(answer));
    };
    // `statur` is the getdlrs JSON template's spelling.
    let Some(statut) = int(get(&map, &["statut", "statur"])) else {
        return Err(unexpected(answer));
    };
    if statut < 0 {
        return Err(Error::Api(ApiError {
            http_status: answer.status,
            code: ErrorCode::from_code(statut),
            // `text` in the getsenders and sendhlr error samples. An error text may
            // echo the request: the credentials are hidden.
            message: answer.redact(&text(get(&map, &["texte", "text"])).unwrap_or_default()),
        }));
    }
    mapping(Answer { map, statut }).ok_or_else(|| unexpected(answer))
}

/// Checks a `msgid` (at most 30 bytes of UTF-8, no control characters).
pub(crate) fn check_msgid(msgid: &str) -> Result<(), InvalidRequest> {
    let len = msgid.len();
    if len > MAX_MSGID_BYTES || msgid.chars().any(char::is_control) {
        return Err(InvalidRequest::InvalidMsgId { len });
    }
    Ok(())
}

/// Normalises a recipient as SMSECO takes it: international digits without `+`
/// (`22507352518`), or a national number of the sender's country. With `+` or `00`, the
/// number must be a valid international number; otherwise it must be 8 to 15 digits.
pub(crate) fn normalize_numero(raw: &str) -> Option<String> {
    let separator = |c: char| c.is_whitespace() || matches!(c, '.' | '-' | '(' | ')' | '/');
    // Most numbers come without separators: copied whole, not a character at a time.
    let compact: String = if raw.contains(separator) {
        raw.chars().filter(|&c| !separator(c)).collect()
    } else {
        raw.to_owned()
    };
    if compact.starts_with('+') || compact.starts_with("00") {
        return sms_primitives::PhoneNumber::parse(&compact)
            .ok()
            .map(|p| p.international_digits().to_owned());
    }
    let ok = (8..=15).contains(&compact.len()) && compact.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(compact)
}

/// Normalises and deduplicates recipients (SMSECO filters duplicates too: "une personne
/// ne peut pas recevoir plus de 1 message par demande"), keeping the first occurrence.
pub(crate) fn normalize_all<T>(raw: &[(String, T)]) -> Result<Vec<(String, &T)>, InvalidRequest> {
    // A few recipients are compared one by one (hashing one number was a fiftieth of a
    // send); more through a set, so that a long list is not read in quadratic time.
    const COMPARED_UP_TO: usize = 16;
    let mut out: Vec<(String, &T)> = Vec::with_capacity(raw.len());
    let mut seen =
        (raw.len() > COMPARED_UP_TO).then(|| std::collections::HashSet::with_capacity(raw.len()));
    for (index, (number, extra)) in raw.iter().enumerate() {
        let numero = normalize_numero(number).ok_or(InvalidRequest::InvalidPhone { index })?;
        let new = match &mut seen {
            Some(seen) => seen.insert(numero.clone()),
            None => out.iter().all(|(n, _)| *n != numero),
        };
        if new {
            out.push((numero, extra));
        }
    }
    if out.is_empty() {
        return Err(InvalidRequest::NoRecipient);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_dropped_keeping_the_first() {
        // Below and above the number of recipients compared one by one.
        for len in [3, 16, 17, 40] {
            let raw: Vec<(String, usize)> = (0..len)
                .map(|i| (format!("225 07 35 25 {:02}", i % 10), i))
                .collect();
            let out = normalize_all(&raw).unwrap();
            let expected: Vec<(String, usize)> = (0..len.min(10))
                .map(|i| (format!("225073525{:02}", i), i))
                .collect();
            let out: Vec<(String, usize)> = out.into_iter().map(|(n, i)| (n, *i)).collect();
            assert_eq!(out, expected, "{len} recipients");
        }
        // The same number written two ways is one recipient.
        let raw = [
            ("2250707352518".to_owned(), ()),
            ("+225 07 07 35 25 18".to_owned(), ()),
        ];
        assert_eq!(normalize_all(&raw).unwrap().len(), 1);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            normalize_numero("22507352518").as_deref(),
            Some("22507352518")
        );
        assert_eq!(normalize_numero("07 35 25 18").as_deref(), Some("07352518"));
        assert_eq!(
            normalize_numero("+225 07 07 35 25 18").as_deref(),
            Some("2250707352518")
        );
        assert_eq!(
            normalize_numero("00226 78 65 78 08").as_deref(),
            Some("22678657808")
        );
        for bad in [
            "",
            "1234567",
            "0735251a",
            "+999 123456",
            "1234567890123456",
            "+225 07352518",
        ] {
            assert_eq!(normalize_numero(bad), None, "{bad}");
        }
    }

    fn answer(body: &[u8]) -> HttpAnswer {
        HttpAnswer::new(200, body.to_vec())
    }

    #[test]
    fn answers() {
        let statut = |a: Answer<'_>| Some(a.statut);
        let a = read_answer(&answer(br#"{"statut":"2","texte":"ok"}"#), statut).unwrap();
        assert_eq!(a, 2);
        let a = read_answer(&answer(b"<REPONSE><statut>0</statut></REPONSE>"), statut).unwrap();
        assert_eq!(a, 0);
        match read_answer(
            &answer(b"<REPONSE><statut>-8</statut><text>Exp</text></REPONSE>"),
            statut,
        ) {
            Err(Error::Api(e)) => assert_eq!(
                (e.code, e.message.as_str()),
                (ErrorCode::SenderNotRegistered, "Exp")
            ),
            other => panic!("{other:?}"),
        }
        for body in [
            &b""[..],
            b"<html><body>x</body></html>",
            b"{\"statut\":",
            b"{\"texte\":\"no statut\"}",
            b"[1]",
            b"<REPONSE><statut>x</statut></REPONSE>",
        ] {
            assert!(
                matches!(
                    read_answer(&answer(body), statut),
                    Err(Error::UnexpectedResponse { .. })
                ),
                "{body:?}"
            );
        }
    }
}
