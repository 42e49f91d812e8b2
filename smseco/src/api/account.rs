//! `getbalance` and `getsenders`.

use super::Answer;
use crate::tree::{Node, get, items, num, text};
use crate::wire::{Command, Request};

pub(crate) fn balance_request() -> Request<'static> {
    Request {
        command: Command::GetBalance,
        message: None,
        recipients: None,
    }
}

pub(crate) fn senders_request() -> Request<'static> {
    Request {
        command: Command::GetSenders,
        message: None,
        recipients: None,
    }
}

/// A `getbalance` answer.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "getbalance")]
#[doc(alias = "solde")]
pub struct Balance {
    accountid: String,
    statut: i64,
    texte: String,
    credits: f64,
    expire: String,
    cumul: f64,
}

impl Balance {
    /// `statut` (0 for a query that succeeded).
    #[doc(alias = "statut")]
    pub fn status(&self) -> i64 {
        self.statut
    }
    /// `texte`: SMSECO's explanation.
    #[doc(alias = "texte")]
    pub fn text(&self) -> &str {
        &self.texte
    }
    /// `accountid`.
    pub fn accountid(&self) -> &str {
        &self.accountid
    }
    /// `credits`: credits left.
    pub fn credits(&self) -> f64 {
        self.credits
    }
    /// `expire`: the expiry date, verbatim (its format is not documented).
    pub fn expire(&self) -> &str {
        &self.expire
    }
    /// `cumul`: total consumption ("Cumul Consommation").
    #[doc(alias = "cumul")]
    pub fn total_consumption(&self) -> f64 {
        self.cumul
    }
}

pub(crate) fn to_balance(answer: Answer<'_>) -> Option<Balance> {
    if answer.statut != 0 {
        return None;
    }
    let m = &answer.map;
    // Every field the documentation lists is required: a missing one makes the answer
    // unexpected rather than a silent zero or empty text.
    Some(Balance {
        accountid: text(m.get("accountid"))?,
        statut: answer.statut,
        texte: text(get(m, &["texte", "text"])).unwrap_or_default(),
        credits: num(m.get("credits"))?,
        expire: text(m.get("expire"))?,
        cumul: num(m.get("cumul"))?,
    })
}

/// A `getsenders` answer: the sender names registered on the account (`expediteur`
/// must be one of them, or SMSECO answers −8).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "getsenders")]
#[doc(alias = "expediteurs")]
pub struct Senders {
    accountid: String,
    statut: i64,
    texte: String,
    senders: Vec<String>,
}

impl Senders {
    /// `statut` (0 for a query that succeeded).
    #[doc(alias = "statut")]
    pub fn status(&self) -> i64 {
        self.statut
    }
    /// `texte`: SMSECO's explanation.
    #[doc(alias = "texte")]
    pub fn text(&self) -> &str {
        &self.texte
    }
    /// `accountid`.
    pub fn accountid(&self) -> &str {
        &self.accountid
    }
    /// The registered sender names.
    pub fn senders(&self) -> &[String] {
        &self.senders
    }
    /// Whether `name` is registered.
    pub fn contains(&self, name: &str) -> bool {
        self.senders.iter().any(|s| s == name)
    }
}

pub(crate) fn to_senders(answer: Answer<'_>) -> Option<Senders> {
    if answer.statut != 0 {
        return None;
    }
    let m = &answer.map;
    // XML: <senders><sender>A</sender>…</senders>; JSON (no template): a list of
    // strings, or of {"sender": …} objects.
    let senders = items(m.get("senders"), "sender")
        .iter()
        .filter_map(|v| match v {
            Node::Object(o) => text(get(o, &["sender", "name", "expediteur"])),
            other => text(Some(other)),
        })
        .filter(|s| !s.is_empty())
        .collect();
    Some(Senders {
        accountid: text(m.get("accountid"))?,
        statut: answer.statut,
        texte: text(get(m, &["texte", "text"])).unwrap_or_default(),
        senders,
    })
}
