//! Struct and ONE-OF serde: generated types read and write JSON through a table of their
//! fields and JSON names (`wire_struct!`, `wire_one_of!`) and the helpers here, far less code to
//! compile than serde's derive with a flattened map for the fields the docs don't list.
//!
//! Every generated struct is read by the one [`Table`] visitor: what a struct's macro expands
//! to is its keys, a `match` on them and one call per field, so that the bindings' compile time
//! grows with the fields, not with a visitor per struct.

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::ser::{self, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

use super::unlisted::Unlisted;

/// Serde for a generated struct, from a table of its fields and their JSON names. Reading
/// streams: each key of the JSON object is matched against the table and its value read straight
/// into the field (no map in between), and keys the table does not list go into the struct's
/// map of undocumented fields, as serde's derive with a flattened map would keep them, for a
/// fraction of the code (and of the compile time) the derive expands to. Writing streams the
/// fields in table order, then the undocumented ones.
///
/// `wire_struct!(Type, extra, field("jsonName"), other("other", timestamp::option),
/// @group choice(optional))`: the second argument names a serde helper module of the runtime's
/// (`timestamp`, `proto3`); a ONE-OF group is `optional` or `required`, as its field's type
/// (`Option` or not) also says.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_struct {
    ($name:ident, $extra:ident
     $(, $field:ident($json:literal $(, $($with:ident)::+)?))* $(,)?) => {
        $crate::wire_struct!(@impl $name, $extra, [$($field($json $(, $($with)::+)?)),*], []);
    };
    ($name:ident, $extra:ident
     $(, $field:ident($json:literal $(, $($with:ident)::+)?))*
     $(, @group $group:ident($presence:ident))+ $(,)?) => {
        $crate::wire_struct!(@impl $name, $extra, [$($field($json $(, $($with)::+)?)),*], [$($group),+]);
    };
    (@impl $name:ident, $extra:ident,
     [$($field:ident($json:literal $(, $($with:ident)::+)?)),*], [$($group:ident),*]) => {
        impl $crate::__rt::serde::Serialize for $name {
            fn serialize<S: $crate::__rt::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let mut map = $crate::__rt::fields::Writer::new(serializer, &self.$extra)?;
                $($crate::wire_struct!(@put map, self.$field, $json $(, $($with)::+)?);)*
                $(map.group(&self.$group);)*
                map.end()
            }
        }

        impl<'de> $crate::__rt::serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: $crate::__rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__rt::fields::read_table(deserializer)
            }
        }

        impl $crate::__rt::fields::Blank for $name {
            #[inline]
            fn blank() -> Self {
                Self {
                    $($field: $crate::__rt::fields::Blank::blank(),)*
                    $($group: $crate::__rt::fields::Blank::blank(),)*
                    $extra: $crate::__rt::Unlisted::new(),
                }
            }
        }

        // The fields' positions in `KEYS`, as constants a `match` can take.
        const _: () = {
            #[allow(non_camel_case_types, dead_code)]
            enum Index { $($field,)* }
            #[allow(non_upper_case_globals)]
            struct At;
            #[allow(non_upper_case_globals)]
            impl At { $(const $field: usize = Index::$field as usize;)* }

            impl $crate::__rt::fields::Table for $name {
                const KEYS: &'static [&'static str] = &[$($json),*];

                #[inline]
                fn read_key<'de, A: $crate::__rt::serde::de::MapAccess<'de>>(
                    &mut self,
                    key: &str,
                    map: &mut A,
                    seen: &mut $crate::__rt::fields::Seen,
                ) -> ::std::result::Result<bool, A::Error> {
                    match key {
                        $($json => {
                            seen.insert(At::$field);
                            $crate::wire_struct!(@read map, self.$field, $json $(, $($with)::+)?)
                                .map(|()| true)
                        })*
                        _ => ::std::result::Result::Ok(false),
                    }
                }

                #[inline]
                fn fill_absent<E: $crate::__rt::serde::de::Error>(
                    &mut self,
                    seen: &$crate::__rt::fields::Seen,
                ) -> ::std::result::Result<(), E> {
                    $(if !seen.contains(At::$field) {
                        $crate::wire_struct!(@absent self.$field, $json $(, $($with)::+)?)?;
                    })*
                    ::std::result::Result::Ok(())
                }

                $crate::wire_struct!(@groups $extra, $($group),*);

                #[inline]
                fn extra(&mut self) -> &mut $crate::__rt::Unlisted {
                    &mut self.$extra
                }
            }
        };
    };
    (@groups $extra:ident, ) => {};
    (@groups $extra:ident, $($group:ident),+) => {
        fn read_member<'de, A: $crate::__rt::serde::de::MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> ::std::result::Result<$crate::__rt::fields::Streamed, A::Error> {
            let mut streamed = $crate::__rt::fields::Streamed::Other;
            $(match $crate::__rt::fields::Group::stream(&mut self.$group, key, map)? {
                $crate::__rt::fields::Streamed::Read => {
                    return ::std::result::Result::Ok($crate::__rt::fields::Streamed::Read);
                }
                $crate::__rt::fields::Streamed::Member => {
                    streamed = $crate::__rt::fields::Streamed::Member;
                }
                $crate::__rt::fields::Streamed::Other => {}
            })+
            ::std::result::Result::Ok(streamed)
        }

        fn settle<E: $crate::__rt::serde::de::Error>(
            &mut self,
            members_kept: bool,
        ) -> ::std::result::Result<(), E> {
            $($crate::__rt::fields::Group::settle(&mut self.$group, &mut self.$extra, members_kept)?;)+
            ::std::result::Result::Ok(())
        }
    };
    (@put $map:ident, $value:expr, $json:literal) => {
        $map.field($json, &$value)
    };
    (@put $map:ident, $value:expr, $json:literal, $($with:ident)::+) => {
        $map.field($json, &$crate::__rt::fields::Formed::<$crate::__rt::$($with)::+::Form, _>::new(&$value))
    };
    (@read $map:ident, $slot:expr, $json:literal) => {
        $crate::__rt::fields::read_entry($map, &mut $slot, $json)
    };
    (@read $map:ident, $slot:expr, $json:literal, $($with:ident)::+) => {
        $crate::__rt::fields::read_formed_entry::<_, _, $crate::__rt::$($with)::+::Form>($map, &mut $slot, $json)
    };
    (@absent $slot:expr, $json:literal) => {
        $crate::__rt::fields::absent(&mut $slot, $json)
    };
    (@absent $slot:expr, $json:literal, $($with:ident)::+) => {
        $crate::__rt::fields::absent_formed::<_, _, $crate::__rt::$($with)::+::Form>(&mut $slot, $json)
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

        impl $crate::__rt::fields::Blank for $name {
            #[inline]
            fn blank() -> Self {
                $crate::wire_one_of!(@first $($variant),+)
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
            #[inline]
            fn deserialize<D: $crate::__rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__rt::fields::read_one_of(deserializer)
            }
        }
    };
    (@first $first:ident $(, $rest:ident)*) => {
        Self::$first($crate::__rt::fields::Blank::blank())
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

/// The value a struct's field holds before the object is read, overwritten by what the object
/// has: nothing for an `Option`, empty for a list or a map, the first member for a ONE-OF
/// group. A field that is neither optional nor present fails as missing, so a blank value is
/// never returned for it.
pub trait Blank {
    /// Whether the field may be absent (an `Option`).
    const OPTIONAL: bool = false;
    /// The value.
    fn blank() -> Self;
}

impl<T> Blank for Option<T> {
    const OPTIONAL: bool = true;
    #[inline]
    fn blank() -> Self {
        None
    }
}

impl<T> Blank for Vec<T> {
    #[inline]
    fn blank() -> Self {
        Vec::new()
    }
}

impl<T: Blank> Blank for Box<T> {
    #[inline]
    fn blank() -> Self {
        Box::new(T::blank())
    }
}

macro_rules! blank_by_default {
    ($($ty:ty),*) => {
        $(impl Blank for $ty {
            #[inline]
            fn blank() -> Self {
                <$ty>::default()
            }
        })*
    };
}
blank_by_default!(String, bool, i32, i64, u32, u64, f32, f64, Value, Map<String, Value>, crate::Timestamp);

/// A generated struct's fields, by their position in its table; `wire_struct!` implements it,
/// and [`read_table`] reads every struct through it.
pub trait Table: Blank + Sized {
    /// The fields' JSON keys, in the order the docs list them.
    const KEYS: &'static [&'static str];
    /// The field under `key`, read from the value of the entry whose key `map` has just read
    /// and noted in `seen`; `false` (and nothing read) when no field has that key. One `match`
    /// on the keys, as serde's derive has, which the compiler turns into comparisons of lengths
    /// and words, each arm reading its field.
    fn read_key<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
        seen: &mut Seen,
    ) -> Result<bool, A::Error>;
    /// The fields the object did not have (not in `seen`): nothing for an `Option`, what `null`
    /// reads as for anything else (so that a list is missing). One test per field that is not
    /// optional, as serde's derive has, rather than a loop over all of them.
    fn fill_absent<E: de::Error>(&mut self, seen: &Seen) -> Result<(), E>;
    /// A key no field has: read into a ONE-OF group if it is one of a group's members and the
    /// group is open.
    #[inline]
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        _key: &str,
        _map: &mut A,
    ) -> Result<Streamed, A::Error> {
        Ok(Streamed::Other)
    }
    /// The ONE-OF groups once the whole object is read; `members_kept` when a member a group
    /// could not take went to the undocumented fields.
    #[inline]
    fn settle<E: de::Error>(&mut self, _members_kept: bool) -> Result<(), E> {
        Ok(())
    }
    /// The struct's undocumented fields.
    fn extra(&mut self) -> &mut Unlisted;
}

