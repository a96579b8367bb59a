//! The examples' JSON: values found by dotted path, and the one place that tells an IR type
//! from JSON values.

use crate::schema::Type;
use serde_json::Value;

/// `path.name`, or `name` at the top.
pub(crate) fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// The JSON values at a dotted path in the example bodies, looking through arrays on the way.
pub(crate) fn values_at<'v>(bodies: &'v [Value], path: &str) -> Vec<&'v Value> {
    let mut values: Vec<&Value> = bodies.iter().collect();
    for key in path.split('.').filter(|k| !k.is_empty()) {
        values = values
            .into_iter()
            .flat_map(elements)
            .filter_map(|v| v.get(key))
            .collect();
    }
    values
}

/// A value, or the elements of an array value.
fn elements(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().flat_map(elements).collect(),
        other => vec![other],
    }
}

/// The type one value shows: arrays by their first non-null element, integers apart from
/// numbers, `null` as any JSON value.
pub(crate) fn type_of(value: &Value) -> Type {
    match value {
        Value::Array(items) => Type::Array(Box::new(
            items
                .iter()
                .find(|v| !v.is_null())
                .map_or(Type::Any, type_of),
        )),
        Value::Null => Type::Any,
        scalar => scalar_type(scalar),
    }
}

/// The one type all `values` share, if they share one: `null`s say nothing, an array's
/// elements must share theirs, integers and numbers together are numbers.
pub(crate) fn common_type(values: &[&Value]) -> Option<Type> {
    let mut found: Option<Type> = None;
    for value in values {
        let ty = match value {
            Value::Null => continue,
            Value::Array(items) => {
                Type::Array(Box::new(common_type(&items.iter().collect::<Vec<_>>())?))
            }
            scalar => scalar_type(scalar),
        };
        found = match found {
            None => Some(ty),
            Some(Type::Integer) if ty == Type::Number => Some(Type::Number),
            Some(Type::Number) if ty == Type::Integer => Some(Type::Number),
            Some(prev) if prev == ty => Some(prev),
            Some(_) => return None,
        };
    }
    found
}

/// The type of a value that is no array and not `null`.
fn scalar_type(value: &Value) -> Type {
    match value {
        Value::Bool(_) => Type::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => Type::Integer,
        Value::Number(_) => Type::Number,
        Value::String(_) => Type::String,
        _ => Type::Object,
    }
}
