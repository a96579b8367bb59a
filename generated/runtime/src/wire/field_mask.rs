//! Field masks: the SDK takes a list of paths (`["a", "b.c"]`), REST one comma-separated
//! string (`"a,b.c"`); some services answer `{"paths": [...]}`. The SDK variant converts them
//! in its shapes; the REST variant's types keep a list for users and read and write the wire
//! form through the serde helpers here.

use crate::wire::fields::wire_form;
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

/// Writes the paths as the wire's one comma-separated string.
pub fn serialize<S: Serializer>(paths: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&paths.join(","))
}

/// Reads the paths from any wire form: `"a,b"`, `["a", "b"]` or `{"paths": ["a", "b"]}`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let paths = field_mask(Value::deserialize(deserializer)?, false);
    Vec::<String>::deserialize(paths).map_err(serde::de::Error::custom)
}

wire_form!(Vec<String>);

/// The same for an `Option`: `None` is `null`.
pub mod option {
    use super::*;

    wire_form!(Option<Vec<String>>);

    /// Writes the paths as the wire's one comma-separated string.
    pub fn serialize<S: Serializer>(
        paths: &Option<Vec<String>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match paths {
            Some(paths) => serializer.serialize_some(&paths.join(",")),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the paths from any wire form; `null` is `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<String>>, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(None),
            value => {
                let paths = field_mask(value, false);
                Vec::<String>::deserialize(paths)
                    .map(Some)
                    .map_err(serde::de::Error::custom)
            }
        }
    }
}

/// A field mask in the other shape: paths joined with `,` for REST; split again for the SDK,
/// which also accepts the `{"paths": [...]}` some services answer with.
pub(super) fn field_mask(value: Value, to_rest: bool) -> Value {
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

#[cfg(test)]
mod tests {
    use crate::wire::shape::{Shape, ShapeField};
    use serde_json::json;

    #[test]
    fn rest_types_keep_a_list_and_travel_as_one_string() {
        // Recorded (`bulkUpdateServices`): `"mask": "_updatedDate,title"` on the wire.
        let wire = json!("_updatedDate,title");
        let paths = super::deserialize(wire.clone()).unwrap();
        assert_eq!(paths, ["_updatedDate", "title"]);
        let written = super::serialize(&paths, serde_json::value::Serializer).unwrap();
        assert_eq!(written, wire);
        // Answers may hold the list or its `{paths}` object (probe
        // `response_fieldmask_paths_object`).
        let listed = super::option::deserialize(json!(["a", "b"])).unwrap();
        assert_eq!(listed, Some(vec!["a".to_string(), "b".to_string()]));
        let object = super::option::deserialize(json!({"paths": ["a"]})).unwrap();
        assert_eq!(object, Some(vec!["a".to_string()]));
        assert_eq!(super::option::deserialize(json!(null)).unwrap(), None);
        assert!(super::deserialize(json!(7)).is_err());
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
