//! Sub-accounts: `createSubAccount`, `updateSubAccount`, `getSubAccounts`,
//! `manageSubAccountCredits`, `deleteSubAccount`.

use core::fmt;

use serde_json::{Map, Value, json};
use sms_primitives::Secret;

use super::{Json, count, objects, text};
use crate::client::{Client, required};
use crate::error::{Error, InvalidRequest};

/// Fewest characters in a sub-account password.
pub const MIN_PASSWORD_CHARS: usize = 6;

/// The fields given to `createSubAccount` or `updateSubAccount`.
#[derive(Clone, Default)]
struct AccountFields {
    fields: Vec<(&'static str, String)>,
    password: Option<Secret>,
}

impl fmt::Debug for AccountFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values are personal data: names only; the password prints as `***`.
        let names: Vec<&str> = self.fields.iter().map(|(k, _)| *k).collect();
        f.debug_struct("AccountFields")
            .field("fields", &names)
            .field("password", &self.password)
            .finish()
    }
}

impl AccountFields {
    fn set(&mut self, key: &'static str, value: String) {
        self.fields.retain(|(k, _)| *k != key);
        self.fields.push((key, value));
    }

    /// `{"DATA": {...}}` after checking the password length.
    fn to_json(&self) -> Result<String, InvalidRequest> {
        let mut data = Map::new();
        for (k, v) in &self.fields {
            data.insert((*k).to_owned(), Value::String(v.clone()));
        }
        if let Some(p) = &self.password {
            if p.expose().chars().count() < MIN_PASSWORD_CHARS {
                return Err(InvalidRequest::MissingParameter(
                    "PASSWORD (at least 6 characters)",
                ));
            }
            data.insert("PASSWORD".into(), Value::String(p.expose().to_owned()));
        }
        Ok(json!({ "DATA": data }).to_string())
    }
}

