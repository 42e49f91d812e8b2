//! Civil date and time as gateways write them (`YYYY-MM-DD HH:MM:SS`, or without the
//! seconds), with no time zone attached: each gateway states (or not) which zone it
//! means. No dependency, no allocation.

use core::fmt;
use core::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why a date and time was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date and time: expected a real date as YYYY-MM-DD HH:MM[:SS] in 2000..=9999")]
pub struct InvalidDateTime;

/// A calendar date and time to the second, years 2000 to 9999.
///
/// # Examples
///
/// ```
/// use sms_primitives::datetime::DateTime;
///
/// let d: DateTime = "2011-11-05 15:10:00".parse()?;
/// assert_eq!(d.to_string(), "2011-11-05 15:10:00");
/// assert_eq!(d.to_minutes_string(), "2011-11-05 15:10");
/// assert_eq!("2011-11-05 15:10".parse::<DateTime>()?, d);
/// assert!("2011-02-29 10:00".parse::<DateTime>().is_err());
/// # Ok::<(), sms_primitives::datetime::InvalidDateTime>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(feature = "jiff")]
#[cfg_attr(docsrs, doc(cfg(feature = "jiff")))]
impl DateTime {
    /// The wall-clock time, in `tz`, of the instant `when`: what a gateway that takes
    /// local times expects (daylight saving included, whatever zone `when` is in).
    ///
    /// # Errors
    ///
    /// [`InvalidDateTime`] for a year outside 2000..=9999.
    ///
    /// ```
    /// use jiff::{Timestamp, tz::TimeZone};
    /// use sms_primitives::datetime::DateTime;
    ///
    /// let when = "2026-07-14T08:00:00Z".parse::<Timestamp>()?.to_zoned_datetime(TimeZone::UTC);
    /// let plus_two = TimeZone::fixed(jiff::tz::offset(2));
    /// assert_eq!(DateTime::from_zoned(&when, &plus_two)?.to_string(), "2026-07-14 10:00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_zoned(
        when: &jiff::ZonedDateTime,
        tz: &jiff::tz::TimeZone,
    ) -> Result<Self, InvalidDateTime> {
        let local = when.with_time_zone(tz.clone()).datetime();
        let part = |v: i8| u8::try_from(v).map_err(|_| InvalidDateTime);
        Self::new(
            u16::try_from(local.year()).map_err(|_| InvalidDateTime)?,
            part(local.month())?,
            part(local.day())?,
            part(local.hour())?,
            part(local.minute())?,
            part(local.second())?,
        )
    }
}

impl DateTime {
    /// A date and time from its parts.
    ///
    /// # Errors
    ///
    /// [`InvalidDateTime`] for a day the calendar does not have, an hour over 23, a
    /// minute or second over 59, or a year outside 2000..=9999.
    ///
    /// ```
    /// use sms_primitives::datetime::DateTime;
    ///
    /// assert!(DateTime::new(2028, 2, 29, 23, 59, 59).is_ok());
    /// assert!(DateTime::new(2027, 2, 29, 12, 0, 0).is_err());
    /// ```
    pub fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Result<Self, InvalidDateTime> {
        let valid = (2000..=9999).contains(&year)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second < 60;
        if valid {
            Ok(Self {
                year,
                month,
                day,
                hour,
                minute,
                second,
            })
        } else {
            Err(InvalidDateTime)
        }
    }

    /// The date and time of `time` in UTC.
    ///
    /// # Errors
    ///
    /// [`InvalidDateTime`] for a time before 2000 or after 9999.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use sms_primitives::datetime::DateTime;
    ///
    /// let t = UNIX_EPOCH + Duration::from_secs(1_434_905_340);
    /// assert_eq!(DateTime::from_system_time_utc(t)?.to_string(), "2015-06-21 16:49:00");
    /// # Ok::<(), sms_primitives::datetime::InvalidDateTime>(())
    /// ```
    pub fn from_system_time_utc(time: SystemTime) -> Result<Self, InvalidDateTime> {
        let secs = time
            .duration_since(UNIX_EPOCH)
            .map_err(|_| InvalidDateTime)?
            .as_secs();
        let days = i64::try_from(secs / 86_400).map_err(|_| InvalidDateTime)?;
        let rem = secs % 86_400;
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let small = |v: u64| u8::try_from(v).map_err(|_| InvalidDateTime);
        let narrow = |v: i64| u8::try_from(v).map_err(|_| InvalidDateTime);
        Self::new(
            u16::try_from(year).map_err(|_| InvalidDateTime)?,
            narrow(month)?,
            narrow(day)?,
            small(rem / 3600)?,
            small(rem % 3600 / 60)?,
            small(rem % 60)?,
        )
    }

