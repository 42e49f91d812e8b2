//! `sendSms`, `simulateCampaign` and the simplified send `/`.

use core::fmt;

use quick_xml::events::BytesCData;
use serde_json::{Map, Value, json};
use sms_primitives::datetime::DateTime;
use sms_primitives::redact::mask_digit_runs;
use sms_primitives::{PhoneNumber, Region};

use super::{Json, count, get, objects, split_numbers, text};
use crate::client::Client;
use crate::error::{Error, InvalidRequest};
use crate::status::StatusCode;
use crate::validate::{check_message, check_sender};

/// Most characters in a message (status 111).
pub const MAX_MESSAGE_CHARS: usize = 640;
/// Most characters in a sender (`TPOA`).
pub const MAX_SENDER_CHARS: usize = 11;

/// How `smsData` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum SmsDataFormat {
    /// `<DATA>…</DATA>`, the message in CDATA (the default, as the documentation's
    /// samples). A campaign whose texts XML cannot carry unchanged (C0 control
    /// characters, `\r`, which XML parsers turn into `\n`) is sent as JSON instead.
    #[default]
    Xml,
    /// `{"DATA": {…}}`.
    Json,
}

/// A campaign for `sendSms` or `simulateCampaign`: a message, its options, and its
/// recipients (`SMS`), each with its own parameters for a variable message.
///
/// # Examples
///
/// ```
/// use allmysms::SendSms;
///
/// let sms = SendSms::new("Bonjour #param_1#, votre code est #param_2#. STOP au 36180")
///     .to_with_params("0612345678", ["Marc", "1234"])
///     .to_with_params("+33 7 00 00 00 00", ["Julie", "9876"])
///     .sender("MaBoutique")
///     .campaign_name("codes")
///     .date("2026-12-24 18:30:00".parse()?);
/// assert_eq!(sms.recipient_count(), 2);
/// # Ok::<(), sms_primitives::datetime::InvalidDateTime>(())
/// ```
#[derive(Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "smsData")]
pub struct SendSms {
    message: String,
    tpoa: Option<String>,
    date: Option<DateTime>,
    campaign_name: Option<String>,
    flash: Option<bool>,
    mail_notif: Option<bool>,
    cli_msg_id: Option<String>,
    tracking: Option<bool>,
    master_account: Option<String>,
    recipients: Vec<(String, Vec<String>)>,
}

impl fmt::Debug for SendSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendSms")
            .field("message_chars", &self.message.chars().count())
            .field("tpoa", &self.tpoa)
            .field("date", &self.date)
            .field("campaign_name", &self.campaign_name)
            .field("flash", &self.flash)
            .field("recipients", &self.recipients.len())
            .finish_non_exhaustive()
    }
}

