//! Contact lists: `createList`, `populateList`, `deleteContacts`, `deleteList`,
//! `getLists`, `getContacts`. The manual names `populateList` and `deleteContacts`;
//! one public client posts both to `createList` instead: the manual is followed.

use core::fmt;

use serde_json::{Map, Value, json};
use sms_primitives::redact::mask_digit_runs;
use sms_primitives::{PhoneNumber, Region};

use super::{Json, count, objects, text};
use crate::client::{Client, required};
use crate::error::{Error, InvalidRequest};

/// A field of a list (`STRUCTURE`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ListField {
    name: String,
    filter: bool,
    mailing: bool,
}

impl ListField {
    /// A field (`FIELDNAME`), usable as a filter (`FILTER`) and in messages (`MAILING`).
    ///
    /// ```
    /// use allmysms::ListField;
    /// let f = ListField::new("Shop", true, false);
    /// # let _ = f;
    /// ```
    pub fn new(name: impl Into<String>, filter: bool, mailing: bool) -> Self {
        Self {
            name: name.into(),
            filter,
            mailing,
        }
    }
}

/// A contact to add to or remove from a list: a number and its field values.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Contact {
    mobile_phone: String,
    fields: Vec<(String, String)>,
}

impl fmt::Debug for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contact")
            .field("mobile_phone", &mask_digit_runs(&self.mobile_phone))
            .field("fields", &self.fields.len())
            .finish()
    }
}

impl Contact {
    /// A contact (`MOBILEPHONE`), with field values added by [`field`](Self::field).
    ///
    /// ```
    /// use allmysms::Contact;
    /// let c = Contact::new("0612345678").field("Firstname", "Marc").field("Shop", "Paris");
    /// # let _ = c;
    /// ```
    pub fn new(mobile_phone: impl Into<String>) -> Self {
        Self {
            mobile_phone: mobile_phone.into(),
            fields: Vec::new(),
        }
    }

    /// A field value.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push((name.into(), value.into()));
        self
    }
}

/// The outcome of `populateList` and `deleteContacts`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContactsResult {
    status_text: String,
    success: Option<u64>,
    ignored: Option<u64>,
    duplicated: Option<u64>,
}

impl ContactsResult {
    /// `statusText`.
    pub fn status_text(&self) -> &str {
        &self.status_text
    }
    /// `success`: contacts processed.
    pub fn success(&self) -> Option<u64> {
        self.success
    }
    /// `ignored`.
    pub fn ignored(&self) -> Option<u64> {
        self.ignored
    }
    /// `duplicated`.
    pub fn duplicated(&self) -> Option<u64> {
        self.duplicated
    }
}

/// A list (`getLists`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContactList {
    list_name: String,
    contacts: Option<u64>,
    locked: bool,
    creation_date: String,
}

impl ContactList {
    /// `listName`.
    pub fn list_name(&self) -> &str {
        &self.list_name
    }
    /// `contacts`: how many.
    pub fn contacts(&self) -> Option<u64> {
        self.contacts
    }
    /// `locked`.
    pub fn locked(&self) -> bool {
        self.locked
    }
    /// `creationDate`, verbatim.
    pub fn creation_date(&self) -> &str {
        &self.creation_date
    }
}

/// A contact of a list (`getContacts`); its fields keep AllMySMS's names
/// (`MobilePhone`, `Firstname`, `Lastname`, custom ones).
#[derive(Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ListContact {
    mobile_phone: String,
    fields: Map<String, Value>,
}

impl fmt::Debug for ListContact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListContact")
            .field("mobile_phone", &mask_digit_runs(&self.mobile_phone))
            .field("fields", &self.fields.len())
            .finish()
    }
}

impl ListContact {
    /// `MobilePhone`, trimmed (samples carry a trailing space).
    pub fn mobile_phone(&self) -> &str {
        &self.mobile_phone
    }
    /// A field's value, by its name.
    pub fn field(&self, name: &str) -> Option<String> {
        text(self.fields.get(name))
    }
    /// Every field.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }
}

fn contacts_data(
    list_name: &str,
    sub_account: Option<&str>,
    contacts: &[Contact],
) -> Result<String, InvalidRequest> {
    if contacts.is_empty() {
        return Err(InvalidRequest::NoRecipient);
    }
    let mut items = Vec::new();
    for (index, c) in contacts.iter().enumerate() {
        let phone = PhoneNumber::parse_with_region(c.mobile_phone.trim(), Region::FR)
            .map_err(|source| InvalidRequest::InvalidPhone { index, source })?;
        let mut item = Map::new();
        item.insert(
            "MOBILEPHONE".into(),
            Value::String(phone.international_digits().to_owned()),
        );
        for (k, v) in &c.fields {
            item.insert(k.clone(), Value::String(v.clone()));
        }
        items.push(Value::Object(item));
    }
    let mut data = Map::new();
    data.insert("LISTNAME".into(), Value::String(list_name.to_owned()));
    if let Some(sub) = sub_account {
        data.insert("SUBACCOUNT".into(), Value::String(sub.to_owned()));
    }
    data.insert("CONTACTS".into(), Value::Array(items));
    Ok(json!({ "DATA": data }).to_string())
}

pub(crate) fn to_contacts_result(json: &Json) -> Result<ContactsResult, Error> {
    let status_text = super::subaccounts::to_status_one(json)?;
    let m = json.object()?;
    Ok(ContactsResult {
        status_text,
        success: count(m.get("success")),
        ignored: count(m.get("ignored")),
        duplicated: count(m.get("duplicated")),
    })
}

