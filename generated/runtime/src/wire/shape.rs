//! SDK ↔ REST shapes: which keys of an SDK-named object travel under another REST name,
//! and where nested objects have shapes of their own; generated per method from the pairing
//! of its two listings.

use super::field_mask::field_mask;
use serde_json::Value;

/// How an SDK-named object maps to REST: keys renamed (`_id` → `id`), and nested objects with
/// shapes of their own. Arrays take the shape of their elements. Generated per method from the
/// pairing of its two listings.
#[derive(Debug)]
pub struct Shape {
    /// The keys that differ or hold shapes of their own; other keys pass unchanged.
    pub fields: &'static [ShapeField],
}

/// One key of a [`Shape`].
#[derive(Debug)]
pub struct ShapeField {
    /// The key in the SDK's naming.
    pub sdk: &'static str,
    /// The key in REST's naming.
    pub rest: &'static str,
    /// The shape of its value (or of its array's elements), when it has one.
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