impl SendSms {
    /// A campaign with this `MESSAGE`, without recipients yet.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            ..Self::default()
        }
    }

    /// Adds a recipient (`SMS/MOBILEPHONE`).
    #[doc(alias = "MOBILEPHONE")]
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.recipients.push((phone.into(), Vec::new()));
        self
    }

    /// Adds several recipients.
    pub fn recipients<I, S>(mut self, phones: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.recipients
            .extend(phones.into_iter().map(|p| (p.into(), Vec::new())));
        self
    }

    /// Adds a recipient of a variable message with its `PARAM_1`, `PARAM_2`… values,
    /// which replace `#param_1#`, `#param_2#`… in the text. `DYNAMIC` (their number) is
    /// computed and checked against the placeholders before sending.
    #[doc(alias = "DYNAMIC")]
    #[doc(alias = "PARAM_1")]
    pub fn to_with_params<I, S>(mut self, phone: impl Into<String>, params: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let params = params.into_iter().map(Into::into).collect();
        self.recipients.push((phone.into(), params));
        self
    }

    /// `TPOA`: the sender, at most 11 ASCII letters, digits and inner spaces.
    ///
    /// **French rule**: a custom sender is honoured for French numbers only when the
    /// text contains "STOP au 36180" (the opt-out mention); otherwise AllMySMS sends
    /// from the short code 36180. This client does not add the mention for you.
    #[doc(alias = "TPOA")]
    pub fn sender(mut self, tpoa: impl Into<String>) -> Self {
        self.tpoa = Some(tpoa.into());
        self
    }

    /// `DATE`: deferred send (AllMySMS's local time, Paris).
    #[doc(alias = "DATE")]
    pub fn date(mut self, date: DateTime) -> Self {
        self.date = Some(date);
        self
    }
    crate::zoned_date_setter!();

    /// `CAMPAIGN_NAME`.
    #[doc(alias = "CAMPAIGN_NAME")]
    pub fn campaign_name(mut self, name: impl Into<String>) -> Self {
        self.campaign_name = Some(name.into());
        self
    }

    /// `FLASH`: a flash SMS.
    #[doc(alias = "FLASH")]
    pub fn flash(mut self, flash: bool) -> Self {
        self.flash = Some(flash);
        self
    }

    /// `MAIL_NOTIF`: an e-mail notification of the send.
    #[doc(alias = "MAIL_NOTIF")]
    pub fn mail_notif(mut self, notify: bool) -> Self {
        self.mail_notif = Some(notify);
        self
    }

    /// `CLIMSGID`: your id for the campaign, echoed in delivery reports (`cliMsgId`).
    #[doc(alias = "CLIMSGID")]
    pub fn cli_msg_id(mut self, id: impl Into<String>) -> Self {
        self.cli_msg_id = Some(id.into());
        self
    }

    /// `TRACKING`: track clicks on links.
    #[doc(alias = "TRACKING")]
    pub fn tracking(mut self, tracking: bool) -> Self {
        self.tracking = Some(tracking);
        self
    }

    /// `MASTERACCOUNT`: the master account's login (for sub-accounts).
    #[doc(alias = "MASTERACCOUNT")]
    pub fn master_account(mut self, login: impl Into<String>) -> Self {
        self.master_account = Some(login.into());
        self
    }

    /// Recipients given so far, duplicates included.
    pub fn recipient_count(&self) -> usize {
        self.recipients.len()
    }

    /// Checks the text and the sender; returns the number of parameters each recipient
    /// needs (the highest `#param_N#` of the text).
    pub(crate) fn check_content(&self) -> Result<usize, InvalidRequest> {
        check_message(&self.message)?;
        if let Some(tpoa) = &self.tpoa {
            check_sender(tpoa)?;
        }
        Ok(placeholder_indexes(&self.message)
            .into_iter()
            .max()
            .unwrap_or(0))
    }

    /// This campaign to `recipients` instead of its own (bulk batches).
    pub(crate) fn with_recipients(&self, recipients: Vec<(String, Vec<String>)>) -> Self {
        Self {
            recipients,
            ..self.clone()
        }
    }

    /// Checks everything and returns the campaign in wire form.
    pub(crate) fn validate(&self) -> Result<ValidCampaign<'_>, InvalidRequest> {
        check_message(&self.message)?;
        if let Some(tpoa) = &self.tpoa {
            check_sender(tpoa)?;
        }
        if self.recipients.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut recipients: Vec<(String, &[String])> = Vec::new();
        // A few numbers are compared one by one (a hash set was a thirtieth of a send);
        // more through the set, so that a long list is not read in quadratic time.
        const COMPARED_UP_TO: usize = 16;
        let len = self.recipients.len();
        let mut few: Vec<PhoneNumber> = Vec::with_capacity(len.min(COMPARED_UP_TO));
        let mut many =
            (len > COMPARED_UP_TO).then(|| std::collections::HashSet::with_capacity(len));
        for (index, (raw, params)) in self.recipients.iter().enumerate() {
            let phone = PhoneNumber::parse_with_region(raw.trim(), Region::FR)
                .map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
            let new = match &mut many {
                Some(set) => set.insert(phone),
                None if few.contains(&phone) => false,
                None => {
                    few.push(phone);
                    true
                }
            };
            // The same number twice would be charged twice: keep the first.
            if new {
                recipients.push((phone.international_digits().to_owned(), params.as_slice()));
            }
        }
        let dynamic = check_dynamic(&self.message, &recipients)?;
        Ok(ValidCampaign {
            sms: self,
            recipients,
            dynamic,
        })
    }
}

/// The `N` of every `#param_N#` in a message (case-insensitive), in order.
fn placeholder_indexes(message: &str) -> Vec<usize> {
    let lower = message.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("#param_") {
        let after = rest.get(at + 7..).unwrap_or_default();
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let closed = after
            .get(digits.len()..)
            .is_some_and(|r| r.starts_with('#'));
        if closed && let Ok(n) = digits.parse() {
            out.push(n);
        }
        rest = after;
    }
    out
}

