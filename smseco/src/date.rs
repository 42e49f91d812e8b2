//! `datesend`: when a deferred message goes out, as `AAAA-MM-JJ HH:MM`.

use core::fmt;
use core::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

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
#[doc(alias = "datesend")]
pub struct SendDate {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
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
        let valid = (2000..=9999).contains(&year)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60;
        if valid {
            Ok(Self {
                year,
                month,
                day,
                hour,
                minute,
            })
        } else {
            Err(InvalidDate)
        }
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
    /// let t = UNIX_EPOCH + Duration::from_secs(1_434_905_340); // 2015-06-21 16:49 UTC
    /// assert_eq!(SendDate::from_system_time(t)?.to_string(), "2015-06-21 16:49");
    /// # Ok::<(), smseco::InvalidDate>(())
    /// ```
    pub fn from_system_time(time: SystemTime) -> Result<Self, InvalidDate> {
        let secs = time
            .duration_since(UNIX_EPOCH)
            .map_err(|_| InvalidDate)?
            .as_secs();
        let days = i64::try_from(secs / 86_400).map_err(|_| InvalidDate)?;
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
        let narrow = |v: i64| u8::try_from(v).map_err(|_| InvalidDate);
        Self::new(
            u16::try_from(year).map_err(|_| InvalidDate)?,
            narrow(month)?,
            narrow(day)?,
            narrow(i64::try_from(rem / 3600).map_err(|_| InvalidDate)?)?,
            narrow(i64::try_from(rem % 3600 / 60).map_err(|_| InvalidDate)?)?,
        )
    }
}

impl fmt::Display for SendDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

impl FromStr for SendDate {
    type Err = InvalidDate;

    /// Parses `YYYY-MM-DD HH:MM` (the documented `AAAA-MM-JJ HH:MM`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.trim().as_bytes();
        let shape_ok = b.len() == 16
            && b.iter().enumerate().all(|(i, &c)| match i {
                4 | 7 => c == b'-',
                10 => c == b' ',
                13 => c == b':',
                _ => c.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(InvalidDate);
        }
        let s = s.trim();
        let part = |r: core::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u16>().ok());
        let (Some(y), Some(mo), Some(d), Some(h), Some(mi)) = (
            part(0..4),
            part(5..7),
            part(8..10),
            part(11..13),
            part(14..16),
        ) else {
            return Err(InvalidDate);
        };
        let narrow = |v: u16| u8::try_from(v).map_err(|_| InvalidDate);
        Self::new(y, narrow(mo)?, narrow(d)?, narrow(h)?, narrow(mi)?)
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
    use std::time::Duration;

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
