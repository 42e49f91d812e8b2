//! `getInfo`, `getBlacklist`, `deleteCampaign`, `getCreditsByCountryIsoCode`,
//! `shortenUrl`, `getCampaignStats`.

use core::fmt;

use sms_primitives::Secret;
use sms_primitives::redact::mask_digit_runs;

use super::{Json, Timestamp, count, objects, text};
use crate::client::{Client, required};
use crate::error::Error;

/// The account (`getInfo`).
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AccountInfo {
    status: String,
    credits: Option<u64>,
    // A secret is never written: it reads back as absent.
    #[cfg_attr(feature = "serde", serde(skip_serializing, default))]
    api_key: Option<Secret>,
    last_name: String,
    first_name: String,
    society: String,
    email: String,
}

// Names and e-mail are personal data: not shown.
impl fmt::Debug for AccountInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountInfo")
            .field("status", &self.status)
            .field("credits", &self.credits)
            .finish_non_exhaustive()
    }
}

impl AccountInfo {
    /// `status`, such as `Active Account` (not the send status table).
    pub fn status(&self) -> &str {
        &self.status
    }
    /// `credits` left.
    pub fn credits(&self) -> Option<u64> {
        self.credits
    }
    /// `apiKey`, held as a secret.
    pub fn api_key(&self) -> Option<&Secret> {
        self.api_key.as_ref()
    }
    /// `lastName`.
    pub fn last_name(&self) -> &str {
        &self.last_name
    }
    /// `firstName`.
    pub fn first_name(&self) -> &str {
        &self.first_name
    }
    /// `society`.
    pub fn society(&self) -> &str {
        &self.society
    }
    /// `email`.
    pub fn email(&self) -> &str {
        &self.email
    }
}

pub(crate) fn to_info(json: &Json) -> Result<AccountInfo, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("status") && !m.contains_key("credits") {
        return Err(json.unexpected());
    }
    let s = |k: &str| text(m.get(k)).unwrap_or_default();
    Ok(AccountInfo {
        status: s("status"),
        credits: count(m.get("credits")),
        api_key: text(m.get("apiKey")).map(Secret::new),
        last_name: s("lastName"),
        first_name: s("firstName"),
        society: s("society"),
        email: s("email"),
    })
}

/// A blacklisted number (`getBlacklist`).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BlacklistEntry {
    phone_number: String,
    comment: String,
    reception_date: Timestamp,
}

impl fmt::Debug for BlacklistEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlacklistEntry")
            .field("phone_number", &mask_digit_runs(&self.phone_number))
            .field("comment", &self.comment)
            .field("reception_date", &self.reception_date.as_str())
            .finish()
    }
}

impl BlacklistEntry {
    /// `phoneNumber`.
    pub fn phone_number(&self) -> &str {
        &self.phone_number
    }
    /// `comment`: why (`stop`, `Refused`, `manual unsubscribe`).
    pub fn comment(&self) -> &str {
        &self.comment
    }
    /// `receptionDate`.
    pub fn reception_date(&self) -> &Timestamp {
        &self.reception_date
    }
}

pub(crate) fn to_blacklist(json: &Json) -> Result<Vec<BlacklistEntry>, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("blacklist") {
        return Err(json.unexpected());
    }
    Ok(objects(m, "blacklist")
        .map(|o| BlacklistEntry {
            phone_number: text(o.get("phoneNumber")).unwrap_or_default(),
            comment: text(o.get("comment")).unwrap_or_default(),
            reception_date: Timestamp::new(text(o.get("receptionDate"))),
        })
        .collect())
}

pub(crate) fn to_deleted(json: &Json) -> Result<(), Error> {
    json.check_status()?;
    let m = json.object()?;
    match text(m.get("status")) {
        Some(s) if s.eq_ignore_ascii_case("OK") => Ok(()),
        _ => Err(json.unexpected()),
    }
}

/// The cost of one SMS to a country (`getCreditsByCountryIsoCode`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CountryCredits {
    iso_code: String,
    nb_credits: Option<u64>,
}

impl CountryCredits {
    /// `isoCode`.
    pub fn iso_code(&self) -> &str {
        &self.iso_code
    }
    /// `nbCredits`: credits per SMS.
    pub fn nb_credits(&self) -> Option<u64> {
        self.nb_credits
    }
}

pub(crate) fn to_country_credits(json: &Json) -> Result<CountryCredits, Error> {
    json.check_status()?;
    let m = json.object()?;
    let nb_credits = count(m.get("nbCredits"));
    if nb_credits.is_none() {
        return Err(json.unexpected());
    }
    Ok(CountryCredits {
        iso_code: text(m.get("isoCode")).unwrap_or_default(),
        nb_credits,
    })
}

/// A shortened URL (`shortenUrl`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ShortUrl {
    url: String,
    short_url: String,
}

impl ShortUrl {
    /// `url`: the original.
    pub fn url(&self) -> &str {
        &self.url
    }
    /// `shortUrl`.
    pub fn short_url(&self) -> &str {
        &self.short_url
    }
}

