//! The Wix wire format (WIRE.md): path templates, query strings, timestamps, open enums, and
//! the SDK ↔ REST reshaping of requests and responses.

use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::{Map, Value};

/// A path segment keeps unreserved characters only: a `/` in a value can't change the path.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Fills `{name}` and `{dotted.path}` templates from the REST-named request. Text after the
/// braces stays (`{bookingId}:confirm`). Errors name a template whose value is missing.
pub fn fill_path(template: &str, request: &Value) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or_else(|| format!("unclosed template in `{template}`"))?;
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let value = name
            .split('.')
            .try_fold(request, |value, key| value.get(key))
            .and_then(scalar_text)
            .filter(|text| !text.is_empty())
            .ok_or_else(|| format!("path parameter `{name}` is missing from the request"))?;
        out.extend(utf8_percent_encode(&value, PATH_SEGMENT));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A GET or DELETE request as query parameters: nested objects as dotted keys, arrays of
/// scalars as repeated keys, nulls and empty containers left out. A request that cannot be put
/// this way (arrays of objects) travels whole as `.r`: its JSON, base64url without padding.
pub fn query_pairs(request: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if flatten("", request, &mut pairs) {
        return pairs;
    }
    let json = serde_json::to_vec(request).unwrap_or_default();
    vec![(
        ".r".to_string(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json),
    )]
}

/// Returns false when `value` holds something only `.r` can carry.
fn flatten(prefix: &str, value: &Value, pairs: &mut Vec<(String, String)>) -> bool {
    match value {
        Value::Null => true,
        Value::Object(map) => map.iter().all(|(key, value)| {
            let key = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            flatten(&key, value, pairs)
        }),
        Value::Array(items) => items.iter().all(|item| match scalar_text(item) {
            Some(text) => {
                pairs.push((prefix.to_string(), text));
                true
            }
            None => item.is_null(),
        }),
        scalar => {
            pairs.extend(scalar_text(scalar).map(|text| (prefix.to_string(), text)));
            true
        }
    }
}

/// Serde for a generated struct, from a table of its fields and their JSON names: the JSON
/// object is read into a map, each documented field taken out of it by name, and what is left
/// is the struct's map of undocumented fields — the same behaviour as serde's derive with a
/// flattened map, for a fraction of the code (and of the compile time) the derive expands to.
///
/// `wire_struct!(Type, extra, field("jsonName"), other("other", timestamp::option),
/// @group choice(optional))`: the second argument names a helper module of this one; a ONE-OF
/// group is `optional` or `required`.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_struct {
    ($name:ident, $extra:ident
     $(, $field:ident($json:literal $(, $($with:ident)::+)?))*
     $(, @group $group:ident($presence:ident))* $(,)?) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::wire::fields::write(serializer, &self.$extra, |map| {
                    $($crate::wire_struct!(@put map, self.$field, $json $(, $($with)::+)?)?;)*
                    $($crate::wire::fields::put_group(map, &self.$group)?;)*
                    ::std::result::Result::Ok(())
                })
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::wire::fields::read(deserializer, |map| {
                    ::std::result::Result::Ok(Self {
                        $($field: $crate::wire_struct!(@take map, $json $(, $($with)::+)?)?,)*
                        $($group: $crate::wire::fields::$presence(map)?,)*
                        $extra: ::std::mem::take(map),
                    })
                })
            }
        }
    };
    (@put $map:ident, $value:expr, $json:literal) => {
        $crate::wire::fields::put($map, $json, &$value)
    };
    (@put $map:ident, $value:expr, $json:literal, $($with:ident)::+) => {
        $crate::wire::fields::put_value(
            $map,
            $json,
            $crate::wire::$($with)::+::serialize(&$value, $crate::__private::serde_json::value::Serializer),
        )
    };
    (@take $map:ident, $json:literal) => {
        $crate::wire::fields::take($map, $json)
    };
    (@take $map:ident, $json:literal, $($with:ident)::+) => {
        $crate::wire::fields::take_with($map, $json, $crate::wire::$($with)::+::deserialize)
    };
}