macro_rules! field_setters {
    ($($(#[$doc:meta])* $fn_name:ident => $key:literal),* $(,)?) => {
        $(
            $(#[$doc])*
            #[doc(alias = $key)]
            pub fn $fn_name(mut self, value: impl Into<String>) -> Self {
                self.0.set($key, value.into());
                self
            }
        )*
    };
}

macro_rules! flag_setters {
    ($($(#[$doc:meta])* $fn_name:ident => $key:literal),* $(,)?) => {
        $(
            $(#[$doc])*
            #[doc(alias = $key)]
            pub fn $fn_name(mut self, value: bool) -> Self {
                self.0.set($key, if value { "1" } else { "0" }.to_owned());
                self
            }
        )*
    };
}

/// The setters of the fields both `createSubAccount` and `updateSubAccount` take.
macro_rules! shared_setters {
    () => {
        /// `PASSWORD` (at least 6 characters).
        #[doc(alias = "PASSWORD")]
        pub fn password(mut self, password: impl Into<Secret>) -> Self {
            self.0.password = Some(password.into());
            self
        }

        field_setters! {
            /// `FIRSTNAME`.
            first_name => "FIRSTNAME",
            /// `LASTNAME`.
            last_name => "LASTNAME",
            /// `EMAIL`.
            email => "EMAIL",
            /// `SOCIETY`.
            society => "SOCIETY",
            /// `MOBILE`.
            mobile => "MOBILE",
            /// `PHONE`.
            phone => "PHONE",
            /// `WEBSITE`.
            website => "WEBSITE",
            /// `ADDRESS`.
            address => "ADDRESS",
            /// `ZIP`.
            zip => "ZIP",
            /// `CITY`.
            city => "CITY",
            /// `COUNTRY`.
            country => "COUNTRY",
            /// `BILLFIRSTNAME`.
            bill_first_name => "BILLFIRSTNAME",
            /// `BILLLASTNAME`.
            bill_last_name => "BILLLASTNAME",
            /// `BILLSOCIETY`.
            bill_society => "BILLSOCIETY",
            /// `BILLADDRESS`.
            bill_address => "BILLADDRESS",
            /// `BILLZIP`.
            bill_zip => "BILLZIP",
            /// `BILLCITY`.
            bill_city => "BILLCITY",
            /// `BILLCOUNTRY`.
            bill_country => "BILLCOUNTRY",
            /// `BILLEMAIL`.
            bill_email => "BILLEMAIL",
            /// `BILLMOBILE`.
            bill_mobile => "BILLMOBILE",
            /// `BILLPHONE`.
            bill_phone => "BILLPHONE",
        }

        flag_setters! {
            /// `ACTIVE`.
            active => "ACTIVE",
        }
    };
}

/// A new sub-account (`accountData` of `createSubAccount`), as AllMySMS names its
/// fields. The fields only creation takes (`PROFILE`, `SENDEMAILTOCUSTOMER`,
/// `SENDEMAILTOMASTERACCOUNT`, `POSTPAID`) are here only; changes go through
/// [`SubAccountUpdate`].
#[derive(Debug, Clone)]
pub struct SubAccountData(AccountFields);

impl SubAccountData {
    /// A new sub-account with the fields `createSubAccount` requires: `LOGIN`,
    /// `PASSWORD` (at least 6 characters), `FIRSTNAME`, `LASTNAME`, `EMAIL`.
    ///
    /// ```
    /// use allmysms::SubAccountData;
    ///
    /// let data = SubAccountData::new("shop-paris", "s3cret!", "Marc", "Dupont", "marc@example.com")
    ///     .society("Ma Boutique")
    ///     .city("Paris")
    ///     .postpaid(false);
    /// assert!(!format!("{data:?}").contains("s3cret"));
    /// assert!(!format!("{data:?}").contains("Dupont"));
    /// ```
    pub fn new(
        login: impl Into<String>,
        password: impl Into<Secret>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        email: impl Into<String>,
    ) -> Self {
        let mut fields = AccountFields {
            fields: Vec::new(),
            password: Some(password.into()),
        };
        fields.set("LOGIN", login.into());
        fields.set("FIRSTNAME", first_name.into());
        fields.set("LASTNAME", last_name.into());
        fields.set("EMAIL", email.into());
        Self(fields)
    }

    shared_setters!();

    field_setters! {
        /// `PROFILE` (creation only).
        profile => "PROFILE",
    }

    flag_setters! {
        /// `SENDEMAILTOCUSTOMER` (creation only).
        send_email_to_customer => "SENDEMAILTOCUSTOMER",
        /// `SENDEMAILTOMASTERACCOUNT` (creation only).
        send_email_to_master_account => "SENDEMAILTOMASTERACCOUNT",
        /// `POSTPAID` (creation only).
        postpaid => "POSTPAID",
    }

    fn to_json(&self) -> Result<String, InvalidRequest> {
        self.0.to_json()
    }

    fn check_required(&self) -> Result<(), InvalidRequest> {
        for key in ["LOGIN", "FIRSTNAME", "LASTNAME", "EMAIL"] {
            if !self
                .0
                .fields
                .iter()
                .any(|(k, v)| *k == key && !v.trim().is_empty())
            {
                return Err(InvalidRequest::MissingParameter(key));
            }
        }
        if self.0.password.is_none() {
            return Err(InvalidRequest::MissingParameter("PASSWORD"));
        }
        Ok(())
    }
}

/// Changes to a sub-account (`accountData` of `updateSubAccount`): only the fields an
/// update takes, so that a creation-only field (`PROFILE`, `POSTPAID`…) can never be
/// sent with it.
///
/// ```
/// use allmysms::SubAccountUpdate;
///
/// let changes = SubAccountUpdate::new().city("Lyon").active(false);
/// # let _ = changes;
/// ```
///
/// Creation-only fields do not exist here:
///
/// ```compile_fail
/// let changes = allmysms::SubAccountUpdate::new().postpaid(true);
/// ```
#[derive(Debug, Clone, Default)]
pub struct SubAccountUpdate(AccountFields);

impl SubAccountUpdate {
    /// No change yet (nothing is required).
    pub fn new() -> Self {
        Self::default()
    }

    shared_setters!();

    fn to_json(&self) -> Result<String, InvalidRequest> {
        self.0.to_json()
    }
}

/// A sub-account as `getSubAccounts` lists it. The main fields are typed; every field
/// is in [`SubAccount::raw`] (billing details…).
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubAccount {
    login: String,
    first_name: String,
    last_name: String,
    company: String,
    email: String,
    credits: Option<u64>,
    raw: Map<String, Value>,
}

// Names, e-mail and the raw answer are personal data: not shown.
impl fmt::Debug for SubAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubAccount")
            .field("login", &self.login)
            .field("credits", &self.credits)
            .finish_non_exhaustive()
    }
}

impl SubAccount {
    /// `Login`.
    pub fn login(&self) -> &str {
        &self.login
    }
    /// `FirstName`.
    pub fn first_name(&self) -> &str {
        &self.first_name
    }
    /// `LastName`.
    pub fn last_name(&self) -> &str {
        &self.last_name
    }
    /// `Company`.
    pub fn company(&self) -> &str {
        &self.company
    }
    /// `Email`.
    pub fn email(&self) -> &str {
        &self.email
    }
    /// `Credits`.
    pub fn credits(&self) -> Option<u64> {
        self.credits
    }
    /// Every field, PascalCase as AllMySMS writes them (`CreationDate`, `BillCity`…).
    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }
}

/// A sub-account's credits after a change (`manageSubAccountCredits`, `deleteSubAccount`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubAccountCredits {
    login: String,
    credits: Option<i64>,
}

impl SubAccountCredits {
    /// `Login`.
    pub fn login(&self) -> &str {
        &self.login
    }
    /// `Credits`.
    pub fn credits(&self) -> Option<i64> {
        self.credits
    }
}

/// `{"status": "1", "text"|"statusText": …}`, the answer of the management methods.
pub(crate) fn to_sub_accounts(json: &Json) -> Result<Vec<SubAccount>, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("subAccounts") {
        return Err(json.unexpected());
    }
    Ok(objects(m, "subAccounts")
        .map(|o| {
            let s = |k: &str| text(o.get(k)).unwrap_or_default();
            SubAccount {
                login: s("Login"),
                first_name: s("FirstName"),
                last_name: s("LastName"),
                company: s("Company"),
                email: s("Email"),
                credits: count(o.get("Credits")),
                raw: o.clone(),
            }
        })
        .collect())
}

pub(crate) fn to_status_one(json: &Json) -> Result<String, Error> {
    json.check_status()?;
    let m = json.object()?;
    match text(m.get("status")).as_deref() {
        Some("1") => Ok(text(m.get("text"))
            .or_else(|| text(m.get("statusText")))
            .unwrap_or_default()),
        _ => Err(json.unexpected()),
    }
}

pub(crate) fn to_credits(json: &Json) -> Result<Vec<SubAccountCredits>, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("subAccount") {
        return Err(json.unexpected());
    }
    Ok(objects(m, "subAccount")
        .map(|o| SubAccountCredits {
            login: text(o.get("Login")).unwrap_or_default(),
            credits: super::int(o.get("Credits")),
        })
        .collect())
}

