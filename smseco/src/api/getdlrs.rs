//! `getdlrs`: delivery reports. SMSECO returns each status **once**: "les statuts des
//! sms déjà consultés ne seront plus disponibles à la prochaine consultation". Keep what
//! you read; this client never retries the call.

use core::fmt;

use sms_primitives::redact::mask_digit_runs;

use super::Answer;
use crate::error::InvalidRequest;
use crate::tree::{Object, get, int, items, text};
use crate::wire::{Command, FieldValue, Request};

/// Which reports to read: all pending ones (asked for explicitly with
/// [`DlrQuery::all`]), one submission (`msgfid`), one recipient (`smsfid`), or both
/// filters. A filter is never empty: SMSECO would read an empty one as "all", and each
/// report is returned only once, so an empty id would consume every unread report of
/// the account.
///
/// ```
/// use smseco::DlrQuery;
///
/// let all = DlrQuery::all();
/// let one = DlrQuery::msgfid("55857bdb8d51b7-38880789")?;
/// let both = one.clone().and_smsfid("55857bf80517a0-38726421")?;
/// assert!(DlrQuery::msgfid(" ").is_err());
/// # let _ = (all, both);
/// # Ok::<(), smseco::InvalidRequest>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "DlrQueryRecord"))]
#[doc(alias = "getdlrs")]
pub struct DlrQuery {
    msgfid: Option<String>,
    smsfid: Option<String>,
}

/// A filter value: trimmed, not empty, no control characters.
fn filter_id(name: &'static str, value: &str) -> Result<String, InvalidRequest> {
    let v = value.trim();
    if v.is_empty() || v.chars().any(char::is_control) {
        return Err(InvalidRequest::EmptyFilter(name));
    }
    Ok(v.to_owned())
}

// Read back through the same checks as the constructors.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct DlrQueryRecord {
    msgfid: Option<String>,
    smsfid: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<DlrQueryRecord> for DlrQuery {
    type Error = InvalidRequest;
    fn try_from(r: DlrQueryRecord) -> Result<Self, Self::Error> {
        Ok(Self {
            msgfid: r.msgfid.map(|v| filter_id("msgfid", &v)).transpose()?,
            smsfid: r.smsfid.map(|v| filter_id("smsfid", &v)).transpose()?,
        })
    }
}

impl DlrQuery {
    /// Every report not read yet (and SMSECO will not return them again).
    pub fn all() -> Self {
        Self {
            msgfid: None,
            smsfid: None,
        }
    }

    /// Only the reports of this submission (`msgfid` from [`SubmitResponse::msgfid`](crate::SubmitResponse::msgfid)).
    ///
    /// # Errors
    ///
    /// [`InvalidRequest::EmptyFilter`] for an empty id.
    pub fn msgfid(msgfid: &str) -> Result<Self, InvalidRequest> {
        Ok(Self {
            msgfid: Some(filter_id("msgfid", msgfid)?),
            smsfid: None,
        })
    }

    /// Only the report of this recipient (`smsfid` from [`SubmittedSms::smsfid`](crate::SubmittedSms::smsfid)).
    ///
    /// # Errors
    ///
    /// [`InvalidRequest::EmptyFilter`] for an empty id.
    pub fn smsfid(smsfid: &str) -> Result<Self, InvalidRequest> {
        Ok(Self {
            msgfid: None,
            smsfid: Some(filter_id("smsfid", smsfid)?),
        })
    }

    /// Adds the `msgfid` filter.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest::EmptyFilter`] for an empty id.
    pub fn and_msgfid(mut self, msgfid: &str) -> Result<Self, InvalidRequest> {
        self.msgfid = Some(filter_id("msgfid", msgfid)?);
        Ok(self)
    }

    /// Adds the `smsfid` filter.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest::EmptyFilter`] for an empty id.
    pub fn and_smsfid(mut self, smsfid: &str) -> Result<Self, InvalidRequest> {
        self.smsfid = Some(filter_id("smsfid", smsfid)?);
        Ok(self)
    }

    pub(crate) fn to_request(&self) -> Request<'_> {
        let mut message = Vec::new();
        for (name, value) in [("msgfid", &self.msgfid), ("smsfid", &self.smsfid)] {
            if let Some(v) = value {
                message.push((name, FieldValue::Text(v.into())));
            }
        }
        Request {
            command: Command::GetDlrs,
            message: Some(message),
            recipients: None,
        }
    }
}