/// Serde for a ONE-OF group's enum: each variant is one member, travelling as the only key of
/// its object (`{"email": "…"}`), which the parent struct flattens into its own.
///
/// `wire_one_of!(Type, Variant("jsonName"), …)`; also gives the group its member keys.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_one_of {
    ($name:ident $(, $variant:ident($json:literal))+ $(,)?) => {
        impl $crate::wire::fields::OneOfKeys for $name {
            const KEYS: &'static [&'static str] = &[$($json),+];
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => $crate::wire::fields::write_member(serializer, $json, value),)+
                }
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::wire::fields::read_member(deserializer, <Self as $crate::wire::fields::OneOfKeys>::KEYS, |key, value| match key {
                    $($json => $crate::wire::fields::member($json, value).map(Self::$variant),)+
                    _ => ::std::result::Result::Err($crate::wire::fields::unknown_member(key)),
                })
            }
        }
    };
}

/// The helpers [`wire_struct!`] expands to: one call per field.
#[doc(hidden)]
pub mod fields {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::{Map, Value};

    /// The keys a ONE-OF group's members travel under; generated groups implement it.
    pub trait OneOfKeys {
        const KEYS: &'static [&'static str];
    }

    /// The object a struct serializes to: its fields (`fill`), then its unknown fields.
    pub fn write<S: serde::Serializer>(
        serializer: S,
        extra: &Map<String, Value>,
        fill: impl FnOnce(&mut Map<String, Value>) -> Result<(), serde_json::Error>,
    ) -> Result<S::Ok, S::Error> {
        let mut map = Map::new();
        fill(&mut map).map_err(<S::Error as serde::ser::Error>::custom)?;
        for (key, value) in extra {
            map.entry(key.clone()).or_insert_with(|| value.clone());
        }
        map.serialize(serializer)
    }

    /// A struct read from a JSON object: `build` takes its fields out of the map, and what it
    /// leaves are the unknown fields.
    pub fn read<'de, D: serde::Deserializer<'de>, T>(
        deserializer: D,
        build: impl FnOnce(&mut Map<String, Value>) -> Result<T, serde_json::Error>,
    ) -> Result<T, D::Error> {
        let mut map = <Map<String, Value> as serde::Deserialize>::deserialize(deserializer)?;
        build(&mut map).map_err(<D::Error as serde::de::Error>::custom)
    }

    /// A ONE-OF member as its own object: `{key: value}`.
    pub fn write_member<S: serde::Serializer, T: Serialize + ?Sized>(
        serializer: S,
        key: &str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(key, value)?;
        map.end()
    }

    /// A ONE-OF member from an object with exactly one key: `build` reads the member under it
    /// (or refuses a key that is not one of the group's `keys`).
    pub fn read_member<'de, D: serde::Deserializer<'de>, T>(
        deserializer: D,
        keys: &[&str],
        build: impl FnOnce(&str, Value) -> Result<T, serde_json::Error>,
    ) -> Result<T, D::Error> {
        let map = <Map<String, Value> as serde::Deserialize>::deserialize(deserializer)?;
        let mut members = map.into_iter();
        let built = match (members.next(), members.next()) {
            (Some((key, value)), None) => build(&key, value),
            _ => Err(<serde_json::Error as serde::de::Error>::custom(format!(
                "expected exactly one of {}",
                listed(keys)
            ))),
        };
        built.map_err(<D::Error as serde::de::Error>::custom)
    }

    /// A ONE-OF member's value, read under its `key`.
    pub fn member<T: DeserializeOwned>(key: &str, value: Value) -> Result<T, serde_json::Error> {
        T::deserialize(value).map_err(|e| at(key, e))
    }

    /// A key that is not one of the group's members.
    pub fn unknown_member(key: &str) -> serde_json::Error {
        <serde_json::Error as serde::de::Error>::custom(format!(
            "`{key}` is not a member of this group"
        ))
    }

    fn listed(keys: &[&str]) -> String {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `value` under `key`, unless it is absent (`None` serializes as null, which is left out).
    pub fn put<T: Serialize + ?Sized>(
        map: &mut Map<String, Value>,
        key: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        put_value(map, key, serde_json::to_value(value))
    }

    pub fn put_value(
        map: &mut Map<String, Value>,
        key: &str,
        value: Result<Value, serde_json::Error>,
    ) -> Result<(), serde_json::Error> {
        match value.map_err(|e| at(key, e))? {
            Value::Null => {}
            value => {
                map.insert(key.to_string(), value);
            }
        }
        Ok(())
    }

    /// A group's member, as its own key of the parent's object.
    pub fn put_group<T: Serialize>(
        map: &mut Map<String, Value>,
        group: &T,
    ) -> Result<(), serde_json::Error> {
        if let Value::Object(member) = serde_json::to_value(group)? {
            map.extend(member);
        }
        Ok(())
    }

    /// The field `key`, taken out of the object; an absent one reads as null (so an `Option` is
    /// `None` and anything else is missing).
    pub fn take<T: DeserializeOwned>(
        map: &mut Map<String, Value>,
        key: &str,
    ) -> Result<T, serde_json::Error> {
        take_with(map, key, T::deserialize)
    }

    pub fn take_with<T>(
        map: &mut Map<String, Value>,
        key: &str,
        read: fn(Value) -> Result<T, serde_json::Error>,
    ) -> Result<T, serde_json::Error> {
        match map.remove(key) {
            Some(value) => read(value).map_err(|e| at(key, e)),
            None => read(Value::Null).map_err(|_| {
                <serde_json::Error as serde::de::Error>::custom(format!("missing field `{key}`"))
            }),
        }
    }

    /// An optional ONE-OF group: the first of its members present.
    pub fn optional<T: DeserializeOwned + OneOfKeys>(
        map: &mut Map<String, Value>,
    ) -> Result<Option<T>, serde_json::Error> {
        let Some(key) = T::KEYS.iter().find(|key| map.contains_key(**key)) else {
            return Ok(None);
        };
        let mut member = Map::new();
        if let Some(value) = map.remove(*key) {
            member.insert(key.to_string(), value);
        }
        // The group's own deserializer names the member in its errors.
        serde_json::from_value(Value::Object(member)).map(Some)
    }

    /// A required ONE-OF group: one of its members must be present.
    pub fn required<T: DeserializeOwned + OneOfKeys>(
        map: &mut Map<String, Value>,
    ) -> Result<T, serde_json::Error> {
        optional(map)?.ok_or_else(|| {
            <serde_json::Error as serde::de::Error>::custom(format!(
                "none of {} is present",
                listed(T::KEYS)
            ))
        })
    }

    /// The error with the field's name in front: nested fields read as a path
    /// (`at referredFriend.createdDate: …`).
    fn at(key: &str, error: serde_json::Error) -> serde_json::Error {
        let text = error.to_string();
        let text = match text.strip_prefix("at `") {
            Some(rest) => format!("at `{key}.{rest}"),
            None => format!("at `{key}`: {text}"),
        };
        <serde_json::Error as serde::de::Error>::custom(text)
    }
}

