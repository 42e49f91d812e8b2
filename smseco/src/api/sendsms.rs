//! `sendsms`: one message to one or many numbers, and mail merge (publipostage).

use core::fmt;

use sms_primitives::SenderId;
use sms_primitives::encoding::{Encoding, analyze};
use sms_primitives::redact::mask_digit_runs;

use super::{Answer, check_msgid, normalize_all};
use crate::date::SendDate;
use crate::error::InvalidRequest;
use crate::tree::{Node, Object, get, items, num, text};
use crate::wire::{Command, FieldValue, Recipient, Request};

/// A message to send.
///
/// Recipients are international digits (`22507352518`; `+` and `00` accepted) or
/// national numbers of the sender's country, as SMSECO allows; duplicates are removed
/// (SMSECO filters them anyway).
///
/// # Examples
///
/// ```
/// use smseco::{SendDate, SendSms};
///
/// let sms = SendSms::new("TEST", "Bonjour, ceci est un test.")
///     .recipients(["22507352518", "+225 07 07 35 25 18"])
///     .msgid("commande-1234")
///     .flash(true)
///     .send_date("2026-12-24 18:30".parse::<SendDate>()?);
/// assert_eq!(sms.recipient_count(), 2);
///
/// // Mail merge: placeholders in the text, data per recipient.
/// let merge = SendSms::new("TEST", "Bonjour {nom}, votre solde est {solde}.")
///     .to_with_data("22507352518", [("nom", "Philo"), ("solde", "1200")])
///     .to_with_data("22505442710", [("nom", "Ange"), ("solde", "300")]);
/// assert_eq!(merge.recipient_count(), 2);
/// # Ok::<(), smseco::InvalidDate>(())
/// ```
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "sendsms")]
#[doc(alias = "publipostage")]
pub struct SendSms {
    expediteur: String,
    msg: String,
    msgid: Option<String>,
    flash: Option<bool>,
    unicode: Option<bool>,
    binaire: Option<bool>,
    datesend: Option<SendDate>,
    mwi: Option<String>,
    pid: Option<String>,
    rpi: Option<String>,
    alt_dcs: Option<String>,
    udhdata: Option<String>,
    recipients: Vec<(String, Vec<(String, String)>)>,
}

impl fmt::Debug for SendSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendSms")
            .field("expediteur", &self.expediteur)
            .field("msg_chars", &self.msg.chars().count())
            .field("msgid", &self.msgid)
            .field("flash", &self.flash)
            .field("unicode", &self.unicode)
            .field("binaire", &self.binaire)
            .field("datesend", &self.datesend)
            .field("recipients", &self.recipients.len())
            .finish_non_exhaustive()
    }
}

impl SendSms {
    /// A message `msg` from `expediteur` (a sender name registered on the account:
    /// see [`Client::get_senders`](crate::Client::get_senders)), without recipients yet.
    pub fn new(expediteur: impl Into<String>, msg: impl Into<String>) -> Self {
        Self {
            expediteur: expediteur.into(),
            msg: msg.into(),
            msgid: None,
            flash: None,
            unicode: None,
            binaire: None,
            datesend: None,
            mwi: None,
            pid: None,
            rpi: None,
            alt_dcs: None,
            udhdata: None,
            recipients: Vec::new(),
        }
    }

    /// Adds a recipient (`numero`).
    #[doc(alias = "numero")]
    pub fn to(mut self, numero: impl Into<String>) -> Self {
        self.recipients.push((numero.into(), Vec::new()));
        self
    }

    /// Adds several recipients.
    pub fn recipients<I, S>(mut self, numeros: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.recipients
            .extend(numeros.into_iter().map(|n| (n.into(), Vec::new())));
        self
    }

    /// Adds a mail-merge recipient with its data (`<datas>`): each `{name}` of the text
    /// is replaced by SMSECO with this recipient's value.
    #[doc(alias = "datas")]
    pub fn to_with_data<I, K, V>(mut self, numero: impl Into<String>, datas: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let datas = datas
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        self.recipients.push((numero.into(), datas));
        self
    }

