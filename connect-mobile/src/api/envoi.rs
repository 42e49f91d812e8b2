//! `action=envoi`: send one message to one or more numbers.

use core::fmt;
use core::str::FromStr;

use sms_primitives::{PhoneNumber, Region, SenderId, SenderIdError};

use super::{Text, split_pipe};
use crate::charset;
use crate::error::{ApiError, Error, InvalidRequest};
use sms_http::Answer;
use sms_primitives::redact::mask_digit_runs;

/// Most characters in `msg` ("Le nombre maximal de caractères=160 max").
pub const MAX_MESSAGE_CHARS: usize = 160;

/// `sendertype`: the format of the sender id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[doc(alias = "sendertype")]
pub enum SenderType {
    /// `1`: "mobile".
    Mobile,
    /// `0`: "number".
    Number,
    /// `5`: "texte" (the gateway's default).
    #[default]
    Text,
}

impl SenderType {
    /// The value sent.
    ///
    /// ```
    /// # use connect_mobile::SenderType;
    /// assert_eq!(SenderType::Text.as_str(), "5");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Mobile => "1",
            Self::Number => "0",
            Self::Text => "5",
        }
    }
}

/// `type`: classic or flash SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[doc(alias = "type")]
pub enum MessageType {
    /// `0`: "classique" (the default).
    #[default]
    Classic,
    /// `1`: "Flash", shown on screen without being stored.
    Flash,
}

impl MessageType {
    /// The value sent.
    ///
    /// ```
    /// # use connect_mobile::MessageType;
    /// assert_eq!(MessageType::Flash.as_str(), "1");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Classic => "0",
            Self::Flash => "1",
        }
    }
}

/// A message to send (`action=envoi`).
///
/// Recipients may be international (`+33 6 12 34 56 78`, `0033…`, `33612345678`) or
/// French national (`06 12 34 56 78`); they are sent as international digits without
/// `+`, comma-separated.
///
/// # Examples
///
/// ```
/// use connect_mobile::{MessageType, SendSms, SenderType};
///
/// let req = SendSms::new("MaBoutique", "Votre colis arrive demain.")
///     .to("06 12 34 56 78")
///     .sender_type(SenderType::Text)
///     .message_type(MessageType::Flash)
///     .callback(true);
/// assert_eq!(req.recipient_count(), 1);
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "SendRequest")]
#[doc(alias = "envoi")]
pub struct SendSms {
    origine: String,
    msg: String,
    dest: Vec<String>,
    sender_type: SenderType,
    message_type: MessageType,
    callback: bool,
    check_origine_length: bool,
}

impl fmt::Debug for SendSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendSms")
            .field("origine", &self.origine)
            .field("msg_chars", &self.msg.chars().count())
            .field("dest", &self.dest.len())
            .field("sender_type", &self.sender_type)
            .field("message_type", &self.message_type)
            .field("callback", &self.callback)
            .field("check_origine_length", &self.check_origine_length)
            .finish()
    }
}

/// Reads a `dest` number: international digits of any country without `+` ("au format
/// international (exemple : 33612345678)"), or `+…`/`00…`, or a French national number
/// (`06…`), which is sent as `33…`.
fn parse_dest(raw: &str) -> Result<PhoneNumber, sms_primitives::PhoneNumberError> {
    let compact: String = raw
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-' | '(' | ')' | '/')))
        .collect();
    if !compact.is_empty()
        && compact.bytes().all(|b| b.is_ascii_digit())
        && !compact.starts_with('0')
    {
        PhoneNumber::parse(&format!("+{compact}"))
    } else {
        PhoneNumber::parse_with_region(raw, Region::FR)
    }
}

impl SendSms {
    /// A message `msg` from `origine`, without recipients yet.
    pub fn new(origine: impl Into<String>, msg: impl Into<String>) -> Self {
        Self {
            origine: origine.into(),
            msg: msg.into(),
            dest: Vec::new(),
            sender_type: SenderType::default(),
            message_type: MessageType::default(),
            callback: false,
            check_origine_length: true,
        }
    }