pub(crate) fn to_short_url(json: &Json) -> Result<ShortUrl, Error> {
    json.check_status()?;
    let m = json.object()?;
    let short_url = text(m.get("shortUrl"))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| json.unexpected())?;
    Ok(ShortUrl {
        url: text(m.get("url")).unwrap_or_default(),
        short_url,
    })
}

/// A campaign's statistics (`getCampaignStats`; known from public client code only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CampaignStats {
    sent: Option<u64>,
    delivered: Option<u64>,
    pending: Option<u64>,
    errors: Option<u64>,
    clicks: Option<u64>,
}

impl CampaignStats {
    /// `sent`.
    pub fn sent(&self) -> Option<u64> {
        self.sent
    }
    /// `delivered`.
    pub fn delivered(&self) -> Option<u64> {
        self.delivered
    }
    /// `pending`.
    pub fn pending(&self) -> Option<u64> {
        self.pending
    }
    /// `errors`.
    pub fn errors(&self) -> Option<u64> {
        self.errors
    }
    /// `clicks` (with `TRACKING`).
    pub fn clicks(&self) -> Option<u64> {
        self.clicks
    }
}

pub(crate) fn to_campaign_stats(json: &Json) -> Result<CampaignStats, Error> {
    json.check_status()?;
    let m = json.object()?;
    let c = m
        .get("campaign")
        .and_then(|v| v.as_object())
        .ok_or_else(|| json.unexpected())?;
    Ok(CampaignStats {
        sent: count(c.get("sent")),
        delivered: count(c.get("delivered")),
        pending: count(c.get("pending")),
        errors: count(c.get("errors")),
        clicks: count(c.get("clicks")),
    })
}

// The methods of this family (every v9 method lives with its types).
impl Client {
    /// `getInfo`: the account (credits, identity).
    ///
    /// # Errors
    ///
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "getInfo")]
    pub async fn get_info(&self) -> Result<AccountInfo, Error> {
        self.transport
            .operation("get_info", async {
                let json = self.call("getInfo", self.with_sub(Vec::new())).await?;
                to_info(&json)
            })
            .await
    }

    /// `getBlacklist`: numbers that opted out.
    ///
    /// # Errors
    ///
    /// As [`get_info`](Self::get_info).
    #[doc(alias = "getBlacklist")]
    pub async fn get_blacklist(&self) -> Result<Vec<BlacklistEntry>, Error> {
        self.transport
            .operation("get_blacklist", async {
                let json = self.call("getBlacklist", self.with_sub(Vec::new())).await?;
                to_blacklist(&json)
            })
            .await
    }

    /// `deleteCampaign`: cancels a scheduled campaign.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks); [`Error::UnexpectedResponse`] unless AllMySMS
    /// answers `OK`.
    #[doc(alias = "deleteCampaign")]
    pub async fn delete_campaign(&self, campaign_id: &str) -> Result<(), Error> {
        self.transport
            .operation("delete_campaign", async {
                let params = vec![("campId", required("campId", campaign_id)?)];
                let json = self.call("deleteCampaign", params).await?;
                to_deleted(&json)
            })
            .await
    }

    /// `getCreditsByCountryIsoCode`: credits per SMS to a country (`FR`, `DE`…).
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getCreditsByCountryIsoCode")]
    pub async fn get_credits_by_country_iso_code(
        &self,
        iso_code: &str,
    ) -> Result<CountryCredits, Error> {
        self.transport
            .operation("get_credits_by_country_iso_code", async {
                let iso = required("countryIsoCode", iso_code)?.to_ascii_uppercase();
                let json = self
                    .call("getCreditsByCountryIsoCode", vec![("countryIsoCode", iso)])
                    .await?;
                to_country_credits(&json)
            })
            .await
    }

    /// `shortenUrl`: a short link for an SMS.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "shortenUrl")]
    pub async fn shorten_url(&self, url: &str) -> Result<ShortUrl, Error> {
        self.transport
            .operation("shorten_url", async {
                let json = self
                    .call("shortenUrl", vec![("url", required("url", url)?)])
                    .await?;
                to_short_url(&json)
            })
            .await
    }

    /// `getCampaignStats`: sent, delivered, pending, errors and clicks of an SMS
    /// campaign.
    ///
    /// # Errors
    ///
    /// As [`get_acks`](Self::get_acks).
    #[doc(alias = "getCampaignStats")]
    pub async fn get_campaign_stats(&self, campaign_id: &str) -> Result<CampaignStats, Error> {
        self.transport
            .operation("get_campaign_stats", async {
                // `campaignId` here, not `campId` as in the other methods.
                let params = vec![
                    ("campaignId", required("campaignId", campaign_id)?),
                    ("type", "sms".to_owned()),
                    ("msisdnList", "0".to_owned()),
                ];
                let json = self.call("getCampaignStats", params).await?;
                to_campaign_stats(&json)
            })
            .await
    }
}