    /// `msgid`: your id for the message, at most 30 bytes in UTF-8
    /// ([`MAX_MSGID_BYTES`](crate::MAX_MSGID_BYTES)).
    pub fn msgid(mut self, msgid: impl Into<String>) -> Self {
        self.msgid = Some(msgid.into());
        self
    }

    /// `flash`: a flash SMS (shown, not stored).
    pub fn flash(mut self, flash: bool) -> Self {
        self.flash = Some(flash);
        self
    }

    /// `unicode`: send in UCS-2 (`true`) or not (`false`). Unless set, it is sent as `1`
    /// when the text (or a merged value) has a character GSM-7 cannot carry, and left
    /// out otherwise.
    pub fn unicode(mut self, unicode: bool) -> Self {
        self.unicode = Some(unicode);
        self
    }

    /// `binaire`: the text is a binary payload.
    #[doc(alias = "binaire")]
    pub fn binary(mut self, binary: bool) -> Self {
        self.binaire = Some(binary);
        self
    }

    /// `datesend`: send later, at this date.
    #[doc(alias = "datesend")]
    pub fn send_date(mut self, date: SendDate) -> Self {
        self.datesend = Some(date);
        self
    }

    /// `mwi`: message waiting indicator (undocumented by SMSECO; the name matches
    /// Kannel's option). Sent verbatim.
    pub fn mwi(mut self, value: impl Into<String>) -> Self {
        self.mwi = Some(value.into());
        self
    }

    /// `pid`: protocol identifier (undocumented; sent verbatim).
    pub fn pid(mut self, value: impl Into<String>) -> Self {
        self.pid = Some(value.into());
        self
    }

    /// `rpi`: reply path indicator (undocumented; sent verbatim).
    pub fn rpi(mut self, value: impl Into<String>) -> Self {
        self.rpi = Some(value.into());
        self
    }

    /// `alt_dcs`: alternative data coding scheme (undocumented; sent verbatim).
    pub fn alt_dcs(mut self, value: impl Into<String>) -> Self {
        self.alt_dcs = Some(value.into());
        self
    }

    /// `udhdata`: user data header (undocumented; sent verbatim).
    pub fn udhdata(mut self, value: impl Into<String>) -> Self {
        self.udhdata = Some(value.into());
        self
    }

    /// Recipients given so far, duplicates included.
    pub fn recipient_count(&self) -> usize {
        self.recipients.len()
    }

    /// Checks the text, the sender and `msgid`; returns the text's placeholders.
    pub(crate) fn check_content(&self) -> Result<Vec<String>, InvalidRequest> {
        if self.msg.trim().is_empty() {
            return Err(InvalidRequest::EmptyMessage);
        }
        SenderId::new(self.expediteur.as_str())?;
        if let Some(msgid) = &self.msgid {
            check_msgid(msgid)?;
        }
        Ok(placeholders(&self.msg)
            .into_iter()
            .map(str::to_owned)
            .collect())
    }

    /// Checks one recipient's mail-merge data against the text's `placeholders`.
    pub(crate) fn check_data(
        datas: &[(String, String)],
        placeholders: &[String],
    ) -> Result<(), String> {
        if let Some((k, _)) = datas.iter().find(|(k, _)| !is_xml_name(k)) {
            return Err(format!("`{k}` cannot be a mail-merge field"));
        }
        match placeholders
            .iter()
            .find(|f| !datas.iter().any(|(k, _)| k == *f))
        {
            Some(missing) => Err(format!("no value for {{{missing}}}")),
            None => Ok(()),
        }
    }

    /// This message to `recipients` instead of its own (bulk batches).
    pub(crate) fn with_recipients(&self, recipients: Vec<(String, Vec<(String, String)>)>) -> Self {
        Self {
            recipients,
            ..self.clone()
        }
    }

