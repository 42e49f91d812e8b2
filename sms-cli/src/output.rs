//! Exit statuses and the JSON document on stdout.

#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use serde_json::{Value, json};

/// Why a command failed, by exit status.
#[derive(Debug)]
pub(crate) enum Fail {
    /// 1: the provider answered with an error (its code and text).
    Provider {
        /// The provider's code, as it gave it.
        code: String,
        /// The provider's text (digit runs masked).
        text: String,
        /// Whether the message is known not to have been sent.
        known_not_sent: bool,
    },
    /// 2: invalid input or usage; nothing was sent.
    Invalid(String),
    /// A failure whose stdout document is `doc` (per-recipient results) instead of the
    /// default error document.
    WithDoc(Value, Box<Fail>),
    /// 3: transport failure, or an answer that could not be understood.
    Transport {
        /// What happened.
        message: String,
        /// Whether the message is known not to have been sent.
        known_not_sent: bool,
    },
}

/// Prints the result and turns it into the exit status.
pub(crate) fn finish(result: Result<Value, Fail>) -> ExitCode {
    let (doc, status) = match result {
        Ok(doc) => (doc, 0),
        Err(Fail::WithDoc(doc, fail)) => {
            let (_, status) = describe(*fail);
            (doc, status)
        }
        Err(fail) => describe(fail),
    };
    match serde_json::to_string_pretty(&doc) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("sms: cannot print the answer: {e}"),
    }
    ExitCode::from(status)
}

/// The error document and exit status of a failure, with its human message on stderr.
fn describe(fail: Fail) -> (Value, u8) {
    match fail {
        Fail::WithDoc(_, inner) => describe(*inner),
        Fail::Provider {
            code,
            text,
            known_not_sent,
        } => {
            eprintln!("sms: the provider answered with an error: {code}: {text}");
            (
                json!({"error": {"kind": "provider", "code": code, "text": text, "known_not_sent": known_not_sent}}),
                1,
            )
        }
        Fail::Invalid(message) => {
            eprintln!("sms: invalid input, nothing sent: {message}");
            (
                json!({"error": {"kind": "invalid", "message": message, "known_not_sent": true}}),
                2,
            )
        }
        Fail::Transport {
            message,
            known_not_sent,
        } => {
            eprintln!("sms: {message}");
            if !known_not_sent {
                eprintln!("sms: the outcome is unknown: check before sending again");
            }
            (
                json!({"error": {"kind": "transport", "message": message, "known_not_sent": known_not_sent}}),
                3,
            )
        }
    }
}

/// The classification of each crate's error, with its provider code and text.
macro_rules! classify {
    ($name:ident, $krate:ident, |$api:ident| $code_text:expr) => {
        pub(crate) fn $name(e: $krate::Error) -> Fail {
            let known_not_sent = e.is_known_not_sent();
            match e {
                $krate::Error::InvalidRequest(r) => Fail::Invalid(r.to_string()),
                $krate::Error::Config(c) => Fail::Invalid(c),
                $krate::Error::Api($api) => {
                    let (code, text): (String, String) = $code_text;
                    Fail::Provider {
                        code,
                        text,
                        known_not_sent,
                    }
                }
                other => Fail::Transport {
                    message: other.to_string(),
                    known_not_sent,
                },
            }
        }
    };
}

fn masked(s: &str) -> String {
    sms_primitives::redact::mask_digit_runs(s).into_owned()
}

classify!(lmt_error, lmt_bulksms, |api| (
    api.code
        .as_ref()
        .map_or_else(|| "error".to_owned(), |c| c.as_str().to_owned()),
    masked(
        &[api.message.clone()]
            .into_iter()
            .chain(api.errors.clone())
            .collect::<Vec<_>>()
            .join("; ")
    )
));
classify!(allmysms_error, allmysms, |api| (
    api.status.code().to_string(),
    masked(&api.status_text)
));
classify!(smseco_error, smseco, |api| (
    api.code.statut().to_string(),
    masked(&api.texte)
));
classify!(connect_mobile_error, connect_mobile, |api| (
    api.code.code().to_owned(),
    masked(&api.text)
));

/// smsadvert also has field errors.
pub(crate) fn smsadvert_error(e: smsadvert::Error) -> Fail {
    let known_not_sent = e.is_known_not_sent();
    match e {
        smsadvert::Error::InvalidRequest(r) => Fail::Invalid(r.to_string()),
        smsadvert::Error::Config(c) => Fail::Invalid(c),
        smsadvert::Error::Validation(fields) => Fail::Provider {
            code: "errors".into(),
            text: masked(
                &fields
                    .iter()
                    .map(|f| format!("{}: {}", f.field.name(), f.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            known_not_sent,
        },
        smsadvert::Error::Api(api) => Fail::Provider {
            code: "errorMessage".into(),
            text: masked(&api.message),
            known_not_sent,
        },
        other => Fail::Transport {
            message: other.to_string(),
            known_not_sent,
        },
    }
}
