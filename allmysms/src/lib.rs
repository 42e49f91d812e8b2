#![doc = include_str!("lib.md")]

mod api;
mod bulk_sender;
mod client;
mod error;
pub mod rest;
mod status;
mod validate;

/// The wall-clock time in Paris (`Europe/Paris`, AllMySMS's time for every date it
/// takes) of the instant `when`, daylight saving included.
///
/// # Errors
///
/// [`InvalidDateTime`] for a year outside 2000..=9999.
///
/// ```
/// use jiff::{Timestamp, tz::TimeZone};
///
/// // 08:00 UTC in July is 10:00 in Paris (CEST); in January, 09:00 (CET).
/// let july = "2026-07-14T08:00:00Z".parse::<Timestamp>()?.to_zoned_datetime(TimeZone::UTC);
/// assert_eq!(allmysms::paris_time(&july)?.to_string(), "2026-07-14 10:00:00");
/// let january = "2026-01-14T08:00:00Z".parse::<Timestamp>()?.to_zoned_datetime(TimeZone::UTC);
/// assert_eq!(allmysms::paris_time(&january)?.to_string(), "2026-01-14 09:00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "jiff")]
pub fn paris_time(when: &jiff::ZonedDateTime) -> Result<DateTime, InvalidDateTime> {
    DateTime::from_zoned(when, &jiff::tz::get!("Europe/Paris"))
}

/// `date_zoned`: a scheduling setter that takes a zoned time (feature `jiff`).
macro_rules! zoned_date_setter {
    () => {
        /// The same as `date`, from a zoned time converted to Paris time (the API's),
        /// daylight saving included.
        ///
        /// # Errors
        ///
        /// [`InvalidDateTime`](crate::InvalidDateTime) for a year outside 2000..=9999.
        #[cfg(feature = "jiff")]
        pub fn date_zoned(
            self,
            when: &jiff::ZonedDateTime,
        ) -> Result<Self, crate::InvalidDateTime> {
            Ok(self.date(crate::paris_time(when)?))
        }
    };
}
pub(crate) use zoned_date_setter;
pub mod webhook;

pub use api::Timestamp;
pub use api::account::{AccountInfo, BlacklistEntry, CampaignStats, CountryCredits, ShortUrl};
pub use api::lists::{Contact, ContactList, ContactsResult, ListContact, ListField};
pub use api::mms::{MmsContent, SendEmail, SendMms};
pub use api::reports::{Ack, Acks, Pull};
pub use api::send::{
    MAX_MESSAGE_CHARS, MAX_SENDER_CHARS, SendResponse, SendSms, SimpleSms, SimulateResponse,
    SmsDataFormat, SmsId,
};
pub use api::subaccounts::{
    MIN_PASSWORD_CHARS, SubAccount, SubAccountCredits, SubAccountData, SubAccountUpdate,
};
pub use bulk_sender::{BulkSender, DEFAULT_BULK_BATCH};
pub use client::{Client, ClientBuilder, Credentials, DEFAULT_API_VERSION, DEFAULT_BASE_URL};
pub use error::{ApiError, Error, InvalidRequest, PartialSend};
/// The bulk engine: [`Client::bulk_send`] and [`BulkSender`].
pub use sms_http::bulk;
pub use sms_http::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_TIMEOUT, client_builder,
};
pub use sms_primitives::datetime::{DateTime, InvalidDateTime};
pub use sms_primitives::redact::RawBody;
pub use sms_primitives::{PhoneNumberError, Secret};
pub use status::{DeliveryStatus, StatusCode};

/// The `User-Agent` of this crate's requests.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
