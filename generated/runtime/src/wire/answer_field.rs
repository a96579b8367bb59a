//! SDK answers that are one field of the REST answer: `createService` is answered
//! `{"service": {…}}` and the JavaScript SDK returns the service, `createSecret` is answered
//! `{"id": "…"}` and returns the id. The generator decides which field from the page.

use serde_json::Value;

/// The SDK's answer inside the REST answer: the value of `field`, `null` when the answer has
/// none (which an optional answer reads as `None`; other answers fail with
/// [`missing_field`]'s message).
pub fn take_answer_field(answer: Value, field: &str) -> Value {
    match answer {
        Value::Object(mut map) => map.remove(field).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// The REST answer around an SDK answer (what a mock server sends): `{field: value}`, and `{}`
/// for `null`.
#[cfg(any(feature = "testing", test))]
pub fn wrap_answer_field(value: Value, field: &str) -> Value {
    let mut map = serde_json::Map::new();
    if !value.is_null() {
        map.insert(field.to_string(), value);
    }
    Value::Object(map)
}

/// Why an answer without the field the method returns does not decode.
pub fn missing_field(field: &str) -> String {
    format!("the answer has no `{field}`, which the method returns")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_field_is_taken_out_and_put_back() {
        let answer = json!({"service": {"id": "s"}, "other": 1});
        assert_eq!(take_answer_field(answer, "service"), json!({"id": "s"}));
        assert_eq!(take_answer_field(json!({"id": "x"}), "id"), json!("x"));
        assert_eq!(
            wrap_answer_field(json!({"id": "s"}), "service"),
            json!({"service": {"id": "s"}})
        );
    }

    #[test]
    fn a_missing_field_is_null_and_null_is_an_empty_answer() {
        assert_eq!(take_answer_field(json!({}), "id"), Value::Null);
        assert_eq!(take_answer_field(Value::Null, "id"), Value::Null);
        assert_eq!(wrap_answer_field(Value::Null, "id"), json!({}));
    }
}