/// `DYNAMIC`: the number of parameters, the same for every recipient, covering every
/// placeholder of the text. `None` for a fixed message.
fn check_dynamic(
    message: &str,
    recipients: &[(String, &[String])],
) -> Result<Option<usize>, InvalidRequest> {
    let placeholders = placeholder_indexes(message);
    let counts: Vec<usize> = recipients.iter().map(|(_, p)| p.len()).collect();
    let n = counts.first().copied().unwrap_or(0);
    if counts.iter().any(|&c| c != n) {
        return Err(InvalidRequest::DynamicMismatch(
            "every recipient needs the same number of parameters".into(),
        ));
    }
    match (n, placeholders.iter().max()) {
        (0, None) => Ok(None),
        (0, Some(max)) => Err(InvalidRequest::DynamicMismatch(format!(
            "the text uses #param_{max}# but no recipient has parameters"
        ))),
        (n, None) => Err(InvalidRequest::DynamicMismatch(format!(
            "{n} parameters per recipient but no #param_N# in the text"
        ))),
        (n, Some(&max)) if max > n || placeholders.contains(&0) => {
            Err(InvalidRequest::DynamicMismatch(format!(
                "the text uses #param_{max}# but recipients have {n} parameters"
            )))
        }
        (n, Some(_)) => Ok(Some(n)),
    }
}

/// A campaign that passed validation.
pub(crate) struct ValidCampaign<'a> {
    sms: &'a SendSms,
    recipients: Vec<(String, &'a [String])>,
    dynamic: Option<usize>,
}

impl ValidCampaign<'_> {
    /// The optional top-level fields, in the documentation's order, as text.
    fn options(&self) -> Vec<(&'static str, String)> {
        let s = self.sms;
        let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
        let mut out = Vec::new();
        let mut push = |name: &'static str, value: Option<String>| {
            if let Some(v) = value {
                out.push((name, v));
            }
        };
        push("DYNAMIC", self.dynamic.map(|n| n.to_string()));
        push("CAMPAIGN_NAME", s.campaign_name.clone());
        push("DATE", s.date.map(|d| d.to_string()));
        push("TPOA", s.tpoa.clone());
        push("FLASH", s.flash.map(flag));
        push("MAIL_NOTIF", s.mail_notif.map(flag));
        push("CLIMSGID", s.cli_msg_id.clone());
        push("TRACKING", s.tracking.map(flag));
        push("MASTERACCOUNT", s.master_account.clone());
        out
    }

    /// Whether every text of the campaign can travel in XML unchanged. XML 1.0 cannot
    /// carry most C0 control characters, and XML parsers turn `\r\n` and `\r` into
    /// `\n`: such texts would be refused or altered.
    pub(crate) fn xml_safe(&self) -> bool {
        let safe = |t: &str| {
            !t.chars().any(|c| {
                (c < ' ' && c != '\t' && c != '\n') || matches!(c, '\u{FFFE}' | '\u{FFFF}')
            })
        };
        safe(&self.sms.message)
            && self.options().iter().all(|(_, v)| safe(v))
            && self
                .recipients
                .iter()
                .all(|(phone, params)| safe(phone) && params.iter().all(|p| safe(p)))
    }

    /// The form fields `pairs` followed by `&smsData=` and the campaign's XML,
    /// `<DATA><MESSAGE><![CDATA[…]]></MESSAGE>…<SMS>…</SMS></DATA>`, written
    /// form-encoded (`sms_http::FormXml`: encoding the XML afterwards took a tenth of a
    /// send). The message is in CDATA, split where it contains `]]>` so that it arrives
    /// byte-exact; other texts are escaped by quick-xml's `escape`: the bytes quick-xml's
    /// element writer wrote (a property).
    pub(crate) fn to_xml_form(&self, pairs: &[(&str, &str)]) -> String {
        let options = self.options();
        let texts: usize = options.iter().map(|(n, v)| 2 * n.len() + v.len() + 5).sum();
        let recipients: usize = self
            .recipients
            .iter()
            .map(|(phone, params)| {
                38 + phone.len() + params.iter().map(|p| p.len() + 21).sum::<usize>()
            })
            .sum();
        let len = 48 + self.sms.message.len() + texts + recipients;
        let mut out = sms_http::FormXml::after(pairs, "smsData", len);
        let element = |out: &mut sms_http::FormXml, name: &str, text: &str| {
            out.element(name, &quick_xml::escape::escape(text));
        };
        out.open("DATA");
        out.open("MESSAGE");
        for part in BytesCData::escaped(&self.sms.message) {
            out.text("<![CDATA[");
            out.text(&part);
            out.text("]]>");
        }
        out.close("MESSAGE");
        for (name, value) in &options {
            element(&mut out, name, value);
        }
        for (phone, params) in &self.recipients {
            out.open("SMS");
            element(&mut out, "MOBILEPHONE", phone);
            for (i, p) in params.iter().enumerate() {
                element(&mut out, &format!("PARAM_{}", i + 1), p);
            }
            out.close("SMS");
        }
        out.close("DATA");
        out.finish()
    }

    /// The campaign's XML: the `smsData` field, decoded.
    #[cfg(test)]
    pub(crate) fn to_xml(&self) -> String {
        let form = self.to_xml_form(&[("k", "v")]);
        let pairs: Vec<_> = form_urlencoded::parse(form.as_bytes()).collect();
        match pairs.as_slice() {
            [_, (field, xml)] if field == "smsData" => xml.to_string(),
            other => panic!("not one smsData field: {other:?}"),
        }
    }

    /// `{"DATA": {…, "SMS": [{"MOBILEPHONE": …, "PARAM_1": …}]}}`, values as strings as
    /// the documentation's sample shows (`"DYNAMIC": "2"`).
    pub(crate) fn to_json(&self) -> String {
        let mut data = Map::new();
        data.insert("MESSAGE".into(), Value::String(self.sms.message.clone()));
        for (name, value) in self.options() {
            data.insert(name.into(), Value::String(value));
        }
        let sms: Vec<Value> = self
            .recipients
            .iter()
            .map(|(phone, params)| {
                let mut item = Map::new();
                item.insert("MOBILEPHONE".into(), Value::String(phone.clone()));
                for (i, p) in params.iter().enumerate() {
                    item.insert(format!("PARAM_{}", i + 1), Value::String(p.clone()));
                }
                Value::Object(item)
            })
            .collect();
        data.insert("SMS".into(), Value::Array(sms));
        json!({ "DATA": data }).to_string()
    }
}