    pub(crate) fn to_request<'s>(&'s self) -> Result<Request<'s>, InvalidRequest> {
        // `msg` is never trimmed on the wire (the doc's own sample starts with a space).
        if self.msg.trim().is_empty() {
            return Err(InvalidRequest::EmptyMessage);
        }
        // Checked; SenderId keeps the text as it is, so the request borrows the original.
        SenderId::new(self.expediteur.as_str())?;
        if let Some(msgid) = &self.msgid {
            check_msgid(msgid)?;
        }
        let normalized = normalize_all(&self.recipients)?;
        let merge = normalized.iter().any(|(_, d)| !d.is_empty());
        if merge {
            let fields = placeholders(&self.msg);
            for (index, (_, datas)) in normalized.iter().enumerate() {
                for (k, _) in datas.iter() {
                    if !is_xml_name(k) {
                        return Err(InvalidRequest::MergeField {
                            index,
                            field: k.clone(),
                        });
                    }
                }
                if let Some(missing) = fields.iter().find(|f| !datas.iter().any(|(k, _)| k == *f)) {
                    return Err(InvalidRequest::MergeField {
                        index,
                        field: (*missing).to_owned(),
                    });
                }
            }
        }
        // The XML element order of the documentation.
        let mut message: Vec<(&'static str, FieldValue<'_>)> = Vec::new();
        let text = |s: &'s str| FieldValue::Text(s.into());
        if let Some(v) = &self.msgid {
            message.push(("msgid", text(v)));
        }
        message.push(("expediteur", text(&self.expediteur)));
        message.push(("msg", text(&self.msg)));
        // `unicode` follows the text unless the caller forced it either way: a text that
        // GSM-7 cannot carry (an emoji, Cyrillic…) would otherwise reach phones garbled.
        // With mail merge, any merged value counts. Never for a binary payload.
        let needs_ucs2 = |t: &str| analyze(t).encoding() == Encoding::Ucs2;
        let auto_unicode = self.binaire != Some(true)
            && (needs_ucs2(&self.msg)
                || normalized
                    .iter()
                    .any(|(_, d)| d.iter().any(|(_, v)| needs_ucs2(v))));
        let unicode = self.unicode.or(auto_unicode.then_some(true));
        for (name, flag) in [
            ("flash", self.flash),
            ("unicode", unicode),
            ("binaire", self.binaire),
        ] {
            if let Some(b) = flag {
                message.push((name, FieldValue::Flag(b)));
            }
        }
        // Always `datesend`, never the JSON template's "date send".
        if let Some(d) = &self.datesend {
            message.push(("datesend", FieldValue::Text(d.to_string().into())));
        }
        for (name, value) in [
            ("mwi", &self.mwi),
            ("pid", &self.pid),
            ("rpi", &self.rpi),
            ("alt_dcs", &self.alt_dcs),
            ("udhdata", &self.udhdata),
        ] {
            if let Some(v) = value {
                message.push((name, text(v)));
            }
        }
        Ok(Request {
            command: Command::SendSms,
            message: Some(message),
            recipients: Some(
                normalized
                    .into_iter()
                    .map(|(numero, datas)| Recipient {
                        numero,
                        datas: datas.as_slice(),
                    })
                    .collect(),
            ),
        })
    }
}

/// The `{name}` placeholders of a text, in order, without duplicates.
fn placeholders(msg: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = msg;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or_default();
        match after.find(['{', '}']) {
            Some(close) if after.get(close..close + 1) == Some("}") => {
                let name = after.get(..close).unwrap_or_default();
                if is_xml_name(name) && !out.contains(&name) {
                    out.push(name);
                }
                rest = after.get(close + 1..).unwrap_or_default();
            }
            Some(close) => rest = after.get(close..).unwrap_or_default(),
            None => break,
        }
    }
    out
}

/// Whether `name` can be an XML element name (it becomes one in `<datas>`).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// One accepted recipient of a submission (`messages/sms`).
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubmittedSms {
    smsfid: String,
    destination: String,
    credits: f64,
}

impl fmt::Debug for SubmittedSms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubmittedSms")
            .field("smsfid", &self.smsfid)
            .field("destination", &mask_digit_runs(&self.destination))
            .field("credits", &self.credits)
            .finish()
    }
}

