//! Struct and ONE-OF serde: generated types read and write JSON through a table of their
//! fields and JSON names (`wire_struct!`, `wire_one_of!`) and the helpers here, far less code to
//! compile than serde's derive with a flattened map for the fields the docs don't list.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// Serde for a generated struct, from a table of its fields and their JSON names: the JSON
/// object is read into a map, each documented field taken out of it by name, and what is left
/// is the struct's map of undocumented fields — the same behaviour as serde's derive with a
/// flattened map, for a fraction of the code (and of the compile time) the derive expands to.
///
/// `wire_struct!(Type, extra, field("jsonName"), other("other", timestamp::option),
/// @group choice(optional))`: the second argument names a serde helper module of the runtime's
/// (`timestamp`, `proto3`); a ONE-OF group is `optional` or `required`.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_struct {
    ($name:ident, $extra:ident
     $(, $field:ident($json:literal $(, $($with:ident)::+)?))*
     $(, @group $group:ident($presence:ident))* $(,)?) => {
        impl $crate::__rt::serde::Serialize for $name {
            fn serialize<S: $crate::__rt::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::__rt::fields::write(serializer, &self.$extra, |map| {
                    $($crate::wire_struct!(@put map, self.$field, $json $(, $($with)::+)?)?;)*
                    $($crate::__rt::fields::put_group(map, &self.$group)?;)*
                    ::std::result::Result::Ok(())
                })
            }
        }

        impl<'de> $crate::__rt::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__rt::fields::read(deserializer, |map| {
                    ::std::result::Result::Ok(Self {
                        $($field: $crate::wire_struct!(@take map, $json $(, $($with)::+)?)?,)*
                        $($group: $crate::__rt::fields::$presence(map)?,)*
                        $extra: ::std::mem::take(map),
                    })
                })
            }
        }
    };
    (@put $map:ident, $value:expr, $json:literal) => {
        $crate::__rt::fields::put($map, $json, &$value)
    };
    (@put $map:ident, $value:expr, $json:literal, $($with:ident)::+) => {
        $crate::__rt::fields::put_value(
            $map,
            $json,
            $crate::__rt::$($with)::+::serialize(&$value, $crate::__rt::serde_json::value::Serializer),
        )
    };
    (@take $map:ident, $json:literal) => {
        $crate::__rt::fields::take($map, $json)
    };
    (@take $map:ident, $json:literal, $($with:ident)::+) => {
        $crate::__rt::fields::take_with($map, $json, $crate::__rt::$($with)::+::deserialize)
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
        impl $crate::__rt::fields::OneOfKeys for $name {
            const KEYS: &'static [&'static str] = &[$($json),+];
        }

        impl $crate::__rt::serde::Serialize for $name {
            fn serialize<S: $crate::__rt::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => $crate::__rt::fields::write_member(serializer, $json, value),)+
                }
            }
        }

        impl<'de> $crate::__rt::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__rt::fields::read_member(deserializer, <Self as $crate::__rt::fields::OneOfKeys>::KEYS, |key, value| match key {
                    $($json => $crate::__rt::fields::member($json, value).map(Self::$variant),)+
                    _ => ::std::result::Result::Err($crate::__rt::fields::unknown_member(key)),
                })
            }
        }
    };
}

/// The keys a ONE-OF group's members travel under; generated groups implement it.
pub trait OneOfKeys {
    /// The members' JSON keys, in the order the docs list them.
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

/// A serialized `value` under `key`, unless it is `null`; an error names the key.
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

/// The field `key` read with `read` (a `with` helper), as [`take`] does.
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

#[cfg(test)]
mod tests {
    use serde_json::json;

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
}