/// The field `key` into `slot`, from the value of the entry whose key `map` has just read.
#[doc(hidden)]
#[inline]
pub fn read_entry<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
    key: &str,
) -> Result<(), A::Error> {
    *slot = map.next_value().map_err(|e| at(key, e))?;
    Ok(())
}

/// The same for a field in one of the runtime's wire forms (timestamps, proto3 numbers, field
/// masks), read straight from the input by the form.
#[doc(hidden)]
#[inline]
pub fn read_formed_entry<'de, A: MapAccess<'de>, T, F: WireForm<T>>(
    map: &mut A,
    slot: &mut T,
    key: &str,
) -> Result<(), A::Error> {
    let value: Read<T, F> = map.next_value().map_err(|e| at(key, e))?;
    *slot = value.0;
    Ok(())
}

/// The field `key`, absent from the object: left blank if optional, else what `null` reads as.
#[doc(hidden)]
#[inline]
pub fn absent<'de, T: Deserialize<'de> + Blank, E: de::Error>(
    slot: &mut T,
    key: &str,
) -> Result<(), E> {
    if !T::OPTIONAL {
        *slot = T::deserialize(Value::Null).map_err(|_| missing(key))?;
    }
    Ok(())
}

/// The same for a field in one of the runtime's wire forms.
#[doc(hidden)]
#[inline]
pub fn absent_formed<T: Blank, E: de::Error, F: WireForm<T>>(
    slot: &mut T,
    key: &str,
) -> Result<(), E> {
    if !T::OPTIONAL {
        *slot = F::read(Value::Null).map_err(|_| missing(key))?;
    }
    Ok(())
}