impl SubmittedSms {
    /// `smsfid`: SMSECO's id for this recipient's SMS (for [`DlrQuery::smsfid`](crate::DlrQuery::smsfid)).
    pub fn smsfid(&self) -> &str {
        &self.smsfid
    }

    /// `destination`: the number, as SMSECO wrote it.
    pub fn destination(&self) -> &str {
        &self.destination
    }

    /// `credits`: the cost for this recipient.
    pub fn credits(&self) -> f64 {
        self.credits
    }
}

/// A submission accepted by SMSECO (`sendsms`, `sendhlr`): `statut` > 0.
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubmitResponse {
    msgfid: String,
    statut: i64,
    texte: String,
    destinataires: u64,
    sms: u64,
    credits: f64,
    solde: f64,
    messages: Vec<SubmittedSms>,
}

impl fmt::Debug for SubmitResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubmitResponse")
            .field("msgfid", &self.msgfid)
            .field("statut", &self.statut)
            .field("texte", &mask_digit_runs(&self.texte))
            .field("destinataires", &self.destinataires)
            .field("sms", &self.sms)
            .field("credits", &self.credits)
            .field("solde", &self.solde)
            .field("messages", &self.messages)
            .finish()
    }
}

impl SubmitResponse {
    /// `msgfid`: SMSECO's id for the submission (for [`DlrQuery::msgfid`](crate::DlrQuery::msgfid)).
    pub fn msgfid(&self) -> &str {
        &self.msgfid
    }

    /// `statut`: the number of valid recipients.
    #[doc(alias = "statut")]
    pub fn status(&self) -> i64 {
        self.statut
    }

    /// `texte`: SMSECO's explanation.
    #[doc(alias = "texte")]
    pub fn text(&self) -> &str {
        &self.texte
    }

    /// `destinataires`: total valid recipients.
    #[doc(alias = "destinataires")]
    pub fn recipient_count(&self) -> u64 {
        self.destinataires
    }

    /// `sms`: total SMS (segments × recipients).
    pub fn sms(&self) -> u64 {
        self.sms
    }

    /// `credits`: the cost in credits, SMSECO's unit.
    pub fn credits(&self) -> f64 {
        self.credits
    }

    /// `solde`: credits left.
    #[doc(alias = "solde")]
    pub fn balance(&self) -> f64 {
        self.solde
    }

    /// `messages`: one entry per valid recipient.
    pub fn messages(&self) -> &[SubmittedSms] {
        &self.messages
    }
}

fn count(v: Option<&Node<'_>>) -> Option<u64> {
    num(v).filter(|n| *n >= 0.0).map(|n| n as u64)
}

