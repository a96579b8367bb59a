//! Struct and ONE-OF serde: generated types read and write JSON through a table of their
//! fields and JSON names (`wire_struct!`, `wire_one_of!`) and the helpers here, far less code to
//! compile than serde's derive with a flattened map for the fields the docs don't list.

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::ser::{self, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// Serde for a generated struct, from a table of its fields and their JSON names. Reading
/// streams: each key of the JSON object is matched against the table and its value read straight
/// into the field (no map in between), and keys the table does not list go into the struct's
/// map of undocumented fields, as serde's derive with a flattened map would keep them, for a
/// fraction of the code (and of the compile time) the derive expands to. Writing streams the
/// fields in table order, then the undocumented ones.
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
                let mut map = $crate::__rt::fields::Writer::new(serializer, &self.$extra)?;
                $($crate::wire_struct!(@put map, self.$field, $json $(, $($with)::+)?)?;)*
                $(map.group(&self.$group)?;)*
                map.end()
            }
        }

        impl<'de> $crate::__rt::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__rt::fields::read(deserializer)
            }
        }

        impl $crate::__rt::fields::ReadFields for $name {
            fn read_fields<'de, A: $crate::__rt::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                $(let mut $field = ::std::option::Option::None;)*
                $(let mut $group = ::std::option::Option::None;)*
                let mut extra = $crate::JsonObject::new();
                while let ::std::option::Option::Some(key) =
                    map.next_key::<$crate::__rt::fields::Key<'de>>()?
                {
                    match key.as_str() {
                        $($json => $crate::wire_struct!(@slot map, $field, $json $(, $($with)::+)?)?,)*
                        _ => {
                            $(if $crate::__rt::fields::member(&mut map, &mut $group, key.as_str())? {
                                continue;
                            })*
                            $crate::__rt::fields::keep(&mut map, &mut extra, key)?
                        }
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($field: $crate::wire_struct!(@finish $field, $json $(, $($with)::+)?)?,)*
                    $($group: $crate::__rt::fields::$presence($group, &mut extra)?,)*
                    $extra: extra,
                })
            }
        }
    };
    (@put $map:ident, $value:expr, $json:literal) => {
        $map.field($json, &$value)
    };
    (@put $map:ident, $value:expr, $json:literal, $($with:ident)::+) => {
        $map.field($json, &$crate::__rt::fields::Formed::<$crate::__rt::$($with)::+::Form, _>::new(&$value))
    };
    (@slot $map:ident, $field:ident, $json:literal) => {
        $crate::__rt::fields::slot(&mut $map, &mut $field, $json)
    };
    (@slot $map:ident, $field:ident, $json:literal, $($with:ident)::+) => {
        $crate::__rt::fields::slot_formed::<_, _, $crate::__rt::$($with)::+::Form>(&mut $map, &mut $field, $json)
    };
    (@finish $field:ident, $json:literal) => {
        $crate::__rt::fields::finish($field, $json)
    };
    (@finish $field:ident, $json:literal, $($with:ident)::+) => {
        $crate::__rt::fields::finish_formed::<_, _, $crate::__rt::$($with)::+::Form>($field, $json)
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
        impl $crate::__rt::fields::OneOf for $name {
            const KEYS: &'static [&'static str] = &[$($json),+];

            fn read_member<'de, A: $crate::__rt::serde::de::MapAccess<'de>>(
                map: &mut A,
                key: &str,
            ) -> ::std::result::Result<::std::option::Option<Self>, A::Error> {
                match key {
                    $($json => $crate::__rt::fields::member_value(map, $json).map(|value| ::std::option::Option::Some(Self::$variant(value))),)+
                    _ => ::std::result::Result::Ok(::std::option::Option::None),
                }
            }

            fn write_member<M: $crate::__rt::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> ::std::result::Result<&'static str, M::Error> {
                match self {
                    $(Self::$variant(value) => map.serialize_entry($json, value).map(|()| $json),)+
                }
            }
        }

        impl $crate::__rt::serde::Serialize for $name {
            fn serialize<S: $crate::__rt::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::__rt::fields::write_one_of(serializer, self)
            }
        }

        impl<'de> $crate::__rt::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__rt::fields::read_one_of(deserializer)
            }
        }
    };
}

