//! The Wix wire format (JSON names, timestamps, proto3 numbers, the SDK's renames), one
//! conversion per file: what generated code and the client turn into JSON, query strings and
//! paths, and back. A new conversion gets a file of its own.

pub mod address;
pub mod answer_field;
pub mod enums;
pub mod field_mask;
pub mod fields;
pub mod media;
pub mod no_content;
pub mod paths;
pub mod proto3;
pub mod query;
pub mod renames;
pub mod required;
pub mod sdk_request;
pub mod shape;
pub mod timestamp;
pub mod unlisted;

use serde_json::Value;

/// A scalar as the text a path segment or query value carries; `None` for objects, arrays and
/// `null`.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