/// Maps a `sendsms`/`sendhlr` answer. `statut` must be > 0 (the number of valid
/// recipients); 0 is not a documented outcome. Every value the documentation lists is
/// required (Quirk 29): an answer without one is not understood, never read as zero or
/// empty. `texte` may be empty; the ids and each `destination` may not (an empty id
/// would make a later `getdlrs` read every report of the account, and a recipient's
/// id is found by its `destination`).
pub(crate) fn to_submit(answer: Answer<'_>) -> Option<SubmitResponse> {
    if answer.statut <= 0 {
        return None;
    }
    let m: &Object<'_> = &answer.map;
    m.get("messages")?;
    let messages = items(m.get("messages"), "sms")
        .iter()
        .map(|s| {
            let s = s.as_object()?;
            Some(SubmittedSms {
                smsfid: text(get(s, &["smsfid", "smsid"])).filter(|id| !id.is_empty())?,
                destination: text(s.get("destination")).filter(|d| !d.is_empty())?,
                credits: num(s.get("credits"))?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(SubmitResponse {
        // `msgid` in the sendsms JSON response template.
        msgfid: text(get(m, &["msgfid", "msgid"])).filter(|id| !id.is_empty())?,
        statut: answer.statut,
        texte: text(get(m, &["texte", "text"]))?,
        destinataires: count(m.get("destinataires"))?,
        sms: count(m.get("sms"))?,
        credits: num(m.get("credits"))?,
        solde: num(get(m, &["solde", "Solde"]))?,
        messages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `unicode` flag a request carries, if any.
    fn unicode_of(sms: &SendSms) -> Option<bool> {
        let request = sms.to_request().unwrap();
        request
            .message
            .unwrap()
            .into_iter()
            .find_map(|(name, v)| match (name, v) {
                ("unicode", FieldValue::Flag(b)) => Some(b),
                _ => None,
            })
    }

    #[test]
    fn unicode_follows_the_text_unless_forced() {
        let base = |text: &str| SendSms::new("TEST", text).to("22507352518");
        assert_eq!(unicode_of(&base("Bonjour à tous {€}")), None, "GSM-7");
        assert_eq!(unicode_of(&base("Bonne année 🎉")), Some(true));
        assert_eq!(unicode_of(&base("Привет")), Some(true));
        assert_eq!(
            unicode_of(&base("Bonne année 🎉").unicode(false)),
            Some(false)
        );
        assert_eq!(unicode_of(&base("Bonjour").unicode(true)), Some(true));
        assert_eq!(unicode_of(&base("🎉").binary(true)), None, "binary payload");
        let merge =
            SendSms::new("TEST", "Bonjour {nom}").to_with_data("22507352518", [("nom", "Zoë 😀")]);
        assert_eq!(unicode_of(&merge), Some(true), "a merged value needs UCS-2");
    }

    #[test]
    fn msgid_is_counted_in_utf8_bytes() {
        let with = |id: &str| {
            SendSms::new("TEST", "x")
                .to("22507352518")
                .msgid(id)
                .to_request()
                .map(|_| ())
        };
        assert!(with(&"a".repeat(30)).is_ok());
        // 15 × "é" is 15 characters but 30 bytes: the limit; 16 is over.
        assert!(with(&"é".repeat(15)).is_ok());
        assert_eq!(
            with(&"é".repeat(16)).err(),
            Some(InvalidRequest::InvalidMsgId { len: 32 })
        );
    }

    #[test]
    fn placeholder_scan() {
        assert_eq!(
            placeholders("Bonjour {nom}, votre solde est {solde}. {nom}"),
            ["nom", "solde"]
        );
        assert_eq!(placeholders("{ pas un champ } {{x}} {a-b} {"), ["x", "a-b"]);
        assert!(placeholders("Rien").is_empty());
    }

    #[test]
    fn merge_validation() {
        let ok = SendSms::new("TEST", "Bonjour {nom}")
            .to_with_data("22507352518", [("nom", "Philo")])
            .to_request()
            .map(|_| ());
        assert!(ok.is_ok());
        let missing = SendSms::new("TEST", "Bonjour {nom} {solde}")
            .to_with_data("22507352518", [("nom", "Philo")])
            .to_request()
            .map(|_| ());
        assert_eq!(
            missing.err(),
            Some(InvalidRequest::MergeField {
                index: 0,
                field: "solde".into()
            })
        );
        let mixed = SendSms::new("TEST", "Bonjour {nom}")
            .to_with_data("22507352518", [("nom", "Philo")])
            .to("22505442710")
            .to_request()
            .map(|_| ());
        assert_eq!(
            mixed.err(),
            Some(InvalidRequest::MergeField {
                index: 1,
                field: "nom".into()
            })
        );
        let bad_key = SendSms::new("TEST", "x")
            .to_with_data("22507352518", [("1<bad>", "v")])
            .to_request()
            .map(|_| ());
        assert!(matches!(bad_key, Err(InvalidRequest::MergeField { .. })));
    }

    #[test]
    fn message_fields_in_document_order() {
        let sms = SendSms::new("TEST", " Bonjour")
            .to("22507352518")
            .msgid("15")
            .unicode(false)
            .flash(true)
            .udhdata("0B05")
            .send_date(SendDate::new(2015, 6, 21, 16, 49).unwrap());
        let req = sms.to_request().unwrap();
        let names: Vec<&str> = req.message.unwrap().iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "msgid",
                "expediteur",
                "msg",
                "flash",
                "unicode",
                "datesend",
                "udhdata"
            ]
        );
    }
}