/// A ONE-OF group's enum, each variant one member travelling under its own key of the parent's
/// object; `wire_one_of!` implements it.
pub trait OneOf: Sized {
    /// The members' JSON keys, in the order the docs list them.
    const KEYS: &'static [&'static str];
    /// The member under `key`, its value read from `map`; `None` (and nothing read) when `key`
    /// is not one of the group's.
    fn read_member<'de, A: MapAccess<'de>>(
        map: &mut A,
        key: &str,
    ) -> Result<Option<Self>, A::Error>;
    /// The member as one entry of `map`; returns its key.
    fn write_member<M: SerializeMap>(&self, map: &mut M) -> Result<&'static str, M::Error>;
}

/// A generated struct's fields read from a JSON object, one key at a time; `wire_struct!`
/// implements it, and [`read`] drives it.
pub trait ReadFields: Sized {
    /// The struct from the object's entries.
    fn read_fields<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// A generated struct read from a JSON object by its [`ReadFields`].
#[inline]
pub fn read<'de, D: Deserializer<'de>, T: ReadFields>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(FieldsVisitor(PhantomData))
}

struct FieldsVisitor<T>(PhantomData<T>);

impl<'de, T: ReadFields> Visitor<'de> for FieldsVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // What the map these structs were once read through said.
        f.write_str("a map")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_fields(map)
    }
}

/// An object's key: borrowed from the JSON text when it can be, owned when it is escaped or
/// comes from a JSON tree, so that an undocumented key is allocated at most once.
pub enum Key<'de> {
    /// A key borrowed from the input.
    Borrowed(&'de str),
    /// A key the input could not lend.
    Owned(String),
}

impl Key<'_> {
    /// The key's text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    /// The key as an owned string, allocated only if it was borrowed.
    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(key))
    }

    fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key.to_owned()))
    }

    fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key))
    }
}

/// The value of the documented field `key`, read into its `slot` (a repeated key keeps the
/// last value, as a JSON map does).
#[inline]
pub fn slot<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &str,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value().map_err(|e| at(key, e))?);
    Ok(())
}

/// The same for a field in one of the runtime's wire forms (timestamps, proto3 numbers, field
/// masks), read straight from the input by the form.
#[inline]
pub fn slot_formed<'de, A: MapAccess<'de>, T, F: WireForm<T>>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &str,
) -> Result<(), A::Error> {
    let value: Read<T, F> = map.next_value().map_err(|e| at(key, e))?;
    *slot = Some(value.0);
    Ok(())
}

/// A field in a wire form other than serde's own: one of the runtime's serde helper modules
/// (`timestamp::option`, `proto3::vec`, …) as a type, so that a generated table can read and
/// write the field through it without a JSON tree in between.
pub trait WireForm<T> {
    /// The value read from its wire form.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
    /// The value written in its wire form.
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// [`WireForm`] for a helper module's `serialize` and `deserialize`, as its `Form`.
macro_rules! wire_form {
    ($ty:ty $(where $generic:ident: $bound:path)?) => {
        /// This module's wire form, for the tables of generated types.
        pub struct Form;

        impl$(<$generic: $bound>)? $crate::wire::fields::WireForm<$ty> for Form {
            #[inline]
            fn read<'de, D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<$ty, D::Error> {
                deserialize(deserializer)
            }

            #[inline]
            fn write<S: ::serde::Serializer>(
                value: &$ty,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serialize(value, serializer)
            }
        }
    };
}
pub(crate) use wire_form;

/// A value read through its wire form.
struct Read<T, F>(T, PhantomData<F>);

impl<'de, T, F: WireForm<T>> Deserialize<'de> for Read<T, F> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        F::read(deserializer).map(|value| Read(value, PhantomData))
    }
}

/// A value written through its wire form `F`.
pub struct Formed<'a, F, T>(&'a T, PhantomData<F>);

impl<'a, F: WireForm<T>, T> Formed<'a, F, T> {
    /// The value, to be written in the form `F`.
    #[inline]
    pub fn new(value: &'a T) -> Self {
        Formed(value, PhantomData)
    }
}

impl<F: WireForm<T>, T> Serialize for Formed<'_, F, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::write(self.0, serializer)
    }
}

/// An undocumented key and its value, kept in the struct's map of them.
#[inline]
pub fn keep<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Map<String, Value>,
    key: Key<'de>,
) -> Result<(), A::Error> {
    let value = map.next_value()?;
    extra.insert(key.into_owned(), value);
    Ok(())
}

/// The field `key` once the object is read: an absent one reads as null (so an `Option` is
/// `None` and anything else is missing).
#[inline]
pub fn finish<'de, T: Deserialize<'de>, E: de::Error>(slot: Option<T>, key: &str) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Value::Null).map_err(|_| missing(key)),
    }
}

