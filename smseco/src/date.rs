//! `datesend`: when a deferred message goes out, as `AAAA-MM-JJ HH:MM`.

use core::fmt;
use core::str::FromStr;
use std::time::SystemTime;

use sms_primitives::datetime::DateTime;

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid send date: expected a real date as YYYY-MM-DD HH:MM")]
pub struct InvalidDate;

/// A minute-precise date and time for `datesend`, written `YYYY-MM-DD HH:MM`.
///
/// SMSECO does not state the time zone; it is presumably the platform's, Côte d'Ivoire,
/// which is UTC all year (no daylight saving). [`SendDate::from_system_time`] converts
/// in UTC.
///
/// # Examples
///
/// ```
/// use smseco::SendDate;
///
/// let d: SendDate = "2026-12-24 18:30".parse()?;
/// assert_eq!(d.to_string(), "2026-12-24 18:30");
/// assert!("2026-02-30 10:00".parse::<SendDate>().is_err());
/// # Ok::<(), smseco::InvalidDate>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", try_from = "String"))]
#[doc(alias = "datesend")]
pub struct SendDate(DateTime);

impl SendDate {
    /// A date from its parts.
    ///
    /// # Errors
    ///
    /// [`InvalidDate`] for a day the calendar does not have, an hour over 23, a minute
    /// over 59, or a year outside 2000..=9999.
    ///
    /// ```
    /// use smseco::SendDate;
    ///
    /// assert!(SendDate::new(2028, 2, 29, 23, 59).is_ok());
    /// assert!(SendDate::new(2027, 2, 29, 12, 0).is_err());
    /// ```
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> Result<Self, InvalidDate> {
        DateTime::new(year, month, day, hour, minute, 0)
            .map(Self)
            .map_err(|_| InvalidDate)
    }

    /// The date of `time` in UTC, seconds dropped.
    ///
    /// # Errors
    ///
    /// [`InvalidDate`] for a time before 2000 or after 9999.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use smseco::SendDate;
    ///
    /// let t = UNIX_EPOCH + Duration::from_secs(1_434_905_359); // 2015-06-21 16:49:19 UTC
    /// assert_eq!(SendDate::from_system_time(t)?.to_string(), "2015-06-21 16:49");
    /// # Ok::<(), smseco::InvalidDate>(())
    /// ```
    pub fn from_system_time(time: SystemTime) -> Result<Self, InvalidDate> {
        DateTime::from_system_time_utc(time)
            .map(|d| Self(d.truncate_to_minute()))
            .map_err(|_| InvalidDate)
    }

    /// The wall-clock time in Côte d'Ivoire (`Africa/Abidjan`) of the instant `when`,
    /// seconds dropped: `datesend` is SMSECO's local time (the doc names no zone; the
    /// gateway is in Abidjan, UTC all year).
    ///
    /// # Errors
    ///
    /// [`InvalidDate`] for a year outside 2000..=9999.
    ///
    /// ```
    /// use jiff::{Timestamp, tz::TimeZone};
    /// use smseco::SendDate;
    ///
    /// // 20:30 in Paris, summer time, is 18:30 in Abidjan.
    /// let paris = TimeZone::fixed(jiff::tz::offset(2));
    /// let when = "2026-07-14T18:30:00Z".parse::<Timestamp>()?.to_zoned_datetime(TimeZone::UTC).with_time_zone(paris);
    /// assert_eq!(SendDate::from_zoned(&when)?.to_string(), "2026-07-14 18:30");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "jiff")]
    pub fn from_zoned(when: &jiff::ZonedDateTime) -> Result<Self, InvalidDate> {
        DateTime::from_zoned(when, &jiff::tz::get!("Africa/Abidjan"))
            .map(|d| Self(d.truncate_to_minute()))
            .map_err(|_| InvalidDate)
    }

    /// The date and time, as the shared type.
    pub fn as_datetime(&self) -> DateTime {
        self.0
    }
}

impl fmt::Display for SendDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_minutes_string())
    }
}

impl From<SendDate> for String {
    fn from(date: SendDate) -> Self {
        date.to_string()
    }
}

impl TryFrom<String> for SendDate {
    type Error = InvalidDate;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl FromStr for SendDate {
    type Err = InvalidDate;

    /// Parses `YYYY-MM-DD HH:MM` (the documented `AAAA-MM-JJ HH:MM`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Only the documented minute form: seconds would be silently dropped.
        if s.trim().len() != 16 {
            return Err(InvalidDate);
        }
        s.parse::<DateTime>().map(Self).map_err(|_| InvalidDate)
    }
}

impl TryFrom<SystemTime> for SendDate {
    type Error = InvalidDate;
    fn try_from(time: SystemTime) -> Result<Self, Self::Error> {
        Self::from_system_time(time)
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn parse_and_display() {
        for ok in ["2015-06-21 16:49", "2000-01-01 00:00", "2024-02-29 23:59"] {
            assert_eq!(ok.parse::<SendDate>().unwrap().to_string(), ok);
        }
        for bad in [
            "2015-06-21",
            "2015-06-21T16:49",
            "2015-6-21 16:49",
            "2015-06-21 24:00",
            "2015-06-21 16:60",
            "2015-13-01 10:00",
            "2023-02-29 10:00",
            "1999-12-31 10:00",
            "",
            "abcd-ef-gh ij:kl",
            "2015-06-21 16:49:00",
        ] {
            assert!(bad.parse::<SendDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn from_system_time_matches_the_calendar() {
        for (secs, expected) in [
            (946_684_800, "2000-01-01 00:00"),
            (951_782_400, "2000-02-29 00:00"),
            (1_709_251_199, "2024-02-29 23:59"),
            (4_102_444_800, "2100-01-01 00:00"),
        ] {
            let t = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(SendDate::from_system_time(t).unwrap().to_string(), expected);
        }
        assert!(SendDate::from_system_time(UNIX_EPOCH).is_err());
    }
}
