//! The JSON fields a generated struct's docs don't list, kept so that what the server sent goes
//! back unchanged.
//!
//! Most answers are read and a few documented fields used: what the docs don't list is rarely
//! looked at. So it is kept as it came and made into a map only when asked for. Read from JSON
//! text, an undocumented field is its text, copied out of the input in one piece as serde_json
//! skips over it (no tree built, one allocation); read from a tree, it is the tree.

use super::fields::Key;
use crate::JsonObject;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::fmt;
use std::sync::OnceLock;

/// A generated struct's undocumented fields. Nothing is allocated (and nothing dropped) until
/// there is one, and the struct carries one pointer for them.
#[derive(Clone, Default)]
pub struct Unlisted(Option<Box<Fields>>);

#[derive(Clone)]
enum Fields {
    /// As they were read, made into `map` the first time they are asked for.
    Kept {
        entries: Vec<(String, Kept)>,
        map: OnceLock<JsonObject>,
    },
    /// A map: asked for to be changed, or built by the user.
    Map(JsonObject),
}

/// One undocumented field's value as it was read.
#[derive(Clone)]
enum Kept {
    /// Its JSON text, from an input that could lend it.
    Text(Box<str>),
    /// Its tree.
    Tree(Value),
}

impl Unlisted {
    /// No fields.
    #[inline]
    pub const fn new() -> Self {
        Unlisted(None)
    }

    /// The fields, as the server sent them.
    #[inline]
    pub fn get(&self) -> &JsonObject {
        match self.0.as_deref() {
            None => empty(),
            Some(Fields::Map(map)) => map,
            Some(Fields::Kept { entries, map }) => {
                map.get_or_init(|| parsed(entries.iter().cloned()))
            }
        }
    }

    /// The fields, to change.
    pub fn get_mut(&mut self) -> &mut JsonObject {
        let fields = self
            .0
            .get_or_insert_with(|| Box::new(Fields::Map(JsonObject::new())));
        if let Fields::Kept { entries, map } = &mut **fields {
            // The entries are given up, so they are moved into the map, not copied.
            let map = map
                .take()
                .unwrap_or_else(|| parsed(std::mem::take(entries)));
            **fields = Fields::Map(map);
        }
        match &mut **fields {
            Fields::Map(map) => map,
            Fields::Kept { .. } => unreachable!("made a map above"),
        }
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        match self.0.as_deref() {
            None => true,
            Some(Fields::Map(map)) => map.is_empty(),
            Some(Fields::Kept { entries, .. }) => entries.is_empty(),
        }
    }

    /// Whether a field is kept under `key`; nothing is made into a map to tell.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        match self.0.as_deref() {
            None => false,
            Some(Fields::Map(map)) => map.contains_key(key),
            Some(Fields::Kept { entries, .. }) => entries.iter().any(|(k, _)| k == key),
        }
    }

    /// The field under `key`, taken out; the others stay as they are kept.
    pub(crate) fn remove(&mut self, key: &str) -> Option<Value> {
        match self.0.as_deref_mut()? {
            Fields::Map(map) => map.remove(key),
            Fields::Kept { entries, map } => {
                map.take();
                let mut last = None;
                entries.retain_mut(|(k, value)| {
                    if k != key {
                        return true;
                    }
                    last = Some(std::mem::replace(value, Kept::Tree(Value::Null)));
                    false
                });
                last.map(Kept::into_value)
            }
        }
    }

    /// The value of the entry whose key `key` was just read from `map`, kept: as its text when
    /// the key lay in the input (the input is JSON text serde_json can lend), as a tree
    /// otherwise.
    pub(crate) fn read<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Key<'de>,
    ) -> Result<(), A::Error> {
        let (key, value) = match key {
            Key::Borrowed(key) => (key.to_owned(), map.next_value_seed(AsText)?),
            Key::Owned(key) => (key, Kept::Tree(map.next_value()?)),
        };
        let fields = self.0.get_or_insert_with(|| {
            Box::new(Fields::Kept {
                // Objects with undocumented fields mostly have a few.
                entries: Vec::with_capacity(4),
                map: OnceLock::new(),
            })
        });
        match &mut **fields {
            Fields::Kept { entries, .. } => entries.push((key, value)),
            Fields::Map(map) => {
                map.insert(key, value.into_value());
            }
        }
        Ok(())
    }
}