impl Client {
    /// `createList`: a new list with its fields. With [`Client::with_sub_account`], the
    /// list belongs to the sub-account (`SUBACCOUNT`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for an empty name; [`Error::Api`], [`Error::Http`],
    /// [`Error::UnexpectedResponse`].
    #[doc(alias = "createList")]
    pub async fn create_list(
        &self,
        list_name: &str,
        locked: bool,
        fields: &[ListField],
    ) -> Result<String, Error> {
        self.transport
            .operation("create_list", async {
            let name = required("LISTNAME", list_name)?;
            let flag = |b: bool| if b { "1" } else { "0" };
            let structure: Vec<Value> = fields
                .iter()
                .map(|f| json!({"FIELDNAME": f.name, "FILTER": flag(f.filter), "MAILING": flag(f.mailing)}))
                .collect();
            let mut data = Map::new();
            data.insert("LISTNAME".into(), Value::String(name));
            if let Some(sub) = &self.sub_account_name() {
                data.insert("SUBACCOUNT".into(), Value::String(sub.clone()));
            }
            data.insert("LOCKED".into(), Value::String(flag(locked).into()));
            data.insert("STRUCTURE".into(), Value::Array(structure));
            let json = self
                .call(
                    "createList",
                    vec![("listData", json!({ "DATA": data }).to_string())],
                )
                .await?;
            super::subaccounts::to_status_one(&json)
            })
            .await
    }

    /// `populateList`: adds contacts to a list.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for an empty name, no contact or an invalid number;
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "populateList")]
    pub async fn populate_list(
        &self,
        list_name: &str,
        contacts: &[Contact],
    ) -> Result<ContactsResult, Error> {
        self.contacts_call(
            "populate_list",
            "populateList",
            "populateData",
            list_name,
            contacts,
        )
        .await
    }

    /// `deleteContacts`: removes contacts from a list.
    ///
    /// # Errors
    ///
    /// As [`populate_list`](Self::populate_list).
    #[doc(alias = "deleteContacts")]
    pub async fn delete_contacts(
        &self,
        list_name: &str,
        contacts: &[Contact],
    ) -> Result<ContactsResult, Error> {
        self.contacts_call(
            "delete_contacts",
            "deleteContacts",
            "deleteData",
            list_name,
            contacts,
        )
        .await
    }

    /// `populateList` and `deleteContacts`: the same contacts payload in `field`.
    async fn contacts_call(
        &self,
        operation: &'static str,
        method: &str,
        field: &'static str,
        list_name: &str,
        contacts: &[Contact],
    ) -> Result<ContactsResult, Error> {
        self.transport
            .operation(operation, async {
                let data = contacts_data(
                    &required("LISTNAME", list_name)?,
                    self.sub_account_name().as_deref(),
                    contacts,
                )?;
                let json = self.call(method, vec![(field, data)]).await?;
                to_contacts_result(&json)
            })
            .await
    }

    /// `deleteList`.
    ///
    /// # Errors
    ///
    /// As [`create_list`](Self::create_list).
    #[doc(alias = "deleteList")]
    pub async fn delete_list(&self, list_name: &str) -> Result<String, Error> {
        self.transport
            .operation("delete_list", async {
                let params = self.with_sub(vec![("listName", required("listName", list_name)?)]);
                let json = self.call("deleteList", params).await?;
                super::subaccounts::to_status_one(&json)
            })
            .await
    }

    /// `getLists`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`], [`Error::Http`], [`Error::UnexpectedResponse`].
    #[doc(alias = "getLists")]
    pub async fn get_lists(&self) -> Result<Vec<ContactList>, Error> {
        self.transport
            .operation("get_lists", async {
                let json = self.call("getLists", self.with_sub(Vec::new())).await?;
                to_lists(&json)
            })
            .await
    }

    /// `getContacts`: the contacts of a list.
    ///
    /// # Errors
    ///
    /// As [`create_list`](Self::create_list).
    #[doc(alias = "getContacts")]
    pub async fn get_contacts(&self, list_name: &str) -> Result<Vec<ListContact>, Error> {
        self.transport
            .operation("get_contacts", async {
                let params = self.with_sub(vec![("listName", required("listName", list_name)?)]);
                let json = self.call("getContacts", params).await?;
                to_contacts(&json)
            })
            .await
    }
}

pub(crate) fn to_lists(json: &Json) -> Result<Vec<ContactList>, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("lists") {
        return Err(json.unexpected());
    }
    Ok(objects(m, "lists")
        .map(|o| ContactList {
            list_name: text(o.get("listName")).unwrap_or_default(),
            contacts: count(o.get("contacts")),
            locked: text(o.get("locked")).as_deref() == Some("1"),
            creation_date: text(o.get("creationDate")).unwrap_or_default(),
        })
        .collect())
}

pub(crate) fn to_contacts(json: &Json) -> Result<Vec<ListContact>, Error> {
    json.check_status()?;
    let m = json.object()?;
    if !m.contains_key("contacts") {
        return Err(json.unexpected());
    }
    Ok(objects(m, "contacts")
        .map(|o| ListContact {
            mobile_phone: text(o.get("MobilePhone")).unwrap_or_default(),
            fields: o.clone(),
        })
        .collect())
}