/// A generated struct read from a JSON object through its [`Table`].
#[inline]
pub fn read_table<'de, D: Deserializer<'de>, T: Table>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(TableVisitor(PhantomData))
}

struct TableVisitor<T>(PhantomData<T>);

impl<'de, T: Table> Visitor<'de> for TableVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // What the map these structs were once read through said.
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::blank();
        let mut seen = Seen::new(T::KEYS.len());
        let mut members_kept = false;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if value.read_key(key.as_str(), &mut map, &mut seen)? {
                continue;
            }
            match value.read_member(key.as_str(), &mut map)? {
                Streamed::Read => continue,
                Streamed::Member => members_kept = true,
                Streamed::Other => {}
            }
            value.extra().read(&mut map, key)?;
        }
        value.fill_absent(&seen)?;
        value.settle(members_kept)?;
        Ok(value)
    }
}

/// The fields an object had: bits for the first 128, a list beyond.
#[doc(hidden)]
pub struct Seen {
    bits: u128,
    more: Vec<bool>,
}

impl Seen {
    #[inline]
    fn new(fields: usize) -> Self {
        Seen {
            bits: 0,
            more: vec![false; fields.saturating_sub(128)],
        }
    }

    /// Notes the field at `index`.
    #[inline]
    pub fn insert(&mut self, index: usize) {
        match index.checked_sub(128) {
            None => self.bits |= 1 << index,
            Some(beyond) => self.more[beyond] = true,
        }
    }