/// A message for the simplified send (`/`): `message`, `mobile`, `tpoa`, `date`,
/// `flash`, `campaign`, as plain parameters.
///
/// ```
/// use allmysms::SimpleSms;
///
/// let sms = SimpleSms::new("Votre code : 1234").to("0612345678").sender("MaBoutique");
/// assert_eq!(sms.recipient_count(), 1);
/// ```
#[derive(Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SimpleSms {
    message: String,
    mobiles: Vec<String>,
    tpoa: Option<String>,
    date: Option<DateTime>,
    flash: Option<bool>,
    campaign: Option<String>,
    lowcost: Option<bool>,
}

impl fmt::Debug for SimpleSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimpleSms")
            .field("message_chars", &self.message.chars().count())
            .field("mobiles", &self.mobiles.len())
            .field("tpoa", &self.tpoa)
            .field("date", &self.date)
            .finish_non_exhaustive()
    }
}

impl SimpleSms {
    /// A message, without recipients yet.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            ..Self::default()
        }
    }
    /// Adds a recipient (`mobile`).
    pub fn to(mut self, phone: impl Into<String>) -> Self {
        self.mobiles.push(phone.into());
        self
    }
    /// Adds several recipients.
    pub fn recipients<I, S>(mut self, phones: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.mobiles.extend(phones.into_iter().map(Into::into));
        self
    }
    /// `tpoa`: the sender (see [`SendSms::sender`] for the rules and the French
    /// "STOP au 36180" mention).
    pub fn sender(mut self, tpoa: impl Into<String>) -> Self {
        self.tpoa = Some(tpoa.into());
        self
    }
    /// `date`: deferred send.
    pub fn date(mut self, date: DateTime) -> Self {
        self.date = Some(date);
        self
    }
    crate::zoned_date_setter!();
    /// `flash`.
    pub fn flash(mut self, flash: bool) -> Self {
        self.flash = Some(flash);
        self
    }
    /// `campaign`: the campaign name.
    pub fn campaign(mut self, name: impl Into<String>) -> Self {
        self.campaign = Some(name.into());
        self
    }
    /// `lowcost`: the low-cost route. Not on the documentation page; seen in public
    /// client code as `lowcost=true`, so sent as `true`/`false`.
    pub fn lowcost(mut self, lowcost: bool) -> Self {
        self.lowcost = Some(lowcost);
        self
    }
    /// Recipients given so far.
    pub fn recipient_count(&self) -> usize {
        self.mobiles.len()
    }

    pub(crate) fn params(&self) -> Result<Vec<(&'static str, String)>, InvalidRequest> {
        check_message(&self.message)?;
        if let Some(tpoa) = &self.tpoa {
            check_sender(tpoa)?;
        }
        if self.mobiles.is_empty() {
            return Err(InvalidRequest::NoRecipient);
        }
        let mut mobiles: Vec<String> = Vec::new();
        for (index, raw) in self.mobiles.iter().enumerate() {
            let phone = PhoneNumber::parse_with_region(raw.trim(), Region::FR)
                .map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
            let digits = phone.international_digits().to_owned();
            if !mobiles.contains(&digits) {
                mobiles.push(digits);
            }
        }
        let mut out = vec![
            ("message", self.message.clone()),
            // `;`-separated for this method.
            ("mobile", mobiles.join(";")),
        ];
        if let Some(t) = &self.tpoa {
            out.push(("tpoa", t.clone()));
        }
        if let Some(d) = self.date {
            out.push(("date", d.to_string()));
        }
        if let Some(f) = self.flash {
            out.push(("flash", if f { "1" } else { "0" }.to_owned()));
        }
        if let Some(c) = &self.campaign {
            out.push(("campaign", c.clone()));
        }
        if let Some(l) = self.lowcost {
            out.push(("lowcost", l.to_string()));
        }
        Ok(out)
    }
}

