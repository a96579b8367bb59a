//! The JSON fields a generated struct's docs don't list, kept so that what the server sent goes
//! back unchanged.

use crate::JsonObject;
use std::fmt;
use std::sync::OnceLock;

/// A generated struct's undocumented fields. Most objects have none, so nothing is allocated
/// (and nothing dropped) until there is one, and the struct carries one pointer for them.
#[derive(Clone, Default)]
pub struct Unlisted(Option<Box<JsonObject>>);

impl Unlisted {
    /// No fields.
    #[inline]
    pub const fn new() -> Self {
        Unlisted(None)
    }

    /// The fields, as the server sent them.
    #[inline]
    pub fn get(&self) -> &JsonObject {
        match &self.0 {
            Some(fields) => fields,
            None => empty(),
        }
    }

    /// The fields, to change.
    #[inline]
    pub fn get_mut(&mut self) -> &mut JsonObject {
        self.0.get_or_insert_with(Box::default)
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|fields| fields.is_empty())
    }
}

fn empty() -> &'static JsonObject {
    static EMPTY: OnceLock<JsonObject> = OnceLock::new();
    EMPTY.get_or_init(JsonObject::new)
}

/// Equal when they hold the same fields, allocated or not.
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

#[cfg(test)]
mod tests {
    use super::Unlisted;
    use serde_json::json;

    #[test]
    fn nothing_is_allocated_until_a_field_is_kept() {
        let mut unlisted = Unlisted::new();
        assert!(unlisted.is_empty() && unlisted.get().is_empty());
        assert_eq!(unlisted, Unlisted::default());
        assert_eq!(format!("{unlisted:?}"), "{}");
        unlisted.get_mut();
        assert!(unlisted.is_empty());
        assert_eq!(unlisted, Unlisted::new(), "an allocated empty map equals no map");
        unlisted.get_mut().insert("mood".into(), json!(1));
        assert!(!unlisted.is_empty());
        assert_eq!(unlisted.get()["mood"], 1);
        assert_ne!(unlisted, Unlisted::new());
        assert_eq!(format!("{unlisted:?}"), r#"{"mood": Number(1)}"#);
    }
}