    /// Whether the object had the field at `index`.
    #[inline]
    pub fn contains(&self, index: usize) -> bool {
        match index.checked_sub(128) {
            None => self.bits & (1 << index) != 0,
            Some(beyond) => self.more[beyond],
        }
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

fn missing<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("missing field `{key}`"))
}

/// A generated struct being written as a JSON object: its fields in table order, leaving out
/// those that are absent (`null`), then its undocumented fields whose keys no field took. The
/// first error is kept and returned by [`end`](Writer::end), so that a struct's `serialize` is
/// one call per field.
pub struct Writer<'a, M: SerializeMap> {
    map: M,
    extra: &'a Unlisted,
    /// The keys written, kept only when there are undocumented fields to check against them.
    written: Vec<&'static str>,
    error: Option<M::Error>,
}

impl<'a, M: SerializeMap> Writer<'a, M> {
    /// Starts the object.
    #[inline]
    pub fn new<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
        extra: &'a Unlisted,
    ) -> Result<Self, M::Error> {
        Ok(Writer {
            map: serializer.serialize_map(None)?,
            extra,
            written: Vec::new(),
            error: None,
        })
    }

    /// The field `key`, unless it is absent (`None` serializes as null, which is left out).
    #[inline]
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_some() || is_null(value) {
            return;
        }
        self.note(key);
        if let Err(error) = self.map.serialize_entry(key, value) {
            self.error = Some(error);
        }
    }

    /// A ONE-OF group's member, as its own key of the parent's object.
    #[inline]
    pub fn group<G: Group>(&mut self, group: &G) {
        let Some(member) = group.member() else {
            return;
        };
        if self.error.is_some() {
            return;
        }
        match member.write_member(&mut self.map) {
            Ok(key) => self.note(key),
            Err(error) => self.error = Some(error),
        }
    }

    /// The undocumented fields, then the end of the object; or the first error.
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        for (key, value) in self.extra.get() {
            if !self.written.contains(&key.as_str()) {
                self.map.serialize_entry(key, value)?;
            }
        }
        self.map.end()
    }

    #[inline]
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

/// What a ONE-OF group made of a key its parent's fields don't have.
#[doc(hidden)]
pub enum Streamed {
    /// A member, read into the group.
    Read,
    /// A member the group could not take (it has one): left to the undocumented fields.
    Member,
    /// Not a member.
    Other,
}

