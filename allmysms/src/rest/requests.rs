//! The REST API's requests: one SMS, a bulk send, a voice campaign.

use core::fmt;

use serde_json::{Map, Value, json};
use sms_primitives::datetime::DateTime;
use sms_primitives::{PhoneNumber, Region};

use crate::error::InvalidRequest;
use crate::validate::{check_message, check_sender, international};

/// The options every REST request carries in its `fields` map, written once.
macro_rules! common_setters {
    () => {
        /// `campaignName`.
        pub fn campaign_name(mut self, name: impl Into<String>) -> Self {
            self.fields
                .insert("campaignName".into(), Value::String(name.into()));
            self
        }
        /// `date`: deferred send.
        pub fn date(mut self, date: DateTime) -> Self {
            self.fields
                .insert("date".into(), Value::String(date.to_string()));
            self
        }
        crate::zoned_date_setter!();
        /// `simulate`: cost only, nothing sent.
        pub fn simulate(mut self, simulate: bool) -> Self {
            self.fields
                .insert("simulate".into(), json!(u8::from(simulate)));
            self
        }
    };
}

/// One SMS to one number (`POST /sms/send/`).
///
/// ```
/// use allmysms::rest::SendSms;
///
/// let sms = SendSms::new("0612345678", "Votre code : 1234. STOP au 36180").from("MaBoutique").simulate(true);
/// # let _ = sms;
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "Sms")]
pub struct SendSms {
    to: String,
    text: String,
    from: Option<String>,
    fields: Map<String, Value>,
}

impl fmt::Debug for SendSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendSms")
            .field("text_chars", &self.text.chars().count())
            .field("from", &self.from)
            .field("options", &self.fields.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl SendSms {
    /// A message `text` to `to`.
    pub fn new(to: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            text: text.into(),
            from: None,
            fields: Map::new(),
        }
    }
    /// `from`: the sender (default 36180; see [`SendSms::sender`](crate::SendSms::sender)
    /// for the rules and the French "STOP au 36180" mention).
    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }
    /// `alerting`: AllMySMS's alerting option (an integer).
    pub fn alerting(mut self, value: i64) -> Self {
        self.fields.insert("alerting".into(), json!(value));
        self
    }
    common_setters!();
    /// `cliMsgId`.
    pub fn cli_msg_id(mut self, id: impl Into<String>) -> Self {
        self.fields
            .insert("cliMsgId".into(), Value::String(id.into()));
        self
    }
    /// `uniqueIdentifier`.
    pub fn unique_identifier(mut self, id: impl Into<String>) -> Self {
        self.fields
            .insert("uniqueIdentifier".into(), Value::String(id.into()));
        self
    }
    /// `verbose`: the level of detail of the answer (an integer).
    pub fn verbose(mut self, level: i64) -> Self {
        self.fields.insert("verbose".into(), json!(level));
        self
    }

    pub(super) fn to_json(&self) -> Result<Value, InvalidRequest> {
        let mut body = text_body(&self.text, self.from.as_deref(), &self.fields)?;
        body.insert("to".into(), Value::String(international(&self.to, 0)?));
        Ok(Value::Object(body))
    }
}

/// The body of a text send but its recipients: the options, the checked `text` and, if
/// given, the checked sender `from`.
fn text_body(
    text: &str,
    from: Option<&str>,
    fields: &Map<String, Value>,
) -> Result<Map<String, Value>, InvalidRequest> {
    check_message(text)?;
    if let Some(f) = from {
        check_sender(f)?;
    }
    let mut body = fields.clone();
    body.insert("text".into(), Value::String(text.to_owned()));
    if let Some(f) = from {
        body.insert("from".into(), Value::String(f.to_owned()));
    }
    Ok(body)
}

/// One message to many numbers, each with its own parameters (`POST /sms/send/bulk/`).
///
/// ```
/// use allmysms::rest::BulkSms;
///
/// let bulk = BulkSms::new("Bonjour #param_1#")
///     .to_with_params("0612345678", ["Marc"])
///     .to_with_params("0712345678", ["Julie"]);
/// # let _ = bulk;
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BulkSms {
    text: String,
    recipients: Vec<(String, Vec<String>)>,
    from: Option<String>,
    fields: Map<String, Value>,
}

