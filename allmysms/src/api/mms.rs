//! `sendMms` and `sendEmail`.

use core::fmt;

use base64::Engine as _;
use serde_json::{Map, Value, json};
use sms_primitives::datetime::DateTime;
use sms_primitives::{PhoneNumber, Region};

use super::Json;
use super::send::SendResponse;
use crate::client::Client;
use crate::error::{Error, InvalidRequest};

/// `MSGCLASS`: what an MMS carries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum MmsContent {
    /// `0`: text only.
    Text,
    /// `1`: an image, by public URL (`IMAGE`).
    Image(String),
    /// `2`: a video, by public URL (`VIDEO`).
    Video(String),
    /// `3`: a sound, by public URL (`SOUND`).
    Sound(String),
}

/// An MMS campaign (`mmsData`).
///
/// ```
/// use allmysms::{MmsContent, SendMms};
///
/// let mms = SendMms::new("Nouvelle collection !", MmsContent::Image("https://example.com/a.jpg".into()))
///     .to("0612345678")
///     .campaign_name("printemps");
/// assert_eq!(mms.recipient_count(), 1);
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "mmsData")]
pub struct SendMms {
    message: String,
    content: MmsContent,
    recipients: Vec<String>,
    date: Option<DateTime>,
    campaign_name: Option<String>,
    mail_notif: Option<bool>,
    cli_msg_id: Option<String>,
}

impl fmt::Debug for SendMms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendMms")
            .field("content", &self.content)
            .field("recipients", &self.recipients.len())
            .field("date", &self.date)
            .finish_non_exhaustive()
    }
}

impl SendMms {
    /// An MMS with a text (`MESSAGE`) and its content (`MSGCLASS` and media URL).
    pub fn new(message: impl Into<String>, content: MmsContent) -> Self {
        Self {
            message: message.into(),
            content,
            recipients: Vec::new(),
            date: None,
            campaign_name: None,
            mail_notif: None,
            cli_msg_id: None,
        }
    }
    /// Adds a recipient (`MMS/MOBILEPHONE`).
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.recipients.push(phone.into());
        self
    }
    /// Adds several recipients.
    pub fn recipients<I, S>(mut self, phones: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.recipients.extend(phones.into_iter().map(Into::into));
        self
    }
    /// `DATE`: deferred send.
    pub fn date(mut self, date: DateTime) -> Self {
        self.date = Some(date);
        self
    }
    crate::zoned_date_setter!();
    /// `CAMPAIGN_NAME`.
    pub fn campaign_name(mut self, name: impl Into<String>) -> Self {
        self.campaign_name = Some(name.into());
        self
    }
    /// `MAIL_NOTIF`.
    pub fn mail_notif(mut self, notify: bool) -> Self {
        self.mail_notif = Some(notify);
        self
    }
    /// `CLIMSGID`.
    pub fn cli_msg_id(mut self, id: impl Into<String>) -> Self {
        self.cli_msg_id = Some(id.into());
        self
    }
    /// Recipients given so far.
    pub fn recipient_count(&self) -> usize {
        self.recipients.len()
    }

    fn to_json(&self) -> Result<String, InvalidRequest> {
        if self.recipients.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut mms = Vec::new();
        for (index, raw) in self.recipients.iter().enumerate() {
            let phone = PhoneNumber::parse_with_region(raw.trim(), Region::FR)
                .map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
            let item = json!({"MOBILEPHONE": phone.international_digits()});
            if !mms.contains(&item) {
                mms.push(item);
            }
        }
        let mut data = Map::new();
        let mut put = |k: &str, v: String| {
            data.insert(k.to_owned(), Value::String(v));
        };
        put("MESSAGE", self.message.clone());
        let (class, media) = match &self.content {
            MmsContent::Text => ("0", None),
            MmsContent::Image(u) => ("1", Some(("IMAGE", u))),
            MmsContent::Video(u) => ("2", Some(("VIDEO", u))),
            MmsContent::Sound(u) => ("3", Some(("SOUND", u))),
        };
        put("MSGCLASS", class.to_owned());
        if let Some((key, url)) = media {
            let ok = reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !ok {
                return Err(InvalidRequest::MissingParameter(
                    "media URL (http or https)",
                ));
            }
            put(key, url.clone());
        }
        if let Some(d) = self.date {
            put("DATE", d.to_string());
        }
        if let Some(c) = &self.campaign_name {
            put("CAMPAIGN_NAME", c.clone());
        }
        if let Some(m) = self.mail_notif {
            put("MAIL_NOTIF", if m { "1" } else { "0" }.to_owned());
        }
        if let Some(c) = &self.cli_msg_id {
            put("CLIMSGID", c.clone());
        }
        data.insert("MMS".into(), Value::Array(mms));
        Ok(json!({ "DATA": data }).to_string())
    }
}

