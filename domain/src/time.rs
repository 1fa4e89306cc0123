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
}