    /// Whether `origine`'s length is checked here (default `true`): at most 11
    /// characters for a name, 15 digits for a number. The manual says "11 numérique ou
    /// 15 caractères", the reverse of what phones display (GSM: 11 for a name, 15 for a
    /// number), so the GSM reading is enforced; `false` leaves the length to the
    /// gateway, which has the last word. Emptiness, ISO-8859-1 and control characters
    /// are checked either way.
    pub fn check_origine_length(mut self, check: bool) -> Self {
        self.check_origine_length = check;
        self
    }

    /// Adds a recipient to `dest`.
    #[doc(alias = "dest")]
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.dest.push(phone.into());
        self
    }

    /// Adds several recipients to `dest`.
    pub fn recipients<I, S>(mut self, phones: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.dest.extend(phones.into_iter().map(Into::into));
        self
    }

    /// `sendertype` (default [`SenderType::Text`]).
    pub fn sender_type(mut self, sender_type: SenderType) -> Self {
        self.sender_type = sender_type;
        self
    }

    /// `type` (default [`MessageType::Classic`]).
    pub fn message_type(mut self, message_type: MessageType) -> Self {
        self.message_type = message_type;
        self
    }

    /// `callback`: have delivery receipts pushed to the callback URL configured in the
    /// customer area ("Mon Compte" » "Paramètres"; it is not a request parameter).
    pub fn callback(mut self, enabled: bool) -> Self {
        self.callback = enabled;
        self
    }

    /// Recipients given so far, duplicates included.
    pub fn recipient_count(&self) -> usize {
        self.dest.len()
    }

    /// The text as the recipients will read it (see [`charset::as_delivered`]).
    pub fn message_as_delivered(&self) -> std::borrow::Cow<'_, str> {
        charset::as_delivered(&self.msg)
    }

    /// Checks everything but the recipients.
    pub(crate) fn check_content(&self) -> Result<(), InvalidRequest> {
        let probe = Self {
            dest: vec!["+33612345678".to_owned()],
            ..self.clone()
        };
        probe.validate().map(|_| ())
    }

    /// Checks one recipient as a send would.
    pub(crate) fn check_dest(raw: &str) -> Result<(), InvalidRequest> {
        let phone =
            parse_dest(raw).map_err(|source| InvalidRequest::InvalidPhone { index: 0, source })?;
        let digits = phone.international_digits().len();
        if digits < 10 {
            return Err(InvalidRequest::RecipientTooShort { index: 0, digits });
        }
        Ok(())
    }

    /// This message to `dest` instead of its own recipients (bulk batches).
    pub(crate) fn with_dest(&self, dest: Vec<String>) -> Self {
        Self {
            dest,
            ..self.clone()
        }
    }

    pub(crate) fn validate(&self) -> Result<ValidSend, InvalidRequest> {
        if self.msg.trim().is_empty() {
            return Err(InvalidRequest::EmptyMessage);
        }
        // Counted after the gateway's mapping: every character stays one character.
        let msg = charset::as_delivered(&self.msg).into_owned();
        let chars = msg.chars().count();
        if chars > MAX_MESSAGE_CHARS {
            return Err(InvalidRequest::MessageTooLong {
                chars,
                max: MAX_MESSAGE_CHARS,
            });
        }
        let origine = match SenderId::new(self.origine.as_str()) {
            Ok(sender) => sender.as_str().to_owned(),
            Err(
                SenderIdError::TooLongAlphanumeric { .. } | SenderIdError::TooLongNumeric { .. },
            ) if !self.check_origine_length => self.origine.clone(),
            Err(e) => return Err(e.into()),
        };
        if !origine.chars().all(sms_primitives::latin1::is_latin1) {
            return Err(InvalidRequest::NotLatin1 { field: "origine" });
        }
        if self.dest.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut phones: Vec<PhoneNumber> = Vec::with_capacity(self.dest.len());
        let mut seen = std::collections::HashSet::with_capacity(self.dest.len());
        for (index, raw) in self.dest.iter().enumerate() {
            let phone =
                parse_dest(raw).map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
            let digits = phone.international_digits().len();
            if digits < 10 {
                return Err(InvalidRequest::RecipientTooShort { index, digits });
            }
            if seen.insert(phone) {
                phones.push(phone);
            }
        }
        let dest = phones
            .iter()
            .map(PhoneNumber::international_digits)
            .collect::<Vec<_>>()
            .join(",");
        Ok(ValidSend {
            msg,
            dest,
            origine,
            sender_type: self.sender_type,
            message_type: self.message_type,
            callback: self.callback,
        })
    }
}

