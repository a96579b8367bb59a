//! SDK requests: an SDK call's positional arguments and options, gathered into the one JSON
//! object the REST endpoint takes.

use serde::Serialize;
use serde_json::{Map, Value};

/// An SDK call's arguments, gathered into the REST request's top level: each positional
/// argument under its name, the options' fields merged in.
#[derive(Debug, Default)]
pub struct SdkRequest {
    body: Map<String, Value>,
    /// Arguments that go inside another argument's object: (object, key, value).
    inside: Vec<(String, String, Value)>,
    error: Option<serde_json::Error>,
}

impl SdkRequest {
    /// A request with no arguments yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an argument (left out when it serializes to `null`).
    pub fn arg<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(Value::Null) => {}
            Ok(value) => {
                self.body.insert(name.to_string(), value);
            }
            Err(e) => self.error = self.error.or(Some(e)),
        }
        self
    }

    /// Adds an argument inside another argument's object, under its REST name (left out when
    /// it serializes to `null`): `updateService(_id, service)` with path `{service.id}` sends
    /// `{"service": {...service, "id": _id}}`. Whatever the order the arguments come in, the
    /// value is placed once the object is there (an absent object becomes `{}`).
    pub fn arg_into<T: Serialize + ?Sized>(mut self, object: &str, key: &str, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(Value::Null) => {}
            Ok(value) => self
                .inside
                .push((object.to_string(), key.to_string(), value)),
            Err(e) => self.error = self.error.or(Some(e)),
        }
        self
    }

    /// Merges an options object's fields into the top level.
    pub fn options<T: Serialize + ?Sized>(mut self, options: &T) -> Self {
        match serde_json::to_value(options) {
            Ok(Value::Object(fields)) => self
                .body
                .extend(fields.into_iter().filter(|(_, v)| !v.is_null())),
            Ok(_) => {}
            Err(e) => self.error = self.error.or(Some(e)),
        }
        self
    }

    pub(crate) fn into_value(mut self) -> Result<Value, serde_json::Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        for (object, key, value) in self.inside {
            let entry = self
                .body
                .entry(object)
                .or_insert_with(|| Value::Object(Map::new()));
            // An object argument that is not an object (a caller's raw JSON) is left as it is.
            if let Value::Object(fields) = entry {
                fields.insert(key, value);
            }
        }
        Ok(Value::Object(self.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_argument_goes_inside_its_object_whatever_the_order() {
        let request = SdkRequest::new()
            .arg_into("service", "id", "s-1")
            .arg("service", &json!({"_id": "own", "revision": "3"}))
            .into_value()
            .unwrap();
        assert_eq!(
            request,
            json!({"service": {"_id": "own", "revision": "3", "id": "s-1"}})
        );
        let without_object = SdkRequest::new()
            .arg_into("label", "key", "k")
            .into_value()
            .unwrap();
        assert_eq!(without_object, json!({"label": {"key": "k"}}));
        let none: Option<&str> = None;
        let skipped = SdkRequest::new()
            .arg_into("label", "key", &none)
            .into_value()
            .unwrap();
        assert_eq!(skipped, json!({}));
    }
}
