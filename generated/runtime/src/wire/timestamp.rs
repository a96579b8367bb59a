//! Timestamps: serde helpers writing RFC 3339 with milliseconds and `Z`
//! (`2024-08-12T08:12:17.813Z`), the form Wix sends and expects, where chrono's default differs.

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

/// The same for an `Option`: `None` is `null`.
pub mod option {
    use super::*;

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

    /// Reads the value from any of its wire forms.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|t| parse(&t))
            .transpose()
    }
}

/// The same for a `Vec`, element by element.
pub mod vec {
    use super::*;

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