/// A send whose fields passed validation, ready for the wire.
pub(crate) struct ValidSend {
    msg: String,
    dest: String,
    origine: String,
    sender_type: SenderType,
    message_type: MessageType,
    callback: bool,
}

impl ValidSend {
    /// The fields after `action`, `login` and the password, in the manual's order.
    pub(crate) fn fields(&self) -> [(&str, &str); 6] {
        [
            ("msg", &self.msg),
            ("dest", &self.dest),
            ("origine", &self.origine),
            ("sendertype", self.sender_type.as_str()),
            ("type", self.message_type.as_str()),
            ("callback", if self.callback { "1" } else { "0" }),
        ]
    }
}

/// The id the gateway gives a sent message (`166852550|Message envoyé`), to ask its
/// status with [`Client::status`](crate::Client::status).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", try_from = "String"))]
#[doc(alias = "msgid")]
pub struct MessageId(String);

impl From<MessageId> for String {
    fn from(id: MessageId) -> Self {
        id.0
    }
}

impl TryFrom<String> for MessageId {
    type Error = InvalidRequest;
    fn try_from(id: String) -> Result<Self, Self::Error> {
        Self::new(id)
    }
}

impl MessageId {
    /// Checks and wraps an id: not empty, no white space, `|`, `&` or control characters.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest::InvalidMessageId`].
    ///
    /// ```
    /// use connect_mobile::MessageId;
    ///
    /// assert_eq!(MessageId::new("166852550")?.as_str(), "166852550");
    /// assert!(MessageId::new(" ").is_err());
    /// # Ok::<(), connect_mobile::InvalidRequest>(())
    /// ```
    pub fn new(id: impl Into<String>) -> Result<Self, InvalidRequest> {
        let id = id.into();
        let id = id.trim();
        if id.is_empty()
            || id
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '|' | '&'))
        {
            return Err(InvalidRequest::InvalidMessageId);
        }
        Ok(Self(id.to_owned()))
    }

    /// The id as the gateway wrote it.
    ///
    /// ```
    /// # use connect_mobile::MessageId;
    /// assert_eq!(MessageId::new("42")?.as_str(), "42");
    /// # Ok::<(), connect_mobile::InvalidRequest>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for MessageId {
    type Err = InvalidRequest;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

/// What one line of a send answer says. The manual shows one line for one recipient
/// and does not say what several recipients get, nor in which order: each line is kept
/// as its own outcome.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LineOutcome {
    /// `<id>|Message envoyé` (`None`: the success text alone, as the manual's prose
    /// says).
    Sent(Option<MessageId>),
    /// `<code>|<text>`: a return code (see [`ApiError::is_documented`](crate::ApiError::is_documented)).
    Refused(ApiError),
    /// A line this client does not understand: what it means for the message is
    /// unknown. Kept with credentials hidden; `Debug` masks phone numbers.
    Unrecognized(String),
}

impl fmt::Debug for LineOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sent(id) => f.debug_tuple("Sent").field(id).finish(),
            Self::Refused(e) => f.debug_tuple("Refused").field(e).finish(),
            Self::Unrecognized(line) => f
                .debug_tuple("Unrecognized")
                .field(&mask_digit_runs(line))
                .finish(),
        }
    }
}