/// An enum with documented values and a catch-all for any other: generated enums implement it.
pub trait WireEnum: Sized {
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
    /// The variant for a wire value; unknown values are kept as they are.
    fn from_wire(value: String) -> Self;
}

/// [`WireEnum`], serde (as the wire string) and `Display` for a generated enum: the enum, its
/// catch-all variant, then each documented variant with its wire value (`Variant("VALUE")`).
/// The methods are `#[inline]`, so they are compiled in the crates that use them, not once per
/// enum in the bindings.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_enum {
    ($name:ident, $other:ident $(, $variant:ident($value:literal))* $(,)?) => {
        impl $crate::WireEnum for $name {
            #[inline]
            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$other(value) => value,
                }
            }

            #[inline]
            fn from_wire(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::$other(value),
                }
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::WireEnum::as_str(self))
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(deserializer)
                    .map(<$name as $crate::WireEnum>::from_wire)
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::WireEnum::as_str(self))
            }
        }
    };
}

/// Serde helpers for timestamps: RFC 3339 with milliseconds and `Z` (`2024-08-12T08:12:17.813Z`).
pub mod timestamp {
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

    pub fn serialize<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&text(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        parse(&String::deserialize(deserializer)?)
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            value: &Option<Timestamp>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => serializer.serialize_some(&text(value)),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Timestamp>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(|t| parse(&t))
                .transpose()
        }
    }

    pub mod vec {
        use super::*;

        pub fn serialize<S: Serializer>(
            value: &[Timestamp],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(value.iter().map(text))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<Timestamp>, D::Error> {
            Vec::<String>::deserialize(deserializer)?
                .iter()
                .map(|t| parse(t))
                .collect()
        }
    }

    pub mod option_vec {
        use super::*;

        pub fn serialize<S: Serializer>(
            value: &Option<Vec<Timestamp>>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => {
                    serializer.serialize_some(&value.iter().map(text).collect::<Vec<_>>())
                }
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Vec<Timestamp>>, D::Error> {
            Option::<Vec<String>>::deserialize(deserializer)?
                .map(|items| items.iter().map(|t| parse(t)).collect())
                .transpose()
        }
    }
}

/// A response without a documented body: accepts anything, including nothing.
/// Numbers as the proto3 JSON mapping writes them, which Wix follows: a double may arrive as a
/// number, a numeric string, `"NaN"`, `"Infinity"` or `"-Infinity"`; an integer as a number or a
/// numeric string. Non-finite doubles are written as those strings (JSON has no such numbers).
pub mod proto3 {
    use serde::de::{self, Deserializer, Visitor};
    use serde::{Deserialize, Serializer};
    use std::fmt;

    /// `f64` and `i64`, as generated fields hold them.
    pub trait Number: Sized + Copy {
        const EXPECTED: &'static str;
        fn from_f64(value: f64) -> Option<Self>;
        fn from_i64(value: i64) -> Option<Self>;
        fn from_u64(value: u64) -> Option<Self>;
        fn from_text(text: &str) -> Option<Self>;
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
            T::from_u64(value)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(value), &self))
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

    pub fn serialize<T: Number, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.write(serializer)
    }

    pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        Proto3::deserialize(deserializer).map(|n| n.0)
    }

    pub mod option {
        use super::*;

        pub fn serialize<T: Number, S: Serializer>(
            value: &Option<T>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => serializer.serialize_some(&Proto3(*value)),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<T>, D::Error> {
            Option::<Proto3<T>>::deserialize(deserializer).map(|n| n.map(|n| n.0))
        }
    }

    pub mod vec {
        use super::*;

        pub fn serialize<T: Number, S: Serializer>(
            value: &[T],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(value.iter().map(|n| Proto3(*n)))
        }

        pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<T>, D::Error> {
            Vec::<Proto3<T>>::deserialize(deserializer)
                .map(|v| v.into_iter().map(|n| n.0).collect())
        }
    }

    pub mod option_vec {
        use super::*;

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

        pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Vec<T>>, D::Error> {
            Option::<Vec<Proto3<T>>>::deserialize(deserializer)
                .map(|v| v.map(|v| v.into_iter().map(|n| n.0).collect()))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| NoContent)
    }
}