/// The id of one SMS of a campaign.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SmsId {
    phone_number: String,
    sms_id: String,
}

impl fmt::Debug for SmsId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmsId")
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("sms_id", &self.sms_id)
            .finish()
    }
}

impl SmsId {
    pub(crate) fn new(phone_number: String, sms_id: String) -> Self {
        Self {
            phone_number,
            sms_id,
        }
    }

    /// `phoneNumber`.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// `smsId` (a UUID), for [`Client::get_ack_by_sms_id`](crate::Client::get_ack_by_sms_id).
    pub fn sms_id(&self) -> &str {
        &self.sms_id
    }
}

/// The answer to `sendSms` and to the simplified send.
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SendResponse {
    status: StatusCode,
    status_text: String,
    invalid_numbers: Vec<String>,
    campaign_id: String,
    credits: Option<u64>,
    credits_used: Option<u64>,
    nb_contacts: Option<u64>,
    nb_sms: Option<u64>,
    sms_ids: Vec<SmsId>,
}

impl fmt::Debug for SendResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendResponse")
            .field("status", &self.status)
            .field("campaign_id", &self.campaign_id)
            .field("invalid_numbers", &self.invalid_numbers.len())
            .field("credits", &self.credits)
            .field("credits_used", &self.credits_used)
            .field("nb_contacts", &self.nb_contacts)
            .field("nb_sms", &self.nb_sms)
            .field("sms_ids", &self.sms_ids)
            .finish_non_exhaustive()
    }
}

impl SendResponse {
    /// `status`: [`StatusCode::Sent`] or [`StatusCode::Scheduled`].
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// `statusText`.
    pub fn status_text(&self) -> &str {
        &self.status_text
    }
    /// `invalidNumbers`, split (`""` or `a|b`).
    pub fn invalid_numbers(&self) -> &[String] {
        &self.invalid_numbers
    }
    /// `campaignId`.
    pub fn campaign_id(&self) -> &str {
        &self.campaign_id
    }
    /// `credits`: credits left.
    pub fn credits(&self) -> Option<u64> {
        self.credits
    }
    /// `creditsUsed` (also read from `nbCredits`).
    pub fn credits_used(&self) -> Option<u64> {
        self.credits_used
    }
    /// `nbContacts`.
    pub fn nb_contacts(&self) -> Option<u64> {
        self.nb_contacts
    }
    /// `nbSms`.
    pub fn nb_sms(&self) -> Option<u64> {
        self.nb_sms
    }
    /// `smsIds`: phone number → SMS id, in the order of the recipients.
    pub fn sms_ids(&self) -> &[SmsId] {
        &self.sms_ids
    }
}