/// The delivery status of an SMS ("Définition des statuts des messages envoyés").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "i64", from = "i64"))]
#[non_exhaustive]
pub enum DlrStatus {
    /// 50 "en Attente" (not billed).
    Pending,
    /// 62 "Rejeté" (not billed).
    Rejected,
    /// 65 "File d'attente locale" (billed).
    LocalQueue,
    /// 54 "non envoyé" (not billed).
    NotSent,
    /// 55 "Transmis à l'Opérateur" (billed).
    SentToOperator,
    /// 61 "File d'attente Opérateur" (billed).
    OperatorQueue,
    /// 56 "Accusé de Réception": delivered (billed).
    Delivered,
    /// 59 "Non Délivré par l'Opérateur" (billed).
    NotDelivered,
    /// 60 "Erreur réseau opérateur" (billed).
    OperatorNetworkError,
    /// 49 "Erreur Crédits" (not billed).
    CreditError,
    /// Any other value.
    Unknown(i64),
}

impl From<DlrStatus> for i64 {
    fn from(status: DlrStatus) -> Self {
        status.code()
    }
}

impl From<i64> for DlrStatus {
    fn from(code: i64) -> Self {
        Self::from_code(code)
    }
}

impl DlrStatus {
    /// The status for a code.
    ///
    /// ```
    /// use smseco::DlrStatus;
    ///
    /// assert_eq!(DlrStatus::from_code(56), DlrStatus::Delivered);
    /// assert_eq!(DlrStatus::from_code(1), DlrStatus::Unknown(1));
    /// ```
    pub fn from_code(code: i64) -> Self {
        match code {
            50 => Self::Pending,
            62 => Self::Rejected,
            65 => Self::LocalQueue,
            54 => Self::NotSent,
            55 => Self::SentToOperator,
            61 => Self::OperatorQueue,
            56 => Self::Delivered,
            59 => Self::NotDelivered,
            60 => Self::OperatorNetworkError,
            49 => Self::CreditError,
            other => Self::Unknown(other),
        }
    }

    /// The numeric code.
    ///
    /// ```
    /// # use smseco::DlrStatus;
    /// assert_eq!(DlrStatus::CreditError.code(), 49);
    /// ```
    pub fn code(self) -> i64 {
        match self {
            Self::Pending => 50,
            Self::Rejected => 62,
            Self::LocalQueue => 65,
            Self::NotSent => 54,
            Self::SentToOperator => 55,
            Self::OperatorQueue => 61,
            Self::Delivered => 56,
            Self::NotDelivered => 59,
            Self::OperatorNetworkError => 60,
            Self::CreditError => 49,
            Self::Unknown(code) => code,
        }
    }

    /// The documentation's French label.
    ///
    /// ```
    /// # use smseco::DlrStatus;
    /// assert_eq!(DlrStatus::SentToOperator.french_label(), "Transmis à l'Opérateur");
    /// ```
    pub fn french_label(self) -> &'static str {
        match self {
            Self::Pending => "en Attente",
            Self::Rejected => "Rejeté",
            Self::LocalQueue => "File d'attente locale",
            Self::NotSent => "non envoyé",
            Self::SentToOperator => "Transmis à l'Opérateur",
            Self::OperatorQueue => "File d'attente Opérateur",
            Self::Delivered => "Accusé de Réception",
            Self::NotDelivered => "Non Délivré par l'Opérateur",
            Self::OperatorNetworkError => "Erreur réseau opérateur",
            Self::CreditError => "Erreur Crédits",
            Self::Unknown(_) => "statut non documenté",
        }
    }

    /// Whether the SMS is billed ("Facturé"); `None` for an undocumented status.
    ///
    /// ```
    /// # use smseco::DlrStatus;
    /// assert_eq!(DlrStatus::NotDelivered.is_billed(), Some(true));
    /// assert_eq!(DlrStatus::Rejected.is_billed(), Some(false));
    /// ```
    pub fn is_billed(self) -> Option<bool> {
        match self {
            Self::Pending | Self::Rejected | Self::NotSent | Self::CreditError => Some(false),
            Self::LocalQueue
            | Self::SentToOperator
            | Self::OperatorQueue
            | Self::Delivered
            | Self::NotDelivered
            | Self::OperatorNetworkError => Some(true),
            Self::Unknown(_) => None,
        }
    }

    /// Whether the status is final (delivered or failed); an inference from the labels,
    /// the documentation does not say.
    ///
    /// ```
    /// # use smseco::DlrStatus;
    /// assert!(DlrStatus::Delivered.is_final());
    /// assert!(!DlrStatus::OperatorQueue.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Delivered
                | Self::Rejected
                | Self::NotSent
                | Self::NotDelivered
                | Self::OperatorNetworkError
                | Self::CreditError
        )
    }
}

impl fmt::Display for DlrStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.french_label())
    }
}

