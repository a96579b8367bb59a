//! Query strings: GET and DELETE carry their request as query parameters, which hold only
//! flat keys and scalar values, so nested requests are flattened (or sent whole as `.r`).

use super::scalar_text;
use base64::Engine;
use serde_json::Value;

/// A GET or DELETE request as query parameters: nested objects as dotted keys, arrays of
/// scalars as repeated keys, nulls and empty containers left out. A request that cannot be put
/// this way (arrays of objects) travels whole as `.r`: its JSON, base64url without padding.
pub fn query_pairs(request: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if flatten("", request, &mut pairs) {
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
        Value::Object(map) => map.iter().all(|(key, value)| {
            let key = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            flatten(&key, value, pairs)
        }),
        Value::Array(items) => items.iter().all(|item| match scalar_text(item) {
            Some(text) => {
                pairs.push((prefix.to_string(), text));
                true
            }
            None => item.is_null(),
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

    #[test]
    fn query_flattening() {
        let request = json!({"paging": {"limit": 5}, "ids": ["a", "b"], "none": null, "empty": [], "flag": true, "q": "a b/c"});
        assert_eq!(
            query_pairs(&request),
            [
                ("flag", "true"),
                ("ids", "a"),
                ("ids", "b"),
                ("paging.limit", "5"),
                ("q", "a b/c")
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        let nested = json!({"sort": [{"fieldName": "name"}]});
        let pairs = query_pairs(&nested);
        assert_eq!(pairs[0].0, ".r");
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&pairs[0].1)
            .unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&decoded).unwrap(), nested);
    }
}
