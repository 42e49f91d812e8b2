//! Exit statuses and the JSON document on stdout.

use std::io::Write as _;
use std::process::ExitCode;

use serde_json::{Value, json};
use sms_primitives::redact::Redactor;

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
    /// A finished run whose document is `doc` and whose status says how it went (a bulk
    /// send's summary: 1 some refused, 3 some unknown, 130 interrupted).
    Status(Value, u8),
    /// 3: transport failure, or an answer that could not be understood.
    Transport {
        /// What happened.
        message: String,
        /// Whether the message is known not to have been sent.
        known_not_sent: bool,
    },
}

/// What every line the tool prints passes through: the credentials of the command
/// being run (the provider's, an outbox URL's password), in every encoding.
static REDACTOR: std::sync::Mutex<Option<(Vec<String>, Redactor)>> = std::sync::Mutex::new(None);

/// Hides these credentials in everything printed from now on.
pub(crate) fn hide(secrets: &[String]) {
    let mut guard = REDACTOR
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut all = guard.take().map(|(s, _)| s).unwrap_or_default();
    all.extend(secrets.iter().cloned());
    let redactor = Redactor::new(&all);
    *guard = Some((all, redactor));
}

/// Hides this one too, when there is one (a database URL's password).
pub(crate) fn hide_also(secret: Option<String>) {
    if let Some(secret) = secret {
        // As written in the URL and decoded (percent-encoded forms are hidden anyway).
        let decoded = percent_encoding::percent_decode_str(&secret)
            .decode_utf8_lossy()
            .into_owned();
        hide(&[secret, decoded]);
    }
}

fn redacted(text: &str) -> String {
    let guard = REDACTOR
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match guard.as_ref() {
        Some((_, r)) => r.redact(text).into_owned(),
        None => text.to_owned(),
    }
}

/// Writes a line to stderr, credentials hidden; a closed stderr is ignored.
pub(crate) fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", redacted(line));
}

/// Prints the result and turns it into the exit status. A closed stdout (`sms … |
/// head -c0`) ends quietly with the same status.
pub(crate) fn finish(result: Result<Value, Fail>) -> ExitCode {
    let (doc, status) = match result {
        Ok(doc) => (doc, 0),
        Err(Fail::WithDoc(mut doc, fail)) => {
            let (error, status) = describe(*fail);
            // Per-recipient results, plus the overall error (with its known_not_sent).
            if let (Some(map), Some(e)) = (doc.as_object_mut(), error.get("error")) {
                map.insert("error".into(), e.clone());
            }
            (doc, status)
        }
        Err(Fail::Status(doc, status)) => (doc, status),
        Err(fail) => describe(fail),
    };
    match serde_json::to_string_pretty(&doc) {
        Ok(s) => {
            let mut out = std::io::stdout().lock();
            // A broken pipe is the reader's choice, not our failure: say nothing.
            let _ = writeln!(out, "{}", redacted(&s)).and_then(|()| out.flush());
        }
        Err(e) => note(&format!("sms: cannot print the answer: {e}")),
    }
    ExitCode::from(status)
}

impl Fail {
    /// The failure as a JSON object: `kind`, the provider's `code` and `text` or a
    /// `message`, and always `known_not_sent`. Used for the error document and for each
    /// recipient's error.
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Self::WithDoc(_, inner) => inner.to_json(),
            Self::Status(doc, _) => doc.clone(),
            Self::Provider {
                code,
                text,
                known_not_sent,
            } => {
                json!({"kind": "provider", "code": code, "text": text, "known_not_sent": known_not_sent})
            }
            Self::Invalid(message) => {
                json!({"kind": "invalid", "message": message, "known_not_sent": true})
            }
            Self::Transport {
                message,
                known_not_sent,
            } => json!({"kind": "transport", "message": message, "known_not_sent": known_not_sent}),
        }
    }

    /// Whether nothing can have been sent.
    pub(crate) fn known_not_sent(&self) -> bool {
        match self {
            Self::WithDoc(_, inner) => inner.known_not_sent(),
            Self::Provider { known_not_sent, .. } | Self::Transport { known_not_sent, .. } => {
                *known_not_sent
            }
            Self::Invalid(_) => true,
            // A summary: per recipient, not as a whole.
            Self::Status(..) => false,
        }
    }
}

/// The error document and exit status of a failure, with its human message on stderr.
fn describe(fail: Fail) -> (Value, u8) {
    let doc = json!({ "error": fail.to_json() });
    let known_not_sent = fail.known_not_sent();
    let status = match fail {
        Fail::WithDoc(_, inner) => return describe(*inner),
        Fail::Status(doc, status) => return (doc, status),
        Fail::Provider { code, text, .. } => {
            note(&format!(
                "sms: the provider answered with an error: {code}: {text}"
            ));
            1
        }
        Fail::Invalid(message) => {
            note(&format!("sms: invalid input, nothing sent: {message}"));
            2
        }
        Fail::Transport { message, .. } => {
            note(&format!("sms: {message}"));
            3
        }
    };
    if !known_not_sent {
        note(
            "sms: the outcome is unknown: the message may have been sent; check before sending again",
        );
    }
    (doc, status)
}

/// An error and its sources, down to the root cause, each said once.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    sms_http::error_chain(e)
}

/// The classification of each crate's error, with its provider code and text.
macro_rules! classify {
    ($name:ident, $krate:ident, |$api:ident| $code_text:expr) => {
        pub(crate) fn $name(e: $krate::Error) -> Fail {
            let known_not_sent = e.is_known_not_sent();
            match e {
                $krate::Error::InvalidRequest(r) => Fail::Invalid(chain(&r)),
                $krate::Error::Config(c) => Fail::Invalid(chain(&c)),
                $krate::Error::Api($api) => {
                    let (code, text): (String, String) = $code_text;
                    Fail::Provider {
                        code,
                        text,
                        known_not_sent,
                    }
                }
                other => Fail::Transport {
                    message: chain(&other),
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
    api.code.code().to_string(),
    masked(&api.message)
));
classify!(smseco_error, smseco, |api| (
    api.code.code().to_string(),
    masked(&api.message)
));
classify!(connect_mobile_error, connect_mobile, |api| (
    api.code.code().to_owned(),
    masked(&api.message)
));

/// smsadvert also has field errors.
pub(crate) fn smsadvert_error(e: smsadvert::Error) -> Fail {
    let known_not_sent = e.is_known_not_sent();
    match e {
        smsadvert::Error::InvalidRequest(r) => Fail::Invalid(chain(&r)),
        smsadvert::Error::Config(c) => Fail::Invalid(chain(&c)),
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
        smsadvert::Error::Unauthorized { http_status, .. } => Fail::Provider {
            code: http_status.to_string(),
            text: "the token was refused".into(),
            known_not_sent,
        },
        smsadvert::Error::Api(api) => Fail::Provider {
            code: "errorMessage".into(),
            text: masked(&api.message),
            known_not_sent,
        },
        other => Fail::Transport {
            message: chain(&other),
            known_not_sent,
        },
    }
}
