//! The JSON fields a generated struct's docs don't list, kept so that what the server sent goes
//! back unchanged.
//!
//! Most answers are read and a few documented fields used: what the docs don't list is rarely
//! looked at. So it is kept as it came and made into a map only when asked for. Read from JSON
//! text, a struct's undocumented fields are one JSON object's text, each value copied out of
//! the input in one piece as serde_json skips over it (no tree built, one buffer for all of
//! them); read from a tree, they are the tree's values in a map.

use super::fields::Key;
use crate::JsonObject;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;
use std::sync::OnceLock;

/// A generated struct's undocumented fields. Nothing is allocated (and nothing dropped) until
/// there is one, and the struct carries one pointer for them.
#[derive(Clone, Default)]
pub struct Unlisted(Option<Box<Fields>>);

/// The kept object's text: most structs keep one or two short fields, which fit in the
/// allocation that holds [`Fields`], so that keeping them allocates once.
type Text = smallvec::SmallVec<[u8; 200]>;

// Fields live behind the one pointer of `Unlisted`: the kept text's room is the point.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum Fields {
    /// As they were read: the text of a JSON object of them, in the order they came, made into
    /// `map` the first time they are asked for.
    Kept {
        text: Text,
        map: OnceLock<JsonObject>,
    },
    /// A map: read from a tree, asked for to be changed, or built by the user.
    Map(JsonObject),
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
            Some(Fields::Kept { text, map }) => map.get_or_init(|| parsed(text)),
        }
    }

    /// The fields, to change.
    pub fn get_mut(&mut self) -> &mut JsonObject {
        let fields = self
            .0
            .get_or_insert_with(|| Box::new(Fields::Map(JsonObject::new())));
        if let Fields::Kept { text, map } = &mut **fields {
            let map = map.take().unwrap_or_else(|| parsed(text));
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
            // Kept only once there is a field.
            Some(Fields::Kept { .. }) => false,
        }
    }

    /// Whether a field is kept under `key`; nothing is made into a map to tell.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        match self.0.as_deref() {
            None => false,
            Some(Fields::Map(map)) => map.contains_key(key),
            Some(Fields::Kept { text, .. }) => entries(text).iter().any(|(k, _)| k == key),
        }
    }

    /// The field under `key`, taken out.
    pub(crate) fn remove(&mut self, key: &str) -> Option<Value> {
        self.0.as_ref()?;
        self.get_mut().remove(key)
    }

    /// The value of the entry whose key `key` was just read from `map`, kept: as its text when
    /// the key lay in the input (the input is JSON text serde_json can lend), in a map of trees
    /// otherwise.
    pub(crate) fn read<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Key<'de>,
    ) -> Result<(), A::Error> {
        match key {
            Key::Borrowed(key) => match map.next_value_seed(AsText)? {
                Lent::Text(text) => self.keep_text(key, text.as_str()),
                Lent::Tree(value) => {
                    self.get_mut().insert(key.to_owned(), value);
                }
            },
            Key::Owned(key) => {
                let value = map.next_value()?;
                self.get_mut().insert(key, value);
            }
        }
        Ok(())
    }

    /// One more entry of the kept object's text.
    fn keep_text(&mut self, key: &str, value: &str) {
        let fields = self.0.get_or_insert_with(|| {
            Box::new(Fields::Kept {
                text: Text::new(),
                map: OnceLock::new(),
            })
        });
        let (text, map) = match &mut **fields {
            Fields::Kept { text, map } => (text, map),
            Fields::Map(map) => {
                map.insert(key.to_owned(), value_of(value));
                return;
            }
        };
        map.take();
        text.reserve(key.len() + value.len() + 4);
        match text.last_mut() {
            None => text.push(b'{'),
            Some(end) => *end = b',',
        }
        if key.bytes().any(|b| ESCAPED[usize::from(b)]) {
            text.extend_from_slice(Value::from(key).to_string().as_bytes());
        } else {
            text.push(b'"');
            text.extend_from_slice(key.as_bytes());
            text.push(b'"');
        }
        text.push(b':');
        text.extend_from_slice(value.as_bytes());
        text.push(b'}');
    }
}