fn empty() -> &'static JsonObject {
    static EMPTY: OnceLock<JsonObject> = OnceLock::new();
    EMPTY.get_or_init(JsonObject::new)
}

/// The kept entries as a map; a key given twice keeps its last value, as JSON maps do.
fn parsed(entries: impl IntoIterator<Item = (String, Kept)>) -> JsonObject {
    entries
        .into_iter()
        .map(|(key, value)| (key, value.into_value()))
        .collect()
}

impl Kept {
    fn into_value(self) -> Value {
        match self {
            Kept::Tree(value) => value,
            // The text is what serde_json found to be one JSON value; only a number beyond
            // what a double holds (`1e400`) fails to read as a tree, and is kept as its text.
            Kept::Text(text) => {
                serde_json::from_str(&text).unwrap_or_else(|_| Value::String(text.into()))
            }
        }
    }
}

/// Equal when they hold the same fields, however they are kept.
impl PartialEq for Unlisted {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// As the map of fields.
impl fmt::Debug for Unlisted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// The name under which serde_json lends a value's text (what its `RawValue` asks for). A
/// deserializer that does not know it reads the value as any other, into a tree.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A value read as its JSON text when the deserializer can give it.
struct AsText;

impl<'de> DeserializeSeed<'de> for AsText {
    type Value = Kept;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Kept, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE, self)
    }
}