/// A send answer: one outcome per line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SendResponse {
    http_status: u16,
    lines: Vec<LineOutcome>,
}

impl SendResponse {
    /// The ids of the `<id>|Message envoyé` lines, in order.
    pub fn message_ids(&self) -> Vec<&MessageId> {
        self.lines
            .iter()
            .filter_map(|l| match l {
                LineOutcome::Sent(Some(id)) => Some(id),
                _ => None,
            })
            .collect()
    }

    /// The first id, the usual case (one recipient).
    pub fn message_id(&self) -> Option<&MessageId> {
        self.message_ids().into_iter().next()
    }

    /// Every line's outcome, in the order of the answer.
    pub fn lines(&self) -> &[LineOutcome] {
        &self.lines
    }

    /// Whether every line says "sent".
    pub fn all_sent(&self) -> bool {
        self.lines.iter().all(|l| matches!(l, LineOutcome::Sent(_)))
    }

    /// Whether every line is a documented refusal (nothing was sent).
    pub fn all_refused(&self) -> bool {
        self.lines
            .iter()
            .all(|l| matches!(l, LineOutcome::Refused(e) if e.is_documented()))
    }

    /// HTTP status code.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
}

/// Whether `text` is the success text, however its `é` arrived.
fn is_sent_text(text: &str) -> bool {
    let t = text.trim().trim_end_matches('|').trim();
    t.eq_ignore_ascii_case("Message envoyé")
        // An `é` lost on the way (Latin-1 shown as UTF-8 and back).
        || t.eq_ignore_ascii_case("Message envoy\u{FFFD}")
        || t.eq_ignore_ascii_case("Message envoy?")
}