/// Reads the status of a send: 100 and 101 are successes, 113 (some numbers invalid) a
/// partial outcome ([`Error::PartiallySent`]), anything else an error.
fn success_status(json: &Json) -> Result<(StatusCode, &Map<String, Value>), Error> {
    if let Err(e) = json.check_status() {
        return Err(match e {
            Error::Api(api) if api.code == StatusCode::SomeNumbersInvalid => {
                Error::PartiallySent(partial(json, api.message))
            }
            other => other,
        });
    }
    let map = json.object()?;
    let code = super::int(map.get("status"))
        .and_then(|c| u16::try_from(c).ok())
        .map(StatusCode::from_code)
        .filter(|s| s.is_success())
        .ok_or_else(|| json.unexpected())?;
    Ok((code, map))
}

/// The `smsIds` of an answer; `None` when one lacks its number or id.
fn sms_ids(m: &Map<String, Value>) -> Option<Vec<SmsId>> {
    objects(m, "smsIds")
        .map(|o| {
            Some(SmsId {
                phone_number: text(o.get("phoneNumber")).filter(|s| !s.is_empty())?,
                sms_id: text(o.get("smsId")).filter(|s| !s.is_empty())?,
            })
        })
        .collect()
}

/// What a 113 answer says was done: whatever ids it carries, and the refused numbers.
fn partial(json: &Json, status_text: String) -> crate::error::PartialSend {
    let empty = Map::new();
    let m = json.value.as_object().unwrap_or(&empty);
    crate::error::PartialSend {
        http_status: json.http_status,
        status_text,
        campaign_id: text(m.get("campaignId")).filter(|s| !s.is_empty()),
        // Incomplete pairs are dropped here: the outcome is unknown anyway.
        sms_ids: objects(m, "smsIds")
            .filter_map(|o| {
                Some(SmsId {
                    phone_number: text(o.get("phoneNumber")).filter(|s| !s.is_empty())?,
                    sms_id: text(o.get("smsId")).filter(|s| !s.is_empty())?,
                })
            })
            .collect(),
        invalid_numbers: split_numbers(m.get("invalidNumbers")),
    }
}

/// Maps a send answer. `campaignId` is documented for both sends and must be there;
/// `smsIds` is documented for `sendSms` (`require_sms_ids`), not for the simplified
/// send; every pair must have its number and id.
pub(crate) fn to_send_response(json: &Json, require_sms_ids: bool) -> Result<SendResponse, Error> {
    let (status, m) = success_status(json)?;
    let campaign_id = text(m.get("campaignId"))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| json.unexpected())?;
    if require_sms_ids && !m.contains_key("smsIds") {
        return Err(json.unexpected());
    }
    Ok(SendResponse {
        status,
        status_text: text(m.get("statusText")).unwrap_or_default(),
        invalid_numbers: split_numbers(m.get("invalidNumbers")),
        campaign_id,
        credits: count(m.get("credits")),
        credits_used: count(get(m, &["creditsUsed", "nbCredits"])),
        nb_contacts: count(m.get("nbContacts")),
        nb_sms: count(m.get("nbSms")),
        sms_ids: sms_ids(m).ok_or_else(|| json.unexpected())?,
    })
}

/// The answer to `simulateCampaign`: what the campaign would cost.
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SimulateResponse {
    status: StatusCode,
    status_text: String,
    invalid_numbers: Vec<String>,
    nb_credits: Option<u64>,
    nb_contacts: Option<u64>,
    nb_sms: Option<u64>,
}

// The refused numbers are counted, not shown.
impl fmt::Debug for SimulateResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulateResponse")
            .field("status", &self.status)
            .field("status_text", &mask_digit_runs(&self.status_text))
            .field("invalid_numbers", &self.invalid_numbers.len())
            .field("nb_credits", &self.nb_credits)
            .field("nb_contacts", &self.nb_contacts)
            .field("nb_sms", &self.nb_sms)
            .finish()
    }
}

impl SimulateResponse {
    /// `status`.
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// `statusText`.
    pub fn status_text(&self) -> &str {
        &self.status_text
    }
    /// `invalidNumbers`, split.
    pub fn invalid_numbers(&self) -> &[String] {
        &self.invalid_numbers
    }
    /// `nbCredits`: the cost in credits (also read from `creditsUsed`).
    pub fn nb_credits(&self) -> Option<u64> {
        self.nb_credits
    }
    /// `nbContacts`.
    pub fn nb_contacts(&self) -> Option<u64> {
        self.nb_contacts
    }
    /// `nbSms`.
    pub fn nb_sms(&self) -> Option<u64> {
        self.nb_sms
    }
}