/// The bytes a JSON string escapes: a key lent by serde_json has none (it lends only keys
/// without escapes), but another deserializer may lend any text.
const ESCAPED: [bool; 256] = {
    let mut escaped = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        escaped[byte] = true;
        byte += 1;
    }
    escaped[b'"' as usize] = true;
    escaped[b'\\' as usize] = true;
    escaped
};

/// Only a struct that keeps fields has anything to drop; the test stays with the struct's own
/// drop, the dropping out of it.
impl Drop for Unlisted {
    #[inline]
    fn drop(&mut self) {
        if let Some(fields) = self.0.take() {
            drop_fields(fields);
        }
    }
}

#[inline(never)]
fn drop_fields(fields: Box<Fields>) {
    drop(fields);
}

fn empty() -> &'static JsonObject {
    static EMPTY: OnceLock<JsonObject> = OnceLock::new();
    EMPTY.get_or_init(JsonObject::new)
}

/// The kept object's entries, in order, each value as its text.
fn entries(text: &[u8]) -> Vec<(String, &RawValue)> {
    struct Entries<'a>(Vec<(String, &'a RawValue)>);
    impl<'de> Deserialize<'de> for Entries<'de> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(EntriesVisitor)
        }
    }
    struct EntriesVisitor;
    impl<'de> Visitor<'de> for EntriesVisitor {
        type Value = Entries<'de>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
            let mut entries = Vec::new();
            while let Some(entry) = map.next_entry()? {
                entries.push(entry);
            }
            Ok(Entries(entries))
        }
    }
    // The text is built of keys and values serde_json found to be JSON.
    serde_json::from_slice::<Entries>(text)
        .expect("kept fields are a JSON object")
        .0
}

/// The kept object as a map; a key given twice keeps its last value, as JSON maps do.
fn parsed(text: &[u8]) -> JsonObject {
    entries(text)
        .into_iter()
        .map(|(key, value)| (key, value_of(value.get())))
        .collect()
}

/// A kept value's tree. The text is what serde_json found to be one JSON value; only a number
/// beyond what a double holds (`1e400`) fails to read as a tree, and is kept as its text.
fn value_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.into()))
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

/// A value as [`AsText`] read it.
enum Lent<'de> {
    /// Its JSON text, from an input that could lend it.
    Text(Key<'de>),
    /// Its tree.
    Tree(Value),
}

impl<'de> DeserializeSeed<'de> for AsText {
    type Value = Lent<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Lent<'de>, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE, self)
    }
}

