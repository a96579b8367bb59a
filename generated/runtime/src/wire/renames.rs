//! SDK key renames: the JavaScript SDK sends `_id`, `_createdDate` and `_updatedDate` as REST's
//! `id`, `createdDate` and `updatedDate` at every depth (and back in answers); the pairs are the
//! contract's, which the generator uses too.

use crate::contract::SDK_RENAMES;
use serde_json::Value;

/// What the JavaScript SDK does to every request: `_id`, `_createdDate` and `_updatedDate`
/// become `id`, `createdDate` and `updatedDate` at every depth, in objects the docs describe
/// and in those they don't (a free-form `filter`, user data), and so do those names as the
/// `fieldName` of a sort.
pub fn sdk_names_to_rest(value: &mut Value) {
    rename_everywhere(value, true);
}

/// What the JavaScript SDK does to every response: `id`, `createdDate` and `updatedDate`
/// become `_id`, `_createdDate` and `_updatedDate` at every depth.
pub fn rest_names_to_sdk(value: &mut Value) {
    rename_everywhere(value, false);
}

fn rename_everywhere(value: &mut Value, to_rest: bool) {
    let rename = |name: &str| {
        SDK_RENAMES.iter().find_map(|(sdk, rest)| {
            let (from, to) = if to_rest { (sdk, rest) } else { (rest, sdk) };
            (name == *from).then_some(*to)
        })
    };
    // An explicit stack: no recursion for the server to exhaust.
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(map) => {
                // A rename never overwrites a key that is already there: `{"id": …, "_id": …}`
                // keeps both, as the JavaScript SDK sends them.
                let renamed: Vec<(String, &str)> = map
                    .keys()
                    .filter_map(|key| rename(key).map(|to| (key.clone(), to)))
                    .filter(|(_, to)| !map.contains_key(*to))
                    .collect();
                for (from, to) in renamed {
                    if let Some(inner) = map.remove(&from) {
                        map.insert(to.to_string(), inner);
                    }
                }
                if to_rest {
                    if let Some(Value::String(field)) = map.get_mut("fieldName") {
                        if let Some(to) = rename(field) {
                            *field = to.to_string();
                        }
                    }
                }
                pending.extend(map.values_mut());
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_rename_never_overwrites_a_key_that_is_there() {
        let mut value =
            json!({"service": {"id": "from-argument", "_id": "own", "_createdDate": "d"}});
        sdk_names_to_rest(&mut value);
        assert_eq!(
            value,
            json!({"service": {"id": "from-argument", "_id": "own", "createdDate": "d"}})
        );
    }
}