/// A ONE-OF group field of a struct: required (the group) or optional (`Option` of it).
pub trait Group {
    /// The group's enum.
    type OneOf: OneOf;
    /// The member set, if any.
    fn member(&self) -> Option<&Self::OneOf>;
    /// A key of the parent's object that may be one of the group's members, read into the
    /// group if it is one and the group is still open. A further member (the docs allow one)
    /// is left to the undocumented fields, as it is, for [`settle`](Group::settle).
    fn stream<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Streamed, A::Error>;
    /// The group once the parent's object is read, from what was streamed and the members left
    /// among the undocumented fields (`members_kept`: there may be some).
    fn settle<E: de::Error>(&mut self, extra: &mut Unlisted, members_kept: bool) -> Result<(), E>;
}

/// A required group reads nothing while its parent streams (a blank group cannot tell whether
/// it was set): its members wait among the undocumented fields, and the first the docs list is
/// taken when the object ends.
impl<G: OneOf + Serialize + DeserializeOwned> Group for G {
    type OneOf = G;
    #[inline]
    fn member(&self) -> Option<&G> {
        Some(self)
    }
    #[inline]
    fn stream<'de, A: MapAccess<'de>>(&mut self, _: &str, _: &mut A) -> Result<Streamed, A::Error> {
        Ok(Streamed::Other)
    }
    #[inline]
    fn settle<E: de::Error>(&mut self, extra: &mut Unlisted, _: bool) -> Result<(), E> {
        *self = required(extra)?;
        Ok(())
    }
}

impl<G: OneOf + Serialize + DeserializeOwned> Group for Option<G> {
    type OneOf = G;
    #[inline]
    fn member(&self) -> Option<&G> {
        self.as_ref()
    }
    #[inline]
    fn stream<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Streamed, A::Error> {
        if self.is_some() {
            return Ok(match G::KEYS.contains(&key) {
                true => Streamed::Member,
                false => Streamed::Other,
            });
        }
        *self = G::read_member(map, key)?;
        Ok(match self {
            Some(_) => Streamed::Read,
            None => Streamed::Other,
        })
    }
    #[inline]
    fn settle<E: de::Error>(&mut self, extra: &mut Unlisted, members_kept: bool) -> Result<(), E> {
        if members_kept {
            *self = optional(self.take(), extra)?;
        }
        Ok(())
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
    deserializer.deserialize_map(OnlyVisitor(PhantomData))
}

/// A group read on its own, as the only entry of its object.
struct OnlyVisitor<G>(PhantomData<G>);

impl<'de, G: OneOf> Visitor<'de> for OnlyVisitor<G> {
    type Value = G;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<G, A::Error> {
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
            None => Ok(member),
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
fn optional<G: OneOf + Serialize + DeserializeOwned, E: de::Error>(
    slot: Option<G>,
    extra: &mut Unlisted,
) -> Result<Option<G>, E> {
    let Some(held) = slot else {
        return Ok(None);
    };
    let Some(first) = first_member::<G>(extra) else {
        return Ok(Some(held));
    };
    let rank = |key: &str| G::KEYS.iter().position(|k| *k == key);
    let Value::Object(held_entry) = serde_json::to_value(&held).map_err(E::custom)? else {
        return Ok(Some(held));
    };
    if held_entry.keys().all(|key| rank(key) < rank(first)) {
        return Ok(Some(held));
    }
    let kept = take_member(extra, first)?;
    extra.get_mut().extend(held_entry);
    Ok(Some(kept))
}

/// A required ONE-OF group once the object is read: the member its docs list first of those
/// the object had, the others left with the undocumented fields.
fn required<G: OneOf + DeserializeOwned, E: de::Error>(extra: &mut Unlisted) -> Result<G, E> {
    let Some(first) = first_member::<G>(extra) else {
        return Err(E::custom(format_args!(
            "none of {} is present",
            listed(G::KEYS)
        )));
    };
    take_member(extra, first)
}

/// The key of the group's member the docs list first among the undocumented fields.
fn first_member<G: OneOf>(extra: &Unlisted) -> Option<&'static str> {
    if extra.is_empty() {
        return None;
    }
    G::KEYS.iter().copied().find(|key| extra.contains_key(key))
}

/// The member under `key`, taken out of the undocumented fields.
fn take_member<G: DeserializeOwned, E: de::Error>(extra: &mut Unlisted, key: &str) -> Result<G, E> {
    let value = extra.remove(key).unwrap_or(Value::Null);
    G::deserialize(Value::Object(Map::from_iter([(key.to_owned(), value)]))).map_err(E::custom)
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
        extra: super::Unlisted,
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
        assert_eq!(contact.extra.get()["mood"], "kept");
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
        assert_eq!(contact.extra.get().get("phone"), Some(&json!([1])));
        assert_eq!(contact.extra.get().len(), 1);
        let mut written = contact.clone();
        written
            .extra
            .get_mut()
            .insert("email".into(), json!("stale"));
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
        assert_eq!(odd.extra.get().get("phone"), Some(&json!("not a list")));
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

    #[derive(Debug, Clone, PartialEq)]
    struct Booking {
        id: String,
        reach: Reach,
        extra: super::Unlisted,
    }
    crate::wire_struct!(Booking, extra, id("id"), @group reach(required));

    #[test]
    fn required_fields_and_groups_must_be_present() {
        let text = r#"{"phone":[2],"id":"b","email":"e","x":1}"#;
        let booking: Booking = serde_json::from_str(text).unwrap();
        assert_eq!(booking.id, "b");
        // The member the docs list first, whatever the order; the other stays as it came.
        assert_eq!(booking.reach, Reach::Email("e".into()));
        assert_eq!(booking.extra.get().get("phone"), Some(&json!([2])));
        let tree: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::from_value::<Booking>(tree).unwrap(), booking);
        assert_eq!(
            serde_json::to_string(&booking).unwrap(),
            r#"{"id":"b","email":"e","phone":[2],"x":1}"#
        );
        let error = serde_json::from_str::<Booking>(r#"{"id":"b"}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("none of `email`, `phone` is present"),
            "{error}"
        );
        let error = serde_json::from_str::<Booking>(r#"{"email":"e"}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("missing field `id`"),
            "{error}"
        );
        let error = serde_json::from_str::<Booking>(r#"{"id":"b","phone":"p"}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("at `phone`: invalid type"),
            "{error}"
        );
    }

