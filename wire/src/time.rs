//! Instants on the wire in one form: RFC 3339, UTC, `Z`, always six decimals
//! (`2020-06-22T00:00:00.000000Z`), in the JSON API, the exports and the site's own calls alike.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// `at` in the one form.
pub fn format(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Serde for `DateTime<Utc>` fields: `#[serde(with = "crate::time::utc")]`.
pub mod utc {
    use super::*;

    /// Writes [`format`](super::format).
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(at))
    }

    /// Reads any RFC 3339 instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        DateTime::<Utc>::deserialize(d)
    }
}

/// Serde for `Option<DateTime<Utc>>` fields: `#[serde(with = "crate::time::utc_option")]`.
pub mod utc_option {
    use super::*;

    /// Writes [`format`](super::format), or null.
    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => s.serialize_some(&super::format(at)),
            None => s.serialize_none(),
        }
    }

    /// Reads any RFC 3339 instant, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<DateTime<Utc>>::deserialize(d)
    }
}

/// The schema of an instant in the one form (for the API's OpenAPI description).
#[cfg(feature = "schema")]
pub struct Instant;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Instant {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Instant".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "RFC 3339, UTC, six decimals: 2020-06-22T00:00:00.000000Z",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct At {
        #[serde(with = "utc")]
        at: DateTime<Utc>,
        #[serde(with = "utc_option")]
        maybe: Option<DateTime<Utc>>,
    }

    #[test]
    fn instants_have_one_form_whatever_their_precision_and_read_back() {
        let whole = Utc.with_ymd_and_hms(2020, 6, 21, 21, 0, 0).unwrap();
        let fine = whole + chrono::Duration::nanoseconds(123_456_789);
        let json = serde_json::to_string(&At {
            at: whole,
            maybe: Some(fine),
        })
        .unwrap();
        assert_eq!(
            json,
            r#"{"at":"2020-06-21T21:00:00.000000Z","maybe":"2020-06-21T21:00:00.123456Z"}"#
        );
        let back: At =
            serde_json::from_str(r#"{"at":"2020-06-22T00:00:00+03:00","maybe":null}"#).unwrap();
        assert_eq!(
            back,
            At {
                at: whole,
                maybe: None
            }
        );
    }
}