impl<'de> Visitor<'de> for AsText {
    type Value = Kept;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    /// serde_json lends the text as the only entry of a map under its name; any other map is
    /// the value itself.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kept, A::Error> {
        let mut object = JsonObject::new();
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return Ok(Kept::Tree(Value::Object(object)));
        };
        if first.as_str() == RAW_VALUE {
            let text: Key<'de> = map.next_value()?;
            return Ok(Kept::Text(text.into_owned().into_boxed_str()));
        }
        object.insert(first.into_owned(), map.next_value()?);
        while let Some((key, value)) = map.next_entry()? {
            object.insert(key, value);
        }
        Ok(Kept::Tree(Value::Object(object)))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Kept, D::Error> {
        Value::deserialize(deserializer).map(Kept::Tree)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Kept, D::Error> {
        Value::deserialize(deserializer).map(Kept::Tree)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Kept, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Kept::Tree)
    }

    fn visit_unit<E>(self) -> Result<Kept, E> {
        Ok(Kept::Tree(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Kept, E> {
        Ok(Kept::Tree(Value::Null))
    }

    fn visit_bool<E>(self, value: bool) -> Result<Kept, E> {
        Ok(Kept::Tree(Value::Bool(value)))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Kept, E> {
        Ok(Kept::Tree(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Kept, E> {
        Ok(Kept::Tree(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Kept, E> {
        Ok(Kept::Tree(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Kept, E> {
        Ok(Kept::Tree(value.into()))
    }

    fn visit_string<E>(self, value: String) -> Result<Kept, E> {
        Ok(Kept::Tree(value.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::{Fields, Kept, Unlisted};
    use serde::de::{DeserializeSeed, IntoDeserializer};
    use serde_json::{json, Value};

    #[test]
    fn nothing_is_allocated_until_a_field_is_kept() {
        let mut unlisted = Unlisted::new();
        assert!(unlisted.0.is_none() && unlisted.is_empty() && unlisted.get().is_empty());
        assert_eq!(unlisted, Unlisted::default());
        assert_eq!(format!("{unlisted:?}"), "{}");
        unlisted.get_mut();
        assert!(unlisted.is_empty());
        assert_eq!(
            unlisted,
            Unlisted::new(),
            "an allocated empty map equals no map"
        );
        unlisted.get_mut().insert("mood".into(), json!(1));
        assert!(!unlisted.is_empty());
        assert_eq!(unlisted.get()["mood"], 1);
        assert_ne!(unlisted, Unlisted::new());
        assert_eq!(format!("{unlisted:?}"), r#"{"mood": Number(1)}"#);
    }

    fn read(text: &str) -> Kept {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        super::AsText.deserialize(&mut deserializer).unwrap()
    }

    #[test]
    fn from_text_a_value_is_kept_as_its_text_and_from_anything_else_as_a_tree() {
        let text = r#"{"a": [1, {"b": null}], "c": "d\u00e9"}"#;
        assert!(matches!(read(text), Kept::Text(kept) if &*kept == text));
        assert!(matches!(read(" 1.5"), Kept::Text(kept) if &*kept == "1.5"));
        // serde_json writes a tree out to lend its text, which is why a tree's entries (their
        // keys are not borrowed) are kept as trees without asking.
        let tree: Value = serde_json::from_str(text).unwrap();
        let written = tree.to_string();
        let kept = super::AsText.deserialize(tree).unwrap();
        assert!(matches!(kept, Kept::Text(kept) if *kept == *written));
        // A deserializer that does not lend text gives the tree, whatever the value.
        type E = serde::de::value::Error;
        let tree = |d: Result<Kept, E>| match d.unwrap() {
            Kept::Tree(value) => value,
            Kept::Text(text) => panic!("kept as text: {text}"),
        };
        let map =
            serde::de::value::MapDeserializer::<_, E>::new([("k", 1i64), ("l", 2)].into_iter());
        assert_eq!(
            tree(super::AsText.deserialize(map)),
            json!({"k": 1, "l": 2})
        );
        let seq = serde::de::value::SeqDeserializer::<_, E>::new(["x", "y"].into_iter());
        assert_eq!(tree(super::AsText.deserialize(seq)), json!(["x", "y"]));
        let scalars = [
            (
                tree(super::AsText.deserialize("s".into_deserializer())),
                json!("s"),
            ),
            (
                tree(super::AsText.deserialize((-3i64).into_deserializer())),
                json!(-3),
            ),
            (
                tree(super::AsText.deserialize(2.5f64.into_deserializer())),
                json!(2.5),
            ),
            (
                tree(super::AsText.deserialize(true.into_deserializer())),
                json!(true),
            ),
            (
                tree(super::AsText.deserialize(().into_deserializer())),
                json!(null),
            ),
        ];
        for (read, expected) in scalars {
            assert_eq!(read, expected);
        }
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Visit {
        id: Option<String>,
        extra: Unlisted,
    }
    crate::wire_struct!(Visit, extra, id("id"));

    /// How each undocumented field of `visit` is kept: `true` for text.
    fn as_text(visit: &Visit) -> Vec<bool> {
        match visit.extra.0.as_deref() {
            Some(Fields::Kept { entries, .. }) => entries
                .iter()
                .map(|(_, kept)| matches!(kept, Kept::Text(_)))
                .collect(),
            _ => panic!("not kept as read: {visit:?}"),
        }
    }

    #[test]
    fn a_struct_read_from_text_keeps_text_and_from_a_tree_keeps_the_tree() {
        let text = r#"{"mood":{"x":[1]},"id":"v","esc\u0061ped":2}"#;
        let from_text: Visit = serde_json::from_str(text).unwrap();
        // An escaped key is not in the input as it reads, so its value is read as a tree.
        assert_eq!(as_text(&from_text), [true, false]);
        let from_tree: Visit = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(as_text(&from_tree), [false, false]);
        assert_eq!(from_text, from_tree);
        assert_eq!(
            serde_json::to_string(&from_text).unwrap(),
            r#"{"id":"v","escaped":2,"mood":{"x":[1]}}"#
        );
    }

    #[test]
    fn kept_fields_are_a_map_when_asked_for_and_stay_one_when_changed() {
        let mut unlisted = Unlisted::new();
        let entries = vec![
            ("a".to_string(), read(r#"{"x": [1, 2]}"#)),
            ("b".to_string(), Kept::Tree(json!("tree"))),
            ("a".to_string(), read("3")),
            ("big".to_string(), read("1e400")),
        ];
        unlisted.0 = Some(Box::new(Fields::Kept {
            entries,
            map: Default::default(),
        }));
        let expected = json!({"a": 3, "b": "tree", "big": "1e400"});
        assert_eq!(Value::Object(unlisted.get().clone()), expected);
        let copy = unlisted.clone();
        unlisted.get_mut().insert("c".into(), json!(true));
        assert!(matches!(unlisted.0.as_deref(), Some(Fields::Map(_))));
        assert_eq!(unlisted.get().len(), 4);
        assert_eq!(Value::Object(copy.get().clone()), expected);
    }
}