/// The same for a field in a wire form: an absent one reads as the form reads `null`.
#[inline]
pub fn finish_formed<T, E: de::Error, F: WireForm<T>>(slot: Option<T>, key: &str) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => F::read(Value::Null).map_err(|_| missing(key)),
    }
}

fn missing<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("missing field `{key}`"))
}

/// A generated struct being written as a JSON object: its fields in table order, leaving out
/// those that are absent (`null`), then its undocumented fields whose keys no field took.
pub struct Writer<'a, M> {
    map: M,
    extra: &'a Map<String, Value>,
    /// The keys written, kept only when there are undocumented fields to check against them.
    written: Vec<&'static str>,
}

impl<'a, M: SerializeMap> Writer<'a, M> {
    /// Starts the object.
    #[inline]
    pub fn new<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
        extra: &'a Map<String, Value>,
    ) -> Result<Self, M::Error> {
        Ok(Writer {
            map: serializer.serialize_map(None)?,
            extra,
            written: Vec::new(),
        })
    }

    /// The field `key`, unless it is absent (`None` serializes as null, which is left out).
    #[inline]
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        if is_null(value) {
            return Ok(());
        }
        self.note(key);
        self.map.serialize_entry(key, value)
    }

    /// A ONE-OF group's member, as its own key of the parent's object.
    #[inline]
    pub fn group<G: Group>(&mut self, group: &G) -> Result<(), M::Error> {
        if let Some(member) = group.member() {
            let key = member.write_member(&mut self.map)?;
            self.note(key);
        }
        Ok(())
    }

    /// The undocumented fields, then the end of the object.
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        for (key, value) in self.extra {
            if !self.written.contains(&key.as_str()) {
                self.map.serialize_entry(key, value)?;
            }
        }
        self.map.end()
    }

    fn note(&mut self, key: &'static str) {
        if !self.extra.is_empty() {
            self.written.push(key);
        }
    }
}

/// Whether `value` serializes as JSON `null`, found without serializing anything else: the
/// probe stops at the first thing that is not null.
fn is_null<T: Serialize + ?Sized>(value: &T) -> bool {
    value.serialize(NullProbe).is_ok()
}

/// A serializer that succeeds only for `null` (`None`, unit, or `Some` of something null).
struct NullProbe;

#[derive(Debug)]
struct NotNull;

impl fmt::Display for NotNull {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not null")
    }
}

impl std::error::Error for NotNull {}

impl ser::Error for NotNull {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotNull
    }
}

macro_rules! not_null {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, NotNull> { Err(NotNull) })*
    };
}

impl Serializer for NullProbe {
    type Ok = ();
    type Error = NotNull;
    type SerializeSeq = ser::Impossible<(), NotNull>;
    type SerializeTuple = ser::Impossible<(), NotNull>;
    type SerializeTupleStruct = ser::Impossible<(), NotNull>;
    type SerializeTupleVariant = ser::Impossible<(), NotNull>;
    type SerializeMap = ser::Impossible<(), NotNull>;
    type SerializeStruct = ser::Impossible<(), NotNull>;
    type SerializeStructVariant = ser::Impossible<(), NotNull>;

    fn serialize_none(self) -> Result<(), NotNull> {
        Ok(())
    }
    fn serialize_unit(self) -> Result<(), NotNull> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), NotNull> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotNull> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotNull> {
        Err(NotNull)
    }
    not_null! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// A ONE-OF group field of a struct: required (the group) or optional (`Option` of it).
pub trait Group {
    /// The group's enum.
    type OneOf: OneOf;
    /// The member set, if any.
    fn member(&self) -> Option<&Self::OneOf>;
}

impl<G: OneOf> Group for G {
    type OneOf = G;
    #[inline]
    fn member(&self) -> Option<&G> {
        Some(self)
    }
}

impl<G: OneOf> Group for Option<G> {
    type OneOf = G;
    #[inline]
    fn member(&self) -> Option<&G> {
        self.as_ref()
    }
}

/// A ONE-OF member as its own object: `{key: value}`.
pub fn write_one_of<S: Serializer, G: OneOf>(serializer: S, group: &G) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    group.write_member(&mut map)?;
    map.end()
}

/// A ONE-OF group from an object with exactly one key, one of the group's.
pub fn read_one_of<'de, D: Deserializer<'de>, G: OneOf>(deserializer: D) -> Result<G, D::Error> {
    read(deserializer).map(|Only(member)| member)
}