impl Client {
    /// `createSubAccount`: creates a sub-account. Returns AllMySMS's confirmation text.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a missing required field or a password under 6
    /// characters; [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "createSubAccount")]
    pub async fn create_sub_account(&self, data: &SubAccountData) -> Result<String, Error> {
        self.transport
            .operation("create_sub_account", async {
                data.check_required()?;
                let json = self
                    .call("createSubAccount", vec![("accountData", data.to_json()?)])
                    .await?;
                to_status_one(&json)
            })
            .await
    }

    /// `updateSubAccount`: changes fields of a sub-account.
    ///
    /// # Errors
    ///
    /// As [`create_sub_account`](Self::create_sub_account).
    #[doc(alias = "updateSubAccount")]
    pub async fn update_sub_account(
        &self,
        login: &str,
        data: &SubAccountUpdate,
    ) -> Result<String, Error> {
        self.transport
            .operation("update_sub_account", async {
                let params = vec![
                    ("subAccount", required("subAccount", login)?),
                    ("accountData", data.to_json()?),
                ];
                let json = self.call("updateSubAccount", params).await?;
                to_status_one(&json)
            })
            .await
    }

    /// `getSubAccounts`: every sub-account of this (master) account.
    ///
    /// # Errors
    ///
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "getSubAccounts")]
    pub async fn get_sub_accounts(&self) -> Result<Vec<SubAccount>, Error> {
        self.transport
            .operation("get_sub_accounts", async {
                let json = self.call("getSubAccounts", Vec::new()).await?;
                to_sub_accounts(&json)
            })
            .await
    }

    /// `manageSubAccountCredits`: adds (`credits` > 0) or removes (< 0) credits.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for 0 credits or an empty login; [`Error::Api`],
    /// [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "manageSubAccountCredits")]
    pub async fn manage_sub_account_credits(
        &self,
        login: &str,
        credits: i64,
    ) -> Result<Vec<SubAccountCredits>, Error> {
        self.transport
            .operation("manage_sub_account_credits", async {
                if credits == 0 {
                    return Err(InvalidRequest::MissingParameter("credits (not zero)").into());
                }
                let params = vec![
                    ("subAccount", required("subAccount", login)?),
                    // `+n` or `-n`, as AllMySMS takes them.
                    ("credits", format!("{credits:+}")),
                ];
                let json = self.call("manageSubAccountCredits", params).await?;
                to_credits(&json)
            })
            .await
    }

    /// `deleteSubAccount`.
    ///
    /// # Errors
    ///
    /// As [`manage_sub_account_credits`](Self::manage_sub_account_credits).
    #[doc(alias = "deleteSubAccount")]
    pub async fn delete_sub_account(&self, login: &str) -> Result<Vec<SubAccountCredits>, Error> {
        self.transport
            .operation("delete_sub_account", async {
                let json = self
                    .call(
                        "deleteSubAccount",
                        vec![("loginToDelete", required("loginToDelete", login)?)],
                    )
                    .await?;
                to_credits(&json)
            })
            .await
    }
}