/// One delivery report (`dlr`).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Dlr {
    smsfid: String,
    destination: String,
    date: String,
    statut: DlrStatus,
    libelle: String,
    texte: String,
}

impl fmt::Debug for Dlr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dlr")
            .field("smsfid", &self.smsfid)
            .field("destination", &mask_digit_runs(&self.destination))
            .field("date", &self.date)
            .field("statut", &self.statut)
            .field("libelle", &self.libelle)
            .finish_non_exhaustive()
    }
}

impl Dlr {
    /// `smsfid`.
    pub fn smsfid(&self) -> &str {
        &self.smsfid
    }
    /// `destination`: the number.
    pub fn destination(&self) -> &str {
        &self.destination
    }
    /// `date`: when the operation happened, verbatim (the format is not documented).
    pub fn date(&self) -> &str {
        &self.date
    }
    /// `statut` (spelt `statur` in the JSON template).
    #[doc(alias = "statut")]
    pub fn status(&self) -> DlrStatus {
        self.statut
    }
    /// `libelle`: SMSECO's label.
    #[doc(alias = "libelle")]
    pub fn label(&self) -> &str {
        &self.libelle
    }
    /// `texte`: SMSECO's longer explanation.
    #[doc(alias = "texte")]
    pub fn text(&self) -> &str {
        &self.texte
    }
}

/// The reports of one submission (`message`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DlrMessage {
    msgfid: String,
    dlrs: Vec<Dlr>,
}

impl DlrMessage {
    /// `msgfid`.
    pub fn msgfid(&self) -> &str {
        &self.msgfid
    }
    /// The reports.
    pub fn dlrs(&self) -> &[Dlr] {
        &self.dlrs
    }
}

/// A `getdlrs` answer. A `statut` of −15 ("Aucun statut sms disponible") is returned as
/// an empty report, since it means exactly that.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DlrReport {
    accountid: String,
    statut: i64,
    texte: String,
    messages: Vec<DlrMessage>,
}

impl fmt::Debug for DlrReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DlrReport")
            .field("accountid", &self.accountid)
            .field("statut", &self.statut)
            .field("texte", &mask_digit_runs(&self.texte))
            .field("messages", &self.messages)
            .finish()
    }
}

impl DlrReport {
    /// `accountid`.
    pub fn accountid(&self) -> &str {
        &self.accountid
    }
    /// `statut` (0 on success, −15 when nothing was available).
    #[doc(alias = "statut")]
    pub fn status(&self) -> i64 {
        self.statut
    }
    /// `texte`.
    #[doc(alias = "texte")]
    pub fn text(&self) -> &str {
        &self.texte
    }
    /// The reports, grouped by submission.
    pub fn messages(&self) -> &[DlrMessage] {
        &self.messages
    }
    /// Every report, flattened.
    pub fn dlrs(&self) -> impl Iterator<Item = &Dlr> {
        self.messages.iter().flat_map(|m| m.dlrs.iter())
    }

    pub(crate) fn empty(statut: i64, texte: String) -> Self {
        Self {
            accountid: String::new(),
            statut,
            texte,
            messages: Vec::new(),
        }
    }
}

/// Maps a `getdlrs` answer. Each report's `smsfid` and `statut`, and each message's
/// `msgfid`, are documented: an answer without them is not understood.
pub(crate) fn to_report(answer: Answer<'_>) -> Option<DlrReport> {
    if answer.statut != 0 {
        return None;
    }
    let m = &answer.map;
    let id = |o: &Object<'_>, keys: &[&str]| text(get(o, keys)).filter(|v| !v.is_empty());
    let messages = items(m.get("messages"), "message")
        .iter()
        .map(|msg| {
            let msg = msg.as_object()?;
            Some(DlrMessage {
                msgfid: id(msg, &["msgfid", "msgid"])?,
                dlrs: items(msg.get("dlrs"), "dlr")
                    .iter()
                    .map(|d| {
                        let d = d.as_object()?;
                        Some(Dlr {
                            smsfid: id(d, &["smsfid", "smsid"])?,
                            destination: text(d.get("destination")).unwrap_or_default(),
                            date: text(d.get("date")).unwrap_or_default(),
                            statut: DlrStatus::from_code(int(get(d, &["statut", "statur"]))?),
                            libelle: text(d.get("libelle")).unwrap_or_default(),
                            texte: text(get(d, &["texte", "text"])).unwrap_or_default(),
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(DlrReport {
        accountid: text(m.get("accountid")).unwrap_or_default(),
        statut: answer.statut,
        texte: text(get(m, &["texte", "text"])).unwrap_or_default(),
        messages,
    })
}