impl<'de> Visitor<'de> for AsText {
    type Value = Lent<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    /// serde_json lends the text as the only entry of a map under its name; any other map is
    /// the value itself.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lent<'de>, A::Error> {
        let mut object = JsonObject::new();
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return Ok(Lent::Tree(Value::Object(object)));
        };
        if first.as_str() == RAW_VALUE {
            let text: Key<'de> = map.next_value()?;
            return Ok(Lent::Text(text));
        }
        object.insert(first.into_owned(), map.next_value()?);
        while let Some((key, value)) = map.next_entry()? {
            object.insert(key, value);
        }
        Ok(Lent::Tree(Value::Object(object)))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Lent<'de>, D::Error> {
        Value::deserialize(deserializer).map(Lent::Tree)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Lent<'de>, D::Error> {
        Value::deserialize(deserializer).map(Lent::Tree)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Lent<'de>, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Lent::Tree)
    }

    fn visit_unit<E>(self) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(Value::Null))
    }

    fn visit_bool<E>(self, value: bool) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(Value::Bool(value)))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(value.into()))
    }

    fn visit_string<E>(self, value: String) -> Result<Lent<'de>, E> {
        Ok(Lent::Tree(value.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::{Fields, Lent, Unlisted};
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

    fn read(text: &str) -> Lent<'_> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        super::AsText.deserialize(&mut deserializer).unwrap()
    }

    #[test]
    fn from_text_a_value_is_kept_as_its_text_and_from_anything_else_as_a_tree() {
        let text = r#"{"a": [1, {"b": null}], "c": "d\u00e9"}"#;
        assert!(matches!(read(text), Lent::Text(kept) if kept.as_str() == text));
        assert!(matches!(read(" 1.5"), Lent::Text(kept) if kept.as_str() == "1.5"));
        // serde_json writes a tree out to lend its text, which is why a tree's entries (their
        // keys are not borrowed) are kept as trees without asking.
        let tree: Value = serde_json::from_str(text).unwrap();
        let written = tree.to_string();
        let kept = super::AsText.deserialize(tree).unwrap();
        assert!(matches!(kept, Lent::Text(kept) if kept.as_str() == written));
        // A deserializer that does not lend text gives the tree, whatever the value.
        type E = serde::de::value::Error;
        let tree = |d: Result<Lent, E>| match d.unwrap() {
            Lent::Tree(value) => value,
            Lent::Text(text) => panic!("kept as text: {}", text.as_str()),
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

    /// The text `visit`'s undocumented fields are kept as; `None` for a map.
    fn kept_text(visit: &Visit) -> Option<&str> {
        match visit.extra.0.as_deref() {
            Some(Fields::Kept { text, .. }) => std::str::from_utf8(text).ok(),
            _ => None,
        }
    }

    #[test]
    fn a_struct_read_from_text_keeps_text_and_from_a_tree_keeps_the_tree() {
        let text = r#"{"mood":{"x": [1]},"id":"v","more":2, "mood":3}"#;
        let from_text: Visit = serde_json::from_str(text).unwrap();
        assert_eq!(
            kept_text(&from_text),
            Some(r#"{"mood":{"x": [1]},"more":2,"mood":3}"#)
        );
        assert_eq!(
            serde_json::to_string(&from_text).unwrap(),
            r#"{"id":"v","mood":3,"more":2}"#,
            "the last of a key given twice is kept"
        );
        let from_tree: Visit = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(kept_text(&from_tree), None);
        assert_eq!(from_text, from_tree);
        // An escaped key is not in the input as it reads: the fields become a map of trees.
        let escaped: Visit = serde_json::from_str(r#"{"mood":1,"esc\u0061ped":2}"#).unwrap();
        assert_eq!(kept_text(&escaped), None);
        assert_eq!(
            serde_json::to_string(&escaped).unwrap(),
            r#"{"escaped":2,"mood":1}"#
        );
    }

    #[test]
    fn kept_fields_are_a_map_when_asked_for_and_stay_one_when_changed() {
        let mut unlisted = Unlisted::new();
        unlisted.keep_text("a", r#"{"x": [1, 2]}"#);
        unlisted.keep_text("q\"uote", r#""text""#);
        unlisted.keep_text("a", "3");
        unlisted.keep_text("big", "1e400");
        assert!(!unlisted.is_empty());
        assert!(unlisted.contains_key("q\"uote") && unlisted.contains_key("big"));
        assert!(!unlisted.contains_key("x"));
        let expected = json!({"a": 3, "q\"uote": "text", "big": "1e400"});
        assert_eq!(Value::Object(unlisted.get().clone()), expected);
        assert!(matches!(unlisted.0.as_deref(), Some(Fields::Kept { .. })));
        let copy = unlisted.clone();
        unlisted.get_mut().insert("c".into(), json!(true));
        assert!(matches!(unlisted.0.as_deref(), Some(Fields::Map(_))));
        assert_eq!(unlisted.get().len(), 4);
        assert_eq!(Value::Object(copy.get().clone()), expected);
        let mut copy = copy;
        assert_eq!(copy.remove("a"), Some(json!(3)));
        assert_eq!(copy.remove("a"), None);
        assert_eq!(copy.get().len(), 2);
    }
}