    /// This date and time read as UTC.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use sms_primitives::datetime::DateTime;
    ///
    /// let d = DateTime::new(2015, 6, 21, 16, 49, 0)?;
    /// assert_eq!(d.to_system_time_utc(), UNIX_EPOCH + Duration::from_secs(1_434_905_340));
    /// # Ok::<(), sms_primitives::datetime::InvalidDateTime>(())
    /// ```
    pub fn to_system_time_utc(&self) -> SystemTime {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let secs = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        // Years 2000..=9999 are after the epoch.
        UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).unwrap_or(0))
    }

    /// The same date and time with the seconds set to zero.
    ///
    /// ```
    /// # use sms_primitives::datetime::DateTime;
    /// assert_eq!(DateTime::new(2020, 1, 1, 10, 0, 42)?.truncate_to_minute().to_string(), "2020-01-01 10:00:00");
    /// # Ok::<(), sms_primitives::datetime::InvalidDateTime>(())
    /// ```
    pub fn truncate_to_minute(self) -> Self {
        Self { second: 0, ..self }
    }

    /// `YYYY-MM-DD HH:MM`, for gateways that take minutes.
    ///
    /// ```
    /// # use sms_primitives::datetime::DateTime;
    /// assert_eq!(DateTime::new(2020, 1, 2, 3, 4, 5)?.to_minutes_string(), "2020-01-02 03:04");
    /// # Ok::<(), sms_primitives::datetime::InvalidDateTime>(())
    /// ```
    pub fn to_minutes_string(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

impl fmt::Display for DateTime {
    /// `YYYY-MM-DD HH:MM:SS`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl FromStr for DateTime {
    type Err = InvalidDateTime;

    /// Parses `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD HH:MM` (24-hour clock).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 16 && b.len() != 19 {
            return Err(InvalidDateTime);
        }
        let shape_ok = b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b' ',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        });
        if !shape_ok {
            return Err(InvalidDateTime);
        }
        let part = |r: core::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u16>().ok());
        let narrow = |v: Option<u16>| v.and_then(|v| u8::try_from(v).ok()).ok_or(InvalidDateTime);
        let second = if b.len() == 19 {
            narrow(part(17..19))?
        } else {
            0
        };
        Self::new(
            part(0..4).ok_or(InvalidDateTime)?,
            narrow(part(5..7))?,
            narrow(part(8..10))?,
            narrow(part(11..13))?,
            narrow(part(14..16))?,
            second,
        )
    }
}

impl TryFrom<SystemTime> for DateTime {
    type Error = InvalidDateTime;
    fn try_from(time: SystemTime) -> Result<Self, Self::Error> {
        Self::from_system_time_utc(time)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        for ok in [
            "2015-06-21 16:49:00",
            "2000-01-01 00:00:00",
            "2024-02-29 23:59:59",
        ] {
            assert_eq!(ok.parse::<DateTime>().unwrap().to_string(), ok);
        }
        for bad in [
            "2015-06-21",
            "2015-06-21T16:49",
            "2015-6-21 16:49",
            "2015-06-21 24:00",
            "2015-06-21 16:60",
            "2015-06-21 16:59:60",
            "2015-13-01 10:00",
            "2023-02-29 10:00",
            "1999-12-31 10:00",
            "",
            "abcd-ef-gh ij:kl",
            "2015-06-21 04:49 PM",
        ] {
            assert!(bad.parse::<DateTime>().is_err(), "{bad}");
        }
    }

    #[test]
    fn system_time_round_trips() {
        for secs in [
            946_684_800_u64,
            951_782_400,
            1_709_251_199,
            4_102_444_800,
            253_402_300_799,
        ] {
            let t = UNIX_EPOCH + Duration::from_secs(secs);
            let d = DateTime::from_system_time_utc(t).unwrap();
            assert_eq!(d.to_system_time_utc(), t, "{d}");
        }
        assert_eq!(
            DateTime::from_system_time_utc(UNIX_EPOCH + Duration::from_secs(951_782_400))
                .unwrap()
                .to_string(),
            "2000-02-29 00:00:00"
        );
        assert!(DateTime::from_system_time_utc(UNIX_EPOCH).is_err());
    }
}
