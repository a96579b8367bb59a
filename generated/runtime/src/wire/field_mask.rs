//! Field masks: the SDK takes a list of paths (`["a", "b.c"]`), REST one comma-separated
//! string (`"a,b.c"`); some services answer `{"paths": [...]}`.

use serde_json::Value;

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
