//! `sendhlr`: HLR lookup of numbers (enterprise accounts only). The answer is a
//! submission like `sendsms`'s ([`SubmitResponse`](crate::SubmitResponse)); it carries
//! no lookup result, which presumably comes through `getdlrs` (undocumented).

use super::{check_msgid, normalize_all};
use crate::error::InvalidRequest;
use crate::wire::{Command, FieldValue, Recipient, Request};

/// An HLR lookup of one or more numbers.
///
/// ```
/// use smseco::HlrRequest;
///
/// let hlr = HlrRequest::new().recipients(["22507352518", "22505442710"]).msgid("hlr-1");
/// assert_eq!(hlr.recipient_count(), 2);
/// ```
#[derive(Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "sendhlr")]
pub struct HlrRequest {
    msgid: Option<String>,
    numbers: Vec<(String, ())>,
}

impl core::fmt::Debug for HlrRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HlrRequest")
            .field("msgid", &self.msgid)
            .field("numbers", &self.numbers.len())
            .finish()
    }
}

impl HlrRequest {
    /// An empty lookup.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a number to check.
    pub fn to(mut self, numero: impl Into<String>) -> Self {
        self.numbers.push((numero.into(), ()));
        self
    }

    /// Adds several numbers.
    pub fn recipients<I, S>(mut self, numeros: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.numbers
            .extend(numeros.into_iter().map(|n| (n.into(), ())));
        self
    }

    /// `msgid`: your id for the lookup, at most 30 bytes in UTF-8.
    pub fn msgid(mut self, msgid: impl Into<String>) -> Self {
        self.msgid = Some(msgid.into());
        self
    }

    /// Numbers given so far, duplicates included.
    pub fn recipient_count(&self) -> usize {
        self.numbers.len()
    }

    pub(crate) fn to_request(&self) -> Result<Request<'_>, InvalidRequest> {
        if let Some(msgid) = &self.msgid {
            check_msgid(msgid)?;
        }
        let numbers = normalize_all(&self.numbers)?;
        let mut message = Vec::new();
        if let Some(msgid) = &self.msgid {
            message.push(("msgid", FieldValue::Text(msgid.into())));
        }
        Ok(Request {
            command: Command::SendHlr,
            message: Some(message),
            recipients: Some(
                numbers
                    .into_iter()
                    .map(|(numero, _)| Recipient { numero, datas: &[] })
                    .collect(),
            ),
        })
    }
}