pub(crate) fn to_simulate_response(json: &Json) -> Result<SimulateResponse, Error> {
    let (status, m) = success_status(json)?;
    Ok(SimulateResponse {
        status,
        status_text: text(m.get("statusText")).unwrap_or_default(),
        invalid_numbers: split_numbers(m.get("invalidNumbers")),
        nb_credits: count(get(m, &["nbCredits", "creditsUsed"])),
        nb_contacts: count(m.get("nbContacts")),
        nb_sms: count(m.get("nbSms")),
    })
}

// The methods of this family (every v9 method lives with its types).
impl Client {
    /// `sendSms`: sends a campaign. Never retried.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] before any request (empty text or over 640 characters,
    /// invalid sender or number, parameters that do not match the placeholders, no
    /// recipient, empty credential); [`Error::Api`] for any status but 100 and 101;
    /// [`Error::Http`] or [`Error::UnexpectedResponse`] otherwise.
    #[doc(alias = "sendSms")]
    pub async fn send_sms(&self, sms: &SendSms) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_sms", async {
                let json = self.post("sendSms", self.sms_data(sms)?).await?;
                to_send_response(&json, true)
            })
            .await
    }

    /// `simulateCampaign`: what a campaign would cost, without sending it.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    #[doc(alias = "simulateCampaign")]
    pub async fn simulate_campaign(&self, sms: &SendSms) -> Result<SimulateResponse, Error> {
        self.transport
            .operation("simulate_campaign", async {
                let json = self.post("simulateCampaign", self.sms_data(sms)?).await?;
                to_simulate_response(&json)
            })
            .await
    }

    /// The simplified send (`/`): plain parameters instead of `smsData`. Never retried.
    ///
    /// # Errors
    ///
    /// As [`send_sms`](Self::send_sms).
    pub async fn send_simple(&self, sms: &SimpleSms) -> Result<SendResponse, Error> {
        self.transport
            .operation("send_simple", async {
                let params = sms.params()?;
                let json = self.call("", params).await?;
                to_send_response(&json, false)
            })
            .await
    }

    /// The form body with `smsData`: the campaign is checked first.
    fn sms_data(&self, sms: &SendSms) -> Result<String, Error> {
        let campaign = sms.validate()?;
        let credentials = self.credentials_form()?;
        // A text XML cannot carry unchanged (control characters, `\r`) goes as JSON,
        // the other documented form of `smsData`, rather than as ill-formed XML.
        Ok(match self.sms_data_format() {
            SmsDataFormat::Xml if campaign.xml_safe() => campaign.to_xml_form(&credentials),
            SmsDataFormat::Xml | SmsDataFormat::Json => {
                let json = campaign.to_json();
                let mut form = credentials.to_vec();
                form.push(("smsData", &json));
                sms_http::form_body(&form)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(
            placeholder_indexes("a #param_1# b #PARAM_2# #param_x# #param_3"),
            [1, 2]
        );
        assert!(placeholder_indexes("none").is_empty());
    }

    #[test]
    fn duplicates_are_dropped_keeping_the_first() {
        // Below and above the number of recipients compared one by one; the same
        // number written two ways is one recipient.
        for len in [2, 16, 17, 40] {
            let sms = (0..len).fold(SendSms::new("Bonjour #param_1#"), |sms, i| {
                let number = match i % 10 {
                    0 => "+33 6 12 34 56 70".to_owned(),
                    n => format!("06123456{:02}", 70 + n),
                };
                sms.to_with_params(&number, [i.to_string()])
            });
            let campaign = sms.validate().unwrap();
            let got: Vec<(&str, &str)> = campaign
                .recipients
                .iter()
                .map(|(phone, params)| (phone.as_str(), params[0].as_str()))
                .collect();
            let expected: Vec<(String, String)> = (0..len.min(10))
                .map(|i| (format!("336123456{:02}", 70 + i), i.to_string()))
                .collect();
            let expected: Vec<(&str, &str)> = expected
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            assert_eq!(got, expected, "{len} recipients");
        }
    }

    #[test]
    fn dynamic_rules() {
        let ok =
            SendSms::new("Bonjour #param_1# #param_2#").to_with_params("0612345678", ["a", "b"]);
        assert_eq!(ok.validate().unwrap().dynamic, Some(2));
        let fixed = SendSms::new("Bonjour").to("0612345678");
        assert_eq!(fixed.validate().unwrap().dynamic, None);
        for bad in [
            SendSms::new("#param_1#").to("0612345678"),
            SendSms::new("Bonjour").to_with_params("0612345678", ["a"]),
            SendSms::new("#param_2#").to_with_params("0612345678", ["a"]),
            SendSms::new("#param_1#")
                .to_with_params("0612345678", ["a"])
                .to_with_params("0712345678", ["a", "b"]),
            SendSms::new("#param_1#")
                .to_with_params("0612345678", ["a"])
                .to("0712345678"),
        ] {
            assert!(
                matches!(bad.validate(), Err(InvalidRequest::DynamicMismatch(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn senders() {
        for ok in ["allmysms", "Ma Boutique", "A", "12345678901"] {
            assert!(check_sender(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "123456789012",
            " Shop",
            "Shop ",
            "Boutique-é",
            "Nom de l’émetteur",
        ] {
            assert!(check_sender(bad).is_err(), "{bad}");
        }
    }

    /// What quick-xml's element writer wrote (this module's writer until it wrote the
    /// string itself), to check that every text is escaped and split the same.
    fn written_by_quick_xml(c: &ValidCampaign<'_>) -> String {
        use quick_xml::Writer;
        use quick_xml::events::{BytesText, Event};
        let mut w = Writer::new(Vec::new());
        w.create_element("DATA")
            .write_inner_content(|w| {
                w.create_element("MESSAGE").write_inner_content(|w| {
                    for part in BytesCData::escaped(&c.sms.message) {
                        w.write_event(Event::CData(part))?;
                    }
                    Ok(())
                })?;
                for (name, value) in c.options() {
                    w.create_element(name)
                        .write_text_content(BytesText::new(&value))?;
                }
                for (phone, params) in &c.recipients {
                    w.create_element("SMS").write_inner_content(|w| {
                        w.create_element("MOBILEPHONE")
                            .write_text_content(BytesText::new(phone))?;
                        for (i, p) in params.iter().enumerate() {
                            w.create_element(format!("PARAM_{}", i + 1).as_str())
                                .write_text_content(BytesText::new(p))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })
            .unwrap();
        String::from_utf8(w.into_inner()).unwrap()
    }

    proptest::proptest! {
        /// Any message (`]]>` included), options and parameters with markup characters
        /// and quotes: the same bytes as quick-xml's writer.
        #[test]
        fn xml_is_what_quick_xml_writes(
            message in "(\\PC|]]>){1,30}",
            name in "[<>&'\" a-zé]{0,12}",
            id in "[<>&'\"a-z0-9]{0,12}",
            params in proptest::collection::vec("[<>&'\"a-z€]{0,8}", 0..3),
            flash: bool,
        ) {
            let placeholders: String = (1..=params.len()).map(|i| format!(" #param_{i}#")).collect();
            let mut sms = SendSms::new(format!("{message}{placeholders}")).flash(flash);
            if !name.is_empty() {
                sms = sms.campaign_name(name).cli_msg_id(id);
            }
            let sms = sms
                .to_with_params("0612345678", params.clone())
                .to_with_params("0612345679", params);
            let campaign = sms.validate();
            proptest::prop_assume!(campaign.is_ok());
            let campaign = campaign.unwrap();
            let xml = campaign.to_xml();
            proptest::prop_assert_eq!(&xml, &written_by_quick_xml(&campaign));
            // And the form body is that XML, form-encoded.
            proptest::prop_assert_eq!(
                campaign.to_xml_form(&[("k", "v")]),
                sms_http::form_body(&[("k", "v"), ("smsData", &xml)])
            );
        }
    }

    #[test]
    fn cdata_is_split_on_its_terminator() {
        let sms = SendSms::new("a]]>b").to("0612345678");
        let xml = sms.validate().unwrap().to_xml();
        assert!(
            xml.starts_with("<DATA><MESSAGE><![CDATA[a]]]]><![CDATA[>b]]></MESSAGE>"),
            "{xml}"
        );
    }
}