impl fmt::Debug for BulkSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BulkSms")
            .field("text_chars", &self.text.chars().count())
            .field("recipients", &self.recipients.len())
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl BulkSms {
    /// A message `text`, without recipients yet.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            recipients: Vec::new(),
            from: None,
            fields: Map::new(),
        }
    }
    /// Adds a recipient.
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.recipients.push((phone.into(), Vec::new()));
        self
    }
    /// Adds a recipient with its `param1`, `param2`… values.
    pub fn to_with_params<I, S>(mut self, phone: impl Into<String>, params: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.recipients
            .push((phone.into(), params.into_iter().map(Into::into).collect()));
        self
    }
    /// `from`.
    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }
    /// `alerting`.
    pub fn alerting(mut self, value: i64) -> Self {
        self.fields.insert("alerting".into(), json!(value));
        self
    }
    common_setters!();

    /// Checks the text and the sender.
    pub(crate) fn check_content(&self) -> Result<(), InvalidRequest> {
        text_body(&self.text, self.from.as_deref(), &Map::new()).map(|_| ())
    }

    /// This campaign to `recipients` instead of its own (bulk batches).
    pub(crate) fn with_recipients(&self, recipients: Vec<(String, Vec<String>)>) -> Self {
        Self {
            recipients,
            ..self.clone()
        }
    }

    pub(super) fn to_json(&self) -> Result<Value, InvalidRequest> {
        self.check_content()?;
        if self.recipients.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let with_params = self.recipients.iter().any(|(_, p)| !p.is_empty());
        let mut to: Vec<Value> = Vec::new();
        let mut seen = std::collections::HashSet::with_capacity(self.recipients.len());
        for (index, (raw, params)) in self.recipients.iter().enumerate() {
            let number = international(raw, index)?;
            if !seen.insert(number.clone()) {
                continue;
            }
            if with_params {
                let mut item = Map::new();
                item.insert("mobilePhone".into(), Value::String(number));
                for (i, p) in params.iter().enumerate() {
                    item.insert(format!("param{}", i + 1), Value::String(p.clone()));
                }
                to.push(Value::Object(item));
            } else {
                to.push(Value::String(number));
            }
        }
        let mut body = text_body(&self.text, self.from.as_deref(), &self.fields)?;
        body.insert("to".into(), Value::Array(to));
        Ok(Value::Object(body))
    }
}

/// A voice message campaign (`POST /voice/send/bulk`, `type: directdeposit`): a recorded
/// file dropped in voicemail boxes.
///
/// ```
/// use allmysms::rest::VoiceBulk;
///
/// let voice = VoiceBulk::new("0145678900", "https://example.com/message.mp3").to("0612345678");
/// # let _ = voice;
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VoiceBulk {
    from: String,
    url: String,
    to: Vec<String>,
    fields: Map<String, Value>,
}

impl fmt::Debug for VoiceBulk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VoiceBulk")
            .field("url", &self.url)
            .field("to", &self.to.len())
            .finish_non_exhaustive()
    }
}

impl VoiceBulk {
    /// A voice campaign from a French landline number `from` (`0X…`; mobiles are
    /// refused) playing the public MP3 or WAV file at `url` (5 to 30 s, 1 KB to 5 MB).
    pub fn new(from: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            from: from.into(),
            url: url.into(),
            to: Vec::new(),
            fields: Map::new(),
        }
    }
    /// Adds a recipient.
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.to.push(phone.into());
        self
    }
    common_setters!();

    pub(super) fn to_json(&self) -> Result<Value, InvalidRequest> {
        let from = PhoneNumber::parse_with_region(self.from.trim(), Region::FR)
            .ok()
            .filter(|p| {
                p.country_calling_code() == 33 && !p.national_number().starts_with(['6', '7'])
            })
            .ok_or(InvalidRequest::InvalidSender)?;
        let url_ok =
            reqwest::Url::parse(&self.url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !url_ok {
            return Err(InvalidRequest::MissingParameter("url (http or https)"));
        }
        if self.to.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut to: Vec<Value> = Vec::new();
        for (index, raw) in self.to.iter().enumerate() {
            let n = Value::String(international(raw, index)?);
            if !to.contains(&n) {
                to.push(n);
            }
        }
        let mut body = self.fields.clone();
        body.insert("to".into(), Value::Array(to));
        // The national form, as AllMySMS documents it.
        body.insert(
            "from".into(),
            Value::String(format!("0{}", from.national_number())),
        );
        body.insert("type".into(), Value::String("directdeposit".into()));
        body.insert("url".into(), Value::String(self.url.clone()));
        Ok(Value::Object(body))
    }
}
