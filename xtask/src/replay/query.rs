//! The REST request a GET or DELETE query encodes, read back with the request type's fields:
//! dotted keys nest, a repeated key (or a list field) is an array, and text becomes the number or
//! boolean the field holds. A `.r` parameter is the whole request as base64url JSON.

use base64::Engine;
use serde_json::{Map, Value};
use wixgen::resolve::{RustIdent, RustType, StructModel, TypeModel};

/// The request `pairs` encode, for the request struct `request` among `types`.
pub fn request_from_query(
    pairs: &[(String, String)],
    request: &RustIdent,
    types: &[TypeModel],
) -> Value {
    if let [(key, value)] = pairs {
        if key == ".r" {
            if let Some(json) = decode_r(value) {
                return json;
            }
        }
    }
    let root = Some(RustType::Named(request.clone()));
    let mut object = Map::new();
    for (key, value) in pairs {
        let segments: Vec<&str> = key.split('.').collect();
        insert(&mut object, &segments, value, root.as_ref(), types);
    }
    Value::Object(object)
}

/// The JSON a `.r` parameter holds (base64url, padded or not).
pub fn decode_r(value: &str) -> Option<Value> {
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let bytes = engine.decode(value.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn insert(
    object: &mut Map<String, Value>,
    segments: &[&str],
    value: &str,
    parent: Option<&RustType>,
    types: &[TypeModel],
) {
    let Some((first, rest)) = segments.split_first() else {
        return;
    };
    let ty = parent.and_then(|p| field_type(p, first, types));
    if rest.is_empty() {
        let scalar = scalar(value, ty.as_ref().map(element));
        match (object.get_mut(*first), ty.as_ref().map(unboxed)) {
            (Some(Value::Array(items)), _) => items.push(scalar),
            (Some(existing), _) => *existing = Value::Array(vec![existing.take(), scalar]),
            (None, Some(RustType::Vec(_))) => {
                object.insert(first.to_string(), Value::Array(vec![scalar]));
            }
            (None, _) => {
                object.insert(first.to_string(), scalar);
            }
        }
        return;
    }
    let child = object
        .entry(first.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(child) = child {
        insert(child, rest, value, ty.as_ref(), types);
    }
}

fn unboxed(ty: &RustType) -> &RustType {
    match ty {
        RustType::Boxed(inner) => unboxed(inner),
        other => other,
    }
}

/// A list's element type, or the type itself.
fn element(ty: &RustType) -> &RustType {
    match unboxed(ty) {
        RustType::Vec(inner) => unboxed(inner),
        other => other,
    }
}

/// The type of field `json` of the struct `parent` names (ONE-OF members included).
fn field_type(parent: &RustType, json: &str, types: &[TypeModel]) -> Option<RustType> {
    let RustType::Named(name) = element(parent) else {
        return None;
    };
    let structure: &StructModel = types.iter().find_map(|t| match t {
        TypeModel::Struct(s) if &s.name == name => Some(s),
        _ => None,
    })?;
    if let Some(field) = structure.fields.iter().find(|f| f.json == json) {
        return Some(field.ty.clone());
    }
    structure.one_ofs.iter().find_map(|group| {
        types.iter().find_map(|t| match t {
            TypeModel::OneOf(o) if o.name == group.enum_name => o
                .variants
                .iter()
                .find(|v| v.json == json)
                .map(|v| v.ty.clone()),
            _ => None,
        })
    })
}

/// Query text as the JSON value a field of type `ty` holds.
fn scalar(text: &str, ty: Option<&RustType>) -> Value {
    match ty {
        Some(RustType::Integer) => text
            .parse::<i64>()
            .map_or_else(|_| text.into(), Value::from),
        Some(RustType::Number) => match text.parse::<f64>() {
            Ok(number) if number.is_finite() => Value::from(number),
            _ => text.into(),
        },
        Some(RustType::Boolean) => match text {
            "true" => true.into(),
            "false" => false.into(),
            _ => text.into(),
        },
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wixgen::resolve::FieldModel;

    fn field(json: &str, ty: RustType) -> FieldModel {
        FieldModel {
            ident: RustIdent::new(json),
            json: json.to_string(),
            ty,
            required: false,
            doc: String::new(),
            setter: None,
            field_mask: false,
        }
    }

    fn structure(name: &str, fields: Vec<FieldModel>) -> TypeModel {
        TypeModel::Struct(StructModel {
            name: RustIdent::new(name),
            doc: String::new(),
            fields,
            one_ofs: Vec::new(),
            extra: RustIdent::new("extra"),
            extra_accessors: [RustIdent::new("extra"), RustIdent::new("extra_mut")],
            constructor: RustIdent::new("new"),
            default: true,
        })
    }

    #[test]
    fn pairs_become_the_typed_request() {
        let types = vec![
            structure(
                "Req",
                vec![
                    field("paging", RustType::Named(RustIdent::new("Paging"))),
                    field("fields", RustType::Vec(Box::new(RustType::String))),
                    field("flag", RustType::Boolean),
                ],
            ),
            structure("Paging", vec![field("limit", RustType::Integer)]),
        ];
        let pairs: Vec<(String, String)> = [
            ("paging.limit", "5"),
            ("fields", "A"),
            ("flag", "true"),
            ("other", "x"),
            ("other", "y"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            request_from_query(&pairs, &RustIdent::new("Req"), &types),
            json!({"paging": {"limit": 5}, "fields": ["A"], "flag": true, "other": ["x", "y"]})
        );
    }

    #[test]
    fn a_dot_r_parameter_is_the_whole_request() {
        let encoded =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"a":[{"b":1}]}"#);
        let pairs = vec![(".r".to_string(), encoded)];
        assert_eq!(
            request_from_query(&pairs, &RustIdent::new("Req"), &[]),
            json!({"a": [{"b": 1}]})
        );
    }
}
