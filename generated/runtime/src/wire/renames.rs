//! SDK key renames: the JavaScript SDK sends `_id`, `_createdDate` and `_updatedDate` as REST's
//! `id`, `createdDate` and `updatedDate` at every depth (and back in answers); the pairs are the
//! contract's, which the generator uses too.

use super::shape::Shape;
use crate::contract::SDK_RENAMES;
use serde_json::{Map, Value};

/// What the JavaScript SDK does to every request: `_id`, `_createdDate` and `_updatedDate`
/// become `id`, `createdDate` and `updatedDate` at every depth, in objects the docs describe
/// and in those they don't (a free-form `filter`, user data); a dotted key (`info._id`) is
/// renamed segment by segment, and so is the `fieldName` of a `sort`. A key already there is
/// never overwritten: the name that would collide stays as it is.
pub fn sdk_names_to_rest(value: &mut Value) {
    rename_everywhere(value, true);
}

/// What the JavaScript SDK does to every response: `id`, `createdDate` and `updatedDate`
/// become `_id`, `_createdDate` and `_updatedDate` at every depth, dotted keys segment by
/// segment, never over a key already there.
pub fn rest_names_to_sdk(value: &mut Value) {
    rename_everywhere(value, false);
}

/// One name in the other naming, if it has another.
fn rename(name: &str, to_rest: bool) -> Option<&'static str> {
    SDK_RENAMES.iter().find_map(|(sdk, rest)| {
        let (from, to) = if to_rest { (sdk, rest) } else { (rest, sdk) };
        (name == *from).then_some(*to)
    })
}

/// A key or a sort's field path in the other naming, segment by segment (`info._id` →
/// `info.id`); `None` when no segment changes.
fn rename_path(path: &str, to_rest: bool) -> Option<String> {
    let mut changed = false;
    let segments: Vec<&str> = path
        .split('.')
        .map(|segment| match rename(segment, to_rest) {
            Some(to) => {
                changed = true;
                to
            }
            None => segment,
        })
        .collect();
    changed.then(|| segments.join("."))
}

fn rename_keys(map: &mut Map<String, Value>, to_rest: bool) {
    let renamed: Vec<(String, String)> = map
        .keys()
        .filter_map(|key| rename_path(key, to_rest).map(|to| (key.clone(), to)))
        .collect();
    for (from, to) in renamed {
        if map.contains_key(&to) {
            continue;
        }
        if let Some(inner) = map.remove(&from) {
            map.insert(to, inner);
        }
    }
}

/// The `fieldName` of each sort criterion under `sort` (one object or a list of them).
fn rename_sort_fields(map: &mut Map<String, Value>) {
    let criteria: Vec<&mut Value> = match map.get_mut("sort") {
        Some(Value::Array(items)) => items.iter_mut().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => return,
    };
    for criterion in criteria {
        if let Some(Value::String(field)) = criterion.get_mut("fieldName") {
            if let Some(to) = rename_path(field, true) {
                *field = to;
            }
        }
    }
}

fn rename_everywhere(value: &mut Value, to_rest: bool) {
    rename_guided(value, to_rest, None);
}

/// The renames of [`sdk_names_to_rest`] (`to_rest`) or [`rest_names_to_sdk`], after `shape`
/// has renamed what it lists: the walk follows the shape into the objects it describes, and in
/// answers leaves the values it marks verbatim (rich content) as they are. Requests are renamed
/// throughout: REST reads only its own names.
pub(crate) fn rename_guided(value: &mut Value, to_rest: bool, shape: Option<&Shape>) {
    // An explicit stack: no recursion for the server to exhaust.
    let mut pending = vec![(value, shape)];
    while let Some((value, shape)) = pending.pop() {
        match value {
            Value::Object(map) => {
                rename_keys(map, to_rest);
                if to_rest {
                    rename_sort_fields(map);
                }
                for (key, inner) in map.iter_mut() {
                    match shape.and_then(|s| s.field_named(key, to_rest)) {
                        Some(field) if field.verbatim && !to_rest => {}
                        // A converted value is the conversion's own: renamed throughout.
                        Some(field) if field.conversion.is_none() => {
                            pending.push((inner, field.nested))
                        }
                        _ => pending.push((inner, None)),
                    }
                }
            }
            Value::Array(items) => pending.extend(items.iter_mut().map(|item| (item, shape))),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dotted_keys_and_sort_fields_are_renamed_segment_by_segment() {
        // Recorded: probe `rename_dotted_keys_and_sort_values`.
        let mut request = json!({"query": {
            "filter": {
                "info._id": "5eed0004",
                "_createdDate.seconds": 1,
                "$and": [{"_id": "5eed0005"}, {"x._updatedDate": 2}]
            },
            "sort": [{"fieldName": "info._createdDate", "order": "ASC"}, {"fieldName": "_id"}]
        }});
        sdk_names_to_rest(&mut request);
        assert_eq!(
            request,
            json!({"query": {
                "filter": {
                    "info.id": "5eed0004",
                    "createdDate.seconds": 1,
                    "$and": [{"id": "5eed0005"}, {"x.updatedDate": 2}]
                },
                "sort": [{"fieldName": "info.createdDate", "order": "ASC"}, {"fieldName": "id"}]
            }})
        );
    }

    #[test]
    fn only_a_sort_has_its_field_names_renamed() {
        // Recorded: `listLocations` sends `sort.fieldName` renamed, `listMembers` and
        // `listMessages` send `sorting[].fieldName` as given.
        let mut request = json!({
            "sort": {"fieldName": "_createdDate"},
            "sorting": [{"fieldName": "_createdDate"}]
        });
        sdk_names_to_rest(&mut request);
        assert_eq!(
            request,
            json!({
                "sort": {"fieldName": "createdDate"},
                "sorting": [{"fieldName": "_createdDate"}]
            })
        );
    }

    #[test]
    fn a_rename_never_overwrites_a_key_already_there() {
        // Recorded: probe `rename_collision_id_and__id`, both ways.
        let mut request = json!({"items": [{"_id": "7", "id": "8", "email": "a@example.com"}]});
        sdk_names_to_rest(&mut request);
        assert_eq!(
            request,
            json!({"items": [{"_id": "7", "id": "8", "email": "a@example.com"}]})
        );
        let mut answer = json!({"contact": {"id": "9", "_id": "server-side-underscore"}});
        rest_names_to_sdk(&mut answer);
        assert_eq!(
            answer,
            json!({"contact": {"id": "9", "_id": "server-side-underscore"}})
        );
        let mut answer = json!({"contacts": [{"id": "6", "info": {"createdDate": "d"}}]});
        rest_names_to_sdk(&mut answer);
        assert_eq!(
            answer,
            json!({"contacts": [{"_id": "6", "info": {"_createdDate": "d"}}]})
        );
    }
}
