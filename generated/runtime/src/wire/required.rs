//! Required fields: the paths a method documents as required, checked in the request before
//! it is sent, so that a missing one fails with its name instead of a server error.

use serde_json::Value;

/// The first of `paths` the request lacks, as a concrete path (`order.notes[1].id`). A path is
/// required whenever its parent is there: `order.notes.id` asks nothing of a request without
/// `order` or without `notes`, and asks it of every element of `notes`. A `null` is missing.
pub fn missing_required(request: &Value, paths: &[&str]) -> Option<String> {
    paths.iter().find_map(|path| {
        let segments: Vec<&str> = path.split('.').collect();
        missing_in(request, &segments, String::new())
    })
}

fn missing_in(value: &Value, segments: &[&str], at: String) -> Option<String> {
    let (first, rest) = segments.split_first()?;
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| missing_in(item, segments, format!("{at}[{i}]"))),
        Value::Object(map) => {
            let here = if at.is_empty() {
                first.to_string()
            } else {
                format!("{at}.{first}")
            };
            match map.get(*first) {
                // The last segment is what is required; an absent parent asks nothing.
                None | Some(Value::Null) => rest.is_empty().then_some(here),
                Some(inner) => missing_in(inner, rest, here),
            }
        }
        // A scalar where an object was expected: the types already say what it holds.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn required_paths_apply_where_their_parent_is() {
        let paths = ["order.lineItems", "order.notes.id"];
        assert_eq!(
            missing_required(&json!({}), &paths),
            None,
            "no order, nothing asked"
        );
        assert_eq!(
            missing_required(&json!({"order": {}}), &paths).as_deref(),
            Some("order.lineItems")
        );
        let order = json!({"order": {"lineItems": [], "notes": [{"id": "a"}, {"text": "b"}]}});
        assert_eq!(
            missing_required(&order, &paths).as_deref(),
            Some("order.notes[1].id")
        );
        let order = json!({"order": {"lineItems": null}});
        assert_eq!(
            missing_required(&order, &paths).as_deref(),
            Some("order.lineItems")
        );
        let order = json!({"order": {"lineItems": [], "notes": [{"id": "a"}]}});
        assert_eq!(missing_required(&order, &paths), None);
    }
}
