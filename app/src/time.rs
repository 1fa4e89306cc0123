//! Dates and times as residents read them: in Moscow time, with month names in the page's language.

use crate::i18n::Lang;
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use chrono_tz::Europe::Moscow;

const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(lang: Lang, m: u32) -> &'static str {
    let i = usize::try_from(m.saturating_sub(1)).unwrap_or(0).min(11);
    match lang {
        Lang::Ru => MONTHS_RU[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// "22 июня" / "22 June" for a Moscow date written `YYYY-MM-DD` (the text itself if it is not one).
pub fn day_label(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').skip(1).map(str::parse::<u32>);
    match (parts.next(), parts.next()) {
        (Some(Ok(m)), Some(Ok(d))) if (1..=12).contains(&m) => format!("{d} {}", month(lang, m)),
        _ => iso.to_owned(),
    }
}

/// "22 июня 2020" / "22 June 2020", in Moscow time.
pub fn date(lang: Lang, at: DateTime<Utc>) -> String {
    let t = at.with_timezone(&Moscow);
    format!("{} {} {}", t.day(), month(lang, t.month()), t.year())
}

/// "22 июня 2020, 14:05" / "22 June 2020, 14:05", in Moscow time.
pub fn date_time(lang: Lang, at: DateTime<Utc>) -> String {
    let t = at.with_timezone(&Moscow);
    format!("{}, {:02}:{:02}", date(lang, at), t.hour(), t.minute())
}

/// A period `start..end` (end exclusive) in Moscow time. Whole days read as inclusive dates
/// ("22 июня 2020 — 25 июня 2020"); other periods show their times.
pub fn period(lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let midnight = |t: DateTime<Utc>| {
        let m = t.with_timezone(&Moscow);
        m.hour() == 0 && m.minute() == 0
    };
    if midnight(start) && midnight(end) {
        format!(
            "{} — {}",
            date(lang, start),
            date(lang, end - Duration::seconds(1))
        )
    } else {
        format!("{} — {}", date_time(lang, start), date_time(lang, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn days_of_the_results_chart_read_as_dates() {
        assert_eq!(day_label(Lang::Ru, "2020-06-22"), "22 июня");
        assert_eq!(day_label(Lang::En, "2020-06-01"), "1 June");
        assert_eq!(day_label(Lang::Ru, "not a day"), "not a day");
    }

    #[test]
    fn periods_read_in_moscow_time() {
        let start = Utc.with_ymd_and_hms(2020, 6, 21, 21, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2020, 6, 25, 21, 0, 0).unwrap();
        assert_eq!(period(Lang::Ru, start, end), "22 июня 2020 — 25 июня 2020");
        assert_eq!(period(Lang::En, start, end), "22 June 2020 — 25 June 2020");
        let noon = Utc.with_ymd_and_hms(2020, 6, 22, 9, 30, 0).unwrap();
        assert_eq!(date_time(Lang::En, noon), "22 June 2020, 12:30");
    }

    #[test]
    fn moscow_was_utc_plus_four_before_october_2014() {
        let at = Utc.with_ymd_and_hms(2014, 3, 31, 20, 0, 0).unwrap();
        assert_eq!(date_time(Lang::En, at), "1 April 2014, 00:00");
    }
}
