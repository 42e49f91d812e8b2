//! RFC 3339 date-times (`2026-12-24T18:30:00Z`, `2026-12-24T18:30:00+01:00`) for smsadvert.

use std::time::{Duration, SystemTime};

use sms_primitives::datetime::DateTime;

/// Parses an RFC 3339 date-time into a point in time.
pub(crate) fn parse_rfc3339(s: &str) -> Result<SystemTime, String> {
    let bad = || format!("{s:?} is not an RFC 3339 date-time (2026-12-24T18:30:00Z)");
    let s = s.trim();
    let (date_time, offset_secs) =
        if let Some(rest) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
            (rest, 0i64)
        } else {
            let split = s.len().checked_sub(6).ok_or_else(bad)?;
            let (head, zone) = (
                s.get(..split).ok_or_else(bad)?,
                s.get(split..).ok_or_else(bad)?,
            );
            let sign = match zone.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return Err(bad()),
            };
            let hours: i64 = zone
                .get(1..3)
                .and_then(|h| h.parse().ok())
                .ok_or_else(bad)?;
            let minutes: i64 = zone
                .get(4..6)
                .and_then(|m| m.parse().ok())
                .ok_or_else(bad)?;
            if zone.get(3..4) != Some(":") {
                return Err(bad());
            }
            (head, sign * (hours * 3600 + minutes * 60))
        };
    // Fractional seconds are kept to the millisecond (smsadvert's unit); finer digits
    // are truncated.
    let (date_time, fraction) = match date_time.split_once('.') {
        Some((whole, frac)) => (whole, Some(frac)),
        None => (date_time, None),
    };
    let millis = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            let ms = format!("{:0<3}", f.get(..3).unwrap_or(f));
            ms.parse::<u64>().map_err(|_| bad())?
        }
        Some(_) => return Err(bad()),
    };
    let civil = date_time.replacen(['T', 't'], " ", 1);
    let local: DateTime = civil.parse().map_err(|_| bad())?;
    let utc = local.to_system_time_utc() + Duration::from_millis(millis);
    let shifted = if offset_secs >= 0 {
        utc.checked_sub(Duration::from_secs(offset_secs.unsigned_abs()))
    } else {
        utc.checked_add(Duration::from_secs(offset_secs.unsigned_abs()))
    };
    shifted.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    #[test]
    fn offsets() {
        let z = parse_rfc3339("2017-02-12T07:12:58Z").unwrap();
        assert_eq!(
            z.duration_since(UNIX_EPOCH).unwrap().as_secs(),
            1_486_883_578
        );
        let plus = parse_rfc3339("2017-02-12T08:12:58.036+01:00").unwrap();
        assert_eq!(plus, z + Duration::from_millis(36), "milliseconds are kept");
        for (frac, ms) in [(".5", 500), (".03", 30), (".036", 36), (".0369", 36)] {
            let t = parse_rfc3339(&format!("2017-02-12T07:12:58{frac}Z")).unwrap();
            assert_eq!(t, z + Duration::from_millis(ms), "{frac}");
        }
        assert!(parse_rfc3339("2017-02-12T07:12:58.Z").is_err());
        assert!(parse_rfc3339("2017-02-12T07:12:58.x1Z").is_err());
        assert!(parse_rfc3339("2017-02-12 07:12").is_err());
        assert!(parse_rfc3339("yesterday").is_err());
    }
}