/// An e-mail campaign (`emailData`). The HTML body is sent base64-encoded, as the API
/// requires.
///
/// ```
/// use allmysms::SendEmail;
///
/// let mail = SendEmail::new("news@example.com", "client@example.com", "Bienvenue", "<h1>Bonjour</h1>")
///     .alias("Ma Boutique")
///     .mail_text("Bonjour");
/// assert!(!format!("{mail:?}").contains("client@example.com"));
/// ```
#[derive(Clone)]
#[doc(alias = "emailData")]
pub struct SendEmail {
    fields: Vec<(&'static str, String)>,
    html: String,
}

// Addresses, names and the body are personal data: only the field names are shown.
impl fmt::Debug for SendEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.fields.iter().map(|(k, _)| *k).collect();
        f.debug_struct("SendEmail")
            .field("fields", &names)
            .field("html_bytes", &self.html.len())
            .finish()
    }
}

// With the `serde` feature, written as the API's `DATA` object with the HTML in clear:
// `{"FROM": …, "TO": …, "SUBJECT": …, "HTML": …, "ALIAS": …}`.
#[cfg(feature = "serde")]
const EMAIL_FIELDS: [&str; 8] = [
    "FROM",
    "TO",
    "SUBJECT",
    "ALIAS",
    "MAILTEXT",
    "REPLY_TO",
    "CAMPAIGN_NAME",
    "DATE",
];

#[cfg(feature = "serde")]
impl serde::Serialize for SendEmail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.fields.len() + 1))?;
        for (k, v) in &self.fields {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("HTML", &self.html)?;
        map.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SendEmail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let map = std::collections::BTreeMap::<String, String>::deserialize(deserializer)?;
        let mut email = Self {
            fields: Vec::new(),
            html: String::new(),
        };
        for (k, v) in map {
            if k == "HTML" {
                email.html = v;
                continue;
            }
            let key = EMAIL_FIELDS
                .iter()
                .find(|f| **f == k)
                .ok_or_else(|| D::Error::unknown_field(&k, &EMAIL_FIELDS))?;
            email = email.set(key, v);
        }
        Ok(email)
    }
}

impl SendEmail {
    /// An e-mail `FROM`, `TO`, `SUBJECT`, with its `HTML` body (plain HTML: the client
    /// encodes it).
    pub fn new(
        from: impl Into<String>,
        to: impl Into<String>,
        subject: impl Into<String>,
        html: impl Into<String>,
    ) -> Self {
        Self {
            fields: vec![
                ("FROM", from.into()),
                ("TO", to.into()),
                ("SUBJECT", subject.into()),
            ],
            html: html.into(),
        }
    }
    fn set(mut self, key: &'static str, value: String) -> Self {
        self.fields.retain(|(k, _)| *k != key);
        self.fields.push((key, value));
        self
    }
    /// `ALIAS`: the sender's display name.
    pub fn alias(self, alias: impl Into<String>) -> Self {
        self.set("ALIAS", alias.into())
    }
    /// `MAILTEXT`: the plain-text version.
    pub fn mail_text(self, text: impl Into<String>) -> Self {
        self.set("MAILTEXT", text.into())
    }
    /// `REPLY_TO`.
    pub fn reply_to(self, address: impl Into<String>) -> Self {
        self.set("REPLY_TO", address.into())
    }
    /// `CAMPAIGN_NAME`.
    pub fn campaign_name(self, name: impl Into<String>) -> Self {
        self.set("CAMPAIGN_NAME", name.into())
    }
    /// `DATE`: deferred send.
    pub fn date(self, date: DateTime) -> Self {
        self.set("DATE", date.to_string())
    }
    crate::zoned_date_setter!();

    fn to_json(&self) -> Result<String, InvalidRequest> {
        for key in ["FROM", "TO", "SUBJECT"] {
            if !self
                .fields
                .iter()
                .any(|(k, v)| *k == key && !v.trim().is_empty())
            {
                return Err(InvalidRequest::MissingParameter(key));
            }
        }
        if self.html.trim().is_empty() {
            return Err(InvalidRequest::EmptyMessage);
        }
        let mut data = Map::new();
        for (k, v) in &self.fields {
            data.insert((*k).to_owned(), Value::String(v.clone()));
        }
        data.insert(
            "HTML".into(),
            Value::String(base64::engine::general_purpose::STANDARD.encode(self.html.as_bytes())),
        );
        Ok(json!({ "DATA": data }).to_string())
    }
}

impl Client {
    /// `sendMms`: sends an MMS campaign. Never retried.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for no or an invalid recipient or a media URL that is not
    /// http(s); [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "sendMms")]
    pub async fn send_mms(&self, mms: &SendMms) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_mms", async {
                let json = self
                    .call("sendMms", vec![("mmsData", mms.to_json()?)])
                    .await?;
                super::send::to_send_response(&json, true)
            })
            .await
    }

    /// `sendEmail`: sends an e-mail campaign. Its answer is not documented: the whole
    /// JSON is returned once its status is checked. Never retried.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a missing `FROM`, `TO`, `SUBJECT` or body;
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "sendEmail")]
    pub async fn send_email(&self, email: &SendEmail) -> Result<Value, Error> {
        self.transport
            .operation("send_email", async {
                let json = self
                    .call("sendEmail", vec![("emailData", email.to_json()?)])
                    .await?;
                to_email_answer(&json)
            })
            .await
    }
}

/// `sendEmail`'s answer is undocumented: the whole JSON, once its status is checked.
pub(crate) fn to_email_answer(json: &Json) -> Result<Value, Error> {
    json.check_status()?;
    json.object()?;
    Ok(json.value.clone())
}
