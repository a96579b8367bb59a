//! Numbers as the proto3 JSON mapping writes them, which Wix follows: a double may arrive as a
//! number, a numeric string, `"NaN"`, `"Infinity"` or `"-Infinity"`; an integer as a number or a
//! numeric string. Non-finite doubles are written as those strings (JSON has no such numbers).

use crate::wire::fields::wire_form;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serializer};
use std::fmt;

/// `f64` and `i64`, as generated fields hold them.
pub trait Number: Sized + Copy {
    /// What a failing value is said to have expected.
    const EXPECTED: &'static str;
    /// A JSON float, when it is this type's.
    fn from_f64(value: f64) -> Option<Self>;
    /// A JSON signed integer, when it is this type's.
    fn from_i64(value: i64) -> Option<Self>;
    /// A JSON unsigned integer, when it is this type's.
    fn from_u64(value: u64) -> Option<Self>;
    /// A numeric string (or `"NaN"`, `"Infinity"` for doubles).
    fn from_text(text: &str) -> Option<Self>;
    /// The number as the mapping writes it.
    fn write<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Number for f64 {
    const EXPECTED: &'static str = "a number, a numeric string, \"NaN\" or \"Infinity\"";
    fn from_f64(value: f64) -> Option<Self> {
        Some(value)
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(value as f64)
    }
    fn from_u64(value: u64) -> Option<Self> {
        Some(value as f64)
    }
    fn from_text(text: &str) -> Option<Self> {
        match text {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            // Rust also reads "inf" and "nan", which the mapping does not write.
            _ if text
                .bytes()
                .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') =>
            {
                None
            }
            _ => text.trim().parse().ok(),
        }
    }
    fn write<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_nan() {
            serializer.serialize_str("NaN")
        } else if self.is_infinite() {
            serializer.serialize_str(if self > 0.0 { "Infinity" } else { "-Infinity" })
        } else {
            serializer.serialize_f64(self)
        }
    }
}

impl Number for i64 {
    const EXPECTED: &'static str = "an integer or a string holding one";
    fn from_f64(value: f64) -> Option<Self> {
        // `1e2` and `100.0` are integers too; the range check keeps the cast exact.
        (value.fract() == 0.0 && value.abs() < 9.007_199_254_740_992e15).then_some(value as i64)
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(value)
    }
    fn from_u64(value: u64) -> Option<Self> {
        i64::try_from(value).ok()
    }
    fn from_text(text: &str) -> Option<Self> {
        let text = text.trim();
        text.parse()
            .ok()
            .or_else(|| text.parse::<f64>().ok().and_then(Self::from_f64))
    }
    fn write<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self)
    }
}

struct NumberVisitor<T>(std::marker::PhantomData<T>);

impl<T: Number> Visitor<'_> for NumberVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        T::from_f64(value).ok_or_else(|| E::invalid_value(de::Unexpected::Float(value), &self))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::from_i64(value).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(value), &self))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::from_u64(value).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        T::from_text(value).ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

/// One number in its proto3 forms.
struct Proto3<T>(T);

impl<'de, T: Number> Deserialize<'de> for Proto3<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(NumberVisitor(std::marker::PhantomData))
            .map(Proto3)
    }
}

impl<T: Number> serde::Serialize for Proto3<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// Writes the value in its wire form.
pub fn serialize<T: Number, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.write(serializer)
}

/// Reads the value from any of its wire forms.
pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    Proto3::deserialize(deserializer).map(|n| n.0)
}

wire_form!(T where T: Number);

/// The same for an `Option`: `None` is `null`.
pub mod option {
    use super::*;

    wire_form!(Option<T> where T: Number);

    /// Writes the value in its wire form.
    pub fn serialize<T: Number, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&Proto3(*value)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the value from any of its wire forms.
    pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<Proto3<T>>::deserialize(deserializer).map(|n| n.map(|n| n.0))
    }
}

/// The same for a `Vec`, element by element.
pub mod vec {
    use super::*;

    wire_form!(Vec<T> where T: Number);

    /// Writes the value in its wire form.
    pub fn serialize<T: Number, S: Serializer>(
        value: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(|n| Proto3(*n)))
    }

    /// Reads the value from any of its wire forms.
    pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        Vec::<Proto3<T>>::deserialize(deserializer).map(|v| v.into_iter().map(|n| n.0).collect())
    }
}

/// The same for an optional `Vec`.
pub mod option_vec {
    use super::*;

    wire_form!(Option<Vec<T>> where T: Number);

    /// Writes the value in its wire form.
    pub fn serialize<T: Number, S: Serializer>(
        value: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => {
                serializer.serialize_some(&value.iter().map(|n| Proto3(*n)).collect::<Vec<_>>())
            }
            None => serializer.serialize_none(),
        }
    }

    /// Reads the value from any of its wire forms.
    pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<T>>, D::Error> {
        Option::<Vec<Proto3<T>>>::deserialize(deserializer)
            .map(|v| v.map(|v| v.into_iter().map(|n| n.0).collect()))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn numbers_in_every_form_the_proto3_mapping_allows() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Numbers {
            #[serde(with = "crate::wire::proto3")]
            latitude: f64,
            #[serde(default, with = "crate::wire::proto3::option")]
            count: Option<i64>,
            #[serde(default, with = "crate::wire::proto3::option_vec")]
            scores: Option<Vec<f64>>,
        }
        let decoded: Numbers = serde_json::from_value(
            json!({"latitude": "NaN", "count": "42", "scores": [1.5, "Infinity", "-Infinity", "2.5e1"]}),
        )
        .unwrap();
        assert!(decoded.latitude.is_nan());
        assert_eq!(decoded.count, Some(42));
        let scores = decoded.scores.clone().unwrap();
        assert_eq!(
            (scores[0], scores[1], scores[2], scores[3]),
            (1.5, f64::INFINITY, f64::NEG_INFINITY, 25.0)
        );
        assert_eq!(
            serde_json::to_value(&decoded).unwrap(),
            json!({"latitude": "NaN", "count": 42, "scores": [1.5, "Infinity", "-Infinity", 25.0]})
        );
        let from_float: Numbers =
            serde_json::from_value(json!({"latitude": 1, "count": 1e2})).unwrap();
        assert_eq!((from_float.latitude, from_float.count), (1.0, Some(100)));
        for bad in [
            json!({"latitude": "inf"}),
            json!({"latitude": 0, "count": 1.5}),
            json!({"latitude": "north"}),
        ] {
            assert!(
                serde_json::from_value::<Numbers>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}