/// Reads a send answer line by line. Every line sent: `Ok`. One refusal line alone:
/// [`Error::Api`]. Anything else with several lines (a refusal or a line not understood
/// next to a success): [`Error::PerLine`], so that no line is dropped.
pub(crate) fn parse_answer(answer: &Answer) -> Result<SendResponse, Error> {
    let text = Text::new(answer);
    let lines: Vec<LineOutcome> = text
        .lines()
        .map(|line| match split_pipe(line) {
            // An id field that is empty or malformed is not a success we can follow up.
            (id, Some(rest)) if is_sent_text(rest) => match MessageId::new(id) {
                Ok(id) => LineOutcome::Sent(Some(id)),
                Err(_) => LineOutcome::Unrecognized(text.redact(line)),
            },
            (alone, None) if is_sent_text(alone) => LineOutcome::Sent(None),
            _ => match text.line_error(line) {
                Some(e) => LineOutcome::Refused(e),
                None => LineOutcome::Unrecognized(text.redact(line)),
            },
        })
        .collect();
    let response = SendResponse {
        http_status: text.http_status,
        lines,
    };
    match response.lines.as_slice() {
        [] => Err(text.unexpected()),
        _ if response.all_sent() => Ok(response),
        [LineOutcome::Refused(e)] => Err(Error::Api(e.clone())),
        [LineOutcome::Unrecognized(_)] => Err(text.unexpected()),
        // Several lines, not all sent: the error line must not be lost.
        _ if response
            .lines
            .iter()
            .any(|l| matches!(l, LineOutcome::Sent(_) | LineOutcome::Refused(_))) =>
        {
            Err(Error::PerLine(response))
        }
        _ => Err(text.unexpected()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn success_shapes() {
        for body in [
            "166852550|Message envoyé".as_bytes(),
            b"166852550|Message envoy\xe9\r\n",
            b"\xef\xbb\xbf166852550 | Message envoy\xc3\xa9 |",
        ] {
            let r = parse_answer(&Answer::new(200, (body).to_vec())).unwrap();
            assert_eq!(
                r.message_id().map(MessageId::as_str),
                Some("166852550"),
                "{body:?}"
            );
        }
        let r = parse_answer(&Answer::new(200, " Message envoyé".as_bytes().to_vec())).unwrap();
        assert!(r.message_ids().is_empty());
        let r = parse_answer(&Answer::new(
            200,
            "1|Message envoyé\n2|Message envoyé\n".as_bytes().to_vec(),
        ))
        .unwrap();
        assert_eq!(r.message_ids().len(), 2);
    }

    #[test]
    fn error_codes() {
        match parse_answer(&Answer::new(
            200,
            "01|Login , mot de passe non valide".as_bytes().to_vec(),
        )) {
            Err(Error::Api(e)) => {
                assert_eq!(e.code, ErrorCode::InvalidCredentials);
                assert_eq!(e.message, "Login , mot de passe non valide");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_line_is_an_outcome() {
        let a = |b: &str| Answer::new(200, b.as_bytes().to_vec());
        // A success line next to an error line: neither is dropped.
        let Err(Error::PerLine(r)) = parse_answer(&a("1|Message envoyé\n06|Numéro invalide"))
        else {
            panic!("not per line")
        };
        assert_eq!(r.lines().len(), 2);
        assert!(matches!(&r.lines()[0], LineOutcome::Sent(Some(id)) if id.as_str() == "1"));
        assert!(
            matches!(&r.lines()[1], LineOutcome::Refused(e) if e.code == ErrorCode::RecipientTooShort)
        );
        assert!(!Error::PerLine(r).is_known_not_sent());
        // Only documented refusals: known not sent.
        let e = parse_answer(&a("06|x\n07|y")).unwrap_err();
        assert!(matches!(&e, Error::PerLine(r) if r.all_refused()));
        assert!(e.is_known_not_sent());
        // A line not understood next to a success: unknown, line kept.
        let e = parse_answer(&a("1|Message envoyé\nSERVER BUSY 0612345678")).unwrap_err();
        let Error::PerLine(r) = &e else { panic!() };
        assert!(!e.is_known_not_sent());
        assert!(!format!("{r:?}").contains("0612345678"));
        // An undocumented code: the outcome is unknown.
        let e = parse_answer(&a("99|Erreur interne")).unwrap_err();
        assert!(matches!(&e, Error::Api(api) if !api.is_documented()));
        assert!(!e.is_known_not_sent());
    }

    #[test]
    fn unknown_answers() {
        for body in [
            &b""[..],
            b"<html>",
            b"1",
            b"OK",
            b"01",
            b"|Message",
            "|Message envoyé".as_bytes(),
            "a b|Message envoyé".as_bytes(),
        ] {
            assert!(
                matches!(
                    parse_answer(&Answer::new(200, (body).to_vec())),
                    Err(Error::UnexpectedResponse { .. })
                ),
                "{body:?}"
            );
        }
    }

    #[test]
    fn validation_maps_and_counts_after_mapping() {
        let v = SendSms::new("Shop", "comment ça va?")
            .to("0612345678")
            .validate()
            .unwrap();
        assert_eq!(v.msg, "comment ?a va?");
        assert_eq!(v.dest, "33612345678");
        let ok = SendSms::new("Shop", "é".repeat(160)).to("0612345678");
        assert!(ok.validate().is_ok());
        let long = SendSms::new("Shop", "é".repeat(161)).to("0612345678");
        assert_eq!(
            long.validate().err(),
            Some(InvalidRequest::MessageTooLong {
                chars: 161,
                max: 160
            })
        );
    }

    #[test]
    fn recipients_are_joined_without_spaces_and_deduplicated() {
        let v = SendSms::new("Shop", "Hi")
            .recipients(["06 12 34 56 78", "+33612345678", "+40 740 123 456"])
            .validate()
            .unwrap();
        assert_eq!(v.dest, "33612345678,40740123456");
    }

    #[test]
    fn short_international_numbers_are_refused() {
        // +354 (Iceland) numbers have 10 digits with the code; +290 (Saint Helena) 7.
        let err = SendSms::new("Shop", "Hi").to("+290 22158").validate().err();
        assert_eq!(
            err,
            Some(InvalidRequest::RecipientTooShort {
                index: 0,
                digits: 8
            })
        );
    }
}
