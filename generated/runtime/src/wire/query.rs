//! Query strings: GET and DELETE carry their request as query parameters, which hold only
//! flat keys and scalar values, so nested requests are flattened (or sent whole as `.r`).

use super::scalar_text;
use base64::Engine;
use serde_json::Value;

/// A GET or DELETE request as query parameters: nested objects as dotted keys, arrays of
/// scalars as repeated keys, nulls and empty containers left out.
///
/// The request travels whole as `.r` (its JSON, base64url without padding) when it is
/// `complex` (the endpoint declares lists of objects or free-form objects) and anything in it
/// is nested, as the JavaScript SDK sends it; and, whatever the endpoint declares, when it holds
/// a list of objects, which flat parameters cannot carry (the JavaScript SDK leaves such a list
/// out; this sends it).
pub fn query_pairs(request: &Value, complex: bool) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let flat = flatten("", request, &mut pairs);
    let nested = complex && pairs.iter().any(|(key, _)| key.contains('.'));
    if flat && !nested {
        return pairs;
    }
    let json = serde_json::to_vec(request).unwrap_or_default();
    vec![(
        ".r".to_string(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json),
    )]
}

/// Returns false when `value` holds something only `.r` can carry.
fn flatten(prefix: &str, value: &Value, pairs: &mut Vec<(String, String)>) -> bool {
    match value {
        Value::Null => true,
        Value::Object(map) => map.iter().fold(true, |flat, (key, value)| {
            let key = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            flatten(&key, value, pairs) && flat
        }),
        Value::Array(items) => items
            .iter()
            .fold(true, |flat, item| match scalar_text(item) {
                Some(text) => {
                    pairs.push((prefix.to_string(), text));
                    flat
                }
                None => item.is_null() && flat,
            }),
        scalar => {
            pairs.extend(scalar_text(scalar).map(|text| (prefix.to_string(), text)));
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decoded(pairs: &[(String, String)]) -> Value {
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].0, ".r");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&pairs[0].1)
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn query_flattening() {
        let request = json!({"paging": {"limit": 5}, "ids": ["a", "b"], "none": null, "empty": [], "flag": true, "q": "a b/c"});
        assert_eq!(
            query_pairs(&request, false),
            owned(&[
                ("flag", "true"),
                ("ids", "a"),
                ("ids", "b"),
                ("paging.limit", "5"),
                ("q", "a b/c")
            ])
        );
        // Recorded (probe `get_nulls_empties_zero`): `?paging.limit=0&fieldsets=BASIC`.
        let request = json!({"paging": {"limit": 0, "offset": null}, "fields": [], "sort": {}, "fieldsets": ["BASIC", null]});
        assert_eq!(
            query_pairs(&request, false),
            owned(&[("fieldsets", "BASIC"), ("paging.limit", "0")])
        );
    }

    #[test]
    fn a_complex_request_goes_whole_as_dot_r_once_anything_is_nested() {
        // Recorded: `listMessages` sends its paging and sorting as `.r`, and its two top-level
        // arguments alone as flat parameters.
        let nested = json!({"conversationId": "c", "paging": {"limit": 10}, "sorting": {"fieldName": "_createdDate"}});
        assert_eq!(decoded(&query_pairs(&nested, true)), nested);
        let flat = json!({"conversationId": "c", "visibility": "BUSINESS"});
        assert_eq!(
            query_pairs(&flat, true),
            owned(&[("conversationId", "c"), ("visibility", "BUSINESS")])
        );
        // Not declared complex: the same nesting is flattened (`listContacts`).
        assert_eq!(
            query_pairs(&json!({"paging": {"limit": 10}}), false),
            owned(&[("paging.limit", "10")])
        );
    }

    #[test]
    fn a_list_of_objects_is_never_left_out() {
        // Recorded (probe `get_array_of_objects_no_r`): the JS SDK sends only
        // `treeReference.appNamespace` and drops the list; this sends everything as `.r`.
        let request = json!({"items": [{"catalogItemId": "i", "appId": "a"}], "treeReference": {"appNamespace": "@wix/stores"}});
        assert_eq!(decoded(&query_pairs(&request, false)), request);
        assert_eq!(decoded(&query_pairs(&request, true)), request);
    }
}
