//! Moscow time: the city's clock for everything people type or read. Stored instants are UTC.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Moscow;

/// An instant given in Moscow time (UTC+4 until 26 October 2014, UTC+3 since).
pub fn msk(year: i32, month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Moscow
        .with_ymd_and_hms(year, month, day, hour, 0, 0)
        .single()
        .map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

/// Parses what a `datetime-local` input sends (`2020-06-22T00:00`, seconds optional) as Moscow time.
pub fn parse_local(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Moscow
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The `datetime-local` value of an instant, in Moscow time.
pub fn to_local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Moscow)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Parses what a `date` input sends (`2027-05-01`) as that day's Moscow midnight.
pub fn parse_day(s: &str) -> Option<DateTime<Utc>> {
    let day = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    Moscow
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The Moscow midnight that began the day of `at`.
pub fn day_of(at: DateTime<Utc>) -> DateTime<Utc> {
    parse_day(&at.with_timezone(&Moscow).format("%Y-%m-%d").to_string()).unwrap_or(at)
}

/// The `date` input value of an instant's Moscow day.
pub fn to_day(at: DateTime<Utc>) -> String {
    at.with_timezone(&Moscow).format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_input_round_trips_through_utc() {
        let at = parse_local("2020-06-22T00:00").unwrap();
        assert_eq!(at, msk(2020, 6, 22, 0));
        assert_eq!(at.to_rfc3339(), "2020-06-21T21:00:00+00:00");
        assert_eq!(to_local(at), "2020-06-22T00:00");
        assert_eq!(parse_local("22.06.2020"), None);
    }

    #[test]
    fn a_day_is_its_moscow_midnight() {
        let day = parse_day("2027-05-01").unwrap();
        assert_eq!(day, msk(2027, 5, 1, 0));
        assert_eq!(day_of(msk(2027, 5, 1, 23)), day);
        assert_eq!(to_day(day), "2027-05-01");
        assert_eq!(parse_day("01.05.2027"), None);
        assert_eq!(parse_day("2027-02-30"), None);
    }
}