/// A group read on its own, as the only entry of its object.
struct Only<G>(G);

impl<G: OneOf> ReadFields for Only<G> {
    fn read_fields<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let one = || de::Error::custom(format_args!("expected exactly one of {}", listed(G::KEYS)));
        let Some(key) = map.next_key::<Key<'de>>()? else {
            return Err(one());
        };
        let Some(member) = G::read_member(&mut map, key.as_str())? else {
            return Err(de::Error::custom(format_args!(
                "`{}` is not a member of this group",
                key.as_str()
            )));
        };
        match map.next_key::<de::IgnoredAny>()? {
            None => Ok(Only(member)),
            Some(_) => Err(one()),
        }
    }
}

/// A ONE-OF member's value, read under its `key`.
#[inline]
pub fn member_value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    key: &str,
) -> Result<T, A::Error> {
    map.next_value().map_err(|e| at(key, e))
}

/// A key of a struct's object that may be a member of its ONE-OF group `slot`: read into the
/// slot if it is one and the group has no member yet. A further member (the docs allow one) is
/// left to the undocumented fields, as it is, and [`optional`] settles which one the group keeps.
#[inline]
pub fn member<'de, A: MapAccess<'de>, G: OneOf>(
    map: &mut A,
    slot: &mut Option<G>,
    key: &str,
) -> Result<bool, A::Error> {
    if slot.is_some() {
        return Ok(false);
    }
    *slot = G::read_member(map, key)?;
    Ok(slot.is_some())
}

