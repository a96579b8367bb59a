//! Timestamps: serde helpers writing RFC 3339 with milliseconds and `Z`
//! (`2024-08-12T08:12:17.813Z`), the form Wix sends and expects, where chrono's default differs.
//! Answers are read more widely, as the JavaScript SDK reads them: any offset and any fraction
//! (`2025-03-10T01:02:03+02:00`, `…03.123456Z`), and `""` or `null` as no value at all.

use crate::wire::fields::wire_form;
use crate::Timestamp;
use chrono::SecondsFormat;
use serde::{Deserialize, Deserializer, Serializer};

fn text(value: &Timestamp) -> String {
    value.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse<E: serde::de::Error>(text: &str) -> Result<Timestamp, E> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| E::custom(format!("`{text}` is not an RFC 3339 timestamp: {e}")))
}

/// Writes the value in its wire form.
pub fn serialize<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&text(value))
}

/// Reads the value from any of its wire forms.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    parse(&String::deserialize(deserializer)?)
}

wire_form!(Timestamp);

/// The same for an `Option`: `None` is `null`.
pub mod option {
    use super::*;

    wire_form!(Option<Timestamp>);

    /// Writes the value in its wire form.
    pub fn serialize<S: Serializer>(
        value: &Option<Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&text(value)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the value from any of its wire forms; `""` and `null` are `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .filter(|t| !t.is_empty())
            .map(|t| parse(&t))
            .transpose()
    }
}

/// The same for a `Vec`, element by element.
pub mod vec {
    use super::*;

    wire_form!(Vec<Timestamp>);

    /// Writes the value in its wire form.
    pub fn serialize<S: Serializer>(value: &[Timestamp], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(text))
    }

    /// Reads the value from any of its wire forms.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Timestamp>, D::Error> {
        Vec::<String>::deserialize(deserializer)?
            .iter()
            .map(|t| parse(t))
            .collect()
    }
}

/// The same for an optional `Vec`.
pub mod option_vec {
    use super::*;

    wire_form!(Option<Vec<Timestamp>>);

    /// Writes the value in its wire form.
    pub fn serialize<S: Serializer>(
        value: &Option<Vec<Timestamp>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&value.iter().map(text).collect::<Vec<_>>()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the value from any of its wire forms.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<Timestamp>>, D::Error> {
        Option::<Vec<String>>::deserialize(deserializer)?
            .map(|items| items.iter().map(|t| parse(t)).collect())
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn read(value: Value) -> Option<Timestamp> {
        option::deserialize(value).unwrap()
    }

    fn written(value: Option<Timestamp>) -> Value {
        option::serialize(&value, serde_json::value::Serializer).unwrap()
    }

    #[test]
    fn answers_read_any_offset_and_fraction_and_send_milliseconds_in_utc() {
        // Recorded: the JS SDK turns these into Dates at 23:02:03.000Z and 01:02:03.123Z.
        let offset = read(json!("2025-03-10T01:02:03+02:00"));
        assert_eq!(written(offset), json!("2025-03-09T23:02:03.000Z"));
        let micros = read(json!("2025-03-10T01:02:03.123456Z"));
        assert_eq!(written(micros), json!("2025-03-10T01:02:03.123Z"));
    }

    #[test]
    fn empty_text_and_null_in_answers_are_absent() {
        // Recorded: `{"createdDate": "", "updatedDate": null}` leaves both out of the result.
        assert_eq!(read(json!("")), None);
        assert_eq!(read(Value::Null), None);
        assert!(option::deserialize(json!("yesterday")).is_err());
    }
}