    #[test]
    fn keys_are_matched_exactly_and_fields_beyond_128_are_tracked() {
        let visit: Visit =
            serde_json::from_str(r#"{"Rooms":["b"],"note":2,"rooms":["a"],"mood":1}"#).unwrap();
        assert_eq!(visit.rooms, ["a"]);
        assert_eq!(visit.note, Some(serde_json::json!(2)));
        let extra: Vec<&String> = visit.extra.get().keys().collect();
        assert_eq!(extra, ["Rooms", "mood"]);
        let mut seen = super::Seen::new(200);
        for index in [0, 127, 128, 199] {
            assert!(!seen.contains(index));
            seen.insert(index);
            assert!(seen.contains(index));
        }
        assert!(!seen.contains(1) && !seen.contains(129));
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Visit {
        at: Option<crate::Timestamp>,
        rooms: Vec<String>,
        note: Option<crate::Json>,
        extra: super::Unlisted,
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
        assert_eq!(from_text.extra.get()["mood"], json!({"x": 1}));
        assert_eq!(from_text.extra.get()["escaped"], 2);
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
        visit.extra.get_mut().insert("rooms".into(), json!("stale"));
        visit.extra.get_mut().insert("kept".into(), json!(1));
        assert_eq!(
            serde_json::to_string(&visit).unwrap(),
            r#"{"rooms":[],"kept":1}"#
        );
        assert!(super::is_null(&Some(None::<u8>)));
        assert!(!super::is_null(&Some(vec![0u8])));
    }
}