/// How an SDK-named object maps to REST: keys renamed (`_id` → `id`), and nested objects with
/// shapes of their own. Arrays take the shape of their elements. Generated per method from the
/// pairing of its two listings.
#[derive(Debug)]
pub struct Shape {
    pub fields: &'static [ShapeField],
}

#[derive(Debug)]
pub struct ShapeField {
    pub sdk: &'static str,
    pub rest: &'static str,
    pub nested: Option<&'static Shape>,
    /// A field mask: a list of paths in the SDK, one comma-separated string in REST.
    pub field_mask: bool,
}

impl ShapeField {
    /// A key named differently (`_id` ↔ `id`).
    pub const fn rename(sdk: &'static str, rest: &'static str) -> Self {
        ShapeField {
            sdk,
            rest,
            nested: None,
            field_mask: false,
        }
    }

    /// A key whose value (or array elements) has a shape of its own.
    pub const fn nested(sdk: &'static str, rest: &'static str, shape: &'static Shape) -> Self {
        ShapeField {
            sdk,
            rest,
            nested: Some(shape),
            field_mask: false,
        }
    }

    /// A field mask: `["a", "b.c"]` in the SDK, `"a,b.c"` in REST.
    pub const fn field_mask(sdk: &'static str, rest: &'static str) -> Self {
        ShapeField {
            sdk,
            rest,
            nested: None,
            field_mask: true,
        }
    }
}

