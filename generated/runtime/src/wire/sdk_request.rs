//! SDK requests: an SDK call's positional arguments and options, gathered into the one JSON
//! object the REST endpoint takes.

use serde::Serialize;
use serde_json::{Map, Value};

/// An SDK call's arguments, gathered into the REST request's top level: each positional
/// argument under its name, the options' fields merged in.
#[derive(Debug, Default)]
pub struct SdkRequest {
    body: Map<String, Value>,
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

    pub(crate) fn into_value(self) -> Result<Value, serde_json::Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(Value::Object(self.body)),
        }
    }
}