fn listed(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An optional ONE-OF group once the object is read. Should the object have held more than one
/// member, the group keeps the one its docs list first, whatever order the object had them in
/// (a JSON tree's is not the text's), and the others stay with the undocumented fields: only
/// then is anything looked up, and only the kept member is read from a tree.
#[inline]
pub fn optional<G: OneOf + Serialize + DeserializeOwned, E: de::Error>(
    slot: Option<G>,
    extra: &mut Map<String, Value>,
) -> Result<Option<G>, E> {
    let Some(held) = slot else {
        return Ok(None);
    };
    if extra.is_empty() {
        return Ok(Some(held));
    }
    let Some(first) = G::KEYS.iter().find(|key| extra.contains_key(**key)) else {
        return Ok(Some(held));
    };
    let rank = |key: &str| G::KEYS.iter().position(|k| *k == key);
    let Value::Object(held_entry) = serde_json::to_value(&held).map_err(E::custom)? else {
        return Ok(Some(held));
    };
    if held_entry.keys().all(|key| rank(key) < rank(first)) {
        return Ok(Some(held));
    }
    let value = extra.remove(*first).unwrap_or(Value::Null);
    let kept = G::deserialize(Value::Object(Map::from_iter([(first.to_string(), value)])))
        .map_err(E::custom)?;
    extra.extend(held_entry);
    Ok(Some(kept))
}

/// A required ONE-OF group once the object is read: one of its members must have been present.
#[inline]
pub fn required<G: OneOf + Serialize + DeserializeOwned, E: de::Error>(
    slot: Option<G>,
    extra: &mut Map<String, Value>,
) -> Result<G, E> {
    optional(slot, extra)?
        .ok_or_else(|| E::custom(format_args!("none of {} is present", listed(G::KEYS))))
}

/// The error with the field's name in front: nested fields read as a path
/// (`at referredFriend.createdDate: …`).
fn at<E: de::Error>(key: &str, error: impl fmt::Display) -> E {
    E::custom(at_text(key, error))
}

fn at_text(key: &str, error: impl fmt::Display) -> String {
    let text = error.to_string();
    // serde_json ends a message read from text with the position; the outermost object puts
    // it back once.
    let text = without_position(&text);
    match text.strip_prefix("at `") {
        Some(rest) => format!("at `{key}.{rest}"),
        None => format!("at `{key}`: {text}"),
    }
}

/// `text` without serde_json's ` at line N column M` at its end.
fn without_position(text: &str) -> &str {
    let Some((head, tail)) = text.rsplit_once(" at line ") else {
        return text;
    };
    let position = tail.split_once(" column ");
    match position {
        Some((line, column))
            if !line.is_empty()
                && !column.is_empty()
                && line
                    .bytes()
                    .chain(column.bytes())
                    .all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => text,
    }
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
    fn a_second_member_is_kept_as_an_unknown_field_whatever_the_order() {
        // The member the docs list first is the group's, in whatever order the object has
        // them; the other stays with the undocumented fields, and both go back out, the
        // group's key not twice.
        let text = r#"{"phone":[1],"email":"e","name":"n"}"#;
        let contact: Contact = serde_json::from_str(text).unwrap();
        assert_eq!(contact.reach, Some(Reach::Email("e".into())));
        assert_eq!(contact.extra.get("phone"), Some(&json!([1])));
        assert_eq!(contact.extra.len(), 1);
        let mut written = contact.clone();
        written.extra.insert("email".into(), json!("stale"));
        assert_eq!(
            serde_json::to_string(&written).unwrap(),
            r#"{"name":"n","email":"e","phone":[1]}"#
        );
        let reversed: Contact =
            serde_json::from_str(r#"{"email":"e","phone":[1],"name":"n"}"#).unwrap();
        assert_eq!(reversed, contact);
        // A member the group does not keep is not read: what it holds is kept as it came.
        let odd: Contact = serde_json::from_str(r#"{"email":"e","phone":"not a list"}"#).unwrap();
        assert_eq!(odd.reach, Some(Reach::Email("e".into())));
        assert_eq!(odd.extra.get("phone"), Some(&json!("not a list")));
        // Read from a tree, the same.
        let tree: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::from_value::<Contact>(tree).unwrap(), contact);
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

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Visit {
        at: Option<crate::Timestamp>,
        rooms: Vec<String>,
        note: Option<crate::Json>,
        extra: crate::JsonObject,
    }
    crate::wire_struct!(
        Visit,
        extra,
        at("at", timestamp::option),
        rooms("rooms"),
        note("note")
    );

    #[test]
    fn fields_are_read_in_place_and_unknown_keys_kept_from_text_and_tree_alike() {
        let text = r#"{"rooms":["a"],"at":"2025-01-01T10:00:00Z","mood":{"x":1},"esc\u0061ped":2}"#;
        let from_text: Visit = serde_json::from_str(text).unwrap();
        let tree: serde_json::Value = serde_json::from_str(text).unwrap();
        let from_tree: Visit = serde_json::from_value(tree.clone()).unwrap();
        assert_eq!(from_text, from_tree);
        assert_eq!(from_text.rooms, ["a"]);
        assert_eq!(from_text.extra["mood"], json!({"x": 1}));
        assert_eq!(from_text.extra["escaped"], 2);
        assert_eq!(
            serde_json::to_value(&from_text).unwrap()["at"],
            "2025-01-01T10:00:00.000Z"
        );
        // A repeated key keeps its last value, as a JSON map does.
        let twice: Visit = serde_json::from_str(r#"{"rooms":["a"],"rooms":["b"]}"#).unwrap();
        assert_eq!(twice.rooms, ["b"]);
    }

    #[test]
    fn an_absent_field_that_is_not_optional_is_missing() {
        let error = serde_json::from_value::<Visit>(json!({})).unwrap_err();
        assert_eq!(error.to_string(), "missing field `rooms`");
        let error = serde_json::from_value::<Visit>(json!([])).unwrap_err();
        assert_eq!(error.to_string(), "invalid type: sequence, expected a map");
    }

    #[test]
    fn errors_name_the_path_once_and_the_position_once() {
        let text = r#"{"reach":null,"phone":[1],"name":{"a":1}}"#;
        let error = serde_json::from_str::<Contact>(text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "at `name`: invalid type: map, expected a string at line 1 column 33"
        );
        let nested = r#"{"rooms":[],"note":1,"at":"soon"}"#;
        let error = serde_json::from_str::<Visit>(nested).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("at `at`: `soon` is not an RFC 3339"),
            "{error}"
        );
        assert_eq!(super::without_position("x at line 3 column 12"), "x");
        assert_eq!(
            super::without_position("x at line three"),
            "x at line three"
        );
    }

    #[test]
    fn absent_fields_are_left_out_and_documented_keys_win_over_unknown_ones() {
        let mut visit = Visit {
            note: Some(json!(null)),
            ..Visit::default()
        };
        assert_eq!(serde_json::to_value(&visit).unwrap(), json!({"rooms": []}));
        visit.extra.insert("rooms".into(), json!("stale"));
        visit.extra.insert("kept".into(), json!(1));
        assert_eq!(
            serde_json::to_string(&visit).unwrap(),
            r#"{"rooms":[],"kept":1}"#
        );
        assert!(super::is_null(&Some(None::<u8>)));
        assert!(!super::is_null(&Some(vec![0u8])));
    }
}