impl Shape {
    /// SDK names → REST names, at every level the shape describes.
    pub fn to_rest(&self, value: &mut Value) {
        self.reshape(value, true);
    }

    /// REST names → SDK names.
    pub fn to_sdk(&self, value: &mut Value) {
        self.reshape(value, false);
    }

    fn reshape(&self, value: &mut Value, to_rest: bool) {
        match value {
            Value::Array(items) => items
                .iter_mut()
                .for_each(|item| self.reshape(item, to_rest)),
            Value::Object(map) => {
                for field in self.fields {
                    let (from, to) = if to_rest {
                        (field.sdk, field.rest)
                    } else {
                        (field.rest, field.sdk)
                    };
                    if let Some(mut inner) = map.remove(from) {
                        if let Some(nested) = field.nested {
                            nested.reshape(&mut inner, to_rest);
                        }
                        if field.field_mask {
                            inner = field_mask(inner, to_rest);
                        }
                        map.insert(to.to_string(), inner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A field mask in the other shape: paths joined with `,` for REST; split again for the SDK,
/// which also accepts the `{"paths": [...]}` some services answer with.
fn field_mask(value: Value, to_rest: bool) -> Value {
    match (value, to_rest) {
        (Value::Array(paths), true) => {
            let paths: Vec<&str> = paths.iter().filter_map(Value::as_str).collect();
            Value::String(paths.join(","))
        }
        (Value::String(paths), false) => Value::Array(
            paths
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| Value::String(p.to_string()))
                .collect(),
        ),
        (Value::Object(mut object), false) => {
            object.remove("paths").unwrap_or(Value::Array(Vec::new()))
        }
        (other, _) => other,
    }
}

/// An SDK call's arguments, gathered into the REST request's top level: each positional
/// argument under its name, the options' fields merged in.
/// The first of `paths` the request lacks, as a concrete path (`order.notes[1].id`). A path is
/// required whenever its parent is there: `order.notes.id` asks nothing of a request without
/// `order` or without `notes`, and asks it of every element of `notes`. A `null` is missing.
pub fn missing_required(request: &Value, paths: &[&str]) -> Option<String> {
    paths.iter().find_map(|path| {
        let segments: Vec<&str> = path.split('.').collect();
        missing_in(request, &segments, String::new())
    })
}

fn missing_in(value: &Value, segments: &[&str], at: String) -> Option<String> {
    let (first, rest) = segments.split_first()?;
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| missing_in(item, segments, format!("{at}[{i}]"))),
        Value::Object(map) => {
            let here = if at.is_empty() {
                first.to_string()
            } else {
                format!("{at}.{first}")
            };
            match map.get(*first) {
                // The last segment is what is required; an absent parent asks nothing.
                None | Some(Value::Null) => rest.is_empty().then_some(here),
                Some(inner) => missing_in(inner, rest, here),
            }
        }
        // A scalar where an object was expected: the types already say what it holds.
        _ => None,
    }
}

/// The names the JavaScript SDK gives REST fields: `_id` for `id`, and so on.
const SDK_NAMES: [(&str, &str); 3] = [
    ("_id", "id"),
    ("_createdDate", "createdDate"),
    ("_updatedDate", "updatedDate"),
];

/// What the JavaScript SDK does to every request: `_id`, `_createdDate` and `_updatedDate`
/// become `id`, `createdDate` and `updatedDate` at every depth, in objects the docs describe
/// and in those they don't (a free-form `filter`, user data), and so do those names as the
/// `fieldName` of a sort.
pub fn sdk_names_to_rest(value: &mut Value) {
    rename_everywhere(value, true);
}

/// What the JavaScript SDK does to every response: `id`, `createdDate` and `updatedDate`
/// become `_id`, `_createdDate` and `_updatedDate` at every depth.
pub fn rest_names_to_sdk(value: &mut Value) {
    rename_everywhere(value, false);
}

fn rename_everywhere(value: &mut Value, to_rest: bool) {
    let rename = |name: &str| {
        SDK_NAMES.iter().find_map(|(sdk, rest)| {
            let (from, to) = if to_rest { (sdk, rest) } else { (rest, sdk) };
            (name == *from).then_some(*to)
        })
    };
    // An explicit stack: no recursion for the server to exhaust.
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(map) => {
                let renamed: Vec<(String, &str)> = map
                    .keys()
                    .filter_map(|key| rename(key).map(|to| (key.clone(), to)))
                    .collect();
                for (from, to) in renamed {
                    if let Some(inner) = map.remove(&from) {
                        map.insert(to.to_string(), inner);
                    }
                }
                if to_rest {
                    if let Some(Value::String(field)) = map.get_mut("fieldName") {
                        if let Some(to) = rename(field) {
                            *field = to.to_string();
                        }
                    }
                }
                pending.extend(map.values_mut());
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
}

#[derive(Debug, Default)]
pub struct SdkRequest {
    body: Map<String, Value>,
    error: Option<serde_json::Error>,
}

impl SdkRequest {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an argument (left out when it serializes to `null`).
    pub fn arg<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(Value::Null) => {}
            Ok(value) => {
                self.body.insert(name.to_string(), value);
            }
            Err(e) => self.error = self.error.or(Some(e)),
        }
        self
    }

    /// Merges an options object's fields into the top level.
    pub fn options<T: Serialize + ?Sized>(mut self, options: &T) -> Self {
        match serde_json::to_value(options) {
            Ok(Value::Object(fields)) => self
                .body
                .extend(fields.into_iter().filter(|(_, v)| !v.is_null())),
            Ok(_) => {}
            Err(e) => self.error = self.error.or(Some(e)),
        }
        self
    }

    pub(crate) fn into_value(self) -> Result<Value, serde_json::Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(Value::Object(self.body)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn required_paths_apply_where_their_parent_is() {
        let paths = ["order.lineItems", "order.notes.id"];
        assert_eq!(
            missing_required(&json!({}), &paths),
            None,
            "no order, nothing asked"
        );
        assert_eq!(
            missing_required(&json!({"order": {}}), &paths).as_deref(),
            Some("order.lineItems")
        );
        let order = json!({"order": {"lineItems": [], "notes": [{"id": "a"}, {"text": "b"}]}});
        assert_eq!(
            missing_required(&order, &paths).as_deref(),
            Some("order.notes[1].id")
        );
        let order = json!({"order": {"lineItems": null}});
        assert_eq!(
            missing_required(&order, &paths).as_deref(),
            Some("order.lineItems")
        );
        let order = json!({"order": {"lineItems": [], "notes": [{"id": "a"}]}});
        assert_eq!(missing_required(&order, &paths), None);
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Contact {
        name: Option<String>,
        reach: Option<Reach>,
        extra: crate::JsonObject,
    }
    crate::wire_struct!(Contact, extra, name("name"), @group reach(optional));

    #[derive(Debug, Clone, PartialEq)]
    enum Reach {
        Email(String),
        Phone(Vec<i64>),
    }
    crate::wire_one_of!(Reach, Email("email"), Phone("phone"));

    #[test]
    fn one_of_members_stay_flat_in_their_parent() {
        let sent = json!({"name": "n", "phone": [1, 2], "mood": "kept"});
        let contact: Contact = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(contact.reach, Some(Reach::Phone(vec![1, 2])));
        assert_eq!(contact.extra["mood"], "kept");
        assert_eq!(serde_json::to_value(&contact).unwrap(), sent);
        let none: Contact = serde_json::from_value(json!({"name": "n"})).unwrap();
        assert_eq!(none.reach, None);
        assert_eq!(
            serde_json::to_value(Reach::Email("e".into())).unwrap(),
            json!({"email": "e"})
        );
    }

    #[test]
    fn one_of_errors_name_the_member() {
        let error = serde_json::from_value::<Contact>(json!({"email": 3})).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("at `email`: invalid type: integer"),
            "{error}"
        );
        let error = serde_json::from_value::<Reach>(json!({"fax": "f"})).unwrap_err();
        assert_eq!(error.to_string(), "`fax` is not a member of this group");
        let error =
            serde_json::from_value::<Reach>(json!({"email": "e", "phone": []})).unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected exactly one of `email`, `phone`"
        );
    }

    #[test]
    fn numbers_in_every_form_the_proto3_mapping_allows() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Numbers {
            #[serde(with = "proto3")]
            latitude: f64,
            #[serde(default, with = "proto3::option")]
            count: Option<i64>,
            #[serde(default, with = "proto3::option_vec")]
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

    #[test]
    fn path_templates_are_filled_and_encoded() {
        let request = json!({"resourceType": {"id": "a/b c"}, "bookingId": "x"});
        assert_eq!(
            fill_path("/v2/types/{resourceType.id}", &request).unwrap(),
            "/v2/types/a%2Fb%20c"
        );
        assert_eq!(
            fill_path("/v2/{bookingId}:confirm", &request).unwrap(),
            "/v2/x:confirm"
        );
        assert!(fill_path("/v2/{missing}", &request)
            .unwrap_err()
            .contains("`missing`"));
    }

    #[test]
    fn query_flattening() {
        let request = json!({"paging": {"limit": 5}, "ids": ["a", "b"], "none": null, "empty": [], "flag": true, "q": "a b/c"});
        assert_eq!(
            query_pairs(&request),
            [
                ("flag", "true"),
                ("ids", "a"),
                ("ids", "b"),
                ("paging.limit", "5"),
                ("q", "a b/c")
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        let nested = json!({"sort": [{"fieldName": "name"}]});
        let pairs = query_pairs(&nested);
        assert_eq!(pairs[0].0, ".r");
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&pairs[0].1)
            .unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&decoded).unwrap(), nested);
    }

    #[test]
    fn shapes_rename_both_ways_at_every_depth() {
        static INNER: Shape = Shape {
            fields: &[ShapeField::rename("_id", "id")],
        };
        static OUTER: Shape = Shape {
            fields: &[ShapeField::nested("items", "items", &INNER)],
        };
        let mut value = json!({"items": [{"_id": "1", "owner": "o"}], "_id": "top"});
        OUTER.to_rest(&mut value);
        assert_eq!(
            value,
            json!({"items": [{"id": "1", "owner": "o"}], "_id": "top"})
        );
        OUTER.to_sdk(&mut value);
        assert_eq!(
            value,
            json!({"items": [{"_id": "1", "owner": "o"}], "_id": "top"})
        );
    }

    #[test]
    fn field_masks_are_joined_for_rest_and_split_back() {
        static MASK: Shape = Shape {
            fields: &[ShapeField::field_mask("fieldMask", "fieldMask")],
        };
        let mut value = json!({"fieldMask": ["name", "price.amount"]});
        MASK.to_rest(&mut value);
        assert_eq!(value, json!({"fieldMask": "name,price.amount"}));
        MASK.to_sdk(&mut value);
        assert_eq!(value, json!({"fieldMask": ["name", "price.amount"]}));
        let mut answered = json!({"fieldMask": {"paths": ["a", "b"]}});
        MASK.to_sdk(&mut answered);
        assert_eq!(answered, json!({"fieldMask": ["a", "b"]}));
    }
}
